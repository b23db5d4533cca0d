/* gd-incident-list-model.c: incidents as a paged GListModel.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * n_items is one count(*) of the filtered incidents; an item is read with its page of
 * GD_INCIDENT_LIST_MODEL_PAGE_SIZE rows, and the last few pages stay cached (least recently
 * used first out). A board column shows a screenful of cards, so opening the board reads
 * one page per column; the list view reads pages as it scrolls.
 */

#define G_LOG_DOMAIN "gd-incident-list-model"

#include "config.h"

#include <string.h>

#include "gd-incident-list-model.h"

struct _GdIncidentItem
{
  GObject        parent_instance;
  GdIncidentRow *row;
};

G_DEFINE_FINAL_TYPE (GdIncidentItem, gd_incident_item, G_TYPE_OBJECT)

static void
gd_incident_item_finalize (GObject *object)
{
  g_clear_pointer (&GD_INCIDENT_ITEM (object)->row, gd_incident_row_free);
  G_OBJECT_CLASS (gd_incident_item_parent_class)->finalize (object);
}

static void
gd_incident_item_class_init (GdIncidentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_incident_item_finalize;
}

static void
gd_incident_item_init (GdIncidentItem *self)
{
}

GdIncidentItem *
gd_incident_item_new (GdIncidentRow *row)
{
  GdIncidentItem *self = g_object_new (GD_TYPE_INCIDENT_ITEM, NULL);

  self->row = row;
  return self;
}

const GdIncidentRow *
gd_incident_item_get_row (GdIncidentItem *self)
{
  g_return_val_if_fail (GD_IS_INCIDENT_ITEM (self), NULL);
  return self->row;
}

typedef struct
{
  guint      index;
  GPtrArray *items; /* GdIncidentItem */
} Page;

typedef struct
{
  char *grid, *status, *category, *urgency, *source, *now, *from, *to, *text;
} FilterStrings;

struct _GdIncidentListModel
{
  GObject          parent_instance;

  GdStore         *store;   /* borrowed */
  GdIncidentFilter filter;  /* points into `strings` */
  FilterStrings    strings;
  gboolean         have_filter;
  guint            n_items;
  GQueue           pages;   /* Page *, most recently used first */
  GError          *error;
};

