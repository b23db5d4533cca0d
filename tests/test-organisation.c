/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-organisation.c: organisations and premises (单位 · 场所): every field's bad input
 * refused with its path and nothing written; the query row, search keys and map point;
 * inspections whose hazards become incidents in one transaction, re-inspections that close
 * them, the risk level that follows, patrol visits, and the merge of inspections by id. */
#define G_LOG_DOMAIN "test-organisation"
#include "config.h"

#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-map-points.h"
#include "gd-merge.h"
#include "gd-organisation.h"
#include "gd-patrol.h"
#include "gd-search.h"
#include "gd-store-private.h"
#include "gd-store-sync.h"
#include "gd-test-fixtures.h"

#define CREDIT_CODE "91320902MA1MXK2L8D" /* 企业, registered in county 320902 */

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = gd_json_parse_object (text, -1, &error);

  g_assert_no_error (error);
  return object;
}

/* 小餐饮 on the fixture grid with everything filled in. */
static JsonObject *
restaurant (void)
{
  return parse ("{\"type\": \"organisation\", \"grid\": \"" FIXTURE_GRID "\","
                " \"name\": \"老胡家常菜馆\", \"kind\": \"enterprise\","
                " \"premises\": \"small_restaurant\", \"credit_code\": \"" CREDIT_CODE "\","
                " \"representative\": {\"name\": \"胡建国\", \"phone\": \"13951234567\"},"
                " \"safety_contact\": {\"name\": \"胡小梅\", \"phone\": \"13851239876\"},"
                " \"address\": \"新兴镇新兴村商业街8号\", \"location\": {\"lat\": 33.38, \"lon\": 120.16},"
                " \"employees\": 6, \"floor_area\": 85.5, \"opened_at\": \"2019-05-01\","
                " \"households\": [], \"status\": \"operating\"}");
}

static guint
audit_length (GdStore *store)
{
  g_autoptr(GPtrArray) entries = gd_store_get_audit (store, NULL, 0, NULL);
  return entries->len;
}

