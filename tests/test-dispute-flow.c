/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-dispute-flow.c: the stages of a mediation case, its case numbers, its timers and the
 * mediation measures, on real store files. */
#include "config.h"

#include <sqlite3.h>

#include "gd-dispute-flow.h"
#include "gd-error.h"
#include "gd-mediation.h"
#include "gd-test-fixtures.h"

#define N GD_DISPUTE_N_STATUSES

/* DATA-MODEL.md's moves written out again, independently of the code's bit sets. */
static const gboolean legal[N][N] = {
  /*                        rec acc med agr fai ref clo */
  [GD_DISPUTE_RECEIVED] =  { 0,  1,  0,  0,  0,  1,  0 },
  [GD_DISPUTE_ACCEPTED] =  { 0,  0,  1,  0,  1,  1,  0 },
  [GD_DISPUTE_MEDIATING] = { 0,  0,  0,  1,  1,  1,  0 },
  [GD_DISPUTE_AGREED] =    { 0,  0,  0,  0,  0,  0,  1 },
  [GD_DISPUTE_FAILED] =    { 0,  0,  0,  0,  0,  0,  1 },
  [GD_DISPUTE_REFERRED] =  { 0,  0,  0,  0,  0,  0,  1 },
  [GD_DISPUTE_CLOSED] =    { 0,  0,  0,  0,  0,  0,  0 },
};

static void
test_table (void)
{
  for (guint from = 0; from < N; from++)
    for (guint to = 0; to < N; to++)
      {
        if (gd_dispute_transition_exists (from, to) != legal[from][to])
          g_error ("%s -> %s: expected %s", gd_dispute_status_to_string (from),
                   gd_dispute_status_to_string (to), legal[from][to] ? "legal" : "illegal");
      }
}

