#define G_LOG_DOMAIN "gd-store-search-build"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-json.h"
#include "gd-store-private.h"
#include "gd-store-sync.h"

/* Deferred search keys for a first sync.
 *
 * A household has ~42 search keys; inserted document by document they land all over the
 * search_keys b-tree, and every group commit rewrites the index pages it touched, so at
 * 100,000 households the first sync spent most of its time there. While a first sync runs,
 * the store therefore only collects the keys in memory (documents and the other derived
 * tables are still written and committed group by group), and one pass when the pages stop
 * (all read, cancelled or failed), before the sync reports, rebuilds search_keys in key order
 * in one transaction: sorted in memory, appended to the b-tree, the by-doc index built after
 * by SQLite's sorter.
 *
 * Crash safety: the meta flag `search_keys_pending` is set in every group's transaction, so
 * whatever committed without its keys is known; gd_store_open() rebuilds the keys from the
 * stored bodies when it finds the flag (an interrupted or killed sync), and the pass clears
 * it in the same transaction that writes the keys. */

#define PENDING_FLAG "search_keys_pending"
/* must stay the CREATE INDEX of the schema (gd-store-schema.c) */
#define CREATE_BY_DOC "CREATE INDEX search_keys_by_doc ON search_keys (doc)"

typedef struct {
  guint64     prefix; /* the key's first 8 bytes, big-endian: most comparisons stop here */
  const char *key;    /* in `strings` */
  gint64      doc;
  int         member;
} Entry;

/* keys NUL-separated in `text`, their members in `members` */
struct _GdSearchKeys {
  GString *text;
  GArray  *members; /* int */
};

struct _GdSearchBuild {
  JsonObject   *offered_doc; /* its keys, worked out by the fetch thread */
  GdSearchKeys *offered;
  GStringChunk *strings;
  GArray       *entries;   /* Entry */
  GHashTable   *collected; /* seq -> change_seq its keys were collected for; -1: collected
                            * twice, so recompute it from its body */
};

static GdSearchBuild *
build_new (void)
{
  GdSearchBuild *build = g_new0 (GdSearchBuild, 1);

  build->strings = g_string_chunk_new (1 << 20);
  build->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  build->collected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return build;
}

void
gd_search_build_free (GdSearchBuild *build)
{
  if (build == NULL)
    return;
  g_string_chunk_free (build->strings);
  g_clear_pointer (&build->entries, g_array_unref);
  g_hash_table_unref (build->collected);
  g_free (build);
}

typedef struct {
  GdSearchBuild *build;
  gint64         doc;
} AddData;

static guint64
key_prefix (const char *key)
{
  guint64 prefix = 0;
  guint i = 0;

  for (; i < 8 && key[i] != '\0'; i++)
    prefix = (prefix << 8) | (guchar) key[i];
  return i == 0 ? 0 : prefix << (8 * (8 - i));
}

static void
add_key_cb (const char *key,
            int         member,
            gpointer    user_data)
{
  AddData *data = user_data;
  Entry entry = {
    .prefix = key_prefix (key),
    .key = g_string_chunk_insert_const (data->build->strings, key),
    .doc = data->doc,
    .member = member,
  };

  g_array_append_val (data->build->entries, entry);
}

static void
prepare_key_cb (const char *key,
                int         member,
                gpointer    user_data)
{
  GdSearchKeys *keys = user_data;

  g_string_append_len (keys->text, key, strlen (key) + 1);
  g_array_append_val (keys->members, member);
}

GdSearchKeys *
gd_search_keys_prepare (JsonObject *doc)
{
  GdSearchKeys *keys;

  if (g_strcmp0 (gd_json_get_string (doc, "type"), "household") != 0)
    return NULL;
  keys = g_new0 (GdSearchKeys, 1);
  keys->text = g_string_sized_new (1024);
  keys->members = g_array_sized_new (FALSE, FALSE, sizeof (int), 64);
  gd_search_keys_for_household (doc, prepare_key_cb, keys);
  return keys;
}

void
gd_search_keys_free (GdSearchKeys *keys)
{
  if (keys == NULL)
    return;
  g_string_free (keys->text, TRUE);
  g_array_unref (keys->members);
  g_free (keys);
}

