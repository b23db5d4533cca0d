/* gd-patrol-panel.c: the patrol log.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything goes through gd-patrol (core): a finding is registered with the New Incident
 * form in its patrol mode, so it is an incident like any other, linked to its patrol.
 */

#define G_LOG_DOMAIN "gd-patrol-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-grid-dropdown.h"
#include "gd-incident-form.h"
#include "gd-incident-format.h"
#include "gd-json.h"
#include "gd-form.h"
#include "gd-patrol-panel.h"
#include "gd-patrol.h"

struct _GdPatrolPanel
{
  AdwBin        parent_instance;

  AdwActionRow *start_row;
  GtkListBox   *open_list;
  GtkLabel     *no_open_label;
  GtkListBox   *coverage_list;

  GdGridDropdown *grid_dropdown;
  GtkDropDown  *kind_dropdown;
  GtkWidget    *start_button;
  GtkWidget    *start_box;

  GdSession    *session;
  GdStore      *store;  /* the session's, while it is open */
  char         *grid;
};

G_DEFINE_FINAL_TYPE (GdPatrolPanel, gd_patrol_panel, ADW_TYPE_BIN)

static const char *const kinds[] = { "daily", "weekly", "monthly" };

static const char *
kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "weekly") == 0)
    return _("Weekly check");
  if (g_strcmp0 (kind, "monthly") == 0)
    return _("Monthly inspection");
  return _("Daily patrol");
}

static void
show_error (GdPatrolPanel *self,
            const char    *message)
{
  gd_incident_show_error (GTK_WIDGET (self), _("Cannot Record the Patrol"), message);
}

static GdOperator *
operator_or_complain (GdPatrolPanel *self)
{
  GdOperator *op = gd_incident_current_operator (self->session);

  if (op == NULL)
    show_error (self, _("Say who you are first (the operator button)."));
  return op;
}

/* ---- visits ---- */

static void
on_visit_clicked (GtkButton     *button,
                  GdPatrolPanel *self)
{
  const char *household = g_object_get_data (G_OBJECT (button), "gd-id");
  const char *patrol = g_object_get_data (G_OBJECT (self), "gd-visit-patrol");
  g_autoptr(GdOperator) op = operator_or_complain (self);
  g_autoptr(GError) error = NULL;

  if (op == NULL)
    return;
  if (!gd_patrol_visit (self->store, patrol, household, op->name, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_button_set_label (button, _("Visited"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gd_patrol_panel_reload (self);
}

static void
on_visit_search_changed (GtkSearchEntry *entry,
                         GdPatrolPanel  *self)
{
  GtkListBox *results = g_object_get_data (G_OBJECT (entry), "gd-results");

  gd_incident_household_lookup (results, self->store, gtk_editable_get_text (GTK_EDITABLE (entry)),
                                _("Record Visit"), G_CALLBACK (on_visit_clicked), self);
}

static void
record_visits (GdPatrolPanel *self,
               const char    *patrol_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Record Visits"),
    _("Find each household visited on this patrol by name, pinyin initials, ID or phone digits, or address.")));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *results = gtk_list_box_new ();

  gd_accessible_set_label (entry, _("Find a household"));
  gtk_widget_add_css_class (results, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (results), GTK_SELECTION_NONE);
  gtk_widget_set_visible (results, FALSE);
  g_object_set_data (G_OBJECT (entry), "gd-results", results);
  /* the visit buttons find their patrol on the panel while this dialog is open */
  g_object_set_data_full (G_OBJECT (self), "gd-visit-patrol", g_strdup (patrol_id), g_free);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_visit_search_changed), self);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), results);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "close", _("_Done"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- rows ---- */

static void
on_row_action (GtkButton     *button,
               GdPatrolPanel *self)
{
  const char *patrol_id = g_object_get_data (G_OBJECT (button), "gd-patrol");
  const char *what = g_object_get_data (G_OBJECT (button), "gd-what");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_str_equal (what, "visit"))
    record_visits (self, patrol_id);
  else if (g_str_equal (what, "finding"))
    {
      g_autoptr(JsonObject) patrol = gd_store_get (self->store, patrol_id, NULL);
      GdIncidentForm *form = gd_incident_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->session, gd_json_get_string (patrol, "grid"),
                                                   FALSE, 0, 0);

      gd_incident_form_set_patrol (form, patrol_id);
      g_signal_connect_object (form, "registered", G_CALLBACK (gd_patrol_panel_reload), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (form));
    }
}