/* A case received on `received` (UTC) from 李明 against 张伟, not yet taken on. */
static JsonObject *
dispute_new (const char *received)
{
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"dispute\", \"grid\": \"" FIXTURE_GRID "\", \"status\": \"received\","
    " \"category\": \"neighbour\", \"source\": \"party_applied\", \"room\": \"village\","
    " \"summary\": \"排水沟堵塞引发邻里纠纷\", \"received_at\": \"%s\","
    " \"mediators\": [{\"id\": \"mediator:m1\", \"name\": \"赵德明\", \"role\": \"lead\"}],"
    " \"parties\": [{\"id\": \"p1\", \"role\": \"applicant\", \"kind\": \"person\", \"name\": \"李明\"},"
    "               {\"id\": \"p2\", \"role\": \"respondent\", \"kind\": \"person\", \"name\": \"张伟\"}]}",
    received);
  g_autoptr(GError) error = NULL;
  JsonObject *doc = gd_json_parse_object (text, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static GDateTime *
utc (const char *text)
{
  GDateTime *at = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (at);
  return at;
}

static void
move (JsonObject      *doc,
      GdDisputeStatus  to,
      const char      *at_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = utc (at_text);

  gd_dispute_apply_transition (doc, to, "周丽", NULL, at, &error);
  g_assert_no_error (error);
}

static void
refuse (JsonObject      *doc,
        GdDisputeStatus  to,
        const char      *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = gd_json_to_string (doc, FALSE);
  g_autofree char *after = NULL;

  g_assert_false (gd_dispute_apply_transition (doc, to, "周丽", NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  after = gd_json_to_string (doc, FALSE);
  g_assert_cmpstr (after, ==, before);
}

static void
add_session (JsonObject *doc,
             const char *id,
             const char *at)
{
  JsonArray *sessions = gd_json_get_array (doc, "sessions");
  JsonObject *session = json_object_new ();

  if (sessions == NULL)
    {
      sessions = json_array_new ();
      json_object_set_array_member (doc, "sessions", sessions);
    }
  json_object_set_string_member (session, "id", id);
  json_object_set_string_member (session, "at", at);
  json_object_set_string_member (session, "place", "新兴村调解室");
  json_object_set_string_member (session, "recorder", "孙秀英");
  json_array_add_object_element (sessions, session);
}

static void
add_agreement (JsonObject *doc,
               const char *form,
               const char *signed_at)
{
  JsonObject *agreement = json_object_new ();

  json_object_set_string_member (agreement, "form", form);
  json_object_set_string_member (agreement, "terms", "张伟于4月15日前拆除堵塞部分，恢复排水。");
  json_object_set_string_member (agreement, "signed_at", signed_at);
  json_object_set_string_member (agreement, "effective_at", signed_at);
  json_object_set_object_member (doc, "agreement", agreement);
}

static char *
put (StoreFixture *fixture,
     JsonObject   *doc)
{
  g_autoptr(GError) error = NULL;
  char *id = gd_store_put (fixture->store, doc, "tester", NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
put_refused (StoreFixture *fixture,
             JsonObject   *doc,
             const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_store_put (fixture->store, doc, "tester", NULL, &error);

  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
}

/* The refusal's issue at `path` has `code` and names the field `other` as its first argument,
 * so an editor can say that field's label instead of parsing the message. */
static void
put_refused_code (StoreFixture *fixture,
                  JsonObject   *doc,
                  const char   *path,
                  const char   *code,
                  const char   *other)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_store_put (fixture->store, doc, "tester", issues, &error);
  const GdIssue *issue = gd_issues_find (issues, path);

  g_assert_null (id);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->code, ==, code);
  g_assert_nonnull (issue->args);
  g_assert_true (g_strv_contains ((const char * const *) issue->args, other));
}

/* intake → acceptance (numbered) → session → written agreement → closing, stored at each step */
static void
test_walk (StoreFixture *fixture,
           gconstpointer data)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-04-01T01:00:00Z");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = put (fixture, doc);
  JsonArray *history;
  JsonObject *entry;

  g_assert_null (gd_json_get_string (doc, "number"));   /* numbered when taken on */

  move (doc, GD_DISPUTE_ACCEPTED, "2026-04-01T06:00:00Z");
  g_assert_cmpstr (gd_json_get_string (doc, "accepted_at"), ==, "2026-04-01T06:00:00Z");
  g_free (put (fixture, doc));
  g_assert_cmpstr (gd_json_get_string (doc, "number"), ==, "(2026)新兴村人调字第1号");

  refuse (doc, GD_DISPUTE_MEDIATING, "record the first mediation session before starting mediation");
  add_session (doc, "s1", "2026-04-03T02:00:00Z");
  move (doc, GD_DISPUTE_MEDIATING, "2026-04-03T02:00:00Z");
  g_free (put (fixture, doc));

  refuse (doc, GD_DISPUTE_AGREED, "record the agreement (written or oral) first");
  add_agreement (doc, "written", "2026-04-08T03:00:00Z");
  move (doc, GD_DISPUTE_AGREED, "2026-04-08T03:00:00Z");
  g_free (put (fixture, doc));
  move (doc, GD_DISPUTE_CLOSED, "2026-05-20T03:00:00Z");
  g_free (put (fixture, doc));

  stored = gd_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gd_json_get_string (stored, "status"), ==, "closed");
  g_assert_cmpstr (gd_json_get_string (stored, "closed_at"), ==, "2026-05-20T03:00:00Z");
  g_assert_cmpstr (gd_json_get_string (stored, "number"), ==, "(2026)新兴村人调字第1号");
  history = gd_json_get_array (stored, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 4);
  entry = json_array_get_object_element (history, 2);
  g_assert_cmpstr (gd_json_get_string (entry, "from"), ==, "mediating");
  g_assert_cmpstr (gd_json_get_string (entry, "to"), ==, "agreed");
  g_assert_cmpstr (gd_json_get_string (entry, "by"), ==, "周丽");
  g_assert_cmpstr (gd_json_get_string (entry, "at"), ==, "2026-04-08T03:00:00Z");
}

static void
test_refusals (void)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-04-01T01:00:00Z");
  g_autoptr(GError) error = NULL;

  refuse (doc, GD_DISPUTE_AGREED, "cannot move a case from received to agreed");
  refuse (doc, GD_DISPUTE_CLOSED, "cannot move a case from received to closed");
  json_array_remove_element (gd_json_get_array (doc, "parties"), 1);
  refuse (doc, GD_DISPUTE_ACCEPTED, "a case is accepted with at least two parties");
  refuse (doc, GD_DISPUTE_REFERRED, "a referral needs the body it goes to");

  g_assert_false (gd_dispute_apply_transition (doc, GD_DISPUTE_REFERRED, " ", NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);

  /* from mediating: an agreement needs a session before it; failure needs its reason */
  json_object_set_string_member (doc, "status", "mediating");
  add_agreement (doc, "oral", "2026-04-08T03:00:00Z");
  refuse (doc, GD_DISPUTE_AGREED, "no agreement without a mediation session");
  refuse (doc, GD_DISPUTE_FAILED, "a failed mediation needs the reason");
}

/* the store refuses the dates out of order and writes nothing */
static void
test_stage_dates (StoreFixture *fixture,
                  gconstpointer data)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-04-01T01:00:00Z");

  /* a session before the case was taken on */
  add_session (doc, "s1", "2026-04-03T02:00:00Z");
  put_refused (fixture, doc, "sessions[0].at: a session needs the case accepted first");
  put_refused_code (fixture, doc, "sessions[0].at", GD_ISSUE_CODE_NOT_ACCEPTED, "accepted_at");
  move (doc, GD_DISPUTE_ACCEPTED, "2026-04-04T06:00:00Z");
  put_refused (fixture, doc, "sessions[0].at: is earlier than accepted_at");
  put_refused_code (fixture, doc, "sessions[0].at", GD_ISSUE_CODE_EARLIER_THAN, "accepted_at");
  json_object_set_string_member (doc, "accepted_at", "2026-04-02T06:00:00Z");

  /* an agreement signed before the last session */
  json_object_set_string_member (doc, "status", "agreed");
  add_session (doc, "s2", "2026-04-09T02:00:00Z");
  add_agreement (doc, "written", "2026-04-08T03:00:00Z");
  put_refused (fixture, doc, "agreement.signed_at: is earlier than sessions[1].at");
  put_refused_code (fixture, doc, "agreement.signed_at", GD_ISSUE_CODE_EARLIER_THAN,
                    "sessions[1].at");

  /* an oral agreement is recorded (its terms) in the registration */
  add_agreement (doc, "oral", "2026-04-09T03:00:00Z");
  json_object_remove_member (gd_json_get_object (doc, "agreement"), "terms");
  put_refused (fixture, doc, "agreement.terms: an oral agreement is recorded in the registration");
  g_assert_cmpint (gd_store_count (fixture->store, GD_DOC_DISPUTE, NULL), ==, 0);

  add_agreement (doc, "oral", "2026-04-09T03:00:00Z");
  g_free (put (fixture, doc));
  g_assert_cmpint (gd_store_count (fixture->store, GD_DOC_DISPUTE, NULL), ==, 1);
}

