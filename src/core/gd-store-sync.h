/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-store-sync.h: the store's side of synchronising with the county platform (SYNC.md).
 *
 * The sync engine (src/sync) talks HTTP; everything it learns goes through these calls, so a
 * server document is written by the same row and query-table code as a local edit, and a
 * batch of documents lands together with its checkpoint in one transaction. */
#pragma once

#include "gd-household-fields.h"
#include "gd-store-quarantine.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* Where the sync with one remote database stands. Seqs are opaque JSON kept as text. */
typedef struct {
  char *database;
  char *checkpoint;   /* last_seq of the last applied _changes batch; NULL before that */
  char *initial_seq;  /* first sync: update_seq captured before paging _all_docs */
  char *next_key;     /* first sync: JSON of the last _all_docs key applied, NULL at the start */
  char *marker;       /* the value written to _local/griddesk-<workstation> */
  char *last_sync_at;
  char *last_error;
} GdSyncState;

void         gd_sync_state_free       (GdSyncState *state);
/* Never NULL unless the file fails: a database never synced gets an empty state. */
GdSyncState *gd_store_sync_get_state  (GdStore *store, const char *database, GError **error);
gboolean     gd_store_sync_set_state  (GdStore *store, const GdSyncState *state, GError **error);
/* The workstation's id for the _local marker (made once, kept in the file). */
char        *gd_store_sync_workstation_id (GdStore *store, GError **error);

typedef struct {
  guint applied;    /* new or replaced clean documents */
  guint merged;     /* local edits merged with the server's */
  guint conflicts;  /* true conflicts recorded */
  guint unchanged;  /* already had that revision */
  guint skipped;    /* could not be stored (see gd_store_sync_rejections) */
  guint quarantined; /* refused as a local write would be (gd-store-quarantine.h); counted in
                      * `skipped` too */
  gboolean quarantine_checked; /* internal */
} GdSyncApplyStats;

/* Applies server documents (JsonObject *, with _id and _rev; tombstones with _deleted) and,
 * when `state` is not NULL, saves it, all in one transaction. Clean local copies are replaced;
 * dirty ones are merged three-way; true conflicts and edit-versus-delete are recorded; a
 * document this store cannot hold is listed with gd_store_sync_rejections() and skipped.
 * Inside the caller's transaction (gd_store_begin) several batches commit together, and on
 * FALSE the caller rolls back. `stats` (optional) is added to. */
gboolean     gd_store_sync_apply      (GdStore           *store,
                                       GPtrArray         *docs,
                                       const GdSyncState *state,
                                       GdSyncApplyStats  *stats,
                                       GError           **error);
/* What the checks that need no store found about a server document (the citizen IDs are
 * looked up later, in the writer). */
typedef struct _GdSyncJudgment GdSyncJudgment;

/* In any thread: `doc` (its `text` as sent, or NULL) checked like a local write of the
 * database's `village`, but for what needs the store. */
GdSyncJudgment *gd_sync_judge_ahead   (JsonObject *doc, const char *text, const char *village);
void            gd_sync_judgment_free (GdSyncJudgment *judgment);

/* One document from the server, with work done ahead in another thread. */
typedef struct {
  JsonObject              *doc;       /* the document; NULL when `household` stands for it */
  const char              *body;      /* its text as the server sent it, or NULL */
  GPtrArray               *search_rows; /* gd_search_key_rows() of a household, or NULL */
  const GdHouseholdFields *household; /* a plain household read without a tree
                                       * (gd_household_read()): new ones are written from it,
                                       * anything else parses `body` */
  JsonObject              *tree;      /* with `household`: the same document as a tree, or
                                       * NULL to parse `body` here */
  GdSyncJudgment          *judgment;  /* gd_sync_judge_ahead() of it, or NULL to judge it here */
} GdSyncIncoming;

/* A household's search rows for GdSyncIncoming, worked out in any thread; NULL for other
 * documents. */
GPtrArray   *gd_store_sync_search_rows (JsonObject *doc);
GPtrArray   *gd_store_sync_household_search_rows (const GdHouseholdFields *household);

/* TRUE when JSON text holds a "\\u0000" escape (an odd run of backslashes before the u):
 * json-glib and yajl both end a string there, so an _id or a name would arrive cut short. A
 * document whose text has one is refused (sync quarantine). */
gboolean     gd_sync_text_has_nul (const char *text);

/* gd_store_sync_apply() of GdSyncIncoming *. */
gboolean     gd_store_sync_apply_prepared (GdStore           *store,
                                           GPtrArray         *incoming,
                                           const GdSyncState *state,
                                           GdSyncApplyStats  *stats,
                                           GError           **error);

typedef struct {
  char       *id;
  JsonObject *doc;        /* what to send: the body with the base _rev (none when new) */
  JsonObject *base;       /* the server's copy it was edited from, or NULL */
  gint64      change_seq; /* the local edit this is */
} GdSyncOutgoing;

