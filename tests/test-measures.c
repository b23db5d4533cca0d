/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-measures.c: 办结率, on-time rate, handling time and the 70/20/10 split on a fixed
 * fixture whose answers were worked out by hand (see the comments). */
#include "config.h"

#include "gd-measures.h"
#include "gd-test-fixtures.h"

#define GRID_A FIXTURE_GRID
#define GRID_B FIXTURE_GRID_B

/* An incident reported at `reported`; archived at `closed` (or open when NULL). */
static void
put (StoreFixture *fixture,
     const char   *grid,
     const char   *number,
     const char   *reported,
     const char   *deadline,
     const char   *closed,
     const char   *level)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  JsonArray *timeline = json_array_new ();
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (doc, "type", "incident");
  json_object_set_string_member (doc, "grid", grid);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "title", "测试事件");
  json_object_set_string_member (doc, "category", "SR02");
  json_object_set_string_member (doc, "reported_at", reported);
  if (deadline != NULL)
    json_object_set_string_member (doc, "deadline", deadline);
  if (level != NULL)
    json_object_set_string_member (doc, "handling_level", level);
  json_object_set_string_member (entry, "id", number);
  json_object_set_string_member (entry, "at", reported);
  json_object_set_string_member (entry, "by", "tester");
  json_object_set_string_member (entry, "action", "create");
  json_object_set_string_member (entry, "to", "registered");
  json_array_add_object_element (timeline, entry);
  if (closed != NULL)
    {
      JsonObject *feedback = json_object_new ();
      JsonObject *archive = json_object_new ();

      json_object_set_string_member (feedback, "at", closed);
      json_object_set_string_member (feedback, "by", "居民");
      json_object_set_string_member (feedback, "satisfaction", "satisfied");
      json_object_set_object_member (doc, "feedback", feedback);
      json_object_set_string_member (archive, "id", "a");
      json_object_set_string_member (archive, "at", closed);
      json_object_set_string_member (archive, "by", "tester");
      json_object_set_string_member (archive, "action", "transition");
      json_object_set_string_member (archive, "from", "feedback");
      json_object_set_string_member (archive, "to", "archived");
      json_array_add_object_element (timeline, archive);
      json_object_set_string_member (doc, "status", "archived");
    }
  else
    json_object_set_string_member (doc, "status", "in_progress");
  json_object_set_array_member (doc, "timeline", timeline);
  id = gd_store_put (fixture->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
}

static void
fill (StoreFixture *fixture)
{
  store_fixture_add_grid_b (fixture);
  /* grid A: closed in 48 h before its deadline */
  put (fixture, GRID_A, "SJ-2026-000001", "2026-11-02T01:00:00Z", "2026-11-05T10:00:00Z",
       "2026-11-04T01:00:00Z", "grid");
  /* grid A: closed in 72 h, a day late, handled by the village */
  put (fixture, GRID_A, "SJ-2026-000002", "2026-11-03T01:00:00Z", "2026-11-05T01:00:00Z",
       "2026-11-06T01:00:00Z", "village");
  /* grid A: still open */
  put (fixture, GRID_A, "SJ-2026-000003", "2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z",
       NULL, "grid");
  /* grid A: reported in October (China time): outside the period */
  put (fixture, GRID_A, "SJ-2026-000004", "2026-10-20T00:00:00Z", "2026-10-21T00:00:00Z",
       "2026-10-20T06:00:00Z", "grid");
  /* grid B: closed in 12 h by the town, on time */
  put (fixture, GRID_B, "SJ-2026-000005", "2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z",
       "2026-11-05T12:00:00Z", "town");
  /* grid B: 16:30Z on 31 Oct is 00:30 on 1 Nov in China: inside; no level counts as grid */
  put (fixture, GRID_B, "SJ-2026-000006", "2026-10-31T16:30:00Z", NULL, NULL, NULL);
  /* grid B: 16:30Z on 30 Nov is 00:30 on 1 Dec in China: outside */
  put (fixture, GRID_B, "SJ-2026-000007", "2026-11-30T16:30:00Z", NULL, NULL, "county");
}

