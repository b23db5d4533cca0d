/* gd-incidents-view.c: the board, the list and the detail of incidents.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every column of the board and the list is a GdIncidentListModel: SQL filters, sorts and
 * pages, and GtkListView / GtkColumnView build widgets only for the rows on screen. A
 * filter change counts the columns' headers in one query and re-reads the first page of
 * each column (bench-incidents-filter: a few tens of milliseconds on a town). Only the
 * visible mode (board or list) is read; the other follows when it is shown.
 */

#define G_LOG_DOMAIN "gd-incidents-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-incident-detail.h"
#include "gd-incident-format.h"
#include "gd-incident-list-model.h"
#include "gd-incidents-view.h"
#include "gd-json.h"
#include "gd-measures.h"
#include "gd-form.h"
#include "gd-patrol-panel.h"

typedef struct
{
  GdIncidentStatus     status;
  GdIncidentListModel *model;
  GtkSingleSelection  *selection;
  GtkLabel            *count_label;
} Column;

enum {
  LIST_NUMBER,
  LIST_TITLE,
  LIST_CATEGORY,
  LIST_STATUS,
  LIST_URGENCY,
  LIST_GRID,
  LIST_REPORTED,
  LIST_DEADLINE,
  N_LIST_COLUMNS
};

/* the sort choices of the list, in the order of the drop-down */
static const GdIncidentSort sorts[] = {
  GD_INCIDENT_SORT_DEADLINE, GD_INCIDENT_SORT_REPORTED, GD_INCIDENT_SORT_NUMBER,
  GD_INCIDENT_SORT_URGENCY, GD_INCIDENT_SORT_STATUS, GD_INCIDENT_SORT_GRID,
  GD_INCIDENT_SORT_TITLE, GD_INCIDENT_SORT_UPDATED,
};

struct _GdIncidentsView
{
  AdwBin               parent_instance;

  GtkToggleButton     *board_toggle;
  GtkToggleButton     *list_toggle;
  GtkToggleButton     *patrols_toggle;
  GdPatrolPanel       *patrol_panel;
  GtkWidget           *filter_row;
  GtkSearchEntry      *search_entry;
  GtkBox              *filter_box;
  GtkToggleButton     *overdue_toggle;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkBox              *sort_box;
  GtkStack            *mode_stack;
  GtkBox              *board_box;
  GtkColumnView       *column_view;
  GdIncidentDetail    *detail;
  GtkLabel            *measures_label;

  GtkDropDown         *category_dropdown;
  GtkDropDown         *urgency_dropdown;
  GtkDropDown         *source_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkToggleButton     *descending_toggle;

  Column               columns[GD_INCIDENT_N_STATUSES];
  GdIncidentListModel *list_model;
  GtkSingleSelection  *list_selection;

  GdSession           *session;
  GdStore             *store;  /* the session's, while it is open */
  char                *grid;
  gboolean             board_stale;
  gboolean             list_stale;
  guint                selecting; /* > 0 while we change selections ourselves */
  char                *measures_key; /* grid|from|to the measures line was computed for */
};

G_DEFINE_FINAL_TYPE (GdIncidentsView, gd_incidents_view, ADW_TYPE_BIN)

/* ---- cards ---- */

typedef struct
{
  GtkImage *icon;
  GtkLabel *number;
  GtkLabel *urgency;
  GtkLabel *title;
  GtkLabel *meta;
  GtkLabel *deadline;
} Card;

static GtkLabel *
card_label (GtkBox     *box,
            const char *css,
            gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, expand);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Card *card = g_new0 (Card, 1);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "incident-card");
  card->icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (card->icon));
  card->number = card_label (GTK_BOX (top), "dim-label", TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card->number), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (card->number), "numeric");
  card->urgency = card_label (GTK_BOX (top), NULL, FALSE);
  gtk_box_append (GTK_BOX (box), top);

  card->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->title, 0);
  gtk_label_set_wrap (card->title, TRUE);
  gtk_label_set_wrap_mode (card->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (card->title, 2);
  gtk_label_set_ellipsize (card->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (card->title), "title");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->title));

  card->meta = card_label (GTK_BOX (bottom), "dim-label", TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card->meta), "caption");
  gtk_label_set_ellipsize (card->meta, PANGO_ELLIPSIZE_END);
  card->deadline = card_label (GTK_BOX (bottom), NULL, FALSE);
  gtk_box_append (GTK_BOX (box), bottom);

  g_object_set_data_full (G_OBJECT (box), "gd-card", card, g_free);
  gtk_list_item_set_child (item, box);
}

