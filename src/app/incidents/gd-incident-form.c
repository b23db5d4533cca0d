/* gd-incident-form.c: registering an incident.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form gathers the fields; gd_incident_register() (core) numbers it, sets the deadline
 * from this workstation's rules (or the operator's own with a reason) and writes the first
 * timeline entry, in one transaction.
 */

#define G_LOG_DOMAIN "gd-incident-form"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"
#include "gd-grid-dropdown.h"
#include "gd-incident-form.h"
#include "gd-incident-format.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-form.h"
#include "gd-patrol.h"
#include "gd-register.h"
#include "gd-error.h"
#include "gd-field-message.h"
#include "gd-field-set.h"
#include "gd-fit-window.h"

struct _GdIncidentForm
{
  AdwWindow       parent_instance;

  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwEntryRow    *description_row;
  GtkSearchEntry *category_search;
  GtkListBox     *category_list;
  GtkLabel       *category_label;
  GtkLabel       *category_message;
  GtkLabel       *category_empty;
  AdwActionRow   *grid_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *lat_row;
  AdwEntryRow    *lon_row;
  AdwActionRow   *source_row;
  AdwActionRow   *urgency_row;
  AdwEntryRow    *reporter_name_row;
  AdwEntryRow    *reporter_phone_row;
  AdwActionRow   *deadline_row;
  AdwExpanderRow *override_row;
  AdwEntryRow    *override_time_row;
  AdwEntryRow    *override_reason_row;
  GtkSearchEntry *household_search;
  GtkListBox     *household_results;
  GtkListBox     *linked_list;

  GdGridDropdown *grid_dropdown;
  GtkDropDown    *source_dropdown;
  GtkDropDown    *urgency_dropdown;

  GdSession      *session;
  GdStore        *store;        /* the session's, kept while the form is open */
  GdDeadlineRules *rules;
  char           *category;
  GHashTable     *shown_classes; /* classes with a matching sub-class, while searching */
  GPtrArray      *linked;        /* household ids */
  char           *patrol_id;     /* a finding of this patrol, or NULL */
  GdFieldSet     *fields;        /* each field's message, by the path the core names */
  gboolean        tried;         /* a register was tried: fields are checked as they change */
};

G_DEFINE_FINAL_TYPE (GdIncidentForm, gd_incident_form, ADW_TYPE_WINDOW)

enum {
  SIGNAL_REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- category tree ---- */

static const char *
row_code (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "gd-code");
}

static void
fill_categories (GdIncidentForm *self)
{
  GdCodeTable *table = gd_codes_get ("incident-categories");

  for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);
      gboolean is_class = item->parent == NULL;
      const char *name = gd_code_display_name ("incident-categories", item->code);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, is_class ? 12 : 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (is_class)
        {
          gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (gd_incident_category_icon (item->code)));
          gtk_widget_add_css_class (label, "heading");
          gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        }
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (row), "gd-code", g_strdup (item->code), g_free);
      g_object_set_data_full (G_OBJECT (row), "gd-name", g_strdup (name), g_free);
      gtk_list_box_append (self->category_list, row);
    }
}

static gboolean
category_matches (const char *code,
                  const char *name,
                  const char *text)
{
  g_autofree char *class = g_strndup (code, 2);

  return strstr (name, text) != NULL || g_str_has_prefix (code, text)
         || strstr (gd_code_display_name ("incident-categories", class), text) != NULL;
}

static gboolean
category_filter (GtkListBoxRow *row,
                 gpointer       data)
{
  GdIncidentForm *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->category_search));
  const char *code = row_code (row);

  if (text == NULL || *text == '\0')
    return TRUE;
  if (strlen (code) <= 2)
    return g_hash_table_contains (self->shown_classes, code);
  return category_matches (code, g_object_get_data (G_OBJECT (row), "gd-name"), text);
}

