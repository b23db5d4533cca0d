/* SPDX-License-Identifier: GPL-3.0-or-later */
/* List exports read back by openpyxl and Python's codecs: they equal the store, masked by
 * default, 0600, audit-logged; an unmasked export imports back into an empty store. */
#define G_LOG_DOMAIN "test-export"
#include "config.h"

#include <sys/stat.h>

#include "gd-codes.h"
#include "gd-demo.h"
#include "gd-error.h"
#include "gd-export.h"
#include "gd-import.h"
#include "gd-mask.h"
#include "gd-test-fixtures.h"
#include "gd-test-import.h"

typedef struct {
  StoreFixture store;
  char        *register_path;
} Fixture;

static void
import_file (GdStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = gd_import_read_file (path, NULL, GD_CSV_ENCODING_AUTO, &error);
  g_autoptr(GdImportMapping) mapping = NULL;
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  GdImportOptions options = { FALSE, "tester", NULL };

  g_assert_no_error (error);
  mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, &error);
  g_assert_no_error (error);
  g_assert_true (gd_import_run (store, table, mapping, &options, report, &error));
  g_assert_no_error (error);
}

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) made = NULL;

  store_fixture_setup (&fixture->store, data);
  fixture->register_path = g_build_filename (fixture->store.dir, "register.xlsx", NULL);
  made = import_fixture_make ("register", fixture->register_path, "--persons", "700",
                              "--households", "200", NULL);
  import_file (fixture->store.store, fixture->register_path);
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  g_free (fixture->register_path);
  store_fixture_teardown (&fixture->store, data);
}

static JsonArray *
read_back (const char *path, const char *encoding)
{
  g_autoptr(JsonNode) node = import_fixture_make ("read", path, encoding, NULL);
  return json_array_ref (json_node_get_array (node));
}

static const char *
cell (JsonArray *row, guint column)
{
  JsonNode *node = json_array_get_element (row, column);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

static char *
expected_number (const char *number, gboolean reveal, char *(*mask) (const char *))
{
  if (number == NULL)
    return NULL;
  return reveal ? g_strdup (number) : mask (number);
}

/* Every person of the store, in list order, equals the file's rows. */
static void
assert_persons_equal (GdStore *store, JsonArray *rows, gboolean reveal)
{
  GdListQuery query = { .type = GD_DOC_HOUSEHOLD };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) households = gd_store_list (store, &query, &error);
  guint r = 1;

  g_assert_no_error (error);
  g_assert_cmpstr (cell (json_array_get_array_element (rows, 0), 4), ==, "公民身份号码");
  for (guint h = 0; h < households->len; h++)
    {
      JsonObject *doc = g_ptr_array_index (households, h);
      JsonArray *members = gd_json_get_array (doc, "members");

      for (guint m = 0; m < json_array_get_length (members); m++, r++)
        {
          JsonObject *person = json_array_get_object_element (members, m);
          JsonArray *row = json_array_get_array_element (rows, r);
          g_autofree char *id_number = expected_number (gd_json_get_string (person, "id_number"), reveal, gd_mask_id_number);
          g_autofree char *phone = expected_number (gd_json_get_string (person, "phone"), reveal, gd_mask_phone);

          g_assert_cmpstr (cell (row, 0), ==, gd_json_get_string (doc, "number"));
          g_assert_cmpstr (cell (row, 1), ==, gd_json_get_string (person, "name"));
          g_assert_cmpstr (cell (row, 2), ==, gd_codes_get_name ("sex", gd_json_get_string (person, "sex")));
          g_assert_cmpstr (cell (row, 3), ==, gd_codes_get_name ("ethnicity", gd_json_get_string (person, "ethnicity")));
          g_assert_cmpstr (cell (row, 4), ==, id_number);
          g_assert_cmpstr (cell (row, 5), ==, gd_json_get_string (person, "birth_date"));
          g_assert_cmpstr (cell (row, 6), ==, gd_codes_get_name ("relationship", gd_json_get_string (person, "relation")));
          g_assert_cmpstr (cell (row, 7), ==, gd_json_get_string (doc, "address"));
          g_assert_cmpstr (cell (row, 8), ==, phone);
          g_assert_cmpstr (cell (row, 11), ==, gd_json_get_string (doc, "grid"));
        }
    }
  g_assert_cmpuint (json_array_get_length (rows), ==, r);
  g_assert_cmpint (r - 1, ==, gd_store_count_persons (store, NULL));
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_xlsx_masked (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "persons.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  GdExportOptions options = { .actor = "tester" };
  GdAuditEntry *entry;
  guint count = 0;

  g_assert_true (gd_export_write (fixture->store.store, GD_EXPORT_PERSONS, &options, path, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 700);
  assert_private (path);
  rows = read_back (path, NULL);
  assert_persons_equal (fixture->store.store, rows, FALSE);

  audit = gd_store_get_audit (fixture->store.store, NULL, 1, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->action, ==, "export");
  g_assert_cmpstr (entry->actor, ==, "tester");
  g_assert_nonnull (strstr (entry->detail, "700 rows"));
  g_assert_nonnull (strstr (entry->detail, "masked"));
  g_assert_null (strstr (entry->detail, "unmasked"));
}

static void
test_csv_gb18030_revealed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "persons.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  GdExportOptions options = { .actor = "tester", .reveal = TRUE, .encoding = GD_CSV_ENCODING_GB18030 };

  g_assert_true (gd_export_write (fixture->store.store, GD_EXPORT_PERSONS, &options, path, NULL, &error));
  g_assert_no_error (error);
  assert_private (path);
  rows = read_back (path, "gb18030");
  assert_persons_equal (fixture->store.store, rows, TRUE);
  audit = gd_store_get_audit (fixture->store.store, NULL, 1, &error);
  g_assert_nonnull (strstr (((GdAuditEntry *) g_ptr_array_index (audit, 0))->detail, "unmasked"));
}

static void
test_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "persons.csv", NULL);
  g_autoptr(GError) error = NULL;
  GdExportOptions options = { .actor = "tester", .reveal = TRUE };
  StoreFixture other = { 0 };

  g_assert_true (gd_export_write (fixture->store.store, GD_EXPORT_PERSONS, &options, path, NULL, &error));
  g_assert_no_error (error);
  store_fixture_setup (&other, NULL);
  import_file (other.store, path);
  g_assert_cmpint (gd_store_count (other.store, GD_DOC_HOUSEHOLD, NULL), ==, 200);
  g_assert_cmpint (gd_store_count_persons (other.store, NULL), ==, 700);
  store_fixture_teardown (&other, NULL);
}

