/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sync against a real CouchDB-protocol server (pouchdb-server), two workstations. */
#include "config.h"

#include <string.h>

#include "gd-county.h"
#include "gd-error.h"
#include "gd-json.h"
#include "gd-merge.h"
#include "gd-search.h"
#include "gd-store-attachments.h"
#include "gd-store-sync.h"
#include "gd-sync.h"
#include "gd-test-couch.h"
#include "gd-test-fixtures.h"

#define DATABASE "griddesk-" FIXTURE_VILLAGE
#define ROLE "[\"village-" FIXTURE_VILLAGE "\"]"

typedef struct {
  TestCouch *couch;
  char      *dir;
  GdStore   *a;   /* the workstation that set the village up */
  GdStore   *b;   /* a second one, set up by its first sync */
} Fixture;

static GdStore *
open_store (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GdStore *store = gd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
prepare (Fixture *f, gboolean persistent)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID, "第一网格");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  f->couch = test_couch_start (persistent);
  created = test_couch_json (f->couch, "PUT", "/" DATABASE, NULL);
  test_couch_user (f->couch, "alice", "secret", ROLE);
  f->dir = g_dir_make_tmp ("gd-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->a = open_store (f, "a.sqlite");
  f->b = open_store (f, "b.sqlite");
  gd_store_init_scope (f->a, FIXTURE_VILLAGE, "新兴村", "tester", &error);
  g_assert_no_error (error);
  id = gd_store_put (f->a, grid, "tester", NULL, &error);
  g_assert_no_error (error);
}

static void
setup (Fixture *f, gconstpointer data)
{
  prepare (f, FALSE);
}

static void
setup_persistent (Fixture *f, gconstpointer data)
{
  prepare (f, TRUE);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->a, gd_store_free);
  g_clear_pointer (&f->b, gd_store_free);
  test_couch_stop (f->couch);
  remove_tree (f->dir);
  g_free (f->dir);
}

static GdCouch *
login (const char *url, const char *user, const char *password)
{
  g_autoptr(GError) error = NULL;
  GdCouch *couch = gd_couch_new (url, &error);

  g_assert_no_error (error);
  gd_couch_set_retries (couch, 3, 100);
  gd_couch_login (couch, user, password, NULL, &error);
  g_assert_no_error (error);
  return couch;
}

static gboolean
try_sync (Fixture *f, GdStore *store, const GdSyncOptions *options, GdSyncReport *report, GError **error)
{
  g_autoptr(GdCouch) couch = login (f->couch->url, "alice", "secret");
  GdSyncReport own = { 0 };
  gboolean ok = gd_sync_run (store, couch, DATABASE, options, report ? report : &own, NULL, error);

  if (ok && gd_store_get_scope (store) == NULL)
    g_assert_true (gd_store_sync_adopt_scope (store, FIXTURE_VILLAGE, NULL));
  return ok;
}

static void
sync_ws (Fixture *f, GdStore *store, GdSyncReport *report)
{
  g_autoptr(GError) error = NULL;

  try_sync (f, store, NULL, report, &error);
  g_assert_no_error (error);
}

static char *
put (GdStore *store, JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  char *id = gd_store_put (store, doc, "tester", NULL, &error);

  g_assert_no_error (error);
  return id;
}

static JsonObject *
get (GdStore *store, const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = gd_store_get (store, id, &error);

  g_assert_no_error (error);
  return doc;
}

static void
set_field (GdStore *store, const char *id, const char *path, const char *json_value)
{
  g_autoptr(JsonObject) doc = get (store, id);
  g_autoptr(JsonNode) value = json_value ? json_from_string (json_value, NULL) : NULL;
  g_autofree char *again = NULL;

  g_assert_true (gd_merge_path_set (doc, path, value));
  again = put (store, doc);
}

static const char *
string_at (JsonObject *doc, const char *path)
{
  JsonNode *node = gd_merge_path_get (doc, path);
  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static guint
n_conflicts (GdStore *store)
{
  g_autoptr(GPtrArray) conflicts = gd_store_sync_conflicts (store, NULL, NULL);
  return conflicts->len;
}

static gint64
server_doc_count (Fixture *f)
{
  g_autoptr(JsonNode) info = test_couch_json (f->couch, "GET", "/" DATABASE, NULL);
  gint64 count = -1;

  gd_json_get_int (json_node_get_object (info), "doc_count", &count);
  return count;
}

/* A creates two households; B, a fresh workstation, gets them whole and takes the village. */
static void
test_propagate (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) h1 = fixture_household ("0001", 1);
  g_autoptr(JsonObject) h2 = fixture_household ("0002", 2);
  g_autofree char *id1 = put (f->a, h1);
  g_autofree char *id2 = put (f->a, h2);
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  GdSyncReport report = { 0 };

  sync_ws (f, f->a, &report);
  g_assert_cmpuint (report.pushed, ==, 4); /* village grid, grid, two households */
  g_assert_cmpint (gd_store_sync_pending_count (f->a), ==, 0);
  g_assert_cmpint (server_doc_count (f), ==, 4);

  memset (&report, 0, sizeof report);
  sync_ws (f, f->b, &report);
  g_assert_cmpuint (report.pulled, ==, 4);
  g_assert_cmpstr (gd_store_get_scope (f->b), ==, FIXTURE_VILLAGE);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL), ==, 2);
  g_assert_cmpint (gd_store_count_persons (f->b, NULL), ==, 4);
  in_a = get (f->a, id1);
  in_b = get (f->b, id1);
  g_assert_true (json_object_equal (in_a, in_b));
  g_assert_cmpint (gd_store_sync_pending_count (f->b), ==, 0);

  /* a second sync moves nothing and does not dirty anything */
  memset (&report, 0, sizeof report);
  sync_ws (f, f->b, &report);
  g_assert_cmpuint (report.pulled + report.pushed, ==, 0);
}