static gint64
count_sql (GdStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (gd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
put_ok (GdStore *store, JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  char *id = gd_store_put (store, doc, "tester", issues, &error);

  if (id == NULL)
    g_error ("refused: %s", error->message);
  return id;
}

/* ---- validation --------------------------------------------------------------------- */

typedef struct {
  const char *member;   /* top-level member to replace ... */
  const char *json;     /* ... with this JSON value (NULL: remove it) */
  const char *path;     /* the finding's path */
  const char *message;  /* a part of its message */
} BadField;

static const BadField bad_fields[] = {
  { "name", NULL, "name", "is required" },
  { "name", "\"老胡家常菜馆老胡家常菜馆老胡家常菜馆老胡家常菜馆老胡家常菜馆老胡家常菜馆老胡家常菜馆"
            "老胡家常菜馆老胡家常菜馆老胡家常菜馆老胡家常菜馆\"", "name", "at most 64 characters" },
  { "name", "42", "name", "" },
  { "kind", "\"farm\"", "kind", "'farm' is not in the organisation-kinds code list" },
  { "kind", NULL, "kind", "is required" },
  { "premises", "\"small_premises\"", "premises", "is a group" },
  { "premises", "\"spaceship\"", "premises", "not in the premises-categories code list" },
  { "credit_code", "\"91320902MA1MXK2L8E\"", "credit_code", "check character should be D" },
  { "credit_code", "\"91350100M000100Y43\"", "credit_code", "is neither in nor above" },
  { "credit_code", "\"9132090\"", "credit_code", "must have 18 characters, has 7" },
  { "representative", "{\"phone\": \"13951234567\"}", "representative.name", "is required" },
  { "representative", "{\"name\": \"胡建国\", \"phone\": \"12\"}", "representative.phone", "" },
  { "safety_contact", "\"胡小梅\"", "safety_contact", "" },
  { "location", "{\"lat\": 120.16, \"lon\": 33.38}", "location.lat", "outside China" },
  { "address", "[\"新兴村\"]", "address", "" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"photos\": [\"a.jpg\", 7],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]",
    "inspections[0].photos[1]", "non-empty string" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"incidents\": [\"household:1\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]",
    "inspections[0].incidents[0]", "incident:" },
  { "inspections", "{\"id\": \"i1\"}", "inspections", "" },
  { "employees", "-1", "employees", "" },
  { "employees", "\"six\"", "employees", "" },
  { "floor_area", "\"big\"", "floor_area", "" },
  { "opened_at", "\"2099-01-01\"", "opened_at", "" },
  { "opened_at", "\"2019-02-30\"", "opened_at", "" },
  { "households", "[\"incident:1\"]", "households[0]", "household:" },
  { "status", "\"bankrupt\"", "status", "organisation-statuses" },
  { "status", NULL, "status", "is required" },
  { "risk", "{\"level\": \"high\"}", "risk.reason", "is required" },
  { "risk", "{\"level\": \"extreme\", \"reason\": \"r\", \"by\": \"b\"}", "risk.level", "risk-levels" },
  { "risk", "{\"level\": \"low\", \"inspection\": \"nope\"}", "risk.inspection", "nope" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"yesterday\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]",
    "inspections[0].at", "" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]",
    "inspections[0].inspectors", "at least one" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"magic\", \"result\": \"passed\"}]}]",
    "inspections[0].checklist[0].item", "inspection-items" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"maybe\"}]}]",
    "inspections[0].checklist[0].result", "" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"hazard\"}]}]",
    "inspections[0].rectify_by", "needed when the checklist has a hazard" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"rectify_by\": \"2026-11-01\","
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"hazard\"}]}]",
    "inspections[0].rectify_by", "before the inspection" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"},"
                   " {\"item\": \"gas\", \"result\": \"hazard\"}], \"rectify_by\": \"2026-12-01\"}]",
    "inspections[0].checklist[1].item", "listed twice" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": []}]",
    "inspections[0].checklist", "at least one item" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\","
                   " \"incident\": \"incident:x\"}]}]",
    "inspections[0].checklist[0].incident", "only a hazard" },
  { "inspections", "[{\"id\": \"i1\", \"at\": \"2026-11-20T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]},"
                   " {\"id\": \"i1\", \"at\": \"2026-11-21T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]",
    "inspections[1].id", "" },
};

static void
test_bad_fields (StoreFixture *f, gconstpointer data)
{
  guint audit_before = audit_length (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      const BadField *bad = &bad_fields[i];
      g_autoptr(JsonObject) doc = restaurant ();
      g_autoptr(GdIssues) issues = gd_issues_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      const GdIssue *issue;

      g_test_message ("%s = %s", bad->member, bad->json ? bad->json : "(absent)");
      json_object_remove_member (doc, bad->member);
      if (bad->json != NULL)
        {
          g_autoptr(JsonNode) value = json_from_string (bad->json, NULL);
          g_assert_nonnull (value);
          json_object_set_member (doc, bad->member, g_steal_pointer (&value));
        }
      id = gd_store_put (f->store, doc, "tester", issues, &error);
      g_assert_null (id);
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
      issue = gd_issues_find (issues, bad->path);
      if (issue == NULL)
        g_error ("no finding at %s: %s", bad->path, error->message);
      g_assert_cmpint (issue->severity, ==, GD_ISSUE_ERROR);
      if (strstr (issue->message, bad->message) == NULL)
        g_error ("%s: '%s' does not say '%s'", bad->path, issue->message, bad->message);
    }
  /* nothing written, nothing audited */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_ORGANISATION, NULL), ==, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM organisations"), ==, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM documents WHERE type = 'organisation'"),
                   ==, 0);
  g_assert_cmpuint (audit_length (f->store), ==, audit_before);
}

/* A code of another category than the kind's is a warning: the operator decides. */
static void
test_credit_code_kind_warning (StoreFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) doc = restaurant ();
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const GdIssue *issue;

  json_object_set_string_member (doc, "kind", "individual_business");
  id = gd_store_put (f->store, doc, "tester", issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  issue = gd_issues_find (issues, "credit_code");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, GD_ISSUE_WARNING);
  g_assert_nonnull (strstr (issue->message, "91 (企业)"));

  /* a second organisation with the same code: a warning naming the first, and it is stored */
  {
    g_autoptr(JsonObject) second = restaurant ();
    g_autoptr(GdIssues) second_issues = gd_issues_new ();
    g_autofree char *second_id = NULL;
    g_autofree char *lines = NULL;

    json_object_set_string_member (second, "name", "老胡家常菜馆二店");
    second_id = gd_store_put (f->store, second, "tester", second_issues, &error);
    g_assert_no_error (error);
    g_assert_nonnull (second_id);
    lines = gd_issues_to_string (second_issues, GD_ISSUE_WARNING);
    if (strstr (lines, id) == NULL || strstr (lines, "has the same credit code") == NULL)
      g_error ("no duplicate warning: %s", lines);
  }
}

/* ---- query row, search, map ------------------------------------------------------------ */

static void
assert_found (GdStore *store, const char *query, const char *id, const char *matched)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gd_store_search (store, query, 20, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      GdSearchHit *hit = hits->pdata[i];
      if (hit->kind == GD_HIT_ORGANISATION && g_strcmp0 (hit->doc_id, id) == 0)
        {
          found = TRUE;
          g_assert_cmpstr (hit->matched, ==, matched);
          g_assert_cmpstr (hit->name, ==, "老胡家常菜馆");
          g_assert_cmpstr (hit->credit_code, ==, CREDIT_CODE);
          g_assert_cmpstr (hit->phone, ==, "13951234567");
          g_assert_cmpstr (hit->grid, ==, FIXTURE_GRID);
        }
    }
  if (!found)
    g_error ("'%s' did not find the organisation", query);
}