static char *
accepted_case (StoreFixture *fixture,
               const char   *accepted_at,
               char        **out_number)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-01-01T01:00:00Z");
  char *id;

  json_object_set_string_member (doc, "received_at", accepted_at);
  move (doc, GD_DISPUTE_ACCEPTED, accepted_at);
  id = put (fixture, doc);
  *out_number = g_strdup (gd_json_get_string (doc, "number"));
  return id;
}

static void
test_numbers (StoreFixture *fixture,
              gconstpointer data)
{
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL, *id4 = NULL, *id5 = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL, *n4 = NULL, *n5 = NULL;
  g_autoptr(JsonObject) imported = dispute_new ("2026-05-01T01:00:00Z");
  g_autoptr(JsonObject) twin = dispute_new ("2026-05-01T01:00:00Z");
  g_autoptr(JsonObject) bad = dispute_new ("2026-05-01T01:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *imported_id = NULL;

  id1 = accepted_case (fixture, "2026-03-02T01:00:00Z", &n1);
  id2 = accepted_case (fixture, "2026-03-05T01:00:00Z", &n2);
  g_assert_cmpstr (n1, ==, "(2026)新兴村人调字第1号");
  g_assert_cmpstr (n2, ==, "(2026)新兴村人调字第2号");

  /* the year is the China year of acceptance: 16:30Z on 31 December is 1 January */
  id3 = accepted_case (fixture, "2026-12-31T16:30:00Z", &n3);
  g_assert_cmpstr (n3, ==, "(2027)新兴村人调字第1号");

  /* a deleted case keeps its number to itself */
  g_assert_true (gd_store_delete (fixture->store, id2, "tester", &error));
  g_assert_no_error (error);
  id4 = accepted_case (fixture, "2026-03-09T01:00:00Z", &n4);
  g_assert_cmpstr (n4, ==, "(2026)新兴村人调字第3号");

  /* a number from elsewhere moves the counter past it */
  json_object_set_string_member (imported, "number", "（2026）新兴村人调字第40号");
  imported_id = put (fixture, imported);
  id5 = accepted_case (fixture, "2026-03-10T01:00:00Z", &n5);
  g_assert_cmpstr (n5, ==, "(2026)新兴村人调字第41号");

  /* a number already given is refused, and nothing is written */
  json_object_set_string_member (twin, "number", n1);
  put_refused (fixture, twin, "(2026)新兴村人调字第1号 is already the number of");
  g_assert_null (gd_json_get_string (twin, "_id") != NULL
                 ? gd_store_get (fixture->store, gd_json_get_string (twin, "_id"), NULL) : NULL);

  /* a refused write gives its number back: the next case gets 42, not 43 */
  move (bad, GD_DISPUTE_ACCEPTED, "2026-05-01T02:00:00Z");
  json_object_set_string_member (bad, "category", "gossip");
  put_refused (fixture, bad, "category");
  g_clear_pointer (&id5, g_free);
  g_clear_pointer (&n5, g_free);
  id5 = accepted_case (fixture, "2026-03-11T01:00:00Z", &n5);
  g_assert_cmpstr (n5, ==, "(2026)新兴村人调字第42号");
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A file whose counter does not know the numbers already given (made before the counter, or
 * filled by hand): the next case still starts after them, per committee and year. */
static void
test_numbers_unseeded (StoreFixture *fixture,
                       gconstpointer data)
{
  const char *given[] = { "(2026)新兴村人调字第7号", "（2026）新兴村人调字第12号",
                          "(2025)新兴村人调字第30号", "(2026)东风村人调字第50号" };
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *last_year = NULL;
  g_autofree char *fresh_year = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_autoptr(JsonObject) doc = dispute_new ("2026-03-01T01:00:00Z");
      json_object_set_string_member (doc, "number", given[i]);
      g_free (put (fixture, doc));
    }
  g_clear_pointer (&fixture->store, gd_store_free);
  exec_sql (fixture->path, "DELETE FROM dispute_numbers");
  fixture->store = gd_store_open (fixture->path, &error);
  g_assert_no_error (error);

  id = accepted_case (fixture, "2026-06-01T01:00:00Z", &number);
  g_assert_cmpstr (number, ==, "(2026)新兴村人调字第13号");
  g_clear_pointer (&id, g_free);
  id = accepted_case (fixture, "2025-06-01T01:00:00Z", &last_year);
  g_assert_cmpstr (last_year, ==, "(2025)新兴村人调字第31号");
  g_clear_pointer (&id, g_free);
  id = accepted_case (fixture, "2024-06-01T01:00:00Z", &fresh_year);
  g_assert_cmpstr (fresh_year, ==, "(2024)新兴村人调字第1号");
}

static void
test_number_parse (void)
{
  g_autofree char *committee = NULL;
  g_autofree char *made = gd_dispute_number_format (2026, "新兴村", 12);
  int year = 0;
  guint n = 0;

  g_assert_cmpstr (made, ==, "(2026)新兴村人调字第12号");
  g_assert_true (gd_dispute_number_parse ("（2025）新兴人调字第7号", &year, &committee, &n));
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpstr (committee, ==, "新兴");
  g_assert_cmpuint (n, ==, 7);
  g_assert_false (gd_dispute_number_parse ("(2026)人调字第7号", NULL, NULL, NULL));
  g_assert_false (gd_dispute_number_parse ("(2026)新兴人调字第07号", NULL, NULL, NULL));
  g_assert_false (gd_dispute_number_parse ("(2026)新兴人调字第7", NULL, NULL, NULL));
  g_assert_false (gd_dispute_number_parse ("2026新兴人调字第7号", NULL, NULL, NULL));
}

static void
set_day (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_timer (GArray             *timers,
              guint               index,
              GdDisputeTimerKind  kind,
              const char         *due,
              int                 days_left)
{
  GdDisputeTimer *timer;
  char text[16];

  g_assert_cmpuint (timers->len, >, index);
  timer = &g_array_index (timers, GdDisputeTimer, index);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &timer->due);
  g_assert_cmpint (timer->kind, ==, kind);
  g_assert_cmpstr (text, ==, due);
  g_assert_cmpint (timer->days_left, ==, days_left);
}

static void
test_timers (void)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-01-31T01:00:00Z");
  g_autoptr(GArray) timers = NULL;
  JsonObject *performance = json_object_new ();
  JsonArray *follow_ups = json_array_new ();
  JsonObject *visit = json_object_new ();
  GDate today;

  /* one month from 31 January is the last day of February */
  json_object_set_string_member (doc, "status", "mediating");
  json_object_set_string_member (doc, "accepted_at", "2026-01-31T02:00:00Z");
  set_day (&today, 2026, 3, 2);
  timers = gd_dispute_timers (doc, &today);
  g_assert_cmpuint (timers->len, ==, 1);
  assert_timer (timers, 0, GD_DISPUTE_TIMER_RESOLUTION, "2026-02-28", -2);
  g_clear_pointer (&timers, g_array_unref);

  /* agreed: the 30-day window from effect (China date), the visit 3 days after the deadline */
  json_object_set_string_member (doc, "status", "agreed");
  add_agreement (doc, "written", "2026-04-07T17:00:00Z");   /* 8 April in China */
  json_object_set_string_member (performance, "deadline", "2026-04-15T10:00:00Z");
  json_object_set_object_member (gd_json_get_object (doc, "agreement"), "performance", performance);
  set_day (&today, 2026, 4, 10);
  timers = gd_dispute_timers (doc, &today);
  g_assert_cmpuint (timers->len, ==, 2);
  assert_timer (timers, 0, GD_DISPUTE_TIMER_FOLLOW_UP, "2026-04-18", 8);
  assert_timer (timers, 1, GD_DISPUTE_TIMER_CONFIRMATION, "2026-05-08", 28);
  g_clear_pointer (&timers, g_array_unref);

  /* a partial fulfilment calls for another visit 15 days later; past the window, no timer */
  json_object_set_string_member (visit, "id", "f1");
  json_object_set_string_member (visit, "at", "2026-04-20T02:00:00Z");
  json_object_set_string_member (visit, "fulfilled", "partial");
  json_array_add_object_element (follow_ups, visit);
  json_object_set_array_member (doc, "follow_ups", follow_ups);
  set_day (&today, 2026, 5, 9);
  timers = gd_dispute_timers (doc, &today);
  g_assert_cmpuint (timers->len, ==, 1);
  assert_timer (timers, 0, GD_DISPUTE_TIMER_FOLLOW_UP, "2026-05-05", -4);
  g_clear_pointer (&timers, g_array_unref);

  /* carried out in full: nothing more is due; an oral agreement has no court window */
  json_object_set_string_member (visit, "fulfilled", "full");
  json_object_set_string_member (gd_json_get_object (doc, "agreement"), "form", "oral");
  set_day (&today, 2026, 4, 21);
  timers = gd_dispute_timers (doc, &today);
  g_assert_cmpuint (timers->len, ==, 0);
}

