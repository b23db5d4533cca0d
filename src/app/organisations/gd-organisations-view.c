/* gd-organisations-view.c: the register of organisations and premises as a paged list.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over GdOrganisationListModel (a page of rows at a time from the query
 * table); the filters and the search are SQL and the search index, never the list's own.
 */

#define G_LOG_DOMAIN "gd-organisations-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-organisation-list-model.h"
#include "gd-organisations-view.h"

typedef enum {
  COLUMN_NAME,
  COLUMN_PREMISES,
  COLUMN_KIND,
  COLUMN_RISK,
  COLUMN_HAZARDS,
  COLUMN_RECTIFY,
  COLUMN_GRID,
  N_COLUMNS
} Column;

static const char *const column_ids[N_COLUMNS] = {
  "name_column", "premises_column", "kind_column", "risk_column", "hazards_column",
  "rectify_column", "grid_column",
};

struct _GdOrganisationsView
{
  AdwBin                   parent_instance;

  /* template children */
  GtkBox                  *toolbar;
  GtkWidget               *toolbar_separator;
  GtkSearchEntry          *search_entry;
  GtkToggleButton         *overdue_button;
  GtkButton               *open_button;
  GtkLabel                *count_label;
  GtkStack                *stack;
  GtkColumnView           *column_view;
  GtkColumnViewColumn     *columns[N_COLUMNS];
  AdwStatusPage           *error_page;

  GtkDropDown             *kind_dropdown;
  GtkDropDown             *premises_dropdown;
  GtkDropDown             *risk_dropdown;

  GdOrganisationListModel *model;
  GtkSingleSelection      *selection;
  char                    *grid;
  char                     today[11];
};

G_DEFINE_FINAL_TYPE (GdOrganisationsView, gd_organisations_view, ADW_TYPE_BIN)

enum {
  SIGNAL_ORGANISATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
narrowing_filters_active (GdOrganisationsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ||
         gd_code_dropdown_get_code (self->kind_dropdown) != NULL ||
         gd_code_dropdown_get_code (self->premises_dropdown) != NULL ||
         gd_code_dropdown_get_code (self->risk_dropdown) != NULL ||
         gtk_toggle_button_get_active (self->overdue_button);
}

static void
update_state (GdOrganisationsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const GError *error = gd_organisation_list_model_get_error (self->model);
  g_autofree char *count = NULL;

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->count_label, "");
      return;
    }
  /* Translators: the number of organisations in the list (after the filters) */
  count = g_strdup_printf (g_dngettext (NULL, "%u organisation", "%u organisations", n), n);
  gtk_label_set_text (self->count_label, count);
  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (narrowing_filters_active (self))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->toolbar), n > 0 || narrowing_filters_active (self));
  gtk_widget_set_visible (self->toolbar_separator, n > 0 || narrowing_filters_active (self));
}

static void
remember_today (GdOrganisationsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  g_strlcpy (self->today, date, sizeof self->today);
}

/* Reads the controls into the model's filter; the list starts again at the top. */
static void
apply_filter (GdOrganisationsView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  GdOrganisationFilter filter = {
    .grid = self->grid,
    .text = text,
    .kind = gd_code_dropdown_get_code (self->kind_dropdown),
    .premises = gd_code_dropdown_get_code (self->premises_dropdown),
    .risk = gd_code_dropdown_get_code (self->risk_dropdown),
    .overdue = gtk_toggle_button_get_active (self->overdue_button),
  };

  remember_today (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gd_organisation_list_model_set_filter (self->model, &filter);
  update_state (self);
}

static void
on_filter_changed (GdOrganisationsView *self)
{
  apply_filter (self);
}

static void
on_search_entry_stop_search (GtkSearchEntry      *entry,
                             GdOrganisationsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  apply_filter (self);
}

static void
on_clear_button_clicked (GdOrganisationsView *self)
{
  GtkDropDown *dropdowns[] = { self->kind_dropdown, self->premises_dropdown, self->risk_dropdown };

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      g_signal_handlers_block_by_func (dropdowns[i], on_filter_changed, self);
      gd_code_dropdown_set_code (dropdowns[i], NULL);
      g_signal_handlers_unblock_by_func (dropdowns[i], on_filter_changed, self);
    }
  g_signal_handlers_block_by_func (self->overdue_button, on_filter_changed, self);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  g_signal_handlers_unblock_by_func (self->overdue_button, on_filter_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Cells: one label each, recycled by the column view */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_RISK || column == COLUMN_RECTIFY)
    {
      /* a badge as wide as its text, not as the column */
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "badge");
    }
  if (column == COLUMN_HAZARDS || column == COLUMN_RECTIFY)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
