/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report query columns (schema step "report query columns"): an incident's address,
 * assignee unit, satisfaction and household links, a person's report checks and the patrols'
 * visits follow an edit and a sync write, a migrated store gets them, and gd_store_check()
 * notices when they disagree with the documents. */
#define G_LOG_DOMAIN "gd-test-report-columns"
#include "config.h"

#include <sqlite3.h>

#include "gd-report.h"
#include "gd-store-private.h"
#include "gd-store-sync.h"
#include "test-report-fixture.h"

/* One text column of one row, "NULL" for SQL NULL. */
static char *
column (GdStore *store, const char *sql, const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (gd_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                      ? "NULL" : (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_incident (GdStore *store, const char *id, const char *address, const char *unit,
                 const char *satisfaction, const char *households)
{
  g_autofree char *a = column (store, "SELECT address FROM incidents WHERE doc_id = ?", id);
  g_autofree char *u = column (store, "SELECT unit FROM incidents WHERE doc_id = ?", id);
  g_autofree char *s = column (store, "SELECT satisfaction FROM incidents WHERE doc_id = ?", id);
  g_autofree char *h = column (store, "SELECT households FROM incidents WHERE doc_id = ?", id);

  g_assert_cmpstr (a, ==, address);
  g_assert_cmpstr (u, ==, unit);
  g_assert_cmpstr (s, ==, satisfaction);
  g_assert_cmpstr (h, ==, households);
}

/* the checks of a household's member at `position` */
static gint64
person_checks (GdStore *store, const char *household, int position)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT p.checks FROM persons p JOIN documents d ON d.seq = p.doc "
    "WHERE d.id = ? AND p.position = %d", position);
  g_autofree char *text = column (store, sql, household);

  return g_ascii_strtoll (text, NULL, 10);
}

static guint
check_errors (GdStore *store)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  return gd_issues_count (issues, GD_ISSUE_ERROR);
}

static void
setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_setup (f, data);
  report_fixture_fill (f->store);
}

#define H1_LINKS "[\"" H1_ID "\"]"

