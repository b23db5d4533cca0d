/* gd-window-map.h: the window's actions the map owns: win.select-grid (s: grid code) and
 * win.open-household (s: _id), and what they need from gd-window.c.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-sidebar.h"
#include "gd-window.h"

G_BEGIN_DECLS

void       gd_window_map_class_init (GtkWidgetClass *widget_class);

/* gd-window.c */
void       gd_window_open_household (GdWindow *self, const char *doc_id);
GdSidebar *gd_window_get_sidebar    (GdWindow *self);

G_END_DECLS
