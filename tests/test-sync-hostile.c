/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sync against a county server that misbehaves on purpose (tests/hostile-couch.py): the client
 * never crashes, never hangs (each case is timed), stays under 512 MB (VmHWM), stores nothing
 * invalid, lists every refused document with its reason, and `check` is clean afterwards. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-store-attachments.h"
#include "gd-store-private.h"
#include "gd-store-quarantine.h"
#include "gd-store-sync.h"
#include "gd-sync.h"
#include "gd-test-couch.h"
#include "gd-test-fixtures.h"

#define DATABASE "griddesk-" FIXTURE_VILLAGE
#define MEMORY_LIMIT_KB (512 * 1024)

/* ---- the hostile server ---- */

typedef struct {
  GSubprocess *process;
  char        *url;
} Hostile;

static Hostile *
hostile_start (const char *cert,
               const char *key)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *script = g_build_filename (srcdir ? srcdir : ".", "hostile-couch.py", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Hostile *hostile = g_new0 (Hostile, 1);

  g_subprocess_launcher_set_child_setup (launcher, test_couch_child_setup, NULL, NULL);
  if (cert != NULL)
    hostile->process = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", script,
                                                    "--cert", cert, "--key", key, NULL);
  else
    hostile->process = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", script, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hostile->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "PORT "));
  hostile->url = g_strdup_printf ("%s://127.0.0.1:%s", cert ? "https" : "http", line + 5);
  return hostile;
}

static void
hostile_stop (Hostile *hostile)
{
  g_subprocess_send_signal (hostile->process, SIGKILL);
  g_subprocess_wait (hostile->process, NULL, NULL);
  g_object_unref (hostile->process);
  g_free (hostile->url);
  g_free (hostile);
}

/* The test's own requests to the server, over plain http on loopback (`control_url`). */
static void
hostile_post (const char *control_url,
              const char *path,
              JsonNode   *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdCouch) client = gd_couch_new (control_url, &error);
  g_autoptr(JsonNode) reply = NULL;

  g_assert_no_error (error);
  reply = gd_couch_request (client, "POST", path, body, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
hostile_mode (Hostile    *hostile,
              const char *mode,
              const char *target)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "mode", mode);
  if (target != NULL)
    json_object_set_string_member (object, "target", target);
  json_node_set_object (node, object);
  hostile_post (hostile->url, "/_hostile/mode", node);
}

/* Raw document texts into the server's database, and optionally one attachment. */
static void
hostile_docs (Hostile    *hostile,
              GPtrArray  *texts,
              const char *attachment_doc,
              const char *attachment_base64)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *docs = json_array_new ();

  for (guint i = 0; i < texts->len; i++)
    json_array_add_string_element (docs, texts->pdata[i]);
  json_object_set_string_member (object, "db", DATABASE);
  json_object_set_array_member (object, "docs", docs);
  if (attachment_doc != NULL)
    {
      JsonObject *attachments = json_object_new ();
      JsonObject *files = json_object_new ();
      json_object_set_string_member (files, "scan.pdf", attachment_base64);
      json_object_set_object_member (attachments, attachment_doc, files);
      json_object_set_object_member (object, "attachments", attachments);
    }
  json_node_set_object (node, object);
  hostile_post (hostile->url, "/_hostile/docs", node);
}

/* ---- the workstation ---- */

typedef struct {
  char      *dir;
  GdStore   *store;   /* a workstation set up by its first sync */
  Hostile   *hostile;
  GPtrArray *valid;   /* texts of the valid documents on the server */
  char      *household0; /* a valid household's text, to derive poisoned ones from */
  gint64     started;
} Fixture;