/* Four cases with known answers for the list filters and the measures. */
static void
store_four_cases (StoreFixture *fixture)
{
  g_autoptr(JsonObject) a = dispute_new ("2026-01-30T01:00:00Z");
  g_autoptr(JsonObject) b = dispute_new ("2026-02-09T01:00:00Z");
  g_autoptr(JsonObject) c = dispute_new ("2026-02-20T01:00:00Z");
  g_autoptr(JsonObject) d = dispute_new ("2026-02-21T01:00:00Z");
  JsonObject *failure = json_object_new ();

  /* a: mediating since 31 January, past its target on 1 March */
  move (a, GD_DISPUTE_ACCEPTED, "2026-01-31T02:00:00Z");
  add_session (a, "s1", "2026-02-02T02:00:00Z");
  move (a, GD_DISPUTE_MEDIATING, "2026-02-02T02:00:00Z");
  g_free (put (fixture, a));

  /* b: labour case in the party members' room, agreed */
  json_object_set_string_member (b, "category", "labour");
  json_object_set_string_member (b, "room", "party_member");
  json_object_set_string_member (b, "source", "court_referral");
  json_object_set_array_member (b, "mediators", json_array_new ());
  {
    JsonObject *m = json_object_new ();
    json_object_set_string_member (m, "id", "mediator:m2");
    json_object_set_string_member (m, "name", "孙秀英");
    json_object_set_string_member (m, "role", "lead");
    json_array_add_object_element (gd_json_get_array (b, "mediators"), m);
  }
  move (b, GD_DISPUTE_ACCEPTED, "2026-02-10T02:00:00Z");
  add_session (b, "s1", "2026-02-12T02:00:00Z");
  move (b, GD_DISPUTE_MEDIATING, "2026-02-12T02:00:00Z");
  add_agreement (b, "written", "2026-02-12T04:00:00Z");
  move (b, GD_DISPUTE_AGREED, "2026-02-12T04:00:00Z");
  g_free (put (fixture, b));

  /* c: failed */
  move (c, GD_DISPUTE_ACCEPTED, "2026-02-20T02:00:00Z");
  add_session (c, "s1", "2026-02-22T02:00:00Z");
  move (c, GD_DISPUTE_MEDIATING, "2026-02-22T02:00:00Z");
  json_object_set_string_member (failure, "reason", "双方分歧过大");
  json_object_set_object_member (c, "failure", failure);
  move (c, GD_DISPUTE_FAILED, "2026-02-25T02:00:00Z");
  g_free (put (fixture, c));

  /* d: agreed orally and closed */
  move (d, GD_DISPUTE_ACCEPTED, "2026-02-21T02:00:00Z");
  add_session (d, "s1", "2026-02-21T03:00:00Z");
  move (d, GD_DISPUTE_MEDIATING, "2026-02-21T03:00:00Z");
  add_agreement (d, "oral", "2026-02-21T04:00:00Z");
  move (d, GD_DISPUTE_AGREED, "2026-02-21T04:00:00Z");
  move (d, GD_DISPUTE_CLOSED, "2026-02-28T04:00:00Z");
  g_free (put (fixture, d));
}

