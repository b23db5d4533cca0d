/* gd-inspection-form.c: recording a safety inspection.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checklist is the premises category's (gd_organisation_checklist_items(), from the
 * code tables); every item starts as passed. The badge shows the risk level the checklist
 * gives as it is filled in (gd_organisation_inspection_risk()). Recording is one
 * gd_organisation_inspect(): the inspection, its hazards' incidents and the risk in one
 * transaction, or nothing with the refusal shown by field.
 */

#define G_LOG_DOMAIN "gd-inspection-form"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gd-date-row.h"
#include "gd-form.h"
#include "gd-format.h"
#include "gd-incident-format.h"
#include "gd-inspection-form.h"
#include "gd-json.h"
#include "gd-organisation.h"

/* days to rectify a hazard, offered when the first one is marked */
#define RECTIFY_DAYS 7

static const char *const results[] = { "passed", "hazard", "not_applicable" };

typedef struct {
  char      *item;
  GtkWidget *buttons[G_N_ELEMENTS (results)];
  GtkWidget *note;
} ChecklistItem;

struct _GdInspectionForm
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  AdwEntryRow         *date_row;
  AdwEntryRow         *inspectors_row;
  AdwPreferencesGroup *checklist_group;
  GtkLabel            *risk_label;
  AdwEntryRow         *rectify_row;

  GdSession           *session;
  GdStore             *store;
  char                *doc_id;
  GArray              *items;   /* ChecklistItem */
};

G_DEFINE_FINAL_TYPE (GdInspectionForm, gd_inspection_form, ADW_TYPE_WINDOW)

enum {
  SIGNAL_INSPECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
result_label (guint i)
{
  const char *labels[] = { N_("Passed"), N_("Hazard"), N_("Not applicable") };

  return _(labels[i]);
}

static const char *
item_result (ChecklistItem *item)
{
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (item->buttons[i])))
      return results[i];
  return results[0];
}

/* "2026-12-07" → that day's noon in China (the inspection's `at`); today → now. NULL when
 * it is not a date. */
static char *
inspection_time (const char *text)
{
  g_autoptr(GDateTime) noon = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int year, month, day;
  char tail;
  GDate today;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &year, &month, &day, &tail) != 3)
    return NULL;
  gd_china_today (&today);
  if (g_date_get_year (&today) == year && (int) g_date_get_month (&today) == month
      && g_date_get_day (&today) == day)
    return gd_timestamp_format (now);
  noon = g_date_time_new (gd_china_time (), year, month, day, 12, 0, 0);
  if (noon == NULL)
    return NULL;
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (noon);
    return gd_timestamp_format (utc);
  }
}

/* The inspection as the rows say; `at` is a date as typed when it is not one. */
static JsonObject *
build_inspection (GdInspectionForm *self)
{
  JsonObject *inspection = json_object_new ();
  JsonArray *inspectors = json_array_new ();
  JsonArray *checklist = json_array_new ();
  g_autofree char *date = gd_entry_row_dup_text (self->date_row);
  g_autofree char *names = gd_entry_row_dup_text (self->inspectors_row);
  g_autofree char *rectify = gd_entry_row_dup_text (self->rectify_row);
  g_autofree char *at = inspection_time (date);
  g_auto(GStrv) parts = NULL;

  gd_json_set_text (inspection, "at", at != NULL ? at : date);
  if (names != NULL)
    {
      parts = g_regex_split_simple ("[、,，;；\\s]+", names, 0, 0);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          json_array_add_string_element (inspectors, parts[i]);
    }
  json_object_set_array_member (inspection, "inspectors", inspectors);
  for (guint i = 0; i < self->items->len; i++)
    {
      ChecklistItem *item = &g_array_index (self->items, ChecklistItem, i);
      JsonObject *entry = json_object_new ();
      const char *result = item_result (item);

      json_object_set_string_member (entry, "item", item->item);
      json_object_set_string_member (entry, "result", result);
      if (g_str_equal (result, "hazard"))
        {
          g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (item->note))));
          gd_json_set_text (entry, "note", note);
        }
      json_array_add_object_element (checklist, entry);
    }
  json_object_set_array_member (inspection, "checklist", checklist);
  gd_json_set_text (inspection, "rectify_by", rectify);
  return inspection;
}

static guint
count_hazards (GdInspectionForm *self)
{
  guint hazards = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (item_result (&g_array_index (self->items, ChecklistItem, i)), "hazard"))
      hazards++;
  return hazards;
}

