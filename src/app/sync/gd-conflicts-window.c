/* gd-conflicts-window.c: see gd-conflicts-window.h. Decisions go through
 * gd_store_sync_resolve(): validated like any edit, audit-logged, sent at the next sync.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-conflicts-window"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-conflict-row.h"
#include "gd-conflicts-window.h"
#include "gd-refused-row.h"
#include "gd-store-quarantine.h"
#include "gd-store-sync.h"

struct _GdConflictsWindow
{
  AdwWindow         parent_instance;

  /* template children */
  AdwToastOverlay  *toast_overlay;
  AdwPreferencesPage *conflicts_page;
  AdwPreferencesPage *rejected_page;
  AdwStatusPage    *no_conflicts;
  AdwStatusPage    *no_rejected;
  AdwViewStackPage *conflicts_stack_page;
  AdwViewStackPage *rejected_stack_page;

  GdSyncController *controller;
  GPtrArray        *groups; /* AdwPreferencesGroup shown now */
  guint             reload_idle;
};

G_DEFINE_FINAL_TYPE (GdConflictsWindow, gd_conflicts_window, ADW_TYPE_WINDOW)

static void reload (GdConflictsWindow *self);

static void
resolve (GdConflictsWindow *self,
         GdSyncConflict    *conflict,
         GdSyncTake         take,
         JsonNode          *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = gd_sync_controller_dup_actor (self->controller);

  if (!gd_store_sync_resolve (gd_sync_controller_get_store (self->controller), conflict->doc_id,
                              conflict->path, take, value, actor, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Decision saved; it is sent at the next sync")));
  gd_sync_controller_refresh (self->controller);
  reload (self);
}

static void
clear_groups (GdConflictsWindow *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *group = self->groups->pdata[i];
      AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE));
      if (page != NULL)
        adw_preferences_page_remove (page, ADW_PREFERENCES_GROUP (group));
    }
  g_ptr_array_set_size (self->groups, 0);
}

static char *
record_title (const char *type,
              const char *label,
              const char *doc_id)
{
  if (g_strcmp0 (type, "household") == 0)
    /* Translators: a household's number */
    return g_strdup_printf (_("Household %s"), label ? label : doc_id);
  if (g_strcmp0 (type, "incident") == 0)
    /* Translators: an incident's number */
    return g_strdup_printf (_("Incident %s"), label ? label : doc_id);
  return g_strdup (label ? label : doc_id);
}

static void
on_row_decided (GdConflictRow     *row,
                GdSyncTake         take,
                JsonNode          *value,
                GdConflictsWindow *self)
{
  resolve (self, gd_conflict_row_get_conflict (row), take, value);
}

