/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety of sync: `griddesk-ctl sync` is killed with SIGKILL at random moments of a
 * first pull, an incremental pull and a push against the real pouchdb-server. After every
 * kill the file must check clean, and the next sync must end with the workstation equal to
 * the server: the same documents with the same bodies, nothing left to push. And a push
 * whose reply is lost after the server wrote it changes nothing of that. */
#define G_LOG_DOMAIN "gd-test-crash-sync"
#include "config.h"

#include <signal.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-store-sync.h"
#include "gd-sync.h"
#include "gd-test-couch.h"
#include "gd-test-fixtures.h"

#define DATABASE "griddesk-" FIXTURE_VILLAGE
#define HOUSEHOLDS 1500
#define EDITS 300
#define TRIALS_PER_PHASE 20

typedef struct {
  TestCouch *couch;
  char      *dir;
  char      *a_path;  /* the workstation that makes the village and edits it */
  char      *b_path;  /* the one killed mid-sync */
  guint      killed;  /* kills that landed before the sync ended */
} Fixture;

static GdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdStore *store = gd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static GSubprocess *
spawn_sync_to (const char *server, const char *db)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "GD_TEST_PASSWORD", "secret", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GRIDDESK_CTL"), "--db", db,
                                         "sync", "--server", server, "--database", DATABASE,
                                         "--user", "alice", "--password-env", "GD_TEST_PASSWORD",
                                         NULL);
  g_assert_no_error (error);
  return process;
}

static GSubprocess *
spawn_sync (Fixture *f, const char *db)
{
  return spawn_sync_to (f->couch->url, db);
}

/* A whole sync of `db`, which must succeed; returns how long it took in microseconds. */
static gint64
sync_whole (Fixture *f, const char *db)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, db);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("sync of %s failed: %s", db, err);
  return g_get_monotonic_time () - start;
}

/* Starts a sync of `db` and kills it after a random part of `span` (a whole sync's time). */
static void
sync_killed (Fixture *f, const char *db, gint64 span)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, db);
  gint64 delay = g_test_rand_int_range (5000, (gint32) MAX (span, 10000));

  g_usleep (delay);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  if (g_subprocess_get_if_signaled (process))
    f->killed++;
}

static void
assert_checks_clean (const char *db, const char *when)
{
  g_autoptr(GdStore) store = open_store (db);
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;

  g_assert_true (gd_store_check (store, issues, &error));
  g_assert_no_error (error);
  problems = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  if (*problems != '\0')
    g_error ("%s: check found %s", when, problems);
}

/* The workstation holds exactly the server's documents, each with the server's body, and
 * has nothing left to push. */
static void
assert_equal_to_server (Fixture *f, const char *db)
{
  g_autoptr(JsonNode) all = test_couch_json (f->couch, "GET",
                                             "/" DATABASE "/_all_docs?include_docs=true", NULL);
  JsonArray *rows = json_object_get_array_member (json_node_get_object (all), "rows");
  g_autoptr(GdStore) store = open_store (db);

  g_assert_cmpint (gd_store_sync_pending_count (store), ==, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_UNKNOWN, NULL), ==, json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *server = json_object_get_object_member (json_array_get_object_element (rows, i), "doc");
      const char *id = json_object_get_string_member (server, "_id");
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) local = gd_store_get (store, id, &error);
      g_autoptr(GList) names = json_object_get_members (server);

      g_assert_no_error (error);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *mine = json_object_get_member (local, l->data);
          if (((const char *) l->data)[0] == '_')
            continue;
          if (mine == NULL || !json_node_equal (json_object_get_member (server, l->data), mine))
            g_error ("%s: field %s differs from the server's", id, (const char *) l->data);
        }
    }
}

