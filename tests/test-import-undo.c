/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import is one change set: undone whole (created documents deleted, updated households
 * back to what they were), refused when a record it wrote was changed since. Fixtures by
 * openpyxl (tests/import/make-fixtures.py). */
#define G_LOG_DOMAIN "test-import-undo"
#include "config.h"

#include "gd-error.h"
#include "gd-import.h"
#include "gd-test-fixtures.h"
#include "gd-test-import.h"

typedef struct {
  StoreFixture store;
  char        *good;     /* register.xlsx: 200 persons in 60 households */
  JsonArray   *ids;      /* the first ID numbers of the file */
} Fixture;

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) good = NULL;

  store_fixture_setup (&fixture->store, data);
  fixture->good = g_build_filename (fixture->store.dir, "register.xlsx", NULL);
  good = import_fixture_make ("register", fixture->good, "--persons", "200", "--households", "60", NULL);
  fixture->ids = json_array_ref (json_object_get_array_member (json_node_get_object (good), "ids"));
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  json_array_unref (fixture->ids);
  g_free (fixture->good);
  store_fixture_teardown (&fixture->store, data);
}

static gboolean
run_import (Fixture *fixture, gboolean dry_run, GdImportReport *report, GError **error)
{
  g_autoptr(GdTable) table = gd_import_read_file (fixture->good, NULL, GD_CSV_ENCODING_AUTO, error);
  g_autoptr(GdImportMapping) mapping = NULL;
  GdImportOptions options = { dry_run, "tester", NULL, "register.xlsx" };

  g_assert_nonnull (table);
  mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, error);
  g_assert_nonnull (mapping);
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

static const char *
head_phone (JsonObject *household)
{
  return gd_json_get_string (json_array_get_object_element (gd_json_get_array (household, "members"), 0),
                             "phone");
}

