/* gd-window.c: the main window.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gd-demo.h"
#include "gd-json.h"
#include "gd-store.h"
#include "gd-window.h"

/* Seed of the demo village made on first run: the same village on every workstation. */
#define DEMO_SEED 1

struct _GdWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *loading_page;
  GtkSpinner     *spinner;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *error_page;
  AdwStatusPage  *summary_page;
  GtkLabel       *file_label;
  GtkLabel       *households_label;
  GtkLabel       *persons_label;
  GtkLabel       *grids_label;
  GtkLabel       *incidents_label;
  GtkLabel       *disputes_label;

  GSettings      *settings;
  char           *database_path;
  gboolean        create_parent;
  char           *view;

  GdStore        *store;
  GTask          *load_task;     /* while opening */
  GCancellable   *cancellable;
  guint           progress_source;
  gboolean        generating;     /* the loading page says so */
  int             permille_shown;
};

G_DEFINE_FINAL_TYPE (GdWindow, gd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_CREATE_PARENT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Opening the store off the main thread */

enum {
  PHASE_OPENING,
  PHASE_GENERATING,
};

typedef struct
{
  char     *path;
  gboolean  create_parent;

  /* written by the worker, read by the main thread's progress timeout */
  int       phase;      /* atomic */
  int       permille;   /* atomic */

  /* results, handed to the main thread when the task returns */
  GdStore  *store;
  char     *scope;
  char     *scope_name;
  gint64    households;
  gint64    persons;
  gint64    grids;
  gint64    incidents;
  gint64    disputes;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_pointer (&load->store, gd_store_free);
  g_free (load->path);
  g_free (load->scope);
  g_free (load->scope_name);
  g_free (load);
}

static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  LoadData *load = user_data;

  g_atomic_int_set (&load->permille, (int) CLAMP (fraction * 1000.0, 0.0, 1000.0));
}

/* Grid documents of level `grid` (the store also holds the village's own grid document). */
static gint64
count_grids (GdStore *store)
{
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  grids = gd_store_list (store, &query, &error);
  if (grids == NULL)
    {
      g_warning ("Cannot list grids: %s", error->message);
      return gd_store_count (store, GD_DOC_GRID, NULL);
    }

  for (guint i = 0; i < grids->len; i++)
    {
      const char *level = gd_json_get_string (g_ptr_array_index (grids, i), "level");

      if (g_strcmp0 (level, "grid") == 0)
        n++;
    }

  return n;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (load->create_parent)
    {
      g_autofree char *dir = g_path_get_dirname (load->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Cannot create the folder %s: %s"),
                                   dir, g_strerror (saved_errno));
          return;
        }
    }

  store = gd_store_open (load->path, &error);
  if (store == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The database could not be opened."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (gd_store_get_scope (store) == NULL)
    {
      GdDemoCounts counts = { 0 };

      g_atomic_int_set (&load->phase, PHASE_GENERATING);
      if (!gd_demo_generate (store, GD_DEMO_VILLAGE, DEMO_SEED, &counts,
                             demo_progress_cb, load, cancellable, &error))
        {
          if (error == NULL)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The demo village could not be created."));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Created the demo village: %u households, %u persons",
               counts.households, counts.persons);
    }

  load->scope = g_strdup (gd_store_get_scope (store));
  load->scope_name = g_strdup (gd_store_get_scope_name (store));
  load->households = gd_store_count (store, GD_DOC_HOUSEHOLD, NULL);
  load->persons = gd_store_count_persons (store, NULL);
  load->grids = count_grids (store);
  load->incidents = gd_store_count (store, GD_DOC_INCIDENT, NULL);
  load->disputes = gd_store_count (store, GD_DOC_DISPUTE, NULL);
  load->store = g_steal_pointer (&store);

  g_task_return_boolean (task, TRUE);
}

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = NULL;

  g_assert (GTK_IS_LABEL (label));

  /* %' groups digits as the locale does (3,012 in zh_CN, 3012 in C) */
  text = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (count, 0));
  gtk_label_set_label (label, text);
}

