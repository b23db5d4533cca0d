/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-sync"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-merge.h"
#include "gd-store-private.h"
#include "gd-store-sync.h"

/* The actor of writes the sync makes by itself (merges); a person's decisions carry theirs. */
#define SYNC_ACTOR "sync"

/* ---- state ---- */

void
gd_sync_state_free (GdSyncState *state)
{
  if (state == NULL)
    return;
  g_free (state->database);
  g_free (state->checkpoint);
  g_free (state->initial_seq);
  g_free (state->next_key);
  g_free (state->marker);
  g_free (state->last_sync_at);
  g_free (state->last_error);
  g_free (state);
}

GdSyncState *
gd_store_sync_get_state (GdStore    *store,
                         const char *database,
                         GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT checkpoint, initial_seq, next_key, marker, last_sync_at, last_error "
    "FROM sync_state WHERE database = ?", error);
  GdSyncState *state;

  if (stmt == NULL)
    return NULL;
  state = g_new0 (GdSyncState, 1);
  state->database = g_strdup (database);
  sqlite3_bind_text (stmt, 1, database, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      state->checkpoint = gd_store_column_dup (stmt, 0);
      state->initial_seq = gd_store_column_dup (stmt, 1);
      state->next_key = gd_store_column_dup (stmt, 2);
      state->marker = gd_store_column_dup (stmt, 3);
      state->last_sync_at = gd_store_column_dup (stmt, 4);
      state->last_error = gd_store_column_dup (stmt, 5);
    }
  return state;
}

gboolean
gd_store_sync_set_state (GdStore           *store,
                         const GdSyncState *state,
                         GError           **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR REPLACE INTO sync_state "
    "(database, checkpoint, initial_seq, next_key, marker, last_sync_at, last_error) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, state->database);
  gd_store_bind_text (stmt, 2, state->checkpoint);
  gd_store_bind_text (stmt, 3, state->initial_seq);
  gd_store_bind_text (stmt, 4, state->next_key);
  gd_store_bind_text (stmt, 5, state->marker);
  gd_store_bind_text (stmt, 6, state->last_sync_at);
  gd_store_bind_text (stmt, 7, state->last_error);
  return gd_store_step_done (store, stmt, N_("saving the sync state"), error);
}

char *
gd_store_sync_workstation_id (GdStore *store,
                              GError **error)
{
  g_autoptr(GdStmt) get = gd_store_prepare (store,
    "SELECT value FROM meta WHERE key = 'workstation_id'", error);
  g_autoptr(GdStmt) put = NULL;
  g_autofree char *id = NULL;

  if (get == NULL)
    return NULL;
  if (sqlite3_step (get) == SQLITE_ROW)
    return gd_store_column_dup (get, 0);
  id = gd_uuid_new ();
  put = gd_store_prepare (store, "INSERT INTO meta (key, value) VALUES ('workstation_id', ?)", error);
  if (put == NULL)
    return NULL;
  gd_store_bind_text (put, 1, id);
  if (!gd_store_step_done (store, put, N_("saving the workstation id"), error))
    return NULL;
  return g_steal_pointer (&id);
}

/* ---- applying server documents ---- */

/* After the row write: the sync columns. `base_body` NULL means "the body is the base". */
static gboolean
set_sync_columns (GdStore    *store,
                  gint64      seq,
                  const char *base_rev,
                  const char *base_body,
                  gboolean    dirty,
                  GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "UPDATE documents SET base_rev = ?, base_body = ?, dirty = ? WHERE seq = ?", error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, base_rev);
  gd_store_bind_text (stmt, 2, base_body);
  sqlite3_bind_int (stmt, 3, dirty);
  sqlite3_bind_int64 (stmt, 4, seq);
  return gd_store_step_done (store, stmt, N_("writing a document"), error);
}

static gboolean
delete_conflicts (GdStore    *store,
                  const char *doc_id,
                  const char *path,
                  GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "DELETE FROM sync_conflicts WHERE doc_id = ?1 AND (?2 IS NULL OR path = ?2)", error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  gd_store_bind_text (stmt, 2, path);
  return gd_store_step_done (store, stmt, N_("recording a conflict"), error);
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return json_to_string (node, FALSE);
}

