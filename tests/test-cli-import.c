/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl import and export end to end: the real binary ($GRIDDESK_CTL) on a fresh
 * database, fixtures from openpyxl and Python's gb18030 codec; exit statuses per CLI.md.
 * Also the rest of the loop: incident register and feedback, attach, patrol. */
#define G_LOG_DOMAIN "test-cli-import"
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "gd-test-fixtures.h"
#include "gd-test-import.h"

typedef struct {
  StoreFixture store;
  char        *good;   /* GB18030 CSV */
  char        *bad;    /* workbook with three spoiled rows */
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* griddesk-ctl --db DB args... */
static void
ctl (Fixture *fixture, Run *run, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GRIDDESK_CTL"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->store.path);
  va_start (args, run);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (fixture->store.dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) good = NULL;
  g_autoptr(JsonNode) bad = NULL;

  store_fixture_setup (&fixture->store, data);
  /* the binary opens the database itself */
  g_clear_pointer (&fixture->store.store, gd_store_free);
  fixture->good = g_build_filename (fixture->store.dir, "register.csv", NULL);
  fixture->bad = g_build_filename (fixture->store.dir, "bad.xlsx", NULL);
  good = import_fixture_make ("register", fixture->good, "--persons", "300", "--households", "90",
                              "--encoding", "gb18030", NULL);
  bad = import_fixture_make ("register", fixture->bad, "--bad", NULL);
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  g_free (fixture->good);
  g_free (fixture->bad);
  store_fixture_teardown (&fixture->store, data);
}

static gint64
households (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = gd_store_open (fixture->store.path, &error);

  g_assert_no_error (error);
  return gd_store_count (store, GD_DOC_HOUSEHOLD, NULL);
}

static void
test_import (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) dry = { 0 };
  g_auto(Run) real = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) text = { 0 };

  ctl (fixture, &dry, "import", "household", fixture->good, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "dry run: 300 rows: 90 new households"));
  g_assert_cmpint (households (fixture), ==, 0);

  ctl (fixture, &real, "import", "household", fixture->good, "--encoding", "gb18030", NULL);
  g_assert_cmpint (real.status, ==, 0);
  g_assert_cmpint (households (fixture), ==, 90);

  ctl (fixture, &text, "import", "household", fixture->good, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "... and 280 more like these"));

  ctl (fixture, &again, "import", "household", fixture->good, "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "\"new_households\":0"));
  g_assert_nonnull (strstr (again.out, "\"updated_persons\":300"));
  g_assert_cmpint (households (fixture), ==, 90);
}

/* import --list and --undo: the import named in the report goes away whole, once */
static void
test_import_undo (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) real = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) missing = { 0 };

  ctl (fixture, &real, "import", "household", fixture->good, NULL);
  g_assert_cmpint (real.status, ==, 0);
  g_assert_nonnull (strstr (real.out, "import 1 (griddesk-ctl import --undo 1 undoes it)"));
  ctl (fixture, &list, "import", "--list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "\"created\":90"));
  g_assert_nonnull (strstr (list.out, "\"undone_at\":null"));

  ctl (fixture, &undo, "import", "--undo", "1", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_cmpint (households (fixture), ==, 0);
  ctl (fixture, &again, "import", "--undo", "1", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "undone already"));
  ctl (fixture, &missing, "import", "--undo", "7", NULL);
  g_assert_cmpint (missing.status, !=, 0);
  g_assert_nonnull (strstr (missing.err, "no import 7"));
  ctl (fixture, &usage, "import", "--undo", "x", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

static void
test_import_refused (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };

  ctl (fixture, &run, "import", "household", fixture->bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "row 58, 公民身份号码: check digit should be "));
  g_assert_nonnull (strstr (run.err, "row 101, 民族: '火星族' is not in the ethnicity code list"));
  g_assert_nonnull (strstr (run.err, "row 1501, 姓名: is required"));
  g_assert_nonnull (strstr (run.err, "nothing was imported: 3 problems"));
  g_assert_cmpint (households (fixture), ==, 0);
}