/* Peak resident memory of this process since the last reset_peak(), in kB. */
static gint64
peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static void
reset_peak (void)
{
  /* "5" resets the peak resident set size (Linux >= 4.0) */
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs ("5", file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

static char *
with_rev (JsonObject *doc,
          const char *rev)
{
  json_object_set_string_member (doc, "_rev", rev);
  return gd_json_to_string (doc, FALSE);
}

/* A village's grid and `n` households, written by a real store (so each is valid as it
 * stands), as the server would send them. */
static void
make_valid_docs (Fixture *f,
                 guint    n)
{
  g_autofree char *path = g_build_filename (f->dir, "origin.sqlite", NULL);
  g_autoptr(GdStore) origin = gd_store_open (path, NULL);
  g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID, "第一网格");
  g_autoptr(GError) error = NULL;
  g_autofree char *grid_id = NULL;

  g_assert_true (gd_store_init_scope (origin, FIXTURE_VILLAGE, "新兴村", "tester", &error));
  grid_id = gd_store_put (origin, grid, "tester", NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (f->valid, with_rev (gd_store_get (origin, grid_id, NULL), "1-grid"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%04u", i + 1);
      g_autoptr(JsonObject) household = fixture_household (number, i + 1);
      g_autofree char *id = gd_store_put (origin, household, "tester", NULL, &error);
      g_autoptr(JsonObject) stored = NULL;

      g_assert_no_error (error);
      stored = gd_store_get (origin, id, NULL);
      g_ptr_array_add (f->valid, with_rev (stored, "1-h"));
      if (i == 0)
        f->household0 = gd_json_to_string (stored, FALSE);
    }
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gd-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ws.sqlite", NULL);
  f->store = gd_store_open (path, &error);
  g_assert_no_error (error);
  f->valid = g_ptr_array_new_with_free_func (g_free);
  make_valid_docs (f, 5);
  if (data == NULL)
    {
      f->hostile = hostile_start (NULL, NULL);
      hostile_docs (f->hostile, f->valid, NULL, NULL);
    }
  reset_peak ();
  f->started = g_get_monotonic_time ();
}

/* Every case ends here: bounded time and memory, a clean file, nothing invalid stored. */
static void
teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  gint64 peak = peak_kb ();

  g_test_message ("%s: peak %" G_GINT64_FORMAT " MB resident", g_test_get_path (), peak / 1024);
  g_assert_cmpint (peak, <, MEMORY_LIMIT_KB);
  g_assert_true (gd_store_check (f->store, issues, &error));
  g_assert_no_error (error);
  if (gd_issues_count (issues, GD_ISSUE_ERROR) > 0)
    g_error ("check: %s", gd_issues_to_string (issues, GD_ISSUE_ERROR));
  g_clear_pointer (&f->store, gd_store_free);
  if (f->hostile != NULL)
    hostile_stop (f->hostile);
  g_ptr_array_unref (f->valid);
  g_free (f->household0);
  remove_tree (f->dir);
  g_free (f->dir);
}

static GdCouch *
client (const char *url)
{
  g_autoptr(GError) error = NULL;
  GdCouch *couch = gd_couch_new (url, &error);

  g_assert_no_error (error);
  gd_couch_set_retries (couch, 2, 10);
  gd_couch_set_timeout (couch, 5);
  return couch;
}

/* One sync with pages of `page`; returns its error (NULL: it worked) and the seconds it took. */
static GError *
sync_once (Fixture      *f,
           const char   *url,
           gsize         page,
           guint         deadline,
           GdSyncReport *report,
           double       *seconds)
{
  g_autoptr(GdCouch) couch = client (url);
  GdSyncOptions options = { .page_size = page };
  GdSyncReport own = { 0 };
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (deadline > 0)
    gd_couch_set_deadline (couch, deadline);
  gd_sync_run (f->store, couch, DATABASE, &options, report ? report : &own, NULL, &error);
  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - start) / 1e6;
  return error;
}

static void
assert_failed_with (GError     *error,
                    const char *words,
                    double      seconds,
                    double      within)
{
  g_assert_nonnull (error);
  g_test_message ("%s: stopped after %.2f s: %s", g_test_get_path (), seconds, error->message);
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpfloat (seconds, <, within);
}

static GdSyncQuarantined *
find_quarantined (GPtrArray  *entries,
                  const char *doc_id)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((GdSyncQuarantined *) entries->pdata[i])->doc_id, doc_id) == 0)
      return entries->pdata[i];
  return NULL;
}

