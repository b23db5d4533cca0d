/* gd-window-mediation.c: the main window's mediation part. win.open-dispute (s: _id) opens a
 * case in its editor — from the Mediation view, and from any other view (an incident linked
 * to a dispute); win.new-dispute starts a case in the selected grid.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window-mediation"

#include "config.h"

#include "gd-dispute-editor.h"
#include "gd-mediator-roster.h"
#include "gd-window-mediation.h"
#include "gd-window-private.h"

static void
on_editor_saved (GdDisputeEditor *editor,
                 const char      *doc_id,
                 GdWindow        *window)
{
  /* a new case has its _id now: a second "open" finds this editor (the view refreshes on
   * the session's document-changed) */
  g_object_set_data_full (G_OBJECT (editor), "gd-doc-id", g_strdup (doc_id), g_free);
}

static void
open_dispute (GdWindow   *window,
              const char *doc_id)
{
  GdDisputeEditor *editor;
  GtkWindow *open;

  if (!gd_window_ready_for_child (window))
    return;
  if (doc_id != NULL && (open = gd_window_find_child (window, GD_TYPE_DISPUTE_EDITOR, doc_id)) != NULL)
    {
      gtk_window_present (open);
      return;
    }
  editor = gd_dispute_editor_new (GTK_WINDOW (window), gd_window_get_session (window), doc_id,
                                  doc_id == NULL ? gd_window_get_selected_grid (window) : NULL);
  if (editor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (editor), "gd-doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), window, 0);
  gd_window_track_child (window, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
win_open_dispute_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *doc_id = g_variant_get_string (parameter, NULL);

  if (g_str_has_prefix (doc_id, "dispute:"))
    open_dispute (GD_WINDOW (widget), doc_id);
}

static void
win_new_dispute_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_dispute (GD_WINDOW (widget), NULL);
}

void
gd_window_mediation_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (GD_TYPE_MEDIATION_VIEW);
  gtk_widget_class_install_action (widget_class, "win.open-dispute", "s", win_open_dispute_cb);
  gtk_widget_class_install_action (widget_class, "win.new-dispute", NULL, win_new_dispute_cb);
}

static void
on_dispute_activated (GdMediationView *view,
                      const char      *doc_id,
                      GdWindow        *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dispute", "s", doc_id);
}

static void
on_new_dispute (GdMediationView *view,
                GdWindow        *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-dispute", NULL);
}

static void
on_manage_mediators (GdMediationView *view,
                     GdWindow        *window)
{
  GdMediatorRoster *roster;
  GtkWindow *open;

  if (!gd_window_ready_for_child (window))
    return;
  if ((open = gd_window_find_child (window, GD_TYPE_MEDIATOR_ROSTER, NULL)) != NULL)
    {
      gtk_window_present (open);
      return;
    }
  roster = gd_mediator_roster_new (GTK_WINDOW (window), gd_window_get_session (window),
                                   gd_window_get_selected_grid (window));
  gd_window_track_child (window, GTK_WINDOW (roster));
  gtk_window_present (GTK_WINDOW (roster));
}

void
gd_window_mediation_attach (GdWindow        *window,
                            GdMediationView *view)
{
  g_signal_connect_object (view, "dispute-activated", G_CALLBACK (on_dispute_activated), window, 0);
  g_signal_connect_object (view, "new-dispute", G_CALLBACK (on_new_dispute), window, 0);
  g_signal_connect_object (view, "manage-mediators", G_CALLBACK (on_manage_mediators), window, 0);
}