static gboolean
record_conflict (GdStore    *store,
                 const char *doc_id,
                 const char *path,
                 JsonNode   *mine,
                 JsonNode   *theirs,
                 const char *server_rev,
                 GError    **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *mine_text = node_text (mine);
  g_autofree char *theirs_text = node_text (theirs);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT INTO sync_conflicts (doc_id, path, mine, theirs, server_rev, detected_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (doc_id, path) DO UPDATE SET mine = ?3, theirs = ?4, server_rev = ?5", error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  gd_store_bind_text (stmt, 2, path);
  gd_store_bind_text (stmt, 3, mine_text);
  gd_store_bind_text (stmt, 4, theirs_text);
  gd_store_bind_text (stmt, 5, server_rev);
  gd_store_bind_text (stmt, 6, now);
  return gd_store_step_done (store, stmt, N_("recording a conflict"), error);
}

/* Conflicts still open from an earlier merge stay open unless the server now agrees with
 * what is here; their "theirs" follows the server. */
static gboolean
refresh_old_conflicts (GdStore    *store,
                       const char *doc_id,
                       JsonObject *merged,
                       JsonObject *theirs,
                       GPtrArray  *fresh,
                       const char *server_rev,
                       guint      *open,
                       GError    **error)
{
  g_autoptr(GPtrArray) old = gd_store_sync_conflicts (store, doc_id, error);

  if (old == NULL)
    return FALSE;
  for (guint i = 0; i < old->len; i++)
    {
      GdSyncConflict *conflict = old->pdata[i];
      gboolean again = FALSE;
      JsonNode *here;
      JsonNode *there;

      for (guint k = 0; k < fresh->len && !again; k++)
        again = g_str_equal (((GdMergeConflict *) fresh->pdata[k])->path, conflict->path);
      if (again || g_str_equal (conflict->path, "_deleted"))
        continue;
      here = gd_merge_path_get (merged, conflict->path);
      there = gd_merge_path_get (theirs, conflict->path);
      if ((here == NULL && there == NULL) || (here && there && json_node_equal (here, there)))
        {
          if (!delete_conflicts (store, doc_id, conflict->path, error))
            return FALSE;
          continue;
        }
      if (!record_conflict (store, doc_id, conflict->path, here, there, server_rev, error))
        return FALSE;
      (*open)++;
    }
  return TRUE;
}

/* Replaces the local copy with the server's: it becomes the base, clean. */
static gboolean
take_server (GdStore    *store,
             JsonObject *doc,
             const char *body,
             gboolean    fresh,
             gboolean    deleted,
             GPtrArray  *search_rows,
             GError    **error)
{
  GdRowWrite how = {
    .body = body,
    .fresh = fresh,
    .deleted = deleted,
    .clean_rev = gd_json_get_string (doc, "_rev"),
    .search_rows = search_rows,
  };

  return gd_store_write_row (store, doc, &how, error) >= 0
         && (fresh || delete_conflicts (store, gd_json_get_string (doc, "_id"), NULL, error));
}

/* A dirty local copy meets a new server revision. */
static gboolean
merge_into (GdStore          *store,
            GdStoredRow      *row,
            JsonObject       *theirs,
            const char       *theirs_body,
            gboolean          theirs_deleted,
            GdSyncApplyStats *stats,
            GError          **error)
{
  const char *id = gd_json_get_string (theirs, "_id");
  const char *rev = gd_json_get_string (theirs, "_rev");
  g_autoptr(JsonObject) mine = gd_json_parse_object (row->body, -1, error);
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_merge_conflict_free);
  g_autofree char *merged_body = NULL;
  g_autofree char *detail = NULL;
  guint open = 0;
  gboolean clean;
  gint64 seq;

  if (mine == NULL)
    return FALSE;
  if (row->base_body != NULL)
    base = gd_json_parse_object (row->base_body, -1, NULL);

  if (row->deleted || theirs_deleted)
    {
      if (row->deleted && theirs_deleted)
        return take_server (store, theirs, theirs_body, FALSE, TRUE, NULL, error);
      /* edit against delete: the local side stays pending until a person decides */
      {
        g_autoptr(JsonNode) mine_node = row->deleted ? NULL : gd_json_object_node (mine);
        g_autoptr(JsonNode) theirs_node = theirs_deleted ? NULL : gd_json_object_node (theirs);

        if (!record_conflict (store, id, "_deleted", mine_node, theirs_node, rev, error))
          return FALSE;
      }
      json_object_set_string_member (mine, "_rev", rev);
      merged_body = gd_json_to_string (mine, FALSE);
      seq = gd_store_write_row (store, mine,
                                &(GdRowWrite) { .body = merged_body, .deleted = row->deleted }, error);
      if (seq < 0 || !set_sync_columns (store, seq, rev, theirs_body, TRUE, error))
        return FALSE;
      stats->conflicts++;
      return gd_store_audit (store, SYNC_ACTOR, "sync-conflict", id,
                             row->deleted ? "deleted here, edited on the server"
                                          : "edited here, deleted on the server", error);
    }

  merged = gd_merge_documents (base, mine, theirs, conflicts);
  for (guint i = 0; i < conflicts->len; i++)
    {
      GdMergeConflict *conflict = conflicts->pdata[i];
      if (!record_conflict (store, id, conflict->path, conflict->mine, conflict->theirs, rev, error))
        return FALSE;
    }
  if (!refresh_old_conflicts (store, id, merged, theirs, conflicts, rev, &open, error))
    return FALSE;

  merged_body = gd_json_to_string (merged, FALSE);
  /* nothing of ours is left to send: stored clean on the server's revision */
  clean = conflicts->len == 0 && open == 0 && gd_merge_same_content (merged, theirs);
  seq = gd_store_write_row (store, merged,
                            &(GdRowWrite) { .body = merged_body, .clean_rev = clean ? rev : NULL },
                            error);
  if (seq < 0 || (!clean && !set_sync_columns (store, seq, rev, theirs_body, TRUE, error)))
    return FALSE;

  stats->merged++;
  stats->conflicts += conflicts->len;
  detail = g_strdup_printf ("merged with server revision %s; %u conflicts", rev, conflicts->len);
  return gd_store_audit (store, SYNC_ACTOR, conflicts->len ? "sync-conflict" : "sync-merge",
                         id, detail, error);
}

static gboolean
record_incoming_failure (GdStore    *store,
                         const char *id,
                         const char *reason,
                         GError    **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR REPLACE INTO sync_rejected (doc_id, error, reason, change_seq, rejected_at) "
    "VALUES (?, 'incoming', ?, -1, ?)", error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, id);
  gd_store_bind_text (stmt, 2, reason);
  gd_store_bind_text (stmt, 3, now);
  return gd_store_step_done (store, stmt, N_("recording a rejected document"), error);
}

