/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-limits"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-limits.h"

/* One walk over a document, reporting every field over a limit. */

typedef struct {
  const char *member;
  GdTextKind  kind;
} TextKind;

static const TextKind text_kinds[] = {
  { "name", GD_TEXT_NAME },
  { "landlord", GD_TEXT_NAME },
  { "patroller", GD_TEXT_NAME },
  { "recorder", GD_TEXT_NAME },
  { "agent", GD_TEXT_NAME },
  { "by", GD_TEXT_NAME },
  { "created_by", GD_TEXT_NAME },
  { "updated_by", GD_TEXT_NAME },
  { "attendees", GD_TEXT_NAME },
  { "inspectors", GD_TEXT_NAME },
  { "address", GD_TEXT_ADDRESS },
  { "hukou_address", GD_TEXT_ADDRESS },
  { "place", GD_TEXT_ADDRESS },
  { "notes", GD_TEXT_FREE },
  { "note", GD_TEXT_FREE },
  { "description", GD_TEXT_FREE },
  { "summary", GD_TEXT_FREE },
  { "facts", GD_TEXT_FREE },
  { "claims", GD_TEXT_FREE },
  { "content", GD_TEXT_FREE },
  { "outcome", GD_TEXT_FREE },
  { "terms", GD_TEXT_FREE },
  { "responsibilities", GD_TEXT_FREE },
  { "reason", GD_TEXT_FREE },
  { "risk_note", GD_TEXT_FREE },
  { "routes_advised", GD_TEXT_FREE },
};

typedef struct {
  const char *member;
  guint       max;
} ArrayLimit;

static const ArrayLimit array_limits[] = {
  { "members", GD_LIMIT_MEMBERS },
  { "timeline", GD_LIMIT_TIMELINE },
  { "sessions", GD_LIMIT_SESSIONS },
  { "follow_ups", GD_LIMIT_FOLLOW_UPS },
};

GdTextKind
gd_limits_text_kind (const char *member)
{
  for (guint i = 0; member != NULL && i < G_N_ELEMENTS (text_kinds); i++)
    if (g_str_equal (member, text_kinds[i].member))
      return text_kinds[i].kind;
  return GD_TEXT_SHORT;
}

guint
gd_limits_text_max (const char *member)
{
  switch (gd_limits_text_kind (member))
    {
    case GD_TEXT_NAME:
      return GD_LIMIT_NAME_CHARS;
    case GD_TEXT_ADDRESS:
      return GD_LIMIT_ADDRESS_CHARS;
    case GD_TEXT_FREE:
      return GD_LIMIT_TEXT_CHARS;
    case GD_TEXT_SHORT:
    default:
      return GD_LIMIT_SHORT_CHARS;
    }
}

guint
gd_limits_array_max (const char *member)
{
  for (guint i = 0; member != NULL && i < G_N_ELEMENTS (array_limits); i++)
    if (g_str_equal (member, array_limits[i].member))
      return array_limits[i].max;
  return GD_LIMIT_ARRAY;
}

char *
gd_limits_format_count (guint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  gsize length = strlen (digits);
  GString *out = g_string_sized_new (length + length / 3);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  GdIssues *issues;
  GString  *path;      /* of the node being walked, rewound on the way back */
  gsize     size;      /* the least the document's JSON text can be, in bytes */
  gboolean  too_deep;  /* reported once */
  gboolean  ok;
} Walk;

static void
walk_error (Walk       *walk,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
walk_error (Walk       *walk,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gd_issues_error (walk->issues, walk->path->len > 0 ? walk->path->str : GD_LIMITS_ROOT_PATH,
                   "%s", message);
  walk->ok = FALSE;
}

/* "at most 64 characters (got 21,000)": `format` takes the limit and the count, grouped */
#define over_limit(walk, format, limit, count)                                  \
  G_STMT_START {                                                              \
    g_autofree char *limit_text_ = gd_limits_format_count (limit);             \
    g_autofree char *count_text_ = gd_limits_format_count (count);             \
    walk_error (walk, format, limit_text_, count_text_);                       \
  } G_STMT_END

static void
check_text (Walk       *walk,
            const char *text,
            guint       max,
            gboolean    is_member_name)
{
  gsize bytes = strlen (text);
  glong chars;

  walk->size += bytes + 2;
  /* a character is at least one byte: a short text needs no counting */
  if (bytes <= max)
    return;
  chars = g_utf8_strlen (text, (gssize) bytes);
  if (chars <= (glong) max)
    return;
  if (is_member_name)
    /* Translators: the limit, then the length found, both in characters */
    over_limit (walk, _("member name of at most %s characters (got %s)"), max, (guint64) chars);
  else
    /* Translators: the limit, then the length found, both in characters */
    over_limit (walk, _("at most %s characters (got %s)"), max, (guint64) chars);
}

static gsize
path_push_member (GString    *path,
                  const char *member)
{
  gsize old = path->len;

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, member);
  return old;
}

