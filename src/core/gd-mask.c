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

char *
gd_mask_name (const char *name)
{
  return mask_middle (name, 1, 0);
}
