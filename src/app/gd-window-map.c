/* gd-window-map.c: win.select-grid and win.open-household, for the map and other views.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window-map"
#include "config.h"

#include "gd-window-map.h"
#include "gd-window-private.h"

/* chooses the grid in the navigator, which limits the other views to it */
static void
win_select_grid_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *code = g_variant_get_string (parameter, NULL);

  if (!gd_sidebar_select_code (gd_window_get_sidebar (GD_WINDOW (widget)), *code ? code : NULL))
    g_debug ("Grid %s is not in the navigator", code);
}

static void
win_open_household_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gd_window_open_household (GD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
gd_window_map_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.select-grid", "s", win_select_grid_cb);
  gtk_widget_class_install_action (widget_class, "win.open-household", "s", win_open_household_cb);
}
