/* gd-search-popover.c: the header bar's global search.
 *
 * A search entry over a recycled GtkListView of hits from gd_store_search(): persons first,
 * then households. Lists show ID numbers masked (gd_mask_id_number); the full number is only
 * in the person window, behind the role check and the audit log.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-search-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-mask.h"
#include "gd-search-popover.h"

#define MAX_HITS 50

/* One hit (a private item type of the result list) */

#define GD_TYPE_SEARCH_RESULT (gd_search_result_get_type ())
G_DECLARE_FINAL_TYPE (GdSearchResult, gd_search_result, GD, SEARCH_RESULT, GObject)

struct _GdSearchResult
{
  GObject      parent_instance;
  GdSearchHit *hit;
};

G_DEFINE_FINAL_TYPE (GdSearchResult, gd_search_result, G_TYPE_OBJECT)

static void
gd_search_result_finalize (GObject *object)
{
  GdSearchResult *self = GD_SEARCH_RESULT (object);

  g_clear_pointer (&self->hit, gd_search_hit_free);

  G_OBJECT_CLASS (gd_search_result_parent_class)->finalize (object);
}

static void
gd_search_result_class_init (GdSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_search_result_finalize;
}

static void
gd_search_result_init (GdSearchResult *self)
{
}

/* The popover */

struct _GdSearchPopover
{
  GtkPopover      parent_instance;

  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkLabel       *message_label;
  GtkListView    *list_view;
  GListStore     *results;

  GdStore        *store;   /* borrowed */
};