static gint64
count (StoreFixture   *fixture,
       GdDisputeQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gd_mediation_list (fixture->store, query, &error);
  gint64 n;

  g_assert_no_error (error);
  n = gd_mediation_count (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, (gint64) rows->len);
  return n;
}

static void
test_list (StoreFixture *fixture,
           gconstpointer data)
{
  GdDisputeQuery query = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GdDisputeRow *row;
  GDate today;

  store_four_cases (fixture);
  set_day (&today, 2026, 3, 1);
  query.today = &today;
  g_assert_cmpint (count (fixture, &query), ==, 4);

  rows = gd_mediation_list (fixture->store, &query, &error);
  row = g_ptr_array_index (rows, 3);   /* the oldest last */
  g_assert_cmpstr (row->number, ==, "(2026)新兴村人调字第1号");
  g_assert_cmpstr (row->parties, ==, "李明、张伟");
  g_assert_cmpstr (row->mediators, ==, "赵德明");
  g_assert_true (row->has_timer);
  g_assert_cmpint (row->timer.days_left, ==, -1);

  query.overdue = TRUE;
  g_assert_cmpint (count (fixture, &query), ==, 1);
  set_day (&today, 2026, 2, 28);   /* the last day of the month: not yet overdue */
  g_assert_cmpint (count (fixture, &query), ==, 0);
  query.overdue = FALSE;

  query.status = "agreed";
  g_assert_cmpint (count (fixture, &query), ==, 1);
  query.status = NULL;
  query.category = "labour";
  g_assert_cmpint (count (fixture, &query), ==, 1);
  query.category = NULL;
  query.room = "village";
  g_assert_cmpint (count (fixture, &query), ==, 3);
  query.room = NULL;
  query.mediator = "mediator:m2";
  g_assert_cmpint (count (fixture, &query), ==, 1);
  query.mediator = NULL;
  query.limit = 2;
  query.offset = 3;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = gd_mediation_list (fixture->store, &query, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_due (StoreFixture *fixture,
          gconstpointer data)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  store_four_cases (fixture);
  set_day (&today, 2026, 3, 1);
  due = gd_mediation_due (fixture->store, NULL, &today, 7, &error);
  g_assert_no_error (error);
  /* a: one day overdue; b: visit due 27 Feb (signed 12 Feb + 15) — both overdue */
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[0])->timer.days_left, ==, -2);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[0])->timer.kind, ==, GD_DISPUTE_TIMER_FOLLOW_UP);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[1])->timer.days_left, ==, -1);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[1])->timer.kind, ==, GD_DISPUTE_TIMER_RESOLUTION);
}

