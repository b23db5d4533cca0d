/* gd-sidebar.c: the navigator of the hierarchy town → village → grid.
 *
 * A GtkListView over a GtkTreeListModel: rows are recycled, so a town with hundreds of grids
 * costs a screenful of widgets. The first row, "All", is the whole scope. Counts are updated
 * in place on refresh, so the selection and the expanded rows stay as they are.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-register.h"
#include "gd-sidebar.h"

/* One node of the tree (a private item type of the sidebar's model) */

#define GD_TYPE_SIDEBAR_ITEM (gd_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (GdSidebarItem, gd_sidebar_item, GD, SIDEBAR_ITEM, GObject)

struct _GdSidebarItem
{
  GObject     parent_instance;

  char       *code;       /* NULL: the "All" row */
  char       *name;
  char       *level;
  gint64      households;
  gint64      persons;
  GListStore *children;   /* of GdSidebarItem, or NULL */
};

G_DEFINE_FINAL_TYPE (GdSidebarItem, gd_sidebar_item, G_TYPE_OBJECT)

enum {
  ITEM_CHANGED,
  N_ITEM_SIGNALS
};

static guint item_signals[N_ITEM_SIGNALS];

static void
gd_sidebar_item_finalize (GObject *object)
{
  GdSidebarItem *self = GD_SIDEBAR_ITEM (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->level);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (gd_sidebar_item_parent_class)->finalize (object);
}

static void
gd_sidebar_item_class_init (GdSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_sidebar_item_finalize;

  /* the counts changed: bound rows update their labels */
  item_signals[ITEM_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gd_sidebar_item_init (GdSidebarItem *self)
{
}

static GdSidebarItem *
gd_sidebar_item_new (const char *code,
                     const char *name,
                     const char *level,
                     gint64      households,
                     gint64      persons)
{
  GdSidebarItem *self = g_object_new (GD_TYPE_SIDEBAR_ITEM, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : code);
  self->level = g_strdup (level);
  self->households = households;
  self->persons = persons;

  return self;
}

/* The sidebar */

struct _GdSidebar
{
  AdwBin              parent_instance;

  /* template children */
  GtkListView        *list_view;

  GdStore            *store;       /* borrowed */
  GListStore         *roots;       /* "All", then the top-level nodes */
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  GHashTable         *by_code;     /* code -> GdSidebarItem (borrowed from the tree) */
  char               *signature;   /* the codes of the tree, to tell a structural change */

  GdSidebarItem      *selected;    /* owned */
  guint               selecting;   /* > 0 while the selection changes from code */
};

G_DEFINE_FINAL_TYPE (GdSidebar, gd_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTED_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counts as shown: "312 households · 1,046 persons" (digits grouped as the locale does) */
static char *
format_counts (gint64 households,
               gint64 persons)
{
  g_autofree char *h = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (households, 0));
  g_autofree char *p = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (persons, 0));

  /* Translators: counts in the narrow sidebar under a town, village or grid name;
   * keep it short. The first %s is the number of households, the second of persons. */
  return g_strdup_printf (C_("sidebar counts", "%s households · %s persons"), h, p);
}

static char *
format_accessible (GdSidebarItem *item)
{
  g_autofree char *h = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (item->households, 0));
  g_autofree char *p = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (item->persons, 0));

  /* Translators: what a screen reader says for a sidebar row: name, households, persons */
  return g_strdup_printf (_("%s: %s households, %s persons"), item->name, h, p);
}

/* Building the tree */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GdSidebarItem *node = item;

  if (node->children == NULL || g_list_model_get_n_items (G_LIST_MODEL (node->children)) == 0)
    return NULL;

  return g_object_ref (G_LIST_MODEL (node->children));
}

/* Reads the tree; NULL (with a warning) when the store cannot. */
static GPtrArray *
read_tree (GdSidebar *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *nodes;

  g_assert (GD_IS_SIDEBAR (self));

  if (self->store == NULL)
    return NULL;

  nodes = gd_store_grid_tree (self->store, &error);
  if (nodes == NULL)
    g_warning ("Cannot read the grid tree: %s", error->message);

  return nodes;
}

static char *
tree_signature (GPtrArray *nodes)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      GdGridNode *node = g_ptr_array_index (nodes, i);

      g_string_append_printf (signature, "%s<%s=%s;", node->code,
                              node->parent != NULL ? node->parent : "", node->name);
    }

  return g_string_free (signature, FALSE);
}

static void
item_set_counts (GdSidebarItem *item,
                 gint64         households,
                 gint64         persons)
{
  if (item->households == households && item->persons == persons)
    return;

  item->households = households;
  item->persons = persons;
  g_signal_emit (item, item_signals[ITEM_CHANGED], 0);
}

static void
totals (GPtrArray *nodes,
        GHashTable *by_code,
        gint64     *out_households,
        gint64     *out_persons)
{
  *out_households = 0;
  *out_persons = 0;

  /* the top-level nodes already hold the sums of everything below them */
  for (guint i = 0; i < nodes->len; i++)
    {
      GdGridNode *node = g_ptr_array_index (nodes, i);

      if (node->parent == NULL || !g_hash_table_contains (by_code, node->parent))
        {
          *out_households += node->households;
          *out_persons += node->persons;
        }
    }
}