static void
on_end_response (AdwMessageDialog *dialog,
                 const char       *response,
                 GdPatrolPanel    *self)
{
  AdwEntryRow *notes = g_object_get_data (G_OBJECT (dialog), "gd-notes");
  const char *patrol_id = g_object_get_data (G_OBJECT (dialog), "gd-patrol");
  g_autoptr(GdOperator) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "end") != 0 || (op = operator_or_complain (self)) == NULL)
    return;
  text = gd_entry_row_dup_text (notes);
  if (!gd_patrol_end (self->store, patrol_id, text, NULL, op->name, &error))
    show_error (self, error->message);
  gd_patrol_panel_reload (self);
}

static void
on_end_clicked (GtkButton     *button,
                GdPatrolPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("End the Patrol"),
    _("Note what was seen; findings are already registered as incidents.")));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *notes = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (notes), _("Notes"));
  gd_accessible_set_label (notes, _("Notes"));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), notes);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "end", _("_End Patrol"));
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "gd-notes", notes);
  g_object_set_data_full (G_OBJECT (dialog), "gd-patrol",
                          g_strdup (g_object_get_data (G_OBJECT (button), "gd-patrol")), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_end_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_button (AdwActionRow  *row,
            const char    *label,
            const char    *what,
            const char    *patrol_id,
            const char    *row_title,
            GCallback      callback,
            GdPatrolPanel *self)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  g_autofree char *name = g_strdup_printf ("%s %s", label, row_title);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gd_accessible_set_label (button, name);
  g_object_set_data_full (G_OBJECT (button), "gd-patrol", g_strdup (patrol_id), g_free);
  g_object_set_data (G_OBJECT (button), "gd-what", (gpointer) what);
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (row, button);
}

static void
fill_open (GdPatrolPanel *self,
           GHashTable    *grid_names)
{
  g_autoptr(GPtrArray) patrols = gd_store_open_patrols (self->store, self->grid, NULL);

  gd_list_box_clear (self->open_list);
  for (guint i = 0; patrols != NULL && i < patrols->len; i++)
    {
      JsonObject *patrol = patrols->pdata[i];
      JsonArray *visited = gd_json_get_array (patrol, "visited_households");
      JsonArray *findings = gd_json_get_array (patrol, "findings");
      const char *id = gd_json_get_string (patrol, "_id");
      g_autofree char *since = gd_format_date_time (gd_json_get_string (patrol, "started_at"));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      const char *grid = gd_json_get_string (patrol, "grid");
      const char *grid_name = grid ? g_hash_table_lookup (grid_names, grid) : NULL;

      title = g_strdup_printf ("%s · %s", grid_name ? grid_name : grid,
                               kind_name (gd_json_get_string (patrol, "kind")));
      /* Translators: patroller, start time, households visited, findings */
      subtitle = g_strdup_printf (_("%s · since %s · %u households visited · %u findings"),
                                  gd_json_get_string (patrol, "patroller"), since,
                                  visited ? json_array_get_length (visited) : 0,
                                  findings ? json_array_get_length (findings) : 0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_button (ADW_ACTION_ROW (row), _("Visits…"), "visit", id, title, G_CALLBACK (on_row_action), self);
      add_button (ADW_ACTION_ROW (row), _("Finding…"), "finding", id, title, G_CALLBACK (on_row_action), self);
      add_button (ADW_ACTION_ROW (row), _("End…"), "end", id, title, G_CALLBACK (on_end_clicked), self);
      gtk_list_box_append (self->open_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->open_list), patrols != NULL && patrols->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_open_label), patrols == NULL || patrols->len == 0);
}

static GtkWidget *
coverage_badge (gboolean    done,
                const char *done_text,
                const char *missing_text)
{
  GtkWidget *label = gtk_label_new (done ? done_text : missing_text);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, done ? "on-time" : "overdue");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void
