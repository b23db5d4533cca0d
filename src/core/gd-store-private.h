/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-store-private.h: what the store's own modules (schema, index, search, stats) share.
 * Not for the app or the CLI: they use gd-store.h. */
#pragma once

#include <sqlite3.h>

#include "gd-accounts.h"
#include "gd-household-fields.h"
#include "gd-store.h"

G_BEGIN_DECLS

sqlite3  *gd_store_get_db        (GdStore *store);
/* the connection's page cache (PRAGMA cache_size: negative is KiB) */
#define GD_STORE_CACHE_SIZE "-65536"
/* A cached prepared statement, reset and with bindings cleared; `sql` is a string literal
 * (or lives as long as the store): the cache is keyed by its address. Hold it as
 * g_autoptr(GdStmt): leaving the scope resets it, so no read stays open (an open read in
 * the connection would stop WAL checkpoints and let the -wal file grow without end). */
typedef sqlite3_stmt GdStmt;
sqlite3_stmt *gd_store_prepare   (GdStore *store, const char *sql, GError **error);

static inline void
gd_stmt_release (GdStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdStmt, gd_stmt_release)
/* Binds text, or SQL NULL for NULL. */
void      gd_store_bind_text     (sqlite3_stmt *stmt, int index, const char *text);
/* A copy of a text column, NULL for SQL NULL. */
char     *gd_store_column_dup    (sqlite3_stmt *stmt, int column);
/* Sets GD_ERROR_IO from the connection's last error, prefixed with `what`. */
void      gd_store_set_sql_error (GdStore *store, GError **error, const char *what);
gboolean  gd_store_exec          (GdStore *store, const char *sql, GError **error);
/* Runs a statement that returns no rows; on failure sets the error, prefixed with `what`
 * translated: pass it as N_("…"), since writes that run 400,000 times a first sync should not
 * look up a translation each time. */
gboolean  gd_store_step_done     (GdStore *store, sqlite3_stmt *stmt, const char *what,
                                  GError **error);

/* Several writes as one (gd-store-tx.c): BEGIN IMMEDIATE when the caller holds no
 * transaction, else SAVEPOINT `name`. End with ok FALSE to undo them (the error is then
 * the caller's); with ok TRUE a failed COMMIT undoes them too and sets `error`. */
gboolean  gd_store_group_begin    (GdStore *store, const char *name, gboolean *own, GError **error);
gboolean  gd_store_group_end      (GdStore *store, const char *name, gboolean own, gboolean ok,
                                   GError **error);

/* The audit log chained by SHA-256 (gd-audit.c): the migration's gd_audit_chain_rows() on
 * every connection; an entry appended to the chain (inside the caller's transaction, if
 * any); the chain checked, each finding naming its entry ("audit" issues). */
gboolean  gd_audit_register       (sqlite3 *db, GError **error);
gboolean  gd_store_append_audit   (GdStore *store, const char *actor, const char *action,
                                   const char *doc_id, const char *hash_before,
                                   const char *hash_after, const char *detail, GError **error);
void      gd_store_check_audit    (GdStore *store, GdIssues *issues);
/* An entry from a row whose columns are id, at, actor, action, doc_id, hash_before,
 * hash_after, detail */
GdAuditEntry *gd_audit_entry_from_row (sqlite3_stmt *stmt);

/* gd_retry_delay(failures) on every connection (gd-accounts.c) */
gboolean  gd_accounts_register   (sqlite3 *db, GError **error);

/* Who the store works for and what they may see (gd-scope.c, gd-scope.h). */
typedef struct {
  char       *operator;  /* NULL: nobody set: the caller's actor stands, the scope is whole */
  GdAccount  *account;   /* the signed-in account, or NULL */
  gboolean    whole;     /* sees the store's whole scope */
  GHashTable *extra;     /* ids visible beyond the grids served (assigned, a mediator's cases) */
  gint64      extra_seq; /* the change_seq `extra` was worked out at */
} GdAccess;
GdAccess *gd_store_get_access    (GdStore *store);
void      gd_access_clear        (GdAccess *access);
/* gd_visible(type, grid, id) on the store's connection */
gboolean  gd_access_register     (sqlite3 *db, GdAccess *access, GError **error);
/* Brings the ids visible beyond the grids up to date with the store's last change. */
void      gd_access_refresh      (GdStore *store);
/* Appends " AND <the operator may see it>" to a WHERE clause over a derived table (its
 * `alias` with columns grid and doc_id) of documents of `type`; nothing for a whole scope. */
void      gd_access_restrict     (GdStore *store, GString *where, const char *type,
                                  const char *alias);
/* Whether the operator may read (or write) `doc` of `type`. */
gboolean  gd_access_allows_doc   (GdStore *store, const char *type, JsonObject *doc,
                                  gboolean writing);
