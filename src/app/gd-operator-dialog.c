/* gd-operator-dialog.c: first start: who works at this workstation, and in which role.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-operator-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-operator-dialog.h"

#define N_ROLES (GD_ROLE_ADMINISTRATOR + 1)

struct _GdOperatorDialog
{
  AdwMessageDialog parent_instance;

  /* template children */
  AdwEntryRow *name_row;
  AdwComboRow *role_row;
};

G_DEFINE_FINAL_TYPE (GdOperatorDialog, gd_operator_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
entered_name (GdOperatorDialog *self)
{
  g_assert (GD_IS_OPERATOR_DIALOG (self));

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static void
on_name_row_changed (GtkEditable      *editable,
                     GdOperatorDialog *self)
{
  g_autofree char *name = entered_name (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "continue", *name != '\0');
}

static void
gd_operator_dialog_map (GtkWidget *widget)
{
  GdOperatorDialog *self = GD_OPERATOR_DIALOG (widget);

  GTK_WIDGET_CLASS (gd_operator_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
gd_operator_dialog_class_init (GdOperatorDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = gd_operator_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gd-operator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GdOperatorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GdOperatorDialog, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed);
}

static void
gd_operator_dialog_init (GdOperatorDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_ROLES; i++)
    gtk_string_list_append (roles, gd_role_display_name ((GdRole) i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (self->role_row, GD_ROLE_GRID_WORKER);
}

GdOperatorDialog *
gd_operator_dialog_new (GtkWindow        *parent,
                        const GdOperator *initial)
{
  GdOperatorDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (GD_TYPE_OPERATOR_DIALOG,
                       "transient-for", parent,
                       NULL);

  if (initial != NULL)
    {
      if (initial->name != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->name_row), initial->name);
      adw_combo_row_set_selected (self->role_row, (guint) initial->role);
    }

  return self;
}

GdOperator *
gd_operator_dialog_get_operator (GdOperatorDialog *self)
{
  g_autofree char *name = NULL;
  GdOperator *op;
  guint role;

  g_return_val_if_fail (GD_IS_OPERATOR_DIALOG (self), NULL);

  name = entered_name (self);
  if (*name == '\0')
    return NULL;

  role = adw_combo_row_get_selected (self->role_row);
  op = g_new0 (GdOperator, 1);
  op->name = g_steal_pointer (&name);
  op->role = role < N_ROLES ? (GdRole) role : GD_ROLE_GRID_WORKER;

  return op;
}
