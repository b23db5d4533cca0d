/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-incident-flow.c: the incident status machine, its roles and its preconditions. */
#include "config.h"

#include "gd-error.h"
#include "gd-incident-flow.h"
#include "gd-issues.h"
#include "gd-json.h"
#include "gd-validate.h"

#define N GD_INCIDENT_N_STATUSES
#define R GD_INCIDENT_REGISTERED
#define D GD_INCIDENT_DISPATCHED
#define E GD_INCIDENT_ESCALATED
#define P GD_INCIDENT_IN_PROGRESS
#define V GD_INCIDENT_VERIFYING
#define F GD_INCIDENT_FEEDBACK
#define A GD_INCIDENT_ARCHIVED
#define T GD_INCIDENT_RETURNED

/* DATA-MODEL.md's table written out again, independently of the code's bit sets. */
static const gboolean legal[N][N] = {
  /*          R  D  E  P  V  F  A  T */
  [R] = {     0, 1, 1, 0, 0, 0, 0, 1 },
  [D] = {     0, 0, 1, 1, 0, 0, 0, 1 },
  [E] = {     0, 1, 0, 1, 0, 0, 0, 1 },
  [P] = {     0, 0, 1, 0, 1, 0, 0, 1 },
  [V] = {     0, 0, 0, 1, 0, 1, 0, 1 },
  [F] = {     0, 0, 0, 0, 0, 0, 1, 0 },
  [A] = {     0, 0, 0, 1, 0, 0, 0, 0 },
  [T] = {     1, 0, 0, 0, 0, 0, 0, 0 },
};

static const char *const names[N] = {
  "registered", "dispatched", "escalated", "in_progress", "verifying", "feedback", "archived",
  "returned",
};

/* An incident in `status` that meets every precondition (feedback given, a first entry). */
static JsonObject *
incident_new (GdIncidentStatus status)
{
  g_autofree char *text = g_strdup_printf (
    "{\"_id\": \"incident:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d03\", \"type\": \"incident\","
    " \"status\": \"%s\", \"handling_level\": \"grid\","
    " \"feedback\": {\"at\": \"2026-03-10T06:00:00Z\", \"by\": \"欧阳玲巧\","
    "                \"satisfaction\": \"satisfied\"},"
    " \"timeline\": [{\"id\": \"t1\", \"at\": \"2026-03-10T01:00:00Z\", \"by\": \"wangjg\","
    "                 \"action\": \"create\", \"to\": \"registered\"}]}",
    names[status]);
  g_autoptr(GError) error = NULL;
  JsonObject *incident = gd_json_parse_object (text, -1, &error);

  g_assert_no_error (error);
  return incident;
}

static GDateTime *
test_time (void)
{
  return g_date_time_new_utc (2026, 3, 11, 8, 30, 0);
}

static guint
timeline_length (JsonObject *incident)
{
  JsonArray *timeline = gd_json_get_array (incident, "timeline");

  return timeline != NULL ? json_array_get_length (timeline) : 0;
}

static JsonObject *
last_entry (JsonObject *incident)
{
  JsonArray *timeline = gd_json_get_array (incident, "timeline");

  g_assert_nonnull (timeline);
  return json_array_get_object_element (timeline, json_array_get_length (timeline) - 1);
}