static void begin_selecting (GdSidebar *self);
static void end_selecting   (GdSidebar *self, const char *code_before);

static guint
find_position (GdSidebar  *self,
               const char *code,
               gboolean    expand)
{
  GListModel *rows = G_LIST_MODEL (self->tree_model);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      GdSidebarItem *item = gtk_tree_list_row_get_item (row);
      gboolean found;

      found = g_strcmp0 (item->code, code) == 0;
      if (!found && expand && code != NULL && item->code != NULL &&
          g_str_has_prefix (code, item->code))
        gtk_tree_list_row_set_expanded (row, TRUE);

      g_object_unref (item);
      if (found)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
rebuild (GdSidebar *self,
         GPtrArray *nodes)
{
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GdSidebarItem) all = NULL;
  GListModel *rows;
  gint64 households, persons;
  guint position;

  g_assert (GD_IS_SIDEBAR (self));

  keep = self->selected != NULL ? g_strdup (self->selected->code) : NULL;

  begin_selecting (self);

  g_hash_table_remove_all (self->by_code);
  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      GdGridNode *node = g_ptr_array_index (nodes, i);
      GdSidebarItem *item = gd_sidebar_item_new (node->code, node->name, node->level,
                                                 node->households, node->persons);
      GdSidebarItem *parent = node->parent != NULL
                              ? g_hash_table_lookup (self->by_code, node->parent) : NULL;

      g_hash_table_insert (self->by_code, item->code, item);
      if (parent != NULL)
        {
          if (parent->children == NULL)
            parent->children = g_list_store_new (GD_TYPE_SIDEBAR_ITEM);
          g_list_store_append (parent->children, item);
          g_object_unref (item);
        }
      else
        g_ptr_array_add (top, item);
    }

  if (nodes != NULL)
    totals (nodes, self->by_code, &households, &persons);
  else
    households = persons = 0;
  all = gd_sidebar_item_new (NULL, C_("all grids", "All"), NULL, households, persons);

  g_list_store_remove_all (self->roots);
  if (nodes != NULL)
    {
      g_list_store_append (self->roots, all);
      g_list_store_splice (self->roots, 1, 0, top->pdata, top->len);
    }

  /* the top level opens: a village shows its grids, a town its villages */
  rows = G_LIST_MODEL (self->tree_model);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_depth (row) == 0 && gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  position = find_position (self, keep, TRUE);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  if (nodes != NULL)
    gtk_single_selection_set_selected (self->selection, position);
  else
    g_clear_object (&self->selected);

  end_selecting (self, keep);
}

static void
update_counts (GdSidebar *self,
               GPtrArray *nodes)
{
  GdSidebarItem *all;
  gint64 households, persons;

  g_assert (GD_IS_SIDEBAR (self));

  for (guint i = 0; i < nodes->len; i++)
    {
      GdGridNode *node = g_ptr_array_index (nodes, i);
      GdSidebarItem *item = g_hash_table_lookup (self->by_code, node->code);

      if (item != NULL)
        item_set_counts (item, node->households, node->persons);
    }

  totals (nodes, self->by_code, &households, &persons);
  all = g_list_model_get_item (G_LIST_MODEL (self->roots), 0);
  if (all != NULL)
    {
      item_set_counts (all, households, persons);
      g_object_unref (all);
    }
}

static void
load (GdSidebar *self,
      gboolean   counts_only)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree char *signature = NULL;

  g_assert (GD_IS_SIDEBAR (self));

  nodes = read_tree (self);
  if (nodes == NULL)
    {
      g_clear_pointer (&self->signature, g_free);
      rebuild (self, NULL);
      return;
    }

  signature = tree_signature (nodes);
  if (counts_only && g_strcmp0 (signature, self->signature) == 0)
    {
      update_counts (self, nodes);
      return;
    }

  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  rebuild (self, nodes);
}

/* Selection changes made from code: the selection may pass through other rows (the model
 * is emptied and refilled); "selected-code" is notified once, if the result differs. */
static void
begin_selecting (GdSidebar *self)
{
  g_assert (GD_IS_SIDEBAR (self));

  self->selecting++;
}