static void
test_households_filtered (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "households.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = NULL;
  GdExportOptions options = { .actor = "tester", .grid = FIXTURE_GRID_B };
  guint count = 99;

  /* the other grid has no households: a header and nothing else */
  store_fixture_add_grid_b (&fixture->store);
  g_assert_true (gd_export_write (fixture->store.store, GD_EXPORT_HOUSEHOLDS, &options, path, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  options.grid = FIXTURE_GRID;
  g_assert_true (gd_export_write (fixture->store.store, GD_EXPORT_HOUSEHOLDS, &options, path, &count, &error));
  g_assert_cmpuint (count, ==, 200);
  rows = read_back (path, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 201);
  g_assert_cmpstr (cell (json_array_get_array_element (rows, 0), 0), ==, "户号");
}

static void
test_refused_names (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->store.dir, "persons.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GdExportOptions options = { .actor = "tester" };
  GdExportKind kind;

  g_assert_false (gd_export_write (fixture->store.store, GD_EXPORT_PERSONS, &options, path, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_USAGE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (gd_export_kind_parse ("grid", &kind, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

/* The demo village's incidents, disputes and patrols: every list, filters applied. */
static void
test_demo_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gd-export-demo-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.sqlite", NULL);
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autoptr(GdStore) store = gd_store_open (db, &error);
  GdExportOptions options = { .actor = "tester" };
  GdDemoCounts counts;
  const struct {
    GdExportKind kind;
    GdDocType    type;
    const char  *status;
    const char  *first_header;
  } lists[] = {
    { GD_EXPORT_INCIDENTS, GD_DOC_INCIDENT, NULL, "事件编号" },
    { GD_EXPORT_INCIDENTS, GD_DOC_INCIDENT, "registered", "事件编号" },
    { GD_EXPORT_DISPUTES, GD_DOC_DISPUTE, NULL, "案件编号" },
    { GD_EXPORT_PATROLS, GD_DOC_PATROL, NULL, "类型" },
  };

  g_assert_no_error (error);
  g_assert_true (gd_demo_generate (store, GD_DEMO_VILLAGE, 1, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GdListQuery query = { .type = lists[i].type, .status = lists[i].status };
      g_autoptr(GPtrArray) docs = gd_store_list (store, &query, &error);
      g_autoptr(JsonArray) rows = NULL;
      guint count = 0;

      options.status = lists[i].status;
      g_assert_true (gd_export_write (store, lists[i].kind, &options, path, &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, docs->len);
      g_assert_cmpuint (count, >, 0);
      rows = read_back (path, NULL);
      g_assert_cmpuint (json_array_get_length (rows), ==, docs->len + 1);
      g_assert_cmpstr (cell (json_array_get_array_element (rows, 0), 0), ==, lists[i].first_header);
      if (lists[i].type == GD_DOC_PATROL)
        continue;
      /* numbers in list order; reporters' phones masked */
      for (guint r = 0; r < docs->len; r++)
        {
          JsonObject *doc = g_ptr_array_index (docs, r);
          JsonArray *row = json_array_get_array_element (rows, r + 1);
          JsonObject *reporter = gd_json_get_object (doc, "reporter");

          g_assert_cmpstr (cell (row, 0), ==, gd_json_get_string (doc, "number"));
          if (lists[i].type == GD_DOC_INCIDENT && reporter != NULL && gd_json_get_string (reporter, "phone") != NULL)
            {
              g_autofree char *masked = gd_mask_phone (gd_json_get_string (reporter, "phone"));
              g_assert_cmpstr (cell (row, 8), ==, masked);
            }
        }
    }
  g_assert_cmpuint (counts.incidents, >, 0);
  g_clear_pointer (&store, gd_store_free);
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export/persons/xlsx-masked", Fixture, NULL, setup, test_xlsx_masked, teardown);
  g_test_add ("/export/persons/csv-gb18030-revealed", Fixture, NULL, setup, test_csv_gb18030_revealed, teardown);
  g_test_add ("/export/persons/round-trip", Fixture, NULL, setup, test_round_trip, teardown);
  g_test_add ("/export/households/filtered", Fixture, NULL, setup, test_households_filtered, teardown);
  g_test_add_func ("/export/demo-lists", test_demo_lists);
  g_test_add ("/export/refused-names", Fixture, NULL, setup, test_refused_names, teardown);
  return g_test_run ();
}