static void
card_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GdIncidentItem *incident = gtk_list_item_get_item (item);
  Card *card = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "gd-card");
  const GdIncidentRow *row;
  g_autofree char *age = NULL;
  g_autofree char *meta = NULL;

  if (incident == NULL)
    return;
  row = gd_incident_item_get_row (incident);
  gtk_image_set_from_icon_name (card->icon, gd_incident_category_icon (row->category));
  gtk_widget_set_tooltip_text (GTK_WIDGET (card->icon),
                               gd_code_display_name ("incident-categories", row->category));
  gtk_label_set_text (card->number, row->number);
  gd_incident_urgency_badge (card->urgency, row->urgency);
  gtk_label_set_text (card->title, row->title);
  age = gd_incident_format_age (row->reported_at);
  meta = g_strdup_printf ("%s · %s", row->grid_name ? row->grid_name : row->grid ? row->grid : "", age);
  gtk_label_set_text (card->meta, meta);
  gd_incident_deadline_badge (card->deadline, row->deadline, row->status);
}

static GtkListItemFactory *
card_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind), NULL);
  return factory;
}

/* ---- filters ---- */

static const char *
entry_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text != NULL && *text != '\0' ? text : NULL;
}

/* A date field with something that is not a date is marked and left out of the filter. */
static const char *
date_filter (GtkEntry *entry)
{
  const char *text = entry_text (entry);
  gboolean valid = text == NULL || gd_date_parse (text, NULL);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return valid ? text : NULL;
}

static GdIncidentFilter
base_filter (GdIncidentsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (GdIncidentFilter) {
    .grid = self->grid,
    .category = gd_code_dropdown_get_code (self->category_dropdown),
    .urgency = gd_code_dropdown_get_code (self->urgency_dropdown),
    .source = gd_code_dropdown_get_code (self->source_dropdown),
    .overdue = gtk_toggle_button_get_active (self->overdue_toggle),
    .from = date_filter (self->from_entry),
    .to = date_filter (self->to_entry),
    .text = text != NULL && *text != '\0' ? text : NULL,
  };
}

static gboolean
showing_board (GdIncidentsView *self)
{
  return gtk_toggle_button_get_active (self->board_toggle);
}

/* The measures depend on the grid and the period only, and take a scan of the table on a
 * town (~40 ms): computed again when those change or the data did (force). */
static void
update_measures (GdIncidentsView *self,
                 gboolean         force)
{
  GdIncidentFilter filter = base_filter (self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *key = g_strdup_printf ("%s|%s|%s", filter.grid ? filter.grid : "",
                                          filter.from ? filter.from : "", filter.to ? filter.to : "");
  const GdMeasures *total;
  g_autofree char *text = NULL;
  double closure, on_time, hours;

  if (self->store == NULL || (!force && g_strcmp0 (key, self->measures_key) == 0))
    return;
  g_free (self->measures_key);
  self->measures_key = g_steal_pointer (&key);
  rows = gd_store_measures (self->store, self->grid, filter.from, filter.to, NULL);
  if (rows == NULL || rows->len == 0)
    return;
  total = rows->pdata[rows->len - 1];
  closure = gd_measures_closure_rate (total);
  on_time = gd_measures_on_time_rate (total);
  hours = gd_measures_average_hours (total);
  /* Translators: the measures of the closed loop for the grid (and period) shown:
   * closure rate, on-time rate, average handling time, shares of grid/village/above */
  text = g_strdup_printf (_("%d incidents · closure rate %.0f%% · on time %.0f%% · "
                            "average handling %.0f hours · handled in grid / village / above %.0f / %.0f / %.0f%%"),
                          (int) total->reported, MAX (closure, 0) * 100, MAX (on_time, 0) * 100, MAX (hours, 0),
                          MAX (gd_measures_level_share (total, GD_LEVEL_SHARE_GRID), 0) * 100,
                          MAX (gd_measures_level_share (total, GD_LEVEL_SHARE_VILLAGE), 0) * 100,
                          MAX (gd_measures_level_share (total, GD_LEVEL_SHARE_ABOVE), 0) * 100);
  gtk_label_set_text (self->measures_label, text);
}

static void
refresh_board (GdIncidentsView *self,
               gboolean         force)
{
  GdIncidentFilter filter = base_filter (self);
  gint64 counts[GD_INCIDENT_N_STATUSES] = { 0 };

  gboolean counted = self->store != NULL
                     && gd_store_count_incidents_by_status (self->store, &filter, counts, NULL);

  self->selecting++;
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    {
      Column *column = &self->columns[i];
      GdIncidentFilter column_filter;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, counts[column->status]);

      gd_incident_filter_for_column (&filter, column->status, &column_filter);
      gd_incident_list_model_set_filter_counted (column->model, &column_filter, force,
                                                 counted ? counts[column->status] : -1);
      gtk_label_set_text (column->count_label, count);
    }
  self->selecting--;
  self->board_stale = FALSE;
}

