/* gd-window.h: the main window.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_WINDOW (gd_window_get_type ())

G_DECLARE_FINAL_TYPE (GdWindow, gd_window, GD, WINDOW, AdwApplicationWindow)

/* Opens the store at `database_path` off the main thread; when the store has no
 * village yet, creates the demo village in it. `create_parent` makes the file's
 * directory (mode 0700) first; use it for the default database only. */
GdWindow   *gd_window_new               (GtkApplication *application,
                                         GdSession      *session,
                                         const char     *database_path,
                                         gboolean        create_parent);

const char *gd_window_get_database_path (GdWindow *self);
/* The store (NULL while it is being opened), the operator, settings and sync. */
GdSession  *gd_window_get_session       (GdWindow *self);

/* TRUE for the name of a view: households, incidents, mediation, map or reports */
gboolean    gd_window_is_view_name      (const char *name);
/* households, incidents, mediation, map or reports */
const char *gd_window_get_view          (GdWindow   *self);
void        gd_window_set_view          (GdWindow   *self,
                                         const char *view);

/* Opens the import assistant, reading `path` (NULL: the user chooses a file). */
void        gd_window_import_file       (GdWindow   *self,
                                         const char *path);

G_END_DECLS