set_badge (GtkWidget  *label,
           const char *badge)
{
  static const char *const badges[] = {
    "risk-low", "risk-medium", "risk-high", "risk-major", "overdue", "hidden-badge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    gtk_widget_remove_css_class (label, badges[i]);
  if (badge != NULL)
    gtk_widget_add_css_class (label, badge);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              GdOrganisationsView      *self,
              Column                    column)
{
  GdOrganisationItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const GdOrganisationRow *row = gd_organisation_item_get_row (item);
  g_autofree char *owned = NULL;
  g_autofree char *badge = NULL;
  const char *text = "";

  switch (column)
    {
    case COLUMN_NAME:
      text = row->name != NULL ? row->name : "";
      gtk_widget_set_tooltip_text (label, row->credit_code != NULL
                                   ? (owned = g_strdup_printf ("%s · %s", text, row->credit_code))
                                   : text);
      owned = NULL;
      break;
    case COLUMN_PREMISES:
      text = row->premises != NULL ? gd_code_display_name ("premises-categories", row->premises) : "";
      gtk_widget_set_tooltip_text (label, text);
      break;
    case COLUMN_KIND:
      text = row->kind != NULL ? gd_code_display_name ("organisation-kinds", row->kind) : "";
      break;
    case COLUMN_RISK:
      /* Translators: the risk level of an organisation never inspected */
      text = row->risk != NULL ? gd_code_display_name ("risk-levels", row->risk) : _("Not inspected");
      badge = row->risk != NULL ? g_strconcat ("risk-", row->risk, NULL) : NULL;
      break;
    case COLUMN_HAZARDS:
      text = owned = row->open_hazards > 0 ? g_strdup_printf ("%u", row->open_hazards) : g_strdup ("—");
      break;
    case COLUMN_RECTIFY:
      text = row->rectify_by != NULL ? row->rectify_by : "";
      if (row->rectify_by != NULL && strcmp (row->rectify_by, self->today) < 0)
        badge = g_strdup ("overdue");
      else if (row->rectify_by == NULL)
        badge = g_strdup ("hidden-badge");
      break;
    case COLUMN_GRID:
      text = gd_organisation_list_model_grid_name (self->model, row->grid);
      gtk_widget_set_tooltip_text (label, text);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COLUMN_RISK || column == COLUMN_RECTIFY)
    set_badge (label, badge);
}

#define DEFINE_BIND(suffix, column) \
  static void \
  on_bind_##suffix (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer self) \
  { \
    on_cell_bind (factory, list_item, self, column); \
  }
DEFINE_BIND (name, COLUMN_NAME)
DEFINE_BIND (premises, COLUMN_PREMISES)
DEFINE_BIND (kind, COLUMN_KIND)
DEFINE_BIND (risk, COLUMN_RISK)
DEFINE_BIND (hazards, COLUMN_HAZARDS)
DEFINE_BIND (rectify, COLUMN_RECTIFY)
DEFINE_BIND (grid, COLUMN_GRID)

static const GCallback bind_functions[N_COLUMNS] = {
  G_CALLBACK (on_bind_name), G_CALLBACK (on_bind_premises), G_CALLBACK (on_bind_kind),
  G_CALLBACK (on_bind_risk), G_CALLBACK (on_bind_hazards), G_CALLBACK (on_bind_rectify),
  G_CALLBACK (on_bind_grid),
};

static void
on_column_view_activate (GtkColumnView       *column_view,
                         guint                position,
                         GdOrganisationsView *self)
{
  g_autoptr(GdOrganisationItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_ORGANISATION_ACTIVATED], 0,
                   gd_organisation_item_get_row (item)->doc_id);
}

static void
on_open_button_clicked (GtkButton           *button,
                        GdOrganisationsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    on_column_view_activate (self->column_view, selected, self);
}

