/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The operator and data scope of a store (gd-scope.h). The rule lives in access_allows(),
 * which queries reach through the SQL function gd_visible(type, grid, id). */
#define G_LOG_DOMAIN "gd-scope"
#include "config.h"

#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-scope.h"
#include "gd-store-private.h"

void
gd_access_clear (GdAccess *access)
{
  g_clear_pointer (&access->operator, g_free);
  g_clear_pointer (&access->account, gd_account_unref);
  g_clear_pointer (&access->extra, g_hash_table_unref);
  access->whole = TRUE;
  access->extra_seq = -1;
}

static gboolean
grid_served (const GdAccess *access,
             const char     *grid)
{
  if (grid == NULL || access->account == NULL || access->account->grids == NULL)
    return FALSE;
  for (char **code = access->account->grids; *code != NULL; code++)
    if (g_str_has_prefix (grid, *code))
      return TRUE;
  return FALSE;
}

static gboolean
access_allows (const GdAccess *access,
               const char     *type,
               const char     *grid,
               const char     *id,
               gboolean        writing)
{
  if (access->whole)
    return TRUE;
  if (g_strcmp0 (type, "grid") == 0 || g_strcmp0 (type, "mediator") == 0)
    return !writing;
  if (access->account != NULL && gd_account_has_role (access->account, GD_ROLE_GRID_WORKER)
      && grid_served (access, grid))
    return TRUE;
  return id != NULL && access->extra != NULL && g_hash_table_contains (access->extra, id);
}

static void
visible_sql (sqlite3_context *context,
             int              argc,
             sqlite3_value  **argv)
{
  const GdAccess *access = sqlite3_user_data (context);

  sqlite3_result_int (context,
                      access_allows (access, (const char *) sqlite3_value_text (argv[0]),
                                     (const char *) sqlite3_value_text (argv[1]),
                                     (const char *) sqlite3_value_text (argv[2]), FALSE));
}