/* grids.code is unique: a second grid document with the same code cannot be held */
static gboolean
grid_code_taken (GdStore    *store,
                 const char *code,
                 const char *id)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT 1 FROM grids g JOIN documents d ON d.seq = g.doc WHERE g.code = ? AND d.id != ?", NULL);

  if (stmt == NULL || code == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, code);
  gd_store_bind_text (stmt, 2, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* A batch's documents are applied held ones first, in the order of their rows, then new ones
 * in the order they came: FTS5 writes out everything it has buffered at every row id smaller
 * than the last (gd-search-index.c), and a _changes batch comes in the server's order. */
#define NOT_HELD G_MAXINT64

typedef struct {
  guint    index;  /* in the batch */
  gint64   seq;    /* its row, or NOT_HELD */
  gboolean repeat; /* an earlier document of the batch has its id: held by then */
} Place;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const Place *x = a, *y = b;

  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gint64
held_seq (GdStore    *store,
          const char *id)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "SELECT seq FROM documents WHERE id = ?", NULL);

  if (stmt == NULL || id == NULL)
    return NOT_HELD; /* the general path will say what is wrong */
  gd_store_bind_text (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : NOT_HELD;
}

static GArray *
places_of (GdStore   *store,
           GPtrArray *incoming)
{
  GArray *places = g_array_sized_new (FALSE, FALSE, sizeof (Place), incoming->len);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < incoming->len; i++)
    {
      const GdSyncIncoming *one = incoming->pdata[i];
      const char *id = one->doc ? gd_json_get_string (one->doc, "_id") : one->household->id;
      Place place = { i, held_seq (store, id), id != NULL && !g_hash_table_add (ids, (gpointer) id) };

      g_array_append_val (places, place);
    }
  g_array_sort (places, compare_places);
  return places;
}

/* A household the store has never seen, straight from its fields. */
static gboolean
take_new_household (GdStore                 *store,
                    const GdSyncIncoming    *incoming,
                    GError                 **error)
{
  GdRowWrite how = {
    .body = incoming->body,
    .fresh = TRUE,
    .clean_rev = incoming->household->rev,
    .search_rows = incoming->search_rows,
    .household = incoming->household,
  };

  return gd_store_write_row (store, NULL, &how, error) >= 0;
}

static gboolean
apply_object (GdStore          *store,
              JsonObject       *doc,
              const char       *text,
              GPtrArray        *search_rows,
              GdSyncApplyStats *stats,
              GError          **error)
{
  const char *id = gd_json_get_string (doc, "_id");
  const char *rev = gd_json_get_string (doc, "_rev");
  gboolean deleted = json_object_has_member (doc, "_deleted")
                     && json_object_get_boolean_member (doc, "_deleted");
  g_auto(GdStoredRow) row = { 0 };
  g_autofree char *body = NULL;
  gboolean exists;

  if (id == NULL || rev == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   _("the server sent a document without _id or _rev"));
      return FALSE;
    }
  /* design documents and the like belong to the server */
  if (*id == '_')
    return TRUE;

  exists = gd_store_load_row (store, id, &row, NULL);
  if (exists && g_strcmp0 (row.base_rev, rev) == 0)
    {
      stats->unchanged++;
      return TRUE;
    }
  if (!exists && deleted)
    {
      stats->unchanged++;
      return TRUE;
    }
  if (gd_doc_type_from_string (gd_json_get_string (doc, "type")) == GD_DOC_UNKNOWN && !deleted)
    {
      g_autofree char *reason = g_strdup_printf (_("unknown type '%s'"),
                                                 gd_json_get_string (doc, "type"));
      stats->skipped++;
      return record_incoming_failure (store, id, reason, error);
    }
  if (!deleted && g_strcmp0 (gd_json_get_string (doc, "type"), "grid") == 0
      && grid_code_taken (store, gd_json_get_string (doc, "code"), id))
    {
      /* Translators: a grid code */
      g_autofree char *reason = g_strdup_printf (_("another grid document already has code %s"),
                                                 gd_json_get_string (doc, "code"));
      stats->skipped++;
      return record_incoming_failure (store, id, reason, error);
    }
  if (deleted && !json_object_has_member (doc, "type") && exists)
    {
      /* a bare tombstone {_id, _rev, _deleted}: keep what routes it */
      g_autoptr(JsonObject) stored = gd_json_parse_object (row.body, -1, NULL);
      if (stored != NULL && gd_json_get_string (stored, "type") != NULL)
        json_object_set_string_member (doc, "type", gd_json_get_string (stored, "type"));
      text = NULL; /* changed since it was written out */
      search_rows = NULL;
    }

  if (text == NULL)
    text = body = gd_json_to_string (doc, FALSE);
  if (exists && row.dirty)
    {
      if (!merge_into (store, &row, doc, text, deleted, stats, error))
        return FALSE;
    }
  else if (!take_server (store, doc, text, !exists, deleted, search_rows, error))
    return FALSE;
  else
    stats->applied++;
  /* revisions other replicators left on the server are shown, not ignored */
  if (json_object_has_member (doc, "_conflicts")
      && !record_conflict (store, id, "_conflicts", NULL,
                           json_object_get_member (doc, "_conflicts"), rev, error))
    return FALSE;
  return TRUE;
}

/* ---- judging what the server sends (sync quarantine) ---- */

typedef enum {
  INCOMING_TAKE,
  INCOMING_IGNORE, /* the county's own design document: the server's business */
  INCOMING_REFUSE,
  INCOMING_MALFORMED,
} Verdict;

gboolean
gd_sync_text_has_nul (const char *text)
{
  for (const char *p = strstr (text, "u0000"); p != NULL; p = strstr (p + 1, "u0000"))
    {
      gsize slashes = 0;
      for (const char *q = p - 1; q >= text && *q == '\\'; q--)
        slashes++;
      if (slashes % 2 == 1)
        return TRUE;
    }
  return FALSE;
}