static void
test_query_search_map (StoreFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) doc = restaurant ();
  g_autofree char *id = put_ok (f->store, doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMapPoints) points = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *again = NULL;

  g_assert_true (g_str_has_prefix (id, "organisation:"));
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM organisations WHERE kind = 'enterprise' "
                              "AND premises = 'small_restaurant' AND status = 'operating' "
                              "AND credit_code = '" CREDIT_CODE "' AND open_hazards = 0 "
                              "AND grid = '" FIXTURE_GRID "'"), ==, 1);

  assert_found (f->store, "家常菜", id, "name");
  assert_found (f->store, "lhjccg", id, "pinyin");     /* 老胡家常菜馆 initials */
  assert_found (f->store, "91320902MA1M", id, "credit_code");
  assert_found (f->store, "91320902ma1mxk2l8d", id, "credit_code");
  assert_found (f->store, "胡建国", id, "name");        /* the representative */
  assert_found (f->store, "4567", id, "phone");         /* the representative's phone tail */
  assert_found (f->store, "9876", id, "phone");         /* the safety contact's */
  none = gd_store_search (f->store, "胡建军", 20, &error);
  g_assert_cmpuint (none->len, ==, 0);

  points = gd_map_points_query (f->store, NULL, GD_MAP_KIND_BIT (GD_MAP_ORGANISATION), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->points->len, ==, 1);
  g_assert_cmpint (g_array_index (points->points, GdMapPoint, 0).kind, ==, GD_MAP_ORGANISATION);
  g_assert_cmpstr (g_array_index (points->points, GdMapPoint, 0).doc_id, ==, id);
  g_assert_cmpint (g_array_index (points->points, GdMapPoint, 0).risk, ==, GD_MAP_RISK_NONE);
  /* the map draws its premises category's symbol */
  g_assert_cmpstr (g_array_index (points->points, GdMapPoint, 0).premises, ==, "small_restaurant");

  /* renamed: the old keys go, the new ones come */
  stored = gd_store_get (f->store, id, &error);
  json_object_set_string_member (stored, "name", "胡记面馆");
  again = put_ok (f->store, stored);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = gd_store_search (f->store, "家常菜", 20, &error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = gd_store_search (f->store, "面馆", 20, &error);
  g_assert_cmpuint (none->len, ==, 1);

  /* the derived tables and the search index agree with the documents */
  g_assert_true (gd_store_check (f->store, issues, &error));
  if (gd_issues_get_n_items (issues) > 0)
    g_error ("check: %s", gd_issues_get_item (issues, 0)->message);
}

/* ---- inspections ----------------------------------------------------------------------- */

static JsonObject *
inspection (const char *at,
            const char *rectify_by,
            const char *gas,
            const char *extinguishers,
            const char *escape_routes)
{
  g_autofree char *text = g_strdup_printf (
    "{\"at\": \"%s\", \"inspectors\": [\"韩佳\", \"王强\"], %s%s%s"
    " \"checklist\": [{\"item\": \"gas\", \"result\": \"%s\", \"note\": \"燃气报警器失效\"},"
    " {\"item\": \"extinguishers\", \"result\": \"%s\", \"note\": \"灭火器过期\"},"
    " {\"item\": \"escape_routes\", \"result\": \"%s\"}], \"photos\": [\"kitchen.jpg\"]}",
    at, rectify_by ? "\"rectify_by\": \"" : "", rectify_by ? rectify_by : "",
    rectify_by ? "\"," : "", gas, extinguishers, escape_routes);
  return parse (text);
}

static const char *
checklist_incident (JsonObject *organisation, guint inspection_index, const char *item)
{
  JsonArray *inspections = gd_json_get_array (organisation, "inspections");
  JsonObject *inspection = json_array_get_object_element (inspections, inspection_index);
  JsonArray *checklist = gd_json_get_array (inspection, "checklist");

  for (guint i = 0; i < json_array_get_length (checklist); i++)
    {
      JsonObject *entry = json_array_get_object_element (checklist, i);
      if (g_strcmp0 (gd_json_get_string (entry, "item"), item) == 0)
        return gd_json_get_string (entry, "incident");
    }
  return NULL;
}