static void
on_category_search_changed (GdIncidentForm *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->category_search));

  g_hash_table_remove_all (self->shown_classes);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->category_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *code = row_code (GTK_LIST_BOX_ROW (row));
      if (code != NULL && strlen (code) > 2 && text != NULL
          && category_matches (code, g_object_get_data (G_OBJECT (row), "gd-name"), text))
        g_hash_table_add (self->shown_classes, g_strndup (code, 2));
    }
  gtk_list_box_invalidate_filter (self->category_list);
  /* an empty box says why */
  gtk_widget_set_visible (GTK_WIDGET (self->category_empty),
                          text != NULL && *text != '\0' && g_hash_table_size (self->shown_classes) == 0);
}

static void
update_deadline (GdIncidentForm *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *urgency = gd_code_dropdown_get_code (self->urgency_dropdown);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *span_text = NULL;
  g_autofree char *subtitle = NULL;
  GdDeadlineSpan span;

  if (self->category == NULL || !gd_deadline_rules_lookup (self->rules, self->category, urgency, &span))
    {
      adw_action_row_set_subtitle (self->deadline_row, _("Choose a category first"));
      return;
    }
  due = gd_deadline_add_span (self->rules, &span, now);
  due_text = gd_timestamp_format (due);
  when = gd_format_date_time (due_text);
  span_text = gd_deadline_span_format (&span);
  /* Translators: a date and time, then the rule ("3 working days") */
  subtitle = g_strdup_printf (_("%s (%s)"), when, span_text);
  adw_action_row_set_subtitle (self->deadline_row, subtitle);
}

static void on_field_changed (GdIncidentForm *self);

static void
on_category_selected (GdIncidentForm *self,
                      GtkListBoxRow  *row)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (row == NULL)
    return;
  g_free (self->category);
  self->category = g_strdup (row_code (row));
  path = gd_incident_category_path (self->category);
  /* Translators: the chosen category, 公共安全隐患 › 消防隐患 */
  text = g_strdup_printf (_("Chosen: %s"), path);
  gtk_label_set_text (self->category_label, text);
  update_deadline (self);
  on_field_changed (self);
}

/* ---- drop-downs ---- */

static void
on_urgency_changed (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    GdIncidentForm *self)
{
  update_deadline (self);
}

static GtkDropDown *
row_dropdown (AdwActionRow *row,
              GtkDropDown  *dropdown,
              const char   *label)
{
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, GTK_WIDGET (dropdown));
  adw_action_row_set_activatable_widget (row, GTK_WIDGET (dropdown));
  gd_accessible_set_label (GTK_WIDGET (dropdown), label);
  return dropdown;
}

static void
build_grids (GdIncidentForm *self,
             const char     *grid)
{
  self->grid_dropdown = gd_grid_dropdown_new (self->store, grid, GD_GRID_DROPDOWN_DEFAULT);
  adw_action_row_add_suffix (self->grid_row, GTK_WIDGET (self->grid_dropdown));
  adw_action_row_set_activatable_widget (self->grid_row,
                                         GTK_WIDGET (gd_grid_dropdown_get_drop_down (self->grid_dropdown)));
  gd_accessible_set_label (GTK_WIDGET (gd_grid_dropdown_get_drop_down (self->grid_dropdown)), _("Grid"));
}

/* ---- linked households ---- */

static void refresh_linked (GdIncidentForm *self);

static void
on_unlink_clicked (GtkButton      *button,
                   GdIncidentForm *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "gd-id");
  guint index;

  if (g_ptr_array_find_with_equal_func (self->linked, id, g_str_equal, &index))
    g_ptr_array_remove_index (self->linked, index);
  refresh_linked (self);
}

