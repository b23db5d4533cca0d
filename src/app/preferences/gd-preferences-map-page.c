/* gd-preferences-map-page.c: basemap choice bound to GSettings; the Tianditu key goes to
 * libsecret, never to settings.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-preferences-map-page"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-map-sources.h"
#include "gd-preferences-map-page.h"

struct _GdPreferencesMapPage
{
  AdwPreferencesPage    parent_instance;

  AdwComboRow          *source_row;
  AdwActionRow         *file_row;
  GtkButton            *reset_file_button;
  AdwPasswordEntryRow  *key_row;
  AdwEntryRow          *url_row;
  AdwActionRow         *gcj_row;
  GtkSwitch            *gcj_switch;

  GSettings            *settings;
  GCancellable         *cancellable;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (GdPreferencesMapPage, gd_preferences_map_page, ADW_TYPE_PREFERENCES_PAGE)

/* the combo row's order */
static const char *const sources[] = { "offline", "osm", "tianditu", "custom" };

static gboolean
source_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *source = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (source, sources[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
source_set_mapping (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  return selected < G_N_ELEMENTS (sources) ? g_variant_new_string (sources[selected]) : NULL;
}

static void
update_rows (GdPreferencesMapPage *self)
{
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;

  if (self->settings == NULL)
    return;
  source = g_settings_get_string (self->settings, "map-source");
  path = g_settings_get_string (self->settings, "map-mbtiles-path");
  gtk_widget_set_visible (GTK_WIDGET (self->file_row), g_str_equal (source, "offline"));
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), g_str_equal (source, "tianditu"));
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), g_str_equal (source, "custom"));
  gtk_widget_set_visible (GTK_WIDGET (self->gcj_row), g_str_equal (source, "custom"));
  adw_action_row_set_subtitle (self->file_row, *path != '\0' ? path : _("The demo basemap next to the database"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_file_button), *path != '\0');
}

static void
on_settings_changed (GSettings *settings, const char *key, GdPreferencesMapPage *self)
{
  update_rows (self);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, GdPreferencesMapPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "map-mbtiles-path", path);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_file_clicked (GtkButton *button, GdPreferencesMapPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->settings == NULL)
    return;
  gtk_file_filter_set_name (filter, _("MBTiles map files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Choose the Offline Map File"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                  _("_Choose"), _("_Cancel")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static void
on_reset_file_clicked (GtkButton *button, GdPreferencesMapPage *self)
{
  if (self->settings != NULL)
    g_settings_reset (self->settings, "map-mbtiles-path");
}

static void
toast (GdPreferencesMapPage *self, const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
on_key_stored (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GdPreferencesMapPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (gd_map_tianditu_key_store_finish (result, &error))
    {
      toast (self, _("Tianditu key saved in the keyring"));
      /* the map reads the key when its basemap is rebuilt */
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "map-source", "tianditu");
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The key could not be saved in the keyring: %s"), error->message);
      toast (self, text);
    }
}

static void
on_key_row_apply (AdwEntryRow *row, GdPreferencesMapPage *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  gd_map_tianditu_key_store (key, self->cancellable, on_key_stored, self);
}

static void
on_url_row_apply (AdwEntryRow *row, GdPreferencesMapPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!gd_map_url_template_valid (url))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, _("The tile address must start with http:// or https:// and contain {z}, {x} and {y}."));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "map-url-template", url);
}

static void
gd_preferences_map_page_dispose (GObject *object)
{
  GdPreferencesMapPage *self = GD_PREFERENCES_MAP_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_PREFERENCES_MAP_PAGE);

  G_OBJECT_CLASS (gd_preferences_map_page_parent_class)->dispose (object);
}

static void
gd_preferences_map_page_class_init (GdPreferencesMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_preferences_map_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-preferences-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, reset_file_button);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, gcj_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesMapPage, gcj_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_file_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_file_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_apply);
}

static void
gd_preferences_map_page_init (GdPreferencesMapPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (names, _("Offline map file"));
  gtk_string_list_append (names, _("OpenStreetMap (online)"));
  gtk_string_list_append (names, _("Tianditu (online, needs a key)"));
  gtk_string_list_append (names, _("Custom tile address (online)"));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (names));
}

GtkWidget *
gd_preferences_map_page_new (GSettings *settings)
{
  GdPreferencesMapPage *self = g_object_new (GD_TYPE_PREFERENCES_MAP_PAGE, NULL);

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return GTK_WIDGET (self);
    }
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "map-source", self->source_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, source_get_mapping, source_set_mapping, NULL, NULL);
  g_settings_bind (settings, "map-gcj02", self->gcj_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "map-url-template", self->url_row, "text", G_SETTINGS_BIND_GET);
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  update_rows (self);
  return GTK_WIDGET (self);
}
