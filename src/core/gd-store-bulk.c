/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-bulk"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-store-private.h"

/* A bulk load (a first sync of tens of thousands of households) builds the secondary indexes
 * of the big tables once, sorted, at its end instead of row by row: 0.3-0.4 s less for
 * 100,000 households. Only indexes a query goes faster with: none of them is UNIQUE, so
 * nothing the store relies on for correctness is ever missing. Their definitions wait in
 * meta under this key until restored, so a load cut off leaves them for the next one. */
#define DEFERRED_KEY "deferred_indexes"

/* Not persons_by_id_number: a pulled household is checked like a local write, and the
 * duplicate citizen ID rule looks each member up by it (without it, a first sync of 3,000
 * households took 15 s instead of 1). */
static const char *const deferrable[] = {
  "documents_by_type", "documents_by_status", "households_by_grid",
  "persons_by_grid", "map_points_by_lat", "persons_by_checks", "patrol_visits_by_household",
  /* not incidents_by_closed, documents_by_updated, incidents_by_address: the report names
   * them (INDEXED BY), and a statement naming a missing index fails */
};

static char *
deferred_sql (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT value FROM meta WHERE key = '" DEFERRED_KEY "'", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return gd_store_column_dup (stmt, 0);
}

gboolean
gd_store_indexes_deferred (GdStore *store)
{
  g_autofree char *sql = deferred_sql (store);

  return sql != NULL;
}

gboolean
gd_store_defer_indexes (GdStore *store,
                        GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *already = deferred_sql (store);

  g_return_val_if_fail (!sqlite3_get_autocommit (gd_store_get_db (store)), FALSE);
  if (already != NULL)
    g_string_append (sql, already);
  for (guint i = 0; i < G_N_ELEMENTS (deferrable); i++)
    {
      g_autoptr(GdStmt) find = gd_store_prepare (store,
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", error);
      g_autofree char *create = NULL;
      g_autofree char *drop = NULL;

      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, deferrable[i], -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue; /* deferred already */
      create = gd_store_column_dup (find, 0);
      g_clear_pointer (&find, gd_stmt_release);
      g_string_append_printf (sql, "%s;\n", create);
      drop = g_strdup_printf ("DROP INDEX %s", deferrable[i]);
      if (!gd_store_exec (store, drop, error))
        return FALSE;
    }
  if (sql->len == 0)
    return TRUE;
  {
    g_autoptr(GdStmt) keep = gd_store_prepare (store,
      "INSERT OR REPLACE INTO meta (key, value) VALUES ('" DEFERRED_KEY "', ?)", error);

    if (keep == NULL)
      return FALSE;
    sqlite3_bind_text (keep, 1, sql->str, -1, SQLITE_STATIC);
    return gd_store_step_done (store, keep, N_("putting off indexes"), error);
  }
}

gboolean
gd_store_restore_indexes (GdStore *store,
                          GError **error)
{
  g_autofree char *sql = deferred_sql (store);

  g_return_val_if_fail (!sqlite3_get_autocommit (gd_store_get_db (store)), FALSE);
  if (sql == NULL)
    return TRUE;
  return gd_store_exec (store, sql, error)
         && gd_store_exec (store, "DELETE FROM meta WHERE key = '" DEFERRED_KEY "'", error);
}