static char *
shared_household (Fixture *f)
{
  g_autoptr(JsonObject) h = fixture_household ("0001", 1);
  char *id = put (f->a, h);

  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, NULL);
  return id;
}

/* A changes the address, B the housing: both edits end up on both sides, no conflict. */
static void
test_disjoint (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  GdSyncReport report = { 0 };

  set_field (f->a, id, "address", "\"新兴村三组14号\"");
  set_field (f->b, id, "housing", "\"lent\"");
  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, &report);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  sync_ws (f, f->a, NULL);

  in_a = get (f->a, id);
  in_b = get (f->b, id);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *doc = i ? in_b : in_a;
      g_assert_cmpstr (gd_json_get_string (doc, "address"), ==, "新兴村三组14号");
      g_assert_cmpstr (gd_json_get_string (doc, "housing"), ==, "lent");
    }
  g_assert_true (json_object_equal (in_a, in_b));
  g_assert_cmpuint (n_conflicts (f->a) + n_conflicts (f->b), ==, 0);
  g_assert_cmpint (gd_store_sync_pending_count (f->a) + gd_store_sync_pending_count (f->b), ==, 0);
}

/* Both change the address: the later syncer gets one conflict, keeps its own value pending
 * (not sent), and its decision reaches the other workstation. */
static void
test_same_field (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncConflict *conflict;

  set_field (f->a, id, "address", "\"甲的地址\"");
  set_field (f->b, id, "address", "\"乙的地址\"");
  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, NULL);

  conflicts = gd_store_sync_conflicts (f->b, NULL, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->doc_id, ==, id);
  g_assert_cmpstr (conflict->path, ==, "address");
  g_assert_cmpstr (conflict->mine, ==, "\"乙的地址\"");
  g_assert_cmpstr (conflict->theirs, ==, "\"甲的地址\"");
  in_b = get (f->b, id);
  g_assert_cmpstr (gd_json_get_string (in_b, "address"), ==, "乙的地址");
  g_assert_cmpuint (n_conflicts (f->a), ==, 0);

  /* held back while undecided: A still sees its own value */
  sync_ws (f, f->b, NULL);
  sync_ws (f, f->a, NULL);
  in_a = get (f->a, id);
  g_assert_cmpstr (gd_json_get_string (in_a, "address"), ==, "甲的地址");

  gd_store_sync_resolve (f->b, id, "address", GD_SYNC_TAKE_MINE, NULL, "王主任", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts (f->b), ==, 0);
  audit = gd_store_get_audit (f->b, id, 1, NULL);
  g_assert_cmpstr (((GdAuditEntry *) audit->pdata[0])->action, ==, "sync-resolve");
  g_assert_cmpstr (((GdAuditEntry *) audit->pdata[0])->actor, ==, "王主任");
  g_assert_cmpstr (((GdAuditEntry *) audit->pdata[0])->detail, ==, "address: took mine");

  sync_ws (f, f->b, NULL);
  sync_ws (f, f->a, NULL);
  g_clear_pointer (&in_a, json_object_unref);
  in_a = get (f->a, id);
  g_assert_cmpstr (gd_json_get_string (in_a, "address"), ==, "乙的地址");
  g_assert_cmpuint (n_conflicts (f->a), ==, 0);
  g_assert_cmpint (gd_store_sync_pending_count (f->a) + gd_store_sync_pending_count (f->b), ==, 0);
}

/* Members merge by id: A changes m1's phone and adds m3, B changes m2's name. */
static void
test_members_by_id (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  g_autoptr(JsonObject) child = fixture_member ("m3", "张小明", "20", "1", "20150601", 7);
  g_autoptr(JsonNode) child_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *again = NULL;

  json_node_set_object (child_node, child);
  doc = get (f->a, id);
  g_assert_true (gd_merge_path_set (doc, "members[id=m3]", child_node));
  again = put (f->a, doc);
  set_field (f->a, id, "members[id=m1].phone", "\"13800001111\"");
  set_field (f->b, id, "members[id=m2].name", "\"张为\"");

  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, NULL);
  sync_ws (f, f->a, NULL);
  in_a = get (f->a, id);
  in_b = get (f->b, id);
  g_assert_true (json_object_equal (in_a, in_b));
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (in_b, "members")), ==, 3);
  g_assert_cmpstr (string_at (in_b, "members[id=m1].phone"), ==, "13800001111");
  g_assert_cmpstr (string_at (in_b, "members[id=m2].name"), ==, "张为");
  g_assert_cmpstr (string_at (in_b, "members[id=m3].name"), ==, "张小明");
  g_assert_cmpint (gd_store_count_persons (f->b, NULL), ==, 3);
  g_assert_cmpuint (n_conflicts (f->a) + n_conflicts (f->b), ==, 0);
}

/* A deletes, B edits: B gets an edit-against-delete conflict; keeping the edit brings the
 * record back on A. */
static void
test_edit_vs_delete (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_delete (f->a, id, "tester", NULL));
  set_field (f->b, id, "address", "\"还住在这里\"");
  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, NULL);

  conflicts = gd_store_sync_conflicts (f->b, id, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((GdSyncConflict *) conflicts->pdata[0])->path, ==, "_deleted");
  g_assert_null (((GdSyncConflict *) conflicts->pdata[0])->theirs);
  /* nothing is lost while undecided: B still has the record */
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL), ==, 1);

  gd_store_sync_resolve (f->b, id, "_deleted", GD_SYNC_TAKE_MINE, NULL, "tester", &error);
  g_assert_no_error (error);
  sync_ws (f, f->b, NULL);
  sync_ws (f, f->a, NULL);
  in_a = get (f->a, id);
  g_assert_cmpstr (gd_json_get_string (in_a, "address"), ==, "还住在这里");
  g_assert_cmpint (gd_store_count (f->a, GD_DOC_HOUSEHOLD, NULL), ==, 1);

  /* the other way round, and the deletion taken: gone on both */
  set_field (f->a, id, "housing", "\"lent\"");
  g_assert_true (gd_store_delete (f->b, id, "tester", NULL));
  sync_ws (f, f->a, NULL);
  sync_ws (f, f->b, NULL);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = gd_store_sync_conflicts (f->b, id, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_null (((GdSyncConflict *) conflicts->pdata[0])->mine);
  gd_store_sync_resolve (f->b, id, "_deleted", GD_SYNC_TAKE_MINE, NULL, "tester", &error);
  g_assert_no_error (error);
  sync_ws (f, f->b, NULL);
  sync_ws (f, f->a, NULL);
  g_assert_cmpint (gd_store_count (f->a, GD_DOC_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL), ==, 0);
}

