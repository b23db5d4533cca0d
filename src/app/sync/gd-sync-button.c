/* gd-sync-button.c: see gd-sync-button.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-sync-button"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-conflicts-window.h"
#include "gd-sync-button.h"

struct _GdSyncButton
{
  GtkWidget         parent_instance;

  /* template children */
  GtkMenuButton    *menu_button;
  GtkImage         *icon;
  GtkLabel         *label;
  GtkLabel         *badge;
  GtkPopover       *popover;
  GtkLabel         *status_label;
  GtkLabel         *error_label;
  GtkProgressBar   *progress_bar;
  GtkLabel         *pending_label;
  GtkButton        *sync_button;
  GtkButton        *setup_button;
  GtkButton        *cancel_button;
  GtkButton        *conflicts_button;

  GdSyncController *controller;
  guint             pulse_source;
};

G_DEFINE_FINAL_TYPE (GdSyncButton, gd_sync_button, GTK_TYPE_WIDGET)

static gboolean
pulse (gpointer user_data)
{
  GdSyncButton *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update (GdSyncButton *self)
{
  GdSyncController *c = self->controller;
  gboolean busy = gd_sync_controller_get_busy (c);
  double fraction = gd_sync_controller_get_fraction (c);
  gint64 pending = gd_sync_controller_get_pending (c);
  guint conflicts = gd_sync_controller_get_n_conflicts (c);
  guint rejected = gd_sync_controller_get_n_rejected (c);
  const char *error = gd_sync_controller_get_error (c);
  const char *icon;
  g_autofree char *pending_text = NULL;
  g_autofree char *conflicts_text = NULL;
  g_autofree char *accessible = NULL;

  /* the header bar is narrow: the state shows as icon and badge, in words in the tooltip */
  gtk_label_set_text (self->label, gd_sync_controller_get_status (c));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), gd_sync_controller_get_status (c));
  gtk_label_set_text (self->status_label, gd_sync_controller_get_status (c));
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && !busy);

  if (busy)
    icon = "emblem-synchronizing-symbolic";
  else if (!gd_sync_controller_get_configured (c))
    icon = "network-server-symbolic";
  else if (!gd_sync_controller_get_online (c))
    icon = "network-offline-symbolic";
  else if (error != NULL || conflicts > 0)
    icon = "dialog-warning-symbolic";
  else
    icon = "emblem-ok-symbolic";
  gtk_image_set_from_icon_name (self->icon, icon);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (busy && fraction < 0)
    self->pulse_source = g_timeout_add (150, pulse, self);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, MAX (fraction, 0));

  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (pending, 0));
    /* Translators: how many records were changed here and are not yet on the county server */
    pending_text = g_strdup_printf (ngettext ("%s record waiting to upload",
                                              "%s records waiting to upload",
                                              (gulong) MAX (pending, 0)), count);
  }
  gtk_label_set_text (self->pending_label, pending_text);
  /* Before a server is set up every record is "waiting": a big count there would only alarm */
  gtk_widget_set_visible (GTK_WIDGET (self->badge),
                          (pending > 0 && gd_sync_controller_get_configured (c)) || conflicts > 0);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, conflicts > 0 ? (gint64) conflicts : pending);
    gtk_label_set_text (self->badge, count);
    if (conflicts > 0)
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "error");
  }

  /* Translators: opens the conflict centre; two counts */
  conflicts_text = g_strdup_printf (_("Conflicts (%u) and Rejected (%u)…"), conflicts, rejected);
  gtk_button_set_label (self->conflicts_button, conflicts_text);
  /* no county server yet: the way to set one up instead of a button that cannot work */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), !busy && gd_sync_controller_get_configured (c));
  gtk_widget_set_visible (GTK_WIDGET (self->setup_button), !busy && !gd_sync_controller_get_configured (c));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            gd_sync_controller_get_configured (c) && gd_sync_controller_get_online (c));

  /* Translators: the header bar's sync button for screen readers: state, then uploads waiting */
  accessible = g_strdup_printf (_("Sync: %s, %s"), gd_sync_controller_get_status (c), pending_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_controller_notify (GObject      *object,
                      GParamSpec   *pspec,
                      GdSyncButton *self)
{
  update (self);
}

void
gd_sync_button_set_controller (GdSyncButton     *self,
                               GdSyncController *controller)
{
  g_return_if_fail (GD_IS_SYNC_BUTTON (self));

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  gtk_widget_set_visible (GTK_WIDGET (self), controller != NULL);
  if (controller == NULL)
    return;
  g_signal_connect (controller, "notify", G_CALLBACK (on_controller_notify), self);
  update (self);
}

static void
sync_now_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  GdSyncButton *self = GD_SYNC_BUTTON (widget);

  if (self->controller != NULL)
    gd_sync_controller_sync_now (self->controller);
}

static void
sync_cancel_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  GdSyncButton *self = GD_SYNC_BUTTON (widget);

  if (self->controller != NULL)
    gd_sync_controller_cancel (self->controller);
}

static void
sync_setup_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  GdSyncButton *self = GD_SYNC_BUTTON (widget);

  gtk_popover_popdown (self->popover);
  gtk_widget_activate_action (widget, "win.sync-setup", NULL);
}

static void
sync_conflicts_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  GdSyncButton *self = GD_SYNC_BUTTON (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GdConflictsWindow *window;

  if (self->controller == NULL)
    return;
  gtk_popover_popdown (self->popover);
  window = gd_conflicts_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->controller);
  gtk_window_present (GTK_WINDOW (window));
}

static void
gd_sync_button_dispose (GObject *object)
{
  GdSyncButton *self = GD_SYNC_BUTTON (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_SYNC_BUTTON);
  G_OBJECT_CLASS (gd_sync_button_parent_class)->dispose (object);
}

static void
gd_sync_button_class_init (GdSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_sync_button_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, label);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, badge);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, popover);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, pending_label);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, sync_button);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, setup_button);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GdSyncButton, conflicts_button);
  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_cb);
  gtk_widget_class_install_action (widget_class, "sync.cancel", NULL, sync_cancel_cb);
  gtk_widget_class_install_action (widget_class, "sync.conflicts", NULL, sync_conflicts_cb);
  gtk_widget_class_install_action (widget_class, "sync.setup", NULL, sync_setup_cb);
}

static void
gd_sync_button_init (GdSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
