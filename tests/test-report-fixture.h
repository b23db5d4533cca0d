/* test-report-fixture.h: the fixed fixture of the report tests (test-report.c, test-report-cli.c)
 * and its hand-worked answers.
 *
 * Village 新兴村 (320902101001), grids A 第一网格 (…001) and B 第二网格 (…002). Times are UTC;
 * China time is eight hours ahead.
 *
 *  id  grid cat  reported (UTC)        China day  deadline          archived          level   feedback
 *  I1  A   AQ01  2026-10-31T23:00Z    11-01      2026-11-05T00Z    2026-11-03T00Z    grid    satisfied
 *  I2  A   AQ02  2026-11-02T02:00Z    11-02      2026-11-04T02Z    2026-11-06T02Z    village dissatisfied
 *  I3  A   SR01  2026-11-10T01:00Z    11-10      2026-11-12T01Z    open              town    —
 *  I4  A   SR02  2026-10-30T02:00Z    10-30      2026-11-06T02Z    2026-11-02T02Z    grid    basically
 *  I5  A   AQ01  2026-10-31T15:00Z    10-31      2026-11-01T15Z    open              grid    —
 *  I6  B   AQ01  2025-11-15T02:00Z    2025-11-15 2025-11-20T02Z    2025-11-16T02Z    grid    satisfied
 *  I7  A   JM01  2026-12-28T01:00Z    12-28      2027-01-05T00Z    open              grid    —
 *  I8  A   JM01  2027-01-03T15:00Z    01-03      2027-01-10T00Z    open              grid    —
 *  I9  A   JM01  2027-01-03T16:00Z    01-04      2027-01-10T00Z    open              grid    —
 *
 * I2, I3 and I5 are at 新兴村三组12号; I1, I2 and I3 link household H1. I3 sits with 城管中队,
 * I5 with no unit. Handling hours: I1 49, I2 96, I4 72, I6 24.
 * Patrols in A: 2026-11-19T00:00Z (visits H1) and 2026-11-20T01:00Z. None in B.
 * Households (A): H1 (no coordinates, head tagged elderly_alone), H2 (coordinates; a member
 * tagged left_behind_child; the spouse's birth date disagrees with the ID number).
 * Disputes (A): D1 received 2026-11-03 agreed; D2 received 2026-11-05 failed; D3 received
 * 2026-10-10, accepted the same day, still mediating. 王五 (one ID number) is a party of D1
 * and D2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "gd-patrol.h"
#include "gd-test-fixtures.h"

#define GRID_A FIXTURE_GRID
#define GRID_B FIXTURE_GRID_B
#define ADDRESS "新兴村三组12号"
#define H1_ID "household:0190a3c2-7b1e-7c3d-9a10-0000000000a1"
#define H2_ID "household:0190a3c2-7b1e-7c3d-9a10-0000000000a2"
#define I_ID(n) "incident:0190a3c2-7b1e-7c3d-9a10-0000000000b" #n
#define D_ID(n) "dispute:0190a3c2-7b1e-7c3d-9a10-0000000000c" #n
#define WANG_ID "320902197001010015"

static inline JsonObject *
report_fixture_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static inline void
report_fixture_put (GdStore *store, JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autofree char *id = gd_store_put (store, doc, "tester", issues, &error);

  if (error != NULL)
    {
      g_autofree char *text = gd_issues_to_string (issues, GD_ISSUE_ERROR);
      g_error ("put %s: %s\n%s", gd_json_get_string (doc, "_id"), error->message, text);
    }
}

static inline void
report_fixture_step (JsonArray *timeline, const char *id, const char *at, const char *from,
                     const char *to)
{
  JsonObject *step = json_object_new ();

  json_object_set_string_member (step, "id", id);
  json_object_set_string_member (step, "at", at);
  json_object_set_string_member (step, "by", "tester");
  json_object_set_string_member (step, "action", from ? "transition" : "create");
  if (from != NULL)
    json_object_set_string_member (step, "from", from);
  json_object_set_string_member (step, "to", to);
  json_array_add_object_element (timeline, step);
}

static inline void
report_fixture_incident (GdStore *store, const char *id, const char *grid, const char *category,
                         const char *reported, const char *deadline, const char *archived,
                         const char *level, const char *satisfaction, const char *address,
                         gboolean links_h1, const char *unit)
{
  g_autoptr(JsonObject) doc = report_fixture_load ("valid-incident.json");
  JsonArray *timeline = json_array_new ();
  JsonObject *location = json_object_get_object_member (doc, "location");
  JsonObject *links = json_object_get_object_member (doc, "links");
  JsonArray *households = json_array_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "grid", grid);
  {
    g_autofree char *number = g_strdup_printf ("SJ-%.4s-00000%s", reported, id + strlen (id) - 1);
    json_object_set_string_member (doc, "number", number);
  }
  json_object_set_string_member (doc, "category", category);
  json_object_set_string_member (doc, "reported_at", reported);
  json_object_set_string_member (doc, "created_at", reported);
  json_object_set_string_member (doc, "deadline", deadline);
  json_object_set_string_member (doc, "handling_level", level);
  json_object_set_string_member (location, "address", address ? address : "新兴村四组3号");
  if (unit != NULL)
    json_object_set_string_member (json_object_get_object_member (doc, "assignee"), "unit", unit);
  else
    json_object_remove_member (doc, "assignee");
  report_fixture_step (timeline, "t1", reported, NULL, "registered");
  report_fixture_step (timeline, "t2", reported, "registered", "dispatched");
  report_fixture_step (timeline, "t3", reported, "dispatched", "in_progress");
  if (archived != NULL)
    {
      report_fixture_step (timeline, "t4", archived, "in_progress", "verifying");
      report_fixture_step (timeline, "t5", archived, "verifying", "feedback");
      report_fixture_step (timeline, "t6", archived, "feedback", "archived");
    }
  json_object_set_array_member (doc, "timeline", timeline);
  json_object_set_string_member (doc, "status", archived ? "archived" : "in_progress");
  if (satisfaction != NULL)
    {
      JsonObject *feedback = json_object_get_object_member (doc, "feedback");
      json_object_set_string_member (feedback, "satisfaction", satisfaction);
      json_object_set_string_member (feedback, "at", archived);
    }
  else
    json_object_remove_member (doc, "feedback");
  if (links_h1)
    json_array_add_string_element (households, H1_ID);
  json_object_set_array_member (links, "households", households);
  report_fixture_put (store, doc);
}

static inline void
report_fixture_dispute (GdStore *store, const char *id, const char *received,
                        const char *status)
{
  g_autoptr(JsonObject) doc = report_fixture_load ("valid-dispute.json");
  JsonArray *parties = json_object_get_array_member (doc, "parties");
  JsonObject *wang = json_array_get_object_element (parties, 0);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "grid", GRID_A);
  json_object_remove_member (doc, "number");
  json_object_set_string_member (doc, "received_at", received);
  json_object_set_string_member (doc, "accepted_at", received);
  json_object_set_string_member (doc, "rights_notice_at", received);
  json_object_set_string_member (doc, "created_at", received);
  json_object_set_string_member (doc, "status", status);
  json_object_remove_member (doc, "judicial_confirmation");
  json_object_remove_member (doc, "follow_ups");
  json_object_remove_member (doc, "closed_at");
  /* sessions the day after receipt */
  {
    JsonArray *sessions = json_object_get_array_member (doc, "sessions");
    g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (received, NULL);
    g_autoptr(GDateTime) next = g_date_time_add_days (at, 1);
    g_autofree char *text = g_date_time_format (next, "%Y-%m-%dT%H:%M:%SZ");
    json_array_remove_element (sessions, 1);
    json_object_set_string_member (json_array_get_object_element (sessions, 0), "at", text);
    if (g_str_equal (status, "agreed"))
      {
        JsonObject *agreement = json_object_get_object_member (doc, "agreement");
        json_object_set_string_member (agreement, "signed_at", text);
        json_object_set_string_member (agreement, "effective_at", text);
        json_object_set_string_member (json_object_get_object_member (agreement, "performance"),
                                       "deadline", text);
      }
  }
  if (!g_str_equal (status, "agreed"))
    json_object_remove_member (doc, "agreement");
  if (g_str_equal (status, "failed"))
    {
      JsonObject *failure = json_object_new ();
      json_object_set_string_member (failure, "reason", "双方分歧较大");
      json_object_set_object_member (doc, "failure", failure);
    }
  json_object_set_string_member (wang, "name", "王五");
  json_object_set_string_member (wang, "id_number", WANG_ID);
  json_object_set_string_member (wang, "birth_date", "1970-01-01");
  if (g_str_equal (id, D_ID (3)))
    {
      json_object_set_string_member (wang, "name", "赵六");
      json_object_set_string_member (wang, "id_number", "320902197202020017");
      json_object_set_string_member (wang, "birth_date", "1972-02-02");
    }
  report_fixture_put (store, doc);
}

