/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-register"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-pinyin.h"
#include "gd-register.h"
#include "gd-store-private.h"

/* Filters compose into one WHERE clause with numbered parameters; the SQL changes with the
 * filter, so these statements are prepared per call rather than cached. */

typedef struct {
  GString   *where;
  GPtrArray *params; /* char *, bound in order as ?1, ?2 ... */
} Query;

static void
query_clear (Query *query)
{
  g_string_free (query->where, TRUE);
  g_ptr_array_unref (query->params);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* Appends a parameter and returns its number for "?N". */
static guint
param (Query *query, const char *value)
{
  g_ptr_array_add (query->params, g_strdup (value));
  return query->params->len;
}

static void
add_text_filter (Query *query, const char *text)
{
  g_autofree char *folded = gd_text_fold (text);
  gboolean cut = g_utf8_strlen (folded, -1) > GD_KEY_ADDRESS_CHARS;
  g_autoptr(GArray) ranges = NULL;

  if (*folded == '\0')
    return;
  ranges = gd_search_plan (folded);
  /* one prefix query on the search index per key range */
  g_string_append (query->where, " AND h.doc IN (");
  for (guint i = 0; i < ranges->len; i++)
    {
      const GdKeyRange *range = &g_array_index (ranges, GdKeyRange, i);
      guint match = param (query, range->match);

      g_string_append_printf (query->where,
        "%sSELECT " GD_SEARCH_DOC_SQL ("rowid") " AS doc FROM search_index "
        "WHERE search_index MATCH ?%u",
        i > 0 ? " UNION ALL " : "", match);
      /* address keys are cut short: a longer query must still be in the whole address */
      if (cut && g_str_equal (range->matched, "address"))
        g_string_append_printf (query->where,
          " AND " GD_SEARCH_DOC_SQL ("rowid") " IN (SELECT doc FROM households "
          "WHERE instr(address, ?%u) > 0)",
          param (query, text));
    }
  g_string_append_c (query->where, ')');
}

static void
build_where (Query *query, const GdHouseholdFilter *filter)
{
  query->where = g_string_new ("WHERE 1");
  query->params = g_ptr_array_new_with_free_func (g_free);

  if (filter->text != NULL)
    add_text_filter (query, filter->text);
  if (filter->grid != NULL)
    {
      guint n = param (query, filter->grid);
      g_string_append_printf (query->where, " AND h.grid >= ?%u AND h.grid < ?%u || ':'", n, n);
    }
  if (filter->residence != NULL)
    g_string_append_printf (query->where,
      " AND EXISTS (SELECT 1 FROM persons p WHERE p.doc = h.doc AND p.residence = ?%u)",
      param (query, filter->residence));
  if (filter->care_tag != NULL)
    {
      g_autofree char *pattern = g_strdup_printf ("%%,%s,%%", filter->care_tag);
      g_string_append_printf (query->where, " AND h.tags LIKE ?%u", param (query, pattern));
    }
  if (filter->rented)
    g_string_append (query->where, " AND h.housing = 'rented'");
}

static sqlite3_stmt *
prepare (GdStore *store, const char *sql, Query *query, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (gd_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gd_store_set_sql_error (store, error, _("querying the register"));
      return NULL;
    }
  for (guint i = 0; i < query->params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, query->params->pdata[i], -1, SQLITE_STATIC);
  return stmt;
}

gint64
gd_store_count_households (GdStore                 *store,
                           const GdHouseholdFilter *filter,
                           GError                 **error)
{
  g_auto(Query) query = { 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (filter != NULL, -1);

  build_where (&query, filter);
  gd_access_restrict (store, query.where, "household", "h");
  sql = g_strdup_printf ("SELECT count(*) FROM households h %s", query.where->str);
  if ((stmt = prepare (store, sql, &query, error)) == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    gd_store_set_sql_error (store, error, _("counting households"));
  sqlite3_finalize (stmt);
  return count;
}

static const char *
sort_column (GdHouseholdSort sort)
{
  switch (sort)
    {
    case GD_HOUSEHOLD_SORT_HEAD:
      return "head_name";
    case GD_HOUSEHOLD_SORT_ADDRESS:
      return "address";
    case GD_HOUSEHOLD_SORT_MEMBERS:
      return "members";
    case GD_HOUSEHOLD_SORT_GRID:
      return "grid";
    case GD_HOUSEHOLD_SORT_UPDATED:
      return "updated_at";
    case GD_HOUSEHOLD_SORT_NUMBER:
    default:
      return "number";
    }
}

void
gd_household_row_free (GdHouseholdRow *row)
{
  if (row == NULL)
    return;
  g_free (row->doc_id);
  g_free (row->number);
  g_free (row->head_name);
  g_free (row->address);
  g_free (row->grid);
  g_free (row->grid_name);
  g_free (row->housing);
  g_strfreev (row->tags);
  g_free (row->updated_at);
  g_free (row);
}

/* ",a,b,a," -> {"a", "b"} */
static char **
split_tags (const char *joined)
{
  g_auto(GStrv) parts = g_strsplit (joined ? joined : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && g_hash_table_add (seen, parts[i]))
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

GPtrArray *
gd_store_household_page (GdStore                 *store,
                         const GdHouseholdFilter *filter,
                         guint                    offset,
                         guint                    limit,
                         GError                 **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_household_row_free);
  g_auto(Query) query = { 0 };
  g_autofree char *sql = NULL;
  const char *direction;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  build_where (&query, filter);
  gd_access_restrict (store, query.where, "household", "h");
  direction = filter->descending ? "DESC" : "ASC";
  /* Sort and skip bare row numbers, then read the columns of the page's rows only: sorting
   * whole rows (and joining every grid first) made deep pages several times slower. */
  sql = g_strdup_printf (
    "SELECT x.doc_id, x.number, x.head_name, x.address, x.members, x.grid, g.name, x.housing, "
    "       x.tags, x.updated_at, d.dirty "
    "FROM (SELECT h.doc FROM households h %s "
    "      ORDER BY h.%s %s, h.number %s, h.doc LIMIT %u OFFSET %u) page "
    "JOIN households x ON x.doc = page.doc LEFT JOIN grids g ON g.code = x.grid "
    "JOIN documents d ON d.seq = x.doc "
    "ORDER BY x.%s %s, x.number %s, x.doc",
    query.where->str, sort_column (filter->sort), direction, direction, limit, offset,
    sort_column (filter->sort), direction, direction);
  if ((stmt = prepare (store, sql, &query, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdHouseholdRow *row = g_new0 (GdHouseholdRow, 1);
      row->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->head_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->address = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->members = sqlite3_column_int (stmt, 4);
      row->grid = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->grid_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      row->housing = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      row->tags = split_tags ((const char *) sqlite3_column_text (stmt, 8));
      row->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      row->pending = sqlite3_column_int (stmt, 10) != 0;
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the register"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
gd_grid_node_free (GdGridNode *node)
{
  if (node == NULL)
    return;
  g_free (node->code);
  g_free (node->name);
  g_free (node->level);
  g_free (node->parent);
  g_free (node);
}

GPtrArray *
gd_store_grid_tree (GdStore *store,
                    GError **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_grid_node_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  /* codes sort parents before children: a town's 9 digits prefix its villages' 12 */
  if (sqlite3_prepare_v2 (gd_store_get_db (store),
        "SELECT g.code, g.name, g.level, g.parent, "
        "  (SELECT count(*) FROM households h WHERE h.grid = g.code), "
        "  (SELECT count(*) FROM persons p WHERE p.grid = g.code) "
        "FROM grids g ORDER BY g.code", -1, &stmt, NULL) != SQLITE_OK)
    {
      gd_store_set_sql_error (store, error, _("reading the grid tree"));
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GdGridNode *node = g_new0 (GdGridNode, 1);
      node->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      node->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      node->level = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      node->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      node->households = sqlite3_column_int64 (stmt, 4);
      node->persons = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (nodes, node);
      g_hash_table_insert (by_code, node->code, node);
    }
  sqlite3_finalize (stmt);

  /* children last: walking backwards adds each node's totals to its parent once */
  for (guint i = nodes->len; i > 0; i--)
    {
      GdGridNode *node = nodes->pdata[i - 1];
      GdGridNode *parent = node->parent ? g_hash_table_lookup (by_code, node->parent) : NULL;
      if (parent != NULL)
        {
          parent->households += node->households;
          parent->persons += node->persons;
        }
    }
  return g_steal_pointer (&nodes);
}