/* Bytes go up and down separately; the stubs survive an edit on the other side. */
static void
test_attachments (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  guint8 scan[70000];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) on_server = NULL;
  g_autoptr(GdCouch) client = test_couch_client (f->couch);
  g_autofree char *content_type = NULL;
  g_autofree char *doc_path = gd_couch_doc_path (DATABASE, id);
  g_autofree char *path = g_strconcat (doc_path, "/scan.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };

  for (guint i = 0; i < sizeof scan; i++)
    scan[i] = (guint8) (i * 7 + (i >> 8));
  bytes = g_bytes_new (scan, sizeof scan);
  gd_store_put_attachment (f->a, id, "scan.pdf", "application/pdf", bytes, "tester", &error);
  g_assert_no_error (error);
  sync_ws (f, f->a, &report);
  g_assert_cmpuint (report.attachments_up, ==, 1);

  memset (&report, 0, sizeof report);
  sync_ws (f, f->b, &report);
  g_assert_cmpuint (report.attachments_down, ==, 1);
  back = gd_store_get_attachment (f->b, id, "scan.pdf", &content_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, back));
  g_assert_cmpstr (content_type, ==, "application/pdf");

  /* B edits the household: the stub goes back as received, the server keeps the bytes */
  set_field (f->b, id, "address", "\"新兴村三组20号\"");
  sync_ws (f, f->b, NULL);
  on_server = gd_couch_request_bytes (client, "GET", path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, on_server));
  sync_ws (f, f->a, NULL);
  g_clear_pointer (&back, g_bytes_unref);
  back = gd_store_get_attachment (f->a, id, "scan.pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, back));
}

/* ---- killed server ---- */

typedef struct {
  TestCouch  *couch;
  GdSyncPhase phase;
  gboolean    killed;
} Killer;

static void
kill_on_progress (GdSyncPhase phase, guint64 done, guint64 total, gpointer data)
{
  Killer *killer = data;

  if (phase == killer->phase && done > 0 && !killer->killed)
    {
      killer->killed = TRUE;
      test_couch_kill (killer->couch);
    }
}

static void
add_households (GdStore *store, guint n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gd_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%04u", i + 1);
      g_autoptr(JsonObject) h = fixture_household (number, i + 1);
      g_autofree char *id = put (store, h);
    }
  g_assert_true (gd_store_commit (store, &error));
}

/* How many of the households numbered 0001..n (add_households) a search by number finds. */
static guint
n_findable (GdStore *store, guint n)
{
  guint found = 0;

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%04u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = gd_store_search (store, number, 0, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < hits->len; k++)
        if (g_strcmp0 (((GdSearchHit *) hits->pdata[k])->household_number, number) == 0)
          {
            found++;
            break;
          }
    }
  return found;
}

static void
test_killed_server (Fixture *f, gconstpointer data)
{
  Killer killer = { .couch = f->couch, .phase = GD_SYNC_PHASE_PUSH };
  GdSyncOptions options = { .page_size = 50, .progress = kill_on_progress, .progress_data = &killer };
  g_autoptr(GError) error = NULL;
  gint64 local;

  add_households (f->a, 300);
  local = gd_store_count (f->a, GD_DOC_UNKNOWN, NULL);

  /* mid-push: the first batch landed, then the server dies */
  g_assert_false (try_sync (f, f->a, &options, NULL, &error));
  g_test_message ("mid-push: %s", error->message);
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_true (killer.killed);
  test_couch_launch (f->couch);
  g_assert_cmpint (server_doc_count (f), >=, 50);
  g_assert_cmpint (server_doc_count (f), <, local);
  sync_ws (f, f->a, NULL);
  g_assert_cmpint (server_doc_count (f), ==, local);
  g_assert_cmpint (gd_store_sync_pending_count (f->a), ==, 0);

  /* mid-pull: B gets the first page, then the server dies; the next sync finishes */
  killer.killed = FALSE;
  killer.phase = GD_SYNC_PHASE_PULL;
  g_assert_false (try_sync (f, f->b, &options, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_UNKNOWN, NULL), >=, 50);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_UNKNOWN, NULL), <, local);
  /* what was pulled is searchable even though the first sync stopped half way; the indexes
   * it put off wait for the sync that finishes it */
  g_assert_cmpint (n_findable (f->b, 300), ==, gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL));
  g_assert_true (gd_store_indexes_deferred (f->b));
  test_couch_launch (f->couch);
  sync_ws (f, f->b, NULL);
  g_assert_false (gd_store_indexes_deferred (f->b));
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_UNKNOWN, NULL), ==, local);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL), ==, 300);
  g_assert_cmpint (n_findable (f->b, 300), ==, 300);
  g_assert_cmpint (server_doc_count (f), ==, local);
  g_assert_cmpint (gd_store_sync_pending_count (f->b), ==, 0);
  {
    g_autoptr(GdIssues) issues = gd_issues_new ();
    g_assert_true (gd_store_check (f->b, issues, NULL));
    g_assert_false (gd_issues_has_errors (issues));
  }
}