/* The badge: the risk level this checklist gives. */
static void
update_risk (GdInspectionForm *self)
{
  g_autoptr(JsonObject) inspection = build_inspection (self);
  const char *level = gd_organisation_inspection_risk (inspection);
  g_autofree char *css = g_strconcat ("risk-", level, NULL);
  g_autofree char *text = NULL;
  guint hazards = count_hazards (self);

  for (const char *const *c = (const char *const[]) { "risk-low", "risk-medium", "risk-high", "risk-major", NULL }; *c; c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->risk_label), *c);
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), css);
  /* Translators: the risk an inspection gives, and its number of hazards */
  text = g_strdup_printf (g_dngettext (NULL, "Risk: %s · %u hazard", "Risk: %s · %u hazards", hazards),
                          gd_code_display_name ("risk-levels", level), hazards);
  gtk_label_set_text (self->risk_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->risk_label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_result_toggled (GtkToggleButton  *button,
                   GdInspectionForm *self)
{
  ChecklistItem *item = g_object_get_data (G_OBJECT (button), "gd-item");

  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_widget_set_visible (item->note, g_str_equal (item_result (item), "hazard"));
  /* the first hazard: a deadline to start from */
  if (g_str_equal (item_result (item), "hazard")
      && *gtk_editable_get_text (GTK_EDITABLE (self->rectify_row)) == '\0')
    {
      GDate day;
      char text[16];

      gd_china_today (&day);
      g_date_add_days (&day, RECTIFY_DAYS);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
      gtk_editable_set_text (GTK_EDITABLE (self->rectify_row), text);
    }
  update_risk (self);
}

static void
add_item (GdInspectionForm *self,
          const char       *code)
{
  ChecklistItem item = { .item = g_strdup (code) };
  const char *name = gd_code_display_name ("inspection-items", code);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *note_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  item.note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (item.note), _("What was found"));
  gtk_editable_set_width_chars (GTK_EDITABLE (item.note), 12);
  gtk_widget_set_visible (item.note, FALSE);
  /* Translators: the note on a checklist item's hazard: the item's name */
  note_label = g_strdup_printf (_("Note on %s"), name);
  gd_accessible_set_label (item.note, note_label);
  gtk_box_append (GTK_BOX (suffix), item.note);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      /* Translators: a checklist button's accessible name: the item, then the result */
      g_autofree char *label = g_strdup_printf (_("%s: %s"), name, result_label (i));

      item.buttons[i] = gtk_toggle_button_new_with_label (result_label (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (item.buttons[i]), GTK_TOGGLE_BUTTON (item.buttons[0]));
      gd_accessible_set_label (item.buttons[i], label);
      gtk_box_append (GTK_BOX (box), item.buttons[i]);
    }
  gtk_widget_add_css_class (item.buttons[1], "inspection-hazard");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (item.buttons[0]), TRUE);
  gtk_box_append (GTK_BOX (suffix), box);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_preferences_group_add (self->checklist_group, row);
  g_array_append_val (self->items, item);
}

/* connected once the array no longer moves */
static void
connect_items (GdInspectionForm *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      ChecklistItem *item = &g_array_index (self->items, ChecklistItem, i);

      for (guint j = 0; j < G_N_ELEMENTS (results); j++)
        {
          g_object_set_data (G_OBJECT (item->buttons[j]), "gd-item", item);
          g_signal_connect (item->buttons[j], "toggled", G_CALLBACK (on_result_toggled), self);
        }
    }
}

static void
show_banner (GdInspectionForm *self,
             const char       *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
}

/* "checklist[2].note" → the item's name, "rectify_by" → the row's title … */
static const char *
label_of_path (GdInspectionForm *self,
               const char       *path)
{
  guint index;

  if (g_str_has_prefix (path, "at"))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->date_row));
  if (g_str_has_prefix (path, "inspectors"))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->inspectors_row));
  if (g_str_has_prefix (path, "rectify_by"))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rectify_row));
  if (sscanf (path, "checklist[%u]", &index) == 1 && index < self->items->len)
    return gd_code_display_name ("inspection-items", g_array_index (self->items, ChecklistItem, index).item);
  return path;
}