static void
refresh_linked (GdIncidentForm *self)
{
  gd_list_box_clear (self->linked_list);
  for (guint i = 0; i < self->linked->len; i++)
    {
      g_autoptr(JsonObject) household = gd_store_get (self->store, self->linked->pdata[i], NULL);
      JsonArray *members = gd_json_get_array (household, "members");
      JsonObject *head = members && json_array_get_length (members) ? json_array_get_object_element (members, 0) : NULL;
      g_autofree char *title = g_strdup_printf (_("Household of %s"), gd_json_get_string (head, "name") ?: _("unknown"));

      gtk_list_box_append (self->linked_list,
                           gd_incident_household_row (title, gd_json_get_string (household, "address"), _("Remove"),
                                                      self->linked->pdata[i], G_CALLBACK (on_unlink_clicked), self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->linked_list), self->linked->len > 0);
}

static void
on_link_clicked (GtkButton      *button,
                 GdIncidentForm *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "gd-id");

  if (!g_ptr_array_find_with_equal_func (self->linked, id, g_str_equal, NULL))
    g_ptr_array_add (self->linked, g_strdup (id));
  refresh_linked (self);
  gtk_editable_set_text (GTK_EDITABLE (self->household_search), "");
}

static void
on_household_search_changed (GdIncidentForm *self)
{
  gd_incident_household_lookup (self->household_results, self->store,
                                gtk_editable_get_text (GTK_EDITABLE (self->household_search)),
                                _("Link"), G_CALLBACK (on_link_clicked), self);
}

/* ---- registering ---- */

static char *
row_text (AdwEntryRow *row)
{
  return gd_entry_row_dup_text (row);
}

static gboolean
parse_coordinate (AdwEntryRow *row,
                  double       min,
                  double       max,
                  double      *out,
                  gboolean    *present)
{
  g_autofree char *text = row_text (row);
  char *end = NULL;

  *present = text != NULL;
  if (text == NULL)
    return TRUE;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *out >= min && *out <= max;
}

/* "2026-11-25 18:00" in China time → RFC 3339 UTC; NULL when not such a time. */
static char *
parse_override (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day, hour, minute;
  char tail;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &tail) != 5)
    return NULL;
  local = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return gd_timestamp_format (utc);
}

static void
show_problem (GdIncidentForm *self,
              const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The form's document; problems the form sees itself go to the fields' messages. */
static JsonObject *
build_document (GdIncidentForm *self)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *title = row_text (self->title_row);
  g_autofree char *description = row_text (self->description_row);
  g_autofree char *address = row_text (self->address_row);
  g_autofree char *reporter_name = row_text (self->reporter_name_row);
  g_autofree char *reporter_phone = row_text (self->reporter_phone_row);
  const char *grid = gd_grid_dropdown_get_code (self->grid_dropdown);
  double lat = 0, lon = 0;
  gboolean has_lat, has_lon;
  JsonObject *location = json_object_new ();
  JsonObject *reporter = json_object_new ();

  if (title == NULL)
    gd_field_set_error (self->fields, "title", _("Give the incident a title."));
  if (grid == NULL)
    gd_field_set_error (self->fields, "grid", _("Choose the grid where it happened."));
  if (self->category == NULL || strlen (self->category) <= 2)
    gd_field_set_error (self->fields, "category", _("Choose a category (a sub-class)."));
  if (!parse_coordinate (self->lat_row, -90, 90, &lat, &has_lat))
    gd_field_set_error (self->fields, "location.lat", _("A latitude is a number from −90 to 90."));
  if (!parse_coordinate (self->lon_row, -180, 180, &lon, &has_lon))
    gd_field_set_error (self->fields, "location.lon", _("A longitude is a number from −180 to 180."));
  if (has_lat != has_lon)
    gd_field_set_error (self->fields, has_lat ? "location.lon" : "location.lat",
                        _("Give both the latitude and the longitude, or neither."));

  json_object_set_string_member (doc, "type", "incident");
  gd_json_set_text (doc, "grid", grid);
  gd_json_set_text (doc, "title", title);
  gd_json_set_text (doc, "description", description);
  gd_json_set_text (doc, "category", self->category);
  gd_json_set_text (doc, "source", gd_code_dropdown_get_code (self->source_dropdown));
  gd_json_set_text (doc, "urgency", gd_code_dropdown_get_code (self->urgency_dropdown));
  gd_json_set_text (location, "address", address);
  if (has_lat && has_lon)
    {
      json_object_set_double_member (location, "lat", lat);
      json_object_set_double_member (location, "lon", lon);
    }
  if (json_object_get_size (location) > 0)
    json_object_set_object_member (doc, "location", location);
  else
    json_object_unref (location);
  gd_json_set_text (reporter, "name", reporter_name);
  gd_json_set_text (reporter, "phone", reporter_phone);
  if (json_object_get_size (reporter) > 0)
    json_object_set_object_member (doc, "reporter", reporter);
  else
    json_object_unref (reporter);
  if (self->linked->len > 0)
    {
      JsonObject *links = json_object_new ();
      JsonArray *households = json_array_new ();

      for (guint i = 0; i < self->linked->len; i++)
        json_array_add_string_element (households, self->linked->pdata[i]);
      json_object_set_array_member (links, "households", households);
      json_object_set_object_member (doc, "links", links);
    }
  return g_steal_pointer (&doc);
}