void
gd_store_search_offer (GdStore      *store,
                       JsonObject   *doc,
                       GdSearchKeys *keys)
{
  GdSearchBuild *build = *gd_store_search_build (store);

  if (build == NULL)
    return;
  build->offered_doc = keys ? doc : NULL;
  build->offered = keys;
}

static void
collect (GdSearchBuild *build,
         gint64         seq,
         JsonObject    *household)
{
  AddData data = { build, seq };
  GdSearchKeys *keys = build->offered;

  /* the very object the keys were worked out for (a merge writes another one) */
  if (keys == NULL || build->offered_doc != household)
    {
      gd_search_keys_for_household (household, add_key_cb, &data);
      return;
    }
  for (guint i = 0, at = 0; i < keys->members->len; i++)
    {
      const char *key = keys->text->str + at;

      add_key_cb (key, g_array_index (keys->members, int, i), &data);
      at += strlen (key) + 1;
    }
}

gboolean
gd_store_search_defer (GdStore  *store,
                       GError  **error)
{
  GdSearchBuild **build = gd_store_search_build (store);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT INTO meta (key, value) VALUES ('" PENDING_FLAG "', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("updating the search index"));
      return FALSE;
    }
  if (*build == NULL)
    *build = build_new ();
  return TRUE;
}

gboolean
gd_store_search_collect (GdStore    *store,
                         gint64      seq,
                         JsonObject *household)
{
  gint64 change_seq = gd_store_writing_change_seq (store);
  GdSearchBuild *build = *gd_store_search_build (store);
  gint64 *seen;

  if (build == NULL)
    return FALSE;
  seen = g_hash_table_lookup (build->collected, &seq);
  if (seen != NULL)
    {
      /* written twice in one run: its first keys are in the array too */
      *seen = -1;
      return TRUE;
    }
  g_hash_table_insert (build->collected, g_memdup2 (&seq, sizeof seq),
                       g_memdup2 (&change_seq, sizeof change_seq));
  collect (build, seq, household);
  return TRUE;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a;
  const Entry *y = b;
  int c;

  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  /* the same first 8 bytes: SQLite's BINARY order is strcmp's for UTF-8 text */
  c = x->key == y->key ? 0 : strcmp (x->key, y->key);

  if (c != 0)
    return c;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

/* The keys to write, sorted and without repeats: those collected that are still right, and
 * those of every other live household read from its body (stored before the run, written
 * by another connection since, or written twice in this run). */
static GArray *
gather (GdStore       *store,
        GdSearchBuild *build,
        GError       **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) entries = g_array_ref (build->entries);
  guint n_collected = entries->len;
  g_autoptr(GdStmt) live = gd_store_prepare (store,
    "SELECT d.seq, d.change_seq, d.body FROM households h JOIN documents d ON d.seq = h.doc", error);
  guint n = 0;
  int rc;

  if (live == NULL)
    return NULL;
  while ((rc = sqlite3_step (live)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (live, 0);
      gint64 *seen_seq = NULL;
      gint64 *seen_change = NULL;
      g_autoptr(JsonObject) doc = NULL;

      if (g_hash_table_lookup_extended (build->collected, &seq, (gpointer *) &seen_seq,
                                        (gpointer *) &seen_change)
          && *seen_change == sqlite3_column_int64 (live, 1))
        {
          g_hash_table_add (keep, seen_seq);
          continue;
        }
      /* appended after the collected ones */
      doc = gd_json_parse_object ((const char *) sqlite3_column_text (live, 2), -1, NULL);
      if (doc != NULL)
        collect (build, seq, doc);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("updating the search index"));
      return NULL;
    }
  /* in place (a village has millions of keys): collected keys of households that are gone
   * or changed since drop out */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      if (i >= n_collected || g_hash_table_contains (keep, &entry->doc))
        g_array_index (entries, Entry, n++) = *entry;
    }
  g_array_set_size (entries, n);

  /* key order: each insert appends to the b-tree instead of splitting pages all over it */
  qsort (entries->data, entries->len, sizeof (Entry), compare_entries);
  n = 0;
  for (guint i = 0; i < entries->len; i++)
    if (n == 0 || compare_entries (&g_array_index (entries, Entry, n - 1), &g_array_index (entries, Entry, i)) != 0)
      g_array_index (entries, Entry, n++) = g_array_index (entries, Entry, i);
  g_array_set_size (entries, n);
  return g_steal_pointer (&entries);
}

