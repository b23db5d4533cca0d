/* gd-lazy-view.c: a view laid out only once it is first shown.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwViewStack measures every page, shown or not, on every layout: the first frame of
 * the workbench laid out the incidents board, the mediation cases, the organisations and the
 * map with their text for nobody (three of the four seconds to the first rows on the town
 * demo, bench-startup). Until a view is first shown its content is hidden, so measuring it
 * costs nothing; from then on it stays as it is, so a later switch costs no new layout. The
 * view itself stays visible: its switcher button is there from the start.
 */

#define G_LOG_DOMAIN "gd-lazy-view"

#include "config.h"

#include "gd-lazy-view.h"

static void
on_view_map (GtkWidget *view,
             gpointer   user_data)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (view));

  g_signal_handlers_disconnect_by_func (view, on_view_map, user_data);
  if (child != NULL)
    gtk_widget_set_visible (child, TRUE);
}

void
gd_lazy_view_until_shown (AdwBin *view)
{
  GtkWidget *child;

  g_return_if_fail (ADW_IS_BIN (view));

  child = adw_bin_get_child (view);
  if (child == NULL || gtk_widget_get_mapped (GTK_WIDGET (view)))
    return;
  gtk_widget_set_visible (child, FALSE);
  g_signal_connect (view, "map", G_CALLBACK (on_view_map), NULL);
}
