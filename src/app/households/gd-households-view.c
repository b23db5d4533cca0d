/* gd-households-view.c: the household register as a paged, searchable, filterable list.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over GdHouseholdListModel, which reads the register from SQLite a page at
 * a time. Filtering and sorting are SQL: the column view's sorter never sorts anything
 * itself (no GtkSortListModel); it only tells us which header the user clicked.
 *
 * Reading that sorter on GTK 4.8: GtkColumnViewSorter's primary-sort-column and
 * primary-sort-order arrived in 4.10, and in 4.8 the type is private. What 4.8 does
 * guarantee is how the sorter compares: its columns' sorters in order, primary first, each
 * result inverted when that column is descending, the first non-equal result winning.
 * So every sortable column gets a GtkCustomSorter that, handed our two probe objects,
 * records its column and answers "smaller"; comparing probe A with probe B through the
 * column view's sorter then names the primary column (the first one asked) and its order
 * (SMALLER: ascending, LARGER: descending, EQUAL: no sort column).
 */

#define G_LOG_DOMAIN "gd-households-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-household-item.h"
#include "gd-household-list-model.h"
#include "gd-households-view.h"

typedef enum {
  COLUMN_NUMBER,
  COLUMN_HEAD,
  COLUMN_ADDRESS,
  COLUMN_MEMBERS,
  COLUMN_GRID,
  COLUMN_TAGS,
  COLUMN_UPDATED,
  N_COLUMNS
} Column;

/* the sort key of each column, -1: not sortable */
static const int column_sort[N_COLUMNS] = {
  [COLUMN_NUMBER] = GD_HOUSEHOLD_SORT_NUMBER,
  [COLUMN_HEAD] = GD_HOUSEHOLD_SORT_HEAD,
  [COLUMN_ADDRESS] = GD_HOUSEHOLD_SORT_ADDRESS,
  [COLUMN_MEMBERS] = GD_HOUSEHOLD_SORT_MEMBERS,
  [COLUMN_GRID] = GD_HOUSEHOLD_SORT_GRID,
  [COLUMN_TAGS] = -1,
  [COLUMN_UPDATED] = GD_HOUSEHOLD_SORT_UPDATED,
};

#define PROBE_KEY "gd-sort-probe"

struct _GdHouseholdsView
{
  AdwBin                parent_instance;

  /* template children */
  GtkBox               *toolbar;
  GtkWidget            *toolbar_separator;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *rented_button;
  GtkLabel             *count_label;
  GtkButton            *open_button;
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled_window;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *columns[N_COLUMNS];
  AdwStatusPage        *error_page;

  GtkDropDown          *residence_dropdown;
  GtkDropDown          *care_tag_dropdown;

  GdHouseholdListModel *model;
  GtkSingleSelection   *selection;
  char                 *grid;
  GdHouseholdSort       sort;
  gboolean              descending;
  GObject              *probe_a;
  GObject              *probe_b;
};

G_DEFINE_FINAL_TYPE (GdHouseholdsView, gd_households_view, ADW_TYPE_BIN)