void         gd_sync_outgoing_free    (GdSyncOutgoing *outgoing);
/* Dirty documents of `village` (NULL: all) after `after_change_seq`, oldest first: not those
 * waiting on a conflict, nor those the server refused (until edited again). */
GPtrArray   *gd_store_sync_outgoing   (GdStore    *store,
                                       const char *village,
                                       gint64      after_change_seq,
                                       guint       limit,
                                       GError    **error);
/* The server took `sent` as revision `rev`: it becomes the base; the document is clean
 * unless it was edited since `change_seq`. */
gboolean     gd_store_sync_pushed     (GdStore    *store,
                                       const char *id,
                                       const char *rev,
                                       JsonObject *sent,
                                       gint64      change_seq,
                                       GError    **error);
/* The server refused the document (forbidden, unauthorized …): kept with its reason, never
 * sent again until it is edited. */
gboolean     gd_store_sync_reject     (GdStore    *store,
                                       const char *id,
                                       const char *error_name,
                                       const char *reason,
                                       gint64      change_seq,
                                       GError    **error);
/* The server database was reset: every live document of `village` (NULL: all) is sent again
 * as new, and the state of `database` starts over. */
gboolean     gd_store_sync_forget_server (GdStore    *store,
                                          const char *database,
                                          const char *village,
                                          GError    **error);

/* Attachment bytes downloaded for a stub the server sent: stored beside the document as
 * they are, the stub in the body is left alone. */
gboolean     gd_store_sync_save_attachment (GdStore    *store,
                                            const char *doc_id,
                                            const char *name,
                                            const char *content_type,
                                            const char *digest,
                                            GBytes     *data,
                                            GError    **error);
/* TRUE when a document with this _id is stored here (live or deleted). */
gboolean     gd_store_sync_holds           (GdStore *store, const char *doc_id);
/* TRUE when the bytes of this stub (same digest) are here. */
gboolean     gd_store_sync_has_attachment  (GdStore    *store,
                                            const char *doc_id,
                                            const char *name,
                                            const char *digest);

/* A workstation set up by its first sync (no village yet) takes the village whose grid
 * document the sync brought. FALSE with GD_ERROR_NOT_FOUND when that grid is not here. */
gboolean     gd_store_sync_adopt_scope (GdStore *store, const char *village, GError **error);

/* TRUE while a first sync of some database was started and has not reached its end (it goes
 * on at the next sync): documents that refer to others not pulled yet are expected then. */
gboolean     gd_store_sync_first_unfinished (GdStore *store);

/* Documents with local changes not yet on the server. */
gint64       gd_store_sync_pending_count (GdStore *store);

typedef struct {
  gint64 id;
  char  *doc_id;
  char  *doc_type;
  char  *label;       /* the record's number or code, for people */
  char  *path;        /* a field path; "_deleted": edit against delete */
  char  *mine;        /* JSON text, NULL: absent / deleted here */
  char  *theirs;      /* JSON text, NULL: absent / deleted on the server */
  char  *server_rev;
  char  *detected_at;
} GdSyncConflict;

void         gd_sync_conflict_free    (GdSyncConflict *conflict);
/* Open conflicts of `doc_id` (NULL: all), oldest first. */
GPtrArray   *gd_store_sync_conflicts  (GdStore *store, const char *doc_id, GError **error);

typedef enum {
  GD_SYNC_TAKE_MINE,
  GD_SYNC_TAKE_THEIRS,
  GD_SYNC_TAKE_VALUE, /* a value a person typed (the conflict centre's "edit") */
} GdSyncTake;

/* Decides one conflict: the chosen value is written like any edit (validated, dirty, so the
 * decision reaches the server) and the decision goes into the audit log. */
gboolean     gd_store_sync_resolve    (GdStore    *store,
                                       const char *doc_id,
                                       const char *path,
                                       GdSyncTake  take,
                                       JsonNode   *value,
                                       const char *actor,
                                       GError    **error);

typedef struct {
  char *doc_id;
  char *doc_type;
  char *label;
  char *error;   /* the server's error name: forbidden, unauthorized; "incoming" for a server
                  * document this workstation could not store */
  char *reason;  /* the server's reason, verbatim */
  char *rejected_at;
} GdSyncRejection;

void         gd_sync_rejection_free   (GdSyncRejection *rejection);
/* A person asks to send refused documents again as they are (after the county fixed the
 * account's roles, say): `doc_id` NULL for all. Audit-logged. */
gboolean     gd_store_sync_retry_rejected (GdStore    *store,
                                           const char *doc_id,
                                           const char *actor,
                                           GError    **error);
GPtrArray   *gd_store_sync_rejections (GdStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSyncState, gd_sync_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSyncOutgoing, gd_sync_outgoing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSyncConflict, gd_sync_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSyncRejection, gd_sync_rejection_free)

G_END_DECLS