static gsize
path_push_index (GString *path,
                 guint    index)
{
  gsize old = path->len;

  g_string_append_printf (path, "[%u]", index);
  return old;
}

/* An array of numbers, one position of a geometry: the least its text can be, in bytes
 * ("[1,2]"); 0 when it is not one. */
static gsize
position_size (JsonNode *node)
{
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element)
          || (json_node_get_value_type (element) != G_TYPE_DOUBLE
              && json_node_get_value_type (element) != G_TYPE_INT64))
        return 0;
    }
  return length > 0 ? 1 + 2 * (gsize) length : 0;
}

static void walk_node (Walk       *walk,
                       JsonNode   *node,
                       const char *member,
                       guint       depth);

/* Counts the positions of a geometry's `coordinates` (a line, the rings of a polygon, the
 * polygons of a multipolygon), reporting a ring over the limit; whatever else is in there
 * meets the usual limits, and the geometry rules say what is wrong with its shape. Returns
 * the positions counted. */
static guint64
walk_coordinates (Walk     *walk,
                  JsonNode *node,
                  guint     depth)
{
  JsonArray *array;
  guint length;
  guint64 total = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node) || depth > GD_LIMIT_DEPTH)
    {
      walk_node (walk, node, "coordinates", depth);
      return 0;
    }
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  walk->size += 2 + length;
  if (length > 0 && position_size (json_array_get_element (array, 0)) > 0)
    {
      if (length > GD_LIMIT_RING_VERTICES)
        {
          /* Translators: the limit, then the number of positions found */
          over_limit (walk, _("at most %s vertices per ring (got %s)"), GD_LIMIT_RING_VERTICES,
                      length);
          return length;
        }
      for (guint i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gsize size = position_size (element);

          if (size > 0)
            walk->size += size;
          else
            {
              gsize old = path_push_index (walk->path, i);
              walk_node (walk, element, "coordinates", depth + 1);
              g_string_truncate (walk->path, old);
            }
        }
      return length;
    }
  if (length > GD_LIMIT_ARRAY)
    {
      /* Translators: the limit, then the number of elements found */
      over_limit (walk, _("at most %s items (got %s)"), GD_LIMIT_ARRAY, length);
      return 0;
    }
  for (guint i = 0; i < length; i++)
    {
      gsize old = path_push_index (walk->path, i);
      total += walk_coordinates (walk, json_array_get_element (array, i), depth + 1);
      g_string_truncate (walk->path, old);
    }
  return total;
}


static void
walk_geometry (Walk     *walk,
               JsonNode *coordinates,
               guint     depth)
{
  guint64 total = walk_coordinates (walk, coordinates, depth);

  if (total > GD_LIMIT_GEOMETRY_VERTICES)
    /* Translators: the limit, then the number of positions found */
    over_limit (walk, _("at most %s vertices in all (got %s)"), GD_LIMIT_GEOMETRY_VERTICES, total);
}

static void
walk_attachments (Walk       *walk,
                  JsonObject *attachments)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *stub;
  guint n = json_object_get_size (attachments);

  if (n > GD_LIMIT_ATTACHMENTS)
    /* Translators: the limit, then the number of attachments found */
    over_limit (walk, _("at most %s attachments (got %s)"), GD_LIMIT_ATTACHMENTS, n);
  json_object_iter_init (&iter, attachments);
  while (json_object_iter_next (&iter, &name, &stub))
    {
      gsize old = path_push_member (walk->path, name);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (stub) ? json_node_get_object (stub) : NULL;
      JsonNode *length = object ? json_object_get_member (object, "length") : NULL;
      const char *data = object ? gd_json_get_string (object, "data") : NULL;
      guint64 bytes = 0;

      check_text (walk, name, GD_LIMIT_SHORT_CHARS, TRUE);
      if (length != NULL && JSON_NODE_HOLDS_VALUE (length)
          && json_node_get_value_type (length) == G_TYPE_INT64 && json_node_get_int (length) > 0)
        bytes = (guint64) json_node_get_int (length);
      /* inline bytes, base64: three bytes to four characters */
      if (data != NULL)
        bytes = MAX (bytes, strlen (data) / 4 * 3);
      if (bytes > GD_LIMIT_ATTACHMENT_BYTES)
        {
          path_push_member (walk->path, "length");
          /* Translators: the limit, then the size found, both in bytes */
          over_limit (walk, _("at most %s bytes (got %s)"), GD_LIMIT_ATTACHMENT_BYTES, bytes);
        }
      g_string_truncate (walk->path, old);
      /* attachments have limits of their own: they do not count towards the document's size */
    }
}

