/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-organisation"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-incident-flow.h"
#include "gd-incident-query.h"
#include "gd-issues.h"
#include "gd-json.h"
#include "gd-organisation.h"
#include "gd-store-private.h"

/* The incident category of a hazard whose item names none: 公共安全隐患 */
#define HAZARD_CATEGORY "AQ"
/* three or more hazards in one inspection make the risk high */
#define HIGH_RISK_HAZARDS 3

/* Element `index` of `array` when it is an object, else NULL. */
static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

typedef struct {
  JsonObject *inspection;
  GDateTime  *at;   /* NULL when `at` is no timestamp: before everything */
  guint       index;
} Dated;

static void
dated_clear (gpointer data)
{
  g_clear_pointer (&((Dated *) data)->at, g_date_time_unref);
}

static int
dated_compare (gconstpointer a,
               gconstpointer b)
{
  const Dated *x = a, *y = b;
  int by_time;

  if (x->at == NULL || y->at == NULL)
    by_time = (x->at != NULL) - (y->at != NULL);
  else
    by_time = g_date_time_compare (x->at, y->at);
  return by_time != 0 ? by_time : (x->index > y->index) - (x->index < y->index);
}

/* The organisation's inspections, oldest first (array order among equal times). */
static GArray *
inspections_by_time (JsonObject *organisation)
{
  JsonArray *inspections = gd_json_get_array (organisation, "inspections");
  GArray *dated = g_array_new (FALSE, FALSE, sizeof (Dated));

  g_array_set_clear_func (dated, dated_clear);
  for (guint i = 0; inspections != NULL && i < json_array_get_length (inspections); i++)
    {
      JsonNode *node = json_array_get_element (inspections, i);
      const char *at;
      Dated one = { NULL, NULL, i };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      one.inspection = json_node_get_object (node);
      at = gd_json_get_string (one.inspection, "at");
      one.at = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
      g_array_append_val (dated, one);
    }
  g_array_sort (dated, dated_compare);
  return dated;
}

JsonObject *
gd_organisation_last_inspection (JsonObject *organisation)
{
  g_autoptr(GArray) dated = NULL;

  g_return_val_if_fail (organisation != NULL, NULL);

  dated = inspections_by_time (organisation);
  return dated->len > 0 ? g_array_index (dated, Dated, dated->len - 1).inspection : NULL;
}

