/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's side of sync: batches with opaque checkpoints, idempotent application,
 * clean versus dirty documents (no server needed). */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-register.h"
#include "gd-search.h"
#include "gd-store-sync.h"
#include "gd-test-fixtures.h"

/* the whole envelope: a server document is checked like a local write */
static void
server_envelope (JsonObject *doc)
{
  json_object_set_string_member (doc, "village", FIXTURE_VILLAGE);
  json_object_set_int_member (doc, "schema", 1);
  json_object_set_string_member (doc, "created_at", "2026-11-20T08:00:00Z");
  json_object_set_string_member (doc, "created_by", "county");
  json_object_set_string_member (doc, "updated_at", "2026-11-20T09:00:00Z");
  json_object_set_string_member (doc, "updated_by", "county");
}

static JsonObject *
server_doc (const char *id, const char *rev, const char *number)
{
  JsonObject *doc = fixture_household (number, 3);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  server_envelope (doc);
  return doc;
}

/* Seqs are opaque JSON: a CouchDB 3 string and an integer are stored exactly as they came. */
static void
test_opaque_checkpoint (StoreFixture *f, gconstpointer data)
{
  const char *seqs[] = { "\"13-g1AAAAJreJzLYWBgYMpgTmHgzcvPy09JdcjLz8gvLskBCScyJNX___8_K4M5kTEXKMBuaJaYZpJkjl0HkT0kOQB4ixH4\"",
                         "42", "[12,\"abc\"]" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (seqs); i++)
    {
      g_autoptr(GdSyncState) state = gd_store_sync_get_state (f->store, "griddesk-" FIXTURE_VILLAGE, &error);
      g_autoptr(GdSyncState) again = NULL;
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      g_free (state->checkpoint);
      state->checkpoint = g_strdup (seqs[i]);
      g_assert_true (gd_store_sync_apply (f->store, docs, state, NULL, &error));
      g_assert_no_error (error);
      again = gd_store_sync_get_state (f->store, "griddesk-" FIXTURE_VILLAGE, &error);
      g_assert_cmpstr (again->checkpoint, ==, seqs[i]);
    }
}

