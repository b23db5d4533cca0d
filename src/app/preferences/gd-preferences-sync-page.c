/* gd-preferences-sync-page.c: see gd-preferences-sync-page.h. The password or token goes
 * straight to libsecret; GSettings holds only the server, account name and schedule.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-preferences-sync-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-couch-url.h"
#include "gd-preferences-sync-page.h"
#include "gd-secret.h"

struct _GdPreferencesSyncPage
{
  AdwPreferencesPage parent_instance;

  /* template children */
  AdwEntryRow         *server_row;
  AdwEntryRow         *account_row;
  AdwPasswordEntryRow *password_row;
  GtkSwitch           *token_switch;
  AdwEntryRow         *databases_row;
  AdwEntryRow         *ca_row;
  GtkSpinButton       *interval_spin;

  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (GdPreferencesSyncPage, gd_preferences_sync_page, ADW_TYPE_PREFERENCES_PAGE)

static void
toast (GdPreferencesSyncPage *self,
       const char            *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

/* The address is checked as it is typed: https, or http to this computer only. */
static void
on_server_changed (GtkEditable           *editable,
                   GdPreferencesSyncPage *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *url = NULL;

  if (*text == '\0' || (url = gd_couch_server_url (text, NULL)) != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
      g_settings_set_string (self->settings, "server-url", url ? url : "");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
on_password_apply (AdwEntryRow           *row,
                   GdPreferencesSyncPage *self)
{
  g_autofree char *server = g_settings_get_string (self->settings, "server-url");
  g_autofree char *account = g_settings_get_string (self->settings, "sync-account");
  g_autoptr(GError) error = NULL;

  if (*server == '\0' || *account == '\0')
    {
      toast (self, _("Enter the server and the account first"));
      return;
    }
  if (!gd_secret_store (server, account, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      toast (self, error->message);
      return;
    }
  /* never kept in the widget longer than needed */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  toast (self, _("Saved in the desktop's secret store"));
}

/* "griddesk-320902101001, griddesk-320902101002" <-> as */
static gboolean
databases_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_autofree const char **names = g_variant_get_strv (variant, NULL);
  g_autofree char *joined = g_strjoinv (", ", (char **) names);

  g_value_set_string (value, joined);
  return TRUE;
}

static GVariant *
databases_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  g_auto(GStrv) parts = g_strsplit_set (g_value_get_string (value), ", ，", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  names = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char *const *) names, -1);
}

static void
gd_preferences_sync_page_dispose (GObject *object)
{
  GdPreferencesSyncPage *self = GD_PREFERENCES_SYNC_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_PREFERENCES_SYNC_PAGE);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gd_preferences_sync_page_parent_class)->dispose (object);
}

static void
gd_preferences_sync_page_class_init (GdPreferencesSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_preferences_sync_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-preferences-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, token_switch);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, databases_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesSyncPage, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply);
}

static void
gd_preferences_sync_page_init (GdPreferencesSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gd_preferences_sync_page_new (GSettings *settings)
{
  GdPreferencesSyncPage *self = g_object_new (GD_TYPE_PREFERENCES_SYNC_PAGE, NULL);
  g_autofree char *server = g_settings_get_string (settings, "server-url");

  self->settings = g_object_ref (settings);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  g_signal_connect (self->server_row, "changed", G_CALLBACK (on_server_changed), self);
  g_settings_bind (settings, "sync-account", self->account_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-use-token", self->token_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-ca-file", self->ca_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval-minutes", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "sync-databases", self->databases_row, "text",
                                G_SETTINGS_BIND_DEFAULT, databases_get_mapping, databases_set_mapping,
                                NULL, NULL);
  return GTK_WIDGET (self);
}