static void
refresh_list (GdIncidentsView *self,
              gboolean         force)
{
  GdIncidentFilter filter = base_filter (self);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  filter.status = gd_code_dropdown_get_code (self->status_dropdown);
  filter.sort = sorts[MIN (sort, G_N_ELEMENTS (sorts) - 1)];
  filter.descending = gtk_toggle_button_get_active (self->descending_toggle);
  self->selecting++;
  gd_incident_list_model_set_filter (self->list_model, &filter, force);
  self->selecting--;
  self->list_stale = FALSE;
}

static void
refresh (GdIncidentsView *self,
         gboolean         force)
{
  /* filters are set up before there is anything to read; a view not on screen reads when
   * it is shown (no cards, and no accessible objects, for a view nobody looks at) */
  if (self->store == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->board_stale = self->list_stale = TRUE;
      return;
    }
  if (gtk_toggle_button_get_active (self->patrols_toggle))
    {
      self->board_stale = self->list_stale = TRUE;
      return;
    }
  if (showing_board (self))
    {
      refresh_board (self, force);
      self->list_stale = TRUE;
    }
  else
    {
      refresh_list (self, force);
      self->board_stale = TRUE;
    }
  update_measures (self, force);
}

static void
on_filter_changed (GdIncidentsView *self)
{
  refresh (self, FALSE);
}

static void
on_mode_toggled (GdIncidentsView *self)
{
  gboolean board = showing_board (self);
  gboolean patrols = gtk_toggle_button_get_active (self->patrols_toggle);

  /* a radio group toggles twice (off, then on): act on the one that came on */
  if (!board && !patrols && !gtk_toggle_button_get_active (self->list_toggle))
    return;
  gtk_widget_set_visible (self->filter_row, !patrols);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), !patrols);
  if (patrols)
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "patrols");
      gd_patrol_panel_reload (self->patrol_panel);
      return;
    }
  gtk_stack_set_visible_child_name (self->mode_stack, board ? "board" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->sort_box), !board);
  gtk_widget_set_visible (GTK_WIDGET (self->status_dropdown), !board);
  if (board && self->board_stale)
    refresh_board (self, TRUE);
  else if (!board && self->list_stale)
    refresh_list (self, TRUE);
}

static void
on_dropdown_changed (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     GdIncidentsView *self)
{
  refresh (self, FALSE);
}

/* ---- selection → detail ---- */

static void
unselect_others (GdIncidentsView    *self,
                 GtkSingleSelection *keep)
{
  self->selecting++;
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    if (self->columns[i].selection != keep)
      gtk_single_selection_set_selected (self->columns[i].selection, GTK_INVALID_LIST_POSITION);
  if (self->list_selection != keep)
    gtk_single_selection_set_selected (self->list_selection, GTK_INVALID_LIST_POSITION);
  self->selecting--;
}