/* A batch that fails leaves neither its documents nor its checkpoint. */
static void
test_batch_atomic (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSyncState) state = gd_store_sync_get_state (f->store, "db", NULL);
  g_autoptr(GdSyncState) after = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) broken = json_object_new ();
  g_autoptr(GError) error = NULL;

  state->checkpoint = g_strdup ("7");
  g_ptr_array_add (docs, server_doc ("household:a", "1-a", "0001"));
  json_object_set_string_member (broken, "_id", "household:b"); /* no _rev: not from CouchDB */
  g_ptr_array_add (docs, json_object_ref (broken));
  g_assert_false (gd_store_sync_apply (f->store, docs, state, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  after = gd_store_sync_get_state (f->store, "db", NULL);
  g_assert_null (after->checkpoint);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
}

/* The same batch twice (a crash before the checkpoint reached the server's next page) changes
 * nothing the second time; a clean copy follows the server, a dirty one merges. */
/* The households list's pending-upload badge */
static gboolean
row_pending (GdStore *store)
{
  GdHouseholdFilter filter = { 0 };
  g_autoptr(GPtrArray) rows = gd_store_household_page (store, &filter, 0, 10, NULL);

  g_assert_cmpuint (rows->len, ==, 1);
  return ((GdHouseholdRow *) rows->pdata[0])->pending;
}

static void
test_idempotent_and_dirty (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autofree char *id = NULL;
  GdSyncApplyStats stats = { 0 };
  JsonObject *server;

  g_ptr_array_add (docs, server_doc ("household:a", "1-a", "0001"));
  g_assert_true (gd_store_sync_apply (f->store, docs, NULL, &stats, NULL));
  g_assert_true (gd_store_sync_apply (f->store, docs, NULL, &stats, NULL));
  g_assert_cmpuint (stats.applied, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpint (gd_store_sync_pending_count (f->store), ==, 2); /* only the fixture's grids */
  g_assert_cmpint (gd_store_count_persons (f->store, NULL), ==, 2);

  g_assert_false (row_pending (f->store));
  local = gd_store_get (f->store, "household:a", NULL);
  json_object_set_string_member (local, "address", "本地改的");
  id = gd_store_put (f->store, local, "tester", NULL, NULL);
  g_assert_nonnull (id);
  g_assert_true (row_pending (f->store));
  server = server_doc ("household:a", "2-b", "0001");
  json_object_set_string_member (server, "housing", "lent");
  g_ptr_array_add (newer, server);
  memset (&stats, 0, sizeof stats);
  g_assert_true (gd_store_sync_apply (f->store, newer, NULL, &stats, NULL));
  g_assert_cmpuint (stats.merged, ==, 1);
  merged = gd_store_get (f->store, "household:a", NULL);
  g_assert_cmpstr (gd_json_get_string (merged, "address"), ==, "本地改的");
  g_assert_cmpstr (gd_json_get_string (merged, "housing"), ==, "lent");
  g_assert_cmpstr (gd_json_get_string (merged, "_rev"), ==, "2-b");
}

/* A server document this store cannot hold (a second grid with a code already here) is
 * listed and skipped; the rest of the batch and its checkpoint land. */
static void
test_cannot_hold (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GdSyncState) state = gd_store_sync_get_state (f->store, "db", NULL);
  g_autoptr(GdSyncState) after = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  JsonObject *grid = fixture_grid (FIXTURE_GRID, "另一个第一网格");
  GdSyncApplyStats stats = { 0 };

  json_object_set_string_member (grid, "_id", "grid:other");
  json_object_set_string_member (grid, "_rev", "1-g");
  server_envelope (grid);
  g_ptr_array_add (docs, grid);
  g_ptr_array_add (docs, server_doc ("household:a", "1-a", "0001"));
  state->checkpoint = g_strdup ("\"5-x\"");
  g_assert_true (gd_store_sync_apply (f->store, docs, state, &stats, NULL));
  g_assert_cmpuint (stats.skipped, ==, 1);
  g_assert_cmpuint (stats.applied, ==, 1);
  rejected = gd_store_sync_rejections (f->store, NULL);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (((GdSyncRejection *) rejected->pdata[0])->error, ==, "incoming");
  g_assert_nonnull (strstr (((GdSyncRejection *) rejected->pdata[0])->reason, FIXTURE_GRID));
  after = gd_store_sync_get_state (f->store, "db", NULL);
  g_assert_cmpstr (after->checkpoint, ==, "\"5-x\"");
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 1);
}

/* ---- a first sync's search keys ---- */

static JsonObject *
server_household (guint i)
{
  g_autofree char *id = g_strdup_printf ("household:s%03u", i);
  g_autofree char *number = g_strdup_printf ("%04u", i);
  JsonObject *doc = server_doc (id, "1-a", number);
  JsonArray *members = json_object_get_array_member (doc, "members");

  /* a whole envelope and ID numbers of their own, so the store stays clean */
  json_object_set_int_member (doc, "schema", 1);
  json_object_set_string_member (doc, "created_at", "2026-11-20T09:00:00Z");
  json_object_set_string_member (doc, "created_by", "county");
  json_object_set_string_member (doc, "updated_by", "county");
  json_array_remove_element (members, 1);
  json_array_remove_element (members, 0);
  json_array_add_object_element (members, fixture_member ("m1", "欧阳玲巧", "02", "2", "19850312", 100 + i));
  return doc;
}

