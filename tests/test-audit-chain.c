/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log's SHA-256 chain: a clean log checks clean; an entry edited, deleted (in the
 * middle or at the end) or swapped with another through the sqlite3 shell, as an intruder
 * would, is found by gd_store_check(), which names the entry. */
#include "config.h"

#include "gd-accounts.h"
#include "gd-audit.h"
#include "gd-error.h"
#include "gd-scope.h"
#include "gd-store-private.h"
#include "gd-test-fixtures.h"

/* Five entries after the fixture's two (the village and the grid): ids 1..7. */
static void
fill_log (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("H%04u", 100 + i);
      g_autoptr(JsonObject) doc = fixture_household (number, 100 + i);
      g_autofree char *id = gd_store_put (f->store, doc, "tester", NULL, &error);
      g_assert_no_error (error);
    }
  gd_store_audit (f->store, "tester", "reveal", NULL, "a detail", &error);
  g_assert_no_error (error);
  gd_store_audit (f->store, "tester", "export", NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
run_sqlite3 (const char *path,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", path, sql, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* The audit findings of gd_store_check() after the store was closed, tampered with through
 * the sqlite3 shell (unless `sql` is NULL) and opened again, joined by newlines. */
static char *
tamper_and_check (StoreFixture *f,
                  const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GString) found = g_string_new (NULL);

  g_clear_pointer (&f->store, gd_store_free);
  if (sql != NULL)
    run_sqlite3 (f->path, sql);
  f->store = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_check (f->store, issues, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      if (g_str_equal (issue->path, "audit"))
        g_string_append_printf (found, "%s\n", issue->message);
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

static void
test_clean (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  fill_log (f);
  entries = gd_store_get_audit (f->store, NULL, 0, NULL);
  g_assert_cmpuint (entries->len, ==, 7);
  found = tamper_and_check (f, NULL);
  g_assert_cmpstr (found, ==, "");
}

static void
test_edited (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "UPDATE audit_log SET detail = 'nothing to see' WHERE id = 6;");
  g_assert_cmpstr (found, ==, "entry 6 has been edited: its content no longer matches its hash\n");
}

/* Rewriting the entry's own hash does not help: the next entry still points at the old one. */
static void
test_edited_rehashed (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "UPDATE audit_log SET actor = 'nobody', hash = 'f00' WHERE id = 4;");
  g_assert_nonnull (strstr (found, "entry 4 has been edited"));
  g_assert_nonnull (strstr (found, "entry 5 does not follow entry 4"));
}

static void
test_deleted (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "DELETE FROM audit_log WHERE id = 4;");
  g_assert_cmpstr (found, ==, "entry 5: the entries before it, after entry 3, have been deleted\n");
}

static void
test_deleted_last (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "DELETE FROM audit_log WHERE id >= 6;");
  g_assert_cmpstr (found, ==, "entry 6: the last entries of the log, from this one, have been deleted\n");
}

static void
test_swapped (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "UPDATE audit_log SET id = -1 WHERE id = 3;"
                               "UPDATE audit_log SET id = 3 WHERE id = 4;"
                               "UPDATE audit_log SET id = 4 WHERE id = -1;");
  g_assert_cmpstr (found, ==, "entry 3 does not follow entry 2: entries have been moved or swapped\n"
                              "entry 4 does not follow entry 3: entries have been moved or swapped\n"
                              "entry 5 does not follow entry 4: entries have been moved or swapped\n");
}

/* An entry slipped in without a hash */
static void
test_inserted (StoreFixture *f, gconstpointer data)
{
  g_autofree char *found = NULL;

  fill_log (f);
  found = tamper_and_check (f, "INSERT INTO audit_log (id, at, actor, action) "
                               "VALUES (8, '2026-01-01T00:00:00Z', 'x', 'reveal');");
  g_assert_nonnull (strstr (found, "entry 8 is not chained"));
}

