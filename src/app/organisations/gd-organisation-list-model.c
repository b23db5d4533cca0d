/* gd-organisation-list-model.c: the organisation register as a paged GListModel.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without search text the model counts the matching organisations and reads the page of
 * PAGE_SIZE rows holding a position when the list asks for it. With search text the search
 * index names the organisations that match (at most MAX_HITS) and the filtered rows are
 * kept in order of the register.
 */

#define G_LOG_DOMAIN "gd-organisation-list-model"

#include "config.h"

#include "gd-json.h"
#include "gd-organisation-list-model.h"
#include "gd-search.h"

#define PAGE_SIZE 100
#define MAX_HITS  500

/* GdOrganisationItem */

struct _GdOrganisationItem
{
  GObject            parent_instance;
  GdOrganisationRow *row;
};

G_DEFINE_FINAL_TYPE (GdOrganisationItem, gd_organisation_item, G_TYPE_OBJECT)

static void
gd_organisation_item_finalize (GObject *object)
{
  GdOrganisationItem *self = GD_ORGANISATION_ITEM (object);

  g_clear_pointer (&self->row, gd_organisation_row_free);
  G_OBJECT_CLASS (gd_organisation_item_parent_class)->finalize (object);
}

static void
gd_organisation_item_class_init (GdOrganisationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_organisation_item_finalize;
}

static void
gd_organisation_item_init (GdOrganisationItem *self)
{
}

/* Takes `row`. */
static GdOrganisationItem *
item_new (GdOrganisationRow *row)
{
  GdOrganisationItem *self = g_object_new (GD_TYPE_ORGANISATION_ITEM, NULL);

  self->row = row;
  return self;
}

const GdOrganisationRow *
gd_organisation_item_get_row (GdOrganisationItem *self)
{
  g_return_val_if_fail (GD_IS_ORGANISATION_ITEM (self), NULL);
  return self->row;
}

/* GdOrganisationListModel */

struct _GdOrganisationListModel
{
  GObject     parent_instance;

  GdStore    *store;
  char       *grid;
  char       *text;
  char       *kind;
  char       *premises;
  char       *risk;
  gboolean    overdue;

  guint       n_items;
  GHashTable *pages;    /* page number → GPtrArray of GdOrganisationItem */
  GPtrArray  *matches;  /* with search text: every matching item; else NULL */
  GError     *error;
  GHashTable *grid_names; /* grid code → name */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GdOrganisationListModel, gd_organisation_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
fill_query (GdOrganisationListModel *self,
            GdOrganisationQuery     *query,
            char                     today[11])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  g_strlcpy (today, date, 11);
  *query = (GdOrganisationQuery) {
    .grid = self->grid,
    .kind = self->kind,
    .premises = self->premises,
    .risk = self->risk,
    .overdue_on = self->overdue ? today : NULL,
  };
}

static GPtrArray *
items_of (GPtrArray *rows)
{
  GPtrArray *items = g_ptr_array_new_full (rows->len, g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, item_new (g_steal_pointer (&rows->pdata[i])));
  return items;
}

/* The organisations the search text finds, in the register's order. */
static GPtrArray *
read_matches (GdOrganisationListModel *self,
              GError                 **error)
{
  g_autoptr(GPtrArray) hits = gd_store_search (self->store, self->text, MAX_HITS, error);
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GdOrganisationQuery query;
  char today[11];

  if (hits == NULL)
    return NULL;
  found = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < hits->len; i++)
    {
      GdSearchHit *hit = hits->pdata[i];

      if (hit->kind == GD_HIT_ORGANISATION)
        g_hash_table_add (found, hit->doc_id);
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_hash_table_size (found) == 0)
    return g_steal_pointer (&items);

  fill_query (self, &query, today);
  rows = gd_store_organisation_page (self->store, &query, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      GdOrganisationRow *row = rows->pdata[i];

      if (g_hash_table_contains (found, row->doc_id))
        g_ptr_array_add (items, item_new (g_steal_pointer (&rows->pdata[i])));
    }
  return g_steal_pointer (&items);
}

static void
clear (GdOrganisationListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_error (&self->error);
}