GArray *
gd_organisation_open_hazards (JsonObject *organisation)
{
  g_autoptr(GArray) dated = NULL;
  g_autoptr(GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GArray *hazards = g_array_new (FALSE, FALSE, sizeof (GdOpenHazard));

  g_return_val_if_fail (organisation != NULL, hazards);

  dated = inspections_by_time (organisation);
  /* each item's latest word decides: a hazard opens it, passed or not applicable closes it */
  for (guint i = 0; i < dated->len; i++)
    {
      JsonObject *inspection = g_array_index (dated, Dated, i).inspection;
      JsonArray *checklist = gd_json_get_array (inspection, "checklist");

      for (guint j = 0; checklist != NULL && j < json_array_get_length (checklist); j++)
        {
          JsonObject *entry = object_at (checklist, j);
          const char *item = entry != NULL ? gd_json_get_string (entry, "item") : NULL;

          if (item == NULL)
            continue;
          if (g_strcmp0 (gd_json_get_string (entry, "result"), "hazard") == 0)
            {
              if (!g_hash_table_contains (open, item))
                g_ptr_array_add (order, (gpointer) item);
              g_hash_table_insert (open, (gpointer) item, inspection);
            }
          else
            g_hash_table_remove (open, item);
        }
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *item = order->pdata[i];
      JsonObject *inspection = g_hash_table_lookup (open, item);
      JsonArray *checklist;
      GdOpenHazard hazard = { item, NULL, NULL, NULL };

      if (inspection == NULL)
        continue;
      g_hash_table_remove (open, item); /* an item reopened later is listed once */
      hazard.inspection = gd_json_get_string (inspection, "id");
      hazard.rectify_by = gd_json_get_string (inspection, "rectify_by");
      checklist = gd_json_get_array (inspection, "checklist");
      for (guint j = 0; j < json_array_get_length (checklist); j++)
        {
          JsonObject *entry = object_at (checklist, j);

          if (entry != NULL && g_strcmp0 (gd_json_get_string (entry, "item"), item) == 0)
            hazard.incident = gd_json_get_string (entry, "incident");
        }
      g_array_append_val (hazards, hazard);
    }
  return hazards;
}

const char *
gd_organisation_inspection_risk (JsonObject *inspection)
{
  JsonArray *checklist;
  GdCodeTable *items = gd_codes_get ("inspection-items");
  guint n_hazards = 0;

  g_return_val_if_fail (inspection != NULL, NULL);

  checklist = gd_json_get_array (inspection, "checklist");
  for (guint i = 0; checklist != NULL && i < json_array_get_length (checklist); i++)
    {
      JsonObject *entry = object_at (checklist, i);
      const GdCodeItem *item;

      if (entry == NULL || g_strcmp0 (gd_json_get_string (entry, "result"), "hazard") != 0)
        continue;
      item = gd_code_table_lookup (items, gd_json_get_string (entry, "item") ?: "");
      if (item != NULL && g_strcmp0 (gd_code_item_get_string (item, "risk"), "major") == 0)
        return "major";
      n_hazards++;
    }
  return n_hazards == 0 ? "low" : n_hazards < HIGH_RISK_HAZARDS ? "medium" : "high";
}

char **
gd_organisation_checklist_items (const char *premises)
{
  GdCodeTable *table = gd_codes_get ("premises-categories");
  const GdCodeItem *item = premises != NULL ? gd_code_table_lookup (table, premises) : NULL;
  const char *checklist = item != NULL ? gd_code_item_get_string (item, "checklist") : NULL;

  if (checklist == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (checklist, " ", -1);
}

/* ---- recording an inspection ---------------------------------------------------------- */

static JsonObject *
load_organisation (GdStore    *store,
                   const char *id,
                   GError    **error)
{
  g_autoptr(JsonObject) doc = gd_store_get (store, id, error);

  if (doc == NULL)
    return NULL;
  if (g_strcmp0 (gd_json_get_string (doc, "type"), "organisation") != 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("%s is not an organisation"), id);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

/* The incident a hazard becomes: 公共安全隐患 of the item's kind, where the organisation is. */
static JsonObject *
hazard_incident (JsonObject *organisation,
                 JsonObject *inspection,
                 JsonObject *entry)
{
  const char *org_id = gd_json_get_string (organisation, "_id");
  const char *item_code = gd_json_get_string (entry, "item");
  const GdCodeItem *item = gd_code_table_lookup (gd_codes_get ("inspection-items"), item_code);
  const char *category = item != NULL ? gd_code_item_get_string (item, "incident_category") : NULL;
  const char *item_name = item != NULL ? item->name_zh : item_code;
  const char *note = gd_json_get_string (entry, "note");
  JsonObject *location = gd_json_get_object (organisation, "location");
  JsonArray *inspectors = gd_json_get_array (inspection, "inspectors");
  JsonObject *incident = json_object_new ();
  JsonObject *links = json_object_new ();
  JsonArray *organisations = json_array_new ();
  g_autofree char *title = NULL;

  json_object_set_string_member (incident, "type", "incident");
  json_object_set_string_member (incident, "grid", gd_json_get_string (organisation, "grid"));
  if (gd_json_get_string (organisation, "village") != NULL)
    json_object_set_string_member (incident, "village", gd_json_get_string (organisation, "village"));
  /* Translators: an organisation's name, then an inspection item that failed */
  title = g_strdup_printf (_("%s: %s"), gd_json_get_string (organisation, "name"), item_name);
  json_object_set_string_member (incident, "title", title);
  json_object_set_string_member (incident, "description", note != NULL ? note : item_name);
  json_object_set_string_member (incident, "category", category ?: HAZARD_CATEGORY);
  json_object_set_string_member (incident, "source", "patrol");
  json_object_set_string_member (incident, "urgency", "normal");
  if (gd_json_get_string (inspection, "at") != NULL)
    json_object_set_string_member (incident, "reported_at", gd_json_get_string (inspection, "at"));
  if (inspectors != NULL && json_array_get_length (inspectors) > 0
      && JSON_NODE_HOLDS_VALUE (json_array_get_element (inspectors, 0)))
    {
      JsonObject *reporter = json_object_new ();
      json_object_set_string_member (reporter, "name", json_array_get_string_element (inspectors, 0));
      json_object_set_object_member (incident, "reporter", reporter);
    }
  if (location != NULL || gd_json_get_string (organisation, "address") != NULL)
    {
      JsonObject *where = location != NULL ? gd_json_copy_object (location) : json_object_new ();

      if (gd_json_get_string (organisation, "address") != NULL)
        json_object_set_string_member (where, "address", gd_json_get_string (organisation, "address"));
      json_object_set_object_member (incident, "location", where);
    }
  json_array_add_string_element (organisations, org_id);
  json_object_set_array_member (links, "organisations", organisations);
  json_object_set_object_member (incident, "links", links);
  return incident;
}

/* Registers the hazards of `inspection` (carrying over an incident still open for the same
 * item), linking each entry and the inspection's `incidents` to them. */
static gboolean
register_hazards (GdStore         *store,
                  JsonObject      *organisation,
                  JsonObject      *inspection,
                  GArray          *open,
                  GdDeadlineRules *rules,
                  const char      *actor,
                  GdIssues        *issues,
                  GError         **error)
{
  JsonArray *checklist = gd_json_get_array (inspection, "checklist");
  const char *rectify_by = gd_json_get_string (inspection, "rectify_by");
  g_autofree char *deadline = rectify_by != NULL ? gd_incident_day_start (rectify_by, 1) : NULL;
  JsonArray *incidents = json_array_new ();

  json_object_set_array_member (inspection, "incidents", incidents);
  for (guint i = 0; checklist != NULL && i < json_array_get_length (checklist); i++)
    {
      JsonObject *entry = object_at (checklist, i);
      const char *item = entry != NULL ? gd_json_get_string (entry, "item") : NULL;
      g_autoptr(JsonObject) incident = NULL;
      g_autofree char *id = NULL;

      if (entry == NULL || g_strcmp0 (gd_json_get_string (entry, "result"), "hazard") != 0)
        continue;
      for (guint h = 0; item != NULL && h < open->len && id == NULL; h++)
        {
          const GdOpenHazard *hazard = &g_array_index (open, GdOpenHazard, h);
          if (g_str_equal (hazard->item, item) && hazard->incident != NULL)
            id = g_strdup (hazard->incident);
        }
      if (id == NULL)
        {
          incident = hazard_incident (organisation, inspection, entry);
          id = gd_incident_register (store, incident, rules, deadline,
                                     deadline != NULL ? _("the rectification deadline of the safety "
                                                          "inspection")
                                                      : NULL,
                                     actor, issues, error);
          if (id == NULL)
            return FALSE;
        }
      json_object_set_string_member (entry, "incident", id);
      json_array_add_string_element (incidents, id);
    }
  return TRUE;
}

/* The next step towards archived along the flow (archived: none). */
static GdIncidentStatus
step_towards_archived (GdIncidentStatus from)
{
  switch (from)
    {
    case GD_INCIDENT_REGISTERED:
      return GD_INCIDENT_DISPATCHED;
    case GD_INCIDENT_DISPATCHED:
    case GD_INCIDENT_ESCALATED:
      return GD_INCIDENT_IN_PROGRESS;
    case GD_INCIDENT_IN_PROGRESS:
      return GD_INCIDENT_VERIFYING;
    case GD_INCIDENT_VERIFYING:
      return GD_INCIDENT_FEEDBACK;
    case GD_INCIDENT_RETURNED:
      return GD_INCIDENT_REGISTERED;
    case GD_INCIDENT_FEEDBACK:
    case GD_INCIDENT_ARCHIVED:
    default:
      return GD_INCIDENT_ARCHIVED;
    }
}

/* A hazard the re-inspection passed: its incident moves on as far as `role` may take it. */
static gboolean
close_hazard (GdStore    *store,
              const char *incident_id,
              JsonObject *inspection,
              GdRole      role,
              const char *satisfaction,
              const char *actor,
              GdIssues   *issues,
              GError    **error)
{
  g_autoptr(JsonObject) incident = gd_store_get (store, incident_id, NULL);
  g_autofree char *note = NULL;
  g_autofree char *saved = NULL;
  GdIncidentStatus status;
  gboolean moved = FALSE;

  /* gone (deleted on another workstation) or not an incident: nothing to close */
  if (incident == NULL
      || !gd_incident_status_from_string (gd_json_get_string (incident, "status"), &status))
    return TRUE;
  /* Translators: %s is the date and time of the inspection */
  note = g_strdup_printf (_("passed at the safety re-inspection of %s"),
                          gd_json_get_string (inspection, "at"));
  while (status != GD_INCIDENT_ARCHIVED)
    {
      GdIncidentStatus next = step_towards_archived (status);

      if (next == GD_INCIDENT_ARCHIVED)
        {
          JsonObject *feedback;

          if (satisfaction == NULL)
            break;
          feedback = json_object_new ();
          json_object_set_string_member (feedback, "at", gd_json_get_string (inspection, "at"));
          json_object_set_string_member (feedback, "by", actor);
          json_object_set_string_member (feedback, "satisfaction", satisfaction);
          json_object_set_string_member (feedback, "note", note);
          json_object_set_object_member (incident, "feedback", feedback);
        }
      if (!gd_incident_transition_allowed (status, next, role, NULL))
        break;
      if (!gd_incident_apply_transition (incident, next, actor, role, note, NULL, error))
        return FALSE;
      status = next;
      moved = TRUE;
    }
  if (!moved)
    return TRUE;
  saved = gd_store_put (store, incident, actor, issues, error);
  return saved != NULL;
}

static gboolean
close_passed_hazards (GdStore    *store,
                      JsonObject *inspection,
                      GArray     *open,
                      GdRole      role,
                      const char *satisfaction,
                      const char *actor,
                      GdIssues   *issues,
                      GError    **error)
{
  JsonArray *checklist = gd_json_get_array (inspection, "checklist");

  for (guint i = 0; checklist != NULL && i < json_array_get_length (checklist); i++)
    {
      JsonObject *entry = object_at (checklist, i);
      const char *item = entry != NULL ? gd_json_get_string (entry, "item") : NULL;

      if (item == NULL || g_strcmp0 (gd_json_get_string (entry, "result"), "hazard") == 0)
        continue;
      for (guint h = 0; h < open->len; h++)
        {
          const GdOpenHazard *hazard = &g_array_index (open, GdOpenHazard, h);

          if (g_str_equal (hazard->item, item) && hazard->incident != NULL
              && !close_hazard (store, hazard->incident, inspection, role, satisfaction, actor,
                                issues, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* risk follows the last inspection */
static void
follow_last_inspection (JsonObject *organisation)
{
  JsonObject *last = gd_organisation_last_inspection (organisation);
  JsonObject *risk;

  if (last == NULL || gd_json_get_string (last, "id") == NULL)
    return;
  risk = json_object_new ();
  json_object_set_string_member (risk, "level", gd_organisation_inspection_risk (last));
  json_object_set_string_member (risk, "inspection", gd_json_get_string (last, "id"));
  if (gd_json_get_string (last, "at") != NULL)
    json_object_set_string_member (risk, "at", gd_json_get_string (last, "at"));
  json_object_set_object_member (organisation, "risk", risk);
}

static void
fill_inspection (JsonObject *inspection)
{
  JsonNode *at = json_object_get_member (inspection, "at");

  if (gd_json_get_string (inspection, "id") == NULL)
    {
      g_autofree char *id = gd_uuid_new ();
      json_object_set_string_member (inspection, "id", id);
    }
  if (at == NULL || JSON_NODE_HOLDS_NULL (at))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *text = gd_timestamp_format (now);
      json_object_set_string_member (inspection, "at", text);
    }
}

char *
gd_organisation_inspect (GdStore         *store,
                         const char      *organisation_id,
                         JsonObject      *inspection,
                         GdDeadlineRules *rules,
                         GdRole           role,
                         const char      *satisfaction,
                         const char      *actor,
                         GdIssues        *issues,
                         GError         **error)
{
  g_autoptr(JsonObject) organisation = NULL;
  g_autoptr(GArray) open = NULL;
  g_autofree char *saved = NULL;
  JsonArray *inspections;
  gboolean own, ok;

  g_return_val_if_fail (store != NULL && organisation_id != NULL && inspection != NULL, NULL);
  g_return_val_if_fail (rules != NULL && actor != NULL && *actor != '\0', NULL);

  organisation = load_organisation (store, organisation_id, error);
  if (organisation == NULL)
    return NULL;
  fill_inspection (inspection);
  open = gd_organisation_open_hazards (organisation);

  /* the incidents, the incidents closed and the organisation: all written, or none */
  if (!gd_store_group_begin (store, "gd_inspect", &own, error))
    return NULL;
  ok = register_hazards (store, organisation, inspection, open, rules, actor, issues, error)
       && close_passed_hazards (store, inspection, open, role, satisfaction, actor, issues, error);
  if (ok)
    {
      inspections = gd_json_get_array (organisation, "inspections");
      if (inspections == NULL)
        {
          inspections = json_array_new ();
          json_object_set_array_member (organisation, "inspections", inspections);
        }
      json_array_add_object_element (inspections, json_object_ref (inspection));
      follow_last_inspection (organisation);
      saved = gd_store_put (store, organisation, actor, issues, error);
      ok = saved != NULL;
    }
  if (!ok)
    {
      gd_store_group_end (store, "gd_inspect", own, FALSE, NULL);
      return NULL;
    }
  if (!gd_store_group_end (store, "gd_inspect", own, TRUE, error))
    return NULL;
  return g_strdup (gd_json_get_string (inspection, "id"));
}

gboolean
gd_organisation_set_risk (GdStore    *store,
                          const char *organisation_id,
                          const char *level,
                          const char *reason,
                          const char *actor,
                          GdIssues   *issues,
                          GError    **error)
{
  g_autoptr(JsonObject) organisation = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = gd_timestamp_format (now);
  g_autofree char *saved = NULL;
  JsonObject *risk;

  g_return_val_if_fail (store != NULL && organisation_id != NULL && level != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);

  organisation = load_organisation (store, organisation_id, error);
  if (organisation == NULL)
    return FALSE;
  risk = json_object_new ();
  json_object_set_string_member (risk, "level", level);
  /* a blank reason stays in, so validation refuses it with its path */
  json_object_set_string_member (risk, "reason", reason != NULL ? reason : "");
  json_object_set_string_member (risk, "by", actor);
  json_object_set_string_member (risk, "at", now_text);
  json_object_set_object_member (organisation, "risk", risk);
  saved = gd_store_put (store, organisation, actor, issues, error);
  return saved != NULL;
}