static void
test_undo_created (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GdImportBatch) batch = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  GdStore *store = fixture->store.store;
  gint64 grids = gd_store_count (store, GD_DOC_GRID, NULL);

  g_assert_true (run_import (fixture, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->batch, >, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 60);

  batches = gd_import_list_batches (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  batch = gd_import_get_batch (store, report->batch, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (batch->kind, ==, "household");
  g_assert_cmpstr (batch->source, ==, "register.xlsx");
  g_assert_cmpstr (batch->actor, ==, "tester");
  g_assert_cmpuint (batch->created, ==, 60);
  g_assert_cmpuint (batch->updated, ==, 0);
  g_assert_null (batch->undone_at);
  g_clear_pointer (&batch, gd_import_batch_free);

  g_assert_true (gd_import_undo (store, report->batch, "undoer", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (gd_store_count_persons (store, NULL), ==, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_GRID, NULL), ==, grids);
  g_assert_null (gd_store_find_id_holder (store, json_array_get_string_element (fixture->ids, 0), NULL));

  batch = gd_import_get_batch (store, report->batch, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch->undone_at);
  g_assert_cmpstr (batch->undone_by, ==, "undoer");
  audit = gd_store_get_audit (store, NULL, 1, &error);
  g_assert_cmpstr (((GdAuditEntry *) g_ptr_array_index (audit, 0))->action, ==, "import-undo");

  /* once is enough */
  g_assert_false (gd_import_undo (store, report->batch, "undoer", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "undone already"));
  g_clear_error (&error);

  /* the same file comes in again as new households: the undo left nothing behind */
  g_clear_pointer (&report, gd_import_report_free);
  report = gd_import_report_new ();
  g_assert_true (run_import (fixture, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->new_households, ==, 60);
}

static void
test_undo_restores_updated (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) first = gd_import_report_new ();
  g_autoptr(GdImportReport) second = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) household = NULL;
  g_autoptr(GdImportBatch) batch = NULL;
  const char *id_number = json_array_get_string_element (fixture->ids, 0);
  GdStore *store = fixture->store.store;
  JsonObject *head;
  g_autofree char *id = NULL;

  g_assert_true (run_import (fixture, FALSE, first, &error));
  g_assert_no_error (error);
  /* a person changed by hand after the first import; the second brings the file's phone back */
  household = household_of (store, id_number);
  head = json_array_get_object_element (gd_json_get_array (household, "members"), 0);
  json_object_set_string_member (head, "phone", "13800000000");
  id = gd_store_put (store, household, "tester", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&household, json_object_unref);

  g_assert_true (run_import (fixture, FALSE, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->updated_households, ==, 1);
  g_assert_cmpint (second->batch, >, first->batch);
  household = household_of (store, id_number);
  g_assert_cmpstr (head_phone (household), ==, "13900000001");
  g_clear_pointer (&household, json_object_unref);
  batch = gd_import_get_batch (store, second->batch, &error);
  g_assert_cmpuint (batch->created, ==, 0);
  g_assert_cmpuint (batch->updated, ==, 1);

  /* undoing the second import gives the person the revision before it */
  g_assert_true (gd_import_undo (store, second->batch, "tester", &error));
  g_assert_no_error (error);
  household = household_of (store, id_number);
  g_assert_cmpstr (head_phone (household), ==, "13800000000");
  g_assert_cmpstr (gd_json_get_string (household, "_id"), ==, id);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 60);
  g_assert_cmpint (gd_store_count_persons (store, NULL), ==, 200);
}

static void
test_undo_refused_when_changed (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) household = NULL;
  g_autoptr(GdImportBatch) batch = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  GdStore *store = fixture->store.store;
  JsonObject *head;

  g_assert_true (run_import (fixture, FALSE, report, &error));
  g_assert_no_error (error);
  household = household_of (store, json_array_get_string_element (fixture->ids, 0));
  head = json_array_get_object_element (gd_json_get_array (household, "members"), 0);
  json_object_set_string_member (head, "notes", "visited");
  id = gd_store_put (store, household, "editor", NULL, &error);
  g_assert_no_error (error);
  /* and another household deleted */
  {
    g_autoptr(GPtrArray) list = gd_store_list (store, &(GdListQuery) { GD_DOC_HOUSEHOLD, .limit = 2 }, &error);
    JsonObject *doc = g_ptr_array_index (list, 0);

    g_assert_no_error (error);
    if (g_str_equal (gd_json_get_string (doc, "_id"), id))
      doc = g_ptr_array_index (list, 1);
    other = g_strdup (gd_json_get_string (doc, "_id"));
  }
  g_assert_true (gd_store_delete (store, other, "editor", &error));
  g_assert_no_error (error);

  g_assert_false (gd_import_undo (store, report->batch, "tester", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  /* each record named: the changed one with its number, who and when; the deleted one */
  g_assert_nonnull (strstr (error->message, "2 records"));
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, gd_json_get_string (household, "number")));
  g_assert_nonnull (strstr (error->message, "by editor"));
  g_assert_nonnull (strstr (error->message, other));
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_clear_error (&error);

  /* nothing written */
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 59);
  batch = gd_import_get_batch (store, report->batch, &error);
  g_assert_no_error (error);
  g_assert_null (batch->undone_at);
}

static void
test_no_batch_without_write (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_import (fixture, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->batch, ==, 0);
  batches = gd_import_list_batches (fixture->store.store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 0);

  g_assert_false (gd_import_undo (fixture->store.store, 42, "tester", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import/undo/created", Fixture, NULL, setup, test_undo_created, teardown);
  g_test_add ("/import/undo/restores-updated", Fixture, NULL, setup, test_undo_restores_updated, teardown);
  g_test_add ("/import/undo/refused-when-changed", Fixture, NULL, setup, test_undo_refused_when_changed, teardown);
  g_test_add ("/import/undo/no-batch-without-write", Fixture, NULL, setup, test_no_batch_without_write, teardown);
  return g_test_run ();
}