/* ---- refusals and failures ---- */

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_autoptr(GdCouch) couch = gd_couch_new (f->couch->url, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_couch_login (couch, "alice", "wrong", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "did not accept the user name or password"));
  g_assert_null (strstr (error->message, "wrong"));
}

static void
install_county_kit (Fixture *f)
{
  g_autoptr(GdCouch) admin = test_couch_client (f->couch);
  g_autoptr(JsonObject) design = gd_county_design_document (NULL);
  g_autoptr(JsonObject) security = gd_county_security (FIXTURE_VILLAGE, NULL);
  g_autoptr(JsonNode) design_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) security_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) r1 = NULL;
  g_autoptr(JsonNode) r2 = NULL;
  g_autoptr(GError) error = NULL;

  json_node_set_object (design_node, design);
  json_node_set_object (security_node, security);
  r1 = gd_couch_request (admin, "PUT", "/" DATABASE "/_design/griddesk", design_node, NULL, NULL, &error);
  g_assert_no_error (error);
  r2 = gd_couch_request (admin, "PUT", "/" DATABASE "/_security", security_node, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The county's validate_doc_update refuses a county account writing household registers:
 * each such document becomes a rejected record with the server's reason, is not sent
 * again as it is, and goes once the right account syncs it. */
static void
test_validation_rejects (Fixture *f, gconstpointer data)
{
  g_autoptr(GdCouch) couch = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(JsonObject) h = fixture_household ("0001", 1);
  g_autofree char *id = put (f->a, h);
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };
  GdSyncRejection *first = NULL;

  install_county_kit (f);
  test_couch_user (f->couch, "county", "secret", "[\"county-320902\"]");
  couch = login (f->couch->url, "county", "secret");
  g_assert_true (gd_sync_run (f->a, couch, DATABASE, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.rejected, ==, 3);
  g_assert_cmpuint (report.pushed, ==, 0);
  rejected = gd_store_sync_rejections (f->a, NULL);
  g_assert_cmpuint (rejected->len, ==, 3);
  for (guint i = 0; i < rejected->len; i++)
    if (g_strcmp0 (((GdSyncRejection *) rejected->pdata[i])->doc_id, id) == 0)
      first = rejected->pdata[i];
  g_assert_nonnull (first);
  g_assert_cmpstr (first->error, ==, "forbidden");
  g_assert_cmpstr (first->reason, ==, "县级账号只能下派事件（上级交办），住户信息由村、镇维护");
  g_assert_cmpstr (first->label, ==, "0001");

  /* not retried as they are */
  memset (&report, 0, sizeof report);
  g_assert_true (gd_sync_run (f->a, couch, DATABASE, NULL, &report, NULL, &error));
  g_assert_cmpuint (report.rejected + report.pushed, ==, 0);

  /* the village's account, asked to send them again: everything goes */
  g_assert_true (gd_store_sync_retry_rejected (f->a, NULL, "tester", NULL));
  memset (&report, 0, sizeof report);
  sync_ws (f, f->a, &report);
  g_assert_cmpuint (report.pushed, ==, 3);
  g_clear_pointer (&rejected, g_ptr_array_unref);
  rejected = gd_store_sync_rejections (f->a, NULL);
  g_assert_cmpuint (rejected->len, ==, 0);
}

/* The kit's validate_doc_update holds the limits of gd-limits.h: an oversized document is
 * refused with its field and the limit, whoever writes it; one at the limits is taken. */
static void
test_validation_limits (Fixture *f, gconstpointer data)
{
  g_autoptr(GdCouch) admin = test_couch_client (f->couch);
  g_autoptr(JsonObject) h = fixture_household ("0001", 1);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  JsonObject *head = json_array_get_object_element (json_object_get_array_member (h, "members"), 0);

  install_county_kit (f);
  json_object_set_string_member (h, "_id", "household:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5e01");
  json_object_set_string_member (h, "village", FIXTURE_VILLAGE);
  json_node_set_object (node, h);

  /* 64 characters of four bytes each: within the limit; a photo of 1.5 MB sent inline does not
   * count towards the document's 1 MiB */
  for (guint i = 0; i < 64; i++)
    g_string_append (name, "𣵦");
  json_object_set_string_member (head, "name", name->str);
  {
    g_autofree guchar *bytes = g_malloc0 (1536 * 1024);
    g_autofree char *base64 = g_base64_encode (bytes, 1536 * 1024);
    JsonObject *attachments = json_object_new ();
    JsonObject *photo = json_object_new ();

    json_object_set_string_member (photo, "content_type", "image/jpeg");
    json_object_set_string_member (photo, "data", base64);
    json_object_set_object_member (attachments, "photo.jpg", photo);
    json_object_set_object_member (h, "_attachments", attachments);
  }
  reply = gd_couch_request (admin, "PUT", "/" DATABASE "/household:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5e01",
                            node, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, json_node_unref);

  json_object_set_string_member (h, "_id", "household:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5e02");
  json_object_remove_member (h, "_attachments");
  g_string_truncate (name, 0);
  for (guint i = 0; i < 21000; i++)
    g_string_append_c (name, 'a');
  json_object_set_string_member (head, "name", name->str);
  reply = gd_couch_request (admin, "PUT", "/" DATABASE "/household:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5e02",
                            node, NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "members[0].name：最多 64 个字符（实际 21,000 个）"));
}

/* The county's gate knows organisations: a village's organisation goes through and comes
 * back on the other workstation with its inspections; one with a wrong credit code written
 * straight to the server is refused with the field's name. */
