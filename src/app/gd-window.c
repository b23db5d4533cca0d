/* gd-window.c: the main window.
 *
 * The store opens off the main thread (creating the demo village on first run) while a
 * status page shows progress. Then the workbench: an AdwLeaflet with the navigator of towns,
 * villages and grids on the left and an AdwViewStack of views on the right (Households for
 * now), a global search, the operator and the primary menu in the header bars. Editors and
 * person windows are transient windows of this one; what they change is reflected here
 * (list reloaded, counts refreshed, a toast, Undo after a delete).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gd-basemap.h"
#include "gd-demo.h"
#include "gd-household-editor.h"
#include "gd-households-view.h"
#include "gd-organisation-window.h"
#include "gd-organisations-view.h"
#include "gd-window-mediation.h"
#include "gd-reports-view.h"
#include "gd-window-private.h"
#include "gd-window-keys.h"
#include "gd-window-scope.h"
#include "gd-json.h"
#include "gd-lazy-view.h"
#include "gd-map-view.h"
#include "gd-operator-dialog.h"
#include "gd-operator.h"
#include "gd-person-window.h"
#include "gd-preferences-window.h"
#include "gd-import-assistant.h"
#include "gd-search-popover.h"
#include "gd-session.h"
#include "gd-sidebar.h"
#include "gd-startup-trace.h"
#include "gd-sync-button.h"
#include "gd-store.h"
#include "gd-window.h"
#include "gd-window-map.h"
#include "gd-window-sync.h"
#include "gd-window-incidents.h"
#include "gd-window-organisations.h"

/* Seed of the demo village made on first run: the same village on every workstation. */
#define DEMO_SEED 1

/* The view shown when the one asked for does not exist (yet) */
#define DEFAULT_VIEW "households"

struct _GdWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkStack             *status_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkMenuButton        *search_button;
  GdSearchPopover      *search_popover;
  GdSidebar            *sidebar;
  AdwViewSwitcherTitle *view_title;
  GtkButton            *operator_button;
  AdwAvatar            *operator_avatar;
  GtkLabel             *operator_name_label;
  GtkLabel             *operator_role_label;
  AdwViewStack         *view_stack;
  GdHouseholdsView     *households_view;
  GdOrganisationsView  *organisations_view;
  GdMapView            *map_view;
  GdMediationView      *mediation_view;
  GdReportsView        *reports_view;
  GdSyncButton         *sync_button;

  GdSession            *session;       /* the store, the operator, settings, sync */
  GSettings            *settings;
  char                 *database_path;
  gboolean              create_parent;

  char                 *scope_name;
  GTask                *load_task;     /* while opening */
  GCancellable         *cancellable;
  guint                 progress_source;
  gboolean              generating;    /* the loading page says so */
  int                   permille_shown;

  GdOperatorDialog     *operator_dialog;
  guint                 ask_operator_source;

  GTask                *loaded_task;   /* opened before the first frame: shown after it */
  gulong                first_paint_handler;
  gboolean              painted;

  GPtrArray            *children;      /* open editors and person windows (not owned) */
  GHashTable           *deleted;       /* doc_id -> JSON of a deleted household, for Undo */
};

G_DEFINE_FINAL_TYPE (GdWindow, gd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DATABASE_PATH,
  PROP_CREATE_PARENT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void gd_window_actions_update (GdWindow *self);
static void ask_operator             (GdWindow *self);

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
  GApplication *application; /* held while the worker runs */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_pointer (&load->store, gd_store_unref);
  g_clear_object (&load->application);
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

      /* the demo's offline basemap, drawn from its own geometry, beside the database */
      {
        g_autofree char *basemap = gd_basemap_path_for (load->path);
        g_autoptr(GError) basemap_error = NULL;
        int min_zoom, max_zoom;

        gd_basemap_default_zooms (store, &min_zoom, &max_zoom);
        if (!gd_basemap_render (store, basemap, min_zoom, max_zoom, NULL, NULL, NULL,
                                cancellable, &basemap_error))
          g_warning ("No demo basemap: %s", basemap_error->message);
      }
    }

  /* from here the window's connection reads pages of lists, counts and searches (the demo
   * above wrote in big batches): a page cache for that, not the 64 MiB of a batch */
  gd_store_set_cache_size (store, 16 * 1024);

  load->scope = g_strdup (gd_store_get_scope (store));
  load->scope_name = g_strdup (gd_store_get_scope_name (store));
  load->store = g_steal_pointer (&store);

  g_task_return_boolean (task, TRUE);
}

