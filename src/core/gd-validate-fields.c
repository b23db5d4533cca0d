/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-json.h"
#include "gd-phone.h"
#include "gd-validate-private.h"

/* The scalar field checks every type's validator shares; each reports at "<prefix><member>". */

char *
gd_check_path (const char *prefix,
               const char *member)
{
  g_assert (prefix != NULL);

  if (member != NULL)
    return g_strconcat (prefix, member, NULL);
  if (g_str_has_suffix (prefix, "."))
    return g_strndup (prefix, strlen (prefix) - 1);
  return g_strdup (prefix);
}

static void
check_report (GdCheck        *check,
              GdIssueSeverity severity,
              const char     *prefix,
              const char     *member,
              const char     *format,
              va_list         args)
{
  g_autofree char *path = gd_check_path (prefix, member);
  g_autofree char *message = g_strdup_vprintf (format, args);

  gd_issues_add (check->issues, severity, path, "%s", message);
}

void
gd_check_error (GdCheck    *check,
                const char *prefix,
                const char *member,
                const char *format,
                ...)
{
  va_list args;

  g_assert (check != NULL);
  va_start (args, format);
  check_report (check, GD_ISSUE_ERROR, prefix, member, format, args);
  va_end (args);
}

void
gd_check_error_code (GdCheck            *check,
                     const char         *prefix,
                     const char         *member,
                     const char         *code,
                     const char * const *code_args,
                     const char         *format,
                     ...)
{
  g_autofree char *path = gd_check_path (prefix, member);
  g_autofree char *message = NULL;
  va_list args;

  g_assert (check != NULL && code != NULL);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gd_issues_add_code (check->issues, GD_ISSUE_ERROR, path, code, code_args, "%s", message);
}

void
gd_check_warning (GdCheck    *check,
                  const char *prefix,
                  const char *member,
                  const char *format,
                  ...)
{
  va_list args;

  g_assert (check != NULL);
  va_start (args, format);
  check_report (check, GD_ISSUE_WARNING, prefix, member, format, args);
  va_end (args);
}

static gboolean
is_blank (const char *text)
{
  /* U+3000 (ideographic space) is what Chinese input methods type */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The member's node, NULL when absent, null or a blank string. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  g_assert (member != NULL);
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node != NULL && holds_type (node, G_TYPE_STRING) && is_blank (json_node_get_string (node)))
    return NULL;
  return node;
}

gboolean
gd_check_absent (JsonObject *object,
                 const char *member)
{
  return get_member (object, member) == NULL;
}

/* get_member(), with "is required" when needed. */
static JsonNode *
lookup (GdCheck    *check,
        JsonObject *object,
        const char *prefix,
        const char *member,
        gboolean    required)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL && required)
    gd_check_error (check, prefix, member, _("is required"));
  return node;
}


const char *
gd_check_string (GdCheck    *check,
                 JsonObject *object,
                 const char *prefix,
                 const char *member,
                 gboolean    required)
{
  JsonNode *node = lookup (check, object, prefix, member, required);

  if (node == NULL)
    return NULL;
  if (!holds_type (node, G_TYPE_STRING))
    {
      gd_check_error (check, prefix, member, _("must be a string"));
      return NULL;
    }
  return json_node_get_string (node);
}