static void
test_organisation_gate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GdCouch) alice = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  GdSyncReport report = { 0 };

  org = gd_json_parse_object (
    "{\"type\": \"organisation\", \"grid\": \"" FIXTURE_GRID "\", \"name\": \"老胡家常菜馆\","
    " \"kind\": \"enterprise\", \"premises\": \"small_restaurant\","
    " \"credit_code\": \"91320902MA1MXK2L8D\", \"status\": \"operating\","
    " \"inspections\": [{\"id\": \"i1\", \"at\": \"2026-11-01T02:00:00Z\","
    " \"inspectors\": [\"韩佳\"], \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]}",
    -1, &error);
  g_assert_no_error (error);
  install_county_kit (f);
  id = put (f->a, org);
  sync_ws (f, f->a, &report);
  g_assert_cmpuint (report.rejected, ==, 0);
  g_assert_cmpuint (report.pushed, >=, 1);
  memset (&report, 0, sizeof report);
  sync_ws (f, f->b, &report);
  copy = get (f->b, id);
  g_assert_cmpstr (gd_json_get_string (copy, "credit_code"), ==, "91320902MA1MXK2L8D");
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (copy, "inspections")), ==, 1);

  alice = login (f->couch->url, "alice", "secret");
  path = gd_couch_doc_path (DATABASE, id);
  server = gd_couch_request (alice, "GET", path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (server), "credit_code", "91320902MA1MXK2L8E");
  refused = gd_couch_request (alice, "PUT", path, server, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "credit_code"));
}

/* A member of no role of the village: the server's refusal is a clear error, nothing moves. */
static void
test_not_a_member (Fixture *f, gconstpointer data)
{
  g_autoptr(GdCouch) couch = NULL;
  g_autoptr(JsonObject) h = fixture_household ("0001", 1);
  g_autofree char *id = put (f->a, h);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdSyncState) state = NULL;

  install_county_kit (f);
  test_couch_user (f->couch, "mallory", "secret", "[\"village-320902101002\"]");
  couch = login (f->couch->url, "mallory", "secret");
  g_assert_false (gd_sync_run (f->a, couch, DATABASE, NULL, NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "refused access to " DATABASE));
  g_assert_cmpint (gd_store_sync_pending_count (f->a), ==, 3);
  state = gd_store_sync_get_state (f->a, DATABASE, NULL);
  g_assert_cmpstr (state->last_error, ==, error->message);
}

/* A real 409: the server changes a document after B's pull has read it and before B's
 * push; B fetches the server's copy, merges and sends again in the same sync. */
typedef struct {
  TestCouch  *couch;
  const char *id;
  gboolean    done;
} Interloper;

static void
write_behind_back (GdSyncPhase phase, guint64 done, guint64 total, gpointer data)
{
  Interloper *interloper = data;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GdCouch) client = NULL;

  /* the pull's last _changes batch has been applied: the push comes next */
  if (phase != GD_SYNC_PHASE_PULL || interloper->done)
    return;
  interloper->done = TRUE;
  client = test_couch_client (interloper->couch);
  path = gd_couch_doc_path (DATABASE, interloper->id);
  current = gd_couch_request (client, "GET", path, NULL, NULL, NULL, NULL);
  json_object_set_string_member (json_node_get_object (current), "housing", "lent");
  reply = gd_couch_request (client, "PUT", path, current, NULL, NULL, NULL);
  g_assert_nonnull (reply);
}

