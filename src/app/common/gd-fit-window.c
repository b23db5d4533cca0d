/* gd-fit-window.c: see gd-fit-window.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-fit-window"

#include "config.h"

#include "gd-fit-window.h"

/* room for a panel or a task bar and the window's own frame */
#define MARGIN_X 32
#define MARGIN_Y 72

void
gd_fit_window_to_screen (GtkWindow *window,
                         GtkWindow *parent,
                         int        width,
                         int        height)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkMonitor *monitor = NULL;
  GdkRectangle area = { 0 };

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (parent)));
  if (monitor == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (display);
      g_autoptr(GdkMonitor) first = g_list_model_get_n_items (monitors) > 0
                                    ? g_list_model_get_item (monitors, 0) : NULL;
      if (first != NULL)
        gdk_monitor_get_geometry (first, &area);
    }
  else
    gdk_monitor_get_geometry (monitor, &area);
  if (area.width > 0)
    width = MIN (width, area.width - MARGIN_X);
  if (area.height > 0)
    height = MIN (height, area.height - MARGIN_Y);
  gtk_window_set_default_size (window, MAX (width, 360), MAX (height, 320));
}
