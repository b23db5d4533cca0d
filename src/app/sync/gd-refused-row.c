/* gd-refused-row.c: see gd-refused-row.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-refused-row"
#include "config.h"

#include "gd-refused-row.h"

struct _GdRefusedRow
{
  AdwActionRow  parent_instance;

  /* template children */
  GtkWidget    *not_taken_icon;
  GtkWidget    *retry_button;

  char         *doc_id;
};

G_DEFINE_FINAL_TYPE (GdRefusedRow, gd_refused_row, ADW_TYPE_ACTION_ROW)

enum { RETRY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_retry_clicked (GdRefusedRow *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
gd_refused_row_finalize (GObject *object)
{
  g_free (GD_REFUSED_ROW (object)->doc_id);
  G_OBJECT_CLASS (gd_refused_row_parent_class)->finalize (object);
}

static void
gd_refused_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_REFUSED_ROW);
  G_OBJECT_CLASS (gd_refused_row_parent_class)->dispose (object);
}

static void
gd_refused_row_class_init (GdRefusedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_refused_row_dispose;
  object_class->finalize = gd_refused_row_finalize;
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-refused-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GdRefusedRow, not_taken_icon);
  gtk_widget_class_bind_template_child (widget_class, GdRefusedRow, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
gd_refused_row_init (GdRefusedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GdRefusedRow *
refused_row_new (const char *title,
                 const char *subtitle)
{
  GdRefusedRow *self = g_object_new (GD_TYPE_REFUSED_ROW, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  return self;
}

GtkWidget *
gd_refused_row_new_rejected (const char *doc_id,
                             const char *title,
                             const char *subtitle)
{
  GdRefusedRow *self = refused_row_new (title, subtitle);

  self->doc_id = g_strdup (doc_id);
  gtk_widget_set_visible (self->retry_button, TRUE);
  return GTK_WIDGET (self);
}

GtkWidget *
gd_refused_row_new_quarantined (const char *title,
                                const char *subtitle,
                                const char *spoken)
{
  GdRefusedRow *self = refused_row_new (title, subtitle);

  gtk_widget_set_visible (self->not_taken_icon, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return GTK_WIDGET (self);
}

const char *
gd_refused_row_get_doc_id (GdRefusedRow *self)
{
  g_return_val_if_fail (GD_IS_REFUSED_ROW (self), NULL);
  return self->doc_id;
}
