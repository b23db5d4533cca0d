/* gd-store.h: the local document store (one SQLite file per workstation profile).
 *
 * Every write goes through gd_store_put()/gd_store_delete(): validate, write the document,
 * update derived query tables and the search index, append the audit log and mark the
 * document dirty for sync, all in one transaction. Nothing else writes SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-validate.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gd-issues.h"
#include "gd-types.h"

G_BEGIN_DECLS

#define GD_TYPE_STORE (gd_store_get_type ())
GType       gd_store_get_type      (void) G_GNUC_CONST;

/* Opens (creating and migrating) the store at `path`; the file is made mode 0600.
 * Reference-counted: whoever keeps the store (a session, an editor) holds a reference. */
GdStore    *gd_store_open          (const char *path, GError **error);
/* The connection's SQLite page cache, in KiB (64 MiB after gd_store_open, for big batches:
 * imports, the demo, a first sync). A connection that only reads pages asks for less: the
 * cache fills with every page read and stays until the connection closes. */
void        gd_store_set_cache_size (GdStore *store, int kib);
GdStore    *gd_store_ref           (GdStore *store);
/* The last reference closes the connection. */
void        gd_store_unref         (GdStore *store);
/* The same as gd_store_unref() (older callers). */
void        gd_store_free          (GdStore *store);
const char *gd_store_get_path      (GdStore *store);
int         gd_store_get_schema_version (GdStore *store);

/* Pins "today" for date rules (tests); NULL: the real date. */
void        gd_store_set_today     (GdStore *store, const GDate *today);

/* The village (12 digits) or town (9 digits) this store holds; NULL until initialised. */
const char *gd_store_get_scope     (GdStore *store);
const char *gd_store_get_scope_name (GdStore *store);
/* Sets the scope and writes its grid document (level village or town). Only once. */
gboolean    gd_store_init_scope    (GdStore    *store,
                                    const char *code,
                                    const char *name,
                                    const char *actor,
                                    GError    **error);

/* An outer transaction around many writes (imports, demo data): all or nothing.
 * Writes outside one commit by themselves. */
gboolean    gd_store_begin         (GdStore *store, GError **error);
gboolean    gd_store_commit        (GdStore *store, GError **error);
void        gd_store_rollback      (GdStore *store);
/* A bulk load (a first sync) puts off the big tables' secondary indexes and builds them once
 * at its end (gd-store-bulk.c). Defer and restore run inside the caller's transaction; what
 * is deferred stays so, across restarts, until restored. */
gboolean    gd_store_defer_indexes    (GdStore *store, GError **error);
gboolean    gd_store_restore_indexes  (GdStore *store, GError **error);
gboolean    gd_store_indexes_deferred (GdStore *store);

/* Creates or replaces one document. Fills the envelope (`_id` if missing, `schema`,
 * `created_*` kept from the stored copy, `updated_*`, `village` from a village scope),
 * validates, writes. On refusal returns NULL with GD_ERROR_INVALID listing every field error,
 * and nothing is written. `issues` (optional) receives errors and warnings.
 * Returns the document's `_id`. `doc` is updated in place with the filled envelope. */
char       *gd_store_put           (GdStore    *store,
                                    JsonObject *doc,
                                    const char *actor,
                                    GdIssues   *issues,
                                    GError    **error);

/* Validates `doc` exactly as gd_store_put() would (on a copy with the envelope filled),
 * without writing anything: for live checks in editors. TRUE when there are no errors. */
gboolean    gd_store_validate      (GdStore    *store,
                                    JsonObject *doc,
                                    const char *actor,
                                    GdIssues   *issues);

/* How a document from the server is validated (gd_validate_document(), nothing filled in):
 * with `scope` (a village code, or NULL) standing in for the store's while it has none (a
 * first sync); a grid it names is checked for its form, not for being here yet. */
void        gd_store_validate_context (GdStore           *store,
                                       const char        *scope,
                                       GdValidateContext *ctx);