/* A sync that must stop with `words` in its message within `within` seconds. */
static void
stopping_case (Fixture    *f,
               const char *mode,
               gsize       page,
               guint       deadline,
               const char *words,
               double      within)
{
  g_autoptr(GError) error = NULL;
  double seconds;

  hostile_mode (f->hostile, mode, NULL);
  error = sync_once (f, f->hostile->url, page, deadline, NULL, &seconds);
  assert_failed_with (error, words, seconds, within);
  if (deadline > 0)
    g_assert_cmpfloat (seconds, >=, deadline - 0.5);
}

/* ---- page progress ---- */

static void
test_ignores_startkey (Fixture *f, gconstpointer data)
{
  stopping_case (f, "ignore-startkey", 2, 0, "startkey", 20);
  /* the one page it did send is kept, whole */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 2);
}

static void
test_changes_stuck (Fixture *f, gconstpointer data)
{
  stopping_case (f, "changes-stuck", 2, 0, "last_seq", 20);
  /* the first sync's pages came whole before _changes stalled */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 5);
}

/* ---- replies that never end ---- */

static void
test_endless_reply (Fixture *f, gconstpointer data)
{
  stopping_case (f, "endless", 0, 0, "larger than", 60);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 0);
}

static void
test_slow_drip (Fixture *f, gconstpointer data)
{
  /* a byte a second: the inactivity timeout (5 s) never fires, the deadline (3 s) does */
  stopping_case (f, "drip", 0, 3, "no complete answer within 3 s", 10);
}

/* Documents too big for pages of the usual size: asked for again in smaller pages, down to
 * one, on the first sync and in _changes; nothing is lost. */
static void
test_fat_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GdCouch) couch = client (f->hostile->url);
  g_autoptr(GError) error = NULL;
  GdSyncOptions options = { 0 };
  GdSyncReport report = { 0 };

  /* a household is about 1 KB as sent: 2 KB holds one row and the reply's framing */
  gd_couch_set_max_reply (couch, 2048);
  g_assert_true (gd_sync_run (f->store, couch, DATABASE, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 6);
  /* the same documents again as changes */
  hostile_docs (f->hostile, f->valid, NULL, NULL);
  memset (&report, 0, sizeof report);
  g_assert_true (gd_sync_run (f->store, couch, DATABASE, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 6);
  g_assert_cmpuint (report.quarantined, ==, 0);
}

/* ---- attachments ---- */

static const char *const scan_base64 = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK";

static void
attachment_case (Fixture    *f,
                 const char *mode,
                 gboolean    document_refused,
                 const char *reason_words)
{
  g_autoptr(JsonObject) doc = gd_json_parse_object (f->household0, -1, NULL);
  const char *id = gd_json_get_string (doc, "_id");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };
  GdSyncQuarantined *entry;
  double seconds;

  hostile_docs (f->hostile, none, id, scan_base64);
  hostile_mode (f->hostile, mode, NULL);
  error = sync_once (f, f->hostile->url, 0, 0, &report, &seconds);
  g_assert_no_error (error);
  g_test_message ("%s: sync took %.2f s", g_test_get_path (), seconds);
  /* the other documents are all here; the attachment is not, and it is listed; a stub that
   * itself breaks the limits table (gd-limits.h) makes the document refused whole */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, document_refused ? 4 : 5);
  kept = gd_store_get_attachment (f->store, id, "scan.pdf", NULL, NULL);
  g_assert_null (kept);
  g_assert_cmpuint (report.attachments_down, ==, 0);
  g_assert_cmpuint (report.quarantined, ==, 1);
  entries = gd_store_sync_quarantined (f->store, NULL);
  entry = find_quarantined (entries, id);
  g_assert_nonnull (entry);
  if (strstr (entry->reason, reason_words) == NULL)
    g_error ("“%s” does not say “%s”", entry->reason, reason_words);
}

