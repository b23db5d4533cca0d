/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-incident-flow"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-incident-flow.h"
#include "gd-json.h"

#define MOVE(status) (1u << (status))

static const char *const status_names[GD_INCIDENT_N_STATUSES] = {
  [GD_INCIDENT_REGISTERED] = "registered",
  [GD_INCIDENT_DISPATCHED] = "dispatched",
  [GD_INCIDENT_ESCALATED] = "escalated",
  [GD_INCIDENT_IN_PROGRESS] = "in_progress",
  [GD_INCIDENT_VERIFYING] = "verifying",
  [GD_INCIDENT_FEEDBACK] = "feedback",
  [GD_INCIDENT_ARCHIVED] = "archived",
  [GD_INCIDENT_RETURNED] = "returned",
};

/* DATA-MODEL.md: the legal moves out of each status, as bit sets of targets. */
static const guint transitions[GD_INCIDENT_N_STATUSES] = {
  [GD_INCIDENT_REGISTERED] = MOVE (GD_INCIDENT_DISPATCHED) | MOVE (GD_INCIDENT_ESCALATED)
                             | MOVE (GD_INCIDENT_RETURNED),
  [GD_INCIDENT_DISPATCHED] = MOVE (GD_INCIDENT_IN_PROGRESS) | MOVE (GD_INCIDENT_ESCALATED)
                             | MOVE (GD_INCIDENT_RETURNED),
  [GD_INCIDENT_ESCALATED] = MOVE (GD_INCIDENT_DISPATCHED) | MOVE (GD_INCIDENT_IN_PROGRESS)
                            | MOVE (GD_INCIDENT_RETURNED),
  [GD_INCIDENT_IN_PROGRESS] = MOVE (GD_INCIDENT_VERIFYING) | MOVE (GD_INCIDENT_ESCALATED)
                              | MOVE (GD_INCIDENT_RETURNED),
  /* back to in_progress when the check finds the work not done */
  [GD_INCIDENT_VERIFYING] = MOVE (GD_INCIDENT_FEEDBACK) | MOVE (GD_INCIDENT_IN_PROGRESS)
                            | MOVE (GD_INCIDENT_RETURNED),
  [GD_INCIDENT_FEEDBACK] = MOVE (GD_INCIDENT_ARCHIVED),
  [GD_INCIDENT_ARCHIVED] = MOVE (GD_INCIDENT_IN_PROGRESS), /* reopen */
  [GD_INCIDENT_RETURNED] = MOVE (GD_INCIDENT_REGISTERED),  /* resubmitted */
};

/* Roles (see gd-incident-flow.h): centre operators and administrators run the loop; a grid
 * worker reports up and does the work in the grid; a mediator only hands mediated work to
 * verification. */
static const guint grid_worker_moves[GD_INCIDENT_N_STATUSES] = {
  [GD_INCIDENT_REGISTERED] = MOVE (GD_INCIDENT_ESCALATED),
  [GD_INCIDENT_DISPATCHED] = MOVE (GD_INCIDENT_IN_PROGRESS),
  [GD_INCIDENT_IN_PROGRESS] = MOVE (GD_INCIDENT_VERIFYING),
  [GD_INCIDENT_RETURNED] = MOVE (GD_INCIDENT_REGISTERED),
};

static const guint mediator_moves[GD_INCIDENT_N_STATUSES] = {
  [GD_INCIDENT_IN_PROGRESS] = MOVE (GD_INCIDENT_VERIFYING),
};

/* handling levels an escalation climbs; "enforcement" is a separate branch, left alone */
static const char *const escalation_ladder[] = { "grid", "village", "town", "county", NULL };

