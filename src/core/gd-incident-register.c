/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-incident-register"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-issues.h"
#include "gd-json.h"
#include "gd-store-private.h"

/* 登记: a new incident gets its number, its deadline and the first step of its trail here,
 * so the form, the patrol log and the CLI register alike. */

static gboolean
set_deadline (JsonObject      *doc,
              GdDeadlineRules *rules,
              GDateTime       *reported,
              const char      *deadline_override,
              const char      *override_reason,
              const char      *actor,
              GError         **error)
{
  g_autoptr(GDateTime) computed = gd_deadline_compute (rules, gd_json_get_string (doc, "category"),
                                                       gd_json_get_string (doc, "urgency"), reported);
  g_autofree char *computed_text = computed ? gd_timestamp_format (computed) : NULL;
  g_autoptr(GDateTime) chosen = NULL;
  g_autofree char *chosen_text = NULL;
  g_autofree char *reason = NULL;
  JsonObject *override;

  if (deadline_override == NULL)
    {
      if (computed_text != NULL)
        json_object_set_string_member (doc, "deadline", computed_text);
      return TRUE;
    }
  chosen = g_date_time_new_from_iso8601 (deadline_override, NULL);
  if (chosen == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("deadline: “%s” is not a date and time"), deadline_override);
      return FALSE;
    }
  reason = g_strstrip (g_strdup (override_reason ? override_reason : ""));
  if (*reason == '\0')
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("deadline: a deadline other than the rule's needs a reason"));
      return FALSE;
    }
  chosen_text = gd_timestamp_format (chosen);
  json_object_set_string_member (doc, "deadline", chosen_text);
  override = json_object_new ();
  if (computed_text != NULL)
    json_object_set_string_member (override, "computed", computed_text);
  json_object_set_string_member (override, "reason", reason);
  json_object_set_string_member (override, "by", actor);
  json_object_set_object_member (doc, "deadline_override", override);
  return TRUE;
}

static JsonObject *
first_entry (const char *at,
             const char *actor,
             const char *note)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *id = gd_uuid_new ();

  json_object_set_string_member (entry, "id", id);
  json_object_set_string_member (entry, "at", at);
  json_object_set_string_member (entry, "by", actor);
  json_object_set_string_member (entry, "action", "create");
  json_object_set_string_member (entry, "to", "registered");
  if (note != NULL)
    json_object_set_string_member (entry, "note", note);
  return entry;
}

char *
gd_incident_register (GdStore         *store,
                      JsonObject      *doc,
                      GdDeadlineRules *rules,
                      const char      *deadline_override,
                      const char      *override_reason,
                      const char      *actor,
                      GdIssues        *issues,
                      GError         **error)
{
  g_autoptr(GDateTime) reported = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = gd_china_time ();
  g_autofree char *reported_text = NULL;
  g_autofree char *number = NULL;
  g_autofree char *village = NULL;
  g_autofree char *id = NULL;
  JsonArray *timeline;
  const char *grid;
  gboolean own;

  g_return_val_if_fail (store != NULL && doc != NULL && rules != NULL, NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  json_object_set_string_member (doc, "type", "incident");
  json_object_set_string_member (doc, "status", "registered");
  if (gd_json_get_string (doc, "reported_at") != NULL)
    reported = g_date_time_new_from_iso8601 (gd_json_get_string (doc, "reported_at"), NULL);
  if (reported == NULL)
    reported = g_date_time_new_now_utc ();
  reported_text = gd_timestamp_format (reported);
  json_object_set_string_member (doc, "reported_at", reported_text);
  if (!set_deadline (doc, rules, reported, deadline_override, override_reason, actor, error))
    return NULL;

  timeline = json_array_new ();
  json_array_add_object_element (timeline, first_entry (reported_text, actor,
                                                        deadline_override ? override_reason : NULL));
  json_object_set_array_member (doc, "timeline", timeline);

  /* the number and the write in one transaction: two forms saved at once get two numbers */
  if (!gd_store_group_begin (store, "gd_register", &own, error))
    return NULL;
  grid = gd_json_get_string (doc, "grid");
  village = g_strdup (gd_json_get_string (doc, "village"));
  if (village == NULL && grid != NULL && strlen (grid) >= 12)
    village = g_strndup (grid, 12);
  local = g_date_time_to_timezone (reported, zone);
  if (gd_json_get_string (doc, "number") == NULL)
    {
      number = gd_store_next_incident_number (store, village, g_date_time_get_year (local), error);
      if (number == NULL)
        {
          gd_store_group_end (store, "gd_register", own, FALSE, NULL);
          return NULL;
        }
      json_object_set_string_member (doc, "number", number);
    }
  id = gd_store_put (store, doc, actor, issues, error);
  if (id == NULL)
    gd_store_group_end (store, "gd_register", own, FALSE, NULL);
  if (id == NULL || !gd_store_group_end (store, "gd_register", own, TRUE, error))
    {
      g_clear_pointer (&id, g_free);
      if (number != NULL)
        json_object_remove_member (doc, "number");
      return NULL;
    }
  return g_steal_pointer (&id);
}