/* Applies the move expecting a refusal with `code` and `message`, the document untouched. */
static void
assert_refused (JsonObject      *incident,
                GdIncidentStatus to,
                GdRole           role,
                const char      *note,
                GDateTime       *at,
                GdError          code,
                const char      *message)
{
  g_autofree char *before = gd_json_to_string (incident, FALSE);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_incident_apply_transition (incident, to, "tester", role, note, at,
                                                &error));
  g_assert_error (error, GD_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
  after = gd_json_to_string (incident, FALSE);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_applied (JsonObject      *incident,
                GdIncidentStatus to,
                GdRole           role,
                const char      *note)
{
  g_autoptr(GDateTime) at = test_time ();
  g_autoptr(GError) error = NULL;
  const char *from = gd_json_get_string (incident, "status");
  g_autofree char *from_name = g_strdup (from);
  guint length = timeline_length (incident);
  JsonObject *entry;

  g_assert_true (gd_incident_apply_transition (incident, to, "tester", role, note, at, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gd_json_get_string (incident, "status"), ==, names[to]);
  g_assert_cmpuint (timeline_length (incident), ==, length + 1);
  entry = last_entry (incident);
  g_assert_cmpstr (gd_json_get_string (entry, "from"), ==, from_name);
  g_assert_cmpstr (gd_json_get_string (entry, "to"), ==, names[to]);
  g_assert_cmpstr (gd_json_get_string (entry, "by"), ==, "tester");
  g_assert_cmpstr (gd_json_get_string (entry, "action"), ==, "transition");
  g_assert_cmpstr (gd_json_get_string (entry, "at"), ==, "2026-03-11T08:30:00Z");
  g_assert_true (g_uuid_string_is_valid (gd_json_get_string (entry, "id")));
}

/* One (from, to) pair of the 8×8 matrix, as an administrator. */
static void
test_matrix_pair (gconstpointer data)
{
  guint pair = GPOINTER_TO_UINT (data);
  GdIncidentStatus from = pair / N, to = pair % N;
  g_autoptr(JsonObject) incident = incident_new (from);
  g_autoptr(GDateTime) at = test_time ();
  g_autofree char *message = NULL;

  g_assert_cmpint (gd_incident_transition_exists (from, to), ==, legal[from][to]);
  if (legal[from][to])
    {
      assert_applied (incident, to, GD_ROLE_ADMINISTRATOR, "理由");
      g_assert_cmpstr (gd_json_get_string (last_entry (incident), "note"), ==, "理由");
      return;
    }
  message = g_strdup_printf ("cannot move from %s to %s", names[from], names[to]);
  assert_refused (incident, to, GD_ROLE_ADMINISTRATOR, "理由", at, GD_ERROR_INVALID, message);
}

static void
test_status_names (void)
{
  GdIncidentStatus status;

  for (guint i = 0; i < N; i++)
    {
      g_assert_cmpstr (gd_incident_status_to_string (i), ==, names[i]);
      g_assert_true (gd_incident_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_false (gd_incident_status_from_string ("done", &status));
  g_assert_false (gd_incident_status_from_string (NULL, &status));
}

typedef struct {
  GdRole           role;
  GdIncidentStatus from, to;
} Move;

/* The moves a grid worker and a mediator may make; everything else is refused. */
static const Move limited_moves[] = {
  { GD_ROLE_GRID_WORKER, R, E },
  { GD_ROLE_GRID_WORKER, D, P },
  { GD_ROLE_GRID_WORKER, P, V },
  { GD_ROLE_GRID_WORKER, T, R },
  { GD_ROLE_MEDIATOR, P, V },
};

static gboolean
limited_move_allowed (GdRole           role,
                      GdIncidentStatus from,
                      GdIncidentStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (limited_moves); i++)
    if (limited_moves[i].role == role && limited_moves[i].from == from
        && limited_moves[i].to == to)
      return TRUE;
  return FALSE;
}

static void
test_roles (void)
{
  static const GdRole roles[] = {
    GD_ROLE_GRID_WORKER, GD_ROLE_CENTRE_OPERATOR, GD_ROLE_MEDIATOR, GD_ROLE_ADMINISTRATOR,
  };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    for (guint from = 0; from < N; from++)
      for (guint to = 0; to < N; to++)
        {
          g_autoptr(JsonObject) incident = NULL;
          g_autoptr(GDateTime) at = NULL;
          g_autofree char *reason = NULL;
          gboolean expected;

          if (!legal[from][to])
            continue;
          expected = roles[r] == GD_ROLE_CENTRE_OPERATOR || roles[r] == GD_ROLE_ADMINISTRATOR
                     || limited_move_allowed (roles[r], from, to);
          g_assert_cmpint (gd_incident_transition_allowed (from, to, roles[r], &reason), ==,
                           expected);
          incident = incident_new (from);
          if (expected)
            {
              g_assert_null (reason);
              assert_applied (incident, to, roles[r], "理由");
            }
          else
            {
              at = test_time ();
              g_assert_nonnull (reason);
              assert_refused (incident, to, roles[r], "理由", at, GD_ERROR_FORBIDDEN, reason);
            }
        }
}

static void
test_role_messages (void)
{
  g_autoptr(JsonObject) feedback = incident_new (F);
  g_autoptr(JsonObject) archived = incident_new (A);
  g_autoptr(JsonObject) in_progress = incident_new (P);
  g_autoptr(GDateTime) at = test_time ();
  g_autofree char *reason = NULL;

  assert_refused (feedback, A, GD_ROLE_GRID_WORKER, NULL, at, GD_ERROR_FORBIDDEN,
                  "a grid worker may not archive an incident");
  assert_refused (archived, P, GD_ROLE_GRID_WORKER, NULL, at, GD_ERROR_FORBIDDEN,
                  "a grid worker may not reopen an archived incident");
  assert_refused (archived, P, GD_ROLE_MEDIATOR, NULL, at, GD_ERROR_FORBIDDEN,
                  "a mediator may not reopen an archived incident");
  assert_refused (in_progress, E, GD_ROLE_MEDIATOR, NULL, at, GD_ERROR_FORBIDDEN,
                  "a mediator may not escalate an incident");
  /* an illegal move is refused as such whoever asks */
  g_assert_false (gd_incident_transition_allowed (R, A, GD_ROLE_GRID_WORKER, &reason));
  g_assert_cmpstr (reason, ==, "cannot move from registered to archived");
  assert_refused (in_progress, A, GD_ROLE_GRID_WORKER, NULL, at, GD_ERROR_INVALID,
                  "cannot move from in_progress to archived");
}

/* A centre operator reopens an archived incident. */
static void
test_reopen (void)
{
  g_autoptr(JsonObject) incident = incident_new (A);

  assert_applied (incident, P, GD_ROLE_CENTRE_OPERATOR, "群众反映问题复发");
}

static void
test_returned_needs_note (void)
{
  g_autoptr(JsonObject) incident = incident_new (D);
  g_autoptr(GDateTime) at = test_time ();
  const char *message = "returning an incident needs a note saying why";

  assert_refused (incident, T, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID, message);
  assert_refused (incident, T, GD_ROLE_ADMINISTRATOR, "", at, GD_ERROR_INVALID, message);
  assert_refused (incident, T, GD_ROLE_ADMINISTRATOR, " 　", at, GD_ERROR_INVALID, message);
  assert_applied (incident, T, GD_ROLE_ADMINISTRATOR, "不属于本网格");
  g_assert_cmpstr (gd_json_get_string (last_entry (incident), "note"), ==, "不属于本网格");
}

static void
test_archived_needs_feedback (void)
{
  g_autoptr(JsonObject) incident = incident_new (F);
  g_autoptr(GDateTime) at = test_time ();
  const char *message = "an incident needs feedback (with its time) before it is archived";
  JsonObject *feedback = gd_json_get_object (incident, "feedback");

  json_object_remove_member (feedback, "at");
  assert_refused (incident, A, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID, message);
  json_object_remove_member (incident, "feedback");
  assert_refused (incident, A, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID, message);
  json_object_set_object_member (incident, "feedback", json_object_new ());
  json_object_set_string_member (gd_json_get_object (incident, "feedback"), "at",
                                 "2026-03-10T06:00:00Z");
  assert_applied (incident, A, GD_ROLE_ADMINISTRATOR, NULL);
  g_assert_false (json_object_has_member (last_entry (incident), "note"));
}

static void
assert_escalates (const char *level,
                  const char *expected)
{
  g_autoptr(JsonObject) incident = incident_new (R);

  if (level != NULL)
    json_object_set_string_member (incident, "handling_level", level);
  else
    json_object_remove_member (incident, "handling_level");
  assert_applied (incident, E, GD_ROLE_GRID_WORKER, NULL);
  g_assert_cmpstr (gd_json_get_string (incident, "handling_level"), ==, expected);
}

static void
test_escalation_raises_level (void)
{
  assert_escalates (NULL, "village");
  assert_escalates ("grid", "village");
  assert_escalates ("village", "town");
  assert_escalates ("town", "county");
  assert_escalates ("county", "county");
  assert_escalates ("enforcement", "enforcement");
}

/* Only escalation touches the handling level. */
static void
test_other_moves_keep_level (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);

  assert_applied (incident, D, GD_ROLE_CENTRE_OPERATOR, NULL);
  g_assert_cmpstr (gd_json_get_string (incident, "handling_level"), ==, "grid");
}

static void
test_first_timeline_entry (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);

  json_object_remove_member (incident, "timeline");
  assert_applied (incident, D, GD_ROLE_ADMINISTRATOR, NULL);
  g_assert_cmpuint (timeline_length (incident), ==, 1);
}

static void
test_time_never_steps_back (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 3, 9, 0, 0, 0);

  assert_refused (incident, D, GD_ROLE_ADMINISTRATOR, NULL, early, GD_ERROR_INVALID,
                  "the move at 2026-03-09T00:00:00Z would come before the last timeline "
                  "entry (2026-03-10T01:00:00Z)");
}

