/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gd-division.h"
#include "gd-error.h"
#include "gd-idcard.h"
#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-store-private.h"
#include "gd-store-sync.h"
#include "gd-validate.h"

struct _GdStore
{
  sqlite3    *db;
  char       *path;
  char       *scope;
  char       *scope_name;
  GHashTable *statements; /* SQL literal (its address) -> sqlite3_stmt */
  GDate      *today;      /* NULL: the real date (tests may pin it) */
  GdAccess    access;     /* who it works for (gd-scope.c) */
  GdStoreChanges *changes;
  gatomicrefcount ref_count;
};

G_DEFINE_BOXED_TYPE (GdStore, gd_store, gd_store_ref, gd_store_unref)

GdAccess *
gd_store_get_access (GdStore *store)
{
  g_assert (store != NULL);
  return &store->access;
}

GdStoreChanges *
gd_store_get_changes (GdStore *store)
{
  g_assert (store != NULL);
  return store->changes;
}

sqlite3 *
gd_store_get_db (GdStore *store)
{
  g_assert (store != NULL);
  return store->db;
}

const char *
gd_store_get_path (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

void
gd_store_set_sql_error (GdStore    *store,
                        GError    **error,
                        const char *what)
{
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s: %s (%s)",
               what, sqlite3_errmsg (store->db), store->path);
}

gboolean
gd_store_exec (GdStore    *store,
               const char *sql,
               GError    **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      /* Translators: SQLite's message (English), then the database file */
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("database error: %s (%s)"),
                   message ? message : C_("database error", "unknown"), store->path);
      sqlite3_free (message);
      return FALSE;
    }
  /* the COMMIT (or RELEASE) that ended a transaction: tell what it wrote */
  if (store->changes != NULL)
    gd_store_changes_flush (store, store->changes);
  return TRUE;
}

sqlite3_stmt *
gd_store_prepare (GdStore    *store,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          gd_store_set_sql_error (store, error, _("preparing a query"));
          return NULL;
        }
      /* keyed by the caller's string literal: statements live as long as the store */
      g_hash_table_insert (store->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
gd_store_step_done (GdStore      *store,
                    sqlite3_stmt *stmt,
                    const char   *what,
                    GError      **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  gd_store_set_sql_error (store, error, _(what));
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
gd_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  bind_text (stmt, index, text);
}

char *
gd_store_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  return column_dup (stmt, column);
}

static char *
meta_get (GdStore    *store,
          const char *key)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? column_dup (stmt, 0) : NULL;
}

static gboolean
meta_set (GdStore    *store,
          const char *key,
          const char *value,
          GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("writing settings"));
      return FALSE;
    }
  return TRUE;
}

/* The scope as the file has it: after a rollback, memory must not remember more. */
static void
reload_scope (GdStore *store)
{
  g_free (store->scope);
  g_free (store->scope_name);
  store->scope = meta_get (store, "scope");
  store->scope_name = meta_get (store, "scope_name");
}

/* Personal data: the file (and SQLite's -wal/-shm, which copy its mode) is owner-only.
 * An existing file is changed by path, never opened here: closing any descriptor of a file
 * drops every POSIX lock this process holds on it, and SQLite's locks of another open
 * connection to the same file (a second GdStore in this process) would silently go with
 * it; another process could then take the WAL away under that connection. */
static gboolean
make_private (const char *path,
              GError    **error)
{
  if (g_chmod (path, 0600) == 0)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "cannot make %s private: %s",
               path, g_strerror (errno));
  return FALSE;
}

static gboolean
create_private_file (const char *path,
                     GError    **error)
{
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return make_private (path, error);

  /* new: nobody can have it open yet, so this descriptor holds no one's locks */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "cannot open %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return make_private (path, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

GdStore *
gd_store_open (const char *path,
               GError    **error)
{
  g_autoptr(GdStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  store = g_new0 (GdStore, 1);
  g_atomic_ref_count_init (&store->ref_count);
  store->path = g_strdup (path);
  gd_access_clear (&store->access);
  /* by the address of the SQL literal: hashing the text took a tenth of a first sync */
  store->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      gd_store_set_sql_error (store, error, _("cannot open the database"));
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  store->changes = gd_store_changes_new (store->db);
  sqlite3_busy_timeout (store->db, 5000);

  /* WAL with synchronous=NORMAL: a killed process never loses a committed write. */
  /* page_size only takes on a new, empty file, and must come before WAL: 8 KiB pages hold
   * several 1-2 KB documents each where 4 KiB pages leave half of every page empty */
  if (!gd_store_exec (store,
                      "PRAGMA page_size = 8192;"
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA temp_store = MEMORY;"
                      /* 64 MiB: a big batch (an import, the demo) otherwise spills dirty
                       * pages to the WAL again and again before it commits */
                      "PRAGMA cache_size = " GD_STORE_CACHE_SIZE ";", error))
    {
      /* Translators: a file name; the database's own error follows */
      g_prefix_error (error, _("%s is not a GridDesk database: "), path);
      return NULL;
    }
  if (!gd_search_index_register (store->db, error)
      || !gd_audit_register (store->db, error)
      || !gd_access_register (store->db, &store->access, error)
      || !gd_accounts_register (store->db, error)
      || !gd_store_schema_migrate (store, error))
    return NULL;

  reload_scope (store);
  return g_steal_pointer (&store);
}

void
gd_store_set_cache_size (GdStore *store,
                         int      kib)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (store != NULL);
  g_return_if_fail (kib > 0);

  /* a negative cache_size is in KiB */
  sql = g_strdup_printf ("PRAGMA cache_size = -%d;", kib);
  if (!gd_store_exec (store, sql, &error))
    g_warning ("Cannot size the page cache: %s", error->message);
}

GdStore *
gd_store_ref (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_atomic_ref_count_inc (&store->ref_count);
  return store;
}

void
gd_store_free (GdStore *store)
{
  gd_store_unref (store);
}

void
gd_store_unref (GdStore *store)
{
  if (store == NULL || !g_atomic_ref_count_dec (&store->ref_count))
    return;
  g_clear_pointer (&store->statements, g_hash_table_unref);
  if (store->db != NULL)
    sqlite3_close (store->db);
  /* after the close, whose rollback of an open transaction calls the hook */
  g_clear_pointer (&store->changes, gd_store_changes_free);
  g_clear_pointer (&store->today, g_date_free);
  gd_access_clear (&store->access);
  g_free (store->scope);
  g_free (store->scope_name);
  g_free (store->path);
  g_free (store);
}

int
gd_store_get_schema_version (GdStore *store)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, -1);
  stmt = gd_store_prepare (store, "PRAGMA user_version", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
}