static void
show_summary (GdWindow *self,
              LoadData *load)
{
  const char *name;
  g_autofree char *description = NULL;
  g_autofree char *file = NULL;
  gboolean town;

  g_assert (GD_IS_WINDOW (self));

  town = load->scope != NULL && strlen (load->scope) == 9;
  name = load->scope_name != NULL && *load->scope_name != '\0' ? load->scope_name : load->scope;

  adw_window_title_set_subtitle (self->window_title, name);
  adw_status_page_set_title (self->summary_page, name);
  if (town)
    description = g_strdup_printf (_("Town code %s"), load->scope);
  else
    description = g_strdup_printf (_("Village code %s"), load->scope);
  adw_status_page_set_description (self->summary_page, description);

  set_count (self->households_label, load->households);
  set_count (self->persons_label, load->persons);
  set_count (self->grids_label, load->grids);
  set_count (self->incidents_label, load->incidents);
  set_count (self->disputes_label, load->disputes);

  file = g_strdup_printf (_("Database file: %s"), self->database_path);
  gtk_label_set_label (self->file_label, file);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), self->database_path);

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
stop_progress (GdWindow *self)
{
  g_assert (GD_IS_WINDOW (self));

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-loading", FALSE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GdWindow *self = GD_WINDOW (object);
  GTask *task = G_TASK (result);
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_application_release (g_application_get_default ());

  /* the window went away while the worker ran: the store closes with the task data */
  if (self->load_task != task)
    return;
  g_clear_object (&self->load_task);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->stack == NULL)
    return;

  stop_progress (self);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->stack, "empty");
          return;
        }

      g_warning ("Cannot open %s: %s", self->database_path, error->message);
      {
        g_autofree char *description = NULL;

        /* the status page's description is markup; name the file if the message does not */
        if (strstr (error->message, self->database_path) != NULL)
          description = g_markup_escape_text (error->message, -1);
        else
          description = g_markup_printf_escaped ("%s\n\n<small>%s</small>",
                                                 error->message, self->database_path);
        adw_status_page_set_description (self->error_page, description);
      }
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->store, gd_store_free);
  self->store = g_steal_pointer (&load->store);
  show_summary (self, load);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  GdWindow *self = user_data;
  LoadData *load;

  g_assert (GD_IS_WINDOW (self));

  if (self->load_task == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }

  load = g_task_get_task_data (self->load_task);
  if (g_atomic_int_get (&load->phase) == PHASE_GENERATING)
    {
      int permille = g_atomic_int_get (&load->permille);

      if (!self->generating)
        {
          self->generating = TRUE;
          adw_status_page_set_title (self->loading_page, _("Creating the Demo Village…"));
          adw_status_page_set_description (self->loading_page,
                                           _("Made-up households, residents and cases to try GridDesk with. This takes a few seconds."));
          /* the progress bar takes over from the spinner (a spinning spinner also keeps
           * a software-rendered main loop so busy that AT-SPI registration starves) */
          gtk_spinner_stop (self->spinner);
          gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
          gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-loading", TRUE);
        }
      if (permille != self->permille_shown)
        {
          self->permille_shown = permille;
          gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
        }
    }

  return G_SOURCE_CONTINUE;
}

static void
gd_window_load (GdWindow *self)
{
  LoadData *load;

  g_assert (GD_IS_WINDOW (self));

  if (self->load_task != NULL)
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (self->database_path);
  load->create_parent = self->create_parent;

  self->generating = FALSE;
  self->permille_shown = -1;
  adw_status_page_set_title (self->loading_page, _("Opening the Database…"));
  adw_status_page_set_description (self->loading_page, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-loading", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  /* keep the application (and the process) alive until the worker has finished */
  g_application_hold (g_application_get_default ());

  self->load_task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (self->load_task, gd_window_load);
  g_task_set_name (self->load_task, "[griddesk] open store");
  g_task_set_task_data (self->load_task, load, load_data_free);
  g_task_set_check_cancellable (self->load_task, TRUE);
  g_task_run_in_thread (self->load_task, load_thread);

  self->progress_source = g_timeout_add (100, progress_timeout_cb, self);
}

/* Actions */

static void
win_cancel_loading_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_action_set_enabled (widget, "win.cancel-loading", FALSE);
  adw_status_page_set_title (self->loading_page, _("Cancelling…"));
}

static void
win_reload_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gd_window_load (GD_WINDOW (widget));
}

/* Window size, kept in GSettings as it changes */

static void
bind_window_state (GdWindow *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static gboolean
gd_window_close_request (GtkWindow *window)
{
  GdWindow *self = GD_WINDOW (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (gd_window_parent_class)->close_request (window);
}

/* GObject */

static void
gd_window_constructed (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (gd_window_parent_class)->constructed (object);

  /* "application" is not a construct property: it is not set yet here */
  if (GD_IS_APPLICATION (app))
    g_set_object (&self->settings, gd_application_get_settings (GD_APPLICATION (app)));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  bind_window_state (self);

  if (self->database_path != NULL)
    gd_window_load (self);
}

static void
gd_window_dispose (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  /* load_cb sees that the task is no longer ours and only drops it */
  g_clear_object (&self->load_task);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_WINDOW);

  G_OBJECT_CLASS (gd_window_parent_class)->dispose (object);
}

static void
gd_window_finalize (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);

  g_clear_pointer (&self->store, gd_store_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (gd_window_parent_class)->finalize (object);
}

static void
gd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GdWindow *self = GD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_CREATE_PARENT:
      g_value_set_boolean (value, self->create_parent);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GdWindow *self = GD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    case PROP_CREATE_PARENT:
      self->create_parent = g_value_get_boolean (value);
      break;

    case PROP_VIEW:
      gd_window_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_window_class_init (GdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gd_window_constructed;
  object_class->dispose = gd_window_dispose;
  object_class->finalize = gd_window_finalize;
  object_class->get_property = gd_window_get_property;
  object_class->set_property = gd_window_set_property;

  window_class->close_request = gd_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATE_PARENT] =
    g_param_spec_boolean ("create-parent", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "households",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, households_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, persons_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, grids_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, incidents_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, disputes_label);

  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL, win_cancel_loading_cb);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, win_reload_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-loading", NULL);
}

static void
gd_window_init (GdWindow *self)
{
  self->view = g_strdup ("households");

  gtk_widget_init_template (GTK_WIDGET (self));
}

GdWindow *
gd_window_new (GdApplication *application,
               const char    *database_path,
               gboolean       create_parent)
{
  g_return_val_if_fail (GD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (GD_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       "create-parent", create_parent,
                       NULL);
}

const char *
gd_window_get_database_path (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  return self->database_path;
}

GdStore *
gd_window_get_store (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
gd_window_get_view (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  return self->view;
}

/* There is one page for now; the view is remembered so the views to come open where
 * the operator left off. */
void
gd_window_set_view (GdWindow   *self,
                    const char *view)
{
  g_return_if_fail (GD_IS_WINDOW (self));
  g_return_if_fail (gd_application_is_view_name (view));

  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", view);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}