static inline void
report_fixture_households (GdStore *store)
{
  g_autoptr(JsonObject) h1 = fixture_household ("H0001", 1);
  g_autoptr(JsonObject) h2 = fixture_household ("H0002", 2);
  JsonArray *tags = json_array_new ();
  JsonObject *location = json_object_new ();
  JsonArray *members2 = json_object_get_array_member (h2, "members");
  JsonArray *child_tags = json_array_new ();

  json_object_set_string_member (h1, "_id", H1_ID);
  json_object_set_string_member (h1, "address", ADDRESS);
  json_array_add_string_element (tags, "elderly_alone");
  json_object_set_array_member (json_array_get_object_element (
    json_object_get_array_member (h1, "members"), 0), "tags", tags);
  report_fixture_put (store, h1);

  json_object_set_string_member (h2, "_id", H2_ID);
  json_object_set_double_member (location, "lat", 33.3852);
  json_object_set_double_member (location, "lon", 120.1636);
  json_object_set_object_member (h2, "location", location);
  json_array_add_string_element (child_tags, "left_behind_child");
  json_object_set_array_member (json_array_get_object_element (members2, 0), "tags", child_tags);
  json_object_set_string_member (json_array_get_object_element (members2, 1), "birth_date",
                                 "1983-07-05");
  report_fixture_put (store, h2);
}