const char *
gd_store_get_scope (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->scope;
}

const char *
gd_store_get_scope_name (GdStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->scope_name;
}

void
gd_store_set_today (GdStore     *store,
                    const GDate *today)
{
  g_return_if_fail (store != NULL);
  g_clear_pointer (&store->today, g_date_free);
  if (today != NULL)
    store->today = g_date_copy (today);
}

/* ---- transactions ---- */

gboolean
gd_store_begin (GdStore *store,
                GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (store->db), FALSE);
  /* IMMEDIATE takes the write lock now, so a second writer waits instead of deadlocking */
  return gd_store_exec (store, "BEGIN IMMEDIATE", error);
}

gboolean
gd_store_commit (GdStore *store,
                 GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return gd_store_exec (store, "COMMIT", error);
}

void
gd_store_rollback (GdStore *store)
{
  g_return_if_fail (store != NULL);
  if (!sqlite3_get_autocommit (store->db))
    gd_store_exec (store, "ROLLBACK", NULL);
  reload_scope (store);
}

/* ---- the write path ---- */

void
gd_stored_row_clear (GdStoredRow *row)
{
  g_free (row->type);
  g_free (row->body);
  g_free (row->base_rev);
  g_free (row->base_body);
}

gboolean
gd_store_load_row (GdStore     *store,
                   const char  *id,
                   GdStoredRow *row,
                   GError     **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT seq, type, body, base_rev, base_body, dirty, deleted FROM documents WHERE id = ?",
    error);

  memset (row, 0, sizeof *row);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  row->seq = sqlite3_column_int64 (stmt, 0);
  row->type = column_dup (stmt, 1);
  row->body = column_dup (stmt, 2);
  row->base_rev = column_dup (stmt, 3);
  row->base_body = column_dup (stmt, 4);
  row->dirty = sqlite3_column_int (stmt, 5) != 0;
  row->deleted = sqlite3_column_int (stmt, 6) != 0;
  return TRUE;
}

static gboolean
lookup_grid_cb (const char *code,
                GdLevel    *level,
                gpointer    user_data)
{
  GdStore *store = user_data;
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "SELECT level FROM grids WHERE code = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  return gd_level_from_string ((const char *) sqlite3_column_text (stmt, 0), level);
}

static char *
find_id_holder_cb (const char *id_number,
                   const char *except_id,
                   gpointer    user_data)
{
  GdStore *store = user_data;
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT d.id FROM persons p JOIN documents d ON d.seq = p.doc "
    "WHERE p.id_number IN (?1, ?3) AND d.id IS NOT ?2 LIMIT 1", NULL);
  char full[19], legacy[16];

  if (stmt == NULL)
    return NULL;
  /* a legacy 15-digit number and its 18-digit form are one person, whichever is stored */
  if (strlen (id_number) == 15)
    gd_idcard_upgrade (id_number, full);
  else
    g_strlcpy (full, id_number, sizeof full);
  if (!gd_idcard_legacy_form (full, legacy))
    g_strlcpy (legacy, full, sizeof legacy);
  sqlite3_bind_text (stmt, 1, full, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 2, except_id);
  sqlite3_bind_text (stmt, 3, legacy, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? column_dup (stmt, 0) : NULL;
}

static char *
find_credit_code_holder_cb (const char *credit_code,
                            const char *except_id,
                            gpointer    user_data)
{
  GdStore *store = user_data;
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT doc_id FROM organisations WHERE credit_code = ? AND doc_id IS NOT ? LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, credit_code, -1, SQLITE_STATIC);
  bind_text (stmt, 2, except_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? column_dup (stmt, 0) : NULL;
}

static char *
hash_text (const char *text)
{
  return text ? g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1) : NULL;
}

/* No RETURNING here or in write_row(): a statement with RETURNING holds a statement
 * savepoint, and FTS5 writes out the search rows it buffers at every savepoint release: a
 * tiny index segment per document instead of one per transaction (first sync 8x slower). */