/* The pane takes room from the board only while it shows an incident. */
static gboolean
show_detail (GdIncidentsView *self,
             const char      *doc_id)
{
  gboolean shown = gd_incident_detail_show (self->detail, doc_id);

  gtk_widget_set_visible (GTK_WIDGET (self->detail), shown);
  return shown;
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      guint               position,
                      guint               n_items,
                      GdIncidentsView    *self)
{
  GdIncidentItem *item;

  if (self->selecting > 0)
    return;
  item = gtk_single_selection_get_selected_item (selection);
  if (item == NULL)
    return;
  unselect_others (self, selection);
  show_detail (self, gd_incident_item_get_row (item)->doc_id);
}

static void
on_card_activate (GtkListView     *view,
                  guint            position,
                  GdIncidentsView *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));

  if (gtk_single_selection_get_selected (selection) != position)
    gtk_single_selection_set_selected (selection, position);
  else
    on_selection_changed (selection, position, 1, self);
  /* the steps are next: the focus goes to the pane */
  if (gtk_widget_get_visible (GTK_WIDGET (self->detail)))
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static void
on_detail_changed (GdIncidentsView *self,
                   const char      *doc_id)
{
  if (doc_id == NULL)
    {
      unselect_others (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
      return;
    }
  /* counts and cards move with the incident (the session's document-changed refreshes the
   * view); the detail stays on it */
}

static GtkSingleSelection *
selection_new (GdIncidentsView *self,
               GListModel      *model)
{
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (model));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  return selection;
}

/* ---- building ---- */

static void
build_board (GdIncidentsView *self)
{
  g_autoptr(GtkListItemFactory) factory = card_factory_new ();

  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    {
      Column *column = &self->columns[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name, *scrolled, *view;
      const char *status_name;
      g_autofree char *label = NULL;

      column->status = gd_incident_board_order[i];
      column->model = gd_incident_list_model_new (NULL);
      column->selection = selection_new (self, G_LIST_MODEL (column->model));
      status_name = gd_incident_status_name (gd_incident_status_to_string (column->status));

      gtk_widget_add_css_class (box, "incident-column");
      gtk_widget_set_size_request (box, 232, -1);
      name = gtk_label_new (status_name);
      gtk_widget_add_css_class (name, "heading");
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_margin_start (header, 6);
      gtk_widget_set_margin_top (header, 4);
      gtk_box_append (GTK_BOX (header), name);
      column->count_label = GTK_LABEL (gtk_label_new ("0"));
      gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "badge");
      gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "status");
      gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "numeric");
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count_label));
      gtk_box_append (GTK_BOX (box), header);

      view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                g_object_ref (factory));
      gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), FALSE);
      /* Enter (or a double click) opens the card in the detail pane */
      g_signal_connect (view, "activate", G_CALLBACK (on_card_activate), self);
      /* Translators: a board column's name for screen readers, 登记 */
      label = g_strdup_printf (_("%s column"), status_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_widget_set_vexpand (scrolled, TRUE);
      gtk_box_append (GTK_BOX (box), scrolled);
      gtk_box_append (self->board_box, box);
    }
}

static const char *
list_text (const GdIncidentRow *row,
           guint                column,
           char               **owned)
{
  switch (column)
    {
    case LIST_NUMBER:
      return row->number;
    case LIST_TITLE:
      return row->title;
    case LIST_CATEGORY:
      return *owned = gd_incident_category_path (row->category);
    case LIST_STATUS:
      return gd_incident_status_name (row->status);
    case LIST_URGENCY:
      return gd_code_display_name ("urgency", row->urgency);
    case LIST_GRID:
      return row->grid_name ? row->grid_name : row->grid;
    case LIST_REPORTED:
      return *owned = gd_format_date_time (row->reported_at);
    default:
      return NULL;
    }
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_UINT (data) == LIST_DEADLINE)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GdIncidentItem *incident = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  guint column = GPOINTER_TO_UINT (data);
  g_autofree char *owned = NULL;
  const GdIncidentRow *row;

  if (incident == NULL)
    return;
  row = gd_incident_item_get_row (incident);
  if (column == LIST_DEADLINE)
    gd_incident_deadline_badge (label, row->deadline, row->status);
  else
    gtk_label_set_text (label, list_text (row, column, &owned));
}