/* "<type>:<id>" with the document's own type and an id of letters, digits, '-', '_' and
 * '.' (a UUID as this application makes them; no '/', no blanks, nothing empty). */
static gboolean
id_of_type (const char *id,
            const char *type)
{
  gsize type_length = type ? strlen (type) : 0;
  const char *rest;

  if (type_length == 0 || strncmp (id, type, type_length) != 0 || id[type_length] != ':')
    return FALSE;
  rest = id + type_length + 1;
  if (*rest == '\0' || *rest == '.' || strlen (rest) > 64)
    return FALSE;
  for (const char *p = rest; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static char *
first_errors (GdIssues *issues)
{
  GString *text = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < gd_issues_get_n_items (issues) && shown < 3; i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      if (issue->severity != GD_ISSUE_ERROR)
        continue;
      g_string_append_printf (text, "%s%s: %s", shown ? "; " : "", issue->path, issue->message);
      shown++;
    }
  if (gd_issues_count (issues, GD_ISSUE_ERROR) > shown)
    /* Translators: more validation errors than were listed */
    g_string_append_printf (text, _("; and %u more"), gd_issues_count (issues, GD_ISSUE_ERROR) - shown);
  return g_string_free (text, FALSE);
}

/* The checks that need no store: the _id, the text, then the validator with `scope` and,
 * instead of the store's, `find_id_holder` (NULL: none). */
static Verdict
judge_alone (JsonObject              *doc,
             const char              *text,
             const GdValidateContext *ctx,
             char                   **out_id,
             char                   **out_reason)
{
  JsonNode *id_node = json_object_get_member (doc, "_id");
  const char *type = gd_json_get_string (doc, "type");
  g_autoptr(GdIssues) issues = NULL;
  gboolean deleted;
  const char *id;

  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node)
      || json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      *out_id = id_node ? json_to_string (id_node, FALSE) : g_strdup ("(no _id)");
      *out_reason = g_strdup (_("its _id is not a string"));
      return INCOMING_REFUSE;
    }
  id = json_node_get_string (id_node);
  *out_id = g_strdup (id);
  if (text != NULL && gd_sync_text_has_nul (text))
    {
      *out_reason = g_strdup (_("its text holds a NUL character (\\u0000), which would cut its _id "
                                "or a field short"));
      return INCOMING_REFUSE;
    }
  if (g_strcmp0 (id, "_design/griddesk") == 0)
    return INCOMING_IGNORE;
  if (*id == '_')
    {
      *out_reason = g_strdup (_("a server-only document (_design/, _local/) is not a record"));
      return INCOMING_REFUSE;
    }
  if (gd_json_get_string (doc, "_rev") == NULL)
    return INCOMING_MALFORMED; /* not from CouchDB at all: the batch is wrong */
  {
    JsonNode *node = json_object_get_member (doc, "_deleted");
    deleted = node != NULL && JSON_NODE_HOLDS_VALUE (node)
              && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
  }
  if (deleted)
    return INCOMING_TAKE; /* a tombstone carries no fields */
  if (gd_doc_type_from_string (type) != GD_DOC_UNKNOWN && !id_of_type (id, type))
    {
      /* Translators: a document type code ("household" …) */
      *out_reason = g_strdup_printf (_("its _id is not of the form %s:<id> (letters, digits, "
                                       "'-', '_' and '.') as its type says"), type);
      return INCOMING_REFUSE;
    }
  issues = gd_issues_new ();
  gd_validate_document (doc, ctx, issues);
  if (gd_issues_has_errors (issues))
    {
      *out_reason = first_errors (issues);
      return INCOMING_REFUSE;
    }
  return INCOMING_TAKE;
}

/* Whether a server document may be stored, checked like a local write; `*out_id` is its _id
 * as shown (a non-string _id as JSON text), `*out_reason` why not. */
static Verdict
judge_incoming (GdStore    *store,
                JsonObject *doc,
                const char *text,
                const char *scope,
                char      **out_id,
                char      **out_reason)
{
  GdValidateContext ctx = { 0 };

  gd_store_validate_context (store, scope, &ctx);
  return judge_alone (doc, text, &ctx, out_id, out_reason);
}

/* ---- judged ahead, in the parse thread ---- */

struct _GdSyncJudgment {
  Verdict    verdict;
  char      *shown_id;
  char      *reason;
  GPtrArray *id_numbers; /* citizen IDs the validator would have looked up in the store */
};

void
gd_sync_judgment_free (GdSyncJudgment *judgment)
{
  if (judgment == NULL)
    return;
  g_free (judgment->shown_id);
  g_free (judgment->reason);
  g_ptr_array_unref (judgment->id_numbers);
  g_free (judgment);
}

static char *
note_id_number_cb (const char *id_number,
                   const char *except_id,
                   gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (id_number));
  return NULL;
}

GdSyncJudgment *
gd_sync_judge_ahead (JsonObject *doc,
                     const char *text,
                     const char *village)
{
  GdSyncJudgment *judgment = g_new0 (GdSyncJudgment, 1);
  GdValidateContext ctx = {
    .scope = village,
    .find_id_holder = note_id_number_cb,
  };

  g_return_val_if_fail (doc != NULL && village != NULL, NULL);
  judgment->id_numbers = g_ptr_array_new_with_free_func (g_free);
  ctx.user_data = judgment->id_numbers;
  judgment->verdict = judge_alone (doc, text, &ctx, &judgment->shown_id, &judgment->reason);
  return judgment;
}