static void
test_inspection_hazards (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) doc = restaurant ();
  g_autofree char *org_id = put_ok (f->store, doc);
  g_autoptr(JsonObject) first = inspection ("2026-11-20T02:00:00Z", "2026-11-30", "hazard", "hazard",
                                            "passed");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) third = NULL;
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(JsonObject) gas_incident = NULL;
  g_autoptr(JsonObject) fire_incident = NULL;
  g_autoptr(GArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *third_id = NULL;
  g_autofree char *gas_id = NULL;
  g_autofree char *fire_id = NULL;
  JsonArray *links;
  JsonObject *risk;

  first_id = gd_organisation_inspect (f->store, org_id, first, rules, GD_ROLE_GRID_WORKER, NULL,
                                      "韩佳", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first_id);

  /* two hazards, two incidents, linked both ways */
  org = gd_store_get (f->store, org_id, &error);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_INCIDENT, NULL), ==, 2);
  gas_id = g_strdup (checklist_incident (org, 0, "gas"));
  fire_id = g_strdup (checklist_incident (org, 0, "extinguishers"));
  g_assert_nonnull (gas_id);
  g_assert_nonnull (fire_id);
  g_assert_null (checklist_incident (org, 0, "escape_routes"));
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (
    json_array_get_object_element (gd_json_get_array (org, "inspections"), 0), "incidents")), ==, 2);
  gas_incident = gd_store_get (f->store, gas_id, &error);
  fire_incident = gd_store_get (f->store, fire_id, &error);
  g_assert_cmpstr (gd_json_get_string (gas_incident, "category"), ==, "AQ02");   /* 燃气安全 */
  g_assert_cmpstr (gd_json_get_string (fire_incident, "category"), ==, "AQ01"); /* 消防隐患 */
  g_assert_cmpstr (gd_json_get_string (gas_incident, "status"), ==, "registered");
  g_assert_cmpstr (gd_json_get_string (gas_incident, "grid"), ==, FIXTURE_GRID);
  g_assert_cmpstr (gd_json_get_string (gas_incident, "title"), ==, "老胡家常菜馆: 燃气使用规范，报警装置完好");
  g_assert_cmpstr (gd_json_get_string (gas_incident, "description"), ==, "燃气报警器失效");
  /* the deadline is the end of rectify_by, China time */
  g_assert_cmpstr (gd_json_get_string (gas_incident, "deadline"), ==, "2026-11-30T16:00:00Z");
  links = gd_json_get_array (gd_json_get_object (gas_incident, "links"), "organisations");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (links, 0), ==, org_id);
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (gas_incident, "reporter"), "name"), ==, "韩佳");

  /* the organisation shows them open; risk follows (two hazards: medium) */
  open = gd_organisation_open_hazards (org);
  g_assert_cmpuint (open->len, ==, 2);
  risk = gd_json_get_object (org, "risk");
  g_assert_cmpstr (gd_json_get_string (risk, "level"), ==, "medium");
  g_assert_cmpstr (gd_json_get_string (risk, "inspection"), ==, first_id);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM organisations WHERE open_hazards = 2 "
                              "AND rectify_by = '2026-11-30' AND risk = 'medium'"), ==, 1);
  {
    /* its map point is overdue once the date has passed */
    g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-12-05T00:00:00Z", NULL);
    g_autoptr(GdMapPoints) points = gd_map_points_query (f->store, NULL,
                                                         GD_MAP_KIND_BIT (GD_MAP_ORGANISATION),
                                                         g_date_time_to_unix (later), &error);
    g_assert_cmpuint (points->points->len, ==, 1);
    g_assert_cmpint (g_array_index (points->points, GdMapPoint, 0).state, ==, GD_MAP_STATE_OVERDUE);
    g_assert_cmpint (g_array_index (points->points, GdMapPoint, 0).risk, ==, GD_MAP_RISK_MEDIUM);
  }

  /* a grid worker's re-inspection passes the gas: its incident goes as far as a grid worker
   * may take it (registered: escalate only, so it stays), the fire hazard stays open */
  second = inspection ("2026-11-28T02:00:00Z", "2026-12-10", "passed", "hazard", "passed");
  second_id = gd_organisation_inspect (f->store, org_id, second, rules, GD_ROLE_CENTRE_OPERATOR,
                                       NULL, "李坐席", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&gas_incident, json_object_unref);
  gas_incident = gd_store_get (f->store, gas_id, &error);
  /* an operator without the owner's word takes it to feedback (核查通过), not archived */
  g_assert_cmpstr (gd_json_get_string (gas_incident, "status"), ==, "feedback");
  g_clear_pointer (&org, json_object_unref);
  org = gd_store_get (f->store, org_id, &error);
  /* the repeated hazard keeps its incident: no third incident */
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_INCIDENT, NULL), ==, 2);
  g_assert_cmpstr (checklist_incident (org, 1, "extinguishers"), ==, fire_id);
  g_clear_pointer (&open, g_array_unref);
  open = gd_organisation_open_hazards (org);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (g_array_index (open, GdOpenHazard, 0).item, ==, "extinguishers");
  g_assert_cmpstr (g_array_index (open, GdOpenHazard, 0).rectify_by, ==, "2026-12-10");
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (org, "risk"), "level"), ==, "medium");

  /* all passed, with the owner's word: archived; risk low */
  third = inspection ("2026-12-08T02:00:00Z", NULL, "passed", "passed", "passed");
  third_id = gd_organisation_inspect (f->store, org_id, third, rules, GD_ROLE_CENTRE_OPERATOR,
                                      "satisfied", "李坐席", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&fire_incident, json_object_unref);
  fire_incident = gd_store_get (f->store, fire_id, &error);
  g_assert_cmpstr (gd_json_get_string (fire_incident, "status"), ==, "archived");
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (fire_incident, "feedback"), "satisfaction"),
                   ==, "satisfied");
  g_clear_pointer (&org, json_object_unref);
  org = gd_store_get (f->store, org_id, &error);
  g_clear_pointer (&open, g_array_unref);
  open = gd_organisation_open_hazards (org);
  g_assert_cmpuint (open->len, ==, 0);
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (org, "risk"), "level"), ==, "low");
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM organisations WHERE open_hazards = 0 "
                              "AND rectify_by IS NULL AND risk = 'low'"), ==, 1);
}