static void
walk_object (Walk       *walk,
             JsonObject *object,
             guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *child;

  walk->size += 2;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &child))
    {
      gsize old = path_push_member (walk->path, name);

      check_text (walk, name, GD_LIMIT_SHORT_CHARS, TRUE);
      walk->size += 2; /* ':' and ',' */
      if (depth == 1 && g_str_equal (name, "_attachments") && JSON_NODE_HOLDS_OBJECT (child))
        walk_attachments (walk, json_node_get_object (child));
      else if (g_str_equal (name, "coordinates") && JSON_NODE_HOLDS_ARRAY (child))
        walk_geometry (walk, child, depth + 1);
      else
        walk_node (walk, child, name, depth + 1);
      g_string_truncate (walk->path, old);
    }
}

static void
walk_array (Walk       *walk,
            JsonArray  *array,
            const char *member,
            guint       depth)
{
  guint length = json_array_get_length (array);
  guint max = gd_limits_array_max (member);

  walk->size += 2 + length;
  if (length > max)
    {
      /* Translators: the limit, then the number of elements found */
      over_limit (walk, _("at most %s items (got %s)"), max, length);
      return;
    }
  for (guint i = 0; i < length; i++)
    {
      gsize old = path_push_index (walk->path, i);
      walk_node (walk, json_array_get_element (array, i), member, depth + 1);
      g_string_truncate (walk->path, old);
    }
}

static void
walk_node (Walk       *walk,
           JsonNode   *node,
           const char *member,
           guint       depth)
{
  /* levels are arrays and objects: a value inside the deepest one is not a level */
  if (depth > GD_LIMIT_DEPTH && (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)))
    {
      if (!walk->too_deep)
        /* Translators: the number of levels */
        walk_error (walk, _("nested deeper than %u levels"), GD_LIMIT_DEPTH);
      walk->too_deep = TRUE;
      return;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      walk_object (walk, json_node_get_object (node), depth);
      break;
    case JSON_NODE_ARRAY:
      walk_array (walk, json_node_get_array (node), member, depth);
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        check_text (walk, json_node_get_string (node), gd_limits_text_max (member), FALSE);
      else
        walk->size += 1;
      break;
    case JSON_NODE_NULL:
    default:
      walk->size += 4;
      break;
    }
}

static char *
too_large (gsize size)
{
  g_autofree char *limit = gd_limits_format_count (GD_LIMIT_DOCUMENT_BYTES);
  g_autofree char *count = gd_limits_format_count (size);

  /* Translators: the limit, then the size found, both in bytes */
  return g_strdup_printf (_("the document is too large: at most %s bytes (got %s)"), limit, count);
}

gboolean
gd_limits_check_document (JsonObject *doc,
                          gsize       text_length,
                          GdIssues   *issues)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Walk walk = { issues, path, 0, FALSE, TRUE };
  gsize size;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (issues != NULL, FALSE);

  walk_object (&walk, doc, 1);
  size = text_length > 0 ? text_length : walk.size;
  if (size > GD_LIMIT_DOCUMENT_BYTES)
    {
      g_autofree char *message = too_large (size);

      gd_issues_error (issues, GD_LIMITS_ROOT_PATH, "%s", message);
      walk.ok = FALSE;
    }
  return walk.ok;
}

gboolean
gd_limits_check_text_size (gsize    length,
                           GError **error)
{
  g_autofree char *message = NULL;

  if (length <= GD_LIMIT_DOCUMENT_BYTES)
    return TRUE;
  message = too_large (length);
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "%s: %s", GD_LIMITS_ROOT_PATH, message);
  return FALSE;
}