/* The refused fields by label, each row marked. */
static void
show_refusal (GdInspectionForm *self,
              GdIssues         *issues,
              const GError     *error)
{
  g_autoptr(GString) text = g_string_new (_("Not recorded. Check these fields:"));
  AdwEntryRow *rows[] = { self->date_row, self->inspectors_row, self->rectify_row };
  const char *prefixes[] = { "inspections[", "" };
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  for (guint i = 0; issues != NULL && i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      const char *path = issue->path;
      const char *dot;

      if (issue->severity != GD_ISSUE_ERROR)
        continue;
      /* the core names the inspection's fields inside the organisation: inspections[3].at */
      if (g_str_has_prefix (path, prefixes[0]) && (dot = strchr (path, '.')) != NULL)
        path = dot + 1;
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"), label_of_path (self, path), issue->message);
      shown++;
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        if (g_str_equal (label_of_path (self, path),
                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[r]))))
          gtk_widget_add_css_class (GTK_WIDGET (rows[r]), "error");
    }
  if (shown == 0 && error != NULL)
    g_string_append_printf (text, "\n%s", error->message);
  show_banner (self, text->str);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
inspection_record (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GdInspectionForm *self = GD_INSPECTION_FORM (widget);
  g_autoptr(JsonObject) inspection = build_inspection (self);
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdDeadlineRules) rules = gd_incident_deadline_rules (self->session);
  const GdOperator *op = gd_session_get_operator (self->session);
  g_autofree char *id = NULL;

  id = gd_organisation_inspect (self->store, self->doc_id, inspection, rules,
                                op != NULL ? op->role : GD_ROLE_GRID_WORKER, NULL,
                                gd_session_get_actor (self->session), issues, &error);
  if (id == NULL)
    {
      show_refusal (self, issues, error);
      return;
    }
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_INSPECTED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
checklist_item_clear (gpointer data)
{
  g_free (((ChecklistItem *) data)->item);
}

static void
gd_inspection_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_INSPECTION_FORM);
  G_OBJECT_CLASS (gd_inspection_form_parent_class)->dispose (object);
}

static void
gd_inspection_form_finalize (GObject *object)
{
  GdInspectionForm *self = GD_INSPECTION_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->store, gd_store_unref);
  g_free (self->doc_id);
  g_clear_pointer (&self->items, g_array_unref);
  G_OBJECT_CLASS (gd_inspection_form_parent_class)->finalize (object);
}

static void
gd_inspection_form_class_init (GdInspectionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_inspection_form_dispose;
  object_class->finalize = gd_inspection_form_finalize;

  signals[SIGNAL_INSPECTED] =
    g_signal_new ("inspected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-inspection-form.ui");
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, date_row);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, inspectors_row);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, risk_label);
  gtk_widget_class_bind_template_child (widget_class, GdInspectionForm, rectify_row);
  gtk_widget_class_install_action (widget_class, "inspection.record", NULL, inspection_record);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "inspection.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_inspection_form_init (GdInspectionForm *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (ChecklistItem));
  g_array_set_clear_func (self->items, checklist_item_clear);
  gtk_widget_init_template (GTK_WIDGET (self));
  gd_date_row_add_calendar (self->date_row);
  gd_date_row_add_calendar (self->rectify_row);
  gd_accessible_set_label (GTK_WIDGET (self->date_row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->date_row)));
  gd_accessible_set_label (GTK_WIDGET (self->inspectors_row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->inspectors_row)));
  gd_accessible_set_label (GTK_WIDGET (self->rectify_row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rectify_row)));
}

GdInspectionForm *
gd_inspection_form_new (GtkWindow  *parent,
                        GdSession  *session,
                        const char *doc_id)
{
  GdInspectionForm *self;
  GdStore *store;
  g_autoptr(JsonObject) doc = NULL;
  g_auto(GStrv) checklist = NULL;
  const char *premises;
  GDate today;
  char date[16];

  g_return_val_if_fail (GD_IS_SESSION (session), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);
  store = gd_session_get_store (session);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (GD_TYPE_INSPECTION_FORM, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->store = gd_store_ref (store);
  self->doc_id = g_strdup (doc_id);

  doc = gd_store_get (store, doc_id, NULL);
  premises = doc != NULL ? gd_json_get_string (doc, "premises") : NULL;
  adw_window_title_set_subtitle (self->window_title, doc != NULL ? gd_json_get_string (doc, "name") : doc_id);
  if (premises != NULL)
    adw_preferences_group_set_description (self->checklist_group,
                                           gd_code_display_name ("premises-categories", premises));
  checklist = gd_organisation_checklist_items (premises);
  for (guint i = 0; checklist[i] != NULL; i++)
    add_item (self, checklist[i]);
  connect_items (self);

  gd_china_today (&today);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->inspectors_row),
                         gd_session_get_actor (session) != NULL ? gd_session_get_actor (session) : "");
  update_risk (self);
  return self;
}