/* The rest of a judgment made ahead: the citizen IDs, against the store. */
static Verdict
finish_judgment (GdStore              *store,
                 const GdSyncJudgment *judgment,
                 char                **out_id,
                 char                **out_reason)
{
  *out_id = g_strdup (judgment->shown_id);
  *out_reason = g_strdup (judgment->reason);
  if (judgment->verdict != INCOMING_TAKE)
    return judgment->verdict;
  for (guint i = 0; i < judgment->id_numbers->len; i++)
    {
      g_autofree char *holder = gd_store_find_id_holder (store, judgment->id_numbers->pdata[i],
                                                         judgment->shown_id);
      if (holder != NULL)
        {
          /* Translators: %s is the other household's document id */
          *out_reason = g_strdup_printf (_("a member's ID number is already registered in "
                                           "household %s"), holder);
          return INCOMING_REFUSE;
        }
    }
  return INCOMING_TAKE;
}

static gboolean
apply_one (GdStore              *store,
           const GdSyncIncoming *incoming,
           gboolean              held,
           const char           *scope,
           GdSyncApplyStats     *stats,
           GError              **error)
{
  g_autoptr(JsonObject) parsed = NULL;
  g_autofree char *shown_id = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *written = NULL;
  JsonObject *doc = incoming->doc;
  JsonObject *tree = doc ? doc : incoming->tree;
  const char *text = incoming->body;
  GPtrArray *search_rows = incoming->search_rows;

  if (tree == NULL && incoming->judgment == NULL)
    {
      tree = parsed = gd_json_parse_object (text, -1, error);
      if (tree == NULL)
        return FALSE;
    }
  switch (incoming->judgment != NULL
          ? finish_judgment (store, incoming->judgment, &shown_id, &reason)
          : judge_incoming (store, tree, text, scope, &shown_id, &reason))
    {
    case INCOMING_IGNORE:
      return TRUE;
    case INCOMING_MALFORMED:
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: a document id */
                   _("the server sent the document %s without _rev"), shown_id);
      return FALSE;
    case INCOMING_REFUSE:
      if (text == NULL)
        text = written = gd_json_to_string (tree, FALSE);
      {
        /* the server's words reach a terminal: escaped */
        g_autofree char *id_shown = gd_sync_escape_text (shown_id, 200);
        g_autofree char *rev_shown = gd_sync_escape_text (gd_json_get_string (tree, "_rev"), 80);
        g_autofree char *reason_shown = gd_sync_escape_text (reason, GD_SYNC_REASON_CHARS);

        g_message ("%s (%s) from the server is not stored: %s", id_shown,
                   rev_shown ? rev_shown : "?", reason_shown);
      }
      stats->skipped++;
      stats->quarantined++;
      /* a text too big is not kept: the entry stays listed, but is not tried again */
      return gd_store_sync_quarantine (store, shown_id, gd_json_get_string (tree, "_rev"), reason,
                                       strlen (text) <= GD_SYNC_QUARANTINE_MAX_BODY ? text : NULL,
                                       error);
    case INCOMING_TAKE:
    default:
      break;
    }
  if (stats->quarantine_checked && !gd_store_sync_release (store, shown_id, error))
    return FALSE;

  if (doc == NULL && !held && *incoming->household->id != '_')
    {
      /* the usual first sync: nothing to merge with, written from its fields */
      if (!take_new_household (store, incoming, error))
        return FALSE;
      stats->applied++;
      return TRUE;
    }
  return apply_object (store, tree, text, search_rows, stats, error);
}

/* The village a database holds ("griddesk-<12 digits>"), standing in for the store's scope
 * while it has none. */
static char *
village_of (const GdSyncState *state)
{
  const char *name = state ? state->database : NULL;

  if (name == NULL || !g_str_has_prefix (name, "griddesk-") || strlen (name) != strlen ("griddesk-") + 12)
    return NULL;
  return g_strdup (name + strlen ("griddesk-"));
}