static void
build_list (GdIncidentsView *self)
{
  const char *titles[N_LIST_COLUMNS] = {
    N_("Number"), N_("Title"), N_("Category"), N_("Status"), N_("Urgency"), N_("Grid"),
    N_("Reported"), N_("Deadline"),
  };
  /* wide enough for Chinese text and the numbers; the title takes what is left */
  const int widths[N_LIST_COLUMNS] = { 130, 220, 190, 64, 76, 120, 172, 96 };

  self->list_model = gd_incident_list_model_new (NULL);
  self->list_selection = selection_new (self, G_LIST_MODEL (self->list_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->list_selection));
  for (guint i = 0; i < N_LIST_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, widths[i]);
      if (i == LIST_TITLE)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* A code drop-down's "no value" entry says what it means in a filter: every one. */
static GtkDropDown *
name_any (GtkDropDown *dropdown,
          const char  *any)
{
  GListModel *names = gtk_drop_down_get_model (dropdown);

  if (GTK_IS_STRING_LIST (names))
    gtk_string_list_splice (GTK_STRING_LIST (names), 0, 1, (const char *const[]) { any, NULL });
  gtk_drop_down_set_selected (dropdown, 0);
  return dropdown;
}

static GtkDropDown *
add_filter_dropdown (GdIncidentsView *self,
                     GtkDropDown     *dropdown,
                     GtkBox          *box,
                     const char      *label)
{
  gd_accessible_set_label (GTK_WIDGET (dropdown), label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), label);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), self);
  gtk_box_append (box, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
build_filters (GdIncidentsView *self)
{
  g_autoptr(GtkStringList) sort_names = gtk_string_list_new (NULL);
  const char *sort_labels[] = {
    N_("By deadline"), N_("By report time"), N_("By number"), N_("By urgency"), N_("By status"),
    N_("By grid"), N_("By title"), N_("By last change"),
  };

  /* only the classes: a sub-class is a finer question for the list's search */
  self->category_dropdown = add_filter_dropdown (self,
    name_any (gd_code_dropdown_new_children ("incident-categories", NULL, TRUE), _("All categories")),
    self->filter_box, _("Category"));
  self->urgency_dropdown = add_filter_dropdown (self, name_any (gd_code_dropdown_new ("urgency", TRUE), _("Any urgency")),
                                                self->filter_box, _("Urgency"));
  self->source_dropdown = add_filter_dropdown (self, name_any (gd_code_dropdown_new ("incident-sources", TRUE), _("All sources")),
                                               self->filter_box, _("Source"));
  self->status_dropdown = add_filter_dropdown (self, name_any (gd_code_dropdown_new ("incident-statuses", TRUE), _("All statuses")),
                                               self->filter_box, _("Status"));
  gtk_widget_set_visible (GTK_WIDGET (self->status_dropdown), FALSE);

  G_STATIC_ASSERT (G_N_ELEMENTS (sort_labels) == G_N_ELEMENTS (sorts));
  for (guint i = 0; i < G_N_ELEMENTS (sort_labels); i++)
    gtk_string_list_append (sort_names, _(sort_labels[i]));
  self->sort_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&sort_names)), NULL));
  gd_dropdown_follow_popup_selection (self->sort_dropdown);
  add_filter_dropdown (self, self->sort_dropdown, self->sort_box, _("Sort"));
  self->descending_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->descending_toggle), "view-sort-descending-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->descending_toggle), _("Descending"));
  gd_accessible_set_label (GTK_WIDGET (self->descending_toggle), _("Descending"));
  /* the list opens on the newest reports; the board sorts each column by itself */
  gtk_drop_down_set_selected (self->sort_dropdown, 1);
  gtk_toggle_button_set_active (self->descending_toggle, TRUE);
  g_signal_connect_swapped (self->descending_toggle, "toggled", G_CALLBACK (on_filter_changed), self);
  gtk_box_append (self->sort_box, GTK_WIDGET (self->descending_toggle));
}

