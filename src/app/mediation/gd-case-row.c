/* gd-case-row.c: a mediation case in the Mediation view's list.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-case-row"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-case-row.h"
#include "gd-display.h"
#include "gd-mediation-format.h"

struct _GdCaseRow
{
  GtkBox    parent_instance;

  GtkLabel *number;
  GtkLabel *summary;
  GtkLabel *details;
  GtkBox   *badges;
};

G_DEFINE_FINAL_TYPE (GdCaseRow, gd_case_row, GTK_TYPE_BOX)

static void
gd_case_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_CASE_ROW);
  G_OBJECT_CLASS (gd_case_row_parent_class)->dispose (object);
}

static void
gd_case_row_class_init (GdCaseRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gd_case_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GdCaseRow, number);
  gtk_widget_class_bind_template_child (widget_class, GdCaseRow, summary);
  gtk_widget_class_bind_template_child (widget_class, GdCaseRow, details);
  gtk_widget_class_bind_template_child (widget_class, GdCaseRow, badges);
}

static void
gd_case_row_init (GdCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gd_case_row_new (void)
{
  return g_object_new (GD_TYPE_CASE_ROW, NULL);
}

void
gd_case_row_set (GdCaseRow          *self,
                 const GdDisputeRow *data)
{
  const char *category;
  g_autofree char *received = NULL;
  g_autofree char *details = NULL;
  GtkWidget *child;

  g_return_if_fail (GD_IS_CASE_ROW (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges))) != NULL)
    gtk_box_remove (self->badges, child);
  if (data == NULL)
    return;
  category = gd_code_display_name ("dispute-categories", data->category);
  received = gd_format_date (data->received_at);
  details = g_strdup_printf ("%s · %s · %s%s%s",
                             data->parties != NULL ? data->parties : "",
                             category != NULL ? category : "",
                             received != NULL ? received : "",
                             data->mediators != NULL && *data->mediators ? " · " : "",
                             data->mediators != NULL ? data->mediators : "");
  gtk_label_set_text (self->number, data->number != NULL ? data->number : _("(not yet accepted)"));
  gtk_label_set_text (self->summary, data->summary != NULL ? data->summary : "");
  gtk_label_set_text (self->details, details);
  if (data->has_timer)
    {
      g_autofree char *text = gd_dispute_timer_text (&data->timer);

      gtk_box_append (self->badges, gd_case_badge_new (text, gd_dispute_timer_style (&data->timer)));
    }
  gtk_box_append (self->badges,
                  gd_case_badge_new (gd_code_display_name ("dispute-statuses", data->status),
                                     gd_dispute_status_style (data->status)));
}
