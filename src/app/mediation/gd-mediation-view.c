/* gd-mediation-view.c: the Mediation view — the committee's cases, filtered by status,
 * category, room, mediator and overdue, with badges for status and deadlines; the cases due
 * within a week; the year's measures (cases, success rate).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-mediation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-case-row.h"
#include "gd-dispute-list-model.h"
#include "gd-codes.h"
#include "gd-format.h"
#include "gd-json.h"
#include "gd-mediation-format.h"
#include "gd-mediation-view.h"

#define DUE_WITHIN_DAYS 7

struct _GdMediationView
{
  AdwBin              parent_instance;

  gboolean            stale;      /* changed while not on screen: read when shown */

  /* template children */
  GtkBox             *filter_box;
  GtkToggleButton    *overdue_button;
  GtkWidget          *open_button;
  GtkWidget          *roster_button;
  GtkWidget          *new_button;
  GtkLabel           *count_label;
  GtkLabel           *measures_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkListBox         *due_list;

  GtkDropDown        *status_dropdown;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *room_dropdown;
  GtkDropDown        *mediator_dropdown;
  GPtrArray          *mediator_ids;    /* position - 1 -> mediator _id */
  GPtrArray          *status_codes;    /* position - 1 -> code, for each code filter */
  GPtrArray          *category_codes;
  GPtrArray          *room_codes;

  GdDisputeListModel *model;
  GtkSingleSelection *selection;
  GdStore            *store;           /* borrowed */
  char               *grid;
};

G_DEFINE_FINAL_TYPE (GdMediationView, gd_mediation_view, ADW_TYPE_BIN)

enum { DISPUTE_ACTIVATED, NEW_DISPUTE, MANAGE_MEDIATORS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- list rows ---- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, gd_case_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GdDisputeItem *dispute = gtk_list_item_get_item (item);

  gd_case_row_set (GD_CASE_ROW (gtk_list_item_get_child (item)),
                   dispute != NULL ? gd_dispute_item_get_row (dispute) : NULL);
}

/* ---- the due list ---- */

static void
on_due_open_clicked (GtkButton       *button,
                     GdMediationView *self)
{
  g_signal_emit (self, signals[DISPUTE_ACTIVATED], 0, g_object_get_data (G_OBJECT (button), "doc-id"));
}

static void
reload_due (GdMediationView *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GDate today;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
    gtk_list_box_remove (self->due_list, child);
  if (self->store == NULL)
    return;
  gd_mediation_today (&today);
  due = gd_mediation_due (self->store, self->grid, &today, DUE_WITHIN_DAYS, &error);
  if (due == NULL)
    {
      g_warning ("Cannot list due cases: %s", error->message);
      return;
    }
  for (guint i = 0; i < due->len; i++)
    {
      GdDisputeRow *row = due->pdata[i];
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_with_label (_("Open"));
      g_autofree char *text = gd_dispute_timer_text (&row->timer);
      g_autofree char *title = g_markup_escape_text (row->summary != NULL ? row->summary : "", -1);
      g_autofree char *subtitle = g_markup_printf_escaped ("%s · %s", row->number ? row->number : "",
                                                          row->parties ? row->parties : "");
      g_autofree char *open_label = g_strdup_printf (_("Open %s"), row->number ? row->number : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), gd_case_badge_new (text, gd_dispute_timer_style (&row->timer)));
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
      g_object_set_data_full (G_OBJECT (open), "doc-id", g_strdup (row->id), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (on_due_open_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), open);
      gtk_list_box_append (self->due_list, action_row);
    }
  if (due->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing is due within a week"));
      gtk_list_box_append (self->due_list, row);
    }
}

/* ---- filters and measures ---- */

static void
reload_measures (GdMediationView *self)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) now = g_date_time_new_now (china);
  g_autofree char *from = g_date_time_format (now, "%Y-01-01");
  g_autoptr(JsonObject) measures = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL
      || (measures = gd_mediation_measures (self->store, self->grid, from, NULL, NULL)) == NULL)
    {
      gtk_label_set_text (self->measures_label, "");
      return;
    }
  /* Translators: this year's cases, then the share mediated to an agreement */
  text = g_strdup_printf (_("This year: %d cases, success rate %.1f%%"),
                          (int) json_object_get_int_member (measures, "cases"),
                          100.0 * json_object_get_double_member (measures, "success_rate"));
  gtk_label_set_text (self->measures_label, text);
}

