/* gd-window-incidents.c: window actions of the Incidents view.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Other views (the map, households, mediation) reach incidents only through these actions,
 * so they work whether or not they were built together with this view.
 */

#define G_LOG_DOMAIN "gd-window-incidents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-incident-form.h"
#include "gd-incident-query.h"
#include "gd-incidents-view.h"
#include "gd-overdue-notice.h"
#include "gd-sidebar.h"
#include "gd-window-incidents.h"
#include "gd-window-private.h"

static GdIncidentsView *
view_of (GdWindow *self)
{
  return GD_INCIDENTS_VIEW (gtk_widget_get_template_child (GTK_WIDGET (self), GD_TYPE_WINDOW,
                                                           "incidents_view"));
}

static void
toast (GdWindow *self,
       AdwToast *toast)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_template_child (GTK_WIDGET (self), GD_TYPE_WINDOW,
                                                                               "toast_overlay"));

  adw_toast_overlay_add_toast (overlay, toast);
}

static void
on_registered (GdIncidentForm *form,
               const char     *doc_id,
               const char     *number,
               GdWindow       *self)
{
  g_autofree char *title = g_strdup_printf (_("Incident %s registered"), number ? number : "");

  /* the board has the new card already: it refreshed on the session's document-changed */
  gd_window_set_view (self, "incidents");
  gd_incidents_view_open (view_of (self), doc_id);
  toast (self, adw_toast_new (title));
}

static void
open_form (GdWindow   *self,
           const char *grid,
           gboolean    has_location,
           double      latitude,
           double      longitude)
{
  GdSession *session = gd_window_get_session (self);
  GdIncidentForm *form;

  if (gd_session_get_store (session) == NULL)
    return;
  form = gd_incident_form_new (GTK_WINDOW (self), session, grid, has_location, latitude, longitude);
  g_signal_connect_object (form, "registered", G_CALLBACK (on_registered), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static void
new_incident_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GdSidebar *sidebar = GD_SIDEBAR (gtk_widget_get_template_child (widget, GD_TYPE_WINDOW, "sidebar"));
  const char *code = gd_sidebar_get_selected_code (sidebar);

  /* a grid chosen in the navigator is the likely one; a village or town is not a grid */
  open_form (GD_WINDOW (widget), code != NULL && strlen (code) == 15 ? code : NULL, FALSE, 0, 0);
}

static void
new_incident_at_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  double latitude, longitude;
  const char *grid;

  g_variant_get (parameter, "(dd&s)", &latitude, &longitude, &grid);
  open_form (GD_WINDOW (widget), *grid != '\0' ? grid : NULL, TRUE, latitude, longitude);
}

static void
open_incident_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);

  if (gd_session_get_store (gd_window_get_session (self)) == NULL)
    return;
  gd_window_set_view (self, "incidents");
  if (!gd_incidents_view_open (view_of (self), g_variant_get_string (parameter, NULL)))
    toast (self, adw_toast_new (_("That incident is not in this database")));
}

static void
show_overdue_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);

  gd_window_set_view (self, "incidents");
  gd_incidents_view_show_overdue (view_of (self));
}

void
gd_window_incidents_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (GD_TYPE_INCIDENTS_VIEW);
  /* no field in GdWindow: looked up with gtk_widget_get_template_child() */
  gtk_widget_class_bind_template_child_full (widget_class, "incidents_view", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.open-incident", "s", open_incident_cb);
  gtk_widget_class_install_action (widget_class, "win.new-incident", NULL, new_incident_cb);
  gtk_widget_class_install_action (widget_class, "win.new-incident-at", "(dds)", new_incident_at_cb);
  gtk_widget_class_install_action (widget_class, "win.show-overdue-incidents", NULL, show_overdue_cb);
}

/* At start-up: how many open incidents are past their deadline, with a way to see them. */
static gint64
count_overdue (GdWindow *self)
{
  GdSession *session = gd_window_get_session (self);
  GdStore *store = session != NULL ? gd_session_get_store (session) : NULL;
  const GdOperator *op = session != NULL ? gd_session_get_operator (session) : NULL;
  GdIncidentFilter filter = { .overdue = TRUE };

  /* only those who handle incidents are told, not mediators */
  if (store == NULL || op == NULL || !gd_overdue_notice_for_role (op->role))
    return 0;
  return gd_store_count_incidents (store, &filter, NULL);
}

/* The badge follows every change of an incident. */
static void
on_incidents_changed (gpointer object)
{
  GtkWidget *view = adw_view_stack_page_get_child (ADW_VIEW_STACK_PAGE (object));
  GtkRoot *root = gtk_widget_get_root (view);

  if (GD_IS_WINDOW (root))
    gd_overdue_notice_set_badge (view, count_overdue (GD_WINDOW (root)));
}

void
gd_window_incidents_notify_overdue (GdWindow *self)
{
  GdSession *session = gd_window_get_session (self);
  gint64 overdue = count_overdue (self);
  g_autofree char *title = NULL;
  g_autofree char *today = gd_overdue_notice_today ();
  AdwToast *notice;

  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (view_of (self)), ADW_TYPE_VIEW_STACK);

  gd_overdue_notice_set_badge (GTK_WIDGET (view_of (self)), overdue);
  /* the view watches for itself: the badge on its page (one watch per object) */
  if (session != NULL && stack != NULL)
    gd_session_watch (session, GD_DOC_MASK (GD_DOC_INCIDENT),
                      adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (view_of (self))),
                      on_incidents_changed);
  /* once a day on this computer: the badge says it the rest of the day */
  if (overdue <= 0 || !gd_overdue_notice_take_today (today))
    return;
  title = g_strdup_printf (ngettext ("%d incident is past its deadline",
                                     "%d incidents are past their deadline",
                                     (gulong) overdue), (int) overdue);
  notice = adw_toast_new (title);
  adw_toast_set_button_label (notice, _("_Show"));
  adw_toast_set_action_name (notice, "win.show-overdue-incidents");
  adw_toast_set_priority (notice, ADW_TOAST_PRIORITY_HIGH);
  /* long enough to read and act on, then it leaves the bottom rows free (or its × closes it) */
  adw_toast_set_timeout (notice, 15);
  toast (self, notice);
}

void
gd_window_incidents_set_session (GdWindow  *self,
                                 GdSession *session)
{
  gd_incidents_view_set_session (view_of (self), session);
}

void
gd_window_incidents_set_grid (GdWindow   *self,
                              const char *grid)
{
  gd_incidents_view_set_grid (view_of (self), grid);
}