enum {
  SIGNAL_HOUSEHOLD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GtkSingleSelection looks for the selected row among all the new ones when the rows change
 * (reading every page of the register): drop the selection before they do. */
static void
unselect (GdHouseholdsView *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Where the list is scrolled. GTK 4.8 tells no position of what is on screen, so each cell
 * label of the first column remembers the row it was bound to, and we pick the first label
 * below the header. */
#define POSITION_KEY "gd-position"

static guint
visible_position (GdHouseholdsView *self)
{
  GtkWidget *column_view = GTK_WIDGET (self->column_view);
  int height = gtk_widget_get_height (column_view);

  if (!gtk_widget_get_mapped (column_view))
    return GTK_INVALID_LIST_POSITION;
  for (int y = 0; y < height; y += 4)
    {
      GtkWidget *widget = gtk_widget_pick (column_view, 24, y, GTK_PICK_DEFAULT);

      for (; widget != NULL && widget != column_view; widget = gtk_widget_get_parent (widget))
        {
          GtkWidget *child = gtk_widget_get_first_child (widget);
          gpointer position = g_object_get_data (G_OBJECT (widget), POSITION_KEY);

          if (position == NULL && child != NULL)
            position = g_object_get_data (G_OBJECT (child), POSITION_KEY);
          if (position != NULL)
            return GPOINTER_TO_UINT (position) - 1;
        }
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The GtkListView inside the column view, which has the "list.*" actions. */
static GtkWidget *
list_view_of (GdHouseholdsView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Puts row `position` at the top edge when it is below the view, or shows it whole when it
 * is above (the list's own "list.scroll-to-item"; 4.8 has no gtk_list_view_scroll_to).
 * Unlike setting the scroll adjustment, this works right after the rows were replaced,
 * before the list has laid them out. */
static void
scroll_to (GdHouseholdsView *self,
           guint             position)
{
  GtkWidget *list_view = list_view_of (self);

  if (list_view != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* Filters */

static gboolean
narrowing_filters_active (GdHouseholdsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ||
         gd_code_dropdown_get_code (self->residence_dropdown) != NULL ||
         gd_code_dropdown_get_code (self->care_tag_dropdown) != NULL ||
         gtk_toggle_button_get_active (self->rented_button);
}

static void
update_state (GdHouseholdsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const GError *error = gd_household_list_model_get_error (self->model);
  g_autofree char *count = NULL;
  gboolean empty;

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->count_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->toolbar), TRUE);
      gtk_widget_set_visible (self->toolbar_separator, TRUE);
      return;
    }

  /* Translators: the number of households in the list (after the filters) */
  count = g_strdup_printf (g_dngettext (NULL, "%u household", "%u households", n), n);
  gtk_label_set_text (self->count_label, count);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (narrowing_filters_active (self))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  /* nothing to search or filter in an empty register */
  empty = n == 0 && !narrowing_filters_active (self);
  gtk_widget_set_visible (GTK_WIDGET (self->toolbar), !empty);
  gtk_widget_set_visible (self->toolbar_separator, !empty);
}

/* Reads the controls into the model's filter; the list starts again at the top. */
static void
apply_filter (GdHouseholdsView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  GdHouseholdFilter filter = {
    .grid = self->grid,
    .text = *text != '\0' ? text : NULL,
    .residence = gd_code_dropdown_get_code (self->residence_dropdown),
    .care_tag = gd_code_dropdown_get_code (self->care_tag_dropdown),
    .rented = gtk_toggle_button_get_active (self->rented_button),
    .sort = self->sort,
    .descending = self->descending,
  };
  const GdHouseholdFilter *current = gd_household_list_model_get_filter (self->model);

  if (g_strcmp0 (current->text, filter.text) != 0 || g_strcmp0 (current->grid, filter.grid) != 0 ||
      g_strcmp0 (current->residence, filter.residence) != 0 ||
      g_strcmp0 (current->care_tag, filter.care_tag) != 0 || !current->rented != !filter.rented ||
      current->sort != filter.sort || !current->descending != !filter.descending)
    {
      unselect (self);
      gd_household_list_model_set_filter (self->model, &filter);
      scroll_to (self, 0);
    }
  update_state (self);
}

static void
on_search_entry_search_changed (GtkSearchEntry   *entry,
                                GdHouseholdsView *self)
{
  apply_filter (self);
}

/* Enter searches at once, without waiting for the debounce. */
static void
on_search_entry_activate (GtkSearchEntry   *entry,
                          GdHouseholdsView *self)
{
  apply_filter (self);
}

static void
on_search_entry_stop_search (GtkSearchEntry   *entry,
                             GdHouseholdsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  apply_filter (self);
}

/* Down from the search entry goes to the list. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GdHouseholdsView      *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
on_filter_changed (GdHouseholdsView *self)
{
  apply_filter (self);
}

static void
on_clear_button_clicked (GdHouseholdsView *self)
{
  g_signal_handlers_block_by_func (self->rented_button, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->residence_dropdown, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->care_tag_dropdown, on_filter_changed, self);
  gtk_toggle_button_set_active (self->rented_button, FALSE);
  gd_code_dropdown_set_code (self->residence_dropdown, NULL);
  gd_code_dropdown_set_code (self->care_tag_dropdown, NULL);
  g_signal_handlers_unblock_by_func (self->rented_button, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->residence_dropdown, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->care_tag_dropdown, on_filter_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Sorting */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int *hit = g_object_get_data (G_OBJECT (a), PROBE_KEY);

  /* nothing but our probes is ever compared: the SQL sorts the rows */
  if (hit == NULL)
    return GTK_ORDERING_EQUAL;
  if (*hit < 0)
    *hit = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (GtkSorter        *sorter,
                   GtkSorterChange   change,
                   GdHouseholdsView *self)
{
  int hit = -1;
  GtkOrdering order;

  g_object_set_data (self->probe_a, PROBE_KEY, &hit);
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  g_object_set_data (self->probe_a, PROBE_KEY, NULL);

  if (hit < 0 || order == GTK_ORDERING_EQUAL)
    {
      self->sort = GD_HOUSEHOLD_SORT_NUMBER;
      self->descending = FALSE;
    }
  else
    {
      self->sort = (GdHouseholdSort) hit;
      self->descending = order == GTK_ORDERING_LARGER;
    }
  g_debug ("Sorting by %d, %s", self->sort, self->descending ? "descending" : "ascending");
  apply_filter (self);
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
  /* the end of an address (building, unit, room) tells households apart; the start is
   * the same province, city and town for all of them */
  gtk_label_set_ellipsize (GTK_LABEL (label),
                           column == COLUMN_ADDRESS ? PANGO_ELLIPSIZE_START : PANGO_ELLIPSIZE_END);
  if (column == COLUMN_NUMBER || column == COLUMN_MEMBERS || column == COLUMN_UPDATED)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GdHouseholdItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  gboolean tooltip = FALSE;
  char members[16];
  const char *text = "";
  g_autofree char *with_badge = NULL;

  switch (column)
    {
    case COLUMN_NUMBER:
      text = gd_household_item_get_number (item);
      break;
    case COLUMN_HEAD:
      text = gd_household_item_get_head_name (item);
      tooltip = TRUE;
      break;
    case COLUMN_ADDRESS:
      text = gd_household_item_get_address (item);
      tooltip = TRUE;
      break;
    case COLUMN_MEMBERS:
      g_snprintf (members, sizeof members, "%d", gd_household_item_get_members (item));
      text = members;
      break;
    case COLUMN_GRID:
      text = gd_household_item_get_grid_name (item);
      tooltip = TRUE;
      break;
    case COLUMN_TAGS:
      text = gd_household_item_get_tags_text (item);
      tooltip = TRUE;
      break;
    case COLUMN_UPDATED:
      text = gd_household_item_get_updated (item);
      /* the pending-upload badge: changed here, not yet on the county server */
      if (gd_household_item_get_pending (item))
        text = with_badge = g_strdup_printf (_("%s · not uploaded"), text);
      tooltip = TRUE;
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text);
  if (column == COLUMN_NUMBER)
    g_object_set_data (G_OBJECT (label), POSITION_KEY,
                       GUINT_TO_POINTER (gtk_list_item_get_position (list_item) + 1));
  if (tooltip)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), *text != '\0' ? text : NULL);
}

static void
on_column_view_activate (GtkColumnView    *column_view,
                         guint             position,
                         GdHouseholdsView *self)
{
  g_autoptr(GdHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  const char *doc_id = item ? gd_household_item_get_doc_id (item) : NULL;

  if (doc_id != NULL)
    g_signal_emit (self, signals[SIGNAL_HOUSEHOLD_ACTIVATED], 0, doc_id);
}

/* The toolbar's open button: the same as activating the selected row, for people (and
 * assistive technology) who select first and act second. */
static void
on_open_button_clicked (GtkButton        *button,
                        GdHouseholdsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    on_column_view_activate (self->column_view, selected, self);
}

static void
on_selection_changed (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      GdHouseholdsView  *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button),
                            gtk_single_selection_get_selected (self->selection)
                            != GTK_INVALID_LIST_POSITION);
}

/* GObject */

static void
gd_households_view_dispose (GObject *object)
{
  GdHouseholdsView *self = GD_HOUSEHOLDS_VIEW (object);

  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_sorter_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_HOUSEHOLDS_VIEW);

  G_OBJECT_CLASS (gd_households_view_parent_class)->dispose (object);
}

static void
gd_households_view_finalize (GObject *object)
{
  GdHouseholdsView *self = GD_HOUSEHOLDS_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_free (self->grid);

  G_OBJECT_CLASS (gd_households_view_parent_class)->finalize (object);
}

static gboolean
gd_households_view_grab_focus (GtkWidget *widget)
{
  GdHouseholdsView *self = GD_HOUSEHOLDS_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gd_households_view_class_init (GdHouseholdsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_households_view_dispose;
  object_class->finalize = gd_households_view_finalize;
  widget_class->grab_focus = gd_households_view_grab_focus;

  /**
   * GdHouseholdsView::household-activated:
   * @doc_id: the household document's `_id`
   *
   * A row was activated (Enter or double click): the window opens the editor.
   */
  signals[SIGNAL_HOUSEHOLD_ACTIVATED] =
    g_signal_new ("household-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-households-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, rented_button);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, stack);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdsView, error_page);
  gtk_widget_class_bind_template_child_full (widget_class, "number_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_NUMBER]));
  gtk_widget_class_bind_template_child_full (widget_class, "head_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_HEAD]));
  gtk_widget_class_bind_template_child_full (widget_class, "address_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_ADDRESS]));
  gtk_widget_class_bind_template_child_full (widget_class, "members_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_MEMBERS]));
  gtk_widget_class_bind_template_child_full (widget_class, "grid_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_GRID]));
  gtk_widget_class_bind_template_child_full (widget_class, "tags_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_TAGS]));
  gtk_widget_class_bind_template_child_full (widget_class, "updated_column", FALSE,
    G_STRUCT_OFFSET (GdHouseholdsView, columns[COLUMN_UPDATED]));
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_set_css_name (widget_class, "householdsview");
}

static void
gd_households_view_init (GdHouseholdsView *self)
{
  GtkEventController *keys;

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->sort = GD_HOUSEHOLD_SORT_NUMBER;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* the filter drop-downs, after the search entry */
  self->residence_dropdown =
    gd_code_filter_dropdown_new ("residence", _("All Residence Types"), _("Residence type"),
                         _("Only households with a member of this residence type"));
  self->care_tag_dropdown =
    gd_code_filter_dropdown_new ("care-tags", _("All Care Tags"), _("Care tag"),
                         _("Only households with a member in this care category"));
  gtk_box_insert_child_after (self->toolbar, GTK_WIDGET (self->residence_dropdown),
                              GTK_WIDGET (self->search_entry));
  gtk_box_insert_child_after (self->toolbar, GTK_WIDGET (self->care_tag_dropdown),
                              GTK_WIDGET (self->residence_dropdown));
  g_signal_connect_swapped (self->residence_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->care_tag_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed), self);

  /* typing anywhere in the view searches; Down goes from the entry to the rows */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* columns: a recycled label per cell, and a probe sorter per sortable column */
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (self->columns[i], factory);
      if (column_sort[i] >= 0)
        {
          g_autoptr(GtkCustomSorter) sorter =
            gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (column_sort[i]), NULL);
          gtk_column_view_column_set_sorter (self->columns[i], GTK_SORTER (sorter));
        }
    }

  self->model = gd_household_list_model_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, 0);

  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_NUMBER],
                                  GTK_SORT_ASCENDING);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (on_sorter_changed), self);

  update_state (self);
}

/* Public API */

GtkWidget *
gd_households_view_new (void)
{
  return g_object_new (GD_TYPE_HOUSEHOLDS_VIEW, NULL);
}

void
gd_households_view_set_store (GdHouseholdsView *self,
                              GdStore          *store)
{
  g_return_if_fail (GD_IS_HOUSEHOLDS_VIEW (self));

  unselect (self);
  gd_household_list_model_set_store (self->model, store);
  scroll_to (self, 0);
  update_state (self);
}

void
gd_households_view_set_session (GdHouseholdsView *self,
                                 GdSession        *session)
{
  g_return_if_fail (GD_IS_HOUSEHOLDS_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));

  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_households_view_set_store);
  /* an editor's save, a restore, griddesk-ctl or a sync: the list follows */
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_HOUSEHOLD), self,
                    (GdSessionReloadFunc) gd_households_view_reload);
}