static void
test_error_workbook (Fixture *fixture, gconstpointer data)
{
  g_autofree char *errors = g_build_filename (fixture->store.dir, "problems.xlsx", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(JsonNode) rows = NULL;
  JsonArray *array, *header, *row;
  guint last;
  GStatBuf st;

  ctl (fixture, &run, "import", "household", fixture->bad, "--errors", errors, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "problems.xlsx"));
  g_assert_cmpint (g_stat (errors, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* the original rows, the reasons in a last column beside the refused ones */
  rows = import_fixture_make ("read", errors, NULL);
  array = json_node_get_array (rows);
  g_assert_cmpuint (json_array_get_length (array), ==, 2001);
  header = json_array_get_array_element (array, 0);
  last = json_array_get_length (header) - 1;
  g_assert_cmpstr (json_array_get_string_element (header, 0), ==, "户号");
  g_assert_cmpstr (json_array_get_string_element (header, last), ==, "Problems");
  row = json_array_get_array_element (array, 57);  /* row 58 */
  g_assert_true (g_str_has_prefix (json_array_get_string_element (row, last), "公民身份号码: check digit"));
  row = json_array_get_array_element (array, 58);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (row, last)));

  /* imported again unfixed, the reasons column is ignored and the same rows are refused */
  ctl (fixture, &again, "import", "household", errors, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "row 58, 公民身份号码"));
  g_assert_nonnull (strstr (again.err, "nothing was imported: 3 problems"));
}

static void
test_import_statuses (Fixture *fixture, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (fixture->store.dir, "missing.csv", NULL);
  struct {
    const char *args[6];
    int         status;
    const char *says;
  } cases[] = {
    { { "import", "household", fixture->good, "--encoding", "utf-8", NULL }, 1, "not valid UTF-8" },
    { { "import", "person", fixture->good, NULL }, 1, "cannot import" },
    { { "import", "household", missing, NULL }, 3, "missing.csv" },
    { { "import", "household", NULL }, 2, "import needs" },
    { { "import", "household", fixture->good, "--encoding", "latin1", NULL }, 2, "unknown encoding" },
    { { "import", "household", fixture->good, "--sheet", "户籍", NULL }, 2, "--sheet is for workbooks" },
    { { "import", "household", fixture->bad, "--sheet", "没有", NULL }, 1, "no sheet named" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      ctl (fixture, &run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
           cases[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].says));
    }
  g_assert_cmpint (households (fixture), ==, 0);
}

static void
test_export (Fixture *fixture, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (fixture->store.dir, "persons.xlsx", NULL);
  g_autofree char *csv = g_build_filename (fixture->store.dir, "households.csv", NULL);
  g_autofree char *txt = g_build_filename (fixture->store.dir, "persons.txt", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) revealed = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(JsonNode) rows = NULL;
  JsonArray *first;
  GStatBuf st;

  ctl (fixture, &import, "import", "household", fixture->good, NULL);
  g_assert_cmpint (import.status, ==, 0);

  ctl (fixture, &run, "export", "person", "-o", xlsx, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "300 rows to "));
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  rows = import_fixture_make ("read", xlsx, NULL);
  first = json_array_get_array_element (json_node_get_array (rows), 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (first, 4), "3209**********"));

  ctl (fixture, &revealed, "export", "households", "--grid", FIXTURE_GRID, "-o", csv,
       "--encoding", "gb18030", "--reveal", NULL);
  g_assert_cmpint (revealed.status, ==, 0);
  g_assert_nonnull (strstr (revealed.out, "90 rows"));
  g_assert_nonnull (strstr (revealed.out, "(unmasked)"));

  /* a mediator works on disputes, not the register: no full numbers */
  {
    g_autofree char *forbidden = g_build_filename (fixture->store.dir, "forbidden.csv", NULL);
    g_auto(Run) mediator = { 0 };

    ctl (fixture, &mediator, "export", "person", "-o", forbidden, "--reveal", "--role", "mediator", NULL);
    g_assert_cmpint (mediator.status, ==, 1);
    g_assert_nonnull (strstr (mediator.err, "may not export full ID"));
    g_assert_false (g_file_test (forbidden, G_FILE_TEST_EXISTS));
  }

  ctl (fixture, &wrong, "export", "person", "-o", txt, NULL);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  ctl (fixture, &unknown, "export", "grid", "-o", xlsx, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
}