/* An edit through gd_store_put() rewrites the columns with the document. */
static void
test_edit (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) household = NULL;
  g_autofree char *id = NULL;
  JsonArray *tags = json_array_new ();

  assert_incident (f->store, I_ID (2), ADDRESS, "新兴村村委会", "dissatisfied", H1_LINKS);
  assert_incident (f->store, I_ID (5), ADDRESS, "NULL", "NULL", "NULL");

  doc = gd_store_get (f->store, I_ID (2), &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (doc, "location"), "address",
                                 "  新兴村五组7号 ");
  json_object_set_string_member (json_object_get_object_member (doc, "assignee"), "unit",
                                 "城管中队");
  json_object_set_string_member (json_object_get_object_member (doc, "feedback"),
                                 "satisfaction", "basically");
  json_array_remove_element (json_object_get_array_member (
    json_object_get_object_member (doc, "links"), "households"), 0);
  id = gd_store_put (f->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  assert_incident (f->store, I_ID (2), "新兴村五组7号", "城管中队", "basically", "NULL");

  /* H1's head: elderly_alone (care); the tag taken away, the ID number too */
  g_assert_cmpint (person_checks (f->store, H1_ID, 0), ==, GD_PERSON_CHECK_CARE);
  household = gd_store_get (f->store, H1_ID, &error);
  g_assert_no_error (error);
  json_array_add_string_element (tags, "veteran");
  json_object_set_array_member (json_array_get_object_element (
    json_object_get_array_member (household, "members"), 0), "tags", tags);
  g_clear_pointer (&id, g_free);
  id = gd_store_put (f->store, household, "tester", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (person_checks (f->store, H1_ID, 0), ==, 0);
  /* H2's spouse: birth date against the ID number */
  g_assert_cmpint (person_checks (f->store, H2_ID, 1), ==, GD_PERSON_CHECK_BIRTH);
  g_assert_cmpuint (check_errors (f->store), ==, 0);
}

/* A document from the server (gd_store_sync_apply, first arrival and an update) fills them
 * in the same write. */
static void
test_sync_write (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  JsonObject *doc = gd_store_get (f->store, I_ID (3), &error);
  JsonObject *update;
  GdSyncApplyStats stats = { 0 };

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", I_ID (9) "0");
  json_object_set_string_member (doc, "_rev", "1-a");
  json_object_set_string_member (json_object_get_object_member (doc, "assignee"), "unit",
                                 " 派出所 ");
  g_ptr_array_add (docs, doc);
  g_assert_true (gd_store_sync_apply (f->store, docs, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.applied, ==, 1);
  assert_incident (f->store, I_ID (9) "0", ADDRESS, "派出所", "NULL", H1_LINKS);

  update = gd_store_get (f->store, I_ID (9) "0", &error);
  g_assert_no_error (error);
  json_object_set_string_member (update, "_rev", "2-b");
  json_object_set_string_member (json_object_get_object_member (update, "location"), "address",
                                 "新兴村一组1号");
  g_ptr_array_add (newer, update);
  memset (&stats, 0, sizeof stats);
  g_assert_true (gd_store_sync_apply (f->store, newer, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.applied, ==, 1);
  assert_incident (f->store, I_ID (9) "0", "新兴村一组1号", "派出所", "NULL", H1_LINKS);
  g_assert_cmpuint (check_errors (f->store), ==, 0);
}

/* A file of schema 9 (taken back by hand) gets the columns filled from its documents. */
static void
test_migrated (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_exec (f->store,
    FIXTURE_UNDO_REPORT_COLUMNS "PRAGMA user_version = 9;", &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, gd_store_free);

  f->store = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_incident (f->store, I_ID (1), "新兴村四组3号", "新兴村村委会", "satisfied", H1_LINKS);
  assert_incident (f->store, I_ID (3), ADDRESS, "城管中队", "NULL", H1_LINKS);
  assert_incident (f->store, I_ID (5), ADDRESS, "NULL", "NULL", "NULL");
  g_assert_cmpint (person_checks (f->store, H1_ID, 0), ==, GD_PERSON_CHECK_CARE);
  g_assert_cmpint (person_checks (f->store, H2_ID, 0), ==, GD_PERSON_CHECK_CARE);
  g_assert_cmpint (person_checks (f->store, H2_ID, 1), ==, GD_PERSON_CHECK_BIRTH);
  {
    g_autofree char *parties = column (f->store,
      "SELECT json_array_length (parties) FROM disputes WHERE doc_id = ?", D_ID (1));
    g_assert_cmpstr (parties, ==, "3"); /* the fixture dispute's three parties */
  }
  /* the patrol of 19 November visited H1 */
  {
    g_autofree char *visits = column (f->store,
      "SELECT group_concat (household) FROM patrol_visits WHERE ? IS NOT NULL", "x");
    g_assert_cmpstr (visits, ==, H1_ID);
  }
  g_assert_cmpuint (check_errors (f->store), ==, 0);
}

/* A column that drifted from its document is an error of gd_store_check(). */
static void
test_check_notices (StoreFixture *f, gconstpointer data)
{
  g_assert_cmpuint (check_errors (f->store), ==, 0);
  g_assert_true (gd_store_exec (f->store, "UPDATE incidents SET unit = 'x' WHERE unit IS NULL",
                                NULL));
  g_assert_cmpuint (check_errors (f->store), ==, 1);
  g_assert_true (gd_store_exec (f->store,
    "UPDATE incidents SET unit = trim (json_extract ((SELECT body FROM documents "
    "  WHERE seq = incidents.doc), '$.assignee.unit'));"
    "UPDATE persons SET checks = 0", NULL));
  g_assert_cmpuint (check_errors (f->store), ==, 1);
  g_assert_true (gd_store_exec (f->store,
    "UPDATE persons SET checks = " GD_PERSON_CHECKS ("id_number", "birth_date", "tags") ";"
    "DELETE FROM patrol_visits", NULL));
  g_assert_cmpuint (check_errors (f->store), ==, 1);
}

/* The report reads what the columns and indexes say: a household untouched for a year, a
 * person without an ID number but with a birth date (none in the shared fixture). */
static void
test_report_reads_them (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(JsonObject) h3 = fixture_household ("H0003", 3);
  JsonObject *spouse = json_array_get_object_element (json_object_get_array_member (h3, "members"), 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdReport) report = NULL;
  g_autoptr(GPtrArray) untouched = NULL;
  const GdReportItem *item;
  GDate day;

  json_object_set_string_member (h3, "_id", H1_ID "3");
  json_object_remove_member (spouse, "id_number");
  json_object_set_string_member (spouse, "id_type", "none");
  /* a birth date without an ID number still counts (the check's birth term was NULL for it) */
  report_fixture_put (f->store, h3);
  g_assert_true (gd_store_exec (f->store,
    "UPDATE documents SET updated_at = '2025-06-01T00:00:00Z' WHERE id = '" H2_ID "'", NULL));

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 20, 11, 2026);
  report = gd_report_build (f->store, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, &day, now, &error);
  g_assert_no_error (error);
  untouched = gd_report_items_of (report, GD_REPORT_UNTOUCHED);
  g_assert_cmpuint (untouched->len, ==, 1);
  item = untouched->pdata[0];
  g_assert_cmpstr (item->key, ==, GRID_A);
  g_assert_cmpstr (item->ids[0], ==, H2_ID);
  g_assert_null (item->ids[1]);
  item = gd_report_find_item (report, GD_REPORT_NO_ID_NUMBER, GRID_A);
  g_assert_nonnull (item);
  g_assert_cmpint (item->count, ==, 1);
  g_assert_cmpstr (item->ids[0], ==, H1_ID "3");
}

/* A first sync cut off leaves some indexes put off (gd-store-bulk.c): the report, which names
 * its own indexes, still runs. */
static void
test_report_with_deferred_indexes (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdReport) report = NULL;
  GDate day;

  g_assert_true (gd_store_begin (f->store, &error));
  g_assert_true (gd_store_defer_indexes (f->store, &error));
  g_assert_true (gd_store_commit (f->store, &error));
  g_assert_true (gd_store_indexes_deferred (f->store));
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 20, 11, 2026);
  report = gd_report_build (f->store, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, &day, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gd_report_find_item (report, GD_REPORT_REPEATED_ADDRESS, ADDRESS));
}

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/report-columns/edit", test_edit);
  ADD ("/report-columns/sync-write", test_sync_write);
  ADD ("/report-columns/migrated", test_migrated);
  ADD ("/report-columns/check-notices", test_check_notices);
  ADD ("/report-columns/report-reads-them", test_report_reads_them);
  ADD ("/report-columns/deferred-indexes", test_report_with_deferred_indexes);
  return g_test_run ();
}