/* A refused organisation write leaves no incident either: one transaction. */
static void
test_refused_inspection_leaves_nothing (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) doc = restaurant ();
  g_autofree char *org_id = put_ok (f->store, doc);
  g_autoptr(JsonObject) bad = inspection ("2026-11-20T02:00:00Z", "2026-11-30", "hazard", "hazard",
                                          "passed");
  g_autoptr(JsonObject) no_deadline = inspection ("2026-11-20T02:00:00Z", NULL, "hazard", "passed",
                                                  "passed");
  g_autoptr(JsonObject) before = gd_store_get (f->store, org_id, NULL);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint audit_before = audit_length (f->store);
  JsonObject *entry;

  /* the third item is not an inspection item: the organisation is refused after the two
   * hazard incidents were registered */
  entry = json_array_get_object_element (gd_json_get_array (bad, "checklist"), 2);
  json_object_set_string_member (entry, "item", "unicorns");
  id = gd_organisation_inspect (f->store, org_id, bad, rules, GD_ROLE_GRID_WORKER, NULL, "韩佳",
                                issues, &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (gd_issues_find (issues, "inspections[0].checklist[2].item"));
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_INCIDENT, NULL), ==, 0);
  g_assert_cmpint (count_sql (f->store, "SELECT count(*) FROM incidents"), ==, 0);
  g_assert_cmpuint (audit_length (f->store), ==, audit_before);
  after = gd_store_get (f->store, org_id, NULL);
  g_assert_true (gd_merge_same_content (before, after));

  /* a hazard without a rectification date: refused the same way */
  g_clear_error (&error);
  id = gd_organisation_inspect (f->store, org_id, no_deadline, rules, GD_ROLE_GRID_WORKER, NULL,
                                "韩佳", NULL, &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpint (gd_store_count (f->store, GD_DOC_INCIDENT, NULL), ==, 0);

  /* not an organisation */
  g_clear_error (&error);
  id = gd_organisation_inspect (f->store, "household:none", bad, rules, GD_ROLE_GRID_WORKER, NULL,
                                "韩佳", NULL, &error);
  g_assert_null (id);
  g_assert_nonnull (error);
}