/* What a transaction wrote, told after its commit (gd-store-changes.c). */
typedef struct _GdStoreChanges GdStoreChanges;
GdStoreChanges *gd_store_get_changes   (GdStore *store);
GdStoreChanges *gd_store_changes_new   (sqlite3 *db);
void      gd_store_changes_free   (GdStoreChanges *changes);
void      gd_store_changes_note   (GdStoreChanges *changes, const char *id, GdDocType type);
/* Reports the noted ids when the connection is out of its transaction. */
void      gd_store_changes_flush  (GdStore *store, GdStoreChanges *changes);

/* Migrations by PRAGMA user_version (gd-store-schema.c). */
gboolean  gd_store_schema_migrate (GdStore *store, GError **error);
int       gd_store_schema_latest  (void);

/* How a document row is written (write_row in gd-store.c). */
typedef struct {
  const char *body;        /* the document as JSON text */
  gboolean    fresh;       /* no row has its id yet: there are no old rows to remove */
  gboolean    deleted;     /* a tombstone: its derived rows are only removed */
  const char *clean_rev;   /* sync: the server's revision, stored clean as the new base;
                            * NULL: a local change, pending upload */
  GPtrArray  *search_rows; /* gd_search_key_rows() of the document worked out ahead (another
                            * thread), or NULL */
  const GdHouseholdFields *household; /* a household read without a json-glib tree (first
                            * sync): its columns and rows come from here, the object is NULL */
} GdRowWrite;

/* Derived query tables and search keys for one document (gd-store-index.c): from `doc`, or
 * from how->household; a deleted document's rows are only removed. */
gboolean  gd_store_index_document (GdStore          *store,
                                   gint64            seq,
                                   JsonObject       *doc,
                                   const GdRowWrite *how,
                                   GError          **error);

/* Sync's write (gd-store-sync.c): a document received from the server goes through the same
 * row and derived-table write as gd_store_put(), without validation or envelope (the server
 * is authoritative). Returns the seq, -1 on error. */
gint64    gd_store_write_row      (GdStore          *store,
                                   JsonObject       *doc,
                                   const GdRowWrite *how,
                                   GError          **error);
/* A workstation set up by its first sync takes the village of the database it pulled. */
gboolean  gd_store_adopt_scope    (GdStore    *store,
                                   const char *code,
                                   const char *name,
                                   GError    **error);

/* Report query columns (gd-report-analysis.c), worked out in SQL from what is stored so the
 * write (gd-store-index.c), the migration that fills them and gd_store_check() agree:
 * an incident's trimmed address, trimmed assignee unit, feedback satisfaction and household
 * links (the JSON array, when it names one); a person's report checks as bits — 1 no ID
 * number, 2 a birth date that disagrees with the 18-digit ID, 4 a care tag a patrol should
 * visit (the sensitive ones are not for reports). */
#define GD_INCIDENT_REPORT_COLUMNS "address, unit, satisfaction, households"
#define GD_INCIDENT_REPORT_VALUES(body) \
  "trim (json_extract (" body ", '$.location.address')), " \
  "trim (json_extract (" body ", '$.assignee.unit')), " \
  "json_extract (" body ", '$.feedback.satisfaction'), " \
  "CASE WHEN instr (" body ", 'household:') > 0 " \
  "  THEN json_extract (" body ", '$.links.households') END"
#define GD_PERSON_CARE_TAGGED(t) \
  "(" t " LIKE '%,elderly_alone,%' OR " t " LIKE '%,empty_nest,%' " \
  "OR " t " LIKE '%,left_behind_elderly,%' OR " t " LIKE '%,left_behind_child,%' " \
  "OR " t " LIKE '%,left_behind_woman,%' OR " t " LIKE '%,disability,%' " \
  "OR " t " LIKE '%,dibao,%' OR " t " LIKE '%,tekun,%' OR " t " LIKE '%,serious_illness,%')"
/* | and << bind alike in SQLite: every shift in its own parentheses */
#define GD_PERSON_CHECKS(id_number, birth_date, tags) \
  "((coalesce (trim (" id_number "), '') = '') " \
  " | (coalesce (length (" id_number ") = 18 AND coalesce (" birth_date ", '') != '' " \
  "     AND substr (" id_number ", 7, 8) != replace (" birth_date ", '-', ''), 0) << 1) " \
  " | (coalesce (" tags " IS NOT NULL AND " GD_PERSON_CARE_TAGGED (tags) ", 0) << 2))"
/* a dispute's parties (JSON, NULL when it has none), for the report's parties in several
 * cases */
#define GD_DISPUTE_PARTIES(body) "(" body " -> '$.parties')"
/* the rows of patrol_visits: the households a patrol `t` visited (its text references) */
#define GD_PATROL_VISITS_SELECT \
  "SELECT t.doc, v.value, t.started_at, t.grid FROM patrols t JOIN documents d ON d.seq = t.doc, " \
  "  json_each (d.body, '$.visited_households') v WHERE v.type = 'text' "
