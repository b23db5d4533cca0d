/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log, chained by SHA-256 (gd-store-private.h).
 *
 * Each entry stores the hash of its previous entry and its own hash over (time, actor,
 * action, record, before and after hashes, detail, previous hash). An entry edited in the
 * file no longer matches its own hash; a deleted or moved entry breaks the link of the entry
 * after it; a deleted last entry no longer matches the head kept in `meta`. The chain shows
 * tampering by someone without this program's help; it does not stop a person who rewrites
 * every hash after the one they changed (that needs a copy of the head kept elsewhere). */
#define G_LOG_DOMAIN "gd-audit"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-audit.h"
#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-store-private.h"

enum { F_AT, F_ACTOR, F_ACTION, F_DOC, F_BEFORE, F_AFTER, F_DETAIL, N_FIELDS };

/* Each field as "<length>:<bytes>;" and SQL NULL as "-;": no two different entries hash the
 * same text, whatever their fields hold. */
static char *
chain_hash (const char *const fields[N_FIELDS],
            const char       *prev_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *all[N_FIELDS + 1];

  memcpy (all, fields, sizeof (const char *) * N_FIELDS);
  all[N_FIELDS] = prev_hash;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *head = all[i] ? g_strdup_printf ("%zu:", strlen (all[i])) : g_strdup ("-");

      g_checksum_update (sum, (const guchar *) head, -1);
      if (all[i] != NULL)
        g_checksum_update (sum, (const guchar *) all[i], -1);
      g_checksum_update (sum, (const guchar *) ";", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The fields of an audit_log row read by a statement whose columns 1..7 are them. */
static void
row_fields (sqlite3_stmt *stmt,
            const char   *fields[N_FIELDS])
{
  for (int i = 0; i < N_FIELDS; i++)
    fields[i] = (const char *) sqlite3_column_text (stmt, 1 + i);
}

#define ROW_COLUMNS "id, at, actor, action, doc_id, hash_before, hash_after, detail"

#define SET_HEAD_SQL \
  "INSERT INTO meta (key, value) VALUES ('audit_head', ?) " \
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"

/* The head of the chain, "<id> <hash>" in meta: a deleted last entry no longer matches it. */
static gboolean
set_head (sqlite3_stmt *stmt,
          gint64        id,
          const char   *hash)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", id, hash);

  return sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT) == SQLITE_OK
         && sqlite3_step (stmt) == SQLITE_DONE;
}

/* gd_audit_chain_rows(): the schema step that brings the chain chains the entries an older
 * version wrote, in id order. Runs inside the migration's transaction. */
static void
chain_rows_sql (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  sqlite3 *db = sqlite3_context_db_handle (context);
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  g_autofree char *prev = NULL;
  gint64 last = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " ROW_COLUMNS " FROM audit_log ORDER BY id", -1, &read,
                          NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", -1,
                             &write, NULL) != SQLITE_OK)
    goto failed;
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *fields[N_FIELDS];
      char *hash;

      row_fields (read, fields);
      hash = chain_hash (fields, prev);
      last = sqlite3_column_int64 (read, 0);
      sqlite3_reset (write);
      gd_store_bind_text (write, 1, prev);
      sqlite3_bind_text (write, 2, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write, 3, last);
      g_free (prev);
      prev = hash;
      if (sqlite3_step (write) != SQLITE_DONE)
        goto failed;
    }
  if (rc != SQLITE_DONE)
    goto failed;
  if (prev != NULL)
    {
      sqlite3_stmt *head = NULL;
      gboolean ok = sqlite3_prepare_v2 (db, SET_HEAD_SQL, -1, &head, NULL) == SQLITE_OK
                    && set_head (head, last, prev);

      sqlite3_finalize (head);
      if (!ok)
        goto failed;
    }
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  sqlite3_result_int64 (context, last);
  return;

failed:
  sqlite3_result_error (context, sqlite3_errmsg (db), -1);
  sqlite3_finalize (read);
  sqlite3_finalize (write);
}

