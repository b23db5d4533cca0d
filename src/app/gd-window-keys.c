/* gd-window-keys.c: see gd-window-keys.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window-keys"

#include "config.h"

#include <adwaita.h>

#include "gd-help-window.h"
#include "gd-window-keys.h"
#include "gd-window-private.h"

/* The views in the order of the view switcher: Alt+1 is the first. */
static const char *const view_order[] = {
  "households", "organisations", "incidents", "map", "mediation",
};

/* The "new" of each view; the organisations view has none (they come with the import). */
static const struct {
  const char *view;
  const char *action;
} new_actions[] = {
  { "households", "win.new-household" },
  { "incidents", "win.new-incident" },
  { "map", "win.new-incident" },
  { "mediation", "win.new-dispute" },
};

static void
win_new_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  const char *view = gd_window_get_view (GD_WINDOW (widget));

  for (guint i = 0; i < G_N_ELEMENTS (new_actions); i++)
    if (g_strcmp0 (view, new_actions[i].view) == 0)
      {
        if (!gtk_widget_activate_action (widget, new_actions[i].action, NULL))
          gtk_widget_error_bell (widget);
        return;
      }
  gtk_widget_error_bell (widget);
}

static void
win_show_view_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *view = g_variant_get_string (parameter, NULL);
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (widget, GD_TYPE_WINDOW, "leaflet"));

  if (!gd_window_is_view_name (view))
    return;
  gd_window_set_view (GD_WINDOW (widget), view);
  /* a folded window shows the view, not the grid tree */
  if (leaflet != NULL && adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, "content");
}

static void
win_main_menu_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  static const char *const buttons[] = { "content_menu_button", "primary_menu_button" };

  /* the one that shows: the content header's while the sidebar is folded away */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (widget, GD_TYPE_WINDOW, buttons[i]));

      if (button != NULL && gtk_widget_is_drawable (button))
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (button));
          return;
        }
    }
  gtk_widget_error_bell (widget);
}

static void
win_help_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *view = gd_window_get_view (GD_WINDOW (widget));

  gd_help_window_show (GTK_WINDOW (widget), view);
}

void
gd_window_keys_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "content_menu_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, win_new_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", win_show_view_cb);
  gtk_widget_class_install_action (widget_class, "win.main-menu", NULL, win_main_menu_cb);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, win_help_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_order); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.show-view", "s", view_order[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                           "win.show-view", "s", view_order[i]);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "win.main-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
}