gboolean
gd_store_sync_first_unfinished (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT 1 FROM sync_state WHERE checkpoint IS NULL "
    "AND (initial_seq IS NOT NULL OR next_key IS NOT NULL) LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
gd_store_sync_holds (GdStore    *store,
                     const char *doc_id)
{
  return held_seq (store, doc_id) != NOT_HELD;
}

gboolean
gd_store_sync_apply (GdStore           *store,
                     GPtrArray         *docs,
                     const GdSyncState *state,
                     GdSyncApplyStats  *stats,
                     GError           **error)
{
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_full (docs->len, g_free);

  for (guint i = 0; i < docs->len; i++)
    {
      GdSyncIncoming *one = g_new0 (GdSyncIncoming, 1);
      one->doc = docs->pdata[i];
      g_ptr_array_add (incoming, one);
    }
  return gd_store_sync_apply_prepared (store, incoming, state, stats, error);
}

GPtrArray *
gd_store_sync_search_rows (JsonObject *doc)
{
  g_autoptr(GdHouseholdFields) fields = NULL;

  if (g_strcmp0 (gd_json_get_string (doc, "type"), "household") != 0)
    return NULL;
  fields = gd_household_fields_from_object (doc);
  return gd_search_key_rows (fields);
}

GPtrArray *
gd_store_sync_household_search_rows (const GdHouseholdFields *household)
{
  return gd_search_key_rows (household);
}

gboolean
gd_store_sync_apply_prepared (GdStore           *store,
                              GPtrArray         *incoming,
                              const GdSyncState *state,
                              GdSyncApplyStats  *stats,
                              GError           **error)
{
  GdSyncApplyStats own_stats = { 0 };
  g_autoptr(GArray) places = NULL;
  g_autofree char *village = village_of (state);
  gboolean own;

  g_return_val_if_fail (store != NULL && incoming != NULL, FALSE);
  if (stats == NULL)
    stats = &own_stats;

  for (guint i = 0; i < incoming->len; i++)
    {
      const GdSyncIncoming *one = incoming->pdata[i];
      g_return_val_if_fail (one->doc != NULL || (one->household != NULL && one->body != NULL), FALSE);
    }
  /* releasing a quarantined _id costs a lookup per document: only when there are entries */
  stats->quarantine_checked = gd_store_sync_has_quarantine (store);

  /* no savepoints: inside a big transaction each one makes SQLite copy every page it then
   * touches; what could fail for one document (a grid code taken) is checked before it is
   * written, anything else fails the batch */
  own = sqlite3_get_autocommit (gd_store_get_db (store));
  if (own && !gd_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  places = places_of (store, incoming);
  for (guint i = 0; i < places->len; i++)
    {
      const Place *place = &g_array_index (places, Place, i);

      if (!apply_one (store, incoming->pdata[place->index], place->seq != NOT_HELD || place->repeat,
                      village, stats, error))
        goto failed;
    }
  if (state != NULL && !gd_store_sync_set_state (store, state, error))
    goto failed;
  if (!own || gd_store_exec (store, "COMMIT", error))
    return TRUE;

failed:
  if (own)
    gd_store_exec (store, "ROLLBACK", NULL);
  return FALSE;
}

/* ---- pushing ---- */

void
gd_sync_outgoing_free (GdSyncOutgoing *outgoing)
{
  if (outgoing == NULL)
    return;
  g_free (outgoing->id);
  g_clear_pointer (&outgoing->doc, json_object_unref);
  g_clear_pointer (&outgoing->base, json_object_unref);
  g_free (outgoing);
}

GPtrArray *
gd_store_sync_outgoing (GdStore    *store,
                        const char *village,
                        gint64      after_change_seq,
                        guint       limit,
                        GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_sync_outgoing_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT d.id, d.body, d.base_rev, d.change_seq, d.base_body FROM documents d "
    "WHERE d.dirty = 1 AND d.change_seq > ?1 AND (?2 IS NULL OR d.village = ?2) "
    /* a tombstone of something the server never had has nothing to delete there */
    "  AND NOT (d.deleted = 1 AND d.base_rev IS NULL) "
    "  AND NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.doc_id = d.id) "
    "  AND NOT EXISTS (SELECT 1 FROM sync_rejected r WHERE r.doc_id = d.id "
    "                  AND r.change_seq = d.change_seq) "
    "ORDER BY d.change_seq LIMIT ?3", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_change_seq);
  gd_store_bind_text (stmt, 2, village);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GdSyncOutgoing) outgoing = g_new0 (GdSyncOutgoing, 1);
      const char *base_rev = (const char *) sqlite3_column_text (stmt, 2);

      outgoing->id = gd_store_column_dup (stmt, 0);
      outgoing->doc = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 1), -1, error);
      if (outgoing->doc == NULL)
        return NULL;
      if (base_rev != NULL)
        json_object_set_string_member (outgoing->doc, "_rev", base_rev);
      else if (json_object_has_member (outgoing->doc, "_rev"))
        json_object_remove_member (outgoing->doc, "_rev");
      outgoing->change_seq = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        outgoing->base = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 4), -1, NULL);
      g_ptr_array_add (out, g_steal_pointer (&outgoing));
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the documents to send"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
gd_store_sync_pushed (GdStore    *store,
                      const char *id,
                      const char *rev,
                      JsonObject *sent,
                      gint64      change_seq,
                      GError    **error)
{
  g_autoptr(JsonObject) base = gd_json_copy_object (sent);
  g_autofree char *body = NULL;
  g_autoptr(GdStmt) clean = NULL;
  g_autoptr(GdStmt) rebase = NULL;
  g_autoptr(GdStmt) unreject = NULL;
  gboolean own;

  json_object_set_string_member (base, "_rev", rev);
  body = gd_json_to_string (base, FALSE);

  if (!gd_store_group_begin (store, "gd_sync", &own, error))
    return FALSE;
  /* unchanged since it was read: what was sent is the body, clean; only _rev is new, so the
   * query tables stay as they are */
  clean = gd_store_prepare (store,
    "UPDATE documents SET body = ?1, base_rev = ?2, base_body = NULL, dirty = 0 "
    "WHERE id = ?3 AND change_seq = ?4", error);
  if (clean == NULL)
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  gd_store_bind_text (clean, 1, body);
  gd_store_bind_text (clean, 2, rev);
  gd_store_bind_text (clean, 3, id);
  sqlite3_bind_int64 (clean, 4, change_seq);
  if (!gd_store_step_done (store, clean, N_("writing a document"), error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  if (sqlite3_changes (gd_store_get_db (store)) == 0)
    {
      /* edited meanwhile: stays dirty, against the new base */
      rebase = gd_store_prepare (store,
        "UPDATE documents SET base_rev = ?1, base_body = ?2 WHERE id = ?3", error);
      if (rebase == NULL)
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
      gd_store_bind_text (rebase, 1, rev);
      gd_store_bind_text (rebase, 2, body);
      gd_store_bind_text (rebase, 3, id);
      if (!gd_store_step_done (store, rebase, N_("writing a document"), error))
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
    }
  unreject = gd_store_prepare (store, "DELETE FROM sync_rejected WHERE doc_id = ?", error);
  if (unreject == NULL)
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  gd_store_bind_text (unreject, 1, id);
  if (!gd_store_step_done (store, unreject, N_("writing a document"), error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_sync", own, TRUE, error);
}

gboolean
gd_store_sync_reject (GdStore    *store,
                      const char *id,
                      const char *error_name,
                      const char *reason,
                      gint64      change_seq,
                      GError    **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *detail = g_strdup_printf ("%s: %s", error_name, reason ? reason : "");
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR REPLACE INTO sync_rejected (doc_id, error, reason, change_seq, rejected_at) "
    "VALUES (?, ?, ?, ?, ?)", error);
  gboolean own;

  if (stmt == NULL || !gd_store_group_begin (store, "gd_sync", &own, error))
    return FALSE;
  gd_store_bind_text (stmt, 1, id);
  gd_store_bind_text (stmt, 2, error_name);
  gd_store_bind_text (stmt, 3, reason);
  sqlite3_bind_int64 (stmt, 4, change_seq);
  gd_store_bind_text (stmt, 5, now);
  if (!gd_store_step_done (store, stmt, N_("recording a rejected document"), error)
      || !gd_store_audit (store, SYNC_ACTOR, "sync-rejected", id, detail, error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_sync", own, TRUE, error);
}

gboolean
gd_store_sync_forget_server (GdStore    *store,
                             const char *database,
                             const char *village,
                             GError    **error)
{
  g_autoptr(GdStmt) docs = gd_store_prepare (store,
    "UPDATE documents SET base_rev = NULL, base_body = NULL, dirty = (deleted = 0) "
    "WHERE ?1 IS NULL OR village = ?1", error);
  g_autoptr(GdStmt) state = NULL;
  gboolean own;

  if (docs == NULL || !gd_store_group_begin (store, "gd_sync", &own, error))
    return FALSE;
  gd_store_bind_text (docs, 1, village);
  if (!gd_store_step_done (store, docs, N_("writing a document"), error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  state = gd_store_prepare (store, "DELETE FROM sync_state WHERE database = ?", error);
  if (state == NULL)
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  gd_store_bind_text (state, 1, database);
  if (!gd_store_step_done (store, state, N_("saving the sync state"), error)
      || !gd_store_audit (store, SYNC_ACTOR, "sync-reset", NULL, database, error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_sync", own, TRUE, error);
}

gboolean
gd_store_sync_save_attachment (GdStore    *store,
                               const char *doc_id,
                               const char *name,
                               const char *content_type,
                               const char *digest,
                               GBytes     *data,
                               GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR REPLACE INTO attachments (doc_id, name, content_type, digest, length, data) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);
  gsize length;
  gconstpointer bytes = g_bytes_get_data (data, &length);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  gd_store_bind_text (stmt, 2, name);
  gd_store_bind_text (stmt, 3, content_type ? content_type : "application/octet-stream");
  gd_store_bind_text (stmt, 4, digest);
  sqlite3_bind_int64 (stmt, 5, (gint64) length);
  sqlite3_bind_blob64 (stmt, 6, bytes ? bytes : "", length, SQLITE_TRANSIENT);
  return gd_store_step_done (store, stmt, N_("saving an attachment"), error);
}

gboolean
gd_store_sync_has_attachment (GdStore    *store,
                              const char *doc_id,
                              const char *name,
                              const char *digest)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT 1 FROM attachments WHERE doc_id = ? AND name = ? AND digest IS ? AND data IS NOT NULL",
    NULL);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  gd_store_bind_text (stmt, 2, name);
  gd_store_bind_text (stmt, 3, digest);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
gd_store_sync_adopt_scope (GdStore    *store,
                           const char *village,
                           GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT name FROM grids WHERE code = ? AND level = 'village'", error);
  g_autofree char *name = NULL;

  if (stmt == NULL)
    return FALSE;
  if (gd_store_get_scope (store) != NULL)
    return TRUE;
  gd_store_bind_text (stmt, 1, village);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* Translators: a village code */
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND,
                   _("the server sent no grid document for village %s"), village);
      return FALSE;
    }
  name = gd_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return gd_store_adopt_scope (store, village, name, error);
}

gint64
gd_store_sync_pending_count (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT count(*) FROM documents WHERE dirty = 1 AND NOT (deleted = 1 AND base_rev IS NULL)",
    NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* ---- conflicts ---- */

void
gd_sync_conflict_free (GdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->doc_id);
  g_free (conflict->doc_type);
  g_free (conflict->label);
  g_free (conflict->path);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->server_rev);
  g_free (conflict->detected_at);
  g_free (conflict);
}

GPtrArray *
gd_store_sync_conflicts (GdStore    *store,
                         const char *doc_id,
                         GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_sync_conflict_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT c.id, c.doc_id, d.type, d.sort_key, c.path, c.mine, c.theirs, c.server_rev, "
    "       c.detected_at "
    "FROM sync_conflicts c LEFT JOIN documents d ON d.id = c.doc_id "
    "WHERE ?1 IS NULL OR c.doc_id = ?1 ORDER BY c.id", error);

  if (stmt == NULL)
    return NULL;
  gd_store_bind_text (stmt, 1, doc_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GdSyncConflict *conflict = g_new0 (GdSyncConflict, 1);
      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->doc_id = gd_store_column_dup (stmt, 1);
      conflict->doc_type = gd_store_column_dup (stmt, 2);
      conflict->label = gd_store_column_dup (stmt, 3);
      conflict->path = gd_store_column_dup (stmt, 4);
      conflict->mine = gd_store_column_dup (stmt, 5);
      conflict->theirs = gd_store_column_dup (stmt, 6);
      conflict->server_rev = gd_store_column_dup (stmt, 7);
      conflict->detected_at = gd_store_column_dup (stmt, 8);
      g_ptr_array_add (out, conflict);
    }
  return g_steal_pointer (&out);
}

static const char *
take_name (GdSyncTake take)
{
  return take == GD_SYNC_TAKE_MINE ? "mine" : take == GD_SYNC_TAKE_THEIRS ? "theirs" : "edit";
}

/* Edit against delete: keep this side (it is sent against the server's revision) or take the
 * server's (its document or its deletion becomes the clean base). */
static gboolean
resolve_deleted (GdStore        *store,
                 GdSyncConflict *conflict,
                 GdSyncTake      take,
                 GError        **error)
{
  g_auto(GdStoredRow) row = { 0 };
  g_autoptr(JsonObject) server = NULL;

  if (take == GD_SYNC_TAKE_VALUE)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("a deleted record can only be kept or deleted: take mine or theirs"));
      return FALSE;
    }
  if (take == GD_SYNC_TAKE_MINE)
    return delete_conflicts (store, conflict->doc_id, "_deleted", error);
  if (!gd_store_load_row (store, conflict->doc_id, &row, NULL) || row.base_body == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no document %s"), conflict->doc_id);
      return FALSE;
    }
  server = gd_json_parse_object (row.base_body, -1, error);
  if (server == NULL)
    return FALSE;
  return take_server (store, server, row.base_body, FALSE,
                      json_object_has_member (server, "_deleted"), NULL, error);
}

gboolean
gd_store_sync_resolve (GdStore    *store,
                       const char *doc_id,
                       const char *path,
                       GdSyncTake  take,
                       JsonNode   *value,
                       const char *actor,
                       GError    **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  GdSyncConflict *conflict = NULL;
  g_autofree char *detail = NULL;
  gboolean own;

  g_return_val_if_fail (store != NULL && doc_id != NULL && path != NULL && actor != NULL, FALSE);
  g_return_val_if_fail (take != GD_SYNC_TAKE_VALUE || value != NULL, FALSE);

  conflicts = gd_store_sync_conflicts (store, doc_id, error);
  if (conflicts == NULL)
    return FALSE;
  for (guint i = 0; i < conflicts->len && conflict == NULL; i++)
    if (g_str_equal (((GdSyncConflict *) conflicts->pdata[i])->path, path))
      conflict = conflicts->pdata[i];
  if (conflict == NULL)
    {
      /* Translators: a field path, then a document id */
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no open conflict on %s of %s"), path, doc_id);
      return FALSE;
    }

  if (!gd_store_group_begin (store, "gd_sync", &own, error))
    return FALSE;
  if (g_str_equal (path, "_conflicts"))
    {
      /* revisions another replicator left on the server: noted, settled on the server */
      if (!delete_conflicts (store, doc_id, path, error))
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
    }
  else if (g_str_equal (path, "_deleted"))
    {
      if (!resolve_deleted (store, conflict, take, error))
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
    }
  else
    {
      g_autoptr(JsonObject) doc = gd_store_get (store, doc_id, error);
      g_autoptr(JsonNode) chosen = NULL;
      g_autofree char *id = NULL;
      const char *text = take == GD_SYNC_TAKE_MINE ? conflict->mine : conflict->theirs;

      if (doc == NULL)
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
      if (take == GD_SYNC_TAKE_VALUE)
        chosen = json_node_copy (value);
      else if (text != NULL && (chosen = json_from_string (text, error)) == NULL)
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
      if (!gd_merge_path_set (doc, path, chosen))
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("%s: cannot set this field"), path);
          return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
        }
      /* the decision is an edit like any other: validated, then sent to the server */
      if (!delete_conflicts (store, doc_id, path, error)
          || (id = gd_store_put (store, doc, actor, NULL, error)) == NULL)
        return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
    }
  detail = g_strdup_printf ("%s: took %s", path, take_name (take));
  if (!gd_store_audit (store, actor, "sync-resolve", doc_id, detail, error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_sync", own, TRUE, error);
}

/* ---- rejections ---- */

void
gd_sync_rejection_free (GdSyncRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->doc_id);
  g_free (rejection->doc_type);
  g_free (rejection->label);
  g_free (rejection->error);
  g_free (rejection->reason);
  g_free (rejection->rejected_at);
  g_free (rejection);
}