/* `ctl` with a file as standard input */
static void
ctl_with_input (Fixture *fixture, Run *run, const char *input, const char *a1, const char *a2,
                const char *a3)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "input.json", NULL);

  g_assert_true (g_file_set_contents (path, input, -1, NULL));
  if (a3 != NULL)
    ctl (fixture, run, a1, a2, a3, path, NULL);
  else
    ctl (fixture, run, a1, a2, path, NULL);
}

static char *
first_word (const char *text)
{
  return g_strndup (text, strcspn (text, " \n"));
}

static void
test_loop (Fixture *fixture, gconstpointer data)
{
  g_autofree char *png = g_build_filename (fixture->store.dir, "photo.png", NULL);
  g_autofree char *incident = NULL;
  g_autofree char *patrol = NULL;
  g_auto(Run) reg = { 0 };
  g_auto(Run) feedback = { 0 };
  g_auto(Run) bad_feedback = { 0 };
  g_auto(Run) attach = { 0 };
  g_auto(Run) not_image = { 0 };
  g_auto(Run) start = { 0 };
  g_auto(Run) finding = { 0 };
  g_auto(Run) end = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) get = { 0 };
  /* a 1x1 PNG */
  static const guint8 image[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
    0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };

  ctl_with_input (fixture, &reg, "{\"grid\": \"" FIXTURE_GRID "\", \"title\": \"路灯不亮\", "
                  "\"category\": \"SR\", \"location\": {\"address\": \"新兴村3组\"}}",
                  "incident", "register", NULL);
  g_assert_cmpint (reg.status, ==, 0);
  g_assert_nonnull (strstr (reg.out, " SJ-"));
  incident = first_word (reg.out);

  ctl (fixture, &feedback, "incident", "feedback", incident, "--satisfaction", "satisfied",
       "--note", "很好", NULL);
  g_assert_cmpint (feedback.status, ==, 0);
  ctl (fixture, &bad_feedback, "incident", "feedback", incident, "--satisfaction", "meh", NULL);
  g_assert_cmpint (bad_feedback.status, ==, 1);
  g_assert_nonnull (strstr (bad_feedback.err, "feedback.satisfaction"));

  g_assert_true (g_file_set_contents (png, (const char *) image, sizeof image, NULL));
  ctl (fixture, &attach, "attach", "incident", incident, png, NULL);
  g_assert_cmpint (attach.status, ==, 0);
  g_assert_nonnull (strstr (attach.out, "photo.png image/png"));
  ctl (fixture, &not_image, "attach", "incident", incident, fixture->good, NULL);
  g_assert_cmpint (not_image.status, ==, 1);

  ctl (fixture, &get, "get", "incident", incident, NULL);
  g_assert_nonnull (strstr (get.out, "\"satisfaction\" : \"satisfied\""));
  g_assert_nonnull (strstr (get.out, "photo.png"));

  ctl (fixture, &start, "patrol", "start", "--grid", FIXTURE_GRID, "--kind", "daily", NULL);
  g_assert_cmpint (start.status, ==, 0);
  patrol = first_word (start.out);
  g_assert_true (g_str_has_prefix (patrol, "patrol:"));
  ctl_with_input (fixture, &finding, "{\"title\": \"井盖缺失\", \"category\": \"SR\", "
                  "\"location\": {\"address\": \"新兴村4组\"}}", "patrol", "finding", patrol);
  g_assert_cmpint (finding.status, ==, 0);
  g_assert_true (g_str_has_prefix (finding.out, "incident:"));
  ctl (fixture, &end, "patrol", "end", patrol, "--notes", "一切正常", NULL);
  g_assert_cmpint (end.status, ==, 0);
  ctl (fixture, &again, "patrol", "end", patrol, NULL);
  g_assert_cmpint (again.status, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/import/household", Fixture, NULL, setup, test_import, teardown);
  g_test_add ("/cli/import/refused", Fixture, NULL, setup, test_import_refused, teardown);
  g_test_add ("/cli/import/undo", Fixture, NULL, setup, test_import_undo, teardown);
  g_test_add ("/cli/import/error-workbook", Fixture, NULL, setup, test_error_workbook, teardown);
  g_test_add ("/cli/import/statuses", Fixture, NULL, setup, test_import_statuses, teardown);
  g_test_add ("/cli/export", Fixture, NULL, setup, test_export, teardown);
  g_test_add ("/cli/loop", Fixture, NULL, setup, test_loop, teardown);
  return g_test_run ();
}
