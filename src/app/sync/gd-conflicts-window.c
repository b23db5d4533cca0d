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

#include "gd-conflicts-window.h"
#include "gd-mask.h"
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

/* Field names people know; the path itself otherwise. */
static const struct { const char *field; const char *label; } field_labels[] = {
  { "address", N_("Address") },
  { "housing", N_("Housing") },
  { "number", N_("Household number") },
  { "grid", N_("Grid") },
  { "name", N_("Name") },
  { "phone", N_("Phone") },
  { "id_number", N_("ID number") },
  { "relation", N_("Relation to head") },
  { "residence", N_("Residence") },
  { "tags", N_("Tags") },
  { "note", N_("Note") },
  { "status", N_("Status") },
  { "title", N_("Title") },
  { "description", N_("Description") },
};

static char *
field_title (const char *path)
{
  const char *last = strrchr (path, '.');
  const char *field = last ? last + 1 : path;
  const char *label = NULL;

  if (g_str_equal (path, "_deleted"))
    return g_strdup (_("Deleted on one side, changed on the other"));
  if (g_str_equal (path, "_conflicts"))
    return g_strdup (_("Parallel versions on the server"));
  if (strchr (field, '[') != NULL)
    return g_strdup_printf (_("A household member (%s)"), path);
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field, field_labels[i].field))
      label = _(field_labels[i].label);
  if (label == NULL)
    return g_strdup (path);
  if (last != NULL)
    /* Translators: a field's name, then where it is ("members[id=m2].phone") */
    return g_strdup_printf (_("%s (%s)"), label, path);
  return g_strdup (label);
}

/* A value as people read it; personal numbers masked as in every list. */
static char *
shown (const char *path,
       const char *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return g_strdup (_("(none)"));
  node = json_from_string (json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      if (g_str_has_suffix (path, "id_number"))
        return gd_mask_id_number (text);
      if (g_str_has_suffix (path, "phone"))
        return gd_mask_phone (text);
      return g_strdup (*text ? text : _("(empty)"));
    }
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("(the whole record)"));
  return g_strdup (json);
}

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
on_take_clicked (GtkButton         *button,
                 GdConflictsWindow *self)
{
  GdSyncConflict *conflict = g_object_get_data (G_OBJECT (button), "conflict");
  GdSyncTake take = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "take"));

  resolve (self, conflict, take, NULL);
}

static void
on_edit_activate (GtkEntry          *entry,
                  GdConflictsWindow *self)
{
  GdSyncConflict *conflict = g_object_get_data (G_OBJECT (entry), "conflict");
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER)));
  resolve (self, conflict, GD_SYNC_TAKE_VALUE, value);
}

static GtkWidget *
take_button (GdConflictsWindow *self,
             GdSyncConflict    *conflict,
             const char        *label,
             GdSyncTake         take)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "conflict", conflict);
  g_object_set_data (G_OBJECT (button), "take", GINT_TO_POINTER (take));
  g_signal_connect (button, "clicked", G_CALLBACK (on_take_clicked), self);
  return button;
}

/* "Edit…": a value typed by hand, for text fields */
static GtkWidget *
edit_button (GdConflictsWindow *self,
             GdSyncConflict    *conflict)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autoptr(JsonNode) mine = conflict->mine ? json_from_string (conflict->mine, NULL) : NULL;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Edit…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (mine != NULL && JSON_NODE_HOLDS_VALUE (mine) && json_node_get_value_type (mine) == G_TYPE_STRING)
    gtk_editable_set_text (GTK_EDITABLE (entry), json_node_get_string (mine));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Type the right value, then Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The right value"), -1);
  gtk_widget_set_size_request (entry, 260, -1);
  g_object_set_data (G_OBJECT (entry), "conflict", conflict);
  g_signal_connect (entry, "activate", G_CALLBACK (on_edit_activate), self);
  gtk_popover_set_child (GTK_POPOVER (popover), entry);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
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
on_retry_clicked (GtkButton         *button,
                  GdConflictsWindow *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (button), "doc-id");
  g_autofree char *actor = gd_sync_controller_dup_actor (self->controller);
  g_autoptr(GError) error = NULL;

  if (!gd_store_sync_retry_rejected (gd_sync_controller_get_store (self->controller), doc_id, actor, &error))
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
      g_autofree char *title = field_title (conflict->path);
      g_autofree char *mine = shown (conflict->path, conflict->mine);
      g_autofree char *theirs = shown (conflict->path, conflict->theirs);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      gboolean deleted = g_str_equal (conflict->path, "_deleted");
      gboolean parallel = g_str_equal (conflict->path, "_conflicts");

      if (g_strcmp0 (current, conflict->doc_id) != 0)
        {
          g_autofree char *record = record_title (conflict->doc_type, conflict->label, conflict->doc_id);
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, record);
          adw_preferences_page_add (self->conflicts_page, group);
          g_ptr_array_add (self->groups, group);
          current = conflict->doc_id;
        }
      if (deleted)
        subtitle = g_strdup (conflict->mine == NULL
                             ? _("Deleted here, changed on the server. Keep the deletion, or take the server's record?")
                             : _("Changed here, deleted on the server. Keep this record, or delete it too?"));
      else if (parallel)
        subtitle = g_strdup (_("Another program left parallel versions on the server; county IT settles them there."));
      else
        /* Translators: the two values of a conflicting field, this workstation's first */
        subtitle = g_strdup_printf (_("Here: %s\nServer: %s"), mine, theirs);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      if (parallel)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), take_button (self, conflict, _("_Noted"), GD_SYNC_TAKE_MINE));
      else
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), take_button (self, conflict, _("Keep _Mine"), GD_SYNC_TAKE_MINE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), take_button (self, conflict, _("Take _Theirs"), GD_SYNC_TAKE_THEIRS));
          if (!deleted && (conflict->mine == NULL || conflict->mine[0] == '"'))
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button (self, conflict));
        }
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
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Send _Again"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "doc-id", g_strdup (rejection->doc_id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_retry_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
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
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-mark-junk-symbolic"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      adw_preferences_group_add (group, row);
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