static void
end_selecting (GdSidebar  *self,
               const char *code_before)
{
  g_assert (GD_IS_SIDEBAR (self));
  g_assert (self->selecting > 0);

  self->selecting--;
  if (self->selecting == 0 && g_strcmp0 (code_before, gd_sidebar_get_selected_code (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODE]);
}

/* Rows */

static void
update_row (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box, *name_label, *count_label;
  g_autoptr(GdSidebarItem) item = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *accessible = NULL;

  if (row == NULL || expander == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  name_label = gtk_widget_get_first_child (box);
  count_label = gtk_widget_get_next_sibling (name_label);

  counts = format_counts (item->households, item->persons);
  accessible = format_accessible (item);

  gtk_label_set_label (GTK_LABEL (name_label), item->name);
  gtk_label_set_label (GTK_LABEL (count_label), counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_item_changed (GdSidebarItem *item,
                 GtkListItem   *list_item)
{
  update_row (list_item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *expander, *box, *name_label, *count_label;

  /* two lines, the counts under the name: a grid's name keeps the sidebar's whole width */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);

  name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_box_append (GTK_BOX (box), name_label);

  count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (count_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "caption");
  gtk_box_append (GTK_BOX (box), count_label);

  expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(GdSidebarItem) item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_signal_connect (item, "changed", G_CALLBACK (on_item_changed), list_item);
  update_row (list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  if (row != NULL)
    {
      g_autoptr(GdSidebarItem) item = gtk_tree_list_row_get_item (row);

      g_signal_handlers_disconnect_by_func (item, on_item_changed, list_item);
    }
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* Selection */

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      GdSidebar          *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GdSidebarItem) item = NULL;
  gboolean same;

  g_assert (GD_IS_SIDEBAR (self));

  if (row == NULL)
    return; /* the model is being replaced; a row is chosen right after */

  item = gtk_tree_list_row_get_item (row);
  same = self->selected != NULL && g_strcmp0 (self->selected->code, item->code) == 0;
  g_set_object (&self->selected, item);

  /* changes made from code notify once, when they are done (end_selecting) */
  if (self->selecting > 0)
    return;

  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODE]);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
on_list_view_activate (GtkListView *list_view,
                       guint        position,
                       GdSidebar   *self)
{
  g_assert (GD_IS_SIDEBAR (self));

  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* GObject */

static void
gd_sidebar_dispose (GObject *object)
{
  GdSidebar *self = GD_SIDEBAR (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_SIDEBAR);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->roots);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->by_code, g_hash_table_unref);

  G_OBJECT_CLASS (gd_sidebar_parent_class)->dispose (object);
}

static void
gd_sidebar_finalize (GObject *object)
{
  GdSidebar *self = GD_SIDEBAR (object);

  g_free (self->signature);

  G_OBJECT_CLASS (gd_sidebar_parent_class)->finalize (object);
}

static void
gd_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GdSidebar *self = GD_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CODE:
      g_value_set_string (value, gd_sidebar_get_selected_code (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_sidebar_class_init (GdSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_sidebar_dispose;
  object_class->finalize = gd_sidebar_finalize;
  object_class->get_property = gd_sidebar_get_property;

  properties[PROP_SELECTED_CODE] =
    g_param_spec_string ("selected-code", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, GdSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
}

static void
gd_sidebar_init (GdSidebar *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->roots = g_list_store_new (GD_TYPE_SIDEBAR_ITEM);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)),
                                              FALSE, FALSE, create_children_cb, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect (self->selection, "notify::selected-item",
                    G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
gd_sidebar_new (void)
{
  return g_object_new (GD_TYPE_SIDEBAR, NULL);
}

void
gd_sidebar_set_store (GdSidebar *self,
                      GdStore   *store)
{
  g_return_if_fail (GD_IS_SIDEBAR (self));

  self->store = store;
  g_clear_pointer (&self->signature, g_free);
  load (self, FALSE);
}

void
gd_sidebar_set_session (GdSidebar *self,
                        GdSession *session)
{
  g_return_if_fail (GD_IS_SIDEBAR (self));
  g_return_if_fail (GD_IS_SESSION (session));

  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_sidebar_set_store);
  /* the counts of the tree */
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_GRID) | GD_DOC_MASK (GD_DOC_HOUSEHOLD), self,
                    (GdSessionReloadFunc) gd_sidebar_refresh);
}

void
gd_sidebar_refresh (GdSidebar *self)
{
  g_return_if_fail (GD_IS_SIDEBAR (self));

  load (self, TRUE);
}

const char *
gd_sidebar_get_selected_code (GdSidebar *self)
{
  g_return_val_if_fail (GD_IS_SIDEBAR (self), NULL);

  return self->selected != NULL ? self->selected->code : NULL;
}

const char *
gd_sidebar_get_selected_name (GdSidebar *self)
{
  g_return_val_if_fail (GD_IS_SIDEBAR (self), NULL);

  return self->selected != NULL ? self->selected->name : NULL;
}

const char *
gd_sidebar_get_selected_level (GdSidebar *self)
{
  g_return_val_if_fail (GD_IS_SIDEBAR (self), NULL);

  return self->selected != NULL ? self->selected->level : NULL;
}

gboolean
gd_sidebar_select_code (GdSidebar  *self,
                        const char *code)
{
  g_autofree char *before = NULL;
  guint position;

  g_return_val_if_fail (GD_IS_SIDEBAR (self), FALSE);

  position = find_position (self, code, TRUE);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  before = g_strdup (gd_sidebar_get_selected_code (self));
  begin_selecting (self);
  gtk_single_selection_set_selected (self->selection, position);
  end_selecting (self, before);

  return TRUE;
}