/* The _id of the household (other than `except_id`) with a member holding this citizen ID,
 * or NULL. */
char       *gd_store_find_id_holder (GdStore    *store,
                                     const char *id_number,
                                     const char *except_id);

/* The current document; GD_ERROR_NOT_FOUND when absent or deleted. */
JsonObject *gd_store_get           (GdStore    *store,
                                    const char *id,
                                    GError    **error);

/* Deletes by tombstone (keeps `_id`, `_rev`, `type`, `village`, `grid`), dirty for sync. */
gboolean    gd_store_delete        (GdStore    *store,
                                    const char *id,
                                    const char *actor,
                                    GError    **error);

typedef struct {
  GdDocType   type;
  const char *grid;    /* code prefix (town, village or grid), or NULL */
  const char *status;  /* incidents and disputes, or NULL */
  guint       limit;   /* 0: no limit */
  guint       offset;
} GdListQuery;

/* Documents matching `query`, ordered by type-specific key (number, then _id). */
GPtrArray  *gd_store_list          (GdStore           *store,
                                    const GdListQuery *query,
                                    GError           **error);
/* Live (non-deleted) documents of `type` (GD_DOC_UNKNOWN: all) under `grid` prefix (or NULL). */
gint64      gd_store_count         (GdStore    *store,
                                    GdDocType   type,
                                    const char *grid);
/* Persons (household members) under `grid` prefix (or NULL). */
gint64      gd_store_count_persons (GdStore *store, const char *grid);

/* ids of documents waiting to be pushed, oldest change first */
GPtrArray  *gd_store_outbox        (GdStore *store, guint limit, GError **error);

/* Appends to the audit log outside a document write (reveals, exports). */
gboolean    gd_store_audit         (GdStore    *store,
                                    const char *actor,
                                    const char *action,
                                    const char *doc_id,
                                    const char *detail,
                                    GError    **error);
typedef struct {
  gint64 id;
  char  *at;
  char  *actor;
  char  *action;      /* create, update, delete, reveal, export ... */
  char  *doc_id;
  char  *hash_before; /* SHA-256 of the body before, or NULL */
  char  *hash_after;
  char  *detail;
} GdAuditEntry;
void        gd_audit_entry_free    (GdAuditEntry *entry);
/* Entries for `doc_id` (NULL: all), newest first, at most `limit` (0: all). */
GPtrArray  *gd_store_get_audit     (GdStore *store, const char *doc_id, guint limit, GError **error);

/* Checks the file and derived data: PRAGMA integrity_check, every document parses and
 * validates, query tables agree with documents. Problems are added to `issues`. */
gboolean    gd_store_check         (GdStore  *store,
                                    GdIssues *issues,
                                    GError  **error);

/* Told of every document a committed transaction wrote (local puts and deletes, and sync's
 * writes through this connection), once per id, after the COMMIT and never for a rollback.
 * One listener per store (the session); NULL removes it. */
typedef void (*GdStoreChangedFunc) (GdStore    *store,
                                    const char *id,
                                    GdDocType   type,
                                    gpointer    user_data);
void        gd_store_set_changed_func (GdStore           *store,
                                       GdStoreChangedFunc func,
                                       gpointer           user_data,
                                       GDestroyNotify     destroy);
/* PRAGMA data_version: changes when another connection (another process, a sync worker's
 * own store) commits to the file; cheap enough to poll. */
gint64      gd_store_get_data_version (GdStore *store);
/* The counter every document write takes its change_seq from (-1 on error). */
gint64      gd_store_get_change_seq   (GdStore *store);
/* Calls `func` for each document written after change `after` (by any connection), oldest
 * first, at most `limit` (0: all); `out_last` receives the last change seen (`after` if none). */
gboolean    gd_store_foreach_change_since (GdStore           *store,
                                           gint64             after,
                                           guint              limit,
                                           GdStoreChangedFunc func,
                                           gpointer           user_data,
                                           gint64            *out_last,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdStore, gd_store_unref)

G_END_DECLS
