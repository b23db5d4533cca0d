/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-incident-query.c: the board's and the list's filters, sorting and paging. */
#include "config.h"

#include <string.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-test-fixtures.h"

#define GRID_B FIXTURE_GRID_B

static void
add (StoreFixture *fixture, const char *grid, const char *title, const char *category,
     const char *urgency, const char *source, const char *reported)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (doc, "grid", grid);
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "category", category);
  json_object_set_string_member (doc, "urgency", urgency);
  json_object_set_string_member (doc, "source", source);
  json_object_set_string_member (doc, "reported_at", reported);
  id = gd_incident_register (fixture->store, doc, rules, NULL, NULL, "tester", NULL, &error);
  g_assert_no_error (error);
}

static void
fill (StoreFixture *fixture)
{
  store_fixture_add_grid_b (fixture);
  /* deadlines: AQ01 normal 3 working days → 2026-11-05; SR02 urgent 72 h → 2026-11-05T01;
   * ZA01 critical 2 h → 2026-11-10T02; MD01 normal 10 working days → 2026-11-27 */
  add (fixture, FIXTURE_GRID, "三组电动车楼道充电", "AQ04", "normal", "patrol", "2026-11-02T01:00:00Z");
  add (fixture, FIXTURE_GRID, "村口垃圾堆积", "SR02", "urgent", "resident", "2026-11-02T01:00:00Z");
  add (fixture, GRID_B, "仓库疑似被盗", "ZA01", "critical", "hotline_12345", "2026-11-10T00:00:00Z");
  add (fixture, GRID_B, "邻里排水纠纷", "MD01", "normal", "town_dispatch", "2026-11-12T02:00:00Z");
}

static guint
count (StoreFixture *fixture, const GdIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gd_store_count_incidents (fixture->store, filter, &error);
  g_autoptr(GPtrArray) page = gd_store_incident_page (fixture->store, filter, 0, 100, &error);

  g_assert_no_error (error);
  /* the count and the rows always agree */
  g_assert_cmpint (n, ==, page->len);
  return (guint) n;
}

static void
test_filters (StoreFixture *fixture, gconstpointer data)
{
  fill (fixture);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { 0 }), ==, 4);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .grid = GRID_B }), ==, 2);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .grid = FIXTURE_VILLAGE }), ==, 4);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .category = "AQ" }), ==, 1);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .category = "SR02" }), ==, 1);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .urgency = "normal" }), ==, 2);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .source = "hotline_12345" }), ==, 1);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .status = "registered" }), ==, 4);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .status = "archived" }), ==, 0);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .text = "垃圾" }), ==, 1);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .text = "000004" }), ==, 1);
  /* at 2026-11-06 09:00 China time the first two are past their deadline */
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .overdue = TRUE,
                                                          .now = "2026-11-06T01:00:00Z" }), ==, 2);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .overdue = TRUE, .grid = GRID_B,
                                                          .now = "2026-11-20T01:00:00Z" }), ==, 1);
  /* China-time days, inclusive */
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .from = "2026-11-10" }), ==, 2);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .from = "2026-11-02", .to = "2026-11-02" }), ==, 2);
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .to = "2026-11-01" }), ==, 0);
  /* filters combine */
  g_assert_cmpuint (count (fixture, &(GdIncidentFilter) { .grid = GRID_B, .urgency = "normal",
                                                          .source = "town_dispatch" }), ==, 1);
}

