/* gd-window.h: the main window.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-application.h"
#include "gd-types.h"

G_BEGIN_DECLS

#define GD_TYPE_WINDOW (gd_window_get_type ())

G_DECLARE_FINAL_TYPE (GdWindow, gd_window, GD, WINDOW, AdwApplicationWindow)

/* Opens the store at `database_path` off the main thread; when the store has no
 * village yet, creates the demo village in it. `create_parent` makes the file's
 * directory (mode 0700) first; use it for the default database only. */
GdWindow   *gd_window_new               (GdApplication *application,
                                         const char    *database_path,
                                         gboolean       create_parent);

const char *gd_window_get_database_path (GdWindow *self);
/* The open store, or NULL while it is being opened (or could not be). */
GdStore    *gd_window_get_store         (GdWindow *self);

/* households, incidents, mediation, map or reports */
const char *gd_window_get_view          (GdWindow   *self);
void        gd_window_set_view          (GdWindow   *self,
                                         const char *view);

G_END_DECLS
