/* gd-dispute-list-model.c: the paged case list of the Mediation view.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-list-model"

#include "config.h"

#include <string.h>

#include "gd-dispute-list-model.h"
#include "gd-display.h"

/* ---- one case ---- */

struct _GdDisputeItem
{
  GObject       parent_instance;
  GdDisputeRow *row;
};

G_DEFINE_FINAL_TYPE (GdDisputeItem, gd_dispute_item, G_TYPE_OBJECT)

static void
gd_dispute_item_finalize (GObject *object)
{
  g_clear_pointer (&GD_DISPUTE_ITEM (object)->row, gd_dispute_row_free);
  G_OBJECT_CLASS (gd_dispute_item_parent_class)->finalize (object);
}

static void
gd_dispute_item_class_init (GdDisputeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_dispute_item_finalize;
}

static void
gd_dispute_item_init (GdDisputeItem *self)
{
}

GdDisputeItem *
gd_dispute_item_new (GdDisputeRow *row)
{
  GdDisputeItem *self = g_object_new (GD_TYPE_DISPUTE_ITEM, NULL);

  self->row = row;
  return self;
}

const GdDisputeRow *
gd_dispute_item_get_row (GdDisputeItem *self)
{
  g_return_val_if_fail (GD_IS_DISPUTE_ITEM (self), NULL);
  return self->row;
}

/* ---- the list ---- */

struct _GdDisputeListModel
{
  GObject         parent_instance;

  GdStore        *store;   /* borrowed */
  GdDisputeQuery  query;   /* strings owned */
  GDate           today;
  guint           n_items;
  GHashTable     *pages;   /* page index -> GPtrArray of GdDisputeItem */
  guint           n_page_reads;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GdDisputeListModel, gd_dispute_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return GD_TYPE_DISPUTE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GD_DISPUTE_LIST_MODEL (model)->n_items;
}

static GPtrArray *
load_page (GdDisputeListModel *self,
           guint               page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GdDisputeQuery query = self->query;
  GPtrArray *items;

  query.limit = GD_DISPUTE_LIST_MODEL_PAGE_SIZE;
  query.offset = page * GD_DISPUTE_LIST_MODEL_PAGE_SIZE;
  query.today = &self->today;
  self->n_page_reads++;
  rows = gd_mediation_list (self->store, &query, &error);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (rows == NULL)
    {
      g_warning ("Cannot read mediation cases: %s", error->message);
      return items;
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, gd_dispute_item_new (g_steal_pointer (&rows->pdata[i])));
  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GdDisputeListModel *self = GD_DISPUTE_LIST_MODEL (model);
  guint page = position / GD_DISPUTE_LIST_MODEL_PAGE_SIZE;
  guint index = position % GD_DISPUTE_LIST_MODEL_PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items || self->store == NULL)
    return NULL;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  return index < items->len ? g_object_ref (items->pdata[index]) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
query_clear (GdDisputeQuery *query)
{
  g_free ((char *) query->grid);
  g_free ((char *) query->status);
  g_free ((char *) query->category);
  g_free ((char *) query->room);
  g_free ((char *) query->mediator);
  memset (query, 0, sizeof *query);
}

static void
gd_dispute_list_model_finalize (GObject *object)
{
  GdDisputeListModel *self = GD_DISPUTE_LIST_MODEL (object);

  query_clear (&self->query);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  G_OBJECT_CLASS (gd_dispute_list_model_parent_class)->finalize (object);
}

static void
gd_dispute_list_model_class_init (GdDisputeListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_dispute_list_model_finalize;
}

static void
gd_dispute_list_model_init (GdDisputeListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_date_clear (&self->today, 1);
}

GdDisputeListModel *
gd_dispute_list_model_new (void)
{
  return g_object_new (GD_TYPE_DISPUTE_LIST_MODEL, NULL);
}

void
gd_dispute_list_model_reload (GdDisputeListModel *self)
{
  g_autoptr(GError) error = NULL;
  guint old = self->n_items;
  GdDisputeQuery query = self->query;
  gint64 n = 0;

  g_return_if_fail (GD_IS_DISPUTE_LIST_MODEL (self));

  /* badges count days from today, as the grid centre's calendar has it */
  gd_mediation_today (&self->today);
  query.today = &self->today;
  g_hash_table_remove_all (self->pages);
  if (self->store != NULL && (n = gd_mediation_count (self->store, &query, &error)) < 0)
    {
      g_warning ("Cannot count mediation cases: %s", error->message);
      n = 0;
    }
  self->n_items = (guint) n;
  if (old > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

void
gd_dispute_list_model_set_store (GdDisputeListModel *self,
                                 GdStore            *store)
{
  g_return_if_fail (GD_IS_DISPUTE_LIST_MODEL (self));
  self->store = store;
  gd_dispute_list_model_reload (self);
}

void
gd_dispute_list_model_set_query (GdDisputeListModel   *self,
                                 const GdDisputeQuery *query)
{
  g_return_if_fail (GD_IS_DISPUTE_LIST_MODEL (self));

  query_clear (&self->query);
  self->query.grid = g_strdup (query->grid);
  self->query.status = g_strdup (query->status);
  self->query.category = g_strdup (query->category);
  self->query.room = g_strdup (query->room);
  self->query.mediator = g_strdup (query->mediator);
  self->query.overdue = query->overdue;
  gd_dispute_list_model_reload (self);
}

guint
gd_dispute_list_model_get_n_page_reads (GdDisputeListModel *self)
{
  return self->n_page_reads;
}
