/* gd-preferences-deadlines-page.c: editing the deadline rules and the holiday calendar.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through gd-deadline (which refuses what it cannot use, changing
 * nothing) and is saved at once as JSON in GSettings; new incidents take it from there.
 * Deadlines already set on incidents stay as they are.
 */

#define G_LOG_DOMAIN "gd-preferences-deadlines-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"
#include "gd-incident-format.h"
#include "gd-json.h"
#include "gd-form.h"
#include "gd-preferences-deadlines-page.h"

struct _GdPreferencesDeadlinesPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *rules_group;
  AdwActionRow         *add_row;
  AdwEntryRow          *holidays_row;
  AdwEntryRow          *working_row;

  GtkDropDown          *add_category;
  GtkDropDown          *add_urgency;
  GPtrArray            *rule_rows;   /* rows in rules_group */
  GSettings            *settings;
  GdDeadlineRules      *rules;
};

G_DEFINE_FINAL_TYPE (GdPreferencesDeadlinesPage, gd_preferences_deadlines_page, ADW_TYPE_PREFERENCES_PAGE)

static void fill_rules (GdPreferencesDeadlinesPage *self);

static void
toast (GdPreferencesDeadlinesPage *self,
       const char                 *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
save_rules (GdPreferencesDeadlinesPage *self)
{
  g_autofree char *json = gd_deadline_rules_rules_to_json (self->rules);

  g_settings_set_string (self->settings, "deadline-rules", json);
}

typedef struct
{
  GdPreferencesDeadlinesPage *self;
  char                       *category;
  char                       *urgency;
  GtkSpinButton              *amount;
  GtkDropDown                *unit;
} RuleRow;

static void
rule_row_free (gpointer data)
{
  RuleRow *row = data;

  g_free (row->category);
  g_free (row->urgency);
  g_free (row);
}

static void
on_rule_edited (RuleRow *row)
{
  GdDeadlineSpan span = {
    gtk_drop_down_get_selected (row->unit) == 0 ? GD_SPAN_HOURS : GD_SPAN_WORKING_DAYS,
    (guint) gtk_spin_button_get_value_as_int (row->amount),
  };
  g_autoptr(GError) error = NULL;

  if (!gd_deadline_rules_set (row->self->rules, row->category, row->urgency, &span, &error))
    {
      toast (row->self, error->message);
      return;
    }
  save_rules (row->self);
}

static void
on_unit_changed (GtkDropDown *dropdown,
                 GParamSpec  *pspec,
                 RuleRow     *row)
{
  gboolean hours = gtk_drop_down_get_selected (dropdown) == 0;

  gtk_spin_button_set_range (row->amount, 1, hours ? 24 * 90 : 90);
  on_rule_edited (row);
}

static void
on_remove_clicked (GtkButton *button,
                   RuleRow   *row)
{
  GdPreferencesDeadlinesPage *self = row->self;

  gd_deadline_rules_set (self->rules, row->category, row->urgency, NULL, NULL);
  save_rules (self);
  fill_rules (self);
}

static void
add_rule_row (GdPreferencesDeadlinesPage *self,
              const GdDeadlineRule       *rule)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) units = gtk_string_list_new ((const char *const[]) { _("hours"), _("working days"), NULL });
  g_autofree char *category = g_str_equal (rule->category, "*") ? g_strdup (_("All categories"))
                                                                 : gd_incident_category_path (rule->category);
  g_autofree char *label = NULL;
  RuleRow *data = g_new0 (RuleRow, 1);

  data->self = self;
  data->category = g_strdup (rule->category);
  data->urgency = g_strdup (rule->urgency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gd_code_display_name ("urgency", rule->urgency));
  /* Translators: a category, then an urgency: the rule a control belongs to */
  label = g_strdup_printf (_("%s, %s"), category, gd_code_display_name ("urgency", rule->urgency));

  data->amount = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, rule->span.unit == GD_SPAN_HOURS ? 24 * 90 : 90, 1));
  gtk_spin_button_set_value (data->amount, rule->span.amount);
  gtk_widget_set_valign (GTK_WIDGET (data->amount), GTK_ALIGN_CENTER);
  gd_accessible_set_label (GTK_WIDGET (data->amount), label);
  data->unit = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&units)), NULL));
  gtk_drop_down_set_selected (data->unit, rule->span.unit == GD_SPAN_HOURS ? 0 : 1);
  gtk_widget_set_valign (GTK_WIDGET (data->unit), GTK_ALIGN_CENTER);
  gd_dropdown_follow_popup_selection (data->unit);
  gd_accessible_set_label (GTK_WIDGET (data->unit), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (data->amount));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (data->unit));
  if (!g_str_equal (rule->category, "*"))
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *remove_label = g_strdup_printf (_("Remove the rule %s"), label);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the rule"));
      gd_accessible_set_label (remove, remove_label);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), data);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  g_object_set_data_full (G_OBJECT (row), "gd-rule", data, rule_row_free);
  g_signal_connect_swapped (data->amount, "value-changed", G_CALLBACK (on_rule_edited), data);
  g_signal_connect (data->unit, "notify::selected", G_CALLBACK (on_unit_changed), data);
  adw_preferences_group_add (self->rules_group, row);
  g_ptr_array_add (self->rule_rows, row);
}