static void
test_huge_attachment (Fixture *f, gconstpointer data)
{
  /* the stub says 300 MB: not even asked for, and the document breaks the limits the county's
   * own validate_doc_update holds (an attachment of at most 20 MiB): refused whole, named */
  attachment_case (f, "huge-attachment", TRUE, "_attachments.scan.pdf.length: at most 20,971,520 bytes");
}

static void
test_huge_attachment_lying (Fixture *f, gconstpointer data)
{
  /* the stub says a few bytes, the server streams 300 MB without a length: cut at 20 MiB */
  attachment_case (f, "huge-attachment-lying", FALSE, "larger than 20.0");
}

static void
test_bad_digest (Fixture *f, gconstpointer data)
{
  attachment_case (f, "bad-attachment", FALSE, "digest");
}

static void
test_short_attachment (Fixture *f, gconstpointer data)
{
  attachment_case (f, "short-attachment", FALSE, "its stub says");
}

/* ---- redirects ---- */

static void
redirect_case (Fixture    *f,
               const char *target)
{
  g_autoptr(GError) error = NULL;
  double seconds;

  hostile_mode (f->hostile, "redirect", target);
  error = sync_once (f, f->hostile->url, 0, 0, NULL, &seconds);
  assert_failed_with (error, "does not follow redirects", seconds, 10);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 0);
}

static void
test_redirect_other_host (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_strdup_printf ("http://127.0.0.2:%s", strrchr (f->hostile->url, ':') + 1);
  redirect_case (f, target);
}

static void
test_redirect_refused_url (Fixture *f, gconstpointer data)
{
  /* a target `--server` itself refuses (plain http off this computer) */
  redirect_case (f, "http://county.example.cn:5984");
}