const char *
gd_incident_status_to_string (GdIncidentStatus status)
{
  g_return_val_if_fail (status < GD_INCIDENT_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
gd_incident_status_from_string (const char       *name,
                                GdIncidentStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    if (g_str_equal (name, status_names[i]))
      {
        *out_status = (GdIncidentStatus) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gd_incident_transition_exists (GdIncidentStatus from,
                               GdIncidentStatus to)
{
  g_return_val_if_fail (from < GD_INCIDENT_N_STATUSES, FALSE);
  g_return_val_if_fail (to < GD_INCIDENT_N_STATUSES, FALSE);

  return (transitions[from] & MOVE (to)) != 0;
}

static const guint *
role_moves (GdRole role)
{
  switch (role)
    {
    case GD_ROLE_GRID_WORKER:
      return grid_worker_moves;
    case GD_ROLE_MEDIATOR:
      return mediator_moves;
    case GD_ROLE_CENTRE_OPERATOR:
    case GD_ROLE_ADMINISTRATOR:
    default:
      return transitions;
    }
}

static const char *
role_phrase (GdRole role)
{
  switch (role)
    {
    case GD_ROLE_GRID_WORKER:
      /* Translators: who is refused, in "%s may not %s" */
      return _("a grid worker");
    case GD_ROLE_CENTRE_OPERATOR:
      return _("a centre operator");
    case GD_ROLE_MEDIATOR:
      return _("a mediator");
    case GD_ROLE_ADMINISTRATOR:
    default:
      return _("an administrator");
    }
}

/* What the move does, for "a grid worker may not <phrase>". Whole phrases, so a language
 * without articles or with another word order can say each its own way. */
static const char *
move_phrase (GdIncidentStatus from,
             GdIncidentStatus to)
{
  switch (to)
    {
    case GD_INCIDENT_REGISTERED:
      /* Translators: what is refused, in "%s may not %s" */
      return _("resubmit an incident");
    case GD_INCIDENT_DISPATCHED:
      return _("dispatch an incident");
    case GD_INCIDENT_ESCALATED:
      return _("escalate an incident");
    case GD_INCIDENT_IN_PROGRESS:
      if (from == GD_INCIDENT_ARCHIVED)
        return _("reopen an archived incident");
      if (from == GD_INCIDENT_VERIFYING)
        return _("send an incident back for rework");
      return _("start work on an incident");
    case GD_INCIDENT_VERIFYING:
      return _("submit an incident for verification");
    case GD_INCIDENT_FEEDBACK:
      return _("pass an incident's verification");
    case GD_INCIDENT_ARCHIVED:
      return _("archive an incident");
    case GD_INCIDENT_RETURNED:
    default:
      return _("return an incident");
    }
}

gboolean
gd_incident_transition_allowed (GdIncidentStatus from,
                                GdIncidentStatus to,
                                GdRole           role,
                                char           **reason)
{
  g_return_val_if_fail (from < GD_INCIDENT_N_STATUSES, FALSE);
  g_return_val_if_fail (to < GD_INCIDENT_N_STATUSES, FALSE);
  g_return_val_if_fail (role <= GD_ROLE_ADMINISTRATOR, FALSE);

  if (!gd_incident_transition_exists (from, to))
    {
      if (reason != NULL)
        /* Translators: both are status codes ("registered", "in_progress" …), left in English */
        *reason = g_strdup_printf (_("cannot move from %s to %s"), status_names[from],
                                   status_names[to]);
      return FALSE;
    }
  if ((role_moves (role)[from] & MOVE (to)) == 0)
    {
      if (reason != NULL)
        /* Translators: "a grid worker may not dispatch an incident"; both are translated */
        *reason = g_strdup_printf (_("%s may not %s"), role_phrase (role), move_phrase (from, to));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The preconditions of the target status beyond the table and the role. */
static gboolean
check_target (JsonObject      *incident,
              GdIncidentStatus to,
              const char      *note,
              GError         **error)
{
  JsonObject *feedback;

  if (to == GD_INCIDENT_RETURNED && is_blank (note))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("returning an incident needs a note saying why"));
      return FALSE;
    }
  feedback = gd_json_get_object (incident, "feedback");
  if (to == GD_INCIDENT_ARCHIVED
      && (feedback == NULL || !gd_timestamp_valid (gd_json_get_string (feedback, "at"))))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("an incident needs feedback (with its time) before it is archived"));
      return FALSE;
    }
  return TRUE;
}

/* The timeline array (NULL when there is none yet); FALSE if it is not an array or `at`
 * would step back before its last entry. */
static gboolean
check_timeline (JsonObject *incident,
                const char *at,
                JsonArray **out_timeline,
                GError    **error)
{
  JsonNode *node = json_object_get_member (incident, "timeline");
  JsonArray *timeline;
  JsonNode *last;
  const char *last_at;
  g_autoptr(GDateTime) last_time = NULL;
  g_autoptr(GDateTime) this_time = NULL;

  *out_timeline = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("the incident's timeline is not an array"));
      return FALSE;
    }
  timeline = *out_timeline = json_node_get_array (node);
  if (json_array_get_length (timeline) == 0)
    return TRUE;
  last = json_array_get_element (timeline, json_array_get_length (timeline) - 1);
  last_at = JSON_NODE_HOLDS_OBJECT (last)
            ? gd_json_get_string (json_node_get_object (last), "at") : NULL;
  if (last_at == NULL || !gd_timestamp_valid (last_at))
    return TRUE;
  last_time = g_date_time_new_from_iso8601 (last_at, NULL);
  this_time = g_date_time_new_from_iso8601 (at, NULL);
  if (g_date_time_compare (this_time, last_time) < 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   /* Translators: both are timestamps such as 2026-11-23T10:15:00Z */
                   _("the move at %s would come before the last timeline entry (%s)"),
                   at, last_at);
      return FALSE;
    }
  return TRUE;
}