static gint64
next_change_seq (GdStore *store,
                 GError **error)
{
  g_autoptr(GdStmt) read = gd_store_prepare (store,
    "SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'change_seq'", error);
  g_autoptr(GdStmt) write = NULL;
  gint64 seq;

  if (read == NULL)
    return -1;
  if (sqlite3_step (read) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("counting changes"));
      return -1;
    }
  seq = sqlite3_column_int64 (read, 0);
  write = gd_store_prepare (store, "UPDATE meta SET value = ? WHERE key = 'change_seq'", error);
  if (write == NULL)
    return -1;
  sqlite3_bind_int64 (write, 1, seq);
  if (sqlite3_step (write) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("counting changes"));
      return -1;
    }
  return seq;
}

static gint64
document_seq (GdStore    *store,
              const char *id,
              GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "SELECT seq FROM documents WHERE id = ?", error);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("writing a document"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The column lists ordering uses; a type's natural key. */
static const char *
sort_key_of (GdDocType   type,
             JsonObject *doc)
{
  switch (type)
    {
    case GD_DOC_GRID:
    case GD_DOC_COMPONENT:
      return gd_json_get_string (doc, "code");
    case GD_DOC_PATROL:
      return gd_json_get_string (doc, "started_at");
    case GD_DOC_MEDIATOR:
    case GD_DOC_ORGANISATION:
      return gd_json_get_string (doc, "name");
    case GD_DOC_HOUSEHOLD:
    case GD_DOC_INCIDENT:
    case GD_DOC_DISPUTE:
    case GD_DOC_UNKNOWN:
    default:
      return gd_json_get_string (doc, "number");
    }
}

/* Grid documents are filed under their own code, everything else under its grid. */
static const char *
grid_of (GdDocType   type,
         JsonObject *doc)
{
  return type == GD_DOC_GRID ? gd_json_get_string (doc, "code") : gd_json_get_string (doc, "grid");
}

/* The documents row's own columns, from the object or from a household's fields. */
typedef struct {
  const char *id;
  const char *village;
  const char *grid;
  const char *sort_key;
  const char *status;
  const char *updated_at;
} RowColumns;

static RowColumns
columns_of (GdDocType         type,
            JsonObject       *doc,
            const GdRowWrite *how)
{
  const GdHouseholdFields *household = how->household;

  if (household != NULL)
    return (RowColumns) { household->id, household->village, household->grid, household->number,
                          household->status, household->updated_at };
  return (RowColumns) { gd_json_get_string (doc, "_id"), gd_json_get_string (doc, "village"),
                        grid_of (type, doc), sort_key_of (type, doc),
                        gd_json_get_string (doc, "status"), gd_json_get_string (doc, "updated_at") };
}

/* Writes the row of `doc` (or of how->household) and its derived rows as `how` says; the
 * caller holds the transaction. Returns the seq. */
static gint64
write_row (GdStore          *store,
           GdDocType         type,
           JsonObject       *doc,
           const GdRowWrite *how,
           GError          **error)
{
  RowColumns columns = columns_of (type, doc, how);
  gint64 change_seq = next_change_seq (store, error);
  g_autoptr(GdStmt) stmt = NULL;
  gint64 seq;

  if (change_seq < 0)
    return -1;
  stmt = gd_store_prepare (store,
    "INSERT INTO documents (id, type, village, grid, sort_key, status, body, dirty, deleted, "
    "                       change_seq, updated_at, base_rev) "
    /* documents from other clients may lack updated_at: the time it arrived stands in */
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?11 IS NULL, ?8, ?9, "
    "        coalesce(?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?11) "
    "ON CONFLICT (id) DO UPDATE SET village = ?3, grid = ?4, sort_key = ?5, status = ?6, "
    "  body = ?7, dirty = ?11 IS NULL, deleted = ?8, change_seq = ?9, "
    "  updated_at = excluded.updated_at, base_rev = coalesce (?11, base_rev), "
    /* a clean synced row keeps no copy of its base (it is the body): the first local edit
     * saves the body as the base the three-way merge needs */
    "  base_body = CASE WHEN ?11 IS NOT NULL THEN NULL "
    "                   WHEN dirty = 0 AND base_body IS NULL AND base_rev IS NOT NULL "
    "                   THEN body ELSE base_body END", error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, columns.id);
  bind_text (stmt, 2, gd_doc_type_to_string (type));
  bind_text (stmt, 3, columns.village);
  bind_text (stmt, 4, columns.grid);
  bind_text (stmt, 5, how->deleted ? NULL : columns.sort_key);
  bind_text (stmt, 6, how->deleted ? NULL : columns.status);
  bind_text (stmt, 7, how->body);
  sqlite3_bind_int (stmt, 8, how->deleted);
  sqlite3_bind_int64 (stmt, 9, change_seq);
  bind_text (stmt, 10, columns.updated_at);
  bind_text (stmt, 11, how->clean_rev);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("writing a document"));
      return -1;
    }
  g_clear_pointer (&stmt, gd_stmt_release);
  seq = how->fresh ? sqlite3_last_insert_rowid (store->db) : document_seq (store, columns.id, error);
  if (seq < 0)
    return -1;

  if (!gd_store_index_document (store, seq, how->deleted ? NULL : doc, how, error))
    return -1;
  gd_store_changes_note (store->changes, columns.id, type);
  return seq;
}