static void
fill_rules (GdPreferencesDeadlinesPage *self)
{
  const GArray *rules = gd_deadline_rules_get_rules (self->rules);

  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, self->rule_rows->pdata[i]);
  g_ptr_array_set_size (self->rule_rows, 0);
  for (guint i = 0; i < rules->len; i++)
    add_rule_row (self, &g_array_index (rules, GdDeadlineRule, i));
}

static void
on_add_clicked (GdPreferencesDeadlinesPage *self)
{
  const char *category = gd_code_dropdown_get_code (self->add_category);
  const char *urgency = gd_code_dropdown_get_code (self->add_urgency);
  GdDeadlineSpan span;
  g_autoptr(GError) error = NULL;

  if (category == NULL || urgency == NULL)
    return;
  /* start from what applies today, so adding a rule changes nothing until it is edited */
  gd_deadline_rules_lookup (self->rules, category, urgency, &span);
  if (!gd_deadline_rules_set (self->rules, category, urgency, &span, &error))
    {
      toast (self, error->message);
      return;
    }
  save_rules (self);
  fill_rules (self);
}

static char *
join_dates (const GPtrArray *dates)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < dates->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", (const char *) dates->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_calendar (GdPreferencesDeadlinesPage *self)
{
  g_autofree char *holidays = join_dates (gd_deadline_rules_get_holidays (self->rules));
  g_autofree char *working = join_dates (gd_deadline_rules_get_working_days (self->rules));

  gtk_editable_set_text (GTK_EDITABLE (self->holidays_row), holidays);
  gtk_editable_set_text (GTK_EDITABLE (self->working_row), working);
}

static JsonArray *
split_dates (AdwEntryRow *row)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,，、;；]+", gtk_editable_get_text (GTK_EDITABLE (row)), 0, 0);
  JsonArray *array = json_array_new ();

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      json_array_add_string_element (array, parts[i]);
  return array;
}

static void
on_calendar_apply (GdPreferencesDeadlinesPage *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_array_member (root, "holidays", split_dates (self->holidays_row));
  json_object_set_array_member (root, "working_days", split_dates (self->working_row));
  json = gd_json_to_string (root, FALSE);
  if (!gd_deadline_rules_load_calendar (self->rules, json, &error))
    {
      toast (self, error->message);
      return;
    }
  g_settings_set_string (self->settings, "holiday-calendar", json);
  fill_calendar (self);
  toast (self, _("Holiday calendar saved"));
}

static void
on_restore_clicked (GdPreferencesDeadlinesPage *self)
{
  g_settings_set_string (self->settings, "deadline-rules", "");
  g_settings_set_string (self->settings, "holiday-calendar", "");
  gd_deadline_rules_free (self->rules);
  self->rules = gd_deadline_rules_new_default ();
  fill_rules (self);
  fill_calendar (self);
}

static void
gd_preferences_deadlines_page_dispose (GObject *object)
{
  GdPreferencesDeadlinesPage *self = GD_PREFERENCES_DEADLINES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_PREFERENCES_DEADLINES_PAGE);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gd_preferences_deadlines_page_parent_class)->dispose (object);
}

static void
gd_preferences_deadlines_page_finalize (GObject *object)
{
  GdPreferencesDeadlinesPage *self = GD_PREFERENCES_DEADLINES_PAGE (object);

  g_clear_pointer (&self->rules, gd_deadline_rules_free);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (gd_preferences_deadlines_page_parent_class)->finalize (object);
}

static void
gd_preferences_deadlines_page_class_init (GdPreferencesDeadlinesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_preferences_deadlines_page_dispose;
  object_class->finalize = gd_preferences_deadlines_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-preferences-deadlines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesDeadlinesPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesDeadlinesPage, add_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesDeadlinesPage, holidays_row);
  gtk_widget_class_bind_template_child (widget_class, GdPreferencesDeadlinesPage, working_row);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_apply);
}

static void
gd_preferences_deadlines_page_init (GdPreferencesDeadlinesPage *self)
{
  GtkWidget *add;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rule_rows = g_ptr_array_new ();

  self->add_category = gd_code_dropdown_new ("incident-categories", FALSE);
  gd_accessible_set_label (GTK_WIDGET (self->add_category), _("Category of the new rule"));
  self->add_urgency = gd_code_dropdown_new ("urgency", FALSE);
  gd_accessible_set_label (GTK_WIDGET (self->add_urgency), _("Urgency of the new rule"));
  add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_widget_set_valign (GTK_WIDGET (self->add_category), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->add_urgency), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->add_row, GTK_WIDGET (self->add_category));
  adw_action_row_add_suffix (self->add_row, GTK_WIDGET (self->add_urgency));
  adw_action_row_add_suffix (self->add_row, add);
}

GtkWidget *
gd_preferences_deadlines_page_new (GSettings *settings)
{
  GdPreferencesDeadlinesPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GD_TYPE_PREFERENCES_DEADLINES_PAGE, NULL);
  self->settings = g_object_ref (settings);
  self->rules = gd_incident_deadline_rules_from_settings (settings);
  fill_rules (self);
  fill_calendar (self);
  return GTK_WIDGET (self);
}