static void
test_now_by_default (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) recorded = NULL;
  g_autoptr(GDateTime) after = NULL;

  g_assert_true (gd_incident_apply_transition (incident, D, "tester", GD_ROLE_ADMINISTRATOR,
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();
  recorded = g_date_time_new_from_iso8601 (gd_json_get_string (last_entry (incident), "at"),
                                           NULL);
  g_assert_nonnull (recorded);
  /* the stamp has whole seconds */
  g_assert_cmpint (g_date_time_difference (recorded, before), >, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_compare (recorded, after), <=, 0);
}

static void
test_bad_status (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);
  g_autoptr(GDateTime) at = test_time ();

  json_object_set_string_member (incident, "status", "done");
  assert_refused (incident, D, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID,
                  "the incident has no valid status (done)");
  json_object_remove_member (incident, "status");
  assert_refused (incident, D, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID,
                  "the incident has no valid status (none)");
}

static void
test_timeline_not_array (void)
{
  g_autoptr(JsonObject) incident = incident_new (R);
  g_autoptr(GDateTime) at = test_time ();

  json_object_set_string_member (incident, "timeline", "lost");
  assert_refused (incident, D, GD_ROLE_ADMINISTRATOR, NULL, at, GD_ERROR_INVALID,
                  "the incident's timeline is not an array");
}