gboolean
gd_access_register (sqlite3  *db,
                    GdAccess *access,
                    GError  **error)
{
  if (sqlite3_create_function_v2 (db, "gd_visible", 3, SQLITE_UTF8, access, visible_sql,
                                  NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/* Records beyond the grids served: incidents assigned to the operator; a mediator's cases
 * and the households holding their parties. */
/* (instr() first: most bodies do not hold the name at all, and need no JSON parsing) */
static const char *const extra_sql[] = {
  "SELECT id FROM documents WHERE type = 'incident' AND deleted = 0 "
  "  AND (instr (body, ?1) > 0 OR instr (body, ?2) > 0) "
  "  AND json_extract (body, '$.assignee.name') IN (?1, ?2)",
  "SELECT d.id FROM documents d, json_each (d.body, '$.mediators') m "
  "WHERE d.type = 'dispute' AND d.deleted = 0 AND ?3 "
  "  AND (instr (d.body, ?1) > 0 OR instr (d.body, ?2) > 0) "
  "  AND json_extract (m.value, '$.name') IN (?1, ?2)",
  "SELECT DISTINCT h.doc_id FROM persons p JOIN households h ON h.doc = p.doc "
  "WHERE ?3 AND p.id_number IN ("
  "  SELECT upper (json_extract (x.value, '$.id_number')) "
  "  FROM documents d, json_each (d.body, '$.mediators') m, json_each (d.body, '$.parties') x "
  "  WHERE d.type = 'dispute' AND d.deleted = 0 "
  "    AND json_extract (m.value, '$.name') IN (?1, ?2))",
};

static gint64
change_seq (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

void
gd_access_refresh (GdStore *store)
{
  GdAccess *access = gd_store_get_access (store);
  gint64 seq;

  if (access->whole || access->account == NULL)
    return;
  seq = change_seq (store);
  if (access->extra != NULL && seq == access->extra_seq)
    return;
  g_clear_pointer (&access->extra, g_hash_table_unref);
  access->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  access->extra_seq = seq;
  for (guint i = 0; i < G_N_ELEMENTS (extra_sql); i++)
    {
      g_autoptr(GdStmt) stmt = gd_store_prepare (store, extra_sql[i], NULL);

      if (stmt == NULL)
        continue;
      gd_store_bind_text (stmt, 1, access->account->name);
      gd_store_bind_text (stmt, 2, access->account->display_name);
      sqlite3_bind_int (stmt, 3, gd_account_has_role (access->account, GD_ROLE_MEDIATOR));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (access->extra, gd_store_column_dup (stmt, 0));
    }
}

/* A mediator's own case: they are among its mediators (a case they register, too). */
static gboolean
mediates (const GdAccess *access,
          JsonObject     *doc)
{
  JsonArray *mediators = gd_json_get_array (doc, "mediators");

  if (access->account == NULL || !gd_account_has_role (access->account, GD_ROLE_MEDIATOR)
      || mediators == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (mediators); i++)
    {
      JsonNode *node = json_array_get_element (mediators, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
                         ? gd_json_get_string (json_node_get_object (node), "name") : NULL;

      if (name != NULL && (g_strcmp0 (name, access->account->name) == 0
                           || g_strcmp0 (name, access->account->display_name) == 0))
        return TRUE;
    }
  return FALSE;
}

gboolean
gd_access_allows_doc (GdStore    *store,
                      const char *type,
                      JsonObject *doc,
                      gboolean    writing)
{
  GdAccess *access = gd_store_get_access (store);
  const char *grid;

  if (access->whole)
    return TRUE;
  gd_access_refresh (store);
  grid = g_strcmp0 (type, "grid") == 0 ? gd_json_get_string (doc, "code")
                                       : gd_json_get_string (doc, "grid");
  /* a grid worker may write the grid document of a grid they serve */
  if (writing && g_strcmp0 (type, "grid") == 0)
    return access->account != NULL
           && gd_account_has_role (access->account, GD_ROLE_GRID_WORKER)
           && grid_served (access, grid);
  if (writing && g_strcmp0 (type, "dispute") == 0 && mediates (access, doc))
    return TRUE;
  /* a mediator sees their parties' households, and edits none of them */
  if (writing && g_strcmp0 (type, "household") == 0)
    return access_allows (access, type, grid, NULL, TRUE);
  return access_allows (access, type, grid, gd_json_get_string (doc, "_id"), writing);
}

void
gd_store_set_account (GdStore   *store,
                      GdAccount *account)
{
  GdAccess *access;

  g_return_if_fail (store != NULL);
  access = gd_store_get_access (store);
  gd_access_clear (access);
  if (account == NULL)
    return;
  access->account = gd_account_ref (account);
  access->operator = g_strdup (account->name);
  access->whole = gd_account_has_role (account, GD_ROLE_ADMINISTRATOR)
                  || gd_account_has_role (account, GD_ROLE_CENTRE_OPERATOR);
}

void
gd_store_set_local_user (GdStore    *store,
                         const char *name,
                         gboolean    whole_scope)
{
  GdAccess *access;

  g_return_if_fail (store != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  access = gd_store_get_access (store);
  gd_access_clear (access);
  access->operator = g_strdup (name);
  access->whole = whole_scope;
}

GdAccount *
gd_store_get_account (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return gd_store_get_access (store)->account;
}

const char *
gd_store_get_operator (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return gd_store_get_access (store)->operator;
}

gboolean
gd_store_scope_is_whole (GdStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return gd_store_get_access (store)->whole;
}

gboolean
gd_store_in_scope (GdStore    *store,
                   const char *doc_id)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);
  if (gd_store_get_access (store)->whole)
    return TRUE;
  gd_access_refresh (store);
  stmt = gd_store_prepare (store,
    "SELECT gd_visible (type, CASE type WHEN 'grid' THEN json_extract (body, '$.code') "
    "                                   ELSE grid END, id) "
    "FROM documents WHERE id = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

void
gd_access_restrict (GdStore    *store,
                    GString    *where,
                    const char *type,
                    const char *alias)
{
  if (gd_store_get_access (store)->whole)
    return;
  gd_access_refresh (store);
  /* type is a literal of the caller's; grid and doc_id are columns of the derived table */
  g_string_append_printf (where, " AND gd_visible ('%s', %s.grid, %s.doc_id)", type, alias, alias);
}
