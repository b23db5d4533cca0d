/* gd-window-sync.c: see gd-window-sync.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-window-sync"
#include "config.h"

#include "gd-window-sync.h"

#define CONTROLLER_KEY "gd-sync-controller"

static void
on_finished (GdSyncController   *controller,
             gboolean            ok,
             GtkWidget          *window)
{
  GdWindowSyncChanged changed = g_object_get_data (G_OBJECT (controller), "gd-changed");

  /* what arrived from the county shows at once */
  changed (window);
}

static void
controller_dispose (gpointer data)
{
  GdSyncController *controller = data;

  g_signal_handlers_disconnect_matched (controller, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_finished, NULL);
  /* cancels a running sync and lets go of the store: the worker's task may outlive us */
  g_object_run_dispose (G_OBJECT (controller));
  g_object_unref (controller);
}

void
gd_window_sync_attach (GtkWidget          *window,
                       GdSyncButton       *button,
                       GSettings          *settings,
                       GdStore            *store,
                       GdWindowSyncChanged changed)
{
  GdSyncController *controller = NULL;

  gd_sync_button_set_controller (button, NULL);
  g_object_set_data (G_OBJECT (window), CONTROLLER_KEY, NULL);
  if (store == NULL || settings == NULL)
    return;
  controller = gd_sync_controller_new (settings, store);
  g_object_set_data (G_OBJECT (controller), "gd-changed", changed);
  g_signal_connect (controller, "finished", G_CALLBACK (on_finished), window);
  g_object_set_data_full (G_OBJECT (window), CONTROLLER_KEY, controller, controller_dispose);
  gd_sync_button_set_controller (button, controller);
  if (gd_sync_controller_get_online (controller))
    gd_sync_controller_sync_now (controller);
}

void
gd_window_sync_refresh (GtkWidget *window)
{
  GdSyncController *controller = g_object_get_data (G_OBJECT (window), CONTROLLER_KEY);

  if (controller != NULL)
    gd_sync_controller_refresh (controller);
}
