/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Household import from a workbook written by openpyxl and a CSV encoded to GB18030 by
 * Python: 2,000 persons in 600 households, with and without deliberate mistakes. */
#define G_LOG_DOMAIN "test-import"
#include "config.h"

#include "gd-error.h"
#include "gd-import.h"
#include "gd-test-fixtures.h"
#include "gd-test-import.h"

typedef struct {
  StoreFixture store;
  char        *good;     /* register.xlsx: a merged title above the header */
  char        *bad;      /* bad.csv: GB18030, three spoiled rows */
  JsonObject  *summary;  /* what make-fixtures.py wrote */
  JsonArray   *spoiled;  /* [[row, column]] */
} Fixture;

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) good = NULL;
  g_autoptr(JsonNode) bad = NULL;

  store_fixture_setup (&fixture->store, data);
  fixture->good = g_build_filename (fixture->store.dir, "register.xlsx", NULL);
  fixture->bad = g_build_filename (fixture->store.dir, "bad.csv", NULL);
  good = import_fixture_make ("register", fixture->good, "--title", NULL);
  bad = import_fixture_make ("register", fixture->bad, "--bad", "--encoding", "gb18030", NULL);
  fixture->summary = json_object_ref (json_node_get_object (good));
  fixture->spoiled = json_array_ref (json_object_get_array_member (json_node_get_object (bad), "spoiled"));
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  json_object_unref (fixture->summary);
  json_array_unref (fixture->spoiled);
  g_free (fixture->good);
  g_free (fixture->bad);
  store_fixture_teardown (&fixture->store, data);
}

/* Reads, maps (with an optional JSON mapping) and imports `path`. */
static gboolean
run_import (Fixture *fixture, const char *path, const char *mapping_json, gboolean dry_run,
            GdImportReport *report, GError **error)
{
  g_autoptr(GdTable) table = gd_import_read_file (path, NULL, GD_CSV_ENCODING_AUTO, error);
  g_autoptr(GdImportMapping) mapping = NULL;
  GdImportOptions options = { dry_run, "tester", NULL };

  g_assert_nonnull (table);
  mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, error);
  g_assert_nonnull (mapping);
  if (mapping_json != NULL)
    g_assert_true (gd_import_mapping_load (mapping, mapping_json, strlen (mapping_json), error));
  return gd_import_run (fixture->store.store, table, mapping, &options, report, error);
}

