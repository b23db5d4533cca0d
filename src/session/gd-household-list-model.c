/* gd-household-list-model.c: the household register as a paged GListModel.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * n_items is one count(*) of the filtered register; an item is read with the page of
 * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE rows that holds it, and the last few pages are kept as
 * items (least recently used first out), so a row asked for again while its page is cached
 * is the same object. Scrolling asks for neighbouring rows, which mostly hit the cache.
 *
 * Read-ahead: the next PREFETCH_PAGES pages in the direction the rows are being asked for
 * (down or up, from the last change of page) are read one at a time on a worker thread,
 * through a second connection to the same database file (WAL lets it read while the app
 * writes). A page sorted by a column without an index takes tens of milliseconds to read on
 * a town; read ahead, scrolling finds it cached instead of waiting a frame or two. A row of
 * the page the worker is reading waits for that read rather than repeating it; a jump
 * (dragging the scroll bar) reads its page on the spot. A page read for an older filter or
 * before a reload is dropped (generations).
 */

#define G_LOG_DOMAIN "gd-household-list-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-display.h"
#include "gd-household-item.h"
#include "gd-household-list-model.h"

typedef struct
{
  guint      index;  /* page number: rows [index * PAGE_SIZE, …) */
  GPtrArray *items;  /* GdHouseholdItem, as many as the query returned */
} Page;

struct _GdHouseholdListModel
{
  GObject            parent_instance;

  GdStore           *store;   /* borrowed */
  GdHouseholdFilter  filter;  /* strings owned */
  guint              n_items;
  GQueue             pages;   /* Page *, most recently used first */
  GError            *error;
  guint64            n_page_fetches;

  /* read-ahead */
  gboolean           prefetch;
  guint              generation;  /* bumped whenever the rows change */
  guint              last_index;  /* the page of the last row asked for */
  gboolean           forward;     /* the direction of the last change of page */
  GdStore           *reader;      /* the worker's connection while no task holds it */
  struct _Prefetch  *in_flight;   /* the task's data while a task is out */
  guint64            n_prefetches;
};

/* pages read ahead of the one in use */
#define PREFETCH_PAGES 2
/* the read-ahead connection reads a page of rows at a time: a small page cache */
#define READER_CACHE_KIB 2048

static void gd_household_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GdHouseholdListModel, gd_household_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gd_household_list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (GdHouseholdListModel *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static void
set_error (GdHouseholdListModel *self,
           GError               *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static guint
count (GdHouseholdListModel *self)
{
  GError *error = NULL;
  gint64 n;

  if (self->store == NULL)
    return 0;
  n = gd_store_count_households (self->store, &self->filter, &error);
  if (n < 0)
    {
      g_warning ("Cannot count households: %s", error ? error->message : "unknown error");
      set_error (self, error);
      return 0;
    }
  return (guint) MIN (n, (gint64) G_MAXUINT);
}

static gboolean
page_is_cached (GdHouseholdListModel *self,
                guint                 index)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    if (((Page *) link->data)->index == index)
      return TRUE;
  return FALSE;
}

/* The cached page `index`, moved to the front; NULL when not cached. */
static Page *
lookup_page (GdHouseholdListModel *self,
             guint                 index)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->index == index)
        {
          if (link != self->pages.head)
            {
              g_queue_unlink (&self->pages, link);
              g_queue_push_head_link (&self->pages, link);
            }
          return page;
        }
    }
  return NULL;
}

