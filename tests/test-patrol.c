/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-patrol.c: 三查 — patrols started and ended, visits, findings that become incidents
 * linked to the patrol, and coverage of grids by day, week and month (China time). */
#include "config.h"

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-patrol.h"
#include "gd-test-fixtures.h"

#define GRID_B FIXTURE_GRID_B

static GDateTime *
utc (const char *text)
{
  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
test_patrol_round (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) household = fixture_household ("0001", 1);
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(JsonObject) patrol = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autoptr(GDateTime) start = utc ("2026-11-23T01:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *household_id = gd_store_put (fixture->store, household, "t", NULL, &error);
  g_autofree char *patrol_id = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *visited, *findings;

  g_assert_no_error (error);
  patrol_id = gd_patrol_start (fixture->store, FIXTURE_GRID, "daily", "韩佳", start, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) open = gd_store_open_patrols (fixture->store, FIXTURE_VILLAGE, &error);
    g_assert_cmpuint (open->len, ==, 1);
    g_assert_cmpstr (gd_json_get_string (open->pdata[0], "_id"), ==, patrol_id);
  }
  g_assert_true (gd_patrol_visit (fixture->store, patrol_id, household_id, "韩佳", &error));
  /* a second visit to the same household is one visit */
  g_assert_true (gd_patrol_visit (fixture->store, patrol_id, household_id, "韩佳", &error));
  g_assert_false (gd_patrol_visit (fixture->store, patrol_id, "household:none", "韩佳", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  json_object_set_string_member (finding, "title", "三组楼道电动车违规充电");
  json_object_set_string_member (finding, "category", "AQ04");
  incident_id = gd_patrol_add_finding (fixture->store, patrol_id, finding, rules, "韩佳", &error);
  g_assert_no_error (error);
  incident = gd_store_get (fixture->store, incident_id, &error);
  g_assert_cmpstr (gd_json_get_string (incident, "source"), ==, "patrol");
  g_assert_cmpstr (gd_json_get_string (incident, "patrol"), ==, patrol_id);
  g_assert_cmpstr (gd_json_get_string (incident, "grid"), ==, FIXTURE_GRID);
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (incident, "reporter"), "name"), ==, "韩佳");
  g_assert_cmpstr (gd_json_get_string (incident, "status"), ==, "registered");

  g_assert_true (gd_patrol_end (fixture->store, patrol_id, "一处隐患已登记", NULL, "韩佳", &error));
  g_assert_no_error (error);
  patrol = gd_store_get (fixture->store, patrol_id, &error);
  visited = gd_json_get_array (patrol, "visited_households");
  findings = gd_json_get_array (patrol, "findings");
  g_assert_cmpuint (json_array_get_length (visited), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (visited, 0), ==, household_id);
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (findings, 0), ==, incident_id);
  g_assert_nonnull (gd_json_get_string (patrol, "ended_at"));
  g_assert_cmpstr (gd_json_get_string (patrol, "notes"), ==, "一处隐患已登记");
  {
    g_autoptr(GPtrArray) open = gd_store_open_patrols (fixture->store, NULL, &error);
    g_assert_cmpuint (open->len, ==, 0);
  }

  /* an ended patrol takes no more visits, findings or ends, and stays as it was */
  before = gd_json_to_string (patrol, FALSE);
  g_assert_false (gd_patrol_visit (fixture->store, patrol_id, household_id, "韩佳", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gd_patrol_end (fixture->store, patrol_id, NULL, NULL, "韩佳", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&patrol, json_object_unref);
  patrol = gd_store_get (fixture->store, patrol_id, &error);
  after = gd_json_to_string (patrol, FALSE);
  g_assert_cmpstr (after, ==, before);
}

/* A finding the store refuses leaves neither an incident nor a changed patrol. */
static void
test_refused_finding (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(JsonObject) patrol = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patrol_id = gd_patrol_start (fixture->store, FIXTURE_GRID, "weekly", "韩佳", NULL, &error);
  g_autofree char *id = NULL;
  GdIncidentFilter all = { 0 };

  g_assert_no_error (error);
  json_object_set_string_member (finding, "category", "AQ04"); /* no title */
  id = gd_patrol_add_finding (fixture->store, patrol_id, finding, rules, "韩佳", &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpint (gd_store_count_incidents (fixture->store, &all, NULL), ==, 0);
  patrol = gd_store_get (fixture->store, patrol_id, NULL);
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (patrol, "findings")), ==, 0);
  g_clear_error (&error);
  g_assert_null (gd_patrol_start (fixture->store, FIXTURE_GRID, "yearly", "韩佳", NULL, &error));
  g_assert_cmpstr (error->message, ==, "kind: a patrol is daily, weekly or monthly, not “yearly”");
}

static void
start (StoreFixture *fixture, const char *grid, const char *kind, const char *at)
{
  g_autoptr(GDateTime) when = utc (at);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_patrol_start (fixture->store, grid, kind, "韩佳", when, &error);

  g_assert_no_error (error);
}

static void
test_coverage (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const GdPatrolCoverage *a, *b;
  GDate today;

  store_fixture_add_grid_b (fixture);
  /* today is Wednesday 25 November 2026; its week began on Monday 23 */
  start (fixture, FIXTURE_GRID, "daily", "2026-11-25T01:00:00Z");   /* 09:00 today */
  start (fixture, FIXTURE_GRID, "weekly", "2026-11-22T15:30:00Z");  /* Sunday 23:30: last week */
  start (fixture, FIXTURE_GRID, "monthly", "2026-11-26T01:00:00Z"); /* tomorrow: not yet */
  start (fixture, GRID_B, "daily", "2026-11-24T15:30:00Z");         /* yesterday 23:30 */
  start (fixture, GRID_B, "weekly", "2026-11-22T16:30:00Z");        /* Monday 00:30 */
  start (fixture, GRID_B, "monthly", "2026-10-31T16:30:00Z");       /* 1 November 00:30 */

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 25, 11, 2026);
  rows = gd_store_patrol_coverage (fixture->store, FIXTURE_VILLAGE, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  a = rows->pdata[0];
  b = rows->pdata[1];
  g_assert_cmpstr (a->grid, ==, FIXTURE_GRID);
  g_assert_cmpstr (a->grid_name, ==, "第一网格");
  g_assert_true (a->today);
  g_assert_false (a->this_week);
  g_assert_false (a->this_month);
  g_assert_cmpstr (a->last_patrol, ==, "2026-11-25T01:00:00Z");
  g_assert_cmpstr (b->grid, ==, GRID_B);
  g_assert_false (b->today);
  g_assert_true (b->this_week);
  g_assert_true (b->this_month);

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = gd_store_patrol_coverage (fixture->store, GRID_B, &today, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/patrol/round", test_patrol_round);
  ADD ("/patrol/refused-finding", test_refused_finding);
  ADD ("/patrol/coverage", test_coverage);
  return g_test_run ();
}