static void
gd_incidents_view_map (GtkWidget *widget)
{
  GdIncidentsView *self = GD_INCIDENTS_VIEW (widget);

  GTK_WIDGET_CLASS (gd_incidents_view_parent_class)->map (widget);
  /* only the mode on screen: the other one is always stale (it follows when shown), and
   * re-reading the board on every switch to this view took seconds on a village */
  if (showing_board (self) ? self->board_stale : self->list_stale)
    refresh (self, TRUE);
}

static void
gd_incidents_view_dispose (GObject *object)
{
  GdIncidentsView *self = GD_INCIDENTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_INCIDENTS_VIEW);
  g_clear_object (&self->session);
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    {
      g_clear_object (&self->columns[i].selection);
      g_clear_object (&self->columns[i].model);
    }
  g_clear_object (&self->list_selection);
  g_clear_object (&self->list_model);
  G_OBJECT_CLASS (gd_incidents_view_parent_class)->dispose (object);
}

static void
gd_incidents_view_finalize (GObject *object)
{
  g_free (GD_INCIDENTS_VIEW (object)->grid);
  g_free (GD_INCIDENTS_VIEW (object)->measures_key);
  G_OBJECT_CLASS (gd_incidents_view_parent_class)->finalize (object);
}

static void
gd_incidents_view_class_init (GdIncidentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_incidents_view_dispose;
  object_class->finalize = gd_incidents_view_finalize;
  widget_class->map = gd_incidents_view_map;

  g_type_ensure (GD_TYPE_INCIDENT_DETAIL);
  g_type_ensure (GD_TYPE_PATROL_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-incidents-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, board_toggle);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, patrols_toggle);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, patrol_panel);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, filter_row);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, sort_box);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, board_box);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, detail);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentsView, measures_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_changed);
}

static void
gd_incidents_view_init (GdIncidentsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
  build_filters (self);
  build_board (self);
  build_list (self);
  self->list_stale = TRUE;
}

static void
set_store (GdIncidentsView *self,
           GdStore         *store)
{
  self->store = store;
  gd_incident_detail_set_store (self->detail, store);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    gd_incident_list_model_set_store (self->columns[i].model, store);
  gd_incident_list_model_set_store (self->list_model, store);
  gd_patrol_panel_set_store (self->patrol_panel, store);
  gtk_label_set_text (self->measures_label, "");
  if (store != NULL)
    refresh (self, TRUE);
}

void
gd_incidents_view_set_session (GdIncidentsView *self,
                               GdSession       *session)
{
  g_return_if_fail (GD_IS_INCIDENTS_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  gd_incident_detail_set_session (self->detail, session);
  gd_patrol_panel_set_session (self->patrol_panel, session);
  /* a step, a new incident, a patrol or a sync: the board and the detail follow at once */
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_INCIDENT) | GD_DOC_MASK (GD_DOC_PATROL), self,
                    (GdSessionReloadFunc) gd_incidents_view_reload);
  gd_session_follow_store (session, self, (GdSessionStoreFunc) set_store);
}

void
gd_incidents_view_set_grid (GdIncidentsView *self,
                            const char      *grid)
{
  g_return_if_fail (GD_IS_INCIDENTS_VIEW (self));

  if (g_strcmp0 (self->grid, grid) == 0)
    return;
  g_free (self->grid);
  self->grid = g_strdup (grid);
  gd_patrol_panel_set_grid (self->patrol_panel, grid);
  if (self->store != NULL)
    refresh (self, FALSE);
}

void
gd_incidents_view_reload (GdIncidentsView *self)
{
  g_return_if_fail (GD_IS_INCIDENTS_VIEW (self));

  if (self->store == NULL)
    return;
  refresh (self, TRUE);
  gd_incident_detail_refresh (self->detail);
}

gboolean
gd_incidents_view_open (GdIncidentsView *self,
                        const char      *doc_id)
{
  g_return_val_if_fail (GD_IS_INCIDENTS_VIEW (self), FALSE);

  unselect_others (self, NULL);
  return show_detail (self, doc_id);
}

void
gd_incidents_view_show_overdue (GdIncidentsView *self)
{
  g_return_if_fail (GD_IS_INCIDENTS_VIEW (self));

  gtk_toggle_button_set_active (self->board_toggle, TRUE);
  gtk_toggle_button_set_active (self->overdue_toggle, TRUE);
}