/* Caches the items of `rows` (taken over) as page `index`, most recently used. */
static Page *
add_page (GdHouseholdListModel *self,
          guint                 index,
          GPtrArray            *rows)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->items = g_ptr_array_new_full (rows ? rows->len : 0, g_object_unref);
  if (rows != NULL)
    {
      /* the items take the rows over */
      g_ptr_array_set_free_func (rows, NULL);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (page->items, gd_household_item_new (rows->pdata[i]));
      g_ptr_array_unref (rows);
    }

  g_queue_push_head (&self->pages, page);
  while (self->pages.length > GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static Page *
fetch_page (GdHouseholdListModel *self,
            guint                 index)
{
  GPtrArray *rows;
  GError *error = NULL;

  g_assert (self->store != NULL);

  rows = gd_store_household_page (self->store, &self->filter,
                                  index * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE,
                                  GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE, &error);
  self->n_page_fetches++;
  g_debug ("Read page %u on the spot", index);
  if (rows == NULL)
    {
      g_warning ("Cannot read households: %s", error ? error->message : "unknown error");
      set_error (self, error);
    }
  return add_page (self, index, rows);
}

/* Read-ahead */

typedef struct _Prefetch
{
  char              *path;
  GdStore           *reader;  /* moved in from the model and back */
  GdHouseholdFilter  filter;  /* strings owned */
  guint              index;
  guint              generation;

  /* the worker's result, which the main thread may take before the task completes */
  GMutex             lock;
  GCond              cond;
  gboolean           done;
  GPtrArray         *rows;
  GError            *error;
} Prefetch;

static void filter_copy  (GdHouseholdFilter *dest, const GdHouseholdFilter *src);
static void filter_clear (GdHouseholdFilter *filter);
static void prefetch_ahead (GdHouseholdListModel *self);

static void
prefetch_free (gpointer data)
{
  Prefetch *prefetch = data;

  g_clear_pointer (&prefetch->reader, gd_store_free);
  g_clear_pointer (&prefetch->rows, g_ptr_array_unref);
  g_clear_error (&prefetch->error);
  filter_clear (&prefetch->filter);
  g_mutex_clear (&prefetch->lock);
  g_cond_clear (&prefetch->cond);
  g_free (prefetch->path);
  g_free (prefetch);
}

static void
prefetch_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Prefetch *prefetch = task_data;
  GError *error = NULL;
  GPtrArray *rows = NULL;

  if (prefetch->reader == NULL && (prefetch->reader = gd_store_open (prefetch->path, &error)) != NULL)
    gd_store_set_cache_size (prefetch->reader, READER_CACHE_KIB);
  if (prefetch->reader != NULL)
    rows = gd_store_household_page (prefetch->reader, &prefetch->filter,
                                    prefetch->index * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE,
                                    GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE, &error);

  g_mutex_lock (&prefetch->lock);
  prefetch->rows = rows;
  prefetch->error = error;
  prefetch->done = TRUE;
  g_cond_signal (&prefetch->cond);
  g_mutex_unlock (&prefetch->lock);

  g_task_return_boolean (task, TRUE);
}

/* The rows of the page being read ahead, waiting for the worker; NULL if it failed. */
static GPtrArray *
prefetch_wait (Prefetch *prefetch)
{
  GPtrArray *rows;

  g_mutex_lock (&prefetch->lock);
  while (!prefetch->done)
    g_cond_wait (&prefetch->cond, &prefetch->lock);
  rows = g_steal_pointer (&prefetch->rows);
  g_mutex_unlock (&prefetch->lock);
  return rows;
}

static void
prefetch_done (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GdHouseholdListModel *self = GD_HOUSEHOLD_LIST_MODEL (source_object);
  Prefetch *prefetch = g_task_get_task_data (G_TASK (result));
  GPtrArray *rows;

  g_assert (self->in_flight == prefetch);
  self->in_flight = NULL;
  /* keep the connection for the next page, unless the store changed meanwhile */
  if (self->reader == NULL && self->store != NULL &&
      g_strcmp0 (prefetch->path, gd_store_get_path (self->store)) == 0)
    self->reader = g_steal_pointer (&prefetch->reader);

  rows = prefetch_wait (prefetch); /* done already: this only takes the rows */
  if (rows == NULL)
    {
      /* taken by get_item, or failed (get_item will read the page itself and report) */
      if (prefetch->error != NULL)
        g_debug ("Reading page %u ahead failed: %s", prefetch->index, prefetch->error->message);
    }
  else if (prefetch->generation != self->generation || page_is_cached (self, prefetch->index))
    g_ptr_array_unref (rows);
  else
    {
      add_page (self, prefetch->index, rows);
      self->n_prefetches++;
    }

  prefetch_ahead (self);
}

