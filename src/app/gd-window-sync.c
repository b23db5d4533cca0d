/* gd-window-sync.c: see gd-window-sync.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-window-sync"
#include "config.h"

#include "gd-window-sync.h"

static void
on_session_sync_controller_notify (GdSession    *session,
                                   GParamSpec   *pspec,
                                   GdSyncButton *button)
{
  GdSyncController *controller = gd_session_get_sync_controller (session);

  gd_sync_button_set_controller (button, controller);
  if (controller != NULL && gd_sync_controller_get_online (controller))
    gd_sync_controller_sync_now (controller);
}

void
gd_window_sync_attach (GtkWidget    *window,
                       GdSyncButton *button,
                       GdSession    *session)
{
  g_return_if_fail (GD_IS_SYNC_BUTTON (button));
  g_return_if_fail (GD_IS_SESSION (session));

  g_signal_connect_object (session, "notify::sync-controller",
                           G_CALLBACK (on_session_sync_controller_notify), button, 0);
  gd_sync_button_set_controller (button, gd_session_get_sync_controller (session));
}