static JsonObject *
household_of (GdStore *store, const char *id_number)
{
  g_autofree char *id = gd_store_find_id_holder (store, id_number, NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *doc;

  g_assert_nonnull (id);
  doc = gd_store_get (store, id, &error);
  g_assert_no_error (error);
  return doc;
}

static void
test_good_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  JsonObject *expected = json_object_get_object_member (fixture->summary, "first");
  JsonArray *ids = json_object_get_array_member (fixture->summary, "ids");
  JsonObject *head;
  GdStore *store = fixture->store.store;
  gint64 persons = json_object_get_int_member (fixture->summary, "persons");
  gint64 households = json_object_get_int_member (fixture->summary, "households");

  g_assert_true (run_import (fixture, fixture->good, NULL, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, persons);
  g_assert_cmpuint (report->new_households, ==, households);
  g_assert_cmpuint (report->new_persons, ==, persons);
  g_assert_cmpuint (report->updated_persons, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, households);
  g_assert_cmpint (gd_store_count_persons (store, NULL), ==, persons);

  /* codes matched by name, grouping by 户号, dates from serials */
  first = household_of (store, json_array_get_string_element (ids, 0));
  g_assert_cmpstr (gd_json_get_string (first, "number"), ==, json_object_get_string_member (expected, "户号"));
  g_assert_cmpstr (gd_json_get_string (first, "address"), ==, json_object_get_string_member (expected, "现住址"));
  g_assert_cmpstr (gd_json_get_string (first, "grid"), ==, FIXTURE_GRID);
  head = json_array_get_object_element (gd_json_get_array (first, "members"), 0);
  g_assert_cmpstr (gd_json_get_string (head, "name"), ==, json_object_get_string_member (expected, "姓名"));
  g_assert_cmpstr (gd_json_get_string (head, "relation"), ==, "02");
  g_assert_cmpstr (gd_json_get_string (head, "ethnicity"), ==, "01");   /* 汉族 */
  g_assert_cmpstr (gd_json_get_string (head, "sex"), ==, "1");          /* 男 */
  g_assert_cmpstr (gd_json_get_string (head, "education"), ==, "60");   /* 高中 */
  g_assert_cmpstr (gd_json_get_string (head, "birth_date"), ==, json_object_get_string_member (expected, "出生日期"));
  g_assert_cmpstr (gd_json_get_string (head, "phone"), ==, json_object_get_string_member (expected, "联系电话"));
  g_assert_cmpstr (gd_json_get_string (head, "id_number"), ==, json_array_get_string_element (ids, 0));

  /* the import as a whole is on the record */
  {
    g_autoptr(GPtrArray) audit = gd_store_get_audit (store, NULL, 1, &error);
    GdAuditEntry *entry = g_ptr_array_index (audit, 0);

    g_assert_cmpstr (entry->action, ==, "import");
    g_assert_nonnull (strstr (entry->detail, "2000 rows, 600 new"));
  }
}

static void
test_merged_cells (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "merged.xlsx", NULL);
  g_autoptr(JsonNode) made = import_fixture_make ("register", path, "--merged", "--persons", "300",
                                                  "--households", "90", NULL);
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *summary = json_node_get_object (made);
  g_autoptr(JsonObject) household = NULL;
  JsonArray *members;

  /* 户号 and 现住址 merged over each household's rows reach every member */
  g_assert_true (run_import (fixture, path, NULL, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->new_households, ==, 90);
  g_assert_cmpuint (report->new_persons, ==, 300);
  household = household_of (fixture->store.store,
                            json_array_get_string_element (json_object_get_array_member (summary, "ids"), 1));
  members = gd_json_get_array (household, "members");
  g_assert_cmpuint (json_array_get_length (members), >, 1);
  g_assert_cmpstr (gd_json_get_string (household, "address"), !=, NULL);
}

static void
test_bad_row_refuses_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (run_import (fixture, fixture->bad, NULL, FALSE, report, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "nothing was imported: 3 problems");
  /* every problem, by row and column, in row order */
  g_assert_cmpuint (report->problems->len, ==, json_array_get_length (fixture->spoiled));
  for (guint i = 0; i < report->problems->len; i++)
    {
      GdImportProblem *problem = g_ptr_array_index (report->problems, i);
      JsonArray *where = json_array_get_array_element (fixture->spoiled, i);

      g_assert_cmpuint (problem->row, ==, json_array_get_int_element (where, 0));
      g_assert_cmpstr (problem->column, ==, json_array_get_string_element (where, 1));
    }
  {
    g_autofree char *line = gd_import_problem_to_string (g_ptr_array_index (report->problems, 0));
    g_assert_true (g_str_has_prefix (line, "row 58, 公民身份号码: check digit should be "));
  }
  g_assert_cmpuint (report->refused_rows, ==, 3);
  /* nothing written */
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (gd_store_count_persons (fixture->store.store, NULL), ==, 0);
}

static void
test_dry_run (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (run_import (fixture, fixture->good, NULL, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->new_households, ==, json_object_get_int_member (fixture->summary, "households"));
  g_assert_cmpuint (report->new_persons, ==, json_object_get_int_member (fixture->summary, "persons"));
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
}

static void
test_twice_updates (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) first = gd_import_report_new ();
  g_autoptr(GdImportReport) second = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) household = NULL;
  JsonArray *ids = json_object_get_array_member (fixture->summary, "ids");
  const char *id_number = json_array_get_string_element (ids, 0);
  gint64 persons = json_object_get_int_member (fixture->summary, "persons");
  gint64 households = json_object_get_int_member (fixture->summary, "households");
  g_autofree char *mapping = NULL;
  JsonObject *head;

  g_assert_true (run_import (fixture, fixture->good, NULL, FALSE, first, &error));
  g_assert_no_error (error);
  /* the register changes one person by hand; the file brings the old phone back */
  household = household_of (fixture->store.store, id_number);
  head = json_array_get_object_element (gd_json_get_array (household, "members"), 0);
  json_object_set_string_member (head, "phone", "13800000000");
  json_object_set_string_member (head, "notes", "kept");
  g_free (gd_store_put (fixture->store.store, household, "tester", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (run_import (fixture, fixture->good, NULL, FALSE, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->new_households, ==, 0);
  g_assert_cmpuint (second->new_persons, ==, 0);
  g_assert_cmpuint (second->updated_persons, ==, persons);
  g_assert_cmpuint (second->updated_households, ==, 1);
  g_assert_cmpuint (second->unchanged_households, ==, households - 1);
  g_assert_cmpuint (second->notes->len, ==, persons);
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_HOUSEHOLD, NULL), ==, households);
  g_assert_cmpint (gd_store_count_persons (fixture->store.store, NULL), ==, persons);

  g_clear_pointer (&household, json_object_unref);
  household = household_of (fixture->store.store, id_number);
  head = json_array_get_object_element (gd_json_get_array (household, "members"), 0);
  g_assert_cmpstr (gd_json_get_string (head, "phone"), ==, "13900000001");
  g_assert_cmpstr (gd_json_get_string (head, "notes"), ==, "kept");


  (void) mapping;
}

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  guint         last;
} Progress;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, progress->last);
  progress->calls++;
  progress->last = done;
  /* the user presses Cancel half way */
  if (done >= total / 2)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdTable) table = gd_import_read_file (fixture->good, NULL, GD_CSV_ENCODING_AUTO, NULL);
  g_autoptr(GdImportMapping) mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, NULL);
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { cancellable };
  GdImportOptions options = { FALSE, "tester", NULL, NULL, cancellable, on_progress, &progress };

  g_assert_false (gd_import_run (fixture->store.store, table, mapping, &options, report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.last, <, 2000);
  /* rolled back: nothing of the first half stays */
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
}

