/* gd-mediator-roster.c: the roster of people's mediators.
 *
 * One group of rows per mediator document; Save writes the ones that changed, each through
 * gd_store_put() (validated, audit-logged). Mediators are never deleted: cases refer to them.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-mediator-roster"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-dispute-fields.h"
#include "gd-json.h"
#include <string.h>

#include "gd-mediator-roster.h"

static const char *const mediator_kinds[] = {
  "party_member", N_("Party member"), "village_sage", N_("Village sage"),
  "part_time", N_("Part-time"), "professional", N_("Professional"), NULL
};

static const GdFieldSpec mediator_specs[] = {
  { "name", N_("Name"), GD_FIELD_TEXT },
  { "phone", N_("Phone"), GD_FIELD_TEXT },
  { "kind", N_("Kind of mediator"), GD_FIELD_CHOICE, NULL, mediator_kinds },
  { "room", N_("Mediation room"), GD_FIELD_CODE, "mediation-rooms" },
  { "active", N_("In service"), GD_FIELD_SWITCH },
};

typedef struct {
  JsonObject   *doc;
  char         *stored;   /* the body as loaded, to see what changed */
  GdFieldGroup *fields;
} Entry;

struct _GdMediatorRoster
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *add_button;
  GtkWidget       *save_button;
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkBox          *groups_box;

  GdStore         *store;   /* the session\'s, kept while open */
  GdOperator      *op;
  char            *grid;
  GArray          *entries; /* Entry */
};

G_DEFINE_FINAL_TYPE (GdMediatorRoster, gd_mediator_roster, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->doc, json_object_unref);
  g_clear_pointer (&entry->stored, g_free);
  g_clear_pointer (&entry->fields, gd_field_group_free);
}

static void
on_changed (GdMediatorRoster *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
add_entry (GdMediatorRoster *self,
           JsonObject       *doc)
{
  Entry entry = { .doc = doc };
  GtkWidget *group = adw_preferences_group_new ();
  const char *name = gd_json_get_string (doc, "name");
  g_autofree char *prefix = g_strdup_printf (_("Mediator %u"), self->entries->len + 1);

  entry.stored = gd_json_get_string (doc, "_id") != NULL ? gd_json_to_string (doc, FALSE) : NULL;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name != NULL ? name : _("New Mediator"));
  entry.fields = gd_field_group_new (ADW_PREFERENCES_GROUP (group), mediator_specs,
                                     G_N_ELEMENTS (mediator_specs), prefix,
                                     G_CALLBACK (on_changed), self);
  gd_field_group_load (entry.fields, doc);
  gtk_box_append (self->groups_box, group);
  g_array_append_val (self->entries, entry);
}

static void
on_add_clicked (GdMediatorRoster *self)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "type", "mediator");
  if (self->grid != NULL)
    json_object_set_string_member (doc, "grid", self->grid);
  json_object_set_string_member (doc, "kind", "part_time");
  json_object_set_string_member (doc, "room", "village");
  json_object_set_boolean_member (doc, "active", TRUE);
  add_entry (self, doc);
}

static void
on_save_clicked (GdMediatorRoster *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint written = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autoptr(JsonObject) doc = gd_json_copy_object (entry->doc);
      g_autofree char *body = NULL;
      g_autoptr(GdIssues) issues = gd_issues_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;

      gd_field_group_store (entry->fields, doc);
      body = gd_json_to_string (doc, FALSE);
      if (g_strcmp0 (body, entry->stored) == 0)
        continue;
      if ((id = gd_store_put (self->store, doc, self->op->name, issues, &error)) == NULL)
        {
          g_autofree char *text = gd_issues_has_errors (issues)
                                  ? gd_issues_to_string (issues, GD_ISSUE_ERROR)
                                  : g_strdup (error->message);
          /* Translators: which mediator (Mediator 2), then what is wrong */
          g_string_append_printf (problems, _("%s: %s\n"), gd_json_get_string (doc, "name") ?: _("New Mediator"), text);
          continue;
        }
      g_clear_pointer (&entry->doc, json_object_unref);
      entry->doc = g_steal_pointer (&doc);
      g_free (entry->stored);
      entry->stored = gd_json_to_string (entry->doc, FALSE);
      written++;
    }
  if (problems->len > 0)
    {
      gtk_label_set_text (self->banner_label, g_strchomp (problems->str));
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  if (written > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mediator saved",
                                                            "%u mediators saved", written), written);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      g_signal_emit (self, signals[SAVED], 0);
    }
}

static void
gd_mediator_roster_dispose (GObject *object)
{
  GdMediatorRoster *self = GD_MEDIATOR_ROSTER (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->op, gd_operator_free);
  g_clear_pointer (&self->store, gd_store_unref);
  g_clear_pointer (&self->grid, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_MEDIATOR_ROSTER);
  G_OBJECT_CLASS (gd_mediator_roster_parent_class)->dispose (object);
}

static void
gd_mediator_roster_class_init (GdMediatorRosterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gd_mediator_roster_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-mediator-roster.ui");
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, add_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, save_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GdMediatorRoster, groups_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_mediator_roster_init (GdMediatorRoster *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
}

GdMediatorRoster *
gd_mediator_roster_new (GtkWindow        *parent,
                        GdSession        *session,
                        const char       *grid)
{
  GdStore *store = gd_session_get_store (session);
  const GdOperator *op = gd_session_get_operator (session);
  GdMediatorRoster *self = g_object_new (GD_TYPE_MEDIATOR_ROSTER, "transient-for", parent, NULL);
  GdListQuery query = { .type = GD_DOC_MEDIATOR };
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) error = NULL;

  self->store = gd_store_ref (store);
  self->op = gd_operator_copy (op);
  /* a new mediator is filed under the selected grid, or the village's first one */
  if (grid != NULL && strlen (grid) == 15)
    self->grid = g_strdup (grid);
  roster = gd_store_list (store, &query, &error);
  for (guint i = 0; roster != NULL && i < roster->len; i++)
    {
      if (self->grid == NULL)
        self->grid = g_strdup (gd_json_get_string (roster->pdata[i], "grid"));
      add_entry (self, json_object_ref (roster->pdata[i]));
    }
  if (roster == NULL)
    g_warning ("Cannot read the mediators: %s", error->message);
  return self;
}
