/* gd-household-list-model.c: the household register as a paged GListModel.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * n_items is one count(*) of the filtered register; an item is read with the page of
 * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE rows that holds it, and the last few pages are kept as
 * items (least recently used first out), so a row asked for again while its page is cached
 * is the same object. Scrolling asks for neighbouring rows, which mostly hit the cache.
 */

#define G_LOG_DOMAIN "gd-household-list-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"
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
};

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

static Page *
fetch_page (GdHouseholdListModel *self,
            guint                 index)
{
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;
  Page *page;

  g_assert (self->store != NULL);

  rows = gd_store_household_page (self->store, &self->filter,
                                  index * GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE,
                                  GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE, &error);
  self->n_page_fetches++;
  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (rows ? rows->len : 0, g_object_unref);
  if (rows == NULL)
    {
      g_warning ("Cannot read households: %s", error ? error->message : "unknown error");
      set_error (self, error);
    }
  else
    {
      /* the items take the rows over */
      g_ptr_array_set_free_func (rows, NULL);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (page->items, gd_household_item_new (rows->pdata[i]));
    }

  g_queue_push_head (&self->pages, page);
  while (self->pages.length > GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
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
    page = fetch_page (self, index);

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

  clear_pages (self);
  g_clear_error (&self->error);
  self->n_items = count (self);
  if (old == 0 && self->n_items == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
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

void
gd_household_list_model_set_filter (GdHouseholdListModel    *self,
                                    const GdHouseholdFilter *filter)
{
  GdHouseholdFilter copy = { 0 };

  g_return_if_fail (GD_IS_HOUSEHOLD_LIST_MODEL (self));

  if (filter != NULL)
    {
      copy.grid = dup_nonempty (filter->grid);
      copy.text = dup_nonempty (filter->text);
      copy.residence = dup_nonempty (filter->residence);
      copy.care_tag = dup_nonempty (filter->care_tag);
      copy.rented = !!filter->rented;
      copy.sort = filter->sort;
      copy.descending = !!filter->descending;
    }
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

char *
gd_household_format_tags (const char * const *tags)
{
  GString *text = g_string_new (NULL);
  gboolean sensitive_shown = FALSE;
  GdCodeTable *table = gd_codes_get ("care-tags");
  /* Translators: separates the care tags of a household in a list: "独居老人、低保" */
  const char *separator = C_("list separator", ", ");

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      const GdCodeItem *item = table ? gd_code_table_lookup (table, tags[i]) : NULL;
      const char *name;

      if (item != NULL && gd_code_item_is_sensitive (item))
        {
          if (sensitive_shown)
            continue;
          sensitive_shown = TRUE;
          /* Translators: stands for the care categories whose disclosure harms the person
           * (community correction, released prisoner …) in the register list; 综治 term */
          name = _("Special group");
        }
      else
        name = gd_code_display_name ("care-tags", tags[i]);

      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, name);
    }
  return g_string_free (text, FALSE);
}

static void
gd_household_list_model_finalize (GObject *object)
{
  GdHouseholdListModel *self = GD_HOUSEHOLD_LIST_MODEL (object);

  clear_pages (self);
  filter_clear (&self->filter);
  g_clear_error (&self->error);

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
}
