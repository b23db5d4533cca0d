/* gd-conflict-row.c: see gd-conflict-row.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-conflict-row"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-conflict-row.h"
#include "gd-mask.h"

struct _GdConflictRow
{
  AdwActionRow    parent_instance;

  /* template children */
  GtkWidget      *noted_button;
  GtkWidget      *mine_button;
  GtkWidget      *theirs_button;
  GtkWidget      *edit_button;
  GtkPopover     *edit_popover;
  GtkEntry       *edit_entry;

  GdSyncConflict *conflict;
};

G_DEFINE_FINAL_TYPE (GdConflictRow, gd_conflict_row, ADW_TYPE_ACTION_ROW)

enum { DECIDED, N_SIGNALS };
static guint signals[N_SIGNALS];

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

/* "Keep mine", and "noted" for parallel server versions: both keep this side */
static void
on_mine_clicked (GdConflictRow *self)
{
  g_signal_emit (self, signals[DECIDED], 0, GD_SYNC_TAKE_MINE, NULL);
}

static void
on_theirs_clicked (GdConflictRow *self)
{
  g_signal_emit (self, signals[DECIDED], 0, GD_SYNC_TAKE_THEIRS, NULL);
}

static void
on_edit_activate (GdConflictRow *self)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->edit_entry)));
  gtk_popover_popdown (self->edit_popover);
  g_signal_emit (self, signals[DECIDED], 0, GD_SYNC_TAKE_VALUE, value);
}

static void
gd_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_CONFLICT_ROW);
  G_OBJECT_CLASS (gd_conflict_row_parent_class)->dispose (object);
}

static void
gd_conflict_row_class_init (GdConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_conflict_row_dispose;
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_INT, JSON_TYPE_NODE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, noted_button);
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, mine_button);
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, GdConflictRow, edit_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_theirs_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_activate);
}

static void
gd_conflict_row_init (GdConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gd_conflict_row_new (GdSyncConflict *conflict)
{
  GdConflictRow *self = g_object_new (GD_TYPE_CONFLICT_ROW, NULL);
  gboolean deleted = g_str_equal (conflict->path, "_deleted");
  gboolean parallel = g_str_equal (conflict->path, "_conflicts");
  g_autofree char *title = field_title (conflict->path);
  g_autofree char *subtitle = NULL;

  self->conflict = conflict;
  if (deleted)
    subtitle = g_strdup (conflict->mine == NULL
                         ? _("Deleted here, changed on the server. Keep the deletion, or take the server's record?")
                         : _("Changed here, deleted on the server. Keep this record, or delete it too?"));
  else if (parallel)
    subtitle = g_strdup (_("Another program left parallel versions on the server; county IT settles them there."));
  else
    {
      g_autofree char *mine = shown (conflict->path, conflict->mine);
      g_autofree char *theirs = shown (conflict->path, conflict->theirs);
      /* Translators: the two values of a conflicting field, this workstation's first */
      subtitle = g_strdup_printf (_("Here: %s\nServer: %s"), mine, theirs);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* parallel versions are only noted; a text field (or one unset here) may be typed anew */
  gtk_widget_set_visible (self->noted_button, parallel);
  gtk_widget_set_visible (self->mine_button, !parallel);
  gtk_widget_set_visible (self->theirs_button, !parallel);
  if (!parallel && !deleted && (conflict->mine == NULL || conflict->mine[0] == '"'))
    {
      g_autoptr(JsonNode) mine = conflict->mine ? json_from_string (conflict->mine, NULL) : NULL;

      if (mine != NULL && JSON_NODE_HOLDS_VALUE (mine) && json_node_get_value_type (mine) == G_TYPE_STRING)
        gtk_editable_set_text (GTK_EDITABLE (self->edit_entry), json_node_get_string (mine));
      gtk_widget_set_visible (self->edit_button, TRUE);
    }
  return GTK_WIDGET (self);
}

GdSyncConflict *
gd_conflict_row_get_conflict (GdConflictRow *self)
{
  g_return_val_if_fail (GD_IS_CONFLICT_ROW (self), NULL);
  return self->conflict;
}