static void
on_selection_changed (GtkSelectionModel   *selection,
                      guint                position,
                      guint                n_items,
                      GdOrganisationsView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button),
                            gtk_single_selection_get_selected (self->selection)
                            != GTK_INVALID_LIST_POSITION);
}

/* GObject */

static void
gd_organisations_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_ORGANISATIONS_VIEW);
  G_OBJECT_CLASS (gd_organisations_view_parent_class)->dispose (object);
}

static void
gd_organisations_view_finalize (GObject *object)
{
  GdOrganisationsView *self = GD_ORGANISATIONS_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_free (self->grid);
  G_OBJECT_CLASS (gd_organisations_view_parent_class)->finalize (object);
}

static gboolean
gd_organisations_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (GD_ORGANISATIONS_VIEW (widget)->search_entry));
}

static void
gd_organisations_view_class_init (GdOrganisationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_organisations_view_dispose;
  object_class->finalize = gd_organisations_view_finalize;
  widget_class->grab_focus = gd_organisations_view_grab_focus;

  signals[SIGNAL_ORGANISATION_ACTIVATED] =
    g_signal_new ("organisation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-organisations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, open_button);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationsView, error_page);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[i], FALSE,
                                               G_STRUCT_OFFSET (GdOrganisationsView, columns)
                                               + i * sizeof (GtkColumnViewColumn *));
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_set_css_name (widget_class, "organisationsview");
}

static void
gd_organisations_view_init (GdOrganisationsView *self)
{
  GtkWidget *after;

  gtk_widget_init_template (GTK_WIDGET (self));
  remember_today (self);

  self->kind_dropdown =
    gd_code_filter_dropdown_new ("organisation-kinds", _("All Kinds"), _("Kind of organisation"),
                                 _("Only organisations of this kind"));
  self->premises_dropdown =
    gd_code_filter_dropdown_new ("premises-categories", _("All Premises"), _("Premises category"),
                                 _("Only premises of this category"));
  self->risk_dropdown =
    gd_code_filter_dropdown_new ("risk-levels", _("All Risk Levels"), _("Risk level"),
                                 _("Only organisations at this risk level"));
  after = GTK_WIDGET (self->search_entry);
  for (GtkDropDown **d = (GtkDropDown *[]) { self->kind_dropdown, self->premises_dropdown,
                                              self->risk_dropdown, NULL }; *d != NULL; d++)
    {
      gtk_box_insert_child_after (self->toolbar, GTK_WIDGET (*d), after);
      g_signal_connect_swapped (*d, "notify::selected", G_CALLBACK (on_filter_changed), self);
      after = GTK_WIDGET (*d);
    }

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column = self->columns[i];

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", bind_functions[i], self);
      gtk_column_view_column_set_factory (column, factory);
    }

  self->model = gd_organisation_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, 0);
  update_state (self);
}

/* Public API */

GtkWidget *
gd_organisations_view_new (void)
{
  return g_object_new (GD_TYPE_ORGANISATIONS_VIEW, NULL);
}

void
gd_organisations_view_set_store (GdOrganisationsView *self,
                                 GdStore             *store)
{
  g_return_if_fail (GD_IS_ORGANISATIONS_VIEW (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gd_organisation_list_model_set_store (self->model, store);
  update_state (self);
}

void
gd_organisations_view_set_session (GdOrganisationsView *self,
                                   GdSession           *session)
{
  g_return_if_fail (GD_IS_ORGANISATIONS_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));

  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_organisations_view_set_store);
  /* an inspection makes incidents too; the list shows their hazards */
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_ORGANISATION) | GD_DOC_MASK (GD_DOC_GRID), self,
                    (GdSessionReloadFunc) gd_organisations_view_reload);
}

void
gd_organisations_view_set_grid (GdOrganisationsView *self,
                                const char          *code)
{
  g_return_if_fail (GD_IS_ORGANISATIONS_VIEW (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->grid, code) == 0)
    return;
  g_free (self->grid);
  self->grid = g_strdup (code);
  apply_filter (self);
}

void
gd_organisations_view_reload (GdOrganisationsView *self)
{
  g_return_if_fail (GD_IS_ORGANISATIONS_VIEW (self));

  remember_today (self);
  gd_organisation_list_model_reload (self->model);
  update_state (self);
}