gint64
gd_store_write_row (GdStore          *store,
                    JsonObject       *doc,
                    const GdRowWrite *how,
                    GError          **error)
{
  GdDocType type = how->household != NULL ? GD_DOC_HOUSEHOLD
                   : gd_doc_type_from_string (gd_json_get_string (doc, "type"));

  return write_row (store, type, doc, how, error);
}

gboolean
gd_store_adopt_scope (GdStore    *store,
                      const char *code,
                      const char *name,
                      GError    **error)
{
  g_return_val_if_fail (store->scope == NULL, FALSE);
  if (!meta_set (store, "scope", code, error)
      || !meta_set (store, "scope_name", name ? name : code, error))
    return FALSE;
  reload_scope (store);
  return TRUE;
}

static void
set_string (JsonObject *doc,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (doc, member, value);
  else if (json_object_has_member (doc, member))
    json_object_remove_member (doc, member);
}

/* The envelope the workstation owns: ids, authorship, times, schema, the sync base. */
static void
fill_envelope (GdStore    *store,
               GdDocType   type,
               JsonObject *doc,
               JsonObject *stored,
               const char *base_rev,
               const char *actor)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  /* a new document may bring its creation time (imports of older records, the demo's
   * fixed clock); once stored, creation is never rewritten */
  const char *created_at = stored ? gd_json_get_string (stored, "created_at")
                                  : gd_json_get_string (doc, "created_at");
  const char *created_by = stored ? gd_json_get_string (stored, "created_by") : NULL;

  if (gd_json_get_string (doc, "_id") == NULL)
    {
      g_autofree char *id = gd_doc_id_new (gd_doc_type_to_string (type));
      json_object_set_string_member (doc, "_id", id);
    }
  /* the base revision is what the server last sent, never what a caller claims */
  set_string (doc, "_rev", base_rev);
  if (json_object_has_member (doc, "_deleted"))
    json_object_remove_member (doc, "_deleted");
  if (!json_object_has_member (doc, "schema"))
    json_object_set_int_member (doc, "schema", 1);
  json_object_set_string_member (doc, "created_at", created_at ? created_at : now);
  json_object_set_string_member (doc, "created_by", created_by ? created_by : actor);
  json_object_set_string_member (doc, "updated_at", now);
  json_object_set_string_member (doc, "updated_by", actor);
  if (gd_json_get_string (doc, "village") == NULL && store->scope != NULL
      && strlen (store->scope) == gd_level_code_length (GD_LEVEL_VILLAGE)
      && !(type == GD_DOC_GRID && g_strcmp0 (gd_json_get_string (doc, "level"), "town") == 0))
    json_object_set_string_member (doc, "village", store->scope);
}

static gboolean
check_type (JsonObject *doc,
            GdDocType  *out_type,
            GdIssues   *issues)
{
  const char *name = gd_json_get_string (doc, "type");
  g_autofree char *expected = NULL;

  *out_type = gd_doc_type_from_string (name);
  if (*out_type != GD_DOC_UNKNOWN)
    return TRUE;
  expected = gd_doc_type_list ();
  if (name == NULL)
    /* Translators: %s lists the type codes, written as they are */
    gd_issues_error (issues, "type", _("is missing (expected %s)"), expected);
  else
    gd_issues_error (issues, "type", _("unknown type '%s' (expected %s)"), name, expected);
  return FALSE;
}

char *
gd_store_put (GdStore    *store,
              JsonObject *doc,
              const char *actor,
              GdIssues   *issues,
              GError    **error)
{
  g_autoptr(GdIssues) own_issues = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_auto(GdStoredRow) row = { 0 };
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autofree char *body = NULL;
  GdValidateContext ctx = { 0 };
  const char *id;
  GdDocType type;
  gboolean own;
  gboolean exists;
  gboolean numbered = FALSE;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  if (store->access.operator != NULL)
    actor = store->access.operator;
  if (issues == NULL)
    issues = own_issues = gd_issues_new ();
  if (store->scope == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("this database has no village yet: run init first"));
      return NULL;
    }
  if (!check_type (doc, &type, issues))
    {
      gd_issues_check (issues, error);
      return NULL;
    }

  if (!gd_store_group_begin (store, "gd_write", &own, error))
    return NULL;

  id = gd_json_get_string (doc, "_id");
  exists = id != NULL && gd_store_load_row (store, id, &row, NULL);
  if (exists && g_strcmp0 (row.type, gd_doc_type_to_string (type)) != 0)
    {
      /* Translators: a document id, then two type codes ("grid", "household" …) */
      gd_issues_error (issues, "_id", _("%s is a %s, not a %s"), id, row.type,
                       gd_doc_type_to_string (type));
      goto refused;
    }
  if (exists && !row.deleted)
    stored = gd_json_parse_object (row.body, -1, NULL);

  if (!gd_access_allows_doc (store, gd_doc_type_to_string (type), doc, TRUE)
      || (stored != NULL && !gd_access_allows_doc (store, row.type, stored, TRUE)))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   /* Translators: the operator's account name */
                   _("%s may not write this record: it is outside their data scope"), actor);
      gd_store_group_end (store, "gd_write", own, FALSE, NULL);
      return NULL;
    }
  fill_envelope (store, type, doc, stored, exists ? row.base_rev : NULL, actor);
  id = gd_json_get_string (doc, "_id");
  /* case numbers come from a counter in this same transaction: a refusal gives it back */
  numbered = type == GD_DOC_DISPUTE && !json_object_has_member (doc, "number");
  if (type == GD_DOC_DISPUTE && !gd_store_number_dispute (store, doc, issues, error))
    {
      gd_store_group_end (store, "gd_write", own, FALSE, NULL);
      return NULL;
    }

  ctx.scope = store->scope;
  ctx.today = store->today;
  ctx.lookup_grid = lookup_grid_cb;
  ctx.find_id_holder = find_id_holder_cb;
  ctx.find_credit_code_holder = find_credit_code_holder_cb;
  ctx.user_data = store;
  gd_validate_document (doc, &ctx, issues);
  if (gd_issues_has_errors (issues))
    goto refused;

  body = gd_json_to_string (doc, FALSE);
  hash_before = exists ? hash_text (row.body) : NULL;
  hash_after = hash_text (body);
  if (write_row (store, type, doc, &(GdRowWrite) { .body = body, .fresh = !exists }, error) < 0
      || !gd_store_append_audit (store, actor, stored ? "update" : "create", id,
                        hash_before, hash_after, NULL, error))
    {
      gd_store_group_end (store, "gd_write", own, FALSE, NULL);
      return NULL;
    }
  if (!gd_store_group_end (store, "gd_write", own, TRUE, error))
    return NULL;
  return g_strdup (id);

