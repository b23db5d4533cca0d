/* gd-mediation-format.c: badge texts of mediation cases.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-mediation-format"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-mediation-format.h"

char *
gd_dispute_timer_text (const GdDisputeTimer *timer)
{
  const char *what;

  switch (timer->kind)
    {
    case GD_DISPUTE_TIMER_RESOLUTION:
      what = C_("deadline", "Mediation");
      break;
    case GD_DISPUTE_TIMER_CONFIRMATION:
      what = _("Judicial confirmation");
      break;
    case GD_DISPUTE_TIMER_FOLLOW_UP:
    default:
      what = _("Follow-up");
      break;
    }
  if (timer->days_left < 0)
    /* Translators: what is due, then by how many days it is late */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s overdue by %d day",
                                         "%s overdue by %d days", -timer->days_left),
                            what, -timer->days_left);
  if (timer->days_left == 0)
    /* Translators: what is due today */
    return g_strdup_printf (_("%s due today"), what);
  /* Translators: what is due, then in how many days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s due in %d day", "%s due in %d days",
                                       timer->days_left),
                          what, timer->days_left);
}

GtkWidget *
gd_case_badge_new (const char *text,
                   const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "case-badge");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

const char *
gd_dispute_timer_style (const GdDisputeTimer *timer)
{
  return timer->days_left < 0 ? "error" : timer->days_left <= 3 ? "warning" : NULL;
}

const char *
gd_dispute_status_style (const char *status)
{
  if (g_strcmp0 (status, "received") == 0 || g_strcmp0 (status, "accepted") == 0)
    return "accent";
  if (g_strcmp0 (status, "mediating") == 0)
    return "warning";
  if (g_strcmp0 (status, "agreed") == 0)
    return "success";
  if (g_strcmp0 (status, "failed") == 0)
    return "error";
  return NULL;
}