static void
test_sort_and_page (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_deadline = NULL;
  g_autoptr(GPtrArray) by_urgency = NULL;
  g_autoptr(GPtrArray) second_page = NULL;
  GdIncidentFilter filter = { .sort = GD_INCIDENT_SORT_DEADLINE };
  GdIncidentRow *row;

  fill (fixture);
  by_deadline = gd_store_incident_page (fixture->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_deadline->len, ==, 4);
  row = g_ptr_array_index (by_deadline, 0);
  g_assert_cmpstr (row->title, ==, "村口垃圾堆积");
  g_assert_cmpstr (row->deadline, ==, "2026-11-05T01:00:00Z");
  g_assert_cmpstr (row->grid_name, ==, "第一网格");
  row = g_ptr_array_index (by_deadline, 3);
  g_assert_cmpstr (row->title, ==, "邻里排水纠纷");

  filter.sort = GD_INCIDENT_SORT_URGENCY;
  by_urgency = gd_store_incident_page (fixture->store, &filter, 0, 10, &error);
  g_assert_cmpstr (((GdIncidentRow *) g_ptr_array_index (by_urgency, 0))->urgency, ==, "critical");
  g_assert_cmpstr (((GdIncidentRow *) g_ptr_array_index (by_urgency, 1))->urgency, ==, "urgent");

  filter.sort = GD_INCIDENT_SORT_NUMBER;
  filter.descending = TRUE;
  second_page = gd_store_incident_page (fixture->store, &filter, 2, 2, &error);
  g_assert_cmpuint (second_page->len, ==, 2);
  g_assert_cmpstr (((GdIncidentRow *) g_ptr_array_index (second_page, 0))->number, ==, "SJ-2026-000002");
  g_assert_cmpstr (((GdIncidentRow *) g_ptr_array_index (second_page, 1))->number, ==, "SJ-2026-000001");
}

static void
test_by_status (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *saved = NULL;
  gint64 counts[GD_INCIDENT_N_STATUSES];
  GdIncidentFilter filter = { .status = "dispatched" };

  fill (fixture);
  rows = gd_store_incident_page (fixture->store, &(GdIncidentFilter) { .grid = GRID_B }, 0, 1, &error);
  doc = gd_store_get (fixture->store, ((GdIncidentRow *) g_ptr_array_index (rows, 0))->doc_id, &error);
  g_assert_true (gd_incident_apply_transition (doc, GD_INCIDENT_DISPATCHED, "op", GD_ROLE_CENTRE_OPERATOR,
                                               NULL, NULL, &error));
  saved = gd_store_put (fixture->store, doc, "op", NULL, &error);
  g_assert_no_error (error);

  /* the filter's status is ignored: the board shows every column */
  g_assert_true (gd_store_count_incidents_by_status (fixture->store, &filter, counts, &error));
  g_assert_cmpint (counts[GD_INCIDENT_REGISTERED], ==, 3);
  g_assert_cmpint (counts[GD_INCIDENT_DISPATCHED], ==, 1);
  g_assert_cmpint (counts[GD_INCIDENT_ARCHIVED], ==, 0);
  filter.grid = FIXTURE_GRID;
  g_assert_true (gd_store_count_incidents_by_status (fixture->store, &filter, counts, &error));
  g_assert_cmpint (counts[GD_INCIDENT_REGISTERED], ==, 2);
  g_assert_cmpint (counts[GD_INCIDENT_DISPATCHED], ==, 0);
}

/* A resident on the phone gives an address: no coordinates needed; half a pair is refused. */
static void
test_address_only_location (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_json_parse_object (
    "{\"grid\": \"" FIXTURE_GRID "\", \"title\": \"路灯不亮\", \"category\": \"QT01\","
    " \"location\": {\"address\": \"幸福路12号门口\"}}", -1, NULL);
  g_autoptr(JsonObject) half = gd_json_parse_object (
    "{\"grid\": \"" FIXTURE_GRID "\", \"title\": \"路灯不亮\", \"category\": \"QT01\","
    " \"location\": {\"address\": \"幸福路12号门口\", \"lat\": 33.38}}", -1, NULL);
  g_autofree char *id = gd_incident_register (fixture->store, doc, rules, NULL, NULL, "t", NULL, &error);
  g_autofree char *refused = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (id);
  refused = gd_incident_register (fixture->store, half, rules, NULL, NULL, "t", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "location.lon"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/incident-query/filters", test_filters);
  ADD ("/incident-query/sort-and-page", test_sort_and_page);
  ADD ("/incident-query/by-status", test_by_status);
  ADD ("/incident-query/address-only-location", test_address_only_location);
  return g_test_run ();
}
