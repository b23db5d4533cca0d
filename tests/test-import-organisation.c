/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organisation import (单位 · 场所) from a workbook written by openpyxl: headers guessed, credit
 * codes checked (GB 32100), an organisation already registered updated by its credit code. */
#define G_LOG_DOMAIN "test-import-organisation"
#include "config.h"

#include "gd-error.h"
#include "gd-import.h"
#include "gd-organisation.h"
#include "gd-test-fixtures.h"
#include "gd-test-import.h"

typedef struct {
  StoreFixture store;
  char        *good;
  char        *bad;
  JsonArray   *codes;    /* the first credit codes of the file */
  JsonArray   *spoiled;  /* [[row, column]] */
} Fixture;

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) good = NULL;
  g_autoptr(JsonNode) bad = NULL;

  store_fixture_setup (&fixture->store, data);
  fixture->good = g_build_filename (fixture->store.dir, "organisations.xlsx", NULL);
  fixture->bad = g_build_filename (fixture->store.dir, "bad.xlsx", NULL);
  good = import_fixture_make ("organisations", fixture->good, NULL);
  bad = import_fixture_make ("organisations", fixture->bad, "--bad", NULL);
  fixture->codes = json_array_ref (json_object_get_array_member (json_node_get_object (good), "codes"));
  fixture->spoiled = json_array_ref (json_object_get_array_member (json_node_get_object (bad), "spoiled"));
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  json_array_unref (fixture->codes);
  json_array_unref (fixture->spoiled);
  g_free (fixture->good);
  g_free (fixture->bad);
  store_fixture_teardown (&fixture->store, data);
}

static gboolean
run_import (Fixture *fixture, const char *path, GdImportReport *report, GError **error)
{
  g_autoptr(GdTable) table = gd_import_read_file (path, NULL, GD_CSV_ENCODING_AUTO, error);
  g_autoptr(GdImportMapping) mapping = NULL;
  GdImportOptions options = { FALSE, "tester", NULL, "organisations.xlsx" };

  g_assert_nonnull (table);
  mapping = gd_import_mapping_guess (GD_IMPORT_ORGANISATION, table, error);
  g_assert_nonnull (mapping);
  /* every header of the fixture is known */
  g_assert_cmpint (gd_import_mapping_column (mapping, "name"), ==, 0);
  g_assert_cmpint (gd_import_mapping_column (mapping, "credit_code"), ==, 1);
  g_assert_cmpint (gd_import_mapping_column (mapping, "representative"), ==, 2);
  g_assert_cmpint (gd_import_mapping_column (mapping, "phone"), ==, 3);
  g_assert_cmpint (gd_import_mapping_column (mapping, "address"), ==, 4);
  g_assert_cmpint (gd_import_mapping_column (mapping, "premises"), ==, 5);
  g_assert_cmpint (gd_import_mapping_column (mapping, "grid"), ==, 6);
  g_assert_cmpint (gd_import_mapping_column (mapping, "employees"), ==, 7);
  return gd_import_run (fixture->store.store, table, mapping, &options, report, error);
}

static GPtrArray *
all_organisations (GdStore *store)
{
  GdOrganisationQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *list = gd_store_list_organisations (store, &query, &error);

  g_assert_no_error (error);
  return list;
}

static JsonObject *
by_code (GPtrArray *list, const char *code)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (gd_json_get_string (g_ptr_array_index (list, i), "credit_code"), code) == 0)
      return g_ptr_array_index (list, i);
  g_assert_not_reached ();
}

static void
test_good_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *first, *second, *person;

  g_assert_true (run_import (fixture, fixture->good, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 40);
  g_assert_cmpuint (report->new_households, ==, 40);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (report->batch, >, 0);
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_ORGANISATION, NULL), ==, 40);

  list = all_organisations (fixture->store.store);
  first = by_code (list, json_array_get_string_element (fixture->codes, 0));
  g_assert_cmpstr (gd_json_get_string (first, "name"), ==, "新兴小商店1号");
  g_assert_cmpstr (gd_json_get_string (first, "premises"), ==, "small_shop");
  g_assert_cmpstr (gd_json_get_string (first, "kind"), ==, "enterprise");   /* 91 */
  g_assert_cmpstr (gd_json_get_string (first, "status"), ==, "operating");
  g_assert_cmpstr (gd_json_get_string (first, "grid"), ==, FIXTURE_GRID);
  g_assert_cmpstr (gd_json_get_string (first, "address"), ==, "新兴村1组1号");
  g_assert_cmpint (json_object_get_int_member (first, "employees"), ==, 1);
  person = gd_json_get_object (first, "representative");
  g_assert_nonnull (person);
  g_assert_cmpstr (gd_json_get_string (person, "name"), ==, "王伟");
  g_assert_cmpstr (gd_json_get_string (person, "phone"), ==, "13900005000");
  second = by_code (list, json_array_get_string_element (fixture->codes, 1));
  g_assert_cmpstr (gd_json_get_string (second, "kind"), ==, "individual_business");   /* 92 */
  g_assert_cmpstr (gd_json_get_string (second, "premises"), ==, "small_restaurant");
}