/* Whether a search for `query` finds the household `id`. */
static gboolean
finds (GdStore *store, const char *query, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gd_store_search (store, query, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (((GdSearchHit *) hits->pdata[i])->doc_id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_clean (GdStore *store)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  if (gd_issues_has_errors (issues))
    g_error ("%s", gd_issues_to_string (issues, GD_ISSUE_ERROR));
}

/* The query tables and the search index agree with the documents (the documents
 * themselves may be invalid). */
static void
assert_index_whole (GdStore *store)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      if (g_strcmp0 (issue->path, "file") == 0 || g_strcmp0 (issue->path, "index") == 0)
        g_error ("%s: %s", issue->path, issue->message);
    }
}

static char *
check_report (GdStore *store)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  return gd_issues_to_string (issues, GD_ISSUE_ERROR);
}

/* One group of a first sync: documents and their search keys committed together. */
static void
apply_group (GdStore *store, guint first, guint n)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (docs, server_household (i));
  g_assert_true (gd_store_begin (store, &error));
  g_assert_true (gd_store_sync_apply (store, docs, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gd_store_commit (store, &error));
}

/* The process is killed (SIGKILL) in the middle of its third group, after two committed:
 * what they wrote is searchable after reopening, the group it died in left nothing. */
static void
test_group_keys_crash (StoreFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) local = fixture_household ("0900", 90);
  g_autoptr(GError) error = NULL;
  g_autofree char *local_id = gd_store_put (f->store, local, "tester", NULL, &error);
  pid_t child;
  int status;

  g_assert_no_error (error);
  g_clear_pointer (&f->store, gd_store_free);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      g_autoptr(GPtrArray) third = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      GdStore *store = gd_store_open (f->path, NULL);

      apply_group (store, 1, 20);
      apply_group (store, 21, 20);
      if (!finds (store, "0007", "household:s007") || !finds (store, "0900", local_id))
        _exit (2);
      for (guint i = 41; i <= 60; i++)
        g_ptr_array_add (third, server_household (i));
      if (!gd_store_begin (store, NULL) || !gd_store_sync_apply (store, third, NULL, NULL, NULL))
        _exit (3);
      /* killed before the third group's commit, as a power cut would */
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  f->store = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 41);
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("household:s%03u", i);
      g_autofree char *number = g_strdup_printf ("%04u", i);
      g_assert_true (finds (f->store, number, id));
    }
  g_assert_false (finds (f->store, "0050", "household:s050"));
  g_assert_true (finds (f->store, "0900", local_id));
  g_assert_true (finds (f->store, "欧阳", "household:s033"));
  assert_clean (f->store);
}

/* A document written twice in a run, and another connection's edit meanwhile: each is
 * found by its new values only. */