/* https answered with a redirect to plain http: nothing goes over http, nothing is stored */
static void
test_redirect_https_to_http (Fixture *f, gconstpointer data)
{
  g_autofree char *pki = g_build_filename (f->dir, "pki", NULL);
  g_autofree char *ca = g_build_filename (pki, "ca.pem", NULL);
  g_autofree char *cert = g_build_filename (pki, "server.pem", NULL);
  g_autofree char *key = g_build_filename (pki, "server.key", NULL);
  g_autofree char *plain = NULL;
  g_autoptr(GdCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncOptions options = { 0 };
  GdSyncReport report = { 0 };
  Hostile *http_side;

  test_make_county_pki (pki);
  f->hostile = hostile_start (cert, key);
  http_side = hostile_start (NULL, NULL);
  hostile_docs (http_side, f->valid, NULL, NULL);
  plain = g_strdup (http_side->url);

  /* the control requests go over TLS too: the test's client trusts the county CA */
  {
    g_autoptr(GdCouch) control_client = gd_couch_new (f->hostile->url, &error);
    g_autoptr(JsonNode) body = json_from_string ("{\"mode\":\"redirect\",\"target\":\"\"}", NULL);
    g_autoptr(JsonNode) reply = NULL;

    g_assert_no_error (error);
    g_assert_true (gd_couch_set_ca_file (control_client, ca, NULL));
    json_object_set_string_member (json_node_get_object (body), "target", plain);
    reply = gd_couch_request (control_client, "POST", "/_hostile/mode", body, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  couch = client (f->hostile->url);
  g_assert_true (gd_couch_set_ca_file (couch, ca, NULL));
  g_assert_false (gd_sync_run (f->store, couch, DATABASE, &options, &report, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_test_message ("%s: %s", g_test_get_path (), error->message);
  g_assert_nonnull (strstr (error->message, "does not follow redirects"));
  g_assert_nonnull (strstr (error->message, plain));
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 0);
  hostile_stop (http_side);
}

/* Another host answers the checkpoint: the sync stops; the state is not reset, no record is
 * marked to be sent again, the bases stay. */
static void
test_checkpoint_other_host (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_strdup_printf ("http://127.0.0.2:%s", strrchr (f->hostile->url, ':') + 1);
  g_autoptr(GdSyncState) before = NULL;
  g_autoptr(GdSyncState) after = NULL;
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) error = NULL;
  GdSyncReport report = { 0 };
  double seconds;

  first = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (first);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 5);
  before = gd_store_sync_get_state (f->store, DATABASE, NULL);
  g_assert_nonnull (before->marker);

  hostile_mode (f->hostile, "redirect-checkpoint", target);
  error = sync_once (f, f->hostile->url, 0, 0, &report, &seconds);
  assert_failed_with (error, "does not follow redirects", seconds, 10);
  g_assert_false (report.server_reset);
  g_assert_cmpint (gd_store_sync_pending_count (f->store), ==, 0);
  after = gd_store_sync_get_state (f->store, DATABASE, NULL);
  g_assert_cmpstr (after->marker, ==, before->marker);
  g_assert_cmpstr (after->checkpoint, ==, before->checkpoint);
}

/* ---- poisonous documents ---- */

typedef struct {
  const char *id;     /* as the quarantine lists it */
  const char *words;  /* in its reason */
} Poison;

static char *
household_variant (Fixture    *f,
                   const char *id,
                   void      (*change) (JsonObject *doc))
{
  g_autoptr(JsonObject) doc = gd_json_parse_object (f->household0, -1, NULL);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", "1-p");
  if (change != NULL)
    change (doc);
  return gd_json_to_string (doc, FALSE);
}

static JsonObject *
first_member (JsonObject *doc)
{
  return json_array_get_object_element (json_object_get_array_member (doc, "members"), 0);
}

static void
other_village (JsonObject *doc)
{
  json_object_set_string_member (doc, "village", "320902101002");
  json_object_set_string_member (doc, "grid", "320902101002001");
}

static void
new_number (JsonObject *doc)
{
  /* the same members (their citizen IDs) under another household number */
  json_object_set_string_member (doc, "number", "0999");
}

static void
wrong_check_digit (JsonObject *doc)
{
  JsonObject *member = first_member (doc);
  g_autofree char *number = g_strdup (gd_json_get_string (member, "id_number"));

  number[17] = number[17] == '0' ? '1' : '0';
  json_object_set_string_member (member, "id_number", number);
  json_object_set_string_member (doc, "number", "0998");
  /* a second member would collide: keep only this one */
  json_array_remove_element (json_object_get_array_member (doc, "members"), 1);
}

static void
members_as_string (JsonObject *doc)
{
  json_object_set_string_member (doc, "members", "张三, 李四");
}

static void
test_poison (Fixture *f, gconstpointer data)
{
  static const Poison poisons[] = {
    { "household:zz-other-village", "village" },
    { "household:zz-duplicate-id", "" },
    { "household:zz-check-digit", "" },
    { "household:zz-members-string", "members" },
    { "../../etc/passwd", "_id" },
    { "", "_id" },
    { "incident:zz-typed-household", "_id" },
    { "household:zz-cut", "NUL" },
    { "12345", "not a string" },
    { "_design/evil", "server-only" },
    { "_local/evil", "server-only" },
    { "incident:zz-status", "status" },
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autofree char *incident_text = NULL;
  g_autofree char *fixtures = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "valid-incident.json", NULL);
  GdSyncReport report = { 0 };
  double seconds;

  g_ptr_array_add (texts, household_variant (f, poisons[0].id, other_village));
  g_ptr_array_add (texts, household_variant (f, poisons[1].id, new_number));
  g_ptr_array_add (texts, household_variant (f, poisons[2].id, wrong_check_digit));
  g_ptr_array_add (texts, household_variant (f, poisons[3].id, members_as_string));
  g_ptr_array_add (texts, household_variant (f, poisons[4].id, NULL));
  g_ptr_array_add (texts, household_variant (f, poisons[5].id, NULL));
  g_ptr_array_add (texts, household_variant (f, poisons[6].id, NULL));
  /* "_id": "household:zz-cut\u0000../evil", written by hand: json-glib would not */
  {
    g_autofree char *text = household_variant (f, "household:zz-cut", new_number);
    g_autofree char *cut = NULL;
    char *at = strstr (text, "\"household:zz-cut\"");
    g_assert_nonnull (at);
    at[strlen ("\"household:zz-cut")] = '\0';
    cut = g_strconcat (text, "\\u0000../evil\"", at + strlen ("\"household:zz-cut\""), NULL);
    g_ptr_array_add (texts, g_steal_pointer (&cut));
  }
  g_ptr_array_add (texts, g_strdup ("{\"_id\":12345,\"_rev\":\"1-n\",\"type\":\"household\"}"));
  g_ptr_array_add (texts, g_strdup ("{\"_id\":\"_design/evil\",\"_rev\":\"1-d\",\"views\":{}}"));
  g_ptr_array_add (texts, g_strdup ("{\"_id\":\"_local/evil\",\"_rev\":\"1-l\"}"));
  g_assert_true (g_file_get_contents (fixtures, &incident_text, NULL, NULL));
  incident = gd_json_parse_object (incident_text, -1, NULL);
  json_object_set_string_member (incident, "_id", poisons[11].id);
  json_object_set_string_member (incident, "_rev", "1-i");
  json_object_set_string_member (incident, "grid", FIXTURE_GRID);
  json_object_set_string_member (incident, "status", "teleported");
  g_ptr_array_add (texts, gd_json_to_string (incident, FALSE));

  /* all of them in the first sync (_all_docs, the household reader's path), then all again
   * as new changes (_changes, json-glib's path), then one more sync: none of it stops one */
  hostile_docs (f->hostile, texts, NULL, NULL);
  error = sync_once (f, f->hostile->url, 3, 0, &report, &seconds);
  g_assert_no_error (error);
  g_assert_cmpuint (report.quarantined, ==, G_N_ELEMENTS (poisons));
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 6);
  entries = gd_store_sync_quarantined (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (poisons));
  g_clear_pointer (&entries, g_ptr_array_unref);
  hostile_docs (f->hostile, texts, NULL, NULL);
  memset (&report, 0, sizeof report);
  error = sync_once (f, f->hostile->url, 3, 0, &report, &seconds);
  g_assert_no_error (error);
  g_assert_cmpuint (report.quarantined, ==, G_N_ELEMENTS (poisons));
  error = sync_once (f, f->hostile->url, 3, 0, &report, &seconds);
  g_assert_no_error (error);
  g_assert_null (gd_store_get (f->store, "household:zz-cut", NULL));

  /* the valid documents are all here, none of the others */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 5);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_GRID, NULL), ==, 1);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 6);
  entries = gd_store_sync_quarantined (f->store, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (poisons); i++)
    {
      GdSyncQuarantined *entry = find_quarantined (entries, poisons[i].id);

      if (entry == NULL)
        g_error ("%s is not in the quarantine", poisons[i].id);
      g_test_message ("quarantined %s (%s): %s", entry->doc_id, entry->rev, entry->reason);
      g_assert_nonnull (entry->rev);
      g_assert_cmpstr (entry->codes_version, ==, gd_store_sync_codes_version ());
      if (strstr (entry->reason, poisons[i].words) == NULL)
        g_error ("%s: “%s” does not say “%s”", poisons[i].id, entry->reason, poisons[i].words);
    }
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (poisons));
}