/* What the store would say of `doc` on the fields of this form: a copy with what
 * registering fills in (number, status, time), validated without writing. Paths the form
 * has no field for (the timeline it has not got yet) are left to registering itself. */
static void
check_with_store (GdIncidentForm *self,
                  JsonObject     *doc,
                  const char     *actor)
{
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = gd_timestamp_format (now);

  probe = gd_json_copy_object (doc);
  json_object_set_string_member (probe, "number", "SJ-0");
  json_object_set_string_member (probe, "status", "registered");
  json_object_set_string_member (probe, "reported_at", now_text);
  gd_store_validate (self->store, probe, actor, issues);
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);

      /* a location without coordinates needs its address: said of "location" */
      if (issue->severity == GD_ISSUE_ERROR)
        gd_field_set_error (self->fields, g_str_equal (issue->path, "location") ? "location.address"
                                                                                : issue->path,
                            issue->message);
    }
}

/* Checks every field, marks the bad ones; TRUE when all are fine. With `focus` the first
 * bad field gets the focus. The document and the other deadline go to the out arguments. */
static gboolean
check_form (GdIncidentForm *self,
            gboolean        focus,
            JsonObject    **out_doc,
            char          **out_override,
            char          **out_reason)
{
  g_autoptr(GdOperator) op = gd_incident_current_operator (self->session);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *override = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *labels = NULL;
  guint bad;

  gd_field_set_clear (self->fields);
  doc = build_document (self);
  if (adw_expander_row_get_enable_expansion (self->override_row))
    {
      g_autofree char *text = row_text (self->override_time_row);

      override = parse_override (text);
      reason = row_text (self->override_reason_row);
      if (override == NULL)
        gd_field_set_error (self->fields, "deadline_override", _("Write the other deadline as 2026-11-25 18:00."));
      if (reason == NULL)
        gd_field_set_error (self->fields, "override_reason", _("Say why the deadline differs from the rules."));
    }
  check_with_store (self, doc, op != NULL ? op->name : "?");
  bad = gd_field_set_report (self->fields, focus, &labels);
  if (op == NULL)
    show_problem (self, _("Say who you are first (the operator button)."));
  else if (bad > 0)
    {
      /* Translators: the labels of the fields in question, 标题、上报人电话 */
      g_autofree char *text = g_strdup_printf (_("Please correct what is marked in red: %s."), labels);
      show_problem (self, text);
    }
  else
    {
      /* no stale text for screen readers behind the hidden label */
      gtk_label_set_text (self->error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  if (out_doc != NULL)
    *out_doc = g_steal_pointer (&doc);
  if (out_override != NULL)
    *out_override = g_steal_pointer (&override);
  if (out_reason != NULL)
    *out_reason = g_steal_pointer (&reason);
  return op != NULL && bad == 0;
}

/* After a refused register, every change checks again: a fixed field loses its mark. */
static void
on_field_changed (GdIncidentForm *self)
{
  if (self->tried)
    check_form (self, FALSE, NULL, NULL, NULL);
}

static void
on_register_clicked (GdIncidentForm *self)
{
  g_autoptr(GdOperator) op = gd_incident_current_operator (self->session);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *override = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();

  self->tried = TRUE;
  if (!check_form (self, TRUE, &doc, &override, &reason))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (self->patrol_id != NULL)
    id = override == NULL
         ? gd_patrol_add_finding (self->store, self->patrol_id, doc, self->rules, op->name, &error)
         : NULL;
  else
    id = gd_incident_register (self->store, doc, self->rules, override, reason, op->name, issues, &error);
  if (id == NULL && error == NULL)
    /* a finding takes the rules' deadline; it can be changed on the incident later */
    g_set_error_literal (&error, GD_ERROR, GD_ERROR_INVALID,
                         _("A patrol finding takes the deadline of the rules."));
  if (id == NULL)
    {
      g_autofree char *labels = NULL;

      for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
        if (gd_issues_get_item (issues, i)->severity == GD_ISSUE_ERROR)
          gd_field_set_error (self->fields, gd_issues_get_item (issues, i)->path,
                              gd_issues_get_item (issues, i)->message);
      if (gd_field_set_report (self->fields, TRUE, &labels) > 0)
        {
          g_autofree char *text = g_strdup_printf (_("Please correct what is marked in red: %s."), labels);
          show_problem (self, text);
        }
      else
        show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, id, gd_json_get_string (doc, "number"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked (GdIncidentForm *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gd_incident_form_finalize (GObject *object)
{
  GdIncidentForm *self = GD_INCIDENT_FORM (object);

  g_clear_pointer (&self->rules, gd_deadline_rules_free);
  g_clear_pointer (&self->store, gd_store_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->shown_classes, g_hash_table_unref);
  g_clear_pointer (&self->linked, g_ptr_array_unref);
  g_clear_pointer (&self->fields, gd_field_set_free);
  g_free (self->category);
  g_free (self->patrol_id);
  G_OBJECT_CLASS (gd_incident_form_parent_class)->finalize (object);
}

static void
gd_incident_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_INCIDENT_FORM);
  G_OBJECT_CLASS (gd_incident_form_parent_class)->dispose (object);
}

static void
gd_incident_form_class_init (GdIncidentFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_incident_form_dispose;
  object_class->finalize = gd_incident_form_finalize;

  /* (id, number) of the incident just registered */
  signals[SIGNAL_REGISTERED] = g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                             G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-incident-form.ui");
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, title_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, description_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, category_search);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, category_list);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, category_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, category_message);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, category_empty);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, grid_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, address_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, lat_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, lon_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, source_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, reporter_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, override_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, override_time_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, override_reason_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, household_search);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, household_results);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentForm, linked_list);
  gtk_widget_class_bind_template_callback (widget_class, on_register_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_category_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_household_search_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The fields by the paths the core names, in form order (the first bad one gets the focus). */
static void
add_fields (GdIncidentForm *self)
{
  struct { const char *path; AdwEntryRow *row; } entries[] = {
    { "title", self->title_row },
    { "description", self->description_row },
  };
  struct { const char *path; AdwEntryRow *row; } more[] = {
    { "reporter.name", self->reporter_name_row },
    { "reporter.phone", self->reporter_phone_row },
    { "location.address", self->address_row },
    { "location.lat", self->lat_row },
    { "location.lon", self->lon_row },
    { "deadline_override", self->override_time_row },
    { "override_reason", self->override_reason_row },
  };
  GtkWidget *grid = GTK_WIDGET (gd_grid_dropdown_get_drop_down (self->grid_dropdown));

  self->fields = gd_field_set_new ();
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gd_field_set_add_row (self->fields, entries[i].path,
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entries[i].row)),
                            GTK_WIDGET (entries[i].row), GTK_WIDGET (entries[i].row));
      g_signal_connect_swapped (entries[i].row, "changed", G_CALLBACK (on_field_changed), self);
    }
  gd_field_set_add_row (self->fields, "grid", _("Grid"), GTK_WIDGET (self->grid_row), grid);
  g_signal_connect_swapped (grid, "notify::selected", G_CALLBACK (on_field_changed), self);
  for (guint i = 0; i < 2; i++)
    {
      gd_field_set_add_row (self->fields, more[i].path,
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more[i].row)),
                            GTK_WIDGET (more[i].row), GTK_WIDGET (more[i].row));
      g_signal_connect_swapped (more[i].row, "changed", G_CALLBACK (on_field_changed), self);
    }
  gd_field_set_add_label (self->fields, "category", _("Category"), self->category_message,
                          GTK_WIDGET (self->category_search));
  for (guint i = 2; i < G_N_ELEMENTS (more); i++)
    {
      gd_field_set_add_row (self->fields, more[i].path,
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more[i].row)),
                            GTK_WIDGET (more[i].row), GTK_WIDGET (more[i].row));
      g_signal_connect_swapped (more[i].row, "changed", G_CALLBACK (on_field_changed), self);
    }
}

