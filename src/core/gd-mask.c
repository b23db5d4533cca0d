/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-mask"
#include "config.h"

#include <string.h>

#include "gd-mask.h"

/* Keeps `head` leading and `tail` trailing characters; stars the rest. Inputs are ASCII
 * digits in practice, but count characters so odd input never splits a UTF-8 sequence. */
static char *
mask_middle (const char *text,
             guint       head,
             guint       tail)
{
  glong length;
  GString *out;

  if (text == NULL)
    return NULL;
  length = g_utf8_strlen (text, -1);
  out = g_string_new (NULL);
  if ((guint) length <= head + tail)
    {
      for (glong i = 0; i < length; i++)
        g_string_append_c (out, '*');
      return g_string_free (out, FALSE);
    }
  g_string_append_len (out, text, g_utf8_offset_to_pointer (text, head) - text);
  for (glong i = head; i < length - (glong) tail; i++)
    g_string_append_c (out, '*');
  g_string_append (out, g_utf8_offset_to_pointer (text, length - tail));
  return g_string_free (out, FALSE);
}

char *
gd_mask_id_number (const char *id_number)
{
  return mask_middle (id_number, 4, 4);
}

char *
gd_mask_phone (const char *phone)
{
  return mask_middle (phone, 3, 4);
}

static void mask_node (JsonNode *node, guint depth);

static gboolean
is_phone_member (const char *member)
{
  return g_str_equal (member, "phone") || g_str_has_suffix (member, "_phone");
}

static void
mask_object (JsonObject *object,
             guint       depth)
{
  /* a copy of the names: members are replaced on the way */
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *child = json_object_get_member (object, member);

      if (JSON_NODE_HOLDS_VALUE (child) && json_node_get_value_type (child) == G_TYPE_STRING)
        {
          g_autofree char *masked = NULL;

          if (is_phone_member (member))
            masked = gd_mask_phone (json_node_get_string (child));
          else if (g_str_equal (member, "id_number"))
            masked = gd_mask_id_number (json_node_get_string (child));
          if (masked != NULL)
            json_object_set_string_member (object, member, masked);
        }
      else
        mask_node (child, depth + 1);
    }
}

static void
mask_node (JsonNode *node,
           guint     depth)
{
  /* stored documents are at most 32 deep (gd-limits.h); deeper is not a document */
  if (depth > 64)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    mask_object (json_node_get_object (node), depth);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        mask_node (json_array_get_element (array, i), depth + 1);
    }
}

void
gd_mask_document (JsonObject *doc)
{
  g_return_if_fail (doc != NULL);
  mask_object (doc, 1);
}

char *
gd_mask_numbers_in_text (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (p = text; *p != '\0';)
    {
      const char *start = p;
      gsize length;

      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      while (g_ascii_isdigit (*p))
        p++;
      if (p - start >= 14 && (*p == 'X' || *p == 'x'))
        p++;
      length = (gsize) (p - start);
      if (length < 6)
        g_string_append_len (out, start, (gssize) length);
      else
        {
          g_autofree char *run = g_strndup (start, length);
          g_autofree char *masked = length >= 15 ? gd_mask_id_number (run) : gd_mask_phone (run);
          g_string_append (out, masked);
        }
    }
  return g_string_free (out, FALSE);
}

char *
gd_mask_name (const char *name)
{
  return mask_middle (name, 1, 0);
}
