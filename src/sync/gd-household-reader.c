/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-household-reader"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "gd-household-reader.h"

/* Where the reader is in the document. Containers nobody indexes are passed over
 * (SKIPPING counts the containers it is inside). */
typedef enum {
  AT_TOP,       /* before the document's object */
  IN_HOUSEHOLD, /* between the document's members */
  IN_LOCATION,  /* between the members of "location" */
  IN_MEMBERS,   /* between the elements of "members" */
  IN_MEMBER,    /* between the members of an object in "members" */
  IN_TAGS,      /* between the elements of a member's "tags" */
  SKIPPING,     /* back to `skip_from` when the container closes */
  DONE,         /* after the document's object */
} Where;

/* What the value after the last member name is for. */
typedef enum {
  WANT_NOTHING,
  WANT_STRING,   /* a string into `slot` */
  WANT_TYPE,
  WANT_MEMBERS,
  WANT_LOCATION,
  WANT_TAGS,
  WANT_LAT,
  WANT_LON,
} Want;

typedef struct {
  const guchar      *text;      /* the document's text, to its end */
  const guchar      *end;
  GdHouseholdFields *fields;
  Where              where;
  Where              skip_from;
  guint              skip_depth;
  Want               want;
  const char       **slot;      /* WANT_STRING: the field in `fields` */
  gboolean           household; /* the last "type" is the string "household" */
  gboolean           has_lat;   /* the last "location" object's last "lat" is a number */
  gboolean           has_lon;
  double             lat;
  double             lon;
  GString           *tags;      /* ",a,b," of the tags being read; made on first use */
  guint              n_tags;    /* their elements so far, strings or not */
} Reader;

/* json-glib keeps C strings: a "\u0000" in a name or a string ends it there. Only a string
 * yajl has unescaped into its own buffer can hold one: the document's raw text between
 * quotes, which yajl hands over in place, cannot (a control character is refused). */
static inline gsize
c_length (Reader              *reader,
          const unsigned char *string,
          size_t               length)
{
  const unsigned char *nul;

  if ((guintptr) string >= (guintptr) reader->text && (guintptr) string < (guintptr) reader->end)
    return length;
  nul = memchr (string, '\0', length);
  return nul != NULL ? (gsize) (nul - string) : length;
}

/* The member being read: the last of "members". */
static GdMemberFields *
member (Reader *reader)
{
  GArray *members = reader->fields->members;

  return &g_array_index (members, GdMemberFields, members->len - 1);
}

static void
add_member (Reader  *reader,
            gboolean is_object)
{
  GdMemberFields each = { .is_object = is_object };

  g_array_append_val (reader->fields->members, each);
}

static int
skip (Reader *reader)
{
  reader->skip_from = reader->where;
  reader->skip_depth = 1;
  reader->where = SKIPPING;
  return 1;
}

/* The value after the last member name is not of the kind wanted: as the last of its name
 * it leaves its field unset. */
static void
unset (Reader *reader)
{
  switch (reader->want)
    {
    case WANT_STRING:
      *reader->slot = NULL;
      break;
    case WANT_TYPE:
      reader->household = FALSE;
      break;
    case WANT_MEMBERS:
      g_clear_pointer (&reader->fields->members, g_array_unref);
      break;
    case WANT_LOCATION:
      reader->has_lat = reader->has_lon = FALSE;
      break;
    case WANT_TAGS:
      member (reader)->tags = NULL;
      break;
    case WANT_LAT:
      reader->has_lat = FALSE;
      break;
    case WANT_LON:
      reader->has_lon = FALSE;
      break;
    case WANT_NOTHING:
    default:
      break;
    }
}