/* Transient windows (editors, person windows) */

static void
on_child_destroy (GtkWidget *child,
                  GdWindow  *self)
{
  g_ptr_array_remove (self->children, child);
}

static void
track_child (GdWindow  *self,
             GtkWindow *child)
{
  g_assert (GD_IS_WINDOW (self));

  g_ptr_array_add (self->children, child);
  g_signal_connect_object (child, "destroy", G_CALLBACK (on_child_destroy), self, 0);
}

static GtkWindow *
find_child (GdWindow   *self,
            GType       type,
            const char *doc_id,
            const char *member_id)
{
  g_assert (GD_IS_WINDOW (self));

  for (guint i = 0; i < self->children->len; i++)
    {
      GObject *child = g_ptr_array_index (self->children, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_strcmp0 (g_object_get_data (child, "gd-doc-id"), doc_id) == 0 &&
          g_strcmp0 (g_object_get_data (child, "gd-member-id"), member_id) == 0)
        return GTK_WINDOW (child);
    }

  return NULL;
}

static void
destroy_children (GdWindow *self)
{
  g_autoptr(GPtrArray) children = NULL;

  g_assert (GD_IS_WINDOW (self));

  if (self->children == NULL)
    return;

  /* they borrow the store: they go before it does */
  children = g_ptr_array_copy (self->children, NULL, NULL);
  for (guint i = 0; i < children->len; i++)
    gtk_window_destroy (g_ptr_array_index (children, i));
  g_ptr_array_set_size (self->children, 0);
}

/* Toasts */