static void
test_risk_by_hand (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(JsonObject) doc = restaurant ();
  g_autofree char *org_id = put_ok (f->store, doc);
  g_autoptr(JsonObject) three = inspection ("2026-11-20T02:00:00Z", "2026-11-30", "hazard", "hazard",
                                            "hazard");
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  JsonObject *risk;

  id = gd_organisation_inspect (f->store, org_id, three, rules, GD_ROLE_GRID_WORKER, NULL, "韩佳",
                                NULL, &error);
  g_assert_no_error (error);
  org = gd_store_get (f->store, org_id, &error);
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (org, "risk"), "level"), ==, "high");

  /* a blank reason is refused with its path, and the risk stays */
  g_assert_false (gd_organisation_set_risk (f->store, org_id, "low", "  ", "李坐席", issues, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (gd_issues_find (issues, "risk.reason"));
  g_clear_error (&error);
  g_clear_pointer (&org, json_object_unref);
  org = gd_store_get (f->store, org_id, &error);
  g_assert_cmpstr (gd_json_get_string (gd_json_get_object (org, "risk"), "level"), ==, "high");

  g_assert_true (gd_organisation_set_risk (f->store, org_id, "medium", "已停用燃气，改用电磁炉",
                                           "李坐席", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&org, json_object_unref);
  org = gd_store_get (f->store, org_id, &error);
  risk = gd_json_get_object (org, "risk");
  g_assert_cmpstr (gd_json_get_string (risk, "level"), ==, "medium");
  g_assert_cmpstr (gd_json_get_string (risk, "reason"), ==, "已停用燃气，改用电磁炉");
  g_assert_cmpstr (gd_json_get_string (risk, "by"), ==, "李坐席");
  g_assert_null (gd_json_get_string (risk, "inspection"));

  /* 三合一 separation failing is a major risk whatever the count */
  {
    g_autoptr(JsonObject) one = parse ("{\"checklist\": [{\"item\": \"three_in_one_separation\","
                                       " \"result\": \"hazard\"}]}");
    g_autoptr(JsonObject) none = parse ("{\"checklist\": [{\"item\": \"gas\", \"result\": "
                                        "\"not_applicable\"}]}");
    g_assert_cmpstr (gd_organisation_inspection_risk (one), ==, "major");
    g_assert_cmpstr (gd_organisation_inspection_risk (none), ==, "low");
  }
}

static void
test_checklist_of_premises (void)
{
  g_auto(GStrv) restaurant_items = gd_organisation_checklist_items ("small_restaurant");
  g_auto(GStrv) three_in_one = gd_organisation_checklist_items ("three_in_one");
  g_auto(GStrv) unknown = gd_organisation_checklist_items ("spaceship");

  g_assert_true (g_strv_contains ((const char *const *) restaurant_items, "gas"));
  g_assert_true (g_strv_contains ((const char *const *) restaurant_items, "extinguishers"));
  g_assert_true (g_strv_contains ((const char *const *) three_in_one, "three_in_one_separation"));
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);
  /* every item of every category is in the inspection-items list */
  for (guint i = 0; i < gd_code_table_get_n_items (gd_codes_get ("premises-categories")); i++)
    {
      const GdCodeItem *category = gd_code_table_get_item (gd_codes_get ("premises-categories"), i);
      g_auto(GStrv) items = gd_organisation_checklist_items (category->code);

      for (guint j = 0; items[j] != NULL; j++)
        g_assert_true (gd_codes_contains ("inspection-items", items[j]));
    }
}

/* ---- patrols and merge ----------------------------------------------------------------- */

static void
test_patrol_visits_organisation (StoreFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) doc = restaurant ();
  g_autofree char *org_id = put_ok (f->store, doc);
  g_autoptr(JsonObject) household = fixture_household ("0001", 1);
  g_autofree char *household_id = put_ok (f->store, household);
  g_autoptr(JsonObject) patrol = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patrol_id = gd_patrol_start (f->store, FIXTURE_GRID, "weekly", "韩佳", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gd_patrol_visit (f->store, patrol_id, org_id, "韩佳", &error));
  g_assert_true (gd_patrol_visit (f->store, patrol_id, org_id, "韩佳", &error));
  g_assert_true (gd_patrol_visit (f->store, patrol_id, household_id, "韩佳", &error));
  patrol = gd_store_get (f->store, patrol_id, &error);
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (patrol, "visited_organisations")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (gd_json_get_array (patrol, "visited_organisations"), 0),
                   ==, org_id);
  g_assert_cmpuint (json_array_get_length (gd_json_get_array (patrol, "visited_households")), ==, 1);
}

/* Two workstations each add an inspection, and one edits a note of the shared one: the
 * inspections merge item by item (by id), with no conflict. */
static void
test_merge_inspections (void)
{
  g_autoptr(JsonObject) base = parse (
    "{\"_id\": \"organisation:1\", \"type\": \"organisation\", \"name\": \"老胡家常菜馆\","
    " \"inspections\": [{\"id\": \"a\", \"at\": \"2026-11-01T02:00:00Z\", \"inspectors\": [\"韩佳\"],"
    " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}]}");
  g_autoptr(JsonObject) mine = gd_json_copy_object (base);
  g_autoptr(JsonObject) theirs = gd_json_copy_object (base);
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_merge_conflict_free);
  g_autoptr(JsonObject) b = parse ("{\"id\": \"b\", \"at\": \"2026-11-10T02:00:00Z\", \"inspectors\": [\"王强\"],"
                                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"hazard\"}]}");
  g_autoptr(JsonObject) c = parse ("{\"id\": \"c\", \"at\": \"2026-11-12T02:00:00Z\", \"inspectors\": [\"李\"],"
                                   " \"checklist\": [{\"item\": \"gas\", \"result\": \"passed\"}]}");
  JsonObject *shared;
  JsonArray *inspections;

  json_array_add_object_element (gd_json_get_array (mine, "inspections"), json_object_ref (b));
  json_array_add_object_element (gd_json_get_array (theirs, "inspections"), json_object_ref (c));
  shared = json_array_get_object_element (gd_json_get_array (theirs, "inspections"), 0);
  json_object_set_string_member (shared, "rectify_by", "2026-11-15");

  merged = gd_merge_documents (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  inspections = gd_json_get_array (merged, "inspections");
  g_assert_cmpuint (json_array_get_length (inspections), ==, 3);
  g_assert_nonnull (gd_merge_path_get (merged, "inspections[id=b]"));
  g_assert_nonnull (gd_merge_path_get (merged, "inspections[id=c]"));
  g_assert_cmpstr (json_node_get_string (gd_merge_path_get (merged, "inspections[id=a].rectify_by")),
                   ==, "2026-11-15");

  /* both change the same inspection's inspectors differently: a conflict on that field only */
  {
    g_autoptr(JsonObject) mine2 = gd_json_copy_object (base);
    g_autoptr(JsonObject) theirs2 = gd_json_copy_object (base);
    g_autoptr(JsonObject) merged2 = NULL;
    g_autoptr(GPtrArray) conflicts2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_merge_conflict_free);
    g_autoptr(JsonNode) one = json_from_string ("[\"韩佳\", \"王强\"]", NULL);
    g_autoptr(JsonNode) other = json_from_string ("[\"韩佳\", \"李\"]", NULL);

    g_assert_true (gd_merge_path_set (mine2, "inspections[id=a].inspectors", one));
    g_assert_true (gd_merge_path_set (theirs2, "inspections[id=a].inspectors", other));
    merged2 = gd_merge_documents (base, mine2, theirs2, conflicts2);
    g_assert_cmpuint (conflicts2->len, ==, 1);
    g_assert_cmpstr (((GdMergeConflict *) conflicts2->pdata[0])->path, ==, "inspections[id=a].inspectors");
  }
}