/* Frees `entries` and `build` once the rows are in, before the index is sorted. */
static gboolean
write_keys (GdStore        *store,
            GArray        **entries_slot,
            GdSearchBuild **build,
            GError        **error)
{
  GArray *entries = *entries_slot;
  g_autoptr(GdStmt) insert = NULL;
  gint64 t0 = g_get_monotonic_time ();

  /* the by-doc index is built once after the rows, by sorting, not key by key (the sorter
   * may use a second core); the cache holds what this transaction writes (a village is
   * ~200 MB of keys) instead of spilling it to the WAL half way; both are put back */
  if (!gd_store_exec (store, "DELETE FROM search_keys; DROP INDEX search_keys_by_doc;"
                             "PRAGMA threads = 2; PRAGMA cache_size = -262144;", error))
    return FALSE;
  insert = gd_store_prepare (store, "INSERT INTO search_keys (key, doc, member) VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, entry->key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, entry->doc);
      sqlite3_bind_int (insert, 3, entry->member);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          gd_store_set_sql_error (store, error, _("updating the search index"));
          return FALSE;
        }
    }
  g_clear_pointer (&insert, gd_stmt_release);
  g_debug ("search keys: %u rows in %.2f s", entries->len, (g_get_monotonic_time () - t0) / 1e6);
  g_clear_pointer (entries_slot, g_array_unref);
  g_clear_pointer (build, gd_search_build_free);
  return gd_store_exec (store, CREATE_BY_DOC "; DELETE FROM meta WHERE key = '" PENDING_FLAG "';"
                              "PRAGMA threads = 0; PRAGMA cache_size = " GD_STORE_CACHE_SIZE ";", error);
}

/* Takes `build` (may be empty: every key is then read from the bodies). */
static gboolean
rebuild (GdStore        *store,
         GdSearchBuild  *build,
         GError        **error)
{
  g_autoptr(GArray) entries = NULL;
  gboolean ok;

  ok = gd_store_exec (store, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      gint64 t0 = g_get_monotonic_time ();
      gint64 t1 = 0, t2 = 0;

      ok = (entries = gather (store, build, error)) != NULL
           && (t1 = g_get_monotonic_time (), write_keys (store, &entries, &build, error))
           && (t2 = g_get_monotonic_time (), gd_store_exec (store, "COMMIT", error));
      if (!ok)
        gd_store_exec (store, "ROLLBACK", NULL);
      else
        g_debug ("search keys: gathered and sorted in %.2f s, written and indexed in %.2f s, "
                 "committed in %.2f s", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                 (g_get_monotonic_time () - t2) / 1e6);
    }
  gd_search_build_free (build);
  return ok;
}

gboolean
gd_store_search_finish (GdStore  *store,
                        GError  **error)
{
  GdSearchBuild *build = g_steal_pointer (gd_store_search_build (store));

  g_return_val_if_fail (sqlite3_get_autocommit (gd_store_get_db (store)), FALSE);
  /* nothing deferred in this run: only a pass an earlier run left undone */
  if (build == NULL)
    return gd_store_search_rebuild_if_pending (store, error);
  return rebuild (store, build, error);
}

gboolean
gd_store_search_rebuild_if_pending (GdStore  *store,
                                    GError  **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT 1 FROM meta WHERE key = '" PENDING_FLAG "'", error);
  gboolean pending;

  if (stmt == NULL)
    return FALSE;
  pending = sqlite3_step (stmt) == SQLITE_ROW;
  g_clear_pointer (&stmt, gd_stmt_release);
  if (!pending)
    return TRUE;
  g_debug ("a first sync stopped before its search keys were built: building them now");
  return rebuild (store, build_new (), error);
}
