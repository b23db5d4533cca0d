/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-conflicts-window.h: the conflict centre: each true conflict field by field (mine /
 * theirs / edit, the decision audit-logged) and the records the server refused, with its
 * reason and "Send Again". */
#pragma once

#include <adwaita.h>

#include "gd-sync-controller.h"

G_BEGIN_DECLS

#define GD_TYPE_CONFLICTS_WINDOW (gd_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (GdConflictsWindow, gd_conflicts_window, GD, CONFLICTS_WINDOW, AdwWindow)

GdConflictsWindow *gd_conflicts_window_new (GtkWindow *parent, GdSyncController *controller);

G_END_DECLS