/* Changes the address of EDITS households of `db`, numbered from `round`. */
static void
edit_households (const char *db, guint round)
{
  g_autoptr(GdStore) store = open_store (db);
  GdListQuery query = { .type = GD_DOC_HOUSEHOLD };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = gd_store_list (store, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >=, HOUSEHOLDS);
  g_assert_true (gd_store_begin (store, &error));
  for (guint i = 0; i < EDITS; i++)
    {
      JsonObject *doc = docs->pdata[(round * EDITS + i) % docs->len];
      g_autofree char *address = g_strdup_printf ("新兴村四组%u-%u号", round, i);
      g_autofree char *put = NULL;

      json_object_set_string_member (doc, "address", address);
      put = gd_store_put (store, doc, "tester", NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (gd_store_commit (store, &error));
}

/* Household `n`: one member whose ID number is unique through birth date and sequence. */
static JsonObject *
household (guint n)
{
  JsonObject *doc = json_object_new ();
  JsonArray *members = json_array_new ();
  g_autofree char *number = g_strdup_printf ("%04u", n + 1);
  GDate date;
  char birth[9];

  g_date_set_dmy (&date, 1, 1, 1950);
  g_date_add_days (&date, n / 400);
  g_date_strftime (birth, sizeof birth, "%Y%m%d", &date);
  json_array_add_object_element (members, fixture_member ("m1", "同步测试", "02", "1", birth,
                                                          (n % 400) * 2 + 1));
  json_object_set_string_member (doc, "type", "household");
  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "address", "新兴村一组1号");
  json_object_set_string_member (doc, "housing", "owned");
  json_object_set_array_member (doc, "members", members);
  return doc;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID, "第一网格");
  g_autoptr(GdStore) a = NULL;
  g_autofree char *id = NULL;

  f->couch = test_couch_start (FALSE);
  created = test_couch_json (f->couch, "PUT", "/" DATABASE, NULL);
  test_couch_user (f->couch, "alice", "secret", "[\"village-" FIXTURE_VILLAGE "\"]");
  f->dir = g_dir_make_tmp ("gd-crash-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->a_path = g_build_filename (f->dir, "a.sqlite", NULL);
  f->b_path = g_build_filename (f->dir, "b.sqlite", NULL);

  a = open_store (f->a_path);
  g_assert_true (gd_store_init_scope (a, FIXTURE_VILLAGE, "新兴村", "tester", &error));
  id = gd_store_put (a, grid, "tester", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_begin (a, &error));
  for (guint i = 0; i < HOUSEHOLDS; i++)
    {
      g_autoptr(JsonObject) h = household (i);
      g_autofree char *hid = gd_store_put (a, h, "tester", NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (gd_store_commit (a, &error));
  g_clear_pointer (&a, gd_store_free);
  sync_whole (f, f->a_path);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  test_couch_stop (f->couch);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->a_path);
  g_free (f->b_path);
}

static void
remove_store (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
test_kills (Fixture *f, gconstpointer data)
{
  gint64 span;
  guint trials = 0;

  /* first pulls: a fresh file every fourth trial, else the interrupted one resumed */
  span = sync_whole (f, f->b_path);
  for (guint t = 0; t < TRIALS_PER_PHASE; t++, trials++)
    {
      remove_store (f->b_path);
      sync_killed (f, f->b_path, span);
      if (t % 4 != 0)
        sync_killed (f, f->b_path, span);
      assert_checks_clean (f->b_path, "after a kill in a first pull");
      sync_whole (f, f->b_path);
      assert_checks_clean (f->b_path, "after the first pull that followed");
      assert_equal_to_server (f, f->b_path);
    }

  /* incremental pulls: A changes 300 households, B's sync of them is killed */
  for (guint t = 0; t < TRIALS_PER_PHASE; t++, trials++)
    {
      edit_households (f->a_path, t);
      sync_whole (f, f->a_path);
      span = t == 0 ? sync_whole (f, f->b_path) : span;
      if (t == 0)
        continue;
      sync_killed (f, f->b_path, span);
      assert_checks_clean (f->b_path, "after a kill in an incremental pull");
      sync_whole (f, f->b_path);
      assert_equal_to_server (f, f->b_path);
    }

  /* pushes: B changes 300 households, its sync pushing them is killed */
  for (guint t = 0; t < TRIALS_PER_PHASE; t++, trials++)
    {
      edit_households (f->b_path, 100 + t);
      if (t == 0)
        {
          span = sync_whole (f, f->b_path);
          continue;
        }
      sync_killed (f, f->b_path, span);
      assert_checks_clean (f->b_path, "after a kill in a push");
      sync_whole (f, f->b_path);
      assert_equal_to_server (f, f->b_path);
    }
  sync_whole (f, f->a_path);
  assert_equal_to_server (f, f->a_path);

  g_test_message ("%u trials, %u kills before the sync ended; every file checked clean and "
                  "ended equal to the server", trials, f->killed);
  /* the random moments must mostly land inside a sync, or this tests nothing */
  g_assert_cmpuint (f->killed, >=, trials / 2);
}

/* The server writes a pushed batch but its reply never arrives (tests/sync/lose-reply-proxy.py
 * drops the connection after the write): the workstation must end equal to the server, with
 * no duplicate, no false conflict and nothing left to push. */
static void
test_lost_reply (Fixture *f, gconstpointer data)
{
  g_autofree char *proxy_script = g_test_build_filename (G_TEST_DIST, "sync", "lose-reply-proxy.py", NULL);
  g_autoptr(GSubprocess) proxy = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *port = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  guint attempts = 0;

  sync_whole (f, f->b_path);
  {
    g_autoptr(GdStore) b = open_store (f->b_path);
    g_assert_true (gd_store_begin (b, &error));
    for (guint i = HOUSEHOLDS; i < HOUSEHOLDS + 100; i++)
      {
        g_autoptr(JsonObject) h = household (i);
        g_autofree char *id = gd_store_put (b, h, "tester", NULL, &error);
        g_assert_no_error (error);
      }
    g_assert_true (gd_store_commit (b, &error));
  }
  edit_households (f->b_path, 7);

  proxy = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error, "python3", proxy_script,
                            f->couch->url, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proxy));
  port = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);
  proxy_url = g_strdup_printf ("http://127.0.0.1:%s", port);

  /* the first push loses its reply; a second sync at most must finish the job */
  while (status != 0 && attempts < 2)
    {
      g_autoptr(GSubprocess) sync = spawn_sync_to (proxy_url, f->b_path);
      g_autofree char *err = NULL;

      g_subprocess_communicate_utf8 (sync, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      status = g_subprocess_get_exit_status (sync);
      attempts++;
      g_test_message ("sync %u through the proxy: exit %d %s", attempts, status, err ? err : "");
    }
  g_subprocess_force_exit (proxy);
  {
    g_autofree char *said = NULL;
    g_subprocess_communicate_utf8 (proxy, NULL, NULL, NULL, &said, NULL);
    /* the reply really was lost, or this tests nothing */
    g_assert_nonnull (strstr (said, "dropped the reply to /" DATABASE "/_bulk_docs"));
  }
  g_assert_cmpint (status, ==, 0);

  assert_checks_clean (f->b_path, "after the lost reply");
  assert_equal_to_server (f, f->b_path);
  {
    g_autoptr(GdStore) b = open_store (f->b_path);
    g_autoptr(GPtrArray) conflicts = gd_store_sync_conflicts (b, NULL, NULL);
    g_assert_cmpuint (conflicts->len, ==, 0);
    g_assert_cmpint (gd_store_count (b, GD_DOC_HOUSEHOLD, NULL), ==, HOUSEHOLDS + 100);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/crash-sync/sigkill-first-pull-incremental-push", Fixture, NULL, setup,
              test_kills, teardown);
  g_test_add ("/crash-sync/push-reply-lost", Fixture, NULL, setup, test_lost_reply, teardown);
  return g_test_run ();
}
