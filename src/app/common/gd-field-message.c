/* gd-field-message.c: see gd-field-message.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-field-message"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-field-message.h"

struct _GdFieldMessage
{
  GtkWidget         *row;    /* the message row (owns this struct) */
  GtkWidget         *field;  /* the form row the message is about */
  char              *title;  /* its title without a hint */
  GtkWidget         *input;  /* gets the .error / .warning style */
  GtkImage          *icon;
  GtkLabel          *label;
  GtkButton         *link;
  char              *target;
  GdFieldLinkFunc    func;
  gpointer           user_data;
  GdFieldMessageKind kind;
};

static void
field_message_free (gpointer data)
{
  GdFieldMessage *message = data;

  g_free (message->target);
  g_free (message->title);
  g_free (message);
}

static void
on_field_message_link_clicked (GtkButton      *button,
                               GdFieldMessage *message)
{
  g_autofree char *target = g_strdup (message->target);

  if (message->func != NULL && target != NULL)
    message->func (target, message->user_data);
}

GdFieldMessage *
gd_field_message_new (GtkWidget *row,
                      GtkWidget *input)
{
  GdFieldMessage *message;
  GtkWidget *list, *box;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (input), NULL);
  list = gtk_widget_get_parent (row);
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  message = g_new0 (GdFieldMessage, 1);
  message->input = input;
  message->field = row;
  if (ADW_IS_PREFERENCES_ROW (row))
    message->title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  message->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message->row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message->row), FALSE);
  gtk_widget_set_focusable (message->row, FALSE);
  gtk_widget_set_visible (message->row, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  message->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (message->icon), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->icon));

  message->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (message->label, TRUE);
  gtk_label_set_wrap_mode (message->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (message->label, 0.0);
  gtk_label_set_selectable (message->label, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (message->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->label));

  message->link = GTK_BUTTON (gtk_button_new ());
  gtk_widget_add_css_class (GTK_WIDGET (message->link), "flat");
  gtk_widget_set_valign (GTK_WIDGET (message->link), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (message->link), FALSE);
  g_signal_connect (message->link, "clicked", G_CALLBACK (on_field_message_link_clicked), message);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->link));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message->row), box);
  g_object_set_data_full (G_OBJECT (message->row), "gd-field-message", message, field_message_free);
  gtk_list_box_insert (GTK_LIST_BOX (list), message->row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  return message;
}

static void
set_kind_class (GtkWidget         *widget,
                GdFieldMessageKind kind)
{
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "dim-label");
  if (kind == GD_FIELD_MESSAGE_ERROR)
    gtk_widget_add_css_class (widget, "error");
  else if (kind == GD_FIELD_MESSAGE_WARNING)
    gtk_widget_add_css_class (widget, "warning");
  else if (kind == GD_FIELD_MESSAGE_HINT)
    gtk_widget_add_css_class (widget, "dim-label");
}

void
gd_field_message_set (GdFieldMessage    *message,
                      GdFieldMessageKind kind,
                      const char        *text)
{
  g_return_if_fail (message != NULL);

  if (text == NULL || *text == '\0')
    kind = GD_FIELD_MESSAGE_NONE;
  message->kind = kind;
  /* A hint ("Required" on a field not touched yet) takes no room of its own: it goes into
   * the entry's title, which is its placeholder while empty, or a row's subtitle. */
  gtk_widget_set_visible (message->row, kind != GD_FIELD_MESSAGE_NONE
                                        && kind != GD_FIELD_MESSAGE_HINT);
  if (ADW_IS_ENTRY_ROW (message->field) && message->title != NULL)
    {
      g_autofree char *title = NULL;

      if (kind == GD_FIELD_MESSAGE_HINT)
        /* Translators: an entry's title and a hint like "Required": "姓名（必填）" */
        title = g_strdup_printf (_("%s (%s)"), message->title, text);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message->field),
                                     title != NULL ? title : message->title);
    }
  else if (ADW_IS_ACTION_ROW (message->field))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (message->field),
                                 kind == GD_FIELD_MESSAGE_HINT ? text : "");
  gtk_label_set_text (message->label, kind != GD_FIELD_MESSAGE_NONE ? text : "");
  set_kind_class (GTK_WIDGET (message->label), kind);
  set_kind_class (GTK_WIDGET (message->icon), kind);
  gtk_widget_set_visible (GTK_WIDGET (message->icon),
                          kind == GD_FIELD_MESSAGE_ERROR || kind == GD_FIELD_MESSAGE_WARNING);
  gtk_image_set_from_icon_name (message->icon, kind == GD_FIELD_MESSAGE_ERROR
                                               ? "dialog-error-symbolic"
                                               : "dialog-warning-symbolic");

  /* the input is marked only for problems, not for hints */
  set_kind_class (message->input, kind == GD_FIELD_MESSAGE_HINT ? GD_FIELD_MESSAGE_NONE : kind);
  gtk_accessible_update_state (GTK_ACCESSIBLE (message->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               kind == GD_FIELD_MESSAGE_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                              : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (kind != GD_FIELD_MESSAGE_NONE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (message->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (message->input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  g_clear_pointer (&message->target, g_free);
  message->func = NULL;
  message->user_data = NULL;
  gtk_widget_set_visible (GTK_WIDGET (message->link), FALSE);
}

void
gd_field_message_set_link (GdFieldMessage *message,
                           const char     *label,
                           const char     *target,
                           GdFieldLinkFunc func,
                           gpointer        user_data)
{
  g_return_if_fail (message != NULL);
  g_return_if_fail (label != NULL && target != NULL);

  g_free (message->target);
  message->target = g_strdup (target);
  message->func = func;
  message->user_data = user_data;
  gtk_button_set_label (message->link, label);
  gtk_widget_set_visible (GTK_WIDGET (message->link), TRUE);
}

GdFieldMessageKind
gd_field_message_get_kind (GdFieldMessage *message)
{
  g_return_val_if_fail (message != NULL, GD_FIELD_MESSAGE_NONE);
  return message->kind;
}

GtkLabel *
gd_field_message_get_label (GdFieldMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->label;
}

GtkWidget *
gd_field_message_get_input (GdFieldMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->input;
}