/* A follow-up planned for a day is due that day (listed as due, through the agreed-only query
 * too) until a visit is recorded on or after it; a visit cannot be recorded ahead of time, a
 * plan can. */
static void
test_follow_up_plan (StoreFixture *fixture,
                     gconstpointer data)
{
  g_autoptr(JsonObject) doc = dispute_new ("2026-01-30T01:00:00Z");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) agreed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ahead = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  JsonObject *plan = json_object_new ();
  JsonArray *follow_ups = json_array_new ();
  JsonObject *visit = json_object_new ();
  GDate today, planned;
  char day[16];

  move (doc, GD_DISPUTE_ACCEPTED, "2026-01-31T02:00:00Z");
  add_session (doc, "s1", "2026-02-02T02:00:00Z");
  move (doc, GD_DISPUTE_MEDIATING, "2026-02-02T02:00:00Z");
  add_agreement (doc, "written", "2026-02-02T04:00:00Z");
  move (doc, GD_DISPUTE_AGREED, "2026-02-02T04:00:00Z");
  /* planned three days ahead of today: a date in the future is fine for a plan */
  gd_china_today (&today);
  planned = today;
  g_date_add_days (&planned, 3);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", &planned);
  json_object_set_string_member (plan, "due", day);
  json_object_set_string_member (plan, "by", "赵德明");
  json_object_set_object_member (doc, "follow_up_plan", plan);
  id = put (fixture, doc);

  due = gd_mediation_due (fixture->store, NULL, &today, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((GdDisputeRow *) due->pdata[0])->id, ==, id);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[0])->timer.kind, ==, GD_DISPUTE_TIMER_FOLLOW_UP);
  g_assert_cmpint (((GdDisputeRow *) due->pdata[0])->timer.days_left, ==, 3);
  agreed = gd_mediation_agreed_due (fixture->store, NULL, &today, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreed->len, ==, 1);
  g_assert_cmpint (((GdDisputeRow *) agreed->pdata[0])->timer.days_left, ==, 3);

  /* a visit dated tomorrow is refused: it is recorded once made */
  ahead = gd_timestamp_format (later);
  json_object_set_string_member (visit, "id", "f1");
  json_object_set_string_member (visit, "at", ahead);
  json_object_set_string_member (visit, "by", "赵德明");
  json_object_set_string_member (visit, "fulfilled", "partial");
  json_array_add_object_element (follow_ups, visit);
  json_object_set_array_member (doc, "follow_ups", follow_ups);
  put_refused (fixture, doc, "follow_ups[0].at:");

  /* the plan's date malformed is refused too */
  json_object_remove_member (doc, "follow_ups");
  json_object_set_string_member (plan, "due", "下周一");
  put_refused (fixture, doc, "follow_up_plan.due:");
}