gboolean
gd_audit_register (sqlite3 *db,
                   GError **error)
{
  if (sqlite3_create_function_v2 (db, "gd_audit_chain_rows", 0, SQLITE_UTF8, NULL,
                                  chain_rows_sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/* Ends what gd_store_append_audit began: its own transaction, or nothing in the caller's
 * (whose failure path rolls back). */
static gboolean
end_append (GdStore  *store,
            gboolean  own,
            gboolean  ok,
            GError  **error)
{
  if (!own)
    return ok;
  if (ok && gd_store_exec (store, "COMMIT", error))
    return TRUE;
  gd_store_exec (store, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
gd_store_append_audit (GdStore    *store,
                       const char *actor,
                       const char *action,
                       const char *doc_id,
                       const char *hash_before,
                       const char *hash_after,
                       const char *detail,
                       GError    **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  const char *fields[N_FIELDS] = { now, actor, action, doc_id, hash_before, hash_after, detail };
  g_autoptr(GdStmt) last = NULL;
  g_autoptr(GdStmt) insert = NULL;
  gboolean own;
  gboolean ok;

  /* the previous hash and this entry in one transaction: two writers never fork the chain.
   * Inside the caller's (a document write) no savepoint: releasing one makes FTS5 write out
   * the search rows it buffers, a tiny index segment per document of a batch. */
  own = sqlite3_get_autocommit (gd_store_get_db (store));
  if (own && !gd_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  last = gd_store_prepare (store, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (last == NULL)
    return end_append (store, own, FALSE, NULL);
  if (sqlite3_step (last) == SQLITE_ROW)
    prev = gd_store_column_dup (last, 0);
  g_clear_pointer (&last, gd_stmt_release);
  hash = chain_hash (fields, prev);

  insert = gd_store_prepare (store,
    "INSERT INTO audit_log (at, actor, action, doc_id, hash_before, hash_after, detail, "
    "                       prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return end_append (store, own, FALSE, NULL);
  for (int i = 0; i < N_FIELDS; i++)
    gd_store_bind_text (insert, 1 + i, fields[i]);
  gd_store_bind_text (insert, 8, prev);
  gd_store_bind_text (insert, 9, hash);
  ok = gd_store_step_done (store, insert, N_("writing the audit log"), error);
  g_clear_pointer (&insert, gd_stmt_release);
  if (ok)
    {
      g_autoptr(GdStmt) head = gd_store_prepare (store, SET_HEAD_SQL, error);

      ok = head != NULL
           && set_head (head, sqlite3_last_insert_rowid (gd_store_get_db (store)), hash);
      if (head != NULL && !ok)
        gd_store_set_sql_error (store, error, _("writing the audit log"));
    }
  return end_append (store, own, ok, error) && ok;
}

/* ---- checking ---- */

static void
check_head (GdStore    *store,
            gint64      last_id,
            const char *last_hash,
            GdIssues   *issues)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT value FROM meta WHERE key = 'audit_head'", NULL);
  g_autofree char *head = NULL;
  g_autofree char *expected = NULL;
  gint64 head_id;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    head = gd_store_column_dup (stmt, 0);
  if (head == NULL && last_hash == NULL)
    return;
  expected = last_hash ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", last_id, last_hash) : NULL;
  if (g_strcmp0 (head, expected) == 0)
    return;
  head_id = head ? g_ascii_strtoll (head, NULL, 10) : 0;
  if (head_id > last_id)
    gd_issues_error (issues, "audit",
                     /* Translators: an audit log entry number */
                     _("entry %lld: the last entries of the log, from this one, have been deleted"),
                     (long long) (last_id + 1));
  else
    gd_issues_error (issues, "audit",
                     /* Translators: an audit log entry number */
                     _("entry %lld: the end of the log does not match the last entry written"),
                     (long long) last_id);
}

void
gd_store_check_audit (GdStore  *store,
                      GdIssues *issues)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = NULL; /* the hash of the entry before, as it is */
  gint64 prev_id = 0;
  int rc;

  /* not cached: this reads the whole log once */
  if (sqlite3_prepare_v2 (gd_store_get_db (store),
                          "SELECT " ROW_COLUMNS ", prev_hash, hash FROM audit_log ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      gd_issues_error (issues, "audit", "%s", sqlite3_errmsg (gd_store_get_db (store)));
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *fields[N_FIELDS];
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 1 + N_FIELDS);
      const char *hash = (const char *) sqlite3_column_text (stmt, 2 + N_FIELDS);
      g_autofree char *computed = NULL;

      row_fields (stmt, fields);
      computed = chain_hash (fields, prev_hash);
      if (hash == NULL)
        gd_issues_error (issues, "audit",
                         /* Translators: an audit log entry number */
                         _("entry %lld is not chained: it was added outside GridDesk"),
                         (long long) id);
      else if (!g_str_equal (hash, computed))
        gd_issues_error (issues, "audit",
                         /* Translators: an audit log entry number */
                         _("entry %lld has been edited: its content no longer matches its hash"),
                         (long long) id);
      if (g_strcmp0 (prev_hash, prev) != 0)
        {
          if (id > prev_id + 1)
            gd_issues_error (issues, "audit",
                             /* Translators: audit log entry numbers */
                             _("entry %lld: the entries before it, after entry %lld, have been "
                               "deleted"), (long long) id, (long long) prev_id);
          else
            gd_issues_error (issues, "audit",
                             /* Translators: audit log entry numbers */
                             _("entry %lld does not follow entry %lld: entries have been moved "
                               "or swapped"), (long long) id, (long long) prev_id);
        }
      g_free (prev);
      prev = g_strdup (hash);
      prev_id = id;
    }
  if (rc != SQLITE_DONE)
    gd_issues_error (issues, "audit", "%s", sqlite3_errmsg (gd_store_get_db (store)));
  sqlite3_finalize (stmt);
  check_head (store, prev_id, prev, issues);
}

/* ---- reading ---- */

GdAuditEntry *
gd_audit_entry_from_row (sqlite3_stmt *stmt)
{
  GdAuditEntry *entry = g_new0 (GdAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = gd_store_column_dup (stmt, 1);
  entry->actor = gd_store_column_dup (stmt, 2);
  entry->action = gd_store_column_dup (stmt, 3);
  entry->doc_id = gd_store_column_dup (stmt, 4);
  entry->hash_before = gd_store_column_dup (stmt, 5);
  entry->hash_after = gd_store_column_dup (stmt, 6);
  entry->detail = gd_store_column_dup (stmt, 7);
  return entry;
}

static gboolean
may_read_log (GdStore *store,
              GError **error)
{
  GdAccess *access = gd_store_get_access (store);
  g_autoptr(GdAccount) current = NULL;

  if (access->account == NULL ? access->whole
      : ((current = gd_accounts_get (store, access->account->name, NULL)) != NULL
         && !current->disabled && gd_account_has_role (current, GD_ROLE_ADMINISTRATOR)))
    return TRUE;
  g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                       _("only an administrator may read the audit log"));
  return FALSE;
}

static gboolean
day_bound (const char  *field,
           const char  *day,
           int          days,
           char       **out,
           GError     **error)
{
  if (day == NULL)
    return TRUE;
  *out = gd_incident_day_start (day, days);
  if (*out != NULL)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "%s: %s", field,
               /* Translators: a date as the user typed it */
               _("not a date (YYYY-MM-DD)"));
  return FALSE;
}

GPtrArray *
gd_store_find_audit (GdStore             *store,
                     const GdAuditFilter *filter,
                     GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_audit_entry_free);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GdStmt) stmt = NULL;
  const char *action;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!may_read_log (store, error)
      || !day_bound ("from", filter->from, 0, &from, error)
      || !day_bound ("to", filter->to, 1, &to, error))
    return NULL;
  action = filter->action;
  if (action != NULL && g_str_has_suffix (action, "-"))
    {
      prefix = g_strdup (action);
      action = NULL;
    }
  stmt = gd_store_prepare (store,
    "SELECT " ROW_COLUMNS " FROM audit_log "
    "WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2) "
    "  AND (?3 IS NULL OR substr (action, 1, length (?3)) = ?3) "
    "  AND (?4 IS NULL OR doc_id = ?4) AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6) "
    "ORDER BY id DESC LIMIT ?7 OFFSET ?8", error);
  if (stmt == NULL)
    return NULL;
  gd_store_bind_text (stmt, 1, filter->actor);
  gd_store_bind_text (stmt, 2, action);
  gd_store_bind_text (stmt, 3, prefix);
  gd_store_bind_text (stmt, 4, filter->doc_id);
  gd_store_bind_text (stmt, 5, from);
  gd_store_bind_text (stmt, 6, to);
  sqlite3_bind_int64 (stmt, 7, filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 8, filter->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (entries, gd_audit_entry_from_row (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the audit log"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}