static void
gd_incident_form_init (GdIncidentForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->linked = g_ptr_array_new_with_free_func (g_free);
  self->rules = gd_incident_deadline_rules (NULL); /* the session's replace them in _new() */
  fill_categories (self);
  gtk_list_box_set_filter_func (self->category_list, category_filter, self, NULL);

  self->source_dropdown = row_dropdown (self->source_row, gd_code_dropdown_new ("incident-sources", FALSE),
                                        _("Source"));
  gd_code_dropdown_set_code (self->source_dropdown, "resident");
  self->urgency_dropdown = row_dropdown (self->urgency_row, gd_code_dropdown_new ("urgency", FALSE),
                                         _("Urgency"));
  gd_code_dropdown_set_code (self->urgency_dropdown, "normal");
  g_signal_connect (self->urgency_dropdown, "notify::selected", G_CALLBACK (on_urgency_changed), self);
  update_deadline (self);
}

static void
focus_title (GdIncidentForm *self)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->title_row));

  gtk_widget_grab_focus (text != NULL ? GTK_WIDGET (text) : GTK_WIDGET (self->title_row));
}

GdIncidentForm *
gd_incident_form_new (GtkWindow  *parent,
                      GdSession  *session,
                      const char *grid,
                      gboolean    has_location,
                      double      latitude,
                      double      longitude)
{
  GdIncidentForm *self;

  g_return_val_if_fail (GD_IS_SESSION (session), NULL);
  g_return_val_if_fail (gd_session_get_store (session) != NULL, NULL);

  self = g_object_new (GD_TYPE_INCIDENT_FORM, "transient-for", parent, NULL);
  gd_fit_window_to_screen (GTK_WINDOW (self), parent, 640, 780);
  self->session = g_object_ref (session);
  self->store = gd_store_ref (gd_session_get_store (session));
  g_clear_pointer (&self->rules, gd_deadline_rules_free);
  self->rules = gd_incident_deadline_rules (session);
  update_deadline (self);
  build_grids (self, grid);
  add_fields (self);
  /* the first field, never Cancel (the first focusable widget in the header) */
  g_signal_connect (self, "map", G_CALLBACK (focus_title), NULL);
  if (has_location)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      gtk_editable_set_text (GTK_EDITABLE (self->lat_row), g_ascii_formatd (buffer, sizeof buffer, "%.6f", latitude));
      gtk_editable_set_text (GTK_EDITABLE (self->lon_row), g_ascii_formatd (buffer, sizeof buffer, "%.6f", longitude));
    }
  return self;
}

void
gd_incident_form_set_patrol (GdIncidentForm *self,
                             const char     *patrol_id)
{
  g_return_if_fail (GD_IS_INCIDENT_FORM (self));

  g_free (self->patrol_id);
  self->patrol_id = g_strdup (patrol_id);
  gd_code_dropdown_set_code (self->source_dropdown, "patrol");
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->override_row), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Patrol Finding"));
}