void
gd_households_view_set_grid (GdHouseholdsView *self,
                             const char       *code)
{
  g_return_if_fail (GD_IS_HOUSEHOLDS_VIEW (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->grid, code) == 0)
    return;
  g_free (self->grid);
  self->grid = g_strdup (code);
  apply_filter (self);
}

void
gd_households_view_focus_search (GdHouseholdsView *self)
{
  g_return_if_fail (GD_IS_HOUSEHOLDS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
gd_households_view_reload (GdHouseholdsView *self)
{
  guint selected, first_visible;

  g_return_if_fail (GD_IS_HOUSEHOLDS_VIEW (self));

  selected = gtk_single_selection_get_selected (self->selection);
  first_visible = visible_position (self);
  unselect (self);
  gd_household_list_model_reload (self->model);
  update_state (self);

  /* the rows were replaced and the list is back at the top: bring the row that was first
   * on screen back to the top edge */
  if (first_visible != GTK_INVALID_LIST_POSITION)
    scroll_to (self, first_visible);

  /* the same place in the list stays selected (the row there may be another one now) */
  if (selected != GTK_INVALID_LIST_POSITION &&
      selected < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    gtk_single_selection_set_selected (self->selection, selected);
}

gboolean
gd_households_view_has_rows (GdHouseholdsView *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLDS_VIEW (self), FALSE);

  return gtk_widget_get_mapped (GTK_WIDGET (self->column_view))
         && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;
}