/* The code (or id) chosen in a filter whose first entry is "all", or NULL. */
static const char *
chosen (GtkDropDown *dropdown,
        GPtrArray   *codes)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected > 0 && selected <= codes->len ? codes->pdata[selected - 1] : NULL;
}

static void
apply_filter (GdMediationView *self)
{
  GdDisputeQuery query = {
    .grid = self->grid,
    .status = chosen (self->status_dropdown, self->status_codes),
    .category = chosen (self->category_dropdown, self->category_codes),
    .room = chosen (self->room_dropdown, self->room_codes),
    .mediator = chosen (self->mediator_dropdown, self->mediator_ids),
    .overdue = gtk_toggle_button_get_active (self->overdue_button),
  };
  g_autofree char *count = NULL;
  guint n;

  gd_dispute_list_model_set_query (self->model, &query);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_sensitive (self->open_button, n > 0);
}

static void
reload_mediators (GdMediationView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GdListQuery query = { .type = GD_DOC_MEDIATOR };
  g_autoptr(GPtrArray) roster = self->store != NULL ? gd_store_list (self->store, &query, NULL) : NULL;

  g_ptr_array_set_size (self->mediator_ids, 0);
  gtk_string_list_append (names, _("All mediators"));
  for (guint i = 0; roster != NULL && i < roster->len; i++)
    {
      gtk_string_list_append (names, gd_json_get_string (roster->pdata[i], "name"));
      g_ptr_array_add (self->mediator_ids, g_strdup (gd_json_get_string (roster->pdata[i], "_id")));
    }
  g_signal_handlers_block_by_func (self->mediator_dropdown, apply_filter, self);
  gtk_drop_down_set_model (self->mediator_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->mediator_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->mediator_dropdown, apply_filter, self);
}

void
gd_mediation_view_reload_mediators (GdMediationView *self)
{
  g_return_if_fail (GD_IS_MEDIATION_VIEW (self));

  reload_mediators (self);
  apply_filter (self);
}

/* A view not on screen reads nothing (the due list and the measures scan the cases): it
 * reads when it is shown. */
static gboolean
defer_until_shown (GdMediationView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->stale = TRUE;
  return TRUE;
}

static void
gd_mediation_view_map (GtkWidget *widget)
{
  GdMediationView *self = GD_MEDIATION_VIEW (widget);

  GTK_WIDGET_CLASS (gd_mediation_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      reload_mediators (self);
      gd_mediation_view_reload (self);
    }
}

void
gd_mediation_view_reload (GdMediationView *self)
{
  g_return_if_fail (GD_IS_MEDIATION_VIEW (self));

  if (defer_until_shown (self))
    return;
  apply_filter (self);
  reload_due (self);
  reload_measures (self);
}

void
gd_mediation_view_set_store (GdMediationView *self,
                             GdStore         *store)
{
  g_return_if_fail (GD_IS_MEDIATION_VIEW (self));

  self->store = store;
  gd_dispute_list_model_set_store (self->model, store);
  if (defer_until_shown (self))
    return;
  reload_mediators (self);
  gd_mediation_view_reload (self);
}

static void
reload_all (GdMediationView *self)
{
  if (defer_until_shown (self))
    return;
  gd_mediation_view_reload (self);
  reload_mediators (self);
}

void
gd_mediation_view_set_session (GdMediationView *self,
                               GdSession       *session)
{
  g_return_if_fail (GD_IS_MEDIATION_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));

  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_mediation_view_set_store);
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_DISPUTE) | GD_DOC_MASK (GD_DOC_MEDIATOR), self,
                    (GdSessionReloadFunc) reload_all);
}

void
gd_mediation_view_set_grid (GdMediationView *self,
                            const char      *code)
{
  g_return_if_fail (GD_IS_MEDIATION_VIEW (self));

  if (g_strcmp0 (self->grid, code) == 0)
    return;
  g_free (self->grid);
  self->grid = g_strdup (code);
  gd_mediation_view_reload (self);
}

