/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-deadline.c: 限时办理 — rules, working days across weekends, holidays and 调休,
 * badges, and registration (number, deadline, override with a reason). */
#include "config.h"

#include "gd-deadline.h"
#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-test-fixtures.h"

static char *
deadline_of (GdDeadlineRules *rules,
             const char      *category,
             const char      *urgency,
             const char      *reported)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (reported, NULL);
  g_autoptr(GDateTime) due = gd_deadline_compute (rules, category, urgency, at);

  g_assert_nonnull (due);
  return gd_timestamp_format (due);
}

#define ASSERT_DEADLINE(rules, category, urgency, reported, expected) \
  G_STMT_START { \
    g_autofree char *got_ = deadline_of (rules, category, urgency, reported); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_shipped_rules (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  GdDeadlineSpan span;

  /* a sub-class takes its class's rule, an unlisted class the catch-all */
  g_assert_true (gd_deadline_rules_lookup (rules, "AQ01", "normal", &span));
  g_assert_cmpint (span.unit, ==, GD_SPAN_WORKING_DAYS);
  g_assert_cmpuint (span.amount, ==, 3);
  g_assert_true (gd_deadline_rules_lookup (rules, "AQ01", "critical", &span));
  g_assert_cmpint (span.unit, ==, GD_SPAN_HOURS);
  g_assert_cmpuint (span.amount, ==, 4);
  g_assert_true (gd_deadline_rules_lookup (rules, "SR02", "urgent", &span));
  g_assert_cmpint (span.unit, ==, GD_SPAN_HOURS);
  g_assert_cmpuint (span.amount, ==, 72);
  /* no urgency: normal */
  g_assert_true (gd_deadline_rules_lookup (rules, "SR02", NULL, &span));
  g_assert_cmpuint (span.amount, ==, 5);
  g_assert_cmpuint (gd_deadline_rules_get_holidays (rules)->len, ==, 33);
  g_assert_cmpuint (gd_deadline_rules_get_working_days (rules)->len, ==, 6);
}

static void
test_working_days (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, 9, 2026);  /* Sunday worked for 国庆 */
  g_assert_true (gd_deadline_is_working_day (rules, &date));
  g_date_set_dmy (&date, 19, 9, 2026);  /* ordinary Saturday */
  g_assert_false (gd_deadline_is_working_day (rules, &date));
  g_date_set_dmy (&date, 1, 10, 2026);  /* Thursday, 国庆 */
  g_assert_false (gd_deadline_is_working_day (rules, &date));
  g_date_set_dmy (&date, 23, 11, 2026); /* ordinary Monday */
  g_assert_true (gd_deadline_is_working_day (rules, &date));
}

static void
test_across_weekends_and_holidays (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();

  /* Fri 18 Sep, 3 working days: Sat off, Sun 20 worked (调休), Mon, Tue → Tue 18:00 */
  ASSERT_DEADLINE (rules, "AQ01", "normal", "2026-09-18T02:00:00Z", "2026-09-22T10:00:00Z");
  /* Wed 30 Sep, 5 working days: 1–7 Oct off; Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13 */
  ASSERT_DEADLINE (rules, "SR02", "normal", "2026-09-30T01:00:00Z", "2026-10-13T10:00:00Z");
  /* Fri 13 Feb, 10 working days across the Spring Festival (15–23 Feb off, 14 and 28 worked) */
  ASSERT_DEADLINE (rules, "MD01", "normal", "2026-02-13T07:00:00Z", "2026-03-05T10:00:00Z");
  /* the day is China's: 20:00Z Thu is 04:00 Fri in China, so five days end Fri 27 */
  ASSERT_DEADLINE (rules, "SR02", "normal", "2026-11-19T20:00:00Z", "2026-11-27T10:00:00Z");
  /* hours run through weekends and holidays */
  ASSERT_DEADLINE (rules, "AQ03", "critical", "2026-10-03T23:00:00Z", "2026-10-04T03:00:00Z");
  ASSERT_DEADLINE (rules, "XG01", "urgent", "2026-02-14T00:00:00Z", "2026-02-17T00:00:00Z");
}

