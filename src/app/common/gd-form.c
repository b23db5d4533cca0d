/* gd-form.c: see gd-form.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-form"

#include "config.h"

#include <string.h>

#include "gd-form.h"

static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

static char *
trim_text (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return NULL;
  start = text;
  while (*start != '\0' && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_blank_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end > start ? g_strndup (start, (gsize) (end - start)) : NULL;
}

char *
gd_entry_row_dup_text (AdwEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  return trim_text (gtk_editable_get_text (GTK_EDITABLE (row)));
}

void
gd_json_set_text (JsonObject *object,
                  const char *member,
                  const char *text)
{
  g_autofree char *trimmed = trim_text (text);

  g_return_if_fail (object != NULL && member != NULL);
  if (trimmed != NULL)
    json_object_set_string_member (object, member, trimmed);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

void
gd_accessible_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}