static void
prefetch_start (GdHouseholdListModel *self,
                guint                 index)
{
  g_autoptr(GTask) task = NULL;
  Prefetch *prefetch;

  prefetch = g_new0 (Prefetch, 1);
  prefetch->path = g_strdup (gd_store_get_path (self->store));
  prefetch->reader = g_steal_pointer (&self->reader);
  filter_copy (&prefetch->filter, &self->filter);
  prefetch->index = index;
  prefetch->generation = self->generation;
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->cond);

  self->in_flight = prefetch;
  task = g_task_new (self, NULL, prefetch_done, NULL);
  g_task_set_source_tag (task, prefetch_start);
  g_task_set_task_data (task, prefetch, prefetch_free);
  g_task_run_in_thread (task, prefetch_thread);
}

/* Starts reading the nearest uncached page ahead, if the worker is free. */
static void
prefetch_ahead (GdHouseholdListModel *self)
{
  const char *path;

  if (!self->prefetch || self->store == NULL || self->in_flight != NULL || self->n_items == 0)
    return;
  /* a second connection needs a database file (not an in-memory one) */
  path = gd_store_get_path (self->store);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;

  for (guint distance = 1; distance <= PREFETCH_PAGES; distance++)
    {
      guint index;

      if (self->forward)
        index = self->last_index + distance;
      else if (self->last_index >= distance)
        index = self->last_index - distance;
      else
        return;
      if ((guint64) index * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE >= self->n_items)
        return;
      if (!page_is_cached (self, index))
        {
          prefetch_start (self, index);
          return;
        }
    }
}

static GType
gd_household_list_model_get_item_type (GListModel *model)
{
  return GD_TYPE_HOUSEHOLD_ITEM;
}

static guint
gd_household_list_model_get_n_items (GListModel *model)
{
  return GD_HOUSEHOLD_LIST_MODEL (model)->n_items;
}

static gpointer
gd_household_list_model_get_item (GListModel *model,
                                  guint       position)
{
  GdHouseholdListModel *self = GD_HOUSEHOLD_LIST_MODEL (model);
  guint index = position / GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE;
  guint offset = position % GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items || self->store == NULL)
    return NULL;

  if ((page = lookup_page (self, index)) == NULL)
    {
      GPtrArray *rows = NULL;

      /* the worker is reading this very page: wait for it rather than read it twice */
      if (self->in_flight != NULL && self->in_flight->index == index &&
          self->in_flight->generation == self->generation)
        {
          rows = prefetch_wait (self->in_flight);
          if (rows != NULL)
            self->n_prefetches++;
        }
      page = rows != NULL ? add_page (self, index, rows) : fetch_page (self, index);
    }

  if (index != self->last_index)
    {
      self->forward = index > self->last_index;
      self->last_index = index;
    }
  prefetch_ahead (self);

  if (offset >= page->items->len)
    {
      /* The register shrank behind our back (another window deleted a household) and a
       * reload is on its way; stand in with an empty row rather than break the contract. */
      while (page->items->len <= offset)
        {
          GdHouseholdRow *row = g_new0 (GdHouseholdRow, 1);

          row->tags = g_new0 (char *, 1);
          g_ptr_array_add (page->items, gd_household_item_new (row));
        }
    }
  return g_object_ref (page->items->pdata[offset]);
}

static void
gd_household_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gd_household_list_model_get_item_type;
  iface->get_n_items = gd_household_list_model_get_n_items;
  iface->get_item = gd_household_list_model_get_item;
}

/* Re-count and announce every row replaced. */
static void
refresh (GdHouseholdListModel *self)
{
  guint old = self->n_items;
  guint n;

  clear_pages (self);
  g_clear_error (&self->error);
  self->generation++;
  self->last_index = 0;
  self->forward = TRUE;
  n = count (self);
  /* Two signals, every row out then the new ones in: given one signal that removes and adds,
   * GTK 4.8's list item manager looks for its focused, selected and anchor rows among all
   * the added ones (get_item on every row: the whole register read, page after page). */
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = n;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

GdHouseholdListModel *
gd_household_list_model_new (GdStore *store)
{
  GdHouseholdListModel *self = g_object_new (GD_TYPE_HOUSEHOLD_LIST_MODEL, NULL);

  gd_household_list_model_set_store (self, store);
  return self;
}

void
gd_household_list_model_set_store (GdHouseholdListModel *self,
                                   GdStore              *store)
{
  g_return_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self));

  if (self->store == store)
    return;
  self->store = store;
  /* the worker's connection belongs to the old database */
  g_clear_pointer (&self->reader, gd_store_free);
  refresh (self);
}

