/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A store made by the version before accounts (schema 6, commit d07d067: a village, two
 * grids, households, an incident, a reveal and a delete in its audit log; kept as the
 * sqlite3 shell's .dump in fixtures/store-schema6.sql) opens, migrates to accounts and the
 * audit chain, chains its old entries in order, and checks clean; an entry edited after
 * the upgrade is found. */
#include "config.h"

#include "gd-accounts.h"
#include "gd-error.h"
#include "gd-search.h"
#include "gd-store-private.h"
#include "gd-test-fixtures.h"

typedef struct {
  char *dir;
  char *path;
} Upgrade;

static void
upgrade_setup (Upgrade *u, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "store-schema6.sql", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_no_error (error);
  u->dir = g_dir_make_tmp ("gd-test-XXXXXX", &error);
  g_assert_no_error (error);
  u->path = g_build_filename (u->dir, "old.sqlite", NULL);
  g_assert_cmpint (sqlite3_open (u->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("loading %s: %s", fixture, message);
  sqlite3_close (db);
}

static void
upgrade_teardown (Upgrade *u, gconstpointer data)
{
  remove_tree (u->dir);
  g_free (u->dir);
  g_free (u->path);
}

static int
old_version_and_entries (const char *path,
                         int        *entries)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    *entries = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static void
assert_no_issues (GdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    g_test_message ("%s: %s", gd_issues_get_item (issues, i)->path,
                    gd_issues_get_item (issues, i)->message);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
}

static void
test_upgrade (Upgrade *u, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GdStmt) stmt = NULL;
  int old_entries = 0;
  const GdAuditEntry *second;
  char *sql;

  g_assert_cmpint (old_version_and_entries (u->path, &old_entries), ==, 6);
  g_assert_cmpint (old_entries, >=, 5);

  store = gd_store_open (u->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_get_schema_version (store), ==, gd_store_schema_latest ());
  g_assert_false (gd_accounts_exist (store));
  entries = gd_store_get_audit (store, NULL, 0, &error);
  g_assert_cmpuint (entries->len, ==, (guint) old_entries);

  /* every old entry is chained, each to the one before */
  stmt = gd_store_prepare (store,
    "SELECT count(*) FROM audit_log a WHERE hash IS NULL OR prev_hash IS NOT "
    "  (SELECT hash FROM audit_log b WHERE b.id < a.id ORDER BY b.id DESC LIMIT 1)", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_clear_pointer (&stmt, gd_stmt_release);
  assert_no_issues (store);

  /* the old data is all there */
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 2);
  hits = gd_store_search (store, "欧阳玲巧", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);

  /* new entries follow on; a reopen migrates nothing more */
  g_assert_true (gd_store_audit (store, "tester", "reveal", NULL, "after the upgrade", &error));
  g_clear_pointer (&store, gd_store_free);
  store = gd_store_open (u->path, &error);
  g_assert_no_error (error);
  assert_no_issues (store);

  /* an old entry edited after the upgrade is found, by number */
  second = g_ptr_array_index (entries, entries->len - 2);
  g_clear_pointer (&store, gd_store_free);
  sql = g_strdup_printf ("UPDATE audit_log SET actor = 'someone' WHERE id = %" G_GINT64_FORMAT,
                         second->id);
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (u->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_free (sql);
  store = gd_store_open (u->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("entry %" G_GINT64_FORMAT " has been edited",
                                                 second->id);
    g_assert_nonnull (strstr (gd_issues_get_item (issues, 0)->message, expected));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-upgrade/schema-6", Upgrade, NULL, upgrade_setup, test_upgrade,
              upgrade_teardown);
  return g_test_run ();
}