static void
show_toast (GdWindow   *self,
            const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_assert (GD_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* What editors write reaches the views through the session's document-changed: each view
 * refreshes itself (gd_session_watch), the window only says so in a toast. */

static GdStore *
store_of (GdWindow *self)
{
  return gd_session_get_store (self->session);
}

static const GdOperator *
operator_of (GdWindow *self)
{
  return gd_session_get_operator (self->session);
}

/* Opening editors and person windows */

static void open_household (GdWindow *self, const char *doc_id, const char *grid);

void
gd_window_open_household (GdWindow   *self,
                          const char *doc_id)
{
  g_return_if_fail (GD_IS_WINDOW (self));

  open_household (self, doc_id, NULL);
}

GdSidebar *
gd_window_get_sidebar (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  return self->sidebar;
}

static void
on_editor_saved (GdHouseholdEditor *editor,
                 const char        *doc_id,
                 GdWindow          *self)
{
  /* a new household has its _id now: a second "open" finds this editor */
  g_object_set_data_full (G_OBJECT (editor), "gd-doc-id", g_strdup (doc_id), g_free);

  show_toast (self, _("Household saved"));
}

static void
on_deleted_toast_dismissed (AdwToast *toast,
                            GdWindow *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (toast), "gd-doc-id");

  /* Undo is offered while the toast shows, not after */
  if (doc_id != NULL && self->deleted != NULL)
    g_hash_table_remove (self->deleted, doc_id);
}

static void
on_editor_deleted (GdHouseholdEditor *editor,
                   const char        *doc_id,
                   const char        *json,
                   GdWindow          *self)
{
  AdwToast *toast;

  toast = adw_toast_new (_("Household deleted"));
  if (doc_id != NULL && json != NULL)
    {
      g_hash_table_replace (self->deleted, g_strdup (doc_id), g_strdup (json));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-delete");
      adw_toast_set_action_target_value (toast, g_variant_new_string (doc_id));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      /* a whole family's record is gone: twice libadwaita's 5 s to notice and take it back */
      adw_toast_set_timeout (toast, 10);
      g_object_set_data_full (G_OBJECT (toast), "gd-doc-id", g_strdup (doc_id), g_free);
      g_signal_connect_object (toast, "dismissed",
                               G_CALLBACK (on_deleted_toast_dismissed), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_open_household (GObject    *source,
                   const char *doc_id,
                   GdWindow   *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (doc_id != NULL)
    open_household (self, doc_id, NULL);
}

/* Editors and person windows need the store and an operator (asked for when missing). */
static gboolean
ready_for_child (GdWindow *self)
{
  if (store_of (self) == NULL)
    return FALSE;
  if (operator_of (self) == NULL)
    {
      ask_operator (self);
      return FALSE;
    }
  return TRUE;
}

/* The editor for `doc_id` (NULL: a new household filed under `grid`, which may be NULL). */
static void
open_household (GdWindow   *self,
                const char *doc_id,
                const char *grid)
{
  GdHouseholdEditor *editor;
  GtkWindow *open;

  g_assert (GD_IS_WINDOW (self));

  if (!ready_for_child (self))
    return;

  if (doc_id != NULL && (open = find_child (self, GD_TYPE_HOUSEHOLD_EDITOR, doc_id, NULL)) != NULL)
    {
      gtk_window_present (open);
      return;
    }

  editor = gd_household_editor_new (GTK_WINDOW (self), self->session, doc_id, grid);
  g_return_if_fail (editor != NULL);

  g_object_set_data_full (G_OBJECT (editor), "gd-doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted), self, 0);
  g_signal_connect_object (editor, "open-household", G_CALLBACK (on_open_household), self, 0);
  track_child (self, GTK_WINDOW (editor));

  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_person (GdWindow   *self,
             const char *doc_id,
             const char *member_id)
{
  GdPersonWindow *window;
  GtkWindow *open;

  g_assert (GD_IS_WINDOW (self));

  if (!ready_for_child (self))
    return;

  if ((open = find_child (self, GD_TYPE_PERSON_WINDOW, doc_id, member_id)) != NULL)
    {
      gtk_window_present (open);
      return;
    }

  window = gd_person_window_new (GTK_WINDOW (self), self->session, doc_id, member_id);
  g_return_if_fail (window != NULL);

  g_object_set_data_full (G_OBJECT (window), "gd-doc-id", g_strdup (doc_id), g_free);
  g_object_set_data_full (G_OBJECT (window), "gd-member-id", g_strdup (member_id), g_free);
  g_signal_connect_object (window, "open-household", G_CALLBACK (on_open_household), self, 0);
  track_child (self, GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (window));
}

/* An organisation's page asks for one of its hazards' incidents: the board opens it here. */
static void
on_open_incident (GObject    *source,
                  const char *doc_id,
                  GdWindow   *self)
{
  g_assert (GD_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-incident", "s", doc_id);
}

void
gd_window_open_organisation (GdWindow   *self,
                             const char *doc_id)
{
  GdOrganisationWindow *window;
  GtkWindow *open;

  g_assert (GD_IS_WINDOW (self));

  if (!ready_for_child (self))
    return;
  if ((open = find_child (self, GD_TYPE_ORGANISATION_WINDOW, doc_id, NULL)) != NULL)
    {
      gtk_window_present (open);
      return;
    }
  window = gd_organisation_window_new (GTK_WINDOW (self), self->session, doc_id);
  g_return_if_fail (window != NULL);

  g_object_set_data_full (G_OBJECT (window), "gd-doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (window, "open-household", G_CALLBACK (on_open_household), self, 0);
  g_signal_connect_object (window, "open-incident", G_CALLBACK (on_open_incident), self, 0);
  track_child (self, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_organisations_view_organisation_activated (GdOrganisationsView *view,
                                              const char          *doc_id,
                                              GdWindow            *self)
{
  if (doc_id != NULL)
    gd_window_open_organisation (self, doc_id);
}

/* The operator */

static void
update_operator_button (GdWindow *self)
{
  const GdOperator *op = operator_of (self);
  g_autofree char *accessible = NULL;

  g_assert (GD_IS_WINDOW (self));

  if (op != NULL)
    {
      const char *role = gd_role_display_name (op->role);

      adw_avatar_set_text (self->operator_avatar, op->name);
      gtk_label_set_label (self->operator_name_label, op->name);
      gtk_label_set_label (self->operator_role_label, role);
      gtk_widget_set_visible (GTK_WIDGET (self->operator_role_label), TRUE);
      /* Translators: the header bar's operator button, for screen readers: name, role */
      accessible = g_strdup_printf (_("Operator %s, %s: Preferences"), op->name, role);
    }
  else
    {
      adw_avatar_set_text (self->operator_avatar, NULL);
      gtk_label_set_label (self->operator_name_label, _("No Operator"));
      gtk_widget_set_visible (GTK_WIDGET (self->operator_role_label), FALSE);
      accessible = g_strdup (_("No operator: Preferences"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->operator_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* The session's operator changed (the dialog, Preferences, another window's settings). */
static void
on_session_operator_notify (GdSession  *session,
                            GParamSpec *pspec,
                            GdWindow   *self)
{
  update_operator_button (self);
  gd_window_actions_update (self);
}

static void
on_operator_dialog_response (AdwMessageDialog *dialog,
                             const char       *response,
                             GdWindow         *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (g_strcmp0 (response, "continue") == 0)
    {
      g_autoptr(GdOperator) op = gd_operator_dialog_get_operator (GD_OPERATOR_DIALOG (dialog));

      if (op != NULL)
        gd_session_set_operator (self->session, op);
    }
  else if (operator_of (self) == NULL)
    {
      /* without a name nothing can be signed: "Quit" (or Escape) closes GridDesk */
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
ask_operator (GdWindow *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (self->operator_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->operator_dialog));
      return;
    }

  self->operator_dialog = gd_operator_dialog_new (GTK_WINDOW (self), operator_of (self));
  g_object_add_weak_pointer (G_OBJECT (self->operator_dialog),
                             (gpointer *) &self->operator_dialog);
  g_signal_connect_object (self->operator_dialog, "response",
                           G_CALLBACK (on_operator_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->operator_dialog));
}

static gboolean
ask_operator_idle_cb (gpointer user_data)
{
  GdWindow *self = user_data;

  self->ask_operator_source = 0;
  if (operator_of (self) == NULL)
    ask_operator (self);

  return G_SOURCE_REMOVE;
}

/* Showing the workbench */

static void
update_title (GdWindow *self)
{
  const char *code;
  const char *name;

  g_assert (GD_IS_WINDOW (self));

  adw_view_switcher_title_set_title (self->view_title,
                                     self->scope_name != NULL ? self->scope_name : _("GridDesk"));

  /* the subtitle names the part of the scope the views are limited to */
  code = gd_sidebar_get_selected_code (self->sidebar);
  name = gd_sidebar_get_selected_name (self->sidebar);
  adw_view_switcher_title_set_subtitle (self->view_title,
                                        code != NULL && name != NULL ? name : NULL);
  gd_window_scope_update (self, name);
}

/* The views follow the session's store themselves (notify::store) and refresh on its
 * document-changed. */
static void
attach_session (GdWindow *self)
{
  g_assert (GD_IS_WINDOW (self));

  gd_households_view_set_session (self->households_view, self->session);
  gd_organisations_view_set_session (self->organisations_view, self->session);
  gd_mediation_view_set_session (self->mediation_view, self->session);
  gd_reports_view_set_session (self->reports_view, self->session);
  gd_window_incidents_set_session (self, self->session);
  gd_search_popover_set_session (self->search_popover, self->session);
  gd_sidebar_set_session (self->sidebar, self->session);
  gd_map_view_set_session (self->map_view, self->session);
  gd_window_sync_attach (GTK_WIDGET (self), self->sync_button, self->session);
}

static void
show_status (GdWindow   *self,
             const char *page)
{
  g_assert (GD_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->status_stack, page);
  gtk_stack_set_visible_child_name (self->stack, "status");
  gd_window_actions_update (self);
}

static void
show_main (GdWindow *self,
           LoadData *load)
{
  g_assert (GD_IS_WINDOW (self));

  g_free (self->scope_name);
  self->scope_name = g_strdup (load->scope_name != NULL && *load->scope_name != '\0'
                               ? load->scope_name : load->scope);

  gd_window_incidents_notify_overdue (self);
  gd_households_view_set_grid (self->households_view, gd_sidebar_get_selected_code (self->sidebar));
  gd_organisations_view_set_grid (self->organisations_view, gd_sidebar_get_selected_code (self->sidebar));
  gd_map_view_set_grid (self->map_view, gd_sidebar_get_selected_code (self->sidebar));
  gd_mediation_view_set_grid (self->mediation_view, gd_sidebar_get_selected_code (self->sidebar));
  gd_reports_view_set_grid (self->reports_view, gd_sidebar_get_selected_code (self->sidebar));
  gd_window_incidents_set_grid (self, gd_sidebar_get_selected_code (self->sidebar));
  update_title (self);

  gtk_stack_set_visible_child_name (self->stack, "main");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gd_window_actions_update (self);
}

static void
stop_progress (GdWindow *self)
{
  g_assert (GD_IS_WINDOW (self));

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
}

static void
show_loaded (GdWindow *self,
             GTask    *task)
{
  LoadData *load = g_task_get_task_data (task);

  gd_session_set_store (self->session, load->store);
  g_clear_pointer (&load->store, gd_store_unref);
  show_main (self, load);
}

static gboolean
show_loaded_idle_cb (gpointer user_data)
{
  GdWindow *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->loaded_task);

  if (task != NULL && self->stack != NULL)
    show_loaded (self, task);
  return G_SOURCE_REMOVE;
}

static void
on_first_after_paint (GdkFrameClock *clock,
                      GdWindow      *self)
{
  g_clear_signal_handler (&self->first_paint_handler, clock);
  self->painted = TRUE;
  /* not inside the frame: the views fill in from the next main-loop turn */
  if (self->loaded_task != NULL)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_loaded_idle_cb, g_object_ref (self), g_object_unref);
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

  if (load->application != NULL)
    g_application_release (load->application);

  /* the window went away while the worker ran: the store closes with the task data */
  if (self->load_task != task)
    return;
  g_clear_object (&self->load_task);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->stack == NULL)
    return;

  stop_progress (self);

  if (!g_task_propagate_boolean (task, &error))
    {
      g_autofree char *description = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_status (self, "empty");
          return;
        }

      g_warning ("Cannot open %s: %s", self->database_path, error->message);

      /* the status page's description is markup; name the file if the message does not */
      if (strstr (error->message, self->database_path) != NULL)
        description = g_markup_escape_text (error->message, -1);
      else
        description = g_markup_printf_escaped ("%s\n\n<small>%s</small>",
                                               error->message, self->database_path);
      adw_status_page_set_description (self->error_page, description);
      show_status (self, "error");
      return;
    }

  /* the window paints first (the loading page, as fast as a bare window), the views after */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->painted)
    {
      g_set_object (&self->loaded_task, task);
      return;
    }
  show_loaded (self, task);
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
          gd_window_actions_update (self);
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

  /* a reload starts from nothing: nobody may keep the old store */
  g_clear_object (&self->loaded_task);
  destroy_children (self);
  gd_session_set_store (self->session, NULL);

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

  /* keep the application (and the process) alive until the worker has finished */
  load->application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (load->application != NULL)
    {
      g_object_ref (load->application);
      g_application_hold (load->application);
    }

  self->load_task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (self->load_task, gd_window_load);
  g_task_set_name (self->load_task, "[griddesk] open store");
  g_task_set_task_data (self->load_task, load, load_data_free);
  g_task_set_check_cancellable (self->load_task, TRUE);
  g_task_run_in_thread (self->load_task, load_thread);

  self->progress_source = g_timeout_add (100, progress_timeout_cb, self);

  show_status (self, "loading");
}

/* Template callbacks */

static void
on_sidebar_selected_code_notify (GdSidebar  *sidebar,
                                 GParamSpec *pspec,
                                 GdWindow   *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (store_of (self) != NULL)
    {
      gd_households_view_set_grid (self->households_view, gd_sidebar_get_selected_code (sidebar));
      gd_organisations_view_set_grid (self->organisations_view, gd_sidebar_get_selected_code (sidebar));
      gd_mediation_view_set_grid (self->mediation_view, gd_sidebar_get_selected_code (sidebar));
      gd_reports_view_set_grid (self->reports_view, gd_sidebar_get_selected_code (sidebar));
      gd_window_incidents_set_grid (self, gd_sidebar_get_selected_code (sidebar));
    }
  gd_map_view_set_grid (self->map_view, gd_sidebar_get_selected_code (sidebar));
  update_title (self);
}

static void
on_sidebar_activated (GdSidebar *sidebar,
                      GdWindow  *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_back_button_clicked (GtkButton *button,
                        GdWindow  *self)
{
  g_assert (GD_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
on_households_view_household_activated (GdHouseholdsView *view,
                                        const char       *doc_id,
                                        GdWindow         *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (doc_id != NULL)
    open_household (self, doc_id, NULL);
}

static void
on_search_popover_hit_activated (GdSearchPopover *popover,
                                 int              kind,
                                 const char      *doc_id,
                                 const char      *member_id,
                                 GdWindow        *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (doc_id == NULL)
    return;

  /* on the map a search result is a place to fly to */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0
      && gd_map_view_show_document (self->map_view, doc_id))
    return;

  if (kind == GD_HIT_PERSON && member_id != NULL)
    open_person (self, doc_id, member_id);
  else if (kind == GD_HIT_ORGANISATION)
    gd_window_open_organisation (self, doc_id);
  else
    open_household (self, doc_id, NULL);
}

/* A grid of the report's ranking: the Incidents view, limited to that grid (the sidebar's
 * choice limits every view, as choosing the grid there would). */
static void
on_reports_view_grid_activated (GdReportsView *view,
                                const char    *code,
                                GdWindow      *self)
{
  g_assert (GD_IS_WINDOW (self));

  if (code == NULL || !gd_sidebar_select_code (self->sidebar, code))
    return;
  gd_window_set_view (self, "incidents");
}

static void
on_view_stack_visible_child_notify (AdwViewStack *view_stack,
                                    GParamSpec   *pspec,
                                    GdWindow     *self)
{
  const char *name = adw_view_stack_get_visible_child_name (view_stack);

  g_assert (GD_IS_WINDOW (self));

  if (name == NULL)
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", name);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* Actions */

static void
gd_window_actions_update (GdWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready;

  g_assert (GD_IS_WINDOW (self));

  if (self->stack == NULL)
    return; /* disposed */

  ready = store_of (self) != NULL && self->load_task == NULL;

  gtk_widget_action_set_enabled (widget, "win.cancel-loading",
                                 self->load_task != NULL && self->generating);
  gtk_widget_action_set_enabled (widget, "win.reload", self->load_task == NULL);
  gtk_widget_action_set_enabled (widget, "win.find", ready);
  gtk_widget_action_set_enabled (widget, "win.find-resident", ready);
  gtk_widget_action_set_enabled (widget, "win.new-household", ready && operator_of (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.undo-delete", ready && operator_of (self) != NULL);
}

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

static void
win_preferences_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);
  GdPreferencesWindow *preferences;

  preferences = gd_preferences_window_new (GTK_WINDOW (self), self->session,
                                           self->database_path);
  if (g_strcmp0 (action_name, "win.sync-setup") == 0)
    gd_preferences_window_show_sync (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
}

void
gd_window_import_file (GdWindow   *self,
                       const char *path)
{
  GdImportAssistant *assistant;

  g_return_if_fail (GD_IS_WINDOW (self));
  assistant = gd_import_assistant_new (GTK_WINDOW (self), self->session);
  if (path != NULL)
    gd_import_assistant_open_file (assistant, path);
  gtk_window_present (GTK_WINDOW (assistant));
}

static void
win_import_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gd_window_import_file (GD_WINDOW (widget), NULL);
}

static void
win_find_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "households");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gd_households_view_focus_search (self->households_view);
}

static void
win_find_resident_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);

  /* the search button lives in the sidebar's header bar */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_menu_button_popup (self->search_button);
}

static void
win_new_household_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);
  const char *grid = NULL;

  /* a new household is filed under the chosen grid; above grid level the editor asks */
  if (g_strcmp0 (gd_sidebar_get_selected_level (self->sidebar), "grid") == 0)
    grid = gd_sidebar_get_selected_code (self->sidebar);

  open_household (self, NULL, grid);
}

static void
win_undo_delete_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GdWindow *self = GD_WINDOW (widget);
  const char *doc_id = g_variant_get_string (parameter, NULL);
  const char *json;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  json = g_hash_table_lookup (self->deleted, doc_id);
  if (json == NULL || store_of (self) == NULL || operator_of (self) == NULL)
    return;

  doc = gd_json_parse_object (json, -1, &error);
  if (doc != NULL)
    id = gd_store_put (store_of (self), doc, operator_of (self)->name, NULL, &error);
  g_hash_table_remove (self->deleted, doc_id);

  if (id == NULL)
    {
      g_autofree char *message = NULL;

      g_warning ("Cannot restore %s: %s", doc_id, error->message);
      message = g_strdup_printf (_("The household could not be restored: %s"), error->message);
      show_toast (self, message);
      return;
    }

  show_toast (self, _("Household restored"));
}

/* Window state, kept in GSettings as it changes */

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
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();

  /* editors with unsaved changes ask first; one that stays open keeps this window open */
  for (guint i = 0; i < self->children->len; i++)
    if (GD_IS_HOUSEHOLD_EDITOR (g_ptr_array_index (self->children, i)))
      g_ptr_array_add (editors, g_ptr_array_index (self->children, i));
  for (guint i = 0; i < editors->len; i++)
    gtk_window_close (g_ptr_array_index (editors, i));
  for (guint i = 0; i < self->children->len; i++)
    if (GD_IS_HOUSEHOLD_EDITOR (g_ptr_array_index (self->children, i)))
      {
        gtk_window_present (g_ptr_array_index (self->children, i));
        return TRUE;
      }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (gd_window_parent_class)->close_request (window);
}

static void
gd_window_map (GtkWidget *widget)
{
  GdWindow *self = GD_WINDOW (widget);

  GTK_WIDGET_CLASS (gd_window_parent_class)->map (widget);

  if (!self->painted && self->first_paint_handler == 0)
    self->first_paint_handler = g_signal_connect_object (gtk_widget_get_frame_clock (widget),
                                                         "after-paint",
                                                         G_CALLBACK (on_first_after_paint),
                                                         self, 0);

  /* first start: who is working here, before anything else */
  if (operator_of (self) == NULL && self->ask_operator_source == 0 && self->operator_dialog == NULL)
    self->ask_operator_source = g_idle_add (ask_operator_idle_cb, self);
}

/* GObject */

static void
gd_window_constructed (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);

  G_OBJECT_CLASS (gd_window_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = gd_session_new (NULL);
  g_set_object (&self->settings, gd_session_get_settings (self->session));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  bind_window_state (self);

  g_signal_connect_object (self->session, "notify::operator",
                           G_CALLBACK (on_session_operator_notify), self, 0);
  update_operator_button (self);
  attach_session (self);
  gd_window_mediation_attach (self, self->mediation_view);

  gd_startup_trace_watch (GTK_WINDOW (self), (GdStartupTraceReady) gd_households_view_has_rows,
                          self->households_view);

  if (self->database_path != NULL)
    gd_window_load (self);
  else
    gd_window_actions_update (self);
}

static void
gd_window_dispose (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->ask_operator_source, g_source_remove);
  /* load_cb sees that the task is no longer ours and only drops it */
  g_clear_object (&self->load_task);
  g_clear_object (&self->loaded_task);

  if (self->operator_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->operator_dialog));
  destroy_children (self);
  /* the views let go of the store with the session's (other windows have their own) */
  if (self->session != NULL)
    gd_session_set_store (self->session, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_WINDOW);

  G_OBJECT_CLASS (gd_window_parent_class)->dispose (object);
}

static void
gd_window_finalize (GObject *object)
{
  GdWindow *self = GD_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->scope_name, g_free);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);

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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_CREATE_PARENT:
      g_value_set_boolean (value, self->create_parent);
      break;

    case PROP_VIEW:
      g_value_set_string (value, gd_window_get_view (self));
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
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

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

  widget_class->map = gd_window_map;

  window_class->close_request = gd_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
                         DEFAULT_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GD_TYPE_SIDEBAR);
  g_type_ensure (GD_TYPE_SEARCH_POPOVER);
  g_type_ensure (GD_TYPE_HOUSEHOLDS_VIEW);
  g_type_ensure (GD_TYPE_MAP_VIEW);
  g_type_ensure (GD_TYPE_SYNC_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, view_title);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, operator_button);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, operator_avatar);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, operator_name_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, operator_role_label);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, households_view);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, organisations_view);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, mediation_view);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, reports_view);
  gtk_widget_class_bind_template_child (widget_class, GdWindow, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_selected_code_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_households_view_household_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_organisations_view_organisation_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_popover_hit_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_reports_view_grid_activated);
  g_type_ensure (GD_TYPE_REPORTS_VIEW);

  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL, win_cancel_loading_cb);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, win_reload_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, win_preferences_cb);
  /* the sync popover's way in while no county server is set up */
  gtk_widget_class_install_action (widget_class, "win.sync-setup", NULL, win_preferences_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, win_import_cb);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, win_find_cb);
  gtk_widget_class_install_action (widget_class, "win.find-resident", NULL, win_find_resident_cb);
  gtk_widget_class_install_action (widget_class, "win.new-household", NULL, win_new_household_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", win_undo_delete_cb);
  gd_window_map_class_init (widget_class);
  gd_window_mediation_class_init (widget_class);
  gd_window_incidents_class_init (widget_class);
  gd_window_organisations_class_init (widget_class);

  /* Ctrl+, (preferences), Ctrl+? (shortcuts) and Ctrl+Q (quit) are application accels,
   * so the primary menu shows them */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-loading", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-resident", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-resident", NULL);
  /* Ctrl+N (the current view's "new"), Alt+1…5, F1, F10 */
  gd_window_keys_class_init (widget_class);
  gd_window_scope_class_init (widget_class);
}