GdStore *
gd_household_list_model_get_store (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), NULL);

  return self->store;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
filter_clear (GdHouseholdFilter *filter)
{
  g_free ((char *) filter->grid);
  g_free ((char *) filter->text);
  g_free ((char *) filter->residence);
  g_free ((char *) filter->care_tag);
  memset (filter, 0, sizeof *filter);
}

static gboolean
filter_equal (const GdHouseholdFilter *a,
              const GdHouseholdFilter *b)
{
  return g_strcmp0 (a->grid, b->grid) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->residence, b->residence) == 0 &&
         g_strcmp0 (a->care_tag, b->care_tag) == 0 &&
         !a->rented == !b->rented &&
         a->sort == b->sort &&
         !a->descending == !b->descending;
}

static void
filter_copy (GdHouseholdFilter       *dest,
             const GdHouseholdFilter *src)
{
  memset (dest, 0, sizeof *dest);
  if (src == NULL)
    return;
  dest->grid = dup_nonempty (src->grid);
  dest->text = dup_nonempty (src->text);
  dest->residence = dup_nonempty (src->residence);
  dest->care_tag = dup_nonempty (src->care_tag);
  dest->rented = !!src->rented;
  dest->sort = src->sort;
  dest->descending = !!src->descending;
}

void
gd_household_list_model_set_filter (GdHouseholdListModel    *self,
                                    const GdHouseholdFilter *filter)
{
  GdHouseholdFilter copy;

  g_return_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self));

  filter_copy (&copy, filter);
  if (filter_equal (&copy, &self->filter))
    {
      filter_clear (&copy);
      return;
    }
  filter_clear (&self->filter);
  self->filter = copy;
  refresh (self);
}

const GdHouseholdFilter *
gd_household_list_model_get_filter (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), NULL);

  return &self->filter;
}

void
gd_household_list_model_reload (GdHouseholdListModel *self)
{
  g_return_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self));

  refresh (self);
}

const GError *
gd_household_list_model_get_error (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), NULL);

  return self->error;
}

guint
gd_household_list_model_get_n_cached_pages (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), 0);

  return self->pages.length;
}

guint64
gd_household_list_model_get_n_page_fetches (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), 0);

  return self->n_page_fetches;
}

guint64
gd_household_list_model_get_n_prefetches (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), 0);

  return self->n_prefetches;
}

gboolean
gd_household_list_model_is_prefetching (GdHouseholdListModel *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self), FALSE);

  return self->in_flight != NULL;
}

void
gd_household_list_model_set_prefetch (GdHouseholdListModel *self,
                                      gboolean              prefetch)
{
  g_return_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self));

  self->prefetch = !!prefetch;
}

static void
gd_household_list_model_finalize (GObject *object)
{
  GdHouseholdListModel *self = GD_HOUSEHOLD_LIST_MODEL (object);

  clear_pages (self);
  filter_clear (&self->filter);
  g_clear_error (&self->error);
  g_clear_pointer (&self->reader, gd_store_free);

  G_OBJECT_CLASS (gd_household_list_model_parent_class)->finalize (object);
}

static void
gd_household_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GdHouseholdListModel *self = GD_HOUSEHOLD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_household_list_model_class_init (GdHouseholdListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gd_household_list_model_finalize;
  object_class->get_property = gd_household_list_model_get_property;

  /* the number of rows of the current filter (the count label binds to it) */
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gd_household_list_model_init (GdHouseholdListModel *self)
{
  g_queue_init (&self->pages);
  self->prefetch = TRUE;
  self->forward = TRUE;
}
