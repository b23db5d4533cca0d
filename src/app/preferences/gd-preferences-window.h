/* gd-preferences-window.h: the operator (name, role) and where the data lives.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_PREFERENCES_WINDOW (gd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GdPreferencesWindow, gd_preferences_window, GD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Rows are bound to the session's settings (operator-name, operator-role: the session
 * follows them); without settings (no schema installed) they cannot be changed.
 * `database_path` may be NULL. */
GdPreferencesWindow *gd_preferences_window_new (GtkWindow  *parent,
                                                GdSession  *session,
                                                const char *database_path);
/* Shows the Sync page (county server and account), when there is one. */
void                 gd_preferences_window_show_sync (GdPreferencesWindow *self);

G_END_DECLS