static void
test_conflict_409 (Fixture *f, gconstpointer data)
{
  g_autofree char *id = shared_household (f);
  Interloper interloper = { .couch = f->couch, .id = id };
  GdSyncOptions options = { .progress = write_behind_back, .progress_data = &interloper };
  g_autoptr(JsonObject) in_a = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };

  set_field (f->b, id, "address", "\"乙改的地址\"");
  g_assert_true (try_sync (f, f->b, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_true (interloper.done);
  g_assert_cmpuint (report.merged, ==, 1);  /* the 409, fetched and merged */
  g_assert_cmpuint (report.pushed, ==, 1);  /* then sent again */
  in_b = get (f->b, id);
  g_assert_cmpstr (gd_json_get_string (in_b, "address"), ==, "乙改的地址");
  g_assert_cmpstr (gd_json_get_string (in_b, "housing"), ==, "lent");
  g_assert_cmpint (gd_store_sync_pending_count (f->b), ==, 0);
  sync_ws (f, f->a, NULL);
  in_a = get (f->a, id);
  g_assert_true (json_object_equal (in_a, in_b));
}

/* ---- failures from a fake server: each a clear state, nothing half-applied ---- */

static GdCouch *
fake_client (FakeServer *fake, guint attempts)
{
  g_autoptr(GError) error = NULL;
  GdCouch *couch = gd_couch_new (fake->url, &error);

  g_assert_no_error (error);
  gd_couch_set_retries (couch, attempts, 10);
  gd_couch_set_bearer (couch, "header.payload.signature");
  return couch;
}

static void
expect_failure (Fixture *f, FakeServer *fake, guint attempts, const char *message, gint expected_requests)
{
  g_autoptr(GdCouch) couch = fake_client (fake, attempts);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdSyncState) state = NULL;
  g_autoptr(JsonObject) h = fixture_household ("0001", 1);
  g_autofree char *id = put (f->a, h);
  gint64 pending = gd_store_sync_pending_count (f->a);

  g_assert_false (gd_sync_run (f->a, couch, DATABASE, NULL, NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
  if (expected_requests >= 0)
    g_assert_cmpint (g_atomic_int_get (&fake->requests), ==, expected_requests);
  state = gd_store_sync_get_state (f->a, DATABASE, NULL);
  g_assert_null (state->checkpoint);
  g_assert_cmpstr (state->last_error, ==, error->message);
  g_assert_cmpint (gd_store_sync_pending_count (f->a), ==, pending);
  fake_server_stop (fake);
}

/* 5xx is retried with backoff, then reported with the server's reason */
static void
test_server_error_500 (Fixture *f, gconstpointer data)
{
  expect_failure (f, fake_server_start (500, "{\"error\":\"internal\",\"reason\":\"disk full\"}"),
                  3, "server error 500 internal: disk full (after 3 attempts)", 3);
}

/* 4xx is never retried */
static void
test_status_401 (Fixture *f, gconstpointer data)
{
  expect_failure (f, fake_server_start (401, "{\"error\":\"unauthorized\",\"reason\":\"Token expired\"}"),
                  3, "refused access to " DATABASE, 1);
}

static void
test_status_403 (Fixture *f, gconstpointer data)
{
  expect_failure (f, fake_server_start (403, "{\"error\":\"forbidden\",\"reason\":\"no\"}"),
                  3, "refused access to " DATABASE, 1);
}

static void
test_status_409_database (Fixture *f, gconstpointer data)
{
  /* a 409 outside _bulk_docs items (a proxy in the way): reported, not retried */
  expect_failure (f, fake_server_start (409, "{\"error\":\"conflict\",\"reason\":\"Document update conflict\"}"),
                  3, "is not what CouchDB sends", 1);
}

static void
test_malformed_json (Fixture *f, gconstpointer data)
{
  expect_failure (f, fake_server_start (200, "{\"db_name\": \"griddesk-32"),
                  3, "the server sent malformed JSON", 1);
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  FakeServer *fake = fake_server_start (200, "{}");
  g_autoptr(GdCouch) couch = fake_client (fake, 2);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fake->stall = TRUE;
  gd_couch_set_timeout (couch, 1);
  g_assert_false (gd_sync_run (f->a, couch, DATABASE, NULL, NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "after 2 attempts"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpint (g_atomic_int_get (&fake->requests), ==, 2);
  fake_server_stop (fake);
}

/* Cancelled mid-sync: stops at once, nothing half-applied */
static void
cancel_on_pull (GdSyncPhase phase, guint64 done, guint64 total, gpointer data)
{
  if (phase == GD_SYNC_PHASE_PULL && done > 0)
    g_cancellable_cancel (data);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GdSyncOptions options = { .page_size = 20, .progress = cancel_on_pull, .progress_data = cancellable };
  g_autoptr(GdCouch) couch = login (f->couch->url, "alice", "secret");
  g_autoptr(GError) error = NULL;
  gint64 partial;

  add_households (f->a, 100);
  sync_ws (f, f->a, NULL);
  g_assert_false (gd_sync_run (f->b, couch, DATABASE, &options, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  partial = gd_store_count (f->b, GD_DOC_UNKNOWN, NULL);
  g_assert_cmpint (partial, ==, 20);
  g_assert_cmpint (n_findable (f->b, 100), ==, gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL));
  sync_ws (f, f->b, NULL);
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_HOUSEHOLD, NULL), ==, 100);
  g_assert_cmpint (n_findable (f->b, 100), ==, 100);
}

/* Seqs are opaque: a CouchDB 3 string seq goes back to the server exactly as it came and is
 * stored verbatim (pouchdb-server only has integers, so a fake server plays CouchDB 3). */
static const char *
couch3_route (const char *line, gpointer data)
{
  if (g_str_has_prefix (line, "GET /" DATABASE "/_local/"))
    return "{\"error\":\"not_found\",\"reason\":\"missing\"}";
  if (g_str_has_prefix (line, "PUT /" DATABASE "/_local/"))
    return "{\"ok\":true,\"id\":\"_local/x\",\"rev\":\"0-1\"}";
  if (g_str_has_prefix (line, "GET /" DATABASE "/_all_docs"))
    return strstr (line, "startkey=") ? "{\"total_rows\":1,\"offset\":1,\"rows\":[]}"
      : "{\"total_rows\":1,\"offset\":0,\"rows\":[{\"id\":\"grid:v\",\"key\":\"grid:v\",\"value\":{\"rev\":\"1-a\"},"
        "\"doc\":{\"_id\":\"grid:v\",\"_rev\":\"1-a\",\"type\":\"grid\",\"code\":\"" FIXTURE_VILLAGE "\","
        "\"name\":\"新兴村\",\"level\":\"village\",\"parent\":\"320902101\",\"village\":\"" FIXTURE_VILLAGE "\","
        "\"schema\":1,\"created_at\":\"2026-01-05T08:00:00+08:00\",\"updated_at\":\"2026-01-05T08:00:00+08:00\","
        "\"created_by\":\"county\",\"updated_by\":\"county\"}}]}";
  if (g_str_has_prefix (line, "GET /" DATABASE "/_changes"))
    return strstr (line, "since=7-g1AAAAB%2Fx&") || strstr (line, "since=8-g1AAAAC&")
           ? "{\"results\":[],\"last_seq\":\"8-g1AAAAC\"}"
           : "{\"error\":\"bad_request\",\"reason\":\"unexpected since\"}";
  if (g_str_has_prefix (line, "GET /" DATABASE))
    return "{\"db_name\":\"" DATABASE "\",\"update_seq\":\"7-g1AAAAB/x\",\"doc_count\":1}";
  return "{\"error\":\"not_found\",\"reason\":\"unexpected\"}";
}

static void
test_opaque_checkpoint (Fixture *f, gconstpointer data)
{
  FakeServer *fake = fake_server_start (200, "{}");
  g_autoptr(GdCouch) couch = fake_client (fake, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdSyncState) state = NULL;

  fake->route = couch3_route;
  g_assert_true (gd_sync_run (f->b, couch, DATABASE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  state = gd_store_sync_get_state (f->b, DATABASE, NULL);
  g_assert_cmpstr (state->checkpoint, ==, "\"8-g1AAAAC\"");
  /* a JWT from the county identity provider goes as a bearer token on every request */
  g_assert_cmpstr (fake->authorization, ==, "Bearer header.payload.signature");
  g_assert_cmpint (gd_store_count (f->b, GD_DOC_GRID, NULL), ==, 1);
  fake_server_stop (fake);
}

/* A document written by a PouchDB client syncs into GridDesk intact, and GridDesk's edit of it
 * reaches the PouchDB client. */
static char *
run_peer (const char *const *argv, const char *input)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("pouchdb peer failed: %s", err);
  return g_steal_pointer (&out);
}

static void
test_pouchdb_interop (Fixture *f, gconstpointer data)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *script = g_build_filename (srcdir ? srcdir : ".", "sync", "pouchdb-peer.js", NULL);
  g_autoptr(JsonObject) h = fixture_household ("0099", 9);
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  g_autoptr(JsonObject) in_b = NULL;
  g_autoptr(JsonObject) from_pouch = NULL;
  const char *id = "household:0190a1b2-0000-7000-8000-000000000099";

  sync_ws (f, f->a, NULL); /* the village's grids */
  json_object_set_string_member (h, "_id", id);
  json_object_set_string_member (h, "village", FIXTURE_VILLAGE);
  json_object_set_int_member (h, "schema", 1);
  json_object_set_string_member (h, "created_at", "2026-11-20T09:00:00Z");
  json_object_set_string_member (h, "updated_at", "2026-11-20T09:00:00Z");
  json_object_set_string_member (h, "created_by", "pouchdb");
  json_object_set_string_member (h, "updated_by", "pouchdb");
  text = gd_json_to_string (h, FALSE);
  {
    const char *argv[] = { "node", script, "put", f->couch->url, DATABASE, "alice", "secret", NULL };
    g_free (run_peer (argv, text));
  }

  sync_ws (f, f->b, NULL);
  in_b = get (f->b, id);
  json_object_remove_member (in_b, "_rev");
  g_assert_true (json_object_equal (in_b, h));
  g_assert_cmpint (gd_store_count_persons (f->b, NULL), ==, 2);

  set_field (f->b, id, "address", "\"PouchDB 看得到的新地址\"");
  sync_ws (f, f->b, NULL);
  {
    const char *argv[] = { "node", script, "get", f->couch->url, DATABASE, "alice", "secret", id, NULL };
    back = run_peer (argv, NULL);
  }
  from_pouch = gd_json_parse_object (back, -1, NULL);
  g_assert_nonnull (from_pouch);
  g_clear_pointer (&in_b, json_object_unref);
  in_b = get (f->b, id);
  g_assert_true (json_object_equal (in_b, from_pouch));
  g_assert_cmpstr (gd_json_get_string (from_pouch, "address"), ==, "PouchDB 看得到的新地址");
}

/* A server database wiped and created again: the marker is gone, everything is sent again. */
static void
test_server_reset (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) gone = NULL;
  g_autoptr(JsonNode) again = NULL;
  GdSyncReport report = { 0 };

  add_households (f->a, 5);
  sync_ws (f, f->a, NULL);
  gone = test_couch_json (f->couch, "DELETE", "/" DATABASE, NULL);
  again = test_couch_json (f->couch, "PUT", "/" DATABASE, NULL);
  sync_ws (f, f->a, &report);
  g_assert_true (report.server_reset);
  g_assert_cmpuint (report.pushed, ==, 7);
  g_assert_cmpint (server_doc_count (f), ==, 7);
  memset (&report, 0, sizeof report);
  sync_ws (f, f->a, &report);
  g_assert_false (report.server_reset);
  g_assert_cmpuint (report.pushed, ==, 0);
}

/* griddesk-ctl: sync, conflicts --json, resolve, and exit 4 on a network error */
static int
ctl (const char *db, const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GRIDDESK_CTL"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "GD_TEST_PASSWORD", "secret", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *a = g_build_filename (f->dir, "cli-a.sqlite", NULL);
  g_autofree char *b = g_build_filename (f->dir, "cli-b.sqlite", NULL);
  g_autofree char *id = shared_household (f);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *conflict;
  const char *sync_a[] = { "sync", "--server", f->couch->url, "--user", "alice",
                           "--password-env", "GD_TEST_PASSWORD", NULL };
  const char *sync_b[] = { "sync", "--server", f->couch->url, "--database", DATABASE, "--user", "alice",
                           "--password-env", "GD_TEST_PASSWORD", "--json", NULL };
  const char *conflicts[] = { "conflicts", "--json", NULL };
  const char *resolve[] = { "resolve", id, "--field", "address", "--take", "theirs", "--by", "李四", NULL };
  const char *offline[] = { "sync", "--server", "http://127.0.0.1:1", "--user", "alice",
                            "--password-env", "GD_TEST_PASSWORD", "--retries", "1", NULL };

  /* the CLI workstations start from copies of A and B */
  g_clear_pointer (&f->a, gd_store_free);
  g_clear_pointer (&f->b, gd_store_free);
  f->a = open_store (f, "a.sqlite");
  f->b = open_store (f, "b.sqlite");
  set_field (f->a, id, "address", "\"甲\"");
  set_field (f->b, id, "address", "\"乙\"");
  g_clear_pointer (&f->a, gd_store_free);
  g_clear_pointer (&f->b, gd_store_free);
  {
    g_autofree char *pa = g_build_filename (f->dir, "a.sqlite", NULL);
    g_autofree char *pb = g_build_filename (f->dir, "b.sqlite", NULL);
    g_assert_cmpint (g_rename (pa, a), ==, 0);
    g_assert_cmpint (g_rename (pb, b), ==, 0);
  }

  g_assert_cmpint (ctl (a, sync_a, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ctl (b, sync_b, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"conflicts\":1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl (b, conflicts, &out, &err), ==, 0);
  list = json_from_string (out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  conflict = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (gd_json_get_string (conflict, "id"), ==, id);
  g_assert_cmpstr (gd_json_get_string (conflict, "field"), ==, "address");
  g_assert_cmpstr (gd_json_get_string (conflict, "mine"), ==, "\"乙\"");
  g_assert_cmpstr (gd_json_get_string (conflict, "theirs"), ==, "\"甲\"");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl (b, resolve, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ctl (b, conflicts, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl (b, offline, &out, &err), ==, 4);
  g_assert_nonnull (strstr (err, "griddesk-ctl: "));
  g_assert_null (strstr (err, "secret"));
}

/* griddesk-ctl county provision: database, design document, _security and the village
 * account, with admin credentials; the account can then sync and the kit is enforced. */
static void
test_county_provision (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) admin_set = NULL;
  g_autoptr(GdCouch) admin = NULL;
  g_autoptr(JsonNode) design = NULL;
  g_autoptr(JsonNode) security = NULL;
  g_autoptr(GdCouch) village = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };
  const char *provision[] = { "county", "provision", "--server", f->couch->url, "--admin", "root",
                              "--password-env", "GD_TEST_PASSWORD", "--village", "320902101007",
                              "--account-password-env", "GD_TEST_PASSWORD", NULL };
  const char *wrong[] = { "county", "provision", "--server", f->couch->url, "--admin", "nobody",
                          "--password-env", "GD_TEST_PASSWORD", "--village", "320902101007", NULL };

  admin_set = test_couch_json (f->couch, "PUT", "/_config/admins/root", "\"secret\"");
  g_assert_cmpint (ctl ("unused.sqlite", provision, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "account village-320902101007"));
  g_assert_null (strstr (out, "secret"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* again: idempotent, replaces the kit */
  g_assert_cmpint (ctl ("unused.sqlite", provision, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ctl ("unused.sqlite", wrong, &out, &err), ==, 4);

  admin = gd_couch_new (f->couch->url, NULL);
  gd_couch_set_basic (admin, "root", "secret");
  design = gd_couch_request (admin, "GET", "/griddesk-320902101007/_design/griddesk", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gd_json_get_string (json_node_get_object (design), "validate_doc_update"),
                            "县级账号只能下派事件"));
  security = gd_couch_request (admin, "GET", "/griddesk-320902101007/_security", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (gd_json_get_array (gd_json_get_object (
                     json_node_get_object (security), "members"), "roles"), 0), ==, "village-320902101007");

  /* the village account logs in and syncs its (empty) database */
  village = login (f->couch->url, "village-320902101007", "secret");
  g_assert_true (gd_sync_run (f->b, village, "griddesk-320902101007", NULL, &report, NULL, &error));
  g_assert_no_error (error);
}

/* TLS is always verified: a server certificate issued by the county's own CA is refused until
 * that CA file is given, and then only for the host it names. */
static void
test_tls_county_ca (Fixture *f, gconstpointer data)
{
  g_autofree char *pki = g_build_filename (f->dir, "pki", NULL);
  g_autofree char *ca = g_build_filename (pki, "ca.pem", NULL);
  g_autofree char *other_ca = g_build_filename (pki, "other.pem", NULL);
  g_autofree char *cert = g_build_filename (pki, "server.pem", NULL);
  g_autofree char *key = g_build_filename (pki, "server.key", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  FakeServer *fake;

  test_make_county_pki (pki);

  fake = fake_server_start (200, "{\"couchdb\":\"Welcome\"}");
  fake->certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u", fake->port);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GdCouch) couch = gd_couch_new (url, &error);
      g_autoptr(JsonNode) reply = NULL;

      g_assert_no_error (error);
      gd_couch_set_retries (couch, 1, 0);
      if (i == 1)
        g_assert_true (gd_couch_set_ca_file (couch, other_ca, NULL));
      if (i == 2)
        g_assert_true (gd_couch_set_ca_file (couch, ca, NULL));
      if (i == 3)
        {
          /* a bad file is refused when it is given, not ignored */
          g_assert_false (gd_couch_set_ca_file (couch, key + 1, &error));
          g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
          g_clear_error (&error);
          continue;
        }
      reply = gd_couch_request (couch, "GET", "/", NULL, NULL, NULL, &error);
      if (i == 2)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (gd_json_get_string (json_node_get_object (reply), "couchdb"), ==, "Welcome");
        }
      else
        {
          g_assert_null (reply);
          g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
          g_clear_error (&error);
        }
    }
  fake_server_stop (fake);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func, set) \
  g_test_add ("/sync/" name, Fixture, NULL, set, func, teardown)
  ADD ("propagate", test_propagate, setup);
  ADD ("disjoint-edits", test_disjoint, setup);
  ADD ("same-field-conflict", test_same_field, setup);
  ADD ("members-by-id", test_members_by_id, setup);
  ADD ("edit-vs-delete", test_edit_vs_delete, setup);
  ADD ("attachments", test_attachments, setup);
  ADD ("killed-server", test_killed_server, setup_persistent);
  ADD ("wrong-password", test_wrong_password, setup);
  ADD ("validation-rejects", test_validation_rejects, setup);
  ADD ("validation-limits", test_validation_limits, setup);
  ADD ("not-a-member", test_not_a_member, setup);
  ADD ("organisation-gate", test_organisation_gate, setup);
  ADD ("conflict-409", test_conflict_409, setup);
  ADD ("server-error-500", test_server_error_500, setup);
  ADD ("status-401", test_status_401, setup);
  ADD ("status-403", test_status_403, setup);
  ADD ("status-409", test_status_409_database, setup);
  ADD ("malformed-json", test_malformed_json, setup);
  ADD ("timeout", test_timeout, setup);
  ADD ("cancel", test_cancel, setup);
  ADD ("opaque-checkpoint", test_opaque_checkpoint, setup);
  ADD ("pouchdb-interop", test_pouchdb_interop, setup);
  ADD ("server-reset", test_server_reset, setup);
  ADD ("cli", test_cli, setup);
  ADD ("county-provision", test_county_provision, setup);
  ADD ("tls-county-ca", test_tls_county_ca, setup);
#undef ADD
  return g_test_run ();
}