static void
on_open_clicked (GdMediationView *self)
{
  GdDisputeItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    g_signal_emit (self, signals[DISPUTE_ACTIVATED], 0, gd_dispute_item_get_row (item)->id);
}

static void
on_list_activate (GtkListView     *list,
                  guint            position,
                  GdMediationView *self)
{
  g_autoptr(GdDisputeItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    g_signal_emit (self, signals[DISPUTE_ACTIVATED], 0, gd_dispute_item_get_row (item)->id);
}

static void
on_new_clicked (GdMediationView *self)
{
  g_signal_emit (self, signals[NEW_DISPUTE], 0);
}

static void
on_roster_clicked (GdMediationView *self)
{
  g_signal_emit (self, signals[MANAGE_MEDIATORS], 0);
}

/* "All …" then the code table's items by display name; `codes` gets the codes. */
static GtkDropDown *
code_filter (const char *list,
             const char *all,
             GPtrArray  *codes)
{
  GdCodeTable *table = gd_codes_get (list);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  gtk_string_list_append (names, all);
  for (guint i = 0; table != NULL && i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);

      if (item->parent != NULL)
        continue;
      gtk_string_list_append (names, gd_code_display_name (list, item->code));
      g_ptr_array_add (codes, (gpointer) item->code);
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gd_dropdown_follow_popup_selection (dropdown);
  return dropdown;
}

static GtkDropDown *
filter_dropdown (GdMediationView *self,
                 GtkDropDown     *dropdown,
                 const char      *label,
                 guint            position)
{
  GtkWidget *sibling = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box));

  for (guint i = 0; i + 1 < position && sibling != NULL; i++)
    sibling = gtk_widget_get_next_sibling (sibling);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), label);
  gtk_box_insert_child_after (self->filter_box, GTK_WIDGET (dropdown), position == 0 ? NULL : sibling);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (apply_filter), self);
  return dropdown;
}

static void
gd_mediation_view_dispose (GObject *object)
{
  GdMediationView *self = GD_MEDIATION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_MEDIATION_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->mediator_ids, g_ptr_array_unref);
  g_clear_pointer (&self->status_codes, g_ptr_array_unref);
  g_clear_pointer (&self->category_codes, g_ptr_array_unref);
  g_clear_pointer (&self->room_codes, g_ptr_array_unref);
  g_clear_pointer (&self->grid, g_free);
  G_OBJECT_CLASS (gd_mediation_view_parent_class)->dispose (object);
}

static void
gd_mediation_view_class_init (GdMediationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_mediation_view_dispose;
  widget_class->map = gd_mediation_view_map;

  signals[DISPUTE_ACTIVATED] = g_signal_new ("dispute-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NEW_DISPUTE] = g_signal_new ("new-dispute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MANAGE_MEDIATORS] = g_signal_new ("manage-mediators", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-mediation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, open_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, roster_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, new_button);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, measures_label);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, list_view);
  gtk_widget_class_bind_template_child (widget_class, GdMediationView, due_list);
}

static void
gd_mediation_view_init (GdMediationView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mediator_ids = g_ptr_array_new_with_free_func (g_free);
  self->model = gd_dispute_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->status_codes = g_ptr_array_new ();
  self->category_codes = g_ptr_array_new ();
  self->room_codes = g_ptr_array_new ();
  self->status_dropdown = filter_dropdown (self, code_filter ("dispute-statuses", _("All statuses"), self->status_codes),
                                           _("Status"), 0);
  self->category_dropdown = filter_dropdown (self, code_filter ("dispute-categories", _("All categories"), self->category_codes),
                                             _("Category"), 1);
  self->room_dropdown = filter_dropdown (self, code_filter ("mediation-rooms", _("All rooms"), self->room_codes),
                                         _("Mediation room"), 2);
  self->mediator_dropdown = filter_dropdown (self, GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL)),
                                             _("Mediator"), 3);
  gd_dropdown_follow_popup_selection (self->mediator_dropdown);

  g_signal_connect_swapped (self->overdue_button, "toggled", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (on_open_clicked), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (on_new_clicked), self);
  g_signal_connect_swapped (self->roster_button, "clicked", G_CALLBACK (on_roster_clicked), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);
}

GtkWidget *
gd_mediation_view_new (void)
{
  return g_object_new (GD_TYPE_MEDIATION_VIEW, NULL);
}
