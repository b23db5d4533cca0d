/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-search-index"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-store-private.h"

/* The search index: an FTS5 table over the search keys of gd-search-keys.c.
 *
 * Every person (and every household, for its address and number) is one FTS row whose
 * "text" is its keys joined by GD_KEY_SEPARATOR; the griddesk_keys tokenizer below splits
 * there and nowhere else, so each key is one term, verbatim, and a key prefix search is an
 * FTS5 prefix query. FTS5 keeps one compressed doclist per distinct key: names, pinyin and
 * address suffixes repeat across a village, so the index is a tenth of a table of
 * (key, doc, member) rows, and it is built as the documents are written, with nothing
 * left to do at the end of a first sync.
 *
 * The keys are also stored with their person/household row (search_keys columns, read
 * through the view search_rows): FTS5's 'delete' needs the very text that was indexed, and
 * 'rebuild' and 'integrity-check' read it there. */

static int
keys_create (void            *context,
             const char     **argv,
             int              argc,
             Fts5Tokenizer  **out)
{
  /* stateless: any non-NULL handle */
  *out = (Fts5Tokenizer *) context;
  return SQLITE_OK;
}

static void
keys_delete (Fts5Tokenizer *tokenizer)
{
}

static int
keys_tokenize (Fts5Tokenizer *tokenizer,
               void          *context,
               int            flags,
               const char    *text,
               int            length,
               int          (*token) (void *, int, const char *, int, int, int))
{
  int start = 0;

  for (int i = 0; i <= length; i++)
    if (i == length || text[i] == GD_KEY_SEPARATOR)
      {
        if (i > start)
          {
            int rc = token (context, 0, text + start, i - start, start, i);
            if (rc != SQLITE_OK)
              return rc;
          }
        start = i + 1;
      }
  return SQLITE_OK;
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

/* gd_search_keys(doc, body, position): the keys of one FTS row of a household (or an
 * organisation) body, for migrations and checks; the last household's rows are kept, as it is asked once per member. */
typedef struct {
  gint64     doc;
  GPtrArray *rows;
} KeysCache;

static void
keys_cache_free (gpointer data)
{
  KeysCache *cache = data;

  g_clear_pointer (&cache->rows, g_ptr_array_unref);
  g_free (cache);
}

static void
search_keys_sql (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  KeysCache *cache = sqlite3_user_data (context);
  gint64 doc = sqlite3_value_int64 (argv[0]);
  int position = sqlite3_value_int (argv[2]);
  const char *keys;

  if (cache->rows == NULL || cache->doc != doc)
    {
      const char *body = (const char *) sqlite3_value_text (argv[1]);
      g_autoptr(JsonObject) object = body ? gd_json_parse_object (body, -1, NULL) : NULL;
      g_autoptr(GdHouseholdFields) fields = NULL;

      g_clear_pointer (&cache->rows, g_ptr_array_unref);
      cache->doc = doc;
      if (object != NULL && g_strcmp0 (gd_json_get_string (object, "type"), "organisation") == 0)
        {
          /* an organisation has its own row only */
          cache->rows = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (cache->rows, gd_search_organisation_keys (object));
        }
      else
        {
          fields = object ? gd_household_fields_from_object (object) : NULL;
          cache->rows = fields ? gd_search_key_rows (fields) : g_ptr_array_new ();
        }
    }
  keys = position + 1 >= 0 && (guint) (position + 1) < cache->rows->len
         ? cache->rows->pdata[position + 1] : NULL;
  if (keys != NULL && *keys != '\0')
    sqlite3_result_text (context, keys, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

gboolean
gd_search_index_register (sqlite3  *db,
                          GError  **error)
{
  static fts5_tokenizer tokenizer = { keys_create, keys_delete, keys_tokenize };
  fts5_api *api = fts5_api_of (db);

  if (api == NULL
      || api->xCreateTokenizer (api, "griddesk_keys", api, &tokenizer, NULL) != SQLITE_OK
      || sqlite3_create_function_v2 (db, "gd_search_keys", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                     g_new0 (KeysCache, 1), search_keys_sql, NULL, NULL,
                                     keys_cache_free) != SQLITE_OK)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO,
                   _("this SQLite has no full-text search (FTS5), which GridDesk's search needs"));
      return FALSE;
    }
  return TRUE;
}

/* A document's search rows replaced in rowid order (GdSearchRewrite).
 *
 * FTS5 writes out everything it has buffered whenever a row id is smaller than the one
 * before, or when a statement savepoint is released (any multi-row INSERT … SELECT). Taking
 * a household's old rows out all at once and then adding the new ones did both, so a sync of
 * 5,000 changed households wrote 10,000 tiny index segments. Here each old row goes (a
 * one-row 'delete') just before the new row that follows it in rowid order. */
typedef struct {
  gint64  rid;
  char   *keys;
} OldRow;

struct _GdSearchRewrite {
  GArray *old;  /* OldRow, ascending rid */
  guint   next; /* the first not yet deleted */
};

static void
old_row_clear (gpointer data)
{
  g_free (((OldRow *) data)->keys);
}

GdSearchRewrite *
gd_search_rewrite_begin (GdStore  *store,
                         gint64    doc,
                         gboolean  fresh,
                         GError  **error)
{
  g_autoptr(GdSearchRewrite) rewrite = g_new0 (GdSearchRewrite, 1);
  g_autoptr(GdStmt) stmt = NULL;
  int rc;

  rewrite->old = g_array_new (FALSE, FALSE, sizeof (OldRow));
  g_array_set_clear_func (rewrite->old, old_row_clear);
  if (fresh)
    return g_steal_pointer (&rewrite);
  /* the rows' own keys, as they were indexed: read before the rows themselves go */
  stmt = gd_store_prepare (store,
    "SELECT " GD_SEARCH_ROWID_SQL ("doc", "-1") ", search_keys FROM households "
    "  WHERE doc = ?1 AND search_keys IS NOT NULL "
    "UNION ALL "
    "SELECT " GD_SEARCH_ROWID_SQL ("doc", "position") ", search_keys FROM persons "
    "  WHERE doc = ?1 AND search_keys IS NOT NULL "
    "UNION ALL "
    "SELECT " GD_SEARCH_ROWID_SQL ("doc", "-1") ", search_keys FROM organisations "
    "  WHERE doc = ?1 AND search_keys IS NOT NULL "
    "ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, doc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OldRow row = { sqlite3_column_int64 (stmt, 0), gd_store_column_dup (stmt, 1) };
      g_array_append_val (rewrite->old, row);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("updating the search index"));
      return NULL;
    }
  return g_steal_pointer (&rewrite);
}