/* A string, or (NULL) a null, boolean or unwanted number. */
static int
scalar (Reader              *reader,
        const unsigned char *string,
        size_t               length)
{
  switch (reader->where)
    {
    case IN_HOUSEHOLD:
    case IN_MEMBER:
    case IN_LOCATION:
      if (string != NULL && reader->want == WANT_STRING)
        *reader->slot = gd_household_fields_keep (reader->fields, (const char *) string,
                                                  c_length (reader, string, length));
      else if (string != NULL && reader->want == WANT_TYPE)
        reader->household = c_length (reader, string, length) == strlen ("household")
                            && memcmp (string, "household", strlen ("household")) == 0;
      else
        unset (reader);
      return 1;
    case IN_MEMBERS:
      add_member (reader, FALSE);
      return 1;
    case IN_TAGS:
      reader->n_tags++;
      if (string != NULL)
        {
          g_string_append_len (reader->tags, (const char *) string,
                               c_length (reader, string, length));
          g_string_append_c (reader->tags, ',');
        }
      return 1;
    case SKIPPING:
      return 1;
    case AT_TOP:
      /* not an object */
      return 0;
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static int
on_null (void *user_data)
{
  return scalar (user_data, NULL, 0);
}

static int
on_boolean (void *user_data,
            int   value)
{
  return scalar (user_data, NULL, 0);
}

/* A number as the page's tree builder makes it and json_node_get_double() then gives it:
 * an integer through gint64 while it fits (so "-0" is 0), else the double nearest the text. */
static double
number_value (const char *number,
              size_t      length)
{
  char buffer[64];
  g_autofree char *copy = NULL;
  const char *text = buffer;
  gboolean integer = TRUE;

  /* yajl's text is not NUL-terminated */
  if (length < sizeof buffer)
    {
      memcpy (buffer, number, length);
      buffer[length] = '\0';
    }
  else
    text = copy = g_strndup (number, length);
  for (size_t i = 0; i < length && integer; i++)
    integer = number[i] != '.' && number[i] != 'e' && number[i] != 'E';
  if (integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        return (double) value;
    }
  return g_ascii_strtod (text, NULL);
}

static int
on_number (void       *user_data,
           const char *number,
           size_t      length)
{
  Reader *reader = user_data;

  if (reader->where != IN_LOCATION || (reader->want != WANT_LAT && reader->want != WANT_LON))
    return scalar (reader, NULL, 0);
  if (reader->want == WANT_LAT)
    {
      reader->lat = number_value (number, length);
      reader->has_lat = TRUE;
    }
  else
    {
      reader->lon = number_value (number, length);
      reader->has_lon = TRUE;
    }
  return 1;
}

static int
on_string (void                *user_data,
           const unsigned char *string,
           size_t               length)
{
  return scalar (user_data, string, length);
}

static int
on_map_key (void                *user_data,
            const unsigned char *key,
            size_t               length)
{
  Reader *reader = user_data;
  GdHouseholdFields *fields = reader->fields;

  if (reader->where == SKIPPING)
    return 1;
  length = c_length (reader, key, length);
  reader->want = WANT_NOTHING;

#define IS(name) (length == sizeof (name) - 1 && memcmp (key, name, sizeof (name) - 1) == 0)
#define STRING(field) (reader->slot = &(field), reader->want = WANT_STRING)
  switch (reader->where)
    {
    case IN_HOUSEHOLD:
      if (IS ("_id"))
        STRING (fields->id);
      else if (IS ("_rev"))
        STRING (fields->rev);
      else if (IS ("type"))
        reader->want = WANT_TYPE;
      else if (IS ("village"))
        STRING (fields->village);
      else if (IS ("grid"))
        STRING (fields->grid);
      else if (IS ("number"))
        STRING (fields->number);
      else if (IS ("address"))
        STRING (fields->address);
      else if (IS ("housing"))
        STRING (fields->housing);
      else if (IS ("status"))
        STRING (fields->status);
      else if (IS ("updated_at"))
        STRING (fields->updated_at);
      else if (IS ("members"))
        reader->want = WANT_MEMBERS;
      else if (IS ("location"))
        reader->want = WANT_LOCATION;
      else if (IS ("_deleted") || IS ("_conflicts") || IS ("_attachments"))
        /* the general path's to handle: stop here */
        return 0;
      return 1;
    case IN_MEMBER:
      if (IS ("id"))
        STRING (member (reader)->id);
      else if (IS ("name"))
        STRING (member (reader)->name);
      else if (IS ("id_number"))
        STRING (member (reader)->id_number);
      else if (IS ("sex"))
        STRING (member (reader)->sex);
      else if (IS ("birth_date"))
        STRING (member (reader)->birth_date);
      else if (IS ("phone"))
        STRING (member (reader)->phone);
      else if (IS ("relation"))
        STRING (member (reader)->relation);
      else if (IS ("residence"))
        STRING (member (reader)->residence);
      else if (IS ("tags"))
        reader->want = WANT_TAGS;
      return 1;
    case IN_LOCATION:
      if (IS ("lat"))
        reader->want = WANT_LAT;
      else if (IS ("lon"))
        reader->want = WANT_LON;
      return 1;
    case AT_TOP:
    case IN_MEMBERS:
    case IN_TAGS:
    case SKIPPING:
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
#undef STRING
#undef IS
}

static int
start_container (Reader  *reader,
                 gboolean object)
{
  switch (reader->where)
    {
    case AT_TOP:
      if (!object)
        return 0;
      reader->where = IN_HOUSEHOLD;
      return 1;
    case SKIPPING:
      reader->skip_depth++;
      return 1;
    case IN_HOUSEHOLD:
      if (reader->want == WANT_MEMBERS && !object)
        {
          /* a repeated "members" replaces the earlier one whole */
          g_clear_pointer (&reader->fields->members, g_array_unref);
          reader->fields->members = g_array_sized_new (FALSE, TRUE, sizeof (GdMemberFields), 8);
          reader->where = IN_MEMBERS;
          return 1;
        }
      if (reader->want == WANT_LOCATION && object)
        {
          reader->has_lat = reader->has_lon = FALSE;
          reader->where = IN_LOCATION;
          return 1;
        }
      unset (reader);
      return skip (reader);
    case IN_MEMBER:
      if (reader->want == WANT_TAGS && !object)
        {
          if (reader->tags == NULL)
            reader->tags = g_string_sized_new (64);
          g_string_assign (reader->tags, ",");
          reader->n_tags = 0;
          reader->where = IN_TAGS;
          return 1;
        }
      unset (reader);
      return skip (reader);
    case IN_LOCATION:
      unset (reader);
      return skip (reader);
    case IN_MEMBERS:
      add_member (reader, object);
      if (!object)
        return skip (reader);
      reader->where = IN_MEMBER;
      return 1;
    case IN_TAGS:
      reader->n_tags++;
      return skip (reader);
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static int
on_start_map (void *user_data)
{
  return start_container (user_data, TRUE);
}

static int
on_start_array (void *user_data)
{
  return start_container (user_data, FALSE);
}

/* An object or an array closes; yajl has matched which. */
static int
on_end_container (void *user_data)
{
  Reader *reader = user_data;

  switch (reader->where)
    {
    case SKIPPING:
      if (--reader->skip_depth == 0)
        reader->where = reader->skip_from;
      return 1;
    case IN_HOUSEHOLD:
      reader->where = DONE;
      return 1;
    case IN_LOCATION:
    case IN_MEMBERS:
      reader->where = IN_HOUSEHOLD;
      return 1;
    case IN_MEMBER:
      reader->where = IN_MEMBERS;
      return 1;
    case IN_TAGS:
      /* as gd_household_fields_join_tags(): "," when no element is a string, NULL for [] */
      member (reader)->tags = reader->n_tags == 0 ? NULL
                              : gd_household_fields_keep (reader->fields, reader->tags->str,
                                                          reader->tags->len);
      reader->where = IN_MEMBER;
      return 1;
    case AT_TOP:
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  /* the number's text, to read lat and lon as the page's tree builder does */
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_container,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end_container,
};

GdHouseholdFields *
gd_household_read (const char *text,
                   gsize       length)
{
  Reader reader = { 0 };
  GdHouseholdFields *fields;
  yajl_handle handle;
  yajl_status status;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  reader.text = (const guchar *) text;
  reader.end = reader.text + length;
  fields = reader.fields = gd_household_fields_new ();
  /* a handle for each document: yajl 2 cannot reset one, and making it costs 0.06 µs of
   * the 1.9 µs a household takes (bench-household-reader) */
  handle = yajl_alloc (&callbacks, NULL, &reader);
  /* one value, valid UTF-8 (the defaults, said out loud) */
  yajl_config (handle, yajl_allow_multiple_values, 0);
  yajl_config (handle, yajl_allow_trailing_garbage, 0);
  yajl_config (handle, yajl_dont_validate_strings, 0);
  status = yajl_parse (handle, (const unsigned char *) text, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);
  yajl_free (handle);
  if (reader.tags != NULL)
    g_string_free (reader.tags, TRUE);

  /* refused or stopped by a callback; or for the general path */
  if (status != yajl_status_ok || !reader.household || fields->id == NULL || fields->rev == NULL)
    {
      gd_household_fields_free (fields);
      return NULL;
    }
  g_assert (reader.where == DONE);
  /* as gd_household_fields_from_object() reads the last "location": lon only after lat */
  fields->has_location = reader.has_lat && reader.has_lon;
  if (reader.has_lat)
    fields->lat = reader.lat;
  if (fields->has_location)
    fields->lon = reader.lon;
  return fields;
}
