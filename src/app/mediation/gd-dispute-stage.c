/* gd-dispute-stage.c: one stage of a mediation case, from gd-dispute-stage.ui.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-stage"

#include "config.h"

#include "gd-dispute-stage.h"

struct _GdDisputeStage
{
  GtkToggleButton parent_instance;

  GtkLabel       *number_label;
  GtkLabel       *title_label;
  GtkWidget      *check;
  GtkWidget      *page;      /* kept: the stack holds it, not this button */
  GtkBox         *box;
  GtkLabel       *heading;
  GtkLabel       *description;
};

G_DEFINE_FINAL_TYPE (GdDisputeStage, gd_dispute_stage, GTK_TYPE_TOGGLE_BUTTON)

static void
gd_dispute_stage_dispose (GObject *object)
{
  GdDisputeStage *self = GD_DISPUTE_STAGE (object);

  /* our own reference first: disposing the template clears the pointer */
  g_clear_object (&self->page);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_DISPUTE_STAGE);
  G_OBJECT_CLASS (gd_dispute_stage_parent_class)->dispose (object);
}

static void
gd_dispute_stage_class_init (GdDisputeStageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gd_dispute_stage_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-dispute-stage.ui");
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, number_label);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, check);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, page);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, box);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, heading);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeStage, description);
}

static void
gd_dispute_stage_init (GdDisputeStage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_ref (self->page);
}

GdDisputeStage *
gd_dispute_stage_new (guint       number,
                      const char *title,
                      const char *description)
{
  GdDisputeStage *self = g_object_new (GD_TYPE_DISPUTE_STAGE, NULL);
  g_autofree char *text = g_strdup_printf ("%u", number);

  gtk_label_set_text (self->number_label, text);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->heading, title);
  gtk_label_set_text (self->description, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return self;
}

GtkWidget *
gd_dispute_stage_get_page (GdDisputeStage *self)
{
  g_return_val_if_fail (GD_IS_DISPUTE_STAGE (self), NULL);
  return self->page;
}

GtkBox *
gd_dispute_stage_get_box (GdDisputeStage *self)
{
  g_return_val_if_fail (GD_IS_DISPUTE_STAGE (self), NULL);
  return self->box;
}

void
gd_dispute_stage_set_done (GdDisputeStage *self,
                           gboolean        done)
{
  g_return_if_fail (GD_IS_DISPUTE_STAGE (self));
  gtk_widget_set_visible (self->check, done);
}