static void
gd_window_init (GdWindow *self)
{
  self->children = g_ptr_array_new ();
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* laid out when first shown, not in the workbench's first frame */
  gd_lazy_view_until_shown (ADW_BIN (self->organisations_view));
  gd_lazy_view_until_shown (ADW_BIN (self->mediation_view));
  gd_lazy_view_until_shown (ADW_BIN (self->map_view));
}

static const char * const view_names[] = {
  "households", "organisations", "incidents", "mediation", "map", "reports", NULL,
};

gboolean
gd_window_is_view_name (const char *name)
{
  return name != NULL && g_strv_contains (view_names, name);
}

GdWindow *
gd_window_new (GtkApplication *application,
               GdSession      *session,
               const char     *database_path,
               gboolean        create_parent)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GD_IS_SESSION (session), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (GD_TYPE_WINDOW,
                       "application", application,
                       "session", session,
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

GdSession *
gd_window_get_session (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  return self->session;
}

const char *
gd_window_get_view (GdWindow *self)
{
  const char *name;

  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name != NULL ? name : DEFAULT_VIEW;
}

/* Shows the view `view`; a view that does not exist yet (incidents, mediation, map, reports
 * as they are being built) falls back to the households. */
void
gd_window_set_view (GdWindow   *self,
                    const char *view)
{
  g_return_if_fail (GD_IS_WINDOW (self));
  g_return_if_fail (gd_window_is_view_name (view));

  if (adw_view_stack_get_child_by_name (self->view_stack, view) == NULL)
    {
      g_debug ("There is no “%s” view yet: showing the households", view);
      view = DEFAULT_VIEW;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* For the window's parts in other files (gd-window-private.h) */

gboolean
gd_window_ready_for_child (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), FALSE);
  return ready_for_child (self);
}

GtkWindow *
gd_window_find_child (GdWindow   *self,
                      GType       type,
                      const char *doc_id)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);
  return find_child (self, type, doc_id, NULL);
}

void
gd_window_track_child (GdWindow  *self,
                       GtkWindow *child)
{
  g_return_if_fail (GD_IS_WINDOW (self));
  track_child (self, child);
}

const char *
gd_window_get_selected_grid (GdWindow *self)
{
  g_return_val_if_fail (GD_IS_WINDOW (self), NULL);
  return gd_sidebar_get_selected_code (self->sidebar);
}

void
gd_window_toast (GdWindow   *self,
                 const char *title)
{
  g_return_if_fail (GD_IS_WINDOW (self));
  show_toast (self, title);
}