fill_coverage (GdPatrolPanel *self,
               GPtrArray     *rows)
{
  gd_list_box_clear (self->coverage_list);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GdPatrolCoverage *coverage = rows->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *last = gd_format_date_time (coverage->last_patrol);
      g_autofree char *subtitle = last ? g_strdup_printf (_("Last patrol %s"), last)
                                       : g_strdup (_("No patrol recorded"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     coverage->grid_name ? coverage->grid_name : coverage->grid);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 coverage_badge (coverage->today, _("Patrolled today"), _("None today")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 coverage_badge (coverage->this_week, _("Checked this week"), _("None this week")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 coverage_badge (coverage->this_month, _("Inspected this month"), _("None this month")));
      gtk_list_box_append (self->coverage_list, row);
    }
}

static void
on_start_clicked (GdPatrolPanel *self)
{
  const char *grid = gd_grid_dropdown_get_code (self->grid_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autoptr(GdOperator) op = operator_or_complain (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (op == NULL)
    return;
  if (grid == NULL)
    {
      show_error (self, _("Choose the grid to patrol."));
      return;
    }
  id = gd_patrol_start (self->store, grid, kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)], op->name, NULL, &error);
  if (id == NULL)
    show_error (self, error->message);
  gd_patrol_panel_reload (self);
}

/* The grids follow the store and the navigator; the kind and the button stay. */
static void
build_start_row (GdPatrolPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (self->start_box == NULL)
    {
      self->start_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_valign (self->start_box, GTK_ALIGN_CENTER);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        gtk_string_list_append (names, kind_name (kinds[i]));
      self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
      gd_dropdown_follow_popup_selection (self->kind_dropdown);
      gd_accessible_set_label (GTK_WIDGET (self->kind_dropdown), _("Kind of patrol"));
      gtk_box_append (GTK_BOX (self->start_box), GTK_WIDGET (self->kind_dropdown));
      self->start_button = gtk_button_new_with_mnemonic (_("_Start Patrol"));
      gtk_widget_add_css_class (self->start_button, "suggested-action");
      g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
      gtk_box_append (GTK_BOX (self->start_box), self->start_button);
      adw_action_row_add_suffix (self->start_row, self->start_box);
    }
  if (self->grid_dropdown != NULL)
    gtk_box_remove (GTK_BOX (self->start_box), GTK_WIDGET (self->grid_dropdown));
  self->grid_dropdown = gd_grid_dropdown_new (self->store, self->grid, GD_GRID_DROPDOWN_DEFAULT);
  gd_accessible_set_label (GTK_WIDGET (gd_grid_dropdown_get_drop_down (self->grid_dropdown)),
                           _("Grid to patrol"));
  gtk_box_prepend (GTK_BOX (self->start_box), GTK_WIDGET (self->grid_dropdown));
}

static void
gd_patrol_panel_dispose (GObject *object)
{
  g_clear_object (&GD_PATROL_PANEL (object)->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_PATROL_PANEL);
  G_OBJECT_CLASS (gd_patrol_panel_parent_class)->dispose (object);
}

static void
gd_patrol_panel_finalize (GObject *object)
{
  GdPatrolPanel *self = GD_PATROL_PANEL (object);

  g_free (self->grid);
  G_OBJECT_CLASS (gd_patrol_panel_parent_class)->finalize (object);
}

static void
gd_patrol_panel_class_init (GdPatrolPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_patrol_panel_dispose;
  object_class->finalize = gd_patrol_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-patrol-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPatrolPanel, start_row);
  gtk_widget_class_bind_template_child (widget_class, GdPatrolPanel, open_list);
  gtk_widget_class_bind_template_child (widget_class, GdPatrolPanel, no_open_label);
  gtk_widget_class_bind_template_child (widget_class, GdPatrolPanel, coverage_list);
}

static void
gd_patrol_panel_init (GdPatrolPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
gd_patrol_panel_set_session (GdPatrolPanel *self,
                             GdSession     *session)
{
  g_return_if_fail (GD_IS_PATROL_PANEL (self));
  g_set_object (&self->session, session);
}

void
gd_patrol_panel_set_store (GdPatrolPanel *self,
                           GdStore       *store)
{
  g_return_if_fail (GD_IS_PATROL_PANEL (self));
  self->store = store;
  if (store != NULL)
    build_start_row (self);
  gd_patrol_panel_reload (self);
}

void
gd_patrol_panel_set_grid (GdPatrolPanel *self,
                          const char    *grid)
{
  g_return_if_fail (GD_IS_PATROL_PANEL (self));
  g_free (self->grid);
  self->grid = g_strdup (grid);
  if (self->store != NULL)
    build_start_row (self);
  gd_patrol_panel_reload (self);
}

void
gd_patrol_panel_reload (GdPatrolPanel *self)
{
  g_return_if_fail (GD_IS_PATROL_PANEL (self));
  if (self->store == NULL)
    return;
  {
    g_autoptr(GPtrArray) rows = gd_store_patrol_coverage (self->store, self->grid, NULL, NULL);
    g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; rows != NULL && i < rows->len; i++)
      {
        GdPatrolCoverage *coverage = rows->pdata[i];
        g_hash_table_insert (names, coverage->grid, coverage->grid_name);
      }
    fill_open (self, names);
    fill_coverage (self, rows);
  }
}