refused:
  gd_store_group_end (store, "gd_write", own, FALSE, NULL);
  if (numbered && json_object_has_member (doc, "number"))
    json_object_remove_member (doc, "number");
  gd_issues_check (issues, error);
  return NULL;
}

gboolean
gd_store_validate (GdStore    *store,
                   JsonObject *doc,
                   const char *actor,
                   GdIssues   *issues)
{
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_auto(GdStoredRow) row = { 0 };
  GdValidateContext ctx = { 0 };
  const char *id;
  GdDocType type;
  gboolean exists;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);
  g_return_val_if_fail (issues != NULL, FALSE);

  if (!check_type (doc, &type, issues))
    return FALSE;
  copy = gd_json_copy_object (doc);
  id = gd_json_get_string (copy, "_id");
  exists = id != NULL && gd_store_load_row (store, id, &row, NULL);
  if (exists && !row.deleted)
    stored = gd_json_parse_object (row.body, -1, NULL);
  fill_envelope (store, type, copy, stored, exists ? row.base_rev : NULL, actor);

  ctx.scope = store->scope;
  ctx.today = store->today;
  ctx.lookup_grid = lookup_grid_cb;
  ctx.find_id_holder = find_id_holder_cb;
  ctx.find_credit_code_holder = find_credit_code_holder_cb;
  ctx.user_data = store;
  gd_validate_document (copy, &ctx, issues);
  return !gd_issues_has_errors (issues);
}

void
gd_store_validate_context (GdStore           *store,
                           const char        *scope,
                           GdValidateContext *ctx)
{
  g_return_if_fail (store != NULL && ctx != NULL);
  *ctx = (GdValidateContext) {
    .scope = store->scope ? store->scope : scope,
    .today = store->today,
    /* the grid may come later in the same sync: its code is checked for form only */
    .lookup_grid = NULL,
    .find_id_holder = find_id_holder_cb,
    .user_data = store,
  };
}

char *
gd_store_find_id_holder (GdStore    *store,
                         const char *id_number,
                         const char *except_id)
{
  g_autofree char *upper = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (id_number != NULL, NULL);
  upper = g_ascii_strup (id_number, -1);
  return find_id_holder_cb (upper, except_id, store);
}

JsonObject *
gd_store_get (GdStore    *store,
              const char *id,
              GError    **error)
{
  g_auto(GdStoredRow) row = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!gd_store_load_row (store, id, &row, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no document %s"), id);
      return NULL;
    }
  if (row.deleted)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("%s has been deleted"), id);
      return NULL;
    }
  doc = gd_json_parse_object (row.body, -1, error);
  if (doc != NULL && !gd_access_allows_doc (store, row.type, doc, FALSE))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   /* Translators: a document id */
                   _("%s is outside your data scope"), id);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