static void gd_incident_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GdIncidentListModel, gd_incident_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gd_incident_list_model_iface_init))

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (GdIncidentListModel *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static void
filter_strings_clear (FilterStrings *strings)
{
  g_free (strings->grid);
  g_free (strings->status);
  g_free (strings->category);
  g_free (strings->urgency);
  g_free (strings->source);
  g_free (strings->now);
  g_free (strings->from);
  g_free (strings->to);
  g_free (strings->text);
  memset (strings, 0, sizeof *strings);
}

static char *
dup_set (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static guint
count (GdIncidentListModel *self)
{
  GError *error = NULL;
  gint64 n;

  /* no rows until a filter says which: a board column is never "everything" */
  if (self->store == NULL || !self->have_filter)
    return 0;
  n = gd_store_count_incidents (self->store, &self->filter, &error);
  if (n < 0)
    {
      g_warning ("Cannot count incidents: %s", error->message);
      g_clear_error (&self->error);
      self->error = error;
      return 0;
    }
  return (guint) MIN (n, (gint64) G_MAXUINT);
}

static void
replace_rows_counted (GdIncidentListModel *self,
                      gint64               known)
{
  guint old = self->n_items;

  clear_pages (self);
  g_clear_error (&self->error);
  self->n_items = known >= 0 && self->store != NULL ? (guint) MIN (known, (gint64) G_MAXUINT) : count (self);
  if (old != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

static void
replace_rows (GdIncidentListModel *self)
{
  replace_rows_counted (self, -1);
}

static Page *
load_page (GdIncidentListModel *self,
           guint                index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  Page *page;

  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      page = link->data;
      if (page->index == index)
        {
          g_queue_unlink (&self->pages, link);
          g_queue_push_head_link (&self->pages, link);
          return page;
        }
    }

  rows = gd_store_incident_page (self->store, &self->filter,
                                 index * GD_INCIDENT_LIST_MODEL_PAGE_SIZE,
                                 GD_INCIDENT_LIST_MODEL_PAGE_SIZE, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read incidents: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }
  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (page->items, gd_incident_item_new (g_steal_pointer (&rows->pdata[i])));
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > GD_INCIDENT_LIST_MODEL_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static GType
get_item_type (GListModel *model)
{
  return GD_TYPE_INCIDENT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GD_INCIDENT_LIST_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GdIncidentListModel *self = GD_INCIDENT_LIST_MODEL (model);
  guint offset = position % GD_INCIDENT_LIST_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items || self->store == NULL)
    return NULL;
  page = load_page (self, position / GD_INCIDENT_LIST_MODEL_PAGE_SIZE);
  /* rows can vanish between the count and the page (another writer): no item then */
  if (page == NULL || offset >= page->items->len)
    return NULL;
  return g_object_ref (page->items->pdata[offset]);
}

static void
gd_incident_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
gd_incident_list_model_finalize (GObject *object)
{
  GdIncidentListModel *self = GD_INCIDENT_LIST_MODEL (object);

  clear_pages (self);
  filter_strings_clear (&self->strings);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (gd_incident_list_model_parent_class)->finalize (object);
}

static void
gd_incident_list_model_class_init (GdIncidentListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_incident_list_model_finalize;
}

static void
gd_incident_list_model_init (GdIncidentListModel *self)
{
  g_queue_init (&self->pages);
}

GdIncidentListModel *
gd_incident_list_model_new (GdStore *store)
{
  GdIncidentListModel *self = g_object_new (GD_TYPE_INCIDENT_LIST_MODEL, NULL);

  gd_incident_list_model_set_store (self, store);
  return self;
}

void
gd_incident_list_model_set_store (GdIncidentListModel *self,
                                  GdStore             *store)
{
  g_return_if_fail (GD_IS_INCIDENT_LIST_MODEL (self));

  if (self->store == store)
    return;
  self->store = store;
  replace_rows (self);
}

static gboolean
same_filter (const GdIncidentFilter *a,
             const GdIncidentFilter *b)
{
  return g_strcmp0 (a->grid, b->grid) == 0 && g_strcmp0 (a->status, b->status) == 0
         && g_strcmp0 (a->category, b->category) == 0 && g_strcmp0 (a->urgency, b->urgency) == 0
         && g_strcmp0 (a->source, b->source) == 0 && !a->overdue == !b->overdue
         && g_strcmp0 (a->now, b->now) == 0 && g_strcmp0 (a->from, b->from) == 0
         && g_strcmp0 (a->to, b->to) == 0 && g_strcmp0 (a->text, b->text) == 0
         && a->sort == b->sort && !a->descending == !b->descending;
}

void
gd_incident_list_model_set_filter (GdIncidentListModel    *self,
                                   const GdIncidentFilter *filter,
                                   gboolean                force)
{
  gd_incident_list_model_set_filter_counted (self, filter, force, -1);
}

void
gd_incident_list_model_set_filter_counted (GdIncidentListModel    *self,
                                           const GdIncidentFilter *filter,
                                           gboolean                force,
                                           gint64                  n_items)
{
  FilterStrings strings;

  g_return_if_fail (GD_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  if (!force && self->have_filter && same_filter (&self->filter, filter))
    return;
  strings = (FilterStrings) {
    dup_set (filter->grid), dup_set (filter->status), dup_set (filter->category),
    dup_set (filter->urgency), dup_set (filter->source), dup_set (filter->now),
    dup_set (filter->from), dup_set (filter->to), dup_set (filter->text),
  };
  filter_strings_clear (&self->strings);
  self->strings = strings;
  self->filter = (GdIncidentFilter) {
    .grid = strings.grid, .status = strings.status, .category = strings.category,
    .urgency = strings.urgency, .source = strings.source, .overdue = filter->overdue,
    .now = strings.now, .from = strings.from, .to = strings.to, .text = strings.text,
    .sort = filter->sort, .descending = filter->descending,
  };
  self->have_filter = TRUE;
  replace_rows_counted (self, n_items);
}

const GdIncidentFilter *
gd_incident_list_model_get_filter (GdIncidentListModel *self)
{
  g_return_val_if_fail (GD_IS_INCIDENT_LIST_MODEL (self), NULL);
  return &self->filter;
}

void
gd_incident_list_model_reload (GdIncidentListModel *self)
{
  g_return_if_fail (GD_IS_INCIDENT_LIST_MODEL (self));
  replace_rows (self);
}

const GError *
gd_incident_list_model_get_error (GdIncidentListModel *self)
{
  g_return_val_if_fail (GD_IS_INCIDENT_LIST_MODEL (self), NULL);
  return self->error;
}