/* An upgrade brings newer code tables: what the old ones refused is tried again. Here the
 * stored text of one entry is mended by hand to stand for what the new tables would accept. */
static void
test_retry_after_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mended = gd_json_parse_object (f->household0, -1, NULL);
  g_autofree char *mended_text = NULL;
  char *sql;
  GdSyncQuarantined *entry;

  g_ptr_array_add (texts, household_variant (f, "household:zz-members-string", members_as_string));
  g_ptr_array_add (texts, household_variant (f, "household:zz-other-village", other_village));
  hostile_docs (f->hostile, texts, NULL, NULL);
  error = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (error);
  entries = gd_store_sync_quarantined (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* a sync without an upgrade leaves them be */
  error = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 5);

  json_object_set_string_member (mended, "_id", "household:zz-members-string");
  json_object_set_string_member (mended, "_rev", "1-p");
  json_object_set_string_member (mended, "number", "0777");
  {
    JsonArray *members = json_array_new ();
    json_array_add_object_element (members, fixture_member ("m1", "上官婉儿", "02", "2", "19850312", 777));
    json_object_set_array_member (mended, "members", members);
  }
  mended_text = gd_json_to_string (mended, FALSE);
  sql = sqlite3_mprintf ("UPDATE sync_quarantine SET codes_version = 'older';"
                         "UPDATE sync_quarantine SET body = %Q WHERE doc_id = 'household:zz-members-string';",
                         mended_text);
  g_assert_true (gd_store_exec (f->store, sql, &error));
  sqlite3_free (sql);
  error = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, 6);
  entries = gd_store_sync_quarantined (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entries->pdata[0];
  g_assert_cmpstr (entry->doc_id, ==, "household:zz-other-village");
  /* tried again with these tables, and stamped with them */
  g_assert_cmpstr (entry->codes_version, ==, gd_store_sync_codes_version ());
}