G_DEFINE_FINAL_TYPE (GdSearchPopover, gd_search_popover, GTK_TYPE_POPOVER)

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (GdSearchPopover *self,
              const char      *message)
{
  g_assert (GD_IS_SEARCH_POPOVER (self));

  gtk_label_set_label (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_hint (GdSearchPopover *self)
{
  show_message (self, _("Type a name, pinyin initials such as “zs”, the last digits of an ID or phone number, or part of an address."));
}

static void
run_search (GdSearchPopover *self)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert (GD_IS_SEARCH_POPOVER (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_list_store_remove_all (self->results);

  if (*text == '\0')
    {
      show_hint (self);
      return;
    }

  if (self->store == NULL)
    {
      show_message (self, _("The database is not open yet."));
      return;
    }

  hits = gd_store_search (self->store, text, MAX_HITS, &error);
  if (hits == NULL)
    {
      g_warning ("Search for “%s” failed: %s", text, error->message);
      show_message (self, _("The search failed. Try other words."));
      return;
    }

  if (hits->len == 0)
    {
      show_message (self, _("No residents or households found."));
      return;
    }

  /* the results take over the hits */
  g_ptr_array_set_free_func (hits, NULL);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      GdSearchResult *result = g_object_new (GD_TYPE_SEARCH_RESULT, NULL);

      result->hit = g_ptr_array_index (hits, i);
      g_ptr_array_add (items, result);
    }
  g_list_store_splice (self->results, 0, 0, items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
activate_position (GdSearchPopover *self,
                   guint            position)
{
  g_autoptr(GdSearchResult) result = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *member_id = NULL;
  int kind;

  g_assert (GD_IS_SEARCH_POPOVER (self));

  result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (result == NULL)
    return;

  /* the handler may clear the list: keep what it needs */
  kind = result->hit->kind;
  doc_id = g_strdup (result->hit->doc_id);
  member_id = g_strdup (result->hit->member_id);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[HIT_ACTIVATED], 0, kind, doc_id, member_id);
}

/* Rows */

typedef struct
{
  GtkImage *icon;
  GtkLabel *name;
  GtkLabel *id_number;
  GtkLabel *details;
} Row;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box, *text, *first_line, *widget;
  Row *row = g_new0 (Row, 1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  widget = gtk_image_new ();
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_box_append (GTK_BOX (box), widget);
  row->icon = GTK_IMAGE (widget);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  first_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (text), first_line);

  widget = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widget), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (widget, "heading");
  gtk_box_append (GTK_BOX (first_line), widget);
  row->name = GTK_LABEL (widget);

  widget = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widget), 1.0);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, "numeric");
  gtk_box_append (GTK_BOX (first_line), widget);
  row->id_number = GTK_LABEL (widget);

  /* addresses are long: two lines before anything is cut */
  widget = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widget), 0.0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (widget), 2);
  gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (widget), 1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, "caption");
  gtk_box_append (GTK_BOX (text), widget);
  row->details = GTK_LABEL (widget);

  g_object_set_data_full (G_OBJECT (box), "gd-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GdSearchResult *result = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "gd-row");
  const GdSearchHit *hit = result->hit;
  g_autofree char *masked = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  const char *number = hit->household_number != NULL ? hit->household_number : "";
  const char *name = hit->name != NULL && *hit->name != '\0' ? hit->name : _("(no name)");
  gboolean person = hit->kind == GD_HIT_PERSON;

  if (hit->id_number != NULL && *hit->id_number != '\0')
    masked = gd_mask_id_number (hit->id_number);

  if (hit->kind == GD_HIT_ORGANISATION)
    /* Translators: second line of an organisation hit: credit code (or none) · address */
    details = g_strdup_printf (_("%s · %s"),
                               hit->credit_code != NULL ? hit->credit_code : _("no credit code"),
                               hit->address != NULL ? hit->address : "");
  else if (hit->address != NULL && *hit->address != '\0')
    /* Translators: second line of a search hit: household number · address */
    details = g_strdup_printf (_("Household %s · %s"), number, hit->address);
  else
    details = g_strdup_printf (_("Household %s"), number);

  gtk_image_set_from_icon_name (row->icon, person ? "avatar-default-symbolic"
                                            : hit->kind == GD_HIT_ORGANISATION ? "x-office-address-book-symbolic"
                                            : "user-home-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->icon),
                               person ? _("Resident")
                               : hit->kind == GD_HIT_ORGANISATION ? _("Organisation") : _("Household"));
  gtk_label_set_label (row->name, name);
  gtk_label_set_label (row->id_number, masked != NULL ? masked : "");
  gtk_label_set_label (row->details, details);

  if (person)
    /* Translators: what a screen reader says for a search hit: name, ID (masked), details */
    accessible = g_strdup_printf (_("Resident %s, ID %s, %s"), name,
                                  masked != NULL ? masked : _("none"), details);
  else if (hit->kind == GD_HIT_ORGANISATION)
    /* Translators: what a screen reader says for an organisation hit: its name, details */
    accessible = g_strdup_printf (_("Organisation %s, %s"), name, details);
  else
    /* Translators: what a screen reader says for a household hit: head's name, details */
    accessible = g_strdup_printf (_("Household of %s, %s"), name, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* Signals */

static void
on_entry_search_changed (GtkSearchEntry  *entry,
                         GdSearchPopover *self)
{
  run_search (self);
}

static void
on_entry_activate (GtkSearchEntry  *entry,
                   GdSearchPopover *self)
{
  /* Enter takes the best hit; a search still pending runs first */
  run_search (self);
  activate_position (self, 0);
}

static void
on_entry_stop_search (GtkSearchEntry  *entry,
                      GdSearchPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GdSearchPopover       *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_list_view_activate (GtkListView     *list_view,
                       guint            position,
                       GdSearchPopover *self)
{
  activate_position (self, position);
}

/* GObject and GtkWidget */

static void
gd_search_popover_map (GtkWidget *widget)
{
  GdSearchPopover *self = GD_SEARCH_POPOVER (widget);

  GTK_WIDGET_CLASS (gd_search_popover_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
gd_search_popover_dispose (GObject *object)
{
  GdSearchPopover *self = GD_SEARCH_POPOVER (object);

  self->store = NULL;
  g_clear_object (&self->results);

  G_OBJECT_CLASS (gd_search_popover_parent_class)->dispose (object);
}

static void
gd_search_popover_class_init (GdSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_search_popover_dispose;
  widget_class->map = gd_search_popover_map;

  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);
}

static void
gd_search_popover_init (GdSearchPopover *self)
{
  GtkWidget *box, *scrolled, *label;
  GtkEventController *controller;
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;

  gtk_widget_add_css_class (GTK_WIDGET (self), "search-popover");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 600, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry,
                "placeholder-text", _("Find a resident or household"),
                NULL);
  gtk_search_entry_set_search_delay (self->entry, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a Resident"),
                                  -1);
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_entry_search_changed), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (on_entry_stop_search), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, TRUE);
  gtk_stack_set_interpolate_size (self->stack, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_stack_add_named (self->stack, label, "message");
  self->message_label = GTK_LABEL (label);

  self->results = g_list_store_new (GD_TYPE_SEARCH_RESULT);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Results"),
                                  -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_view_activate), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_stack_add_named (self->stack, scrolled, "results");

  show_hint (self);
}

GtkWidget *
gd_search_popover_new (void)
{
  return g_object_new (GD_TYPE_SEARCH_POPOVER, NULL);
}

void
gd_search_popover_set_session (GdSearchPopover *self,
                               GdSession       *session)
{
  g_return_if_fail (GD_IS_SEARCH_POPOVER (self));
  g_return_if_fail (GD_IS_SESSION (session));

  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_search_popover_set_store);
}

void
gd_search_popover_set_store (GdSearchPopover *self,
                             GdStore         *store)
{
  g_return_if_fail (GD_IS_SEARCH_POPOVER (self));

  self->store = store;
  gd_search_popover_clear (self);
}

void
gd_search_popover_clear (GdSearchPopover *self)
{
  g_return_if_fail (GD_IS_SEARCH_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_list_store_remove_all (self->results);
  show_hint (self);
}