static void
test_known_answers (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const GdMeasures *a, *b, *total;

  fill (fixture);
  rows = gd_store_measures (fixture->store, FIXTURE_VILLAGE, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  a = g_ptr_array_index (rows, 0);
  b = g_ptr_array_index (rows, 1);
  total = g_ptr_array_index (rows, 2);

  g_assert_cmpstr (a->grid, ==, GRID_A);
  g_assert_cmpstr (a->grid_name, ==, "第一网格");
  g_assert_cmpint (a->reported, ==, 3);
  g_assert_cmpint (a->closed, ==, 2);
  g_assert_cmpfloat_with_epsilon (gd_measures_closure_rate (a), 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_on_time_rate (a), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_average_hours (a), 60.0, 1e-6);
  g_assert_cmpint (a->levels[GD_LEVEL_SHARE_GRID], ==, 2);
  g_assert_cmpint (a->levels[GD_LEVEL_SHARE_VILLAGE], ==, 1);
  g_assert_cmpint (a->levels[GD_LEVEL_SHARE_ABOVE], ==, 0);

  g_assert_cmpstr (b->grid, ==, GRID_B);
  g_assert_cmpint (b->reported, ==, 2);
  g_assert_cmpint (b->closed, ==, 1);
  g_assert_cmpfloat_with_epsilon (gd_measures_on_time_rate (b), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_average_hours (b), 12.0, 1e-6);
  g_assert_cmpint (b->levels[GD_LEVEL_SHARE_GRID], ==, 1);
  g_assert_cmpint (b->levels[GD_LEVEL_SHARE_ABOVE], ==, 1);

  /* 5 reported, 3 closed: 60 %; on time 2 of 3; (48 + 72 + 12) / 3 = 44 h; 3/1/1 of 5 */
  g_assert_null (total->grid);
  g_assert_cmpint (total->reported, ==, 5);
  g_assert_cmpfloat_with_epsilon (gd_measures_closure_rate (total), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_on_time_rate (total), 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_average_hours (total), 44.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (gd_measures_level_share (total, GD_LEVEL_SHARE_GRID), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_level_share (total, GD_LEVEL_SHARE_VILLAGE), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_level_share (total, GD_LEVEL_SHARE_ABOVE), 0.2, 1e-9);
}

static void
test_one_grid_and_empty (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  const GdMeasures *total;

  fill (fixture);
  /* one grid, no period: all four of grid A */
  rows = gd_store_measures (fixture->store, GRID_A, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  total = g_ptr_array_index (rows, 1);
  g_assert_cmpint (total->reported, ==, 4);
  g_assert_cmpint (total->closed, ==, 3);
  /* 48 + 72 + 6 */
  g_assert_cmpfloat_with_epsilon (gd_measures_average_hours (total), 42.0, 1e-6);

  /* nothing reported: rates are unknown (-1), never a division by zero */
  none = gd_store_measures (fixture->store, NULL, "2025-01-01", "2025-12-31", &error);
  g_assert_cmpuint (none->len, ==, 1);
  total = g_ptr_array_index (none, 0);
  g_assert_cmpint (total->reported, ==, 0);
  g_assert_cmpfloat (gd_measures_closure_rate (total), ==, -1.0);
  g_assert_cmpfloat (gd_measures_on_time_rate (total), ==, -1.0);
  g_assert_cmpfloat (gd_measures_average_hours (total), ==, -1.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/measures/known-answers", StoreFixture, NULL, store_fixture_setup,
              test_known_answers, store_fixture_teardown);
  g_test_add ("/measures/one-grid-and-empty", StoreFixture, NULL, store_fixture_setup,
              test_one_grid_and_empty, store_fixture_teardown);
  return g_test_run ();
}