/* Re-reads the count (or the matches) and tells the list every row changed. */
static void
refresh (GdOrganisationListModel *self)
{
  guint removed = self->n_items;
  g_autoptr(GError) error = NULL;

  clear (self);
  self->n_items = 0;
  if (self->store != NULL && self->text != NULL)
    {
      self->matches = read_matches (self, &error);
      if (self->matches != NULL)
        self->n_items = self->matches->len;
    }
  else if (self->store != NULL)
    {
      GdOrganisationQuery query;
      char today[11];
      gint64 count;

      fill_query (self, &query, today);
      count = gd_store_count_organisations (self->store, &query, &error);
      if (count >= 0)
        self->n_items = (guint) MIN (count, G_MAXUINT);
    }
  if (error != NULL)
    {
      g_warning ("Cannot read the organisations: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
  if (removed > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

/* The grids' names, read with the store (they change with the county's setup only). */
static void
read_grid_names (GdOrganisationListModel *self)
{
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->grid_names);
  if (self->store == NULL)
    return;
  grids = gd_store_list (self->store, &query, &error);
  if (grids == NULL)
    {
      g_warning ("Cannot read the grids' names: %s", error->message);
      return;
    }
  for (guint i = 0; i < grids->len; i++)
    {
      JsonObject *grid = g_ptr_array_index (grids, i);
      const char *code = gd_json_get_string (grid, "code");
      const char *name = gd_json_get_string (grid, "name");

      if (code != NULL && name != NULL)
        g_hash_table_insert (self->grid_names, g_strdup (code), g_strdup (name));
    }
}

static GType
get_item_type (GListModel *model)
{
  return GD_TYPE_ORGANISATION_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GD_ORGANISATION_LIST_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GdOrganisationListModel *self = GD_ORGANISATION_LIST_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  if (self->matches != NULL)
    return g_object_ref (self->matches->pdata[position]);

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL && self->store != NULL)
    {
      GdOrganisationQuery query;
      char today[11];
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      fill_query (self, &query, today);
      query.limit = PAGE_SIZE;
      query.offset = page * PAGE_SIZE;
      rows = gd_store_organisation_page (self->store, &query, &error);
      if (rows == NULL)
        {
          g_warning ("Cannot read organisations %u–%u: %s", query.offset,
                     query.offset + PAGE_SIZE, error->message);
          return NULL;
        }
      items = items_of (rows);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  if (items == NULL || position % PAGE_SIZE >= items->len)
    return NULL; /* the register shrank since it was counted: the next reload tells */
  return g_object_ref (items->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
gd_organisation_list_model_finalize (GObject *object)
{
  GdOrganisationListModel *self = GD_ORGANISATION_LIST_MODEL (object);

  clear (self);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->grid_names);
  g_free (self->grid);
  g_free (self->text);
  g_free (self->kind);
  g_free (self->premises);
  g_free (self->risk);
  G_OBJECT_CLASS (gd_organisation_list_model_parent_class)->finalize (object);
}

static void
gd_organisation_list_model_class_init (GdOrganisationListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_organisation_list_model_finalize;
}

static void
gd_organisation_list_model_init (GdOrganisationListModel *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->grid_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GdOrganisationListModel *
gd_organisation_list_model_new (void)
{
  return g_object_new (GD_TYPE_ORGANISATION_LIST_MODEL, NULL);
}

void
gd_organisation_list_model_set_store (GdOrganisationListModel *self,
                                      GdStore                 *store)
{
  g_return_if_fail (GD_IS_ORGANISATION_LIST_MODEL (self));

  self->store = store;
  read_grid_names (self);
  refresh (self);
}

static void
set_text (char      **field,
          const char *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
gd_organisation_list_model_set_filter (GdOrganisationListModel    *self,
                                       const GdOrganisationFilter *filter)
{
  g_return_if_fail (GD_IS_ORGANISATION_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  set_text (&self->grid, filter->grid);
  set_text (&self->text, filter->text);
  set_text (&self->kind, filter->kind);
  set_text (&self->premises, filter->premises);
  set_text (&self->risk, filter->risk);
  self->overdue = filter->overdue;
  refresh (self);
}

void
gd_organisation_list_model_reload (GdOrganisationListModel *self)
{
  g_return_if_fail (GD_IS_ORGANISATION_LIST_MODEL (self));
  refresh (self);
}

const GError *
gd_organisation_list_model_get_error (GdOrganisationListModel *self)
{
  g_return_val_if_fail (GD_IS_ORGANISATION_LIST_MODEL (self), NULL);
  return self->error;
}

const char *
gd_organisation_list_model_grid_name (GdOrganisationListModel *self,
                                      const char              *code)
{
  const char *name;

  g_return_val_if_fail (GD_IS_ORGANISATION_LIST_MODEL (self), NULL);
  if (code == NULL)
    return "";
  name = g_hash_table_lookup (self->grid_names, code);
  return name != NULL ? name : code;
}