/* What the flow writes passes the validator: archive the valid fixture's last step again. */
static void
test_result_validates (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "valid-incident.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 3, 14, 9, 0, 0);
  JsonArray *timeline;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  incident = gd_json_parse_object (text, -1, &error);
  g_assert_no_error (error);
  timeline = gd_json_get_array (incident, "timeline");
  json_array_remove_element (timeline, json_array_get_length (timeline) - 1);
  json_object_set_string_member (incident, "status", "feedback");

  g_assert_true (gd_incident_apply_transition (incident, A, "zhouli",
                                               GD_ROLE_CENTRE_OPERATOR, NULL, at, &error));
  g_assert_no_error (error);
  gd_validate_document (incident, NULL, issues);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint from = 0; from < N; from++)
    for (guint to = 0; to < N; to++)
      {
        g_autofree char *name = g_strdup_printf ("/incident-flow/matrix/%s/%s", names[from],
                                                 names[to]);
        g_test_add_data_func (name, GUINT_TO_POINTER (from * N + to), test_matrix_pair);
      }
  g_test_add_func ("/incident-flow/status-names", test_status_names);
  g_test_add_func ("/incident-flow/roles/table", test_roles);
  g_test_add_func ("/incident-flow/roles/messages", test_role_messages);
  g_test_add_func ("/incident-flow/roles/reopen-by-centre-operator", test_reopen);
  g_test_add_func ("/incident-flow/returned-needs-note", test_returned_needs_note);
  g_test_add_func ("/incident-flow/archived-needs-feedback", test_archived_needs_feedback);
  g_test_add_func ("/incident-flow/escalation-raises-level", test_escalation_raises_level);
  g_test_add_func ("/incident-flow/other-moves-keep-level", test_other_moves_keep_level);
  g_test_add_func ("/incident-flow/first-timeline-entry", test_first_timeline_entry);
  g_test_add_func ("/incident-flow/time-never-steps-back", test_time_never_steps_back);
  g_test_add_func ("/incident-flow/now-by-default", test_now_by_default);
  g_test_add_func ("/incident-flow/bad-status", test_bad_status);
  g_test_add_func ("/incident-flow/timeline-not-array", test_timeline_not_array);
  g_test_add_func ("/incident-flow/result-validates", test_result_validates);
  return g_test_run ();
}
