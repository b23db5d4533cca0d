/* gd-preferences-window.c: the operator (name, role) and where the data lives.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-operator.h"
#include "gd-preferences-map-page.h"
#include "gd-preferences-window.h"
#include "gd-preferences-sync-page.h"
#include "gd-preferences-deadlines-page.h"

/* The roles in the order of the combo row (the GdRole values) */
#define N_ROLES (GD_ROLE_ADMINISTRATOR + 1)

struct _GdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template children */
  AdwEntryRow  *name_row;
  AdwComboRow  *role_row;
  AdwActionRow *database_row;

  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (GdPreferencesWindow, gd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* An empty name is never written: every change must be signed by someone. */
static gboolean
name_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

static GVariant *
name_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char *text = g_value_get_string (value);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped == '\0')
    return NULL;

  return g_variant_new_string (text);
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  GdRole role;

  if (!gd_role_from_string (g_variant_get_string (variant, NULL), &role))
    role = GD_ROLE_GRID_WORKER;
  g_value_set_uint (value, (guint) role);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= N_ROLES)
    return NULL;

  return g_variant_new_string (gd_role_to_string ((GdRole) selected));
}

static void
on_name_row_changed (GtkEditable         *editable,
                     GdPreferencesWindow *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*stripped == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
gd_preferences_window_dispose (GObject *object)
{
  GdPreferencesWindow *self = GD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gd_preferences_window_parent_class)->dispose (object);
}

static void
gd_preferences_window_class_init (GdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesWindow, database_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed);
}

static void
gd_preferences_window_init (GdPreferencesWindow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_ROLES; i++)
    gtk_string_list_append (roles, gd_role_display_name ((GdRole) i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
}

GdPreferencesWindow *
gd_preferences_window_new (GtkWindow  *parent,
                           GdSession  *session,
                           const char *database_path)
{
  GdPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GD_IS_SESSION (session), NULL);

  settings = gd_session_get_settings (session);

  self = g_object_new (GD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind_with_mapping (settings, "operator-name", self->name_row, "text",
                                    G_SETTINGS_BIND_DEFAULT,
                                    name_get_mapping, name_set_mapping, NULL, NULL);
      g_settings_bind_with_mapping (settings, "operator-role", self->role_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    role_get_mapping, role_set_mapping, NULL, NULL);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (gd_preferences_sync_page_new (settings)));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->role_row), FALSE);
    }

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (gd_preferences_map_page_new (settings)));
  if (settings != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (gd_preferences_deadlines_page_new (settings)));

  if (database_path != NULL)
    {
      adw_action_row_set_subtitle (self->database_row, database_path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_row), database_path);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->database_row), FALSE);

  return self;
}

void
gd_preferences_window_show_sync (GdPreferencesWindow *self)
{
  g_return_if_fail (GD_IS_PREFERENCES_WINDOW (self));

  /* without settings there is no Sync page: the window stays on its first */
  if (self->settings != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "sync");
}