static void
test_edit_rules (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GdDeadlineRules) copy = NULL;
  g_autoptr(GError) error = NULL;
  GdDeadlineSpan twelve = { GD_SPAN_HOURS, 12 };
  GdDeadlineSpan span;
  g_autofree char *json = NULL;

  /* a sub-class rule beats its class */
  g_assert_true (gd_deadline_rules_set (rules, "AQ01", "normal", &twelve, &error));
  g_assert_no_error (error);
  ASSERT_DEADLINE (rules, "AQ01", "normal", "2026-11-20T01:00:00Z", "2026-11-20T13:00:00Z");
  ASSERT_DEADLINE (rules, "AQ02", "normal", "2026-11-20T01:00:00Z", "2026-11-25T10:00:00Z");

  /* survives the JSON the preferences keep */
  json = gd_deadline_rules_rules_to_json (rules);
  copy = gd_deadline_rules_new_default ();
  g_assert_true (gd_deadline_rules_load_rules (copy, json, &error));
  g_assert_true (gd_deadline_rules_lookup (copy, "AQ01", "normal", &span));
  g_assert_cmpuint (span.amount, ==, 12);

  g_assert_true (gd_deadline_rules_set (rules, "AQ01", "normal", NULL, &error));
  g_assert_true (gd_deadline_rules_lookup (rules, "AQ01", "normal", &span));
  g_assert_cmpuint (span.amount, ==, 3);

  g_assert_false (gd_deadline_rules_set (rules, "*", "normal", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gd_deadline_rules_set (rules, "ZZ", "normal", &twelve, &error));
  g_assert_cmpstr (error->message, ==, "“ZZ” is not an incident category");
  g_clear_error (&error);
  twelve.amount = 0;
  g_assert_false (gd_deadline_rules_set (rules, "AQ", "normal", &twelve, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

static void
test_bad_rules_change_nothing (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autofree char *before = gd_deadline_rules_rules_to_json (rules);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_deadline_rules_load_rules (rules,
    "{\"rules\": [{\"category\": \"*\", \"urgency\": \"normal\", \"working_days\": 5},"
    " {\"category\": \"AQ\", \"urgency\": \"normal\", \"hours\": 4, \"working_days\": 1}]}", &error));
  g_assert_cmpstr (error->message, ==,
                   "deadline rule 2: give either hours (1–2160) or working_days (1–90)");
  g_clear_error (&error);
  g_assert_false (gd_deadline_rules_load_rules (rules,
    "{\"rules\": [{\"category\": \"*\", \"urgency\": \"normal\", \"working_days\": 5}]}", &error));
  g_assert_cmpstr (error->message, ==,
                   "the deadline rules need a rule for every urgency with category “*”");
  g_clear_error (&error);
  g_assert_false (gd_deadline_rules_load_calendar (rules,
    "{\"holidays\": [\"2026-12-25\"], \"working_days\": [\"2026-12-25\"]}", &error));
  g_assert_cmpstr (error->message, ==, "2026-12-25 is listed both as a holiday and as a working day");
  g_clear_error (&error);
  g_assert_false (gd_deadline_rules_load_calendar (rules, "{\"holidays\": [\"2026-13-01\"]}", &error));
  g_assert_cmpstr (error->message, ==, "holidays[0]: “2026-13-01” is not a date (YYYY-MM-DD)");
  after = gd_deadline_rules_rules_to_json (rules);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (gd_deadline_rules_get_holidays (rules)->len, ==, 33);
}

static void
test_own_calendar (void)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GError) error = NULL;

  /* a local day off on Monday 23 Nov and a Saturday worked instead */
  g_assert_true (gd_deadline_rules_load_calendar (rules,
    "{\"holidays\": [\"2026-11-23\"], \"working_days\": [\"2026-11-21\"]}", &error));
  g_assert_no_error (error);
  /* Fri 20: Sat 21 (worked), Tue 24, Wed 25 */
  ASSERT_DEADLINE (rules, "AQ01", "normal", "2026-11-20T01:00:00Z", "2026-11-25T10:00:00Z");
  /* 国庆 is no longer in this calendar: Thu 1 Oct is an ordinary working day */
  ASSERT_DEADLINE (rules, "AQ01", "normal", "2026-09-30T01:00:00Z", "2026-10-05T10:00:00Z");
}

static void
test_badges (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);

  g_assert_cmpint (gd_deadline_state ("2026-11-20T08:59:59Z", "in_progress", now), ==, GD_DEADLINE_OVERDUE);
  g_assert_cmpint (gd_deadline_state ("2026-11-21T08:59:59Z", "in_progress", now), ==, GD_DEADLINE_DUE_SOON);
  g_assert_cmpint (gd_deadline_state ("2026-11-21T09:00:00Z", "registered", now), ==, GD_DEADLINE_OK);
  g_assert_cmpint (gd_deadline_state ("2026-11-01T00:00:00Z", "archived", now), ==, GD_DEADLINE_CLOSED);
  g_assert_cmpint (gd_deadline_state (NULL, "registered", now), ==, GD_DEADLINE_NONE);
}