/* The server refuses a push with a reason full of terminal escapes: kept escaped. */
static void
test_refusal_escaped (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(JsonObject) first = gd_json_parse_object (f->household0, -1, NULL);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *id = NULL;
  GdSyncReport report = { 0 };
  const char *reason;

  g_assert_true (gd_store_init_scope (f->store, FIXTURE_VILLAGE, "新兴村", "tester", &error));
  error = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (error);
  doc = gd_store_get (f->store, gd_json_get_string (first, "_id"), &error);
  g_assert_no_error (error);
  json_object_set_string_member (doc, "address", "新兴村三组 8 号");
  id = gd_store_put (f->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  hostile_mode (f->hostile, "forbid", NULL);
  error = sync_once (f, f->hostile->url, 0, 0, &report, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (report.rejected, ==, 1);
  rejected = gd_store_sync_rejections (f->store, &error);
  g_assert_cmpuint (rejected->len, ==, 1);
  reason = ((GdSyncRejection *) rejected->pdata[0])->reason;
  g_test_message ("kept reason: %s", reason);
  g_assert_null (strchr (reason, '\033'));
  g_assert_null (strstr (reason, "\u202e"));
  g_assert_nonnull (strstr (reason, "\\x1B[2J"));
  g_assert_nonnull (strstr (reason, "\\u202E"));
  g_assert_nonnull (strstr (reason, "村民"));
}

/* `griddesk-ctl conflicts` lists refused documents (text and --json); a first sync cut off
 * is "unfinished", not "damaged". */
static char *
run_ctl_on (Fixture *f, const char *file, const char *command, const char *option, int *status)
{
  const char *ctl = g_getenv ("GRIDDESK_CTL");
  g_autofree char *db = g_build_filename (f->dir, file, NULL);
  const char *argv[] = { ctl, "--db", db, command, option, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static char *
run_ctl (Fixture *f, const char *command, const char *option, int *status)
{
  return run_ctl_on (f, "ws.sqlite", command, option, status);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *check = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  int status = 0;

  /* a reason with a terminal escape in it comes out escaped */
  g_ptr_array_add (texts, g_strdup ("{\"_id\":\"household:zz-\\u001b[31mred\",\"_rev\":\"1-e\","
                                    "\"type\":\"household\"}"));
  hostile_docs (f->hostile, texts, NULL, NULL);
  error = sync_once (f, f->hostile->url, 0, 0, NULL, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&f->store, gd_store_free);

  text = run_ctl (f, "conflicts", NULL, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (text, "household:zz-\\x1B[31mred"));
  g_assert_nonnull (strstr (text, "not stored from the server"));
  g_assert_null (strchr (text, '\033'));
  json = run_ctl (f, "conflicts", "--json", &status);
  parsed = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (parsed)), ==, 1);
  g_assert_cmpstr (gd_json_get_string (json_array_get_object_element (json_node_get_array (parsed), 0), "kind"),
                   ==, "quarantined");
  check = run_ctl (f, "check", NULL, &status);
  g_assert_nonnull (strstr (check, "ok:"));
  {
    g_autofree char *path = g_build_filename (f->dir, "ws.sqlite", NULL);
    f->store = gd_store_open (path, NULL);
  }
}

static void
test_cli_unfinished (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *component = NULL;
  g_autofree char *fixtures = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "valid-component.json", NULL);
  g_autoptr(JsonObject) doc = NULL;
  int status = 0;

  /* a component sorts before the grid it lies in: a first sync cut after it leaves it
   * pointing at a grid not here yet */
  g_assert_true (g_file_get_contents (fixtures, &component, NULL, NULL));
  doc = gd_json_parse_object (component, -1, NULL);
  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  g_ptr_array_add (texts, with_rev (doc, "1-c"));
  hostile_docs (f->hostile, texts, NULL, NULL);
  hostile_mode (f->hostile, "ignore-startkey", NULL);
  error = sync_once (f, f->hostile->url, 1, 0, NULL, NULL);
  g_assert_nonnull (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 1);
  g_clear_pointer (&f->store, gd_store_free);
  check = run_ctl (f, "check", NULL, &status);
  g_test_message ("%s", check);
  g_assert_nonnull (strstr (check, "unfinished first sync"));
  g_assert_nonnull (strstr (check, "the next sync finishes it"));
  g_assert_null (strstr (check, "damaged"));
  g_assert_null (strstr (check, "\nerror "));
  g_assert_true (g_str_has_prefix (check, "warning ")); /* the grid not here yet */
  /* a warning, not damage: exit 0 */
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* real damage in a store whose first sync is unfinished still exits 1 */
  {
    g_autofree char *path = g_build_filename (f->dir, "ws.sqlite", NULL);
    g_autofree char *copy = g_build_filename (f->dir, "damaged.sqlite", NULL);
    g_autofree char *bytes = NULL;
    g_autofree char *damaged = NULL;
    gsize length = 0;
    g_autoptr(GError) open_error = NULL;
    GdStore *store;

    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
    store = gd_store_open (copy, &open_error);
    g_assert_no_error (open_error);
    g_assert_cmpint (sqlite3_exec (gd_store_get_db (store),
                                   "UPDATE documents SET body = '[1]'", NULL, NULL, NULL), ==, SQLITE_OK);
    gd_store_free (store);
    damaged = run_ctl_on (f, "damaged.sqlite", "check", NULL, &status);
    g_test_message ("%s", damaged);
    g_assert_nonnull (strstr (damaged, "damaged"));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }

  /* the next sync finishes it, and the file is clean (teardown) */
  hostile_mode (f->hostile, "normal", NULL);
  {
    g_autofree char *path = g_build_filename (f->dir, "ws.sqlite", NULL);
    f->store = gd_store_open (path, NULL);
  }
  g_clear_error (&error);
  error = sync_once (f, f->hostile->url, 1, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_UNKNOWN, NULL), ==, 7);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/sync-hostile/" name, Fixture, NULL, setup, func, teardown)
#define ADD_OWN_SERVER(name, func) \
  g_test_add ("/sync-hostile/" name, Fixture, GINT_TO_POINTER (1), setup, func, teardown)
  ADD ("ignores-startkey", test_ignores_startkey);
  ADD ("changes-stuck", test_changes_stuck);
  ADD ("endless-reply", test_endless_reply);
  ADD ("slow-drip", test_slow_drip);
  ADD ("fat-pages", test_fat_pages);
  ADD ("huge-attachment", test_huge_attachment);
  ADD ("huge-attachment-lying", test_huge_attachment_lying);
  ADD ("bad-digest", test_bad_digest);
  ADD ("short-attachment", test_short_attachment);
  ADD ("redirect-other-host", test_redirect_other_host);
  ADD ("redirect-refused-url", test_redirect_refused_url);
  ADD_OWN_SERVER ("redirect-https-to-http", test_redirect_https_to_http);
  ADD ("checkpoint-other-host", test_checkpoint_other_host);
  ADD ("poison", test_poison);
  ADD ("retry-after-upgrade", test_retry_after_upgrade);
  ADD ("refusal-escaped", test_refusal_escaped);
  ADD ("cli", test_cli);
  ADD ("cli-unfinished", test_cli_unfinished);
  return g_test_run ();
}