static guint
found (GdStore             *store,
       const GdAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = gd_store_find_audit (store, filter, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* The viewer's export: CSV, 0600, quoted where it must be, and itself on the record. */
static void
test_export (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "audit.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) last = NULL;
  const GdAuditEntry *entry;
  guint written = 0;
  GStatBuf st;

  fill_log (f);
  gd_store_audit (f->store, "tester", "print", "dispute:1", "表格, \"调解协议书\"\n第二行", &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_export_audit (f->store, &(GdAuditFilter) { .actor = "tester" }, "tester",
                                        path, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 8);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbfid,at,actor,action,record,detail,hash_before,hash_after\r\n"));
  g_assert_nonnull (strstr (csv, ",tester,print,dispute:1,\"表格, \"\"调解协议书\"\"\n第二行\",,\r\n"));
  g_assert_nonnull (strstr (csv, ",tester,reveal,,a detail,,\r\n"));

  last = gd_store_get_audit (f->store, NULL, 1, NULL);
  entry = last->pdata[0];
  g_assert_cmpstr (entry->action, ==, GD_AUDIT_EXPORT);
  g_assert_nonnull (strstr (entry->detail, "8 entries"));

  /* refused: no file */
  g_unlink (path);
  gd_store_set_local_user (f->store, "local:someone", FALSE);
  g_assert_false (gd_store_export_audit (f->store, &(GdAuditFilter) { 0 }, "x", path, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Two connections to one file (the app and griddesk-ctl) appending in turn keep one chain. */
static void
test_two_writers (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) other = gd_store_open (f->path, &error);
  g_autofree char *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *detail = g_strdup_printf ("turn %u", i);

      g_assert_true (gd_store_audit (i % 2 ? other : f->store, "tester", "reveal", NULL, detail,
                                     &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&other, gd_store_free);
  found = tamper_and_check (f, NULL);
  g_assert_cmpstr (found, ==, "");
}

/* The viewer's filters: operator, action (or a family of them), record, dates; and only an
 * administrator reads the log. */
static void
test_find (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GdAccountSpec admin_spec = { .name = "admin", .roles = GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR) };
  const char *grids[] = { FIXTURE_GRID, NULL };
  GdAccountSpec worker_spec = { .name = "wang", .roles = GD_ROLE_BIT (GD_ROLE_GRID_WORKER),
                                .grids = grids };
  g_autoptr(GdAccount) admin = NULL;
  g_autoptr(GdAccount) worker = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (china);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const GdAuditEntry *entry;

  fill_log (f);
  admin = gd_accounts_add (f->store, &admin_spec, "admin password", &error);
  g_assert_no_error (error);
  gd_store_set_account (f->store, admin);
  worker = gd_accounts_add (f->store, &worker_spec, "worker password", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { 0 }), ==, 9);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .actor = "tester" }), ==, 7);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .action = GD_AUDIT_CREATE }), ==, 5);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .action = GD_AUDIT_ACCOUNT }), ==, 2);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .doc_id = "account:wang" }), ==, 1);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .from = today, .to = today }), ==, 9);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .from = "2020-01-01", .to = "2020-12-31" }), ==, 0);
  g_assert_cmpuint (found (f->store, &(GdAuditFilter) { .actor = "tester", .action = GD_AUDIT_REVEAL }), ==, 1);

  newest = gd_store_find_audit (f->store, &(GdAuditFilter) { .limit = 2, .offset = 1 }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  entry = newest->pdata[0];
  g_assert_cmpstr (entry->action, ==, "account-add");
  g_assert_cmpstr (entry->doc_id, ==, "account:admin");
  entry = newest->pdata[1];
  g_assert_cmpstr (entry->action, ==, GD_AUDIT_EXPORT);

  refused = gd_store_find_audit (f->store, &(GdAuditFilter) { .from = "2026-13-01" }, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);

  gd_store_set_account (f->store, worker);
  refused = gd_store_find_audit (f->store, &(GdAuditFilter) { 0 }, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_null (refused);
  g_clear_error (&error);
  gd_store_set_local_user (f->store, "local:someone", FALSE);
  refused = gd_store_find_audit (f->store, &(GdAuditFilter) { 0 }, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
}

int
main (int argc, char *argv[])
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");

  g_test_init (&argc, &argv, NULL);
  if (shell == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return g_test_run ();
    }
#define ADD(path, func) \
  g_test_add ("/audit-chain/" path, StoreFixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)
  ADD ("clean", test_clean);
  ADD ("edited", test_edited);
  ADD ("edited-rehashed", test_edited_rehashed);
  ADD ("deleted", test_deleted);
  ADD ("deleted-last", test_deleted_last);
  ADD ("swapped", test_swapped);
  ADD ("inserted", test_inserted);
  ADD ("find", test_find);
  ADD ("two-writers", test_two_writers);
  ADD ("export", test_export);
  return g_test_run ();
}