static inline void
report_fixture_fill (GdStore *store)
{
  g_autoptr(JsonObject) grid_b = fixture_grid (GRID_B, "第二网格");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) p1_at = g_date_time_new_utc (2026, 11, 19, 0, 0, 0);
  g_autoptr(GDateTime) p2_at = g_date_time_new_utc (2026, 11, 20, 1, 0, 0);
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;

  report_fixture_put (store, grid_b);
  report_fixture_households (store);

  report_fixture_incident (store, I_ID (1), GRID_A, "AQ01", "2026-10-31T23:00:00Z",
                           "2026-11-05T00:00:00Z", "2026-11-03T00:00:00Z", "grid", "satisfied",
                           NULL, TRUE, "新兴村村委会");
  report_fixture_incident (store, I_ID (2), GRID_A, "AQ02", "2026-11-02T02:00:00Z",
                           "2026-11-04T02:00:00Z", "2026-11-06T02:00:00Z", "village",
                           "dissatisfied", ADDRESS, TRUE, "新兴村村委会");
  report_fixture_incident (store, I_ID (3), GRID_A, "SR01", "2026-11-10T01:00:00Z",
                           "2026-11-12T01:00:00Z", NULL, "town", NULL, ADDRESS, TRUE, "城管中队");
  report_fixture_incident (store, I_ID (4), GRID_A, "SR02", "2026-10-30T02:00:00Z",
                           "2026-11-06T02:00:00Z", "2026-11-02T02:00:00Z", "grid", "basically", NULL,
                           FALSE, "新兴村村委会");
  report_fixture_incident (store, I_ID (5), GRID_A, "AQ01", "2026-10-31T15:00:00Z",
                           "2026-11-01T15:00:00Z", NULL, "grid", NULL, ADDRESS, FALSE, NULL);
  report_fixture_incident (store, I_ID (6), GRID_B, "AQ01", "2025-11-15T02:00:00Z",
                           "2025-11-20T02:00:00Z", "2025-11-16T02:00:00Z", "grid", "satisfied", NULL,
                           FALSE, "新兴村村委会");
  report_fixture_incident (store, I_ID (7), GRID_A, "JM01", "2026-12-28T01:00:00Z",
                           "2027-01-05T00:00:00Z", NULL, "grid", NULL, NULL, FALSE, "城管中队");
  report_fixture_incident (store, I_ID (8), GRID_A, "JM01", "2027-01-03T15:00:00Z",
                           "2027-01-10T00:00:00Z", NULL, "grid", NULL, NULL, FALSE, "城管中队");
  report_fixture_incident (store, I_ID (9), GRID_A, "JM01", "2027-01-03T16:00:00Z",
                           "2027-01-10T00:00:00Z", NULL, "grid", NULL, NULL, FALSE, "城管中队");

  p1 = gd_patrol_start (store, GRID_A, "daily", "王建国", p1_at, &error);
  g_assert_no_error (error);
  g_assert_true (gd_patrol_visit (store, p1, H1_ID, "tester", &error));
  g_assert_no_error (error);
  p2 = gd_patrol_start (store, GRID_A, "daily", "王建国", p2_at, &error);
  g_assert_no_error (error);

  report_fixture_dispute (store, D_ID (1), "2026-11-03T02:00:00Z", "agreed");
  report_fixture_dispute (store, D_ID (2), "2026-11-05T02:00:00Z", "failed");
  report_fixture_dispute (store, D_ID (3), "2026-10-10T02:00:00Z", "mediating");
}