static void
on_row_retry (GdRefusedRow      *row,
              GdConflictsWindow *self)
{
  g_autofree char *actor = gd_sync_controller_dup_actor (self->controller);
  g_autoptr(GError) error = NULL;

  if (!gd_store_sync_retry_rejected (gd_sync_controller_get_store (self->controller),
                                     gd_refused_row_get_doc_id (row), actor, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  gd_sync_controller_refresh (self->controller);
  reload (self);
}

static void
add_conflicts (GdConflictsWindow *self,
               GPtrArray         *conflicts)
{
  AdwPreferencesGroup *group = NULL;
  const char *current = NULL;

  for (guint i = 0; i < conflicts->len; i++)
    {
      GdSyncConflict *conflict = conflicts->pdata[i];
      GtkWidget *row = gd_conflict_row_new (conflict);

      if (g_strcmp0 (current, conflict->doc_id) != 0)
        {
          g_autofree char *record = record_title (conflict->doc_type, conflict->label, conflict->doc_id);
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, record);
          adw_preferences_page_add (self->conflicts_page, group);
          g_ptr_array_add (self->groups, group);
          current = conflict->doc_id;
        }
      g_signal_connect (row, "decided", G_CALLBACK (on_row_decided), self);
      adw_preferences_group_add (group, row);
    }
}

static const char *
error_title (const char *error)
{
  if (g_strcmp0 (error, "forbidden") == 0)
    return _("Refused by the county's rules");
  if (g_strcmp0 (error, "unauthorized") == 0)
    return _("This account may not write it");
  if (g_strcmp0 (error, "incoming") == 0)
    return _("Could not be stored here");
  return error;
}

static void
add_rejections (GdConflictsWindow *self,
                GPtrArray         *rejections)
{
  AdwPreferencesGroup *group;

  if (rejections->len == 0)
    return;
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (group,
    _("The county server refused these records. They stay here and are not sent again until they "
      "are changed or you send them again."));
  adw_preferences_page_add (self->rejected_page, group);
  g_ptr_array_add (self->groups, group);
  for (guint i = 0; i < rejections->len; i++)
    {
      GdSyncRejection *rejection = rejections->pdata[i];
      g_autofree char *title = record_title (rejection->doc_type, rejection->label, rejection->doc_id);
      /* Translators: why the server refused a record, then its reason in its own words */
      g_autofree char *subtitle = g_strdup_printf (_("%s: %s"), error_title (rejection->error),
                                                   rejection->reason ? rejection->reason : "");
      GtkWidget *row = gd_refused_row_new_rejected (rejection->doc_id, title, subtitle);

      g_signal_connect (row, "retry", G_CALLBACK (on_row_retry), self);
      adw_preferences_group_add (group, row);
    }
}

/* When it was refused, in local time; the stored text if it does not read as a timestamp. */
static char *
shown_time (const char *stamp)
{
  g_autoptr(GDateTime) utc = stamp ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return gd_sync_escape_text (stamp ? stamp : "", 40);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Server documents this workstation refused to store: read-only, tried again on their own. */
static void
add_quarantined (GdConflictsWindow *self,
                 GPtrArray         *quarantined)
{
  AdwPreferencesGroup *group;

  if (quarantined->len == 0)
    return;
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Server Records Not Taken In"));
  adw_preferences_group_set_description (group,
    _("These records on the county server failed this workstation's checks and were not stored "
      "here. Nothing needs doing: they are tried again after an update brings newer code tables, "
      "or when the county corrects them."));
  adw_preferences_page_add (self->rejected_page, group);
  g_ptr_array_add (self->groups, group);
  for (guint i = 0; i < quarantined->len; i++)
    {
      GdSyncQuarantined *entry = quarantined->pdata[i];
      /* the server's words may hold anything: escaped before they are shown */
      g_autofree char *id = gd_sync_escape_text (entry->doc_id, 200);
      g_autofree char *reason = gd_sync_escape_text (entry->reason, GD_SYNC_REASON_CHARS);
      g_autofree char *rev = gd_sync_escape_text (entry->rev ? entry->rev : "", 60);
      g_autofree char *when = shown_time (entry->quarantined_at);
      /* Translators: a refused server record: its revision, when it came, then why */
      g_autofree char *subtitle = g_strdup_printf (_("Revision %s, received %s\n%s"), rev, when, reason);
      /* Translators: what a screen reader says for a refused server record */
      g_autofree char *spoken = g_strdup_printf (_("Not taken in: %s, revision %s, %s: %s"), id, rev, when, reason);

      adw_preferences_group_add (group, gd_refused_row_new_quarantined (id, subtitle, spoken));
    }
}

static void
reload (GdConflictsWindow *self)
{
  GdStore *store = gd_sync_controller_get_store (self->controller);
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = gd_store_sync_conflicts (store, NULL, &error);
  GPtrArray *rejections = gd_store_sync_rejections (store, &error);
  GPtrArray *quarantined = gd_store_sync_quarantined (store, &error);
  guint refused;

  clear_groups (self);
  /* the rows point into these: they live as long as the window shows them */
  g_object_set_data_full (G_OBJECT (self), "conflicts", conflicts, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self), "rejections", rejections, (GDestroyNotify) g_ptr_array_unref);
  if (conflicts != NULL)
    add_conflicts (self, conflicts);
  if (rejections != NULL)
    add_rejections (self, rejections);
  if (quarantined != NULL)
    add_quarantined (self, quarantined);
  refused = (rejections ? rejections->len : 0) + (quarantined ? quarantined->len : 0);
  g_clear_pointer (&quarantined, g_ptr_array_unref); /* the rows keep copies of its texts */
  gtk_widget_set_visible (GTK_WIDGET (self->no_conflicts), conflicts == NULL || conflicts->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_rejected), refused == 0);
  adw_view_stack_page_set_badge_number (self->conflicts_stack_page, conflicts ? conflicts->len : 0);
  adw_view_stack_page_set_badge_number (self->rejected_stack_page, refused);
}

/* The controller refreshes its counts after every sync and on the session's document-changed:
 * the lists follow (once, from an idle, so a click handler never loses its own button). */
static gboolean
reload_idle (gpointer data)
{
  GdConflictsWindow *self = data;

  self->reload_idle = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_controller_counts (GdConflictsWindow *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle, self);
}

static void
gd_conflicts_window_dispose (GObject *object)
{
  GdConflictsWindow *self = GD_CONFLICTS_WINDOW (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_CONFLICTS_WINDOW);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->controller);
  G_OBJECT_CLASS (gd_conflicts_window_parent_class)->dispose (object);
}

static void
gd_conflicts_window_class_init (GdConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_conflicts_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, rejected_page);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, no_conflicts);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, no_rejected);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, conflicts_stack_page);
  gtk_widget_class_bind_template_child (widget_class, GdConflictsWindow, rejected_stack_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_conflicts_window_init (GdConflictsWindow *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GdConflictsWindow *
gd_conflicts_window_new (GtkWindow        *parent,
                         GdSyncController *controller)
{
  GdConflictsWindow *self = g_object_new (GD_TYPE_CONFLICTS_WINDOW, "transient-for", parent, NULL);

  self->controller = g_object_ref (controller);
  g_signal_connect_swapped (controller, "notify::n-conflicts", G_CALLBACK (on_controller_counts), self);
  reload (self);
  return self;
}