static void
test_bad_refuses_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (run_import (fixture, fixture->bad, report, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpint (report->batch, ==, 0);
  g_assert_cmpuint (report->refused_rows, ==, json_array_get_length (fixture->spoiled));
  g_assert_cmpuint (report->problems->len, ==, json_array_get_length (fixture->spoiled));
  for (guint i = 0; i < report->problems->len; i++)
    {
      GdImportProblem *problem = g_ptr_array_index (report->problems, i);
      JsonArray *spoiled = json_array_get_array_element (fixture->spoiled, i);

      g_assert_cmpuint (problem->row, ==, json_array_get_int_element (spoiled, 0));
      g_assert_cmpstr (problem->column, ==, json_array_get_string_element (spoiled, 1));
    }
  /* the credit code's check character, said as the core says it */
  g_assert_nonnull (strstr (((GdImportProblem *) g_ptr_array_index (report->problems, 0))->message,
                            "check character"));
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_ORGANISATION, NULL), ==, 0);
}

static void
test_update_by_credit_code (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) first = gd_import_report_new ();
  g_autoptr(GdImportReport) second = gd_import_report_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  const char *code = json_array_get_string_element (fixture->codes, 2);
  g_autofree char *id = NULL;
  JsonObject *stored;

  g_assert_true (run_import (fixture, fixture->good, first, &error));
  g_assert_no_error (error);
  /* by hand: another address, a risk with a reason; the file says the old address */
  list = all_organisations (fixture->store.store);
  doc = json_object_ref (by_code (list, code));
  json_object_set_string_member (doc, "address", "搬走了");
  json_object_set_int_member (doc, "floor_area", 80);
  id = gd_store_put (fixture->store.store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (run_import (fixture, fixture->good, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->new_households, ==, 0);
  g_assert_cmpuint (second->updated_households, ==, 1);
  g_assert_cmpuint (second->unchanged_households, ==, 39);
  g_assert_cmpint (gd_store_count (fixture->store.store, GD_DOC_ORGANISATION, NULL), ==, 40);
  list = all_organisations (fixture->store.store);
  stored = by_code (list, code);
  g_assert_cmpstr (gd_json_get_string (stored, "_id"), ==, id);
  g_assert_cmpstr (gd_json_get_string (stored, "address"), ==, "新兴村3组3号");
  /* what the file does not mention is kept */
  g_assert_cmpint (json_object_get_int_member (stored, "floor_area"), ==, 80);
  g_assert_cmpuint (second->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (second->notes, 0), code));

  /* and the update is undone to the hand's address */
  g_assert_true (gd_import_undo (fixture->store.store, second->batch, "tester", &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = all_organisations (fixture->store.store);
  g_assert_cmpstr (gd_json_get_string (by_code (list, code), "address"), ==, "搬走了");
}

static void
test_repeated_code (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdTable) table = gd_import_read_file (fixture->good, NULL, GD_CSV_ENCODING_AUTO, NULL);
  g_autoptr(GdImportMapping) mapping = gd_import_mapping_guess (GD_IMPORT_ORGANISATION, table, NULL);
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  GdImportOptions options = { FALSE, "tester" };
  /* row 3 (table index 2) says the credit code of row 2 again */
  const GdTableRow *row2 = gd_table_get_row (table, 1);
  const GdTableRow *row3 = gd_table_get_row (table, 2);
  g_autofree char *json = g_strdup_printf ("{\"columns\": {}}");
  GdImportProblem *problem;

  g_assert_true (gd_import_mapping_load (mapping, json, strlen (json), &error));
  g_free (row3->cells[1]);
  ((GdTableRow *) row3)->cells[1] = g_strdup (row2->cells[1]);
  g_assert_false (gd_import_run (fixture->store.store, table, mapping, &options, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 1);
  problem = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_cmpstr (problem->column, ==, "统一社会信用代码");
  g_assert_nonnull (strstr (problem->message, "row 2"));
}

/* The assistant's mapping edits: a field moves to the column given, the one that had it is
 * ignored from then on; an unknown field changes nothing. */
static void
test_set_field (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdTable) table = gd_import_read_file (fixture->good, NULL, GD_CSV_ENCODING_AUTO, NULL);
  g_autoptr(GdImportMapping) mapping = gd_import_mapping_guess (GD_IMPORT_ORGANISATION, table, NULL);

  g_assert_cmpuint (gd_import_mapping_get_n_columns (mapping), ==, 8);
  g_assert_true (gd_import_mapping_set_field (mapping, 0, "address"));
  g_assert_cmpstr (gd_import_mapping_field (mapping, 0), ==, "address");
  g_assert_null (gd_import_mapping_field (mapping, 4));
  g_assert_cmpint (gd_import_mapping_column (mapping, "name"), ==, -1);
  g_assert_false (gd_import_mapping_set_field (mapping, 1, "id_number"));
  g_assert_cmpstr (gd_import_mapping_field (mapping, 1), ==, "credit_code");
  g_assert_true (gd_import_mapping_set_field (mapping, 1, NULL));
  g_assert_cmpint (gd_import_mapping_column (mapping, "credit_code"), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import/organisation/good-file", Fixture, NULL, setup, test_good_file, teardown);
  g_test_add ("/import/organisation/bad-refuses-file", Fixture, NULL, setup, test_bad_refuses_file, teardown);
  g_test_add ("/import/organisation/update-by-credit-code", Fixture, NULL, setup, test_update_by_credit_code, teardown);
  g_test_add ("/import/organisation/repeated-code", Fixture, NULL, setup, test_repeated_code, teardown);
  g_test_add ("/import/organisation/set-field", Fixture, NULL, setup, test_set_field, teardown);
  return g_test_run ();
}
