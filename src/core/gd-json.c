/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-json"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-json-check.h"
#include "gd-limits.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>

/* The member's node when it holds `type`, else NULL. */
static JsonNode *
get_node (JsonObject   *object,
          const char   *member,
          JsonNodeType  type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
gd_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);
  node = get_node (object, member, JSON_NODE_VALUE);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
gd_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);
  node = get_node (object, member, JSON_NODE_OBJECT);
  return node ? json_node_get_object (node) : NULL;
}

JsonArray *
gd_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);
  node = get_node (object, member, JSON_NODE_ARRAY);
  return node ? json_node_get_array (node) : NULL;
}

gboolean
gd_json_get_int (JsonObject *object,
                 const char *member,
                 gint64     *out_value)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  node = get_node (object, member, JSON_NODE_VALUE);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
gd_json_get_number (JsonObject *object,
                    const char *member,
                    double     *out_value)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  node = get_node (object, member, JSON_NODE_VALUE);
  if (node == NULL
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE
          && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_double (node);
  return TRUE;
}

JsonObject *
gd_json_parse_object (const char *text,
                      gssize      length,
                      GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);

  /* strict, and never deeper than a document may be: json-glib recurses once per level */
  if (!gd_json_check_text (text, length, GD_LIMIT_DEPTH, &local_error)
      || !json_parser_load_from_data (parser, text, length, &local_error))
    {
      /* Translators: %s is the JSON parser's own message */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("malformed JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("malformed JSON: a document must be a JSON object"));
      return NULL;
    }
  /* A copy: the parser's immutable tree must not be edited in place by the store. */
  return gd_json_copy_object (json_node_get_object (root));
}

char *
gd_json_to_string (JsonObject *object,
                   gboolean    pretty)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (object != NULL, NULL);
  json_node_set_object (node, object);
  return json_to_string (node, pretty);
}

static JsonNode *copy_node (JsonNode *node);

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, copy_node (member));
  return copy;
}

/* json_node_copy() shares objects and arrays; the store edits documents, so copy deeply. */
static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  /* values are never edited in place, so sharing them is safe */
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, copy_object (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));
        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, copy_node (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
gd_json_copy_object (JsonObject *object)
{
  g_return_val_if_fail (object != NULL, NULL);
  return copy_object (object);
}

/* UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits from the kernel. Time order
 * keeps new documents together in indexes; getrandom() rather than GLib's PRNG, whose state
 * a forked process would share with its parent and so repeat the same ids. */
char *
gd_uuid_new (void)
{
  guint8 bytes[16];
  guint64 ms = (guint64) (g_get_real_time () / 1000);

  if (getrandom (bytes + 6, sizeof bytes - 6, 0) != (ssize_t) (sizeof bytes - 6))
    {
      for (gsize i = 6; i < sizeof bytes; i++)
        bytes[i] = (guint8) g_random_int ();
    }
  for (int i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  bytes[6] = (bytes[6] & 0x0f) | 0x70; /* version 7 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80; /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6],
                          bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12],
                          bytes[13], bytes[14], bytes[15]);
}

char *
gd_doc_id_new (const char *type)
{
  g_autofree char *uuid = gd_uuid_new ();

  g_return_val_if_fail (type != NULL, NULL);
  return g_strdup_printf ("%s:%s", type, uuid);
}

char *
gd_timestamp_format (GDateTime *at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (at == NULL)
    at = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (at);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
gd_timestamp_valid (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || strlen (text) < 20 || text[10] != 'T')
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

GTimeZone *
gd_china_time (void)
{
  static GTimeZone *china;

  /* made once: building a zone is cheap, but "today" is asked for every validated document */
  if (g_once_init_enter (&china))
    g_once_init_leave (&china, g_time_zone_new_offset (8 * 3600));
  return g_time_zone_ref (china);
}

void
gd_china_today (GDate *out_date)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) now = g_date_time_new_now (china);

  g_return_if_fail (out_date != NULL);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

gboolean
gd_date_parse (const char *text,
               GDate      *out_date)
{
  guint year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  if (out_date != NULL)
    g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

JsonNode *
gd_json_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return node;
}