static gint64
member_int (JsonObject *object, const char *group, const char *key)
{
  JsonObject *counts = gd_json_get_object (object, group);

  g_assert_nonnull (counts);
  return json_object_has_member (counts, key) ? json_object_get_int_member (counts, key) : 0;
}

static void
test_measures (StoreFixture *fixture,
               gconstpointer data)
{
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) february = NULL;
  g_autoptr(GError) error = NULL;

  store_four_cases (fixture);
  all = gd_mediation_measures (fixture->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (all, "cases"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (all, "agreed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (all, "concluded"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (all, "success_rate"),
                                  2.0 / 3.0, 1e-9);
  g_assert_cmpint (member_int (all, "by_category", "neighbour"), ==, 3);
  g_assert_cmpint (member_int (all, "by_category", "labour"), ==, 1);
  g_assert_cmpint (member_int (all, "by_source", "court_referral"), ==, 1);
  g_assert_cmpint (member_int (all, "by_room", "party_member"), ==, 1);
  g_assert_cmpint (member_int (all, "by_mediator", "赵德明"), ==, 3);
  g_assert_cmpint (member_int (all, "by_mediator", "孙秀英"), ==, 1);
  g_assert_cmpint (member_int (all, "by_status", "closed"), ==, 1);

  /* received in February (China dates): b, c, d — two agreed of three concluded */
  february = gd_mediation_measures (fixture->store, NULL, "2026-02-01", "2026-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (february, "cases"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (february, "concluded"), ==, 3);
  g_assert_cmpint (member_int (february, "by_status", "mediating"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dispute-flow/table", test_table);
  g_test_add_func ("/dispute-flow/refusals", test_refusals);
  g_test_add_func ("/dispute-flow/number-parse", test_number_parse);
  g_test_add_func ("/dispute-flow/timers", test_timers);
  g_test_add ("/dispute-flow/walk", StoreFixture, NULL, store_fixture_setup, test_walk,
              store_fixture_teardown);
  g_test_add ("/dispute-flow/stage-dates", StoreFixture, NULL, store_fixture_setup,
              test_stage_dates, store_fixture_teardown);
  g_test_add ("/dispute-flow/numbers", StoreFixture, NULL, store_fixture_setup, test_numbers,
              store_fixture_teardown);
  g_test_add ("/dispute-flow/numbers-unseeded", StoreFixture, NULL, store_fixture_setup,
              test_numbers_unseeded, store_fixture_teardown);
  g_test_add ("/mediation/list", StoreFixture, NULL, store_fixture_setup, test_list,
              store_fixture_teardown);
  g_test_add ("/mediation/due", StoreFixture, NULL, store_fixture_setup, test_due,
              store_fixture_teardown);
  g_test_add ("/mediation/follow-up-plan", StoreFixture, NULL, store_fixture_setup,
              test_follow_up_plan, store_fixture_teardown);
  g_test_add ("/mediation/measures", StoreFixture, NULL, store_fixture_setup, test_measures,
              store_fixture_teardown);
  return g_test_run ();
}