static JsonObject *
new_incident (const char *category, const char *urgency, const char *reported)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  json_object_set_string_member (doc, "title", "三组路口排水沟堵塞");
  json_object_set_string_member (doc, "category", category);
  json_object_set_string_member (doc, "urgency", urgency);
  json_object_set_string_member (doc, "source", "patrol");
  json_object_set_string_member (doc, "reported_at", reported);
  return doc;
}

static void
test_register (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) first = new_incident ("AQ01", "normal", "2026-09-18T02:00:00Z");
  g_autoptr(JsonObject) second = new_incident ("SR02", "normal", "2026-09-30T01:00:00Z");
  g_autoptr(JsonObject) refused = new_incident ("SR02", "normal", "2026-09-30T01:00:00Z");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  JsonObject *entry, *override;
  GdIncidentFilter all = { 0 };

  id1 = gd_incident_register (fixture->store, first, rules, NULL, NULL, "wangjg", NULL, &error);
  g_assert_no_error (error);
  stored = gd_store_get (fixture->store, id1, &error);
  g_assert_cmpstr (gd_json_get_string (stored, "number"), ==, "SJ-2026-000001");
  g_assert_cmpstr (gd_json_get_string (stored, "status"), ==, "registered");
  g_assert_cmpstr (gd_json_get_string (stored, "deadline"), ==, "2026-09-22T10:00:00Z");
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (stored, "timeline")), ==, 1);
  entry = json_array_get_object_element (gd_json_get_array (stored, "timeline"), 0);
  g_assert_cmpstr (gd_json_get_string (entry, "to"), ==, "registered");
  g_assert_cmpstr (gd_json_get_string (entry, "by"), ==, "wangjg");
  g_assert_false (json_object_has_member (stored, "deadline_override"));
  g_clear_pointer (&stored, json_object_unref);

  /* an override needs a reason; refused, nothing is written and no number is used */
  g_assert_null (gd_incident_register (fixture->store, refused, rules, "2026-10-01T10:00:00Z", "  ",
                                       "wangjg", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "deadline: a deadline other than the rule's needs a reason");
  g_clear_error (&error);
  g_assert_cmpint (gd_store_count_incidents (fixture->store, &all, NULL), ==, 1);

  id2 = gd_incident_register (fixture->store, second, rules, "2026-10-08T10:00:00+08:00",
                              "镇里要求节后第一天办结", "wangjg", NULL, &error);
  g_assert_no_error (error);
  stored = gd_store_get (fixture->store, id2, &error);
  g_assert_cmpstr (gd_json_get_string (stored, "number"), ==, "SJ-2026-000002");
  g_assert_cmpstr (gd_json_get_string (stored, "deadline"), ==, "2026-10-08T02:00:00Z");
  override = gd_json_get_object (stored, "deadline_override");
  g_assert_cmpstr (gd_json_get_string (override, "computed"), ==, "2026-10-13T10:00:00Z");
  g_assert_cmpstr (gd_json_get_string (override, "reason"), ==, "镇里要求节后第一天办结");
  g_assert_cmpstr (gd_json_get_string (override, "by"), ==, "wangjg");

  /* invalid documents are refused by the store's validation: no number is taken */
  json_object_remove_member (refused, "title");
  g_assert_null (gd_incident_register (fixture->store, refused, rules, NULL, NULL, "wangjg", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_false (json_object_has_member (refused, "number"));
  g_clear_error (&error);
  json_object_set_string_member (refused, "title", "再次登记");
  id3 = gd_incident_register (fixture->store, refused, rules, NULL, NULL, "wangjg", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gd_json_get_string (refused, "number"), ==, "SJ-2026-000003");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deadline/shipped-rules", test_shipped_rules);
  g_test_add_func ("/deadline/working-days", test_working_days);
  g_test_add_func ("/deadline/across-weekends-and-holidays", test_across_weekends_and_holidays);
  g_test_add_func ("/deadline/edit-rules", test_edit_rules);
  g_test_add_func ("/deadline/bad-rules-change-nothing", test_bad_rules_change_nothing);
  g_test_add_func ("/deadline/own-calendar", test_own_calendar);
  g_test_add_func ("/deadline/badges", test_badges);
  g_test_add ("/deadline/register", StoreFixture, NULL, store_fixture_setup, test_register,
              store_fixture_teardown);
  return g_test_run ();
}
