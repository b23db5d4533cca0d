/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Statistics: register counts, incidents by status and period, overdue, bad dates. */
#include "config.h"

#include "gd-error.h"
#include "gd-stats.h"
#include "gd-test-fixtures.h"

static void
put_incident (StoreFixture *f, const char *number, const char *status, const char *reported_at,
              const char *deadline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (doc, "type", "incident");
  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "title", "下水道堵塞");
  json_object_set_string_member (doc, "category", "TF04");
  json_object_set_string_member (doc, "source", "patrol");
  json_object_set_string_member (doc, "urgency", "normal");
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "reported_at", reported_at);
  json_object_set_string_member (doc, "deadline", deadline);
  json_object_set_string_member (doc, "handling_level", "grid");
  if (g_str_equal (status, "archived"))
    {
      JsonObject *feedback = json_object_new ();
      json_object_set_string_member (feedback, "at", deadline);
      json_object_set_string_member (feedback, "by", "tester");
      json_object_set_string_member (feedback, "satisfaction", "satisfied");
      json_object_set_object_member (doc, "feedback", feedback);
    }
  id = gd_store_put (f->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
}

static gint64
member_int (JsonObject *object, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint last = g_strv_length (parts) - 1;

  for (guint i = 0; i < last; i++)
    object = json_object_get_object_member (object, parts[i]);
  return json_object_get_int_member_with_default (object, parts[last], -1);
}

static void
test_counts_and_periods (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) october = NULL;
  g_autoptr(JsonObject) november = NULL;
  g_autoptr(JsonObject) h1 = fixture_household ("H0001", 1);
  g_autoptr(JsonObject) h2 = fixture_household ("H0002", 2);
  g_autofree char *id1 = gd_store_put (f->store, h1, "tester", NULL, &error);
  g_autofree char *id2 = gd_store_put (f->store, h2, "tester", NULL, &error);

  g_assert_no_error (error);
  put_incident (f, "SJ-2026-000001", "registered", "2026-10-01T08:00:00Z", "2026-10-08T08:00:00Z");
  put_incident (f, "SJ-2026-000002", "in_progress", "2026-10-31T23:00:00Z", "2026-12-01T08:00:00Z");
  put_incident (f, "SJ-2026-000003", "in_progress", "2026-11-15T08:00:00Z", "2026-11-18T08:00:00Z");
  put_incident (f, "SJ-2026-000004", "archived", "2026-09-01T08:00:00Z", "2026-09-05T08:00:00Z");

  all = gd_store_stats (f->store, NULL, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (all, "scope"), ==, FIXTURE_VILLAGE);
  g_assert_cmpint (member_int (all, "counts.households"), ==, 2);
  g_assert_cmpint (member_int (all, "counts.persons"), ==, 4);
  g_assert_cmpint (member_int (all, "counts.grids"), ==, 1);
  g_assert_cmpint (member_int (all, "counts.villages"), ==, 1);
  g_assert_cmpint (member_int (all, "counts.incidents"), ==, 4);
  g_assert_cmpint (member_int (all, "counts.disputes"), ==, 0);
  g_assert_cmpint (member_int (all, "incidents.reported"), ==, 4);
  g_assert_cmpint (member_int (all, "incidents.by_status.in_progress"), ==, 2);
  /* overdue: past deadline and not archived — #1 and #3, not the archived #4 */
  g_assert_cmpint (member_int (all, "incidents.overdue"), ==, 2);

  /* periods are China-time days: #2, reported 2026-10-31T23:00Z, is 07:00 on 1 November in
   * China and counts in November, not October */
  october = gd_store_stats (f->store, "2026-10-01", "2026-10-31", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (member_int (october, "incidents.reported"), ==, 1);
  g_assert_cmpint (member_int (october, "incidents.by_status.registered"), ==, 1);
  g_assert_cmpint (member_int (october, "incidents.by_status.archived"), ==, -1);
  /* register counts ignore the period */
  g_assert_cmpint (member_int (october, "counts.households"), ==, 2);

  /* the period is inclusive of its last day, also late in that day (China time) */
  november = gd_store_stats (f->store, "2026-11-01", "2026-11-15", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (member_int (november, "incidents.reported"), ==, 2);
  g_assert_cmpint (member_int (november, "incidents.by_status.in_progress"), ==, 2);
}

static void
test_bad_dates (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (gd_store_stats (f->store, "2026-13-01", NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--from"));
  g_clear_error (&error);
  g_assert_null (gd_store_stats (f->store, NULL, "2026-02-30", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--to"));
}

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/stats/counts-and-periods", test_counts_and_periods);
  ADD ("/stats/bad-dates", test_bad_dates);
  return g_test_run ();
}