/* Through the store's sync path: the server's new inspection (another workstation's) and a
 * local one merge by id, and the query row follows the merged document. */
static void
test_sync_merges_inspections (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) local = inspection ("2026-11-20T02:00:00Z", "2026-11-30", "hazard", "passed",
                                            "passed");
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_id = NULL;
  GdSyncApplyStats stats = { 0 };
  JsonObject *server = restaurant ();
  JsonObject *theirs;
  JsonArray *inspections;

  json_object_set_string_member (server, "_id", "organisation:shared");
  json_object_set_string_member (server, "_rev", "1-a");
  json_object_set_string_member (server, "village", FIXTURE_VILLAGE);
  json_object_set_int_member (server, "schema", 1);
  json_object_set_string_member (server, "created_at", "2026-11-01T00:00:00Z");
  json_object_set_string_member (server, "updated_at", "2026-11-01T00:00:00Z");
  json_object_set_string_member (server, "created_by", "county");
  json_object_set_string_member (server, "updated_by", "county");
  g_ptr_array_add (first, server);
  g_assert_true (gd_store_sync_apply (f->store, first, NULL, &stats, &error));
  g_assert_no_error (error);

  local_id = gd_organisation_inspect (f->store, "organisation:shared", local, rules,
                                      GD_ROLE_GRID_WORKER, NULL, "韩佳", NULL, &error);
  g_assert_no_error (error);

  theirs = gd_json_copy_object (server);
  json_object_set_string_member (theirs, "_rev", "2-b");
  json_object_set_string_member (theirs, "updated_at", "2026-11-21T00:00:00Z");
  json_object_set_member (theirs, "inspections", json_from_string (
    "[{\"id\": \"other\", \"at\": \"2026-11-21T02:00:00Z\", \"inspectors\": [\"王强\"],"
    " \"rectify_by\": \"2026-12-05\","
    " \"checklist\": [{\"item\": \"kitchen_flue\", \"result\": \"hazard\"}]}]", NULL));
  g_ptr_array_add (newer, theirs);
  memset (&stats, 0, sizeof stats);
  g_assert_true (gd_store_sync_apply (f->store, newer, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.merged, ==, 1);

  merged = gd_store_get (f->store, "organisation:shared", &error);
  inspections = gd_json_get_array (merged, "inspections");
  g_assert_cmpuint (json_array_get_length (inspections), ==, 2);
  g_assert_nonnull (gd_merge_path_get (merged, "inspections[id=other]"));
  {
    g_autofree char *path = g_strdup_printf ("inspections[id=%s]", local_id);
    g_assert_nonnull (gd_merge_path_get (merged, path));
  }
  /* gas from here, the kitchen flue from there: two open hazards in the query row */
  g_assert_cmpint (count_sql (f->store, "SELECT open_hazards FROM organisations "
                              "WHERE doc_id = 'organisation:shared'"), ==, 2);
}

