/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-keys.h: the main window's keyboard: Ctrl+N is the current view's "new",
 * Alt+1…5 switch views, F10 opens the main menu, F1 the user guide. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gd_window_keys_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