/* The handling level one step up the ladder, or NULL when it stays. */
static const char *
escalated_level (JsonObject *incident)
{
  const char *level = gd_json_get_string (incident, "handling_level");
  guint index = 0;

  if (level != NULL)
    {
      while (escalation_ladder[index] != NULL && !g_str_equal (escalation_ladder[index], level))
        index++;
      if (escalation_ladder[index] == NULL)
        return NULL; /* enforcement or unknown: not on the ladder */
    }
  /* NULL past county, the top */
  return escalation_ladder[index + 1];
}

static JsonObject *
timeline_entry_new (const char      *at,
                    const char      *by,
                    GdIncidentStatus from,
                    GdIncidentStatus to,
                    const char      *note)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *id = gd_uuid_new ();

  json_object_set_string_member (entry, "id", id);
  json_object_set_string_member (entry, "at", at);
  json_object_set_string_member (entry, "by", by);
  json_object_set_string_member (entry, "action", "transition");
  json_object_set_string_member (entry, "from", status_names[from]);
  json_object_set_string_member (entry, "to", status_names[to]);
  if (!is_blank (note))
    json_object_set_string_member (entry, "note", note);
  return entry;
}

gboolean
gd_incident_apply_transition (JsonObject      *incident,
                              GdIncidentStatus to,
                              const char      *by,
                              GdRole           role,
                              const char      *note,
                              GDateTime       *at,
                              GError         **error)
{
  const char *status_name;
  GdIncidentStatus from;
  g_autofree char *reason = NULL;
  g_autofree char *timestamp = NULL;
  JsonArray *timeline;
  const char *level;

  g_return_val_if_fail (incident != NULL, FALSE);
  g_return_val_if_fail (to < GD_INCIDENT_N_STATUSES, FALSE);
  g_return_val_if_fail (by != NULL && *by != '\0', FALSE);
  g_return_val_if_fail (role <= GD_ROLE_ADMINISTRATOR, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  status_name = gd_json_get_string (incident, "status");
  if (!gd_incident_status_from_string (status_name, &from))
    {
      /* Translators: %s is the status code found in the document, or "none" */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("the incident has no valid status (%s)"),
                   status_name != NULL ? status_name : C_("incident status", "none"));
      return FALSE;
    }
  if (!gd_incident_transition_allowed (from, to, role, &reason))
    {
      g_set_error_literal (error, GD_ERROR,
                           gd_incident_transition_exists (from, to)
                           ? GD_ERROR_FORBIDDEN : GD_ERROR_INVALID,
                           reason);
      return FALSE;
    }
  timestamp = gd_timestamp_format (at);
  if (!check_target (incident, to, note, error)
      || !check_timeline (incident, timestamp, &timeline, error))
    return FALSE;

  /* every check passed: only now change the document */
  if (timeline == NULL)
    {
      timeline = json_array_new ();
      json_object_set_array_member (incident, "timeline", timeline);
    }
  json_array_add_object_element (timeline,
                                 timeline_entry_new (timestamp, by, from, to, note));
  json_object_set_string_member (incident, "status", status_names[to]);
  if (to == GD_INCIDENT_ESCALATED && (level = escalated_level (incident)) != NULL)
    json_object_set_string_member (incident, "handling_level", level);
  return TRUE;
}
