/* gd-application.c: the GridDesk application object.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-application.h"
#include "gd-window.h"

#define WEBSITE_URL "https://github.com/griddesk/griddesk"

/* From the generated gd-resources.c. The resources live in the static library libgdapp,
 * where nothing else refers to them: without this reference the linker would leave them
 * (and the constructor that registers them) out of the executable. */
GResource *gd_get_resource (void);

struct _GdApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char      *database_path; /* from --db, absolute; NULL: the profile's database */
  char      *view;          /* from --view, or NULL */
  char      *import_path;   /* from --import, absolute, or NULL */
};

G_DEFINE_FINAL_TYPE (GdApplication, gd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE instead of the default one"), N_("FILE") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show VIEW first: households, organisations, incidents, mediation, map or reports"), N_("VIEW") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the import assistant with the spreadsheet FILE (.xlsx or .csv)"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

GSettings *
gd_application_get_settings (GdApplication *self)
{
  g_return_val_if_fail (GD_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The profile's database: the `database-path` setting, else
 * $XDG_DATA_HOME/griddesk/griddesk.sqlite. */
static char *
default_database_path (GdApplication *self,
                       gboolean      *out_create_parent)
{
  g_autofree char *configured = NULL;

  g_assert (GD_IS_APPLICATION (self));

  if (self->settings != NULL)
    configured = g_settings_get_string (self->settings, "database-path");

  if (configured != NULL && *configured != '\0')
    {
      *out_create_parent = FALSE;
      return g_canonicalize_filename (configured, g_get_home_dir ());
    }

  *out_create_parent = TRUE;
  return g_build_filename (g_get_user_data_dir (), "griddesk", "griddesk.sqlite", NULL);
}

static int
gd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GdApplication *self = GD_APPLICATION (app);
  const char *database = NULL;
  const char *view = NULL;
  const char *import = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("griddesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      if (!gd_window_is_view_name (view))
        {
          g_printerr (_("Unknown view “%s”: use households, organisations, incidents, mediation, map or reports."),
                      view);
          g_printerr ("\n");
          return 2;
        }
      g_free (self->view);
      self->view = g_strdup (view);
    }

  if (g_variant_dict_lookup (options, "import", "^&ay", &import))
    {
      g_free (self->import_path);
      self->import_path = g_canonicalize_filename (import, NULL);
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &database))
    {
      if (*database == '\0')
        {
          g_printerr ("%s\n", _("The database file name is empty."));
          return 2;
        }
      g_free (self->database_path);
      self->database_path = g_canonicalize_filename (database, NULL);

      /* Another database is another workspace: do not hand it to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  else if (self->view != NULL || self->import_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A running instance switches to the view; activation presents its window. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app) && self->view != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (app), "show-view",
                                        g_variant_new_string (self->view));
      if (g_application_get_is_remote (app) && self->import_path != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (app), "import",
                                        g_variant_new_string (self->import_path));
    }

  return -1;
}

static void
gd_application_activate (GApplication *app)
{
  GdApplication *self = GD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *last_view = NULL;
      gboolean create_parent = FALSE;
      const char *view = self->view;
      g_autoptr(GdSession) session = NULL;

      if (self->database_path != NULL)
        path = g_strdup (self->database_path);
      else
        path = default_database_path (self, &create_parent);

      /* one session per window: its store, its operator, its sync */
      session = gd_session_new (self->settings);
      window = GTK_WINDOW (gd_window_new (GTK_APPLICATION (self), session, path, create_parent));

      if (view == NULL && self->settings != NULL)
        view = last_view = g_settings_get_string (self->settings, "last-view");
      if (view != NULL)
        gd_window_set_view (GD_WINDOW (window), view);
    }

  gtk_window_present (window);
  if (self->import_path != NULL && GD_IS_WINDOW (window))
    {
      g_autofree char *path = g_steal_pointer (&self->import_path);
      gd_window_import_file (GD_WINDOW (window), path);
    }
}

static void
on_about_activate (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "GridDesk Contributors", NULL };
  AdwAboutWindow *about;
  /* the version and the licence in words, not only on the Legal page */
  /* Translators: %s is the version, 0.9.0 */
  g_autofree char *licence = g_strdup_printf (_("Version %s. Free software under the GNU General Public License, version 3 or later."),
                                              PACKAGE_VERSION);
  g_autofree char *with_version =
    g_strconcat (_("Households, incidents and mediation cases of a community grid centre, in one place."),
                 "\n", licence, NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("GridDesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("GridDesk Contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", with_version,
                        "website", WEBSITE_URL,
                        "issue-url", WEBSITE_URL "/issues",
                        "developers", developers,
                        "copyright", _("© 2026 GridDesk Contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line, to be credited. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit_activate (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_show_view_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GdApplication *self = user_data;
  const char *view = g_variant_get_string (parameter, NULL);
  GtkWindow *window;

  if (!gd_window_is_view_name (view))
    {
      g_warning ("Ignoring unknown view “%s”", view);
      return;
    }

  g_free (self->view);
  self->view = g_strdup (view);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (GD_IS_WINDOW (window))
    gd_window_set_view (GD_WINDOW (window), view);
}

static void
on_import_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GD_IS_WINDOW (window))
    gd_window_import_file (GD_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "import", on_import_activate, "s" },
  { "about", on_about_activate },
  { "quit", on_quit_activate },
  { "show-view", on_show_view_activate, "s" },
};

static void
gd_application_startup (GApplication *app)
{
  GdApplication *self = GD_APPLICATION (app);
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *close_accels[] = { "<primary>w", NULL };
  static const char *preferences_accels[] = { "<primary>comma", NULL };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  /* registered by the resource constructor already; referenced so it is linked in
   * (not in a g_assert: that may be compiled out) */
  if (gd_get_resource () == NULL)
    g_critical ("The application's resources are missing");

  G_APPLICATION_CLASS (gd_application_parent_class)->startup (app);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_warning ("Settings schema %s is not installed; set GSETTINGS_SCHEMA_DIR for an "
               "uninstalled run. Settings will not be kept.", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  /* a window action, set here so the primary menu shows the shortcut */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.preferences",
                                         preferences_accels);
}

static void
gd_application_finalize (GObject *object)
{
  GdApplication *self = GD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->import_path, g_free);

  G_OBJECT_CLASS (gd_application_parent_class)->finalize (object);
}

static void
gd_application_class_init (GdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gd_application_finalize;

  app_class->handle_local_options = gd_application_handle_local_options;
  app_class->startup = gd_application_startup;
  app_class->activate = gd_application_activate;
}

static void
gd_application_init (GdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("GridDesk: the workbench of a community grid centre."));
}

GdApplication *
gd_application_new (void)
{
  return g_object_new (GD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