static void
test_group_keys_rewritten (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) other = NULL;
  JsonObject *second;

  apply_group (f->store, 1, 10);
  /* the same document again with a new revision and number, in the same run */
  second = server_household (3);
  json_object_set_string_member (second, "_rev", "2-b");
  json_object_set_string_member (second, "number", "0303");
  g_ptr_array_add (again, second);
  g_assert_true (gd_store_begin (f->store, &error));
  g_assert_true (gd_store_sync_apply (f->store, again, NULL, NULL, &error));
  g_assert_true (gd_store_commit (f->store, &error));
  /* the app edits a household on its own connection while the sync runs */
  other = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) doc = gd_store_get (other, "household:s005", &error);
    g_autofree char *id = NULL;

    json_object_set_string_member (doc, "number", "0505");
    id = gd_store_put (other, doc, "tester", NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_true (finds (f->store, "0303", "household:s003"));
  g_assert_false (finds (f->store, "0003", "household:s003"));
  g_assert_true (finds (f->store, "0505", "household:s005"));
  g_assert_false (finds (f->store, "0005", "household:s005"));
  g_assert_true (finds (f->store, "0009", "household:s009"));
  assert_clean (f->store);
  /* and a later write on this connection */
  {
    g_autoptr(JsonObject) doc = gd_store_get (f->store, "household:s009", &error);
    g_autofree char *id = NULL;

    json_object_set_string_member (doc, "number", "0909");
    id = gd_store_put (f->store, doc, "tester", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (finds (f->store, "0909", "household:s009"));
  }
}


/* ---- households written from their fields (a first sync without json-glib trees) ---- */

/* Every household shape the store indexes differently: tags, a location, missing and
 * non-string fields, a member that is not an object, no members at all. */
static GPtrArray *
varied_households (void)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < 6; i++)
    {
      JsonObject *doc = server_household (i + 1);
      JsonArray *members = json_object_get_array_member (doc, "members");
      JsonObject *head = json_array_get_object_element (members, 0);
      g_autoptr(JsonObject) location = json_object_new ();
      g_autoptr(JsonArray) tags = json_array_new ();

      switch (i)
        {
        case 0:
          json_array_add_string_element (tags, "elderly_alone");
          json_array_add_string_element (tags, "empty_nest");
          json_object_set_array_member (head, "tags", json_array_ref (tags));
          json_object_set_double_member (location, "lat", 32.3911);
          json_object_set_int_member (location, "lon", 120);
          json_object_set_object_member (doc, "location", json_object_ref (location));
          json_object_set_string_member (doc, "status", "active");
          break;
        case 1:
          json_object_set_int_member (head, "phone", 13900000000);
          json_object_remove_member (head, "id");
          json_object_set_null_member (doc, "address");
          json_array_add_int_element (members, 7);
          json_array_add_object_element (members, fixture_member ("m9", "李娜", "20", "2", "20100101", 9));
          break;
        case 2:
          json_object_remove_member (doc, "members");
          json_object_set_string_member (location, "lat", "32.1");
          json_object_set_double_member (location, "lon", 120.5);
          json_object_set_object_member (doc, "location", json_object_ref (location));
          break;
        case 3:
          json_array_add_int_element (tags, 1);
          json_object_set_array_member (head, "tags", json_array_ref (tags));
          json_object_set_string_member (head, "id_number", "32090219850312001x");
          break;
        case 4:
          json_object_set_array_member (doc, "members", json_array_new ());
          break;
        default:
          json_object_set_string_member (head, "relation", "10");
          break;
        }
      g_ptr_array_add (docs, doc);
    }
  return docs;
}