gboolean
gd_store_delete (GdStore    *store,
                 const char *id,
                 const char *actor,
                 GError    **error)
{
  g_auto(GdStoredRow) row = { 0 };
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *hash_before = NULL;
  g_autofree char *body = NULL;
  gboolean own;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);

  if (store->access.operator != NULL)
    actor = store->access.operator;
  if (!gd_store_group_begin (store, "gd_write", &own, error))
    return FALSE;
  if (!gd_store_load_row (store, id, &row, NULL) || row.deleted)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no document %s"), id);
      return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
    }
  stored = gd_json_parse_object (row.body, -1, error);
  if (stored == NULL)
    return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
  if (!gd_access_allows_doc (store, row.type, stored, TRUE))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   _("%s may not write this record: it is outside their data scope"), actor);
      return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
    }

  if (g_str_equal (row.type, "grid"))
    {
      const char *code = gd_json_get_string (stored, "code");
      g_autoptr(GdStmt) stmt = gd_store_prepare (store,
        "SELECT count(*) FROM documents WHERE deleted = 0 AND type != 'grid' "
        "AND grid >= ?1 AND grid < ?1 || ':'", error);
      gint64 held;

      if (stmt == NULL)
        return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
      bind_text (stmt, 1, code);
      held = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if (held > 0)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       /* Translators: a grid code, then how many households, incidents … */
                       _("grid %s still holds %lld records; move or delete them first"),
                       code, (long long) held);
          return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
        }
    }

  /* Tombstones keep what filtered feeds need to route them. */
  tombstone = json_object_new ();
  json_object_set_string_member (tombstone, "_id", id);
  set_string (tombstone, "_rev", row.base_rev);
  json_object_set_boolean_member (tombstone, "_deleted", TRUE);
  json_object_set_string_member (tombstone, "type", row.type);
  set_string (tombstone, "village", gd_json_get_string (stored, "village"));
  set_string (tombstone, "grid", gd_json_get_string (stored, "grid"));
  if (g_str_equal (row.type, "grid"))
    set_string (tombstone, "code", gd_json_get_string (stored, "code"));
  json_object_set_string_member (tombstone, "updated_at", now);
  json_object_set_string_member (tombstone, "updated_by", actor);

  hash_before = hash_text (row.body);
  body = gd_json_to_string (tombstone, FALSE);
  if (write_row (store, gd_doc_type_from_string (row.type), tombstone,
                 &(GdRowWrite) { .body = body, .deleted = TRUE }, error) < 0
      || !gd_store_append_audit (store, actor, "delete", id, hash_before, NULL, NULL, error))
    return gd_store_group_end (store, "gd_write", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_write", own, TRUE, error);
}

gboolean
gd_store_init_scope (GdStore    *store,
                     const char *code,
                     const char *name,
                     const char *actor,
                     GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  GdLevel level;
  gboolean own;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (store->scope != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   /* Translators: a village or town code, then its name */
                   _("this database already holds %s %s"), store->scope, store->scope_name);
      return FALSE;
    }
  if (!gd_level_from_code (code, &level) || (level != GD_LEVEL_VILLAGE && level != GD_LEVEL_TOWN))
    {
      g_autofree char *why = NULL;

      /* the field name stays out of the translation, as with gd_issues_add() */
      why = g_strdup_printf (_("%s must be a 12-digit village or 9-digit town code"), code);
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "village: %s", why);
      return FALSE;
    }
  if (!gd_division_code_check (code, level, &reason))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "village: %s", reason);
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "name: %s", _("is empty"));
      return FALSE;
    }

  doc = json_object_new ();
  json_object_set_string_member (doc, "type", "grid");
  json_object_set_string_member (doc, "code", code);
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "level", gd_level_to_string (level));
  parent = g_strndup (code, gd_level_code_length (level - 1));
  json_object_set_string_member (doc, "parent", parent);
  if (level == GD_LEVEL_VILLAGE)
    json_object_set_string_member (doc, "village", code);

  /* a write like any other: inside a caller's batch it rolls back with the batch */
  if (!gd_store_group_begin (store, "gd_write", &own, error))
    return FALSE;
  store->scope = g_strdup (code);
  store->scope_name = g_strdup (name);
  if (!meta_set (store, "scope", code, error)
      || !meta_set (store, "scope_name", name, error)
      || (id = gd_store_put (store, doc, actor, NULL, error)) == NULL)
    {
      gd_store_group_end (store, "gd_write", own, FALSE, NULL);
      reload_scope (store);
      return FALSE;
    }
  if (!gd_store_group_end (store, "gd_write", own, TRUE, error))
    {
      reload_scope (store);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ---- */

GPtrArray *
gd_store_list (GdStore           *store,
               const GdListQuery *query,
               GError           **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* ':' sorts right after '9', so [code, code ':') is every code below `code`. */
  stmt = gd_store_prepare (store,
    "SELECT body FROM documents "
    "WHERE type = ?1 AND deleted = 0 "
    "  AND (?2 IS NULL OR (grid >= ?2 AND grid < ?2 || ':')) "
    "  AND (?3 IS NULL OR status = ?3) "
    "  AND (?6 OR gd_visible (type, grid, id)) "
    "ORDER BY sort_key, id LIMIT ?4 OFFSET ?5", error);
  if (stmt == NULL)
    return NULL;
  gd_access_refresh (store);
  sqlite3_bind_int (stmt, 6, store->access.whole);
  bind_text (stmt, 1, gd_doc_type_to_string (query->type));
  bind_text (stmt, 2, query->grid);
  bind_text (stmt, 3, query->status);
  sqlite3_bind_int64 (stmt, 4, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 5, query->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *doc = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 0), -1, error);
      if (doc == NULL)
        return NULL;
      g_ptr_array_add (docs, doc);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("listing documents"));
      return NULL;
    }
  return g_steal_pointer (&docs);
}

static gint64
count_query (GdStore    *store,
             const char *sql,
             const char *first,
             const char *grid)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, first);
  bind_text (stmt, 2, grid);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      gd_access_refresh (store);
      sqlite3_bind_int (stmt, 3, store->access.whole);
    }
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

