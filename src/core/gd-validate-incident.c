/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-incident-flow.h"
#include "gd-json.h"
#include "gd-validate-private.h"

/* Incidents (事件): the fields of the closed loop and the trail of its timeline. */

const char *const gd_check_satisfactions[] = { "satisfied", "basically", "dissatisfied", NULL };

/* Statuses come from the flow's table, the one place that knows them. */
static gboolean
check_status (GdCheck          *check,
              JsonObject       *object,
              const char       *prefix,
              const char       *member,
              gboolean          required,
              GdIncidentStatus *out_status)
{
  const char *name = gd_check_string (check, object, prefix, member, required);

  if (name == NULL)
    return FALSE;
  if (!gd_incident_status_from_string (name, out_status))
    {
      gd_check_error (check, prefix, member, _("'%s' is not an incident status"), name);
      return FALSE;
    }
  return TRUE;
}

static void
check_timeline (GdCheck *check)
{
  JsonArray *timeline = gd_check_id_array (check, check->doc, "", "timeline", FALSE);
  g_autoptr(GDateTime) previous = NULL;
  g_autofree char *previous_name = NULL;
  GdIncidentStatus status;

  if (timeline == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *entry = gd_check_element (timeline, "", "timeline", i, &prefix);
      GDateTime *at = NULL;

      if (entry == NULL)
        continue;
      gd_check_timestamp (check, entry, prefix, "at", TRUE, &at);
      gd_check_string (check, entry, prefix, "by", TRUE);
      gd_check_string (check, entry, prefix, "action", TRUE);
      check_status (check, entry, prefix, "from", FALSE, &status);
      check_status (check, entry, prefix, "to", FALSE, &status);
      gd_check_string (check, entry, prefix, "note", FALSE);
      if (at == NULL)
        continue;
      /* the trail is written in order; a step back in time is a clock or an edit gone wrong */
      gd_check_not_before (check, prefix, "at", at, previous, previous_name);
      g_clear_pointer (&previous, g_date_time_unref);
      g_free (previous_name);
      previous = at;
      previous_name = g_strdup_printf ("timeline[%u].at", i);
    }
}

/* A return goes back to the sender with a reason, written on the step that returned it. */
static void
check_return_reason (GdCheck *check)
{
  JsonArray *timeline = gd_json_get_array (check->doc, "timeline");
  guint n = timeline != NULL ? json_array_get_length (timeline) : 0;
  g_autofree char *prefix = NULL;
  JsonObject *last;

  if (n == 0)
    {
      gd_check_error (check, "", "timeline",
                      _("a returned incident needs a timeline entry with the reason"));
      return;
    }
  last = gd_check_element (timeline, "", "timeline", n - 1, &prefix);
  if (last != NULL && gd_json_get_string (last, "note") == NULL)
    gd_check_error (check, prefix, "note", _("a returned incident needs the reason here"));
}

static void
check_feedback (GdCheck          *check,
                GdIncidentStatus  status,
                gboolean          have_status,
                GDateTime        *reported)
{
  JsonObject *feedback = gd_check_object (check, check->doc, "", "feedback", FALSE);
  g_autoptr(GDateTime) at = NULL;

  if (feedback == NULL)
    {
      if (have_status && status == GD_INCIDENT_ARCHIVED && gd_check_absent (check->doc, "feedback"))
        gd_check_error (check, "", "feedback", _("is required before an incident is archived"));
      return;
    }
  gd_check_timestamp (check, feedback, "feedback.", "at", TRUE, &at);
  gd_check_not_before (check, "feedback.", "at", at, reported, "reported_at");
  gd_check_string (check, feedback, "feedback.", "by", TRUE);
  gd_check_enum (check, feedback, "feedback.", "satisfaction", gd_check_satisfactions, TRUE);
  gd_check_string (check, feedback, "feedback.", "note", FALSE);
}

void
gd_validate_incident (GdCheck *check)
{
  JsonObject *doc = check->doc;
  g_autoptr(GDateTime) reported = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  JsonObject *reporter, *assignee, *links, *location;
  GdIncidentStatus status = GD_INCIDENT_REGISTERED;
  gboolean have_status;

  gd_check_string (check, doc, "", "number", TRUE);
  gd_check_string (check, doc, "", "title", TRUE);
  gd_check_string (check, doc, "", "description", FALSE);
  gd_check_code (check, doc, "", "category", "incident-categories", TRUE);
  gd_check_code (check, doc, "", "source", "incident-sources", FALSE);
  gd_check_code (check, doc, "", "urgency", "urgency", FALSE);
  have_status = check_status (check, doc, "", "status", TRUE, &status);

  /* a resident on the phone gives an address; the coordinates come later (the map) or never */
  location = gd_json_get_object (doc, "location");
  if (location != NULL && !json_object_has_member (location, "lat")
      && !json_object_has_member (location, "lon"))
    gd_check_string (check, location, "location.", "address", TRUE);
  else
    {
      gd_check_location (check, doc, "", "location", FALSE);
      gd_check_string (check, location, "location.", "address", FALSE);
    }

  reporter = gd_check_object (check, doc, "", "reporter", FALSE);
  gd_check_string (check, reporter, "reporter.", "name", FALSE);
  gd_check_phone (check, reporter, "reporter.", "phone", FALSE);

  gd_check_timestamp (check, doc, "", "reported_at", TRUE, &reported);
  gd_check_timestamp (check, doc, "", "deadline", FALSE, &deadline);
  gd_check_not_before (check, "", "deadline", deadline, reported, "reported_at");

  gd_check_code (check, doc, "", "handling_level", "handling-levels", FALSE);
  assignee = gd_check_object (check, doc, "", "assignee", FALSE);
  gd_check_string (check, assignee, "assignee.", "unit", FALSE);
  gd_check_string (check, assignee, "assignee.", "name", FALSE);

  check_timeline (check);
  if (have_status && status == GD_INCIDENT_RETURNED)
    check_return_reason (check);
  check_feedback (check, status, have_status, reported);

  links = gd_check_object (check, doc, "", "links", FALSE);
  gd_check_refs (check, links, "links.", "households", "household");
  gd_check_refs (check, links, "links.", "disputes", "dispute");
  gd_check_refs (check, links, "links.", "organisations", "organisation");
}