/* Each table a household writes to, as text, in a fixed order. */
static char *
dump_household_tables (const char *path)
{
  static const char *const queries[] = {
    "SELECT seq, id, type, village, grid, sort_key, status, body, base_rev, base_body, dirty, "
    "  deleted, updated_at FROM documents WHERE type = 'household' ORDER BY seq",
    "SELECT * FROM households ORDER BY doc",
    "SELECT * FROM persons ORDER BY doc, position",
    "SELECT * FROM map_points ORDER BY doc",
    "SELECT * FROM search_rows ORDER BY rid",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s=%s|", sqlite3_column_name (stmt, c),
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Households written from their fields leave exactly the rows the object path leaves, new
 * or (falling back to the object) already held. */
static void
test_household_fields_path (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) docs = varied_households ();
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_household_fields_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *other_path = g_build_filename (f->dir, "fields.sqlite", NULL);
  g_autoptr(GdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_object = NULL;
  g_autofree char *by_fields = NULL;
  GdSyncApplyStats stats = { 0 };

  /* the same grid first, so the seqs line up */
  other = gd_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_init_scope (other, FIXTURE_VILLAGE, "新兴村", "tester", &error));
  {
    g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID, "第一网格");
    g_autofree char *id = gd_store_put (other, grid, "tester", NULL, &error);
    g_assert_no_error (error);
  }

  /* all six, then the first again as a new revision: already held, so the object path */
  {
    JsonObject *again = gd_json_copy_object (docs->pdata[0]);

    json_object_set_string_member (again, "_rev", "2-b");
    json_object_set_string_member (again, "number", "0101");
    g_ptr_array_add (docs, again);
  }
  for (guint i = 0; i < docs->len; i++)
    {
      GdSyncIncoming *one = g_new0 (GdSyncIncoming, 1);
      GdHouseholdFields *household = gd_household_fields_from_object (docs->pdata[i]);
      char *body = gd_json_to_string (docs->pdata[i], FALSE);

      g_ptr_array_add (keep, body);
      g_ptr_array_add (fields, household);
      one->body = body;
      one->household = household;
      one->search_rows = gd_store_sync_household_search_rows (household);
      g_ptr_array_add (rows, one->search_rows);
      g_ptr_array_add (incoming, one);
    }
  g_assert_true (gd_store_sync_apply (f->store, docs, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gd_store_sync_apply_prepared (other, incoming, NULL, &stats, &error));
  g_assert_no_error (error);
  /* the odd shapes are not valid households: both paths keep them out (sync quarantine);
   * the first, valid, and its new revision are written */
  g_assert_cmpuint (stats.applied, ==, 2);
  g_assert_cmpuint (stats.quarantined, ==, 5);

  by_object = dump_household_tables (f->path);
  by_fields = dump_household_tables (other_path);
  g_assert_nonnull (strstr (by_fields, "tags=,elderly_alone,empty_nest,|"));
  g_assert_nonnull (strstr (by_fields, "lat=32.3911|lon=120.0|"));
  g_assert_nonnull (strstr (by_fields, "sort_key=0101|"));
  {
    /* the first line that differs, not two pages of dump */
    g_auto(GStrv) mine = g_strsplit (by_fields, "\n", -1);
    g_auto(GStrv) theirs = g_strsplit (by_object, "\n", -1);

    for (guint i = 0; mine[i] != NULL || theirs[i] != NULL; i++)
      g_assert_cmpstr (mine[i], ==, theirs[i]);
  }
  /* the odd shapes are not valid households; the check finds the same either way */
  {
    g_autofree char *found_fields = check_report (other);
    g_autofree char *found_object = check_report (f->store);

    g_assert_cmpstr (found_fields, ==, found_object);
  }
}

/* Members taken out, renamed and added back by new revisions, in one batch with other
 * households and out of row order: only the current members are found, and the index
 * stays whole (gd_store_check runs FTS5's integrity check). */
static void
test_members_rewritten (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  JsonObject *doc;
  JsonArray *members;

  apply_group (f->store, 1, 6);
  g_assert_true (finds (f->store, "欧阳", "household:s004"));

  /* s005's only member goes and another comes (a household keeps one: a document without
   * is refused at the door); s002 gets a renamed one and a second one; s004 is deleted */
  doc = server_household (5);
  json_object_set_string_member (doc, "_rev", "2-b");
  members = json_array_new ();
  json_array_add_object_element (members, fixture_member ("m7", "上官婉儿", "02", "2", "19850312", 505));
  json_object_set_array_member (doc, "members", members);
  g_ptr_array_add (changed, doc);
  doc = server_household (2);
  json_object_set_string_member (doc, "_rev", "2-b");
  members = json_object_get_array_member (doc, "members");
  json_object_set_string_member (json_array_get_object_element (members, 0), "name", "司马相如");
  json_array_add_object_element (members, fixture_member ("m2", "诸葛亮", "10", "1", "19800101", 300));
  g_ptr_array_add (changed, doc);
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", "household:s004");
  json_object_set_string_member (doc, "_rev", "2-b");
  json_object_set_boolean_member (doc, "_deleted", TRUE);
  g_ptr_array_add (changed, doc);
  g_assert_true (gd_store_begin (f->store, &error));
  g_assert_true (gd_store_sync_apply (f->store, changed, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gd_store_commit (f->store, &error));

  g_assert_false (finds (f->store, "欧阳", "household:s005"));
  g_assert_true (finds (f->store, "0005", "household:s005"));
  g_assert_false (finds (f->store, "欧阳", "household:s002"));
  g_assert_true (finds (f->store, "司马", "household:s002"));
  g_assert_true (finds (f->store, "zgl", "household:s002"));
  g_assert_false (finds (f->store, "0004", "household:s004"));
  g_assert_true (finds (f->store, "欧阳", "household:s003"));
  assert_index_whole (f->store);
}

/* Which of the deferrable indexes the file holds, by name. */
static char *
index_names (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('documents_by_type', "
    "'documents_by_status', 'households_by_grid', 'persons_by_id_number', 'persons_by_grid', "
    "'map_points_by_lat') ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s ", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
in_transaction (GdStore *store, gboolean (*write) (GdStore *, GError **))
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_begin (store, &error));
  g_assert_true (write (store, &error));
  g_assert_no_error (error);
  g_assert_true (gd_store_commit (store, &error));
}

/* A first sync's indexes put off: the store answers the same without them, the definitions
 * survive a restart, a second deferral changes nothing, and restoring builds them again. */
static void
test_deferred_indexes (StoreFixture *f, gconstpointer data)
{
  g_autofree char *before = index_names (f->path);
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (before, ==, "documents_by_status documents_by_type households_by_grid "
                               "map_points_by_lat persons_by_grid persons_by_id_number ");
  in_transaction (f->store, gd_store_defer_indexes);
  during = index_names (f->path);
  /* the one a pulled household's duplicate-ID check looks members up by stays */
  g_assert_cmpstr (during, ==, "persons_by_id_number ");
  g_assert_true (gd_store_indexes_deferred (f->store));

  apply_group (f->store, 1, 30);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 30);
  g_assert_true (finds (f->store, "0017", "household:s017"));
  {
    g_autoptr(GdIssues) issues = gd_issues_new ();
    g_autofree char *warnings = NULL;

    g_assert_true (gd_store_check (f->store, issues, &error));
    warnings = gd_issues_to_string (issues, GD_ISSUE_WARNING);
    g_assert_nonnull (strstr (warnings, "some indexes wait for a first sync"));
  }

  /* a restart, and a first sync taken up again */
  g_clear_pointer (&f->store, gd_store_free);
  f->store = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_indexes_deferred (f->store));
  in_transaction (f->store, gd_store_defer_indexes);
  apply_group (f->store, 31, 10);

  in_transaction (f->store, gd_store_restore_indexes);
  after = index_names (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (gd_store_indexes_deferred (f->store));
  g_assert_true (finds (f->store, "0037", "household:s037"));
  assert_clean (f->store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-sync/opaque-checkpoint", StoreFixture, NULL, store_fixture_setup,
              test_opaque_checkpoint, store_fixture_teardown);
  g_test_add ("/store-sync/batch-atomic", StoreFixture, NULL, store_fixture_setup,
              test_batch_atomic, store_fixture_teardown);
  g_test_add ("/store-sync/idempotent-and-dirty", StoreFixture, NULL, store_fixture_setup,
              test_idempotent_and_dirty, store_fixture_teardown);
  g_test_add ("/store-sync/cannot-hold", StoreFixture, NULL, store_fixture_setup,
              test_cannot_hold, store_fixture_teardown);
  g_test_add ("/store-sync/group-keys-crash", StoreFixture, NULL, store_fixture_setup,
              test_group_keys_crash, store_fixture_teardown);
  g_test_add ("/store-sync/household-fields-path", StoreFixture, NULL, store_fixture_setup,
              test_household_fields_path, store_fixture_teardown);
  g_test_add ("/store-sync/members-rewritten", StoreFixture, NULL, store_fixture_setup,
              test_members_rewritten, store_fixture_teardown);
  g_test_add ("/store-sync/deferred-indexes", StoreFixture, NULL, store_fixture_setup,
              test_deferred_indexes, store_fixture_teardown);
  g_test_add ("/store-sync/group-keys-rewritten", StoreFixture, NULL, store_fixture_setup,
              test_group_keys_rewritten, store_fixture_teardown);
  return g_test_run ();
}
