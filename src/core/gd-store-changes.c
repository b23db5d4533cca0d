/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-store-private.h"

/* Which documents a transaction wrote, told after its COMMIT (gd_store_set_changed_func):
 * write_row notes each id while the transaction runs, a rollback forgets them, and the first
 * statement after which the connection is back in autocommit mode with notes pending (the
 * COMMIT or RELEASE that ended the transaction) reports them. Writes by other connections to
 * the same file are found by PRAGMA data_version and the documents' change_seq. */

struct _GdStoreChanges
{
  GHashTable        *pending; /* id -> GdDocType */
  GdStoreChangedFunc func;
  gpointer           data;
  GDestroyNotify     destroy;
  gboolean           reporting;
};

static void
on_rollback (void *user_data)
{
  GdStoreChanges *changes = user_data;

  g_hash_table_remove_all (changes->pending);
}

GdStoreChanges *
gd_store_changes_new (sqlite3 *db)
{
  GdStoreChanges *changes = g_new0 (GdStoreChanges, 1);

  changes->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_rollback_hook (db, on_rollback, changes);
  return changes;
}

void
gd_store_changes_free (GdStoreChanges *changes)
{
  if (changes == NULL)
    return;
  if (changes->destroy != NULL)
    changes->destroy (changes->data);
  g_hash_table_unref (changes->pending);
  g_free (changes);
}

void
gd_store_changes_note (GdStoreChanges *changes,
                       const char     *id,
                       GdDocType       type)
{
  /* nobody listens (the CLI, a sync worker's own connection): a first sync's 400,000 writes
   * cost nothing here */
  if (changes->func == NULL || id == NULL)
    return;
  g_hash_table_insert (changes->pending, g_strdup (id), GINT_TO_POINTER (type));
}

void
gd_store_changes_flush (GdStore        *store,
                        GdStoreChanges *changes)
{
  g_autoptr(GHashTable) written = NULL;
  GHashTableIter iter;
  gpointer id, type;

  if (changes->func == NULL || changes->reporting
      || g_hash_table_size (changes->pending) == 0
      || !sqlite3_get_autocommit (gd_store_get_db (store)))
    return;
  /* a listener may write in turn: its writes are reported after this round */
  written = g_steal_pointer (&changes->pending);
  changes->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes->reporting = TRUE;
  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &id, &type))
    changes->func (store, id, GPOINTER_TO_INT (type), changes->data);
  changes->reporting = FALSE;
  gd_store_changes_flush (store, changes);
}

void
gd_store_set_changed_func (GdStore           *store,
                           GdStoreChangedFunc func,
                           gpointer           user_data,
                           GDestroyNotify     destroy)
{
  GdStoreChanges *changes;

  g_return_if_fail (store != NULL);
  changes = gd_store_get_changes (store);
  if (changes->destroy != NULL)
    changes->destroy (changes->data);
  changes->func = func;
  changes->data = user_data;
  changes->destroy = destroy;
  g_hash_table_remove_all (changes->pending);
}

gint64
gd_store_get_data_version (GdStore *store)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, -1);
  stmt = gd_store_prepare (store, "PRAGMA data_version", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

gint64
gd_store_get_change_seq (GdStore *store)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, -1);
  stmt = gd_store_prepare (store,
    "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

gboolean
gd_store_foreach_change_since (GdStore           *store,
                               gint64             after,
                               guint              limit,
                               GdStoreChangedFunc func,
                               gpointer           user_data,
                               gint64            *out_last,
                               GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GdDocType));
  gint64 last = after;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  {
    g_autoptr(GdStmt) stmt = gd_store_prepare (store,
      "SELECT id, type, change_seq FROM documents WHERE change_seq > ?1 "
      "ORDER BY change_seq LIMIT ?2", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, after);
    sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        GdDocType type = gd_doc_type_from_string ((const char *) sqlite3_column_text (stmt, 1));

        g_ptr_array_add (ids, gd_store_column_dup (stmt, 0));
        g_array_append_val (types, type);
        last = sqlite3_column_int64 (stmt, 2);
      }
    if (rc != SQLITE_DONE)
      {
        gd_store_set_sql_error (store, error, _("reading changed documents"));
        return FALSE;
      }
  }
  /* the read is over (the statement reset) before anyone is told */
  for (guint i = 0; i < ids->len; i++)
    func (store, g_ptr_array_index (ids, i), g_array_index (types, GdDocType, i), user_data);
  if (out_last != NULL)
    *out_last = last;
  return TRUE;
}
