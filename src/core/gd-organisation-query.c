/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-organisation"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-json.h"
#include "gd-organisation.h"
#include "gd-store-private.h"

/* The register of organisations read from their query table: filtered lists, counts and
 * pages of light rows for list views. */

static gboolean
check_filter (const char *name,
              const char *value,
              const char *list,
              GError    **error)
{
  if (value == NULL || gd_codes_contains (list, value))
    return TRUE;
  /* Translators: a filter's name (kind …), the value given, then a code list's name */
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("%s: '%s' is not in the %s code list"),
               name, value, list);
  return FALSE;
}

/* `premises` and its categories when it is a group, as a JSON array for json_each(). */
static char *
premises_codes (const char *premises)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(JsonArray) codes = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_array_add_string_element (codes, premises);
  children = gd_code_table_children (gd_codes_get ("premises-categories"), premises);
  for (guint i = 0; i < children->len; i++)
    json_array_add_string_element (codes, ((const GdCodeItem *) children->pdata[i])->code);
  json_node_set_array (node, codes);
  return json_to_string (node, FALSE);
}

/* The statement selecting `what` over the organisations matching `query`, bound; `paged`:
 * in the register's order, the query's page only. */
static GdStmt *
prepare_query (GdStore                   *store,
               const GdOrganisationQuery *query,
               const char                *what,
               gboolean                   paged,
               GError                   **error)
{
  g_autofree char *premises = NULL;
  g_autofree char *sql = NULL;
  GdStmt *stmt;

  if (!check_filter ("kind", query->kind, "organisation-kinds", error)
      || !check_filter ("premises", query->premises, "premises-categories", error)
      || !check_filter ("risk", query->risk, "risk-levels", error)
      || !check_filter ("status", query->status, "organisation-statuses", error))
    return NULL;
  premises = query->premises != NULL ? premises_codes (query->premises) : NULL;
  sql = g_strconcat ("SELECT ", what, " FROM organisations o JOIN documents d ON d.seq = o.doc "
    "WHERE d.deleted = 0 "
    "  AND (?1 IS NULL OR substr (o.grid, 1, length (?1)) = ?1) "
    "  AND (?2 IS NULL OR o.kind = ?2) "
    "  AND (?3 IS NULL OR o.premises IN (SELECT value FROM json_each (?3))) "
    "  AND (?4 IS NULL OR o.risk = ?4) "
    "  AND (?5 IS NULL OR o.status = ?5) "
    "  AND (?6 IS NULL OR (o.open_hazards > 0 AND o.rectify_by < ?6)) ",
    paged ? "ORDER BY o.grid, o.name, o.doc LIMIT ?7 OFFSET ?8" : "", NULL);
  stmt = gd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  gd_store_bind_text (stmt, 1, query->grid);
  gd_store_bind_text (stmt, 2, query->kind);
  sqlite3_bind_text (stmt, 3, premises, -1, SQLITE_TRANSIENT);
  gd_store_bind_text (stmt, 4, query->risk);
  gd_store_bind_text (stmt, 5, query->status);
  gd_store_bind_text (stmt, 6, query->overdue_on);
  if (paged)
    {
      sqlite3_bind_int64 (stmt, 7, query->limit > 0 ? (gint64) query->limit : -1);
      sqlite3_bind_int64 (stmt, 8, query->offset);
    }
  return stmt;
}

GPtrArray *
gd_store_list_organisations (GdStore                   *store,
                             const GdOrganisationQuery *query,
                             GError                   **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && query != NULL, NULL);

  stmt = prepare_query (store, query, "d.body", TRUE, error);
  if (stmt == NULL)
    return NULL;
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *doc = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 0), -1, error);

      if (doc == NULL)
        return NULL;
      g_ptr_array_add (found, doc);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("listing organisations"));
      return NULL;
    }
  return g_steal_pointer (&found);
}

gint64
gd_store_count_organisations (GdStore                   *store,
                              const GdOrganisationQuery *query,
                              GError                   **error)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && query != NULL, -1);

  stmt = prepare_query (store, query, "count(*)", FALSE, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("listing organisations"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

void
gd_organisation_row_free (GdOrganisationRow *row)
{
  if (row == NULL)
    return;
  g_free (row->doc_id);
  g_free (row->name);
  g_free (row->kind);
  g_free (row->premises);
  g_free (row->credit_code);
  g_free (row->representative);
  g_free (row->grid);
  g_free (row->status);
  g_free (row->risk);
  g_free (row->last_inspected);
  g_free (row->rectify_by);
  g_free (row);
}

GPtrArray *
gd_store_organisation_page (GdStore                   *store,
                            const GdOrganisationQuery *query,
                            GError                   **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && query != NULL, NULL);

  stmt = prepare_query (store, query,
                        "o.doc_id, o.name, o.kind, o.premises, o.credit_code, o.representative, "
                        "o.grid, o.status, o.risk, o.last_inspected, o.open_hazards, o.rectify_by",
                        TRUE, error);
  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_organisation_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdOrganisationRow *row = g_new0 (GdOrganisationRow, 1);

      row->doc_id = gd_store_column_dup (stmt, 0);
      row->name = gd_store_column_dup (stmt, 1);
      row->kind = gd_store_column_dup (stmt, 2);
      row->premises = gd_store_column_dup (stmt, 3);
      row->credit_code = gd_store_column_dup (stmt, 4);
      row->representative = gd_store_column_dup (stmt, 5);
      row->grid = gd_store_column_dup (stmt, 6);
      row->status = gd_store_column_dup (stmt, 7);
      row->risk = gd_store_column_dup (stmt, 8);
      row->last_inspected = gd_store_column_dup (stmt, 9);
      row->open_hazards = (guint) sqlite3_column_int (stmt, 10);
      row->rectify_by = gd_store_column_dup (stmt, 11);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("listing organisations"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