#define GD_PERSON_CHECK_NO_ID 1
#define GD_PERSON_CHECK_BIRTH 2
#define GD_PERSON_CHECK_CARE 4

/* The search index (gd-search-index.c): an FTS5 table with one row per person and one per
 * household (its address and number), whose terms are the search keys. */
#define GD_KEY_SEPARATOR '\x1f'
/* the FTS rowid of a household's own row (position -1) or of its member at `position` */
#define GD_SEARCH_ROWID(doc, position) (((gint64) (doc) << 16) + (position) + 1)
#define GD_SEARCH_ROWID_SQL(doc, position) "((" doc " << 16) + " position " + 1)"
#define GD_SEARCH_DOC_SQL(rowid) "(" rowid " >> 16)"
#define GD_SEARCH_POSITION_SQL(rowid) "((" rowid " & 0xffff) - 1)"
#define GD_SEARCH_MAX_POSITION 0xfffe
/* the tokenizer and the gd_search_keys() SQL function, on every connection before use */
gboolean  gd_search_index_register (sqlite3 *db, GError **error);
/* A document's search rows replaced: begin reads the old rows (none when `fresh`), before
 * its persons and households rows are deleted; add the new rows in ascending position
 * (the household's own, -1, first), each with `keys` joined by GD_KEY_SEPARATOR as stored in
 * the row's search_keys column; end takes out the old rows not replaced. */
typedef struct _GdSearchRewrite GdSearchRewrite;
GdSearchRewrite *gd_search_rewrite_begin (GdStore *store, gint64 doc, gboolean fresh,
                                          GError **error);
gboolean  gd_search_rewrite_add    (GdStore *store, GdSearchRewrite *rewrite, gint64 doc,
                                    int position, const char *keys, GError **error);
gboolean  gd_search_rewrite_end    (GdStore *store, GdSearchRewrite *rewrite, GError **error);
void      gd_search_rewrite_free   (GdSearchRewrite *rewrite);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSearchRewrite, gd_search_rewrite_free)
/* the FTS5 query for keys starting with `prefix` */
char     *gd_search_index_match    (const char *prefix);

/* Search keys (gd-search-keys.c): a key is one tag byte + folded text. */
typedef enum {
  GD_KEY_NAME = 'n',        /* every suffix of a member's name: substring search */
  GD_KEY_PINYIN = 'p',      /* initials and full pinyin of a member's name */
  GD_KEY_ID = 'i',          /* citizen ID, forward */
  GD_KEY_ID_REVERSED = 'j', /* citizen ID, reversed: trailing digits */
  GD_KEY_PHONE = 't',
  GD_KEY_PHONE_REVERSED = 'u',
  GD_KEY_ADDRESS = 'a',     /* suffixes of the address, cut to GD_KEY_ADDRESS_CHARS */
  GD_KEY_NUMBER = 'h',      /* household number */
  GD_KEY_CREDIT = 'c',      /* an organisation's credit code, folded */
} GdKeyTag;

#define GD_KEY_ADDRESS_CHARS 10

/* The keys of each FTS row of a household joined by GD_KEY_SEPARATOR (char *, "" for none):
 * [0] the household's own, [1 + i] member i's. */
GPtrArray *gd_search_key_rows          (const GdHouseholdFields *household);
/* The keys of an organisation's one FTS row (its name with pinyin, credit code, the names and
 * phones of its representative and safety contact, its address), or "" for none. */
char     *gd_search_organisation_keys  (JsonObject *organisation);
char     *gd_search_key_make           (GdKeyTag tag, const char *text);
/* digits and X only: the reversed string, for trailing-digit search */
char     *gd_search_digits_reversed    (const char *digits);
/* only the digits of `text` (and a trailing X of an ID), upper-cased */
char     *gd_search_digits_only        (const char *text);

/* Search keys starting with `prefix` (FTS5 query `match`) and which field it stands for. */
typedef struct {
  char       *prefix;
  char       *match;
  const char *matched; /* name, pinyin, id_number, phone, address, number, credit_code */
} GdKeyRange;

/* Which key ranges a folded query can match, most telling first (gd-search.c).
 * An "address" range holds at most GD_KEY_ADDRESS_CHARS characters of the query. */
GArray   *gd_search_plan               (const char *folded);

/* One row of the documents table as the write path and sync read it. */
typedef struct {
  gint64   seq;
  char    *type;
  char    *body;
  char    *base_rev;
  char    *base_body;  /* NULL: the body is the base (or never synced) */
  gboolean dirty;
  gboolean deleted;
} GdStoredRow;

void      gd_stored_row_clear    (GdStoredRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GdStoredRow, gd_stored_row_clear)
/* FALSE when absent (or on error); TRUE with *row filled otherwise. */
gboolean  gd_store_load_row      (GdStore     *store,
                                  const char  *id,
                                  GdStoredRow *row,
                                  GError     **error);

G_END_DECLS