/* Deletes the old rows up to row id `until` (all of them: G_MAXINT64). */
static gboolean
delete_old_rows (GdStore         *store,
                 GdSearchRewrite *rewrite,
                 gint64           until,
                 GError         **error)
{
  for (; rewrite->next < rewrite->old->len; rewrite->next++)
    {
      OldRow *row = &g_array_index (rewrite->old, OldRow, rewrite->next);
      g_autoptr(GdStmt) stmt = NULL;

      if (row->rid > until)
        break;
      stmt = gd_store_prepare (store,
        "INSERT INTO search_index (search_index, rowid, keys) VALUES ('delete', ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->rid);
      sqlite3_bind_text (stmt, 2, row->keys, -1, SQLITE_STATIC);
      if (!gd_store_step_done (store, stmt, N_("updating the search index"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
gd_search_rewrite_add (GdStore         *store,
                       GdSearchRewrite *rewrite,
                       gint64           doc,
                       int              position,
                       const char      *keys,
                       GError         **error)
{
  gint64 rid = GD_SEARCH_ROWID (doc, position);
  g_autoptr(GdStmt) stmt = NULL;

  if (!delete_old_rows (store, rewrite, rid, error))
    return FALSE;
  if (keys == NULL || *keys == '\0')
    return TRUE;
  stmt = gd_store_prepare (store, "INSERT INTO search_index (rowid, keys) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  sqlite3_bind_text (stmt, 2, keys, -1, SQLITE_STATIC);
  return gd_store_step_done (store, stmt, N_("updating the search index"), error);
}

gboolean
gd_search_rewrite_end (GdStore         *store,
                       GdSearchRewrite *rewrite,
                       GError         **error)
{
  return delete_old_rows (store, rewrite, G_MAXINT64, error);
}

void
gd_search_rewrite_free (GdSearchRewrite *rewrite)
{
  if (rewrite == NULL)
    return;
  g_array_unref (rewrite->old);
  g_free (rewrite);
}

char *
gd_search_index_match (const char *prefix)
{
  GString *match = g_string_new ("\"");

  /* an FTS5 string: quotes doubled; the trailing * makes it a prefix query */
  for (const char *p = prefix; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append (match, "\"*");
  return g_string_free (match, FALSE);
}
