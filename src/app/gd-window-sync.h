/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-sync.h: what the main window does for sync, kept out of gd-window.c: the
 * session's sync controller (one per open store) shown by the header bar's GdSyncButton. */
#pragma once

#include "gd-session.h"
#include "gd-sync-button.h"

G_BEGIN_DECLS

/* The button follows the session's sync-controller; a new controller starts a first sync in
 * the background when an account is set up. What a sync writes reaches the views through
 * the session's document-changed. */
void gd_window_sync_attach  (GtkWidget    *window,
                             GdSyncButton *button,
                             GdSession    *session);

G_END_DECLS