static void
test_without_ids (Fixture *fixture, gconstpointer data)
{
  const char *no_ids = "{\"columns\": {\"公民身份号码\": null}}";
  g_autoptr(GdImportReport) first = gd_import_report_new ();
  g_autoptr(GdImportReport) second = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 persons = json_object_get_int_member (fixture->summary, "persons");
  gint64 households = json_object_get_int_member (fixture->summary, "households");

  /* persons without ID numbers are known by name and birth date, households by 户号 */
  g_assert_true (run_import (fixture, fixture->good, no_ids, FALSE, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->new_persons, ==, persons);
  g_assert_true (run_import (fixture, fixture->good, no_ids, FALSE, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->new_households, ==, 0);
  g_assert_cmpuint (second->new_persons, ==, 0);
  g_assert_cmpuint (second->unchanged_households, ==, households);
  g_assert_cmpint (gd_store_count_persons (fixture->store.store, NULL), ==, persons);
}

static void
test_mapping_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;

  /* ignoring 民族 drops that column's problem; the others stay */
  g_assert_false (run_import (fixture, fixture->bad, "{\"columns\": {\"民族\": null}}", FALSE,
                              report, &error));
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpuint (((GdImportProblem *) g_ptr_array_index (report->problems, 0))->row, ==, 58);
  g_assert_cmpuint (((GdImportProblem *) g_ptr_array_index (report->problems, 1))->row, ==, 1501);
}

static void
test_households_by_head (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;

  /* without 户号 a household begins at each 户主 */
  g_assert_true (run_import (fixture, fixture->good, "{\"columns\": {\"户号\": null}}", TRUE,
                             report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->new_households, ==, json_object_get_int_member (fixture->summary, "households"));
}

static void
test_rounded_id (Fixture *fixture, gconstpointer data)
{
  /* what Excel writes to CSV when an ID column was left as numbers */
  static const char csv[] = "户号,姓名,与户主关系,公民身份号码,现住址\r\n"
                            "H1,王芳,户主,3.20902E+17,新兴村1组\r\n";
  g_autofree char *path = g_build_filename (fixture->store.dir, "rounded.csv", NULL);
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  GdImportProblem *problem;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_assert_false (run_import (fixture, path, NULL, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 1);
  problem = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (problem->row, ==, 2);
  g_assert_cmpstr (problem->column, ==, "公民身份号码");
  g_assert_true (g_str_has_prefix (problem->message, "was stored as a number and Excel has rounded it"));
}

static void
test_bad_mapping (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdTable) table = gd_import_read_file (fixture->good, NULL, GD_CSV_ENCODING_AUTO, NULL);
  g_autoptr(GdImportMapping) mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, NULL);
  const char *cases[] = {
    "{\"columns\": {\"没有这列\": \"name\"}}",
    "{\"columns\": {\"姓名\": \"shoe_size\"}}",
    "{\"header_row\": 99999}",
    "{\"header_row\": {\"a\": 1}}",
    "{\"header_row\": \"2\"}",
    "{\"columns\": [\"姓名\"]}",
    "{\"columns\": {\"姓名\": 7}}",
    "[1,2]",
  };

  /* the title is row 1, the header row 2 */
  g_assert_cmpuint (gd_table_get_row (table, gd_import_mapping_header_index (mapping))->number, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gd_import_mapping_load (mapping, cases[i], strlen (cases[i]), &error));
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
    }
}