gint64
gd_store_count (GdStore    *store,
                GdDocType   type,
                const char *grid)
{
  g_return_val_if_fail (store != NULL, -1);
  return count_query (store,
    "SELECT count(*) FROM documents WHERE deleted = 0 AND (?1 IS NULL OR type = ?1) "
    "AND (?2 IS NULL OR (grid >= ?2 AND grid < ?2 || ':')) AND (?3 OR gd_visible (type, grid, id))",
    type == GD_DOC_UNKNOWN ? NULL : gd_doc_type_to_string (type), grid);
}

gint64
gd_store_count_persons (GdStore    *store,
                        const char *grid)
{
  g_return_val_if_fail (store != NULL, -1);
  return count_query (store,
    "SELECT count(*) FROM persons p WHERE (?2 IS NULL OR (grid >= ?2 AND grid < ?2 || ':')) "
    "AND (?3 "
    "     OR gd_visible ('household', grid, (SELECT id FROM documents WHERE seq = p.doc)))",
    NULL, grid);
}

GPtrArray *
gd_store_outbox (GdStore *store,
                 guint    limit,
                 GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = gd_store_prepare (store,
    "SELECT id FROM documents WHERE dirty = 1 ORDER BY change_seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  return g_steal_pointer (&ids);
}

gboolean
gd_store_audit (GdStore    *store,
                const char *actor,
                const char *action,
                const char *doc_id,
                const char *detail,
                GError    **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);
  /* the signed-in operator, whoever the caller names (gd-scope.h) */
  if (store->access.operator != NULL)
    actor = store->access.operator;
  return gd_store_append_audit (store, actor, action, doc_id, NULL, NULL, detail, error);
}

void
gd_audit_entry_free (GdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->doc_id);
  g_free (entry->hash_before);
  g_free (entry->hash_after);
  g_free (entry->detail);
  g_free (entry);
}

GPtrArray *
gd_store_get_audit (GdStore    *store,
                    const char *doc_id,
                    guint       limit,
                    GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_audit_entry_free);
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = gd_store_prepare (store,
    "SELECT id, at, actor, action, doc_id, hash_before, hash_after, detail FROM audit_log "
    "WHERE ?1 IS NULL OR doc_id = ?1 ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, doc_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (entries, gd_audit_entry_from_row (stmt));
  return g_steal_pointer (&entries);
}

/* ---- checking ---- */

static void
check_integrity (GdStore  *store,
                 GdIssues *issues)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "PRAGMA integrity_check", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        gd_issues_error (issues, "file", "%s", line);
    }
  g_clear_pointer (&stmt, gd_stmt_release);

  /* the search index's own structure (against its content: check_derived) */
  if (sqlite3_exec (store->db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                    NULL, NULL, NULL) != SQLITE_OK)
    /* Translators: SQLite's own message follows */
    gd_issues_error (issues, "file", _("search index: %s"), sqlite3_errmsg (store->db));
}

static void
check_documents (GdStore  *store,
                 GdIssues *issues)
{
  GdValidateContext ctx = {
    .scope = store->scope,
    .today = store->today,
    .lookup_grid = lookup_grid_cb,
    .find_id_holder = find_id_holder_cb,
    .find_credit_code_holder = find_credit_code_holder_cb,
    .user_data = store,
  };
  sqlite3_stmt *stmt;
  /* a first sync cut off leaves records whose grid has not come yet: the next sync brings it */
  gboolean unfinished = gd_store_sync_first_unfinished (store);

  /* not a cached statement: validation below runs other cached queries meanwhile */
  if (sqlite3_prepare_v2 (store->db, "SELECT id, body FROM documents WHERE deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) doc = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 1),
                                                        -1, &error);
      g_autoptr(GdIssues) found = gd_issues_new ();

      if (doc == NULL)
        {
          /* Translators: why, e.g. "nested deeper than 32 levels at line 1, column 161" */
          gd_issues_error (issues, id, _("stored body is not a JSON object: %s"), error->message);
          continue;
        }
      gd_validate_document (doc, &ctx, found);
      for (guint i = 0; i < gd_issues_get_n_items (found); i++)
        {
          const GdIssue *issue = gd_issues_get_item (found, i);
          g_autofree char *path = g_strdup_printf ("%s.%s", id, issue->path);

          if (unfinished && g_strcmp0 (issue->code, GD_ISSUE_CODE_NO_GRID) == 0)
            gd_issues_add (issues, GD_ISSUE_WARNING, path,
                           _("%s (the first sync is unfinished: the next sync brings it)"), issue->message);
          else
            gd_issues_add (issues, issue->severity, path, "%s", issue->message);
        }
    }
  sqlite3_finalize (stmt);
}

