/* gd-window-scope.c: see gd-window-scope.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window-scope"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gd-window-scope.h"

static GtkWidget *
child (GdWindow   *self,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), GD_TYPE_WINDOW, name));
}

/* The grid tree: the sidebar's page while folded, else the focus goes to it. */
static void
win_show_grids_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (child (GD_WINDOW (widget), "leaflet"));
  GtkWidget *sidebar = child (GD_WINDOW (widget), "sidebar");

  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, "sidebar");
  gtk_widget_child_focus (sidebar, GTK_DIR_TAB_FORWARD);
}

void
gd_window_scope_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "scope_chip", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.show-grids", NULL, win_show_grids_cb);
}

void
gd_window_scope_update (GdWindow   *self,
                        const char *name)
{
  GtkWidget *chip = child (self, "scope_chip");
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;

  if (chip == NULL)
    return;
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (chip))),
                                name != NULL ? name : "");
  gtk_widget_set_visible (chip, name != NULL);
  /* Translators: the chip naming the grid the views show; %s is its name */
  tooltip = g_strdup_printf (_("Showing %s: choose another grid"), name != NULL ? name : "");
  gtk_widget_set_tooltip_text (chip, tooltip);
  /* Translators: the accessible name of the scope chip; %s is a grid's name */
  label = g_strdup_printf (_("Scope: %s"), name != NULL ? name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