static gboolean
run_incidents (Fixture *fixture, const char *path, GdImportReport *report, GError **error)
{
  g_autoptr(GdTable) table = gd_import_read_file (path, NULL, GD_CSV_ENCODING_AUTO, error);
  g_autoptr(GdImportMapping) mapping = NULL;
  GdImportOptions options = { FALSE, "tester", NULL };

  g_assert_nonnull (table);
  mapping = gd_import_mapping_guess (GD_IMPORT_INCIDENT, table, error);
  g_assert_nonnull (mapping);
  return gd_import_run (fixture->store.store, table, mapping, &options, report, error);
}

static void
test_incidents (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "orders.xlsx", NULL);
  g_autoptr(JsonNode) made = import_fixture_make ("incidents", path, NULL);
  g_autoptr(GdImportReport) first = gd_import_report_new ();
  g_autoptr(GdImportReport) second = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  GdListQuery query = { .type = GD_DOC_INCIDENT };
  JsonObject *doc;

  g_assert_true (run_incidents (fixture, path, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->new_households, ==, 20);
  docs = gd_store_list (fixture->store.store, &query, &error);
  g_assert_cmpuint (docs->len, ==, 20);
  doc = g_ptr_array_index (docs, 0);
  /* registered as the form registers: number, status, first timeline entry */
  g_assert_cmpstr (gd_json_get_string (doc, "number"), ==, "SJ-2026-000001");
  g_assert_cmpstr (gd_json_get_string (doc, "status"), ==, "registered");
  g_assert_cmpstr (gd_json_get_string (doc, "external_number"), ==, "12345-2026-00001");
  g_assert_cmpstr (gd_json_get_string (doc, "source"), ==, "hotline_12345");
  g_assert_cmpstr (gd_json_get_string (doc, "category"), ==, "SR");      /* 市容环境 */
  g_assert_cmpstr (gd_json_get_string (doc, "reported_at"), ==, "2026-11-01T01:00:00Z"); /* 09:00 in China */
  g_assert_cmpstr (gd_json_get_string (doc, "deadline"), ==, "2026-12-20T15:59:59Z");
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (doc, "timeline")), ==, 1);

  /* the same work orders again: none twice */
  g_assert_true (run_incidents (fixture, path, second, &error));
  g_assert_cmpuint (second->new_households, ==, 0);
  g_assert_cmpuint (second->unchanged_households, ==, 20);
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_INCIDENT, NULL), ==, 20);
}

static void
test_incidents_bad (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "orders.xlsx", NULL);
  g_autoptr(JsonNode) made = import_fixture_make ("incidents", path, "--bad", NULL);
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  GdImportProblem *problem;

  g_assert_false (run_incidents (fixture, path, report, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpuint (report->problems->len, ==, 2);
  problem = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (problem->row, ==, 6);
  g_assert_cmpstr (problem->column, ==, "事件类别");
  problem = g_ptr_array_index (report->problems, 1);
  g_assert_cmpuint (problem->row, ==, 10);
  g_assert_cmpstr (problem->column, ==, "来电时间");
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_INCIDENT, NULL), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import/household/good-file", Fixture, NULL, setup, test_good_file, teardown);
  g_test_add ("/import/household/merged-cells", Fixture, NULL, setup, test_merged_cells, teardown);
  g_test_add ("/import/household/bad-row-refuses-file", Fixture, NULL, setup, test_bad_row_refuses_file, teardown);
  g_test_add ("/import/household/dry-run", Fixture, NULL, setup, test_dry_run, teardown);
  g_test_add ("/import/household/twice-updates", Fixture, NULL, setup, test_twice_updates, teardown);
  g_test_add ("/import/household/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/import/household/without-ids", Fixture, NULL, setup, test_without_ids, teardown);
  g_test_add ("/import/household/mapping-file", Fixture, NULL, setup, test_mapping_file, teardown);
  g_test_add ("/import/household/by-head", Fixture, NULL, setup, test_households_by_head, teardown);
  g_test_add ("/import/household/rounded-id", Fixture, NULL, setup, test_rounded_id, teardown);
  g_test_add ("/import/household/bad-mapping", Fixture, NULL, setup, test_bad_mapping, teardown);
  g_test_add ("/import/incident/work-orders", Fixture, NULL, setup, test_incidents, teardown);
  g_test_add ("/import/incident/bad-rows", Fixture, NULL, setup, test_incidents_bad, teardown);
  return g_test_run ();
}