/* Each pair of counts must agree, else a derived table has drifted from the documents. */
static const struct {
  const char *what; /* translated at use */
  const char *documents_sql;
  const char *derived_sql;
} derived_checks[] = {
  { NC_("store check", "households"),
    "SELECT count(*) FROM documents WHERE type = 'household' AND deleted = 0",
    "SELECT count(*) FROM households h JOIN documents d ON d.seq = h.doc AND d.deleted = 0" },
  { NC_("store check", "persons"),
    "SELECT coalesce(sum(json_array_length(body, '$.members')), 0) FROM documents "
    "WHERE type = 'household' AND deleted = 0",
    "SELECT count(*) FROM persons p JOIN documents d ON d.seq = p.doc AND d.deleted = 0" },
  { NC_("store check", "incidents"),
    "SELECT count(*) FROM documents WHERE type = 'incident' AND deleted = 0",
    "SELECT count(*) FROM incidents i JOIN documents d ON d.seq = i.doc AND d.deleted = 0" },
  { NC_("store check", "disputes"),
    "SELECT count(*) FROM documents WHERE type = 'dispute' AND deleted = 0",
    "SELECT count(*) FROM disputes x JOIN documents d ON d.seq = x.doc AND d.deleted = 0" },
  { NC_("store check", "patrols"),
    "SELECT count(*) FROM documents WHERE type = 'patrol' AND deleted = 0",
    "SELECT count(*) FROM patrols x JOIN documents d ON d.seq = x.doc AND d.deleted = 0" },
  { NC_("store check", "organisations"),
    "SELECT count(*) FROM documents WHERE type = 'organisation' AND deleted = 0",
    "SELECT count(*) FROM organisations x JOIN documents d ON d.seq = x.doc AND d.deleted = 0" },
  { NC_("store check", "grids"),
    "SELECT count(*) FROM documents WHERE type = 'grid' AND deleted = 0",
    "SELECT count(*) FROM grids g JOIN documents d ON d.seq = g.doc AND d.deleted = 0" },
  { NC_("store check", "rows of deleted documents"),
    "SELECT 0",
    "SELECT count(*) FROM persons p JOIN documents d ON d.seq = p.doc AND d.deleted = 1" },
  /* the keys each row was indexed with are still those of its document */
  { NC_("store check", "persons with stale search keys"),
    "SELECT 0",
    "SELECT count(*) FROM persons p JOIN documents d ON d.seq = p.doc "
    "WHERE p.search_keys IS NOT gd_search_keys (p.doc, d.body, p.position)" },
  { NC_("store check", "households with stale search keys"),
    "SELECT 0",
    "SELECT count(*) FROM households h JOIN documents d ON d.seq = h.doc "
    "WHERE h.search_keys IS NOT gd_search_keys (h.doc, d.body, -1)" },
  { NC_("store check", "organisations with stale search keys"),
    "SELECT 0",
    "SELECT count(*) FROM organisations o JOIN documents d ON d.seq = o.doc "
    "WHERE o.search_keys IS NOT gd_search_keys (o.doc, d.body, -1)" },
  /* the report's columns are still what their document and row say */
  { NC_("store check", "incidents with stale report columns"),
    "SELECT 0",
    "SELECT count(*) FROM incidents i JOIN documents d ON d.seq = i.doc "
    "WHERE (" GD_INCIDENT_REPORT_COLUMNS ") IS NOT (" GD_INCIDENT_REPORT_VALUES ("d.body") ")" },
  { NC_("store check", "disputes with stale parties"),
    "SELECT 0",
    "SELECT count(*) FROM disputes x JOIN documents d ON d.seq = x.doc "
    "WHERE x.parties IS NOT " GD_DISPUTE_PARTIES ("d.body") },
  { NC_("store check", "patrol visits"),
    "SELECT count(*) FROM (" GD_PATROL_VISITS_SELECT "AND d.deleted = 0)",
    "SELECT count(*) FROM patrol_visits x JOIN documents d ON d.seq = x.doc AND d.deleted = 0" },
  { NC_("store check", "persons with stale report checks"),
    "SELECT 0",
    "SELECT count(*) FROM persons "
    "WHERE checks IS NOT " GD_PERSON_CHECKS ("id_number", "birth_date", "tags") },
};

static void
check_derived (GdStore  *store,
               GdIssues *issues)
{
  for (guint i = 0; i < G_N_ELEMENTS (derived_checks); i++)
    {
      gint64 expected = count_query (store, derived_checks[i].documents_sql, NULL, NULL);
      gint64 found = count_query (store, derived_checks[i].derived_sql, NULL, NULL);

      if (expected != found)
        /* Translators: what was counted ("persons" …), then two counts that should agree */
        gd_issues_error (issues, "index", _("%s: documents say %lld, query tables hold %lld"),
                         g_dpgettext2 (GETTEXT_PACKAGE, "store check", derived_checks[i].what),
                         (long long) expected, (long long) found);
    }
  if (gd_store_indexes_deferred (store))
    gd_issues_warning (issues, "index",
                       _("some indexes wait for a first sync that did not finish: the next sync "
                         "builds them, and lists are slower until then"));
  /* the search index against the keys stored with its rows: rank 1 compares the two (the
   * plain check misses rows left in the index after their person went) */
  if (sqlite3_exec (store->db,
                    "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, NULL) != SQLITE_OK)
    gd_issues_error (issues, "index",
                     _("search index: it does not hold exactly the search keys stored with the "
                       "persons and households"));
}

gboolean
gd_store_check (GdStore  *store,
                GdIssues *issues,
                GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (issues != NULL, FALSE);

  check_integrity (store, issues);
  if (gd_issues_has_errors (issues))
    return TRUE; /* a damaged file: the rest would only add noise */
  check_documents (store, issues);
  check_derived (store, issues);
  gd_store_check_audit (store, issues);
  return TRUE;
}