/* The register's filters, counts and pages. */
static void
test_list_filters (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GError) error = NULL;
  const char *names[] = { "甲记面馆", "乙记超市", "丙记旅馆", "丁记网吧" };
  const char *premises[] = { "small_restaurant", "small_shop", "small_hotel", "key_place" };
  g_autofree char *first_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) doc = restaurant ();
      g_autofree char *id = NULL;

      json_object_set_string_member (doc, "name", names[i]);
      json_object_set_string_member (doc, "premises", premises[i]);
      json_object_remove_member (doc, "credit_code");
      if (i == 3)
        json_object_set_string_member (doc, "status", "closed");
      id = put_ok (f->store, doc);
      if (i == 0)
        first_id = g_strdup (id);
    }
  {
    g_autoptr(JsonObject) hazard = inspection ("2026-11-01T02:00:00Z", "2026-11-10", "hazard", "passed",
                                               "passed");
    g_autofree char *inspection_id = gd_organisation_inspect (f->store, first_id, hazard, rules,
                                                              GD_ROLE_GRID_WORKER, NULL, "韩佳",
                                                              NULL, &error);
    g_assert_no_error (error);
  }

  {
    GdOrganisationQuery all = { NULL, };
    GdOrganisationQuery nine_small = { .premises = "small_premises" };
    GdOrganisationQuery operating = { .status = "operating" };
    GdOrganisationQuery overdue = { .overdue_on = "2026-11-20" };
    GdOrganisationQuery not_yet = { .overdue_on = "2026-11-05" };
    GdOrganisationQuery medium = { .risk = "medium", .grid = FIXTURE_VILLAGE };
    GdOrganisationQuery elsewhere = { .grid = "320902101002" };
    GdOrganisationQuery page = { .limit = 2, .offset = 2 };
    GdOrganisationQuery bad = { .premises = "spaceship" };
    g_autoptr(GPtrArray) second_page = gd_store_list_organisations (f->store, &page, &error);
    g_autoptr(GPtrArray) overdue_list = gd_store_list_organisations (f->store, &overdue, &error);

    g_assert_cmpint (gd_store_count_organisations (f->store, &all, &error), ==, 4);
    g_assert_cmpint (gd_store_count_organisations (f->store, &nine_small, &error), ==, 3);
    g_assert_cmpint (gd_store_count_organisations (f->store, &operating, &error), ==, 3);
    g_assert_cmpint (gd_store_count_organisations (f->store, &overdue, &error), ==, 1);
    g_assert_cmpint (gd_store_count_organisations (f->store, &not_yet, &error), ==, 0);
    g_assert_cmpint (gd_store_count_organisations (f->store, &medium, &error), ==, 1);
    g_assert_cmpint (gd_store_count_organisations (f->store, &elsewhere, &error), ==, 0);
    g_assert_no_error (error);
    /* by name within the grid: 丁 丙 乙 甲 in code point order; the second page is 乙, 甲 */
    g_assert_cmpuint (second_page->len, ==, 2);
    g_assert_cmpstr (gd_json_get_string (second_page->pdata[1], "name"), ==, "甲记面馆");
    g_assert_cmpuint (overdue_list->len, ==, 1);
    g_assert_cmpstr (gd_json_get_string (overdue_list->pdata[0], "_id"), ==, first_id);
    {
      /* the same page as light rows, read from the query table */
      g_autoptr(GPtrArray) rows = gd_store_organisation_page (f->store, &page, &error);
      g_autoptr(GPtrArray) overdue_rows = gd_store_organisation_page (f->store, &overdue, &error);
      GdOrganisationRow *row;

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 2);
      row = rows->pdata[1];
      g_assert_cmpstr (row->name, ==, "甲记面馆");
      g_assert_cmpstr (row->doc_id, ==, first_id);
      g_assert_cmpstr (row->kind, ==, "enterprise");
      g_assert_cmpstr (row->premises, ==, "small_restaurant");
      g_assert_cmpstr (row->representative, ==, "胡建国");
      g_assert_cmpstr (row->grid, ==, FIXTURE_GRID);
      g_assert_cmpstr (row->status, ==, "operating");
      g_assert_cmpstr (row->risk, ==, "medium");
      g_assert_cmpstr (row->last_inspected, ==, "2026-11-01T02:00:00Z");
      g_assert_cmpuint (row->open_hazards, ==, 1);
      g_assert_cmpstr (row->rectify_by, ==, "2026-11-10");
      g_assert_null (row->credit_code);
      g_assert_cmpuint (overdue_rows->len, ==, 1);
    }
    g_assert_cmpint (gd_store_count_organisations (f->store, &bad, &error), ==, -1);
    g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  }
}

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/organisation/bad-fields", test_bad_fields);
  ADD ("/organisation/credit-code-kind-warning", test_credit_code_kind_warning);
  ADD ("/organisation/query-search-map", test_query_search_map);
  ADD ("/organisation/inspection-hazards", test_inspection_hazards);
  ADD ("/organisation/refused-inspection-leaves-nothing", test_refused_inspection_leaves_nothing);
  ADD ("/organisation/risk-by-hand", test_risk_by_hand);
  ADD ("/organisation/patrol-visits", test_patrol_visits_organisation);
  ADD ("/organisation/list-filters", test_list_filters);
  ADD ("/organisation/sync-merges-inspections", test_sync_merges_inspections);
  g_test_add_func ("/organisation/checklist-of-premises", test_checklist_of_premises);
  g_test_add_func ("/organisation/merge-inspections", test_merge_inspections);
  return g_test_run ();
}
