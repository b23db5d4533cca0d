/* gd-field-set.c: see gd-field-set.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-field-set"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-field-message.h"
#include "gd-field-set.h"

typedef struct {
  char           *path;
  char           *label;
  GtkWidget      *input;   /* not owned: the form's */
  GdFieldMessage *message; /* owned by its row, or NULL */
  GtkLabel       *text;    /* or this label, not owned */
  gboolean        bad;
} Field;

struct _GdFieldSet
{
  GArray *fields; /* of Field, in form order */
};

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_free (field->path);
  g_free (field->label);
}

GdFieldSet *
gd_field_set_new (void)
{
  GdFieldSet *set = g_new0 (GdFieldSet, 1);

  set->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (set->fields, field_clear);
  return set;
}

void
gd_field_set_free (GdFieldSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->fields);
  g_free (set);
}

static Field *
add (GdFieldSet *set,
     const char *path,
     const char *label,
     GtkWidget  *input)
{
  Field field = { g_strdup (path), g_strdup (label), input, NULL, NULL, FALSE };

  g_array_append_val (set->fields, field);
  return &g_array_index (set->fields, Field, set->fields->len - 1);
}

void
gd_field_set_add_row (GdFieldSet *set,
                      const char *path,
                      const char *label,
                      GtkWidget  *row,
                      GtkWidget  *input)
{
  g_return_if_fail (set != NULL && path != NULL && label != NULL);
  g_return_if_fail (GTK_IS_WIDGET (row) && GTK_IS_WIDGET (input));

  add (set, path, label, input)->message = gd_field_message_new (row, input);
}

void
gd_field_set_add_label (GdFieldSet *set,
                        const char *path,
                        const char *label,
                        GtkLabel   *message,
                        GtkWidget  *input)
{
  g_return_if_fail (set != NULL && path != NULL && label != NULL);
  g_return_if_fail (GTK_IS_LABEL (message) && GTK_IS_WIDGET (input));

  add (set, path, label, input)->text = message;
  gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
}

static void
field_show (Field      *field,
            const char *text)
{
  field->bad = text != NULL;
  if (field->message != NULL)
    {
      gd_field_message_set (field->message, text != NULL ? GD_FIELD_MESSAGE_ERROR
                                                         : GD_FIELD_MESSAGE_NONE, text);
      return;
    }
  gtk_label_set_text (field->text, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (field->text), text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (field->input, "error");
  else
    gtk_widget_remove_css_class (field->input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID,
                               text != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                            : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

void
gd_field_set_clear (GdFieldSet *set)
{
  g_return_if_fail (set != NULL);

  for (guint i = 0; i < set->fields->len; i++)
    field_show (&g_array_index (set->fields, Field, i), NULL);
}

/* The field for `path`: the same path, else the longest one that is a parent of it. */
static Field *
lookup (GdFieldSet *set,
        const char *path)
{
  Field *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < set->fields->len; i++)
    {
      Field *field = &g_array_index (set->fields, Field, i);
      gsize len = strlen (field->path);

      if (g_str_equal (field->path, path))
        return field;
      if (g_str_has_prefix (path, field->path) && (path[len] == '.' || path[len] == '[')
          && len > best_len)
        {
          best = field;
          best_len = len;
        }
    }
  return best;
}

gboolean
gd_field_set_error (GdFieldSet *set,
                    const char *path,
                    const char *text)
{
  Field *field;

  g_return_val_if_fail (set != NULL && path != NULL && text != NULL, FALSE);

  field = lookup (set, path);
  if (field == NULL)
    return FALSE;
  if (!field->bad)
    field_show (field, text);
  return TRUE;
}

const char *
gd_field_set_label (GdFieldSet *set,
                    const char *path)
{
  Field *field;

  g_return_val_if_fail (set != NULL && path != NULL, NULL);
  field = lookup (set, path);
  return field != NULL ? field->label : NULL;
}

guint
gd_field_set_report (GdFieldSet *set,
                     gboolean    focus,
                     char      **labels)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint count = 0;

  g_return_val_if_fail (set != NULL, 0);

  for (guint i = 0; i < set->fields->len; i++)
    {
      Field *field = &g_array_index (set->fields, Field, i);

      if (!field->bad)
        continue;
      if (count++ == 0 && focus)
        gtk_widget_grab_focus (field->input);
      if (names->len > 0)
        /* Translators: between the labels of fields in a list */
        g_string_append (names, _(", "));
      g_string_append (names, field->label);
    }
  if (labels != NULL)
    *labels = g_string_free (g_steal_pointer (&names), FALSE);
  return count;
}