JsonObject *
gd_check_object (GdCheck    *check,
                 JsonObject *object,
                 const char *prefix,
                 const char *member,
                 gboolean    required)
{
  JsonNode *node = lookup (check, object, prefix, member, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      gd_check_error (check, prefix, member, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
gd_check_array (GdCheck    *check,
                JsonObject *object,
                const char *prefix,
                const char *member,
                gboolean    required)
{
  JsonNode *node = lookup (check, object, prefix, member, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      gd_check_error (check, prefix, member, _("must be an array"));
      return NULL;
    }
  return json_node_get_array (node);
}

gboolean
gd_check_boolean (GdCheck    *check,
                  JsonObject *object,
                  const char *prefix,
                  const char *member,
                  gboolean    required,
                  gboolean   *out_value)
{
  JsonNode *node = lookup (check, object, prefix, member, required);

  if (node == NULL)
    return FALSE;
  if (!holds_type (node, G_TYPE_BOOLEAN))
    {
      gd_check_error (check, prefix, member, _("must be true or false"));
      return FALSE;
    }
  if (out_value != NULL)
    *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
gd_check_int (GdCheck    *check,
              JsonObject *object,
              const char *prefix,
              const char *member,
              gboolean    required,
              gint64      min,
              gint64     *out_value)
{
  JsonNode *node = lookup (check, object, prefix, member, required);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!holds_type (node, G_TYPE_INT64))
    {
      gd_check_error (check, prefix, member, _("must be a whole number"));
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min)
    {
      gd_check_error (check, prefix, member, _("must be at least %lld"), (long long) min);
      return FALSE;
    }
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

gboolean
gd_check_number (GdCheck    *check,
                 JsonObject *object,
                 const char *prefix,
                 const char *member,
                 gboolean    required,
                 double      min,
                 double     *out_value)
{
  JsonNode *node = lookup (check, object, prefix, member, required);
  double value;

  if (node == NULL)
    return FALSE;
  if (!holds_type (node, G_TYPE_INT64) && !holds_type (node, G_TYPE_DOUBLE))
    {
      gd_check_error (check, prefix, member, _("must be a number"));
      return FALSE;
    }
  value = json_node_get_double (node);
  if (value < min)
    {
      gd_check_error (check, prefix, member, _("must be at least %g"), min);
      return FALSE;
    }
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

const char *
gd_check_code (GdCheck    *check,
               JsonObject *object,
               const char *prefix,
               const char *member,
               const char *list,
               gboolean    required)
{
  const char *code = gd_check_string (check, object, prefix, member, required);

  g_assert (list != NULL);
  if (code == NULL)
    return NULL;
  if (!gd_codes_contains (list, code))
    {
      /* Translators: a code, then the name of its code list ("care-tags" …), as written */
      gd_check_error (check, prefix, member, _("'%s' is not in the %s code list"), code, list);
      return NULL;
    }
  return code;
}

const char *
gd_check_enum (GdCheck           *check,
               JsonObject        *object,
               const char        *prefix,
               const char        *member,
               const char *const *allowed,
               gboolean           required)
{
  const char *value = gd_check_string (check, object, prefix, member, required);
  g_autofree char *expected = NULL;

  g_assert (allowed != NULL);
  if (value == NULL)
    return NULL;
  if (g_strv_contains (allowed, value))
    return value;
  expected = g_strjoinv ("|", (char **) allowed);
  /* Translators: the value, then the allowed values as written, separated by | */
  gd_check_error (check, prefix, member, _("'%s' is not one of %s"), value, expected);
  return NULL;
}

gboolean
gd_check_date (GdCheck    *check,
               JsonObject *object,
               const char *prefix,
               const char *member,
               gboolean    required,
               gboolean    past,
               GDate      *out_date)
{
  const char *text = gd_check_string (check, object, prefix, member, required);
  GDate date;

  if (text == NULL)
    return FALSE;
  g_date_clear (&date, 1);
  if (!gd_date_parse (text, &date))
    {
      gd_check_error (check, prefix, member, _("'%s' is not a real date (YYYY-MM-DD)"), text);
      return FALSE;
    }
  if (past && g_date_compare (&date, &check->today) > 0)
    {
      gd_check_error (check, prefix, member, _("%s is in the future"), text);
      return FALSE;
    }
  if (out_date != NULL)
    *out_date = date;
  return TRUE;
}

gboolean
gd_check_timestamp (GdCheck    *check,
                    JsonObject *object,
                    const char *prefix,
                    const char *member,
                    gboolean    required,
                    GDateTime **out_time)
{
  const char *text = gd_check_string (check, object, prefix, member, required);

  if (text == NULL)
    return FALSE;
  if (!gd_timestamp_valid (text))
    {
      gd_check_error (check, prefix, member,
                      _("'%s' is not an RFC 3339 timestamp (like 2026-11-23T10:15:00Z)"), text);
      return FALSE;
    }
  if (out_time != NULL)
    *out_time = g_date_time_new_from_iso8601 (text, NULL);
  return TRUE;
}

void
gd_check_not_before (GdCheck    *check,
                     const char *prefix,
                     const char *member,
                     GDateTime  *at,
                     GDateTime  *bound,
                     const char *bound_name)
{
  g_assert (bound == NULL || bound_name != NULL);

  if (at != NULL && bound != NULL && g_date_time_compare (at, bound) < 0)
    {
      const char *args[] = { bound_name, NULL };

      /* Translators: %s is the field it must not precede, e.g. reported_at */
      gd_check_error_code (check, prefix, member, GD_ISSUE_CODE_EARLIER_THAN, args,
                           _("is earlier than %s"), bound_name);
    }
}

const char *
gd_check_phone (GdCheck    *check,
                JsonObject *object,
                const char *prefix,
                const char *member,
                gboolean    required)
{
  const char *phone = gd_check_string (check, object, prefix, member, required);
  g_autofree char *reason = NULL;

  if (phone == NULL)
    return NULL;
  if (!gd_phone_check (phone, NULL, &reason))
    {
      gd_check_error (check, prefix, member, "%s",
                      reason != NULL ? reason : _("is not a phone number"));
      return NULL;
    }
  return phone;
}

static void
check_coordinate (GdCheck    *check,
                  JsonObject *location,
                  const char *prefix,
                  const char *member,
                  double      min,
                  double      max)
{
  double value;

  if (gd_check_number (check, location, prefix, member, TRUE, -G_MAXDOUBLE, &value)
      && (value < min || value > max))
    gd_check_error (check, prefix, member, _("%g is outside China (%g to %g)"), value, min, max);
}

void
gd_check_location (GdCheck    *check,
                   JsonObject *object,
                   const char *prefix,
                   const char *member,
                   gboolean    required)
{
  JsonObject *location = gd_check_object (check, object, prefix, member, required);
  g_autofree char *inner = NULL;

  if (location == NULL)
    return;
  inner = g_strconcat (prefix, member, ".", NULL);
  check_coordinate (check, location, inner, "lat", GD_CHINA_LAT_MIN, GD_CHINA_LAT_MAX);
  check_coordinate (check, location, inner, "lon", GD_CHINA_LON_MIN, GD_CHINA_LON_MAX);
}

JsonObject *
gd_check_element (JsonArray  *array,
                  const char *prefix,
                  const char *member,
                  guint       index,
                  char      **out_prefix)
{
  JsonNode *node = json_array_get_element (array, index);

  g_assert (out_prefix != NULL);
  *out_prefix = g_strdup_printf ("%s%s[%u].", prefix, member, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
gd_check_id_array (GdCheck    *check,
                   JsonObject *object,
                   const char *prefix,
                   const char *member,
                   gboolean    required)
{
  JsonArray *array = gd_check_array (check, object, prefix, member, required);
  g_autoptr(GHashTable) seen = NULL;

  if (array == NULL)
    return NULL;
  /* id -> index of its first use */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_prefix = NULL;
      JsonObject *element = gd_check_element (array, prefix, member, i, &element_prefix);
      const char *id;
      gpointer first;

      if (element == NULL)
        {
          gd_check_error (check, element_prefix, NULL, _("must be an object"));
          continue;
        }
      id = gd_check_string (check, element, element_prefix, "id", TRUE);
      if (id == NULL)
        continue;
      if (g_hash_table_lookup_extended (seen, id, NULL, &first))
        {
          g_autofree char *other = g_strdup_printf ("%s%s[%u]", prefix, member,
                                                    GPOINTER_TO_UINT (first));

          /* Translators: an id, then where it was first used, e.g. members[0] */
          gd_check_error (check, element_prefix, "id", _("'%s' is also the id of %s"), id, other);
        }
      else
        g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (i));
    }
  return array;
}

void
gd_check_refs (GdCheck    *check,
               JsonObject *object,
               const char *prefix,
               const char *member,
               const char *type)
{
  JsonArray *array = gd_check_array (check, object, prefix, member, FALSE);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *type_prefix = NULL;

  g_assert (type != NULL);
  if (array == NULL)
    return;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  type_prefix = g_strconcat (type, ":", NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s%s[%u]", prefix, member, i);
      const char *id = holds_type (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;

      if (id == NULL || !g_str_has_prefix (id, type_prefix) || id[strlen (type_prefix)] == '\0')
        /* Translators: %s is a document type and a colon, e.g. "household:" */
        gd_issues_error (check->issues, path, _("must be an id of the form %s<uuid>"),
                         type_prefix);
      else if (!g_hash_table_add (seen, (gpointer) id))
        gd_issues_error (check->issues, path, _("'%s' is listed twice"), id);
    }
}

/* The envelope */