gboolean
gd_store_sync_retry_rejected (GdStore    *store,
                              const char *doc_id,
                              const char *actor,
                              GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "DELETE FROM sync_rejected WHERE ?1 IS NULL OR doc_id = ?1", error);
  gboolean own;

  if (stmt == NULL || !gd_store_group_begin (store, "gd_sync", &own, error))
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  if (!gd_store_step_done (store, stmt, N_("recording a rejected document"), error)
      || !gd_store_audit (store, actor, "sync-retry", doc_id, NULL, error))
    return gd_store_group_end (store, "gd_sync", own, FALSE, NULL);
  return gd_store_group_end (store, "gd_sync", own, TRUE, error);
}

GPtrArray *
gd_store_sync_rejections (GdStore *store,
                          GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_sync_rejection_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT r.doc_id, d.type, d.sort_key, r.error, r.reason, r.rejected_at "
    "FROM sync_rejected r LEFT JOIN documents d ON d.id = r.doc_id ORDER BY r.rejected_at, r.doc_id",
    error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GdSyncRejection *rejection = g_new0 (GdSyncRejection, 1);
      rejection->doc_id = gd_store_column_dup (stmt, 0);
      rejection->doc_type = gd_store_column_dup (stmt, 1);
      rejection->label = gd_store_column_dup (stmt, 2);
      rejection->error = gd_store_column_dup (stmt, 3);
      rejection->reason = gd_store_column_dup (stmt, 4);
      rejection->rejected_at = gd_store_column_dup (stmt, 5);
      g_ptr_array_add (out, rejection);
    }
  return g_steal_pointer (&out);
}
