/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data scope (最小必要) in the core queries: a grid worker's list, count, get, search and put
 * keep to the grids they serve plus the incidents assigned to them; a mediator sees their
 * cases and only the households of those cases' parties; administrators see everything;
 * a local user who does not own the file sees nothing. The operator, not the caller's
 * actor, is written into updated_by. */
#include "config.h"

#include "gd-accounts.h"
#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-map-points.h"
#include "gd-register.h"
#include "gd-scope.h"
#include "gd-search.h"
#include "gd-test-fixtures.h"

#define OTHER_GRID "320902101001002"

typedef struct {
  StoreFixture store;
  char *mine;       /* household in FIXTURE_GRID */
  char *theirs;     /* household in OTHER_GRID */
  char *theirs_id_number; /* its head's citizen ID */
  char *incident_mine;
  char *incident_theirs;
  char *incident_assigned; /* in OTHER_GRID, assigned to 王网格 */
  char *case_zhou;  /* a dispute mediated by 周丽, a party of which lives in `theirs` */
  char *case_other;
  GdAccount *admin;
  GdAccount *wang;  /* grid worker of FIXTURE_GRID */
  GdAccount *zhou;  /* mediator */
} ScopeFixture;

static char *
put (ScopeFixture *f,
     JsonObject   *doc)
{
  g_autoptr(GError) error = NULL;
  char *id = gd_store_put (f->store.store, doc, "tester", NULL, &error);

  g_assert_no_error (error);
  return id;
}

static char *
put_json (ScopeFixture *f,
          const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_json_parse_object (text, -1, &error);

  g_assert_no_error (error);
  return put (f, doc);
}

static char *
incident (ScopeFixture *f,
          const char   *grid,
          const char   *number,
          const char   *assignee)
{
  g_autofree char *assigned = assignee
    ? g_strdup_printf (", \"assignee\": {\"unit\": \"新兴村\", \"name\": \"%s\"}", assignee)
    : g_strdup ("");
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"incident\", \"grid\": \"%s\", \"number\": \"%s\", \"title\": \"下水道堵塞\","
    " \"category\": \"TF04\", \"source\": \"patrol\", \"urgency\": \"normal\","
    " \"status\": \"registered\", \"reported_at\": \"2026-10-01T08:00:00Z\","
    " \"deadline\": \"2026-10-08T08:00:00Z\", \"handling_level\": \"grid\"%s}",
    grid, number, assigned);
  return put_json (f, text);
}

static char *
dispute (ScopeFixture *f,
         const char   *mediator,
         const char   *party_id_number)
{
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"dispute\", \"grid\": \"" OTHER_GRID "\", \"status\": \"received\","
    " \"category\": \"neighbour\", \"source\": \"party_applied\", \"room\": \"village\","
    " \"summary\": \"排水沟堵塞引发邻里纠纷\", \"received_at\": \"2026-10-02T08:00:00Z\","
    " \"mediators\": [{\"id\": \"mediator:m1\", \"name\": \"%s\", \"role\": \"lead\"}],"
    " \"parties\": [{\"id\": \"p1\", \"role\": \"applicant\", \"kind\": \"person\", \"name\": \"欧阳玲巧\","
    "                \"id_number\": \"%s\"},"
    "               {\"id\": \"p2\", \"role\": \"respondent\", \"kind\": \"person\", \"name\": \"李明\"}]}",
    mediator, party_id_number);
  return put_json (f, text);
}

static GdAccount *
account (ScopeFixture *f,
         const char   *name,
         const char   *display_name,
         GdRole        role,
         const char   *grid)
{
  g_autoptr(GError) error = NULL;
  const char *grids[] = { grid, NULL };
  GdAccountSpec spec = { .name = name, .display_name = display_name, .roles = GD_ROLE_BIT (role),
                         .grids = grid ? grids : NULL };
  GdAccount *added = gd_accounts_add (f->store.store, &spec, "password 2026", &error);

  g_assert_no_error (error);
  return added;
}

static void
put_location (JsonObject *household,
              double      lat)
{
  JsonObject *location = json_object_new ();

  json_object_set_double_member (location, "lat", lat);
  json_object_set_double_member (location, "lon", 120.163);
  json_object_set_object_member (household, "location", location);
}

/* How many households the map shows. */
static guint
map_households (ScopeFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMapPoints) points = gd_map_points_query (f->store.store, NULL, GD_MAP_ALL_KINDS, 0,
                                                       &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < points->points->len; i++)
    n += g_array_index (points->points, GdMapPoint, i).kind == GD_MAP_HOUSEHOLD;
  return n;
}

static void
scope_setup (ScopeFixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) grid = fixture_grid (OTHER_GRID, "第二网格");
  g_autoptr(JsonObject) mine = fixture_household ("H0001", 1);
  g_autoptr(JsonObject) theirs = fixture_household ("H0002", 2);
  g_autofree char *grid_id = NULL;
  JsonObject *head;

  store_fixture_setup (&f->store, data);
  grid_id = put (f, grid);
  json_object_set_string_member (theirs, "grid", OTHER_GRID);
  head = json_array_get_object_element (json_object_get_array_member (theirs, "members"), 0);
  f->theirs_id_number = g_strdup (json_object_get_string_member (head, "id_number"));
  put_location (mine, 33.385);
  put_location (theirs, 33.386);
  f->mine = put (f, mine);
  f->theirs = put (f, theirs);
  f->incident_mine = incident (f, FIXTURE_GRID, "SJ-2026-000001", NULL);
  f->incident_theirs = incident (f, OTHER_GRID, "SJ-2026-000002", NULL);
  f->incident_assigned = incident (f, OTHER_GRID, "SJ-2026-000003", "王网格");
  f->case_zhou = dispute (f, "周丽", f->theirs_id_number);
  f->case_other = dispute (f, "赵德明", f->theirs_id_number);

  f->admin = account (f, "admin", "管理员", GD_ROLE_ADMINISTRATOR, NULL);
  gd_store_set_account (f->store.store, f->admin);
  f->wang = account (f, "wang", "王网格", GD_ROLE_GRID_WORKER, FIXTURE_GRID);
  f->zhou = account (f, "zhou", "周丽", GD_ROLE_MEDIATOR, NULL);
}

static void
scope_teardown (ScopeFixture *f, gconstpointer data)
{
  g_clear_pointer (&f->admin, gd_account_unref);
  g_clear_pointer (&f->wang, gd_account_unref);
  g_clear_pointer (&f->zhou, gd_account_unref);
  g_free (f->mine);
  g_free (f->theirs);
  g_free (f->theirs_id_number);
  g_free (f->incident_mine);
  g_free (f->incident_theirs);
  g_free (f->incident_assigned);
  g_free (f->case_zhou);
  g_free (f->case_other);
  store_fixture_teardown (&f->store, data);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The _ids listed for `type`, sorted, joined by spaces. */
static char *
listed (ScopeFixture *f,
        GdDocType     type)
{
  g_autoptr(GError) error = NULL;
  GdListQuery query = { .type = type };
  g_autoptr(GPtrArray) docs = gd_store_list (f->store.store, &query, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (ids, (gpointer) gd_json_get_string (docs->pdata[i], "_id"));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static char *
ids_of (const char *a, const char *b, const char *c)
{
  const char *list[] = { a, b, c };
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    if (list[i] != NULL)
      g_ptr_array_add (ids, (gpointer) list[i]);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* The household ids a search returns, each once, sorted. */
static char *
searched (ScopeFixture *f,
          const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gd_store_search (f->store.store, query, 0, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      const GdSearchHit *hit = hits->pdata[i];
      if (!g_ptr_array_find_with_equal_func (ids, hit->doc_id, g_str_equal, NULL))
        g_ptr_array_add (ids, hit->doc_id);
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
assert_get_refused (ScopeFixture *f,
                    const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_store_get (f->store.store, id, &error);

  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_null (doc);
  g_assert_false (gd_store_in_scope (f->store.store, id));
}

static void
assert_get_allowed (ScopeFixture *f,
                    const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_store_get (f->store.store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (gd_store_in_scope (f->store.store, id));
}

static void
test_administrator_sees_all (ScopeFixture *f, gconstpointer data)
{
  g_autofree char *households = listed (f, GD_DOC_HOUSEHOLD);
  g_autofree char *both = ids_of (f->mine, f->theirs, NULL);
  g_autofree char *found = searched (f, "欧阳玲巧");

  g_assert_true (gd_store_scope_is_whole (f->store.store));
  g_assert_cmpstr (households, ==, both);
  g_assert_cmpstr (found, ==, both);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_INCIDENT, NULL), ==, 3);
  {
    GdHouseholdFilter households_filter = { 0 };
    GdIncidentFilter incidents_filter = { 0 };

    g_assert_cmpint (gd_store_count_households (f->store.store, &households_filter, NULL), ==, 2);
    g_assert_cmpint (gd_store_count_incidents (f->store.store, &incidents_filter, NULL), ==, 3);
  }
  g_assert_cmpuint (map_households (f), ==, 2);
}

static void
test_grid_worker (ScopeFixture *f, gconstpointer data)
{
  g_autofree char *households = NULL;
  g_autofree char *incidents = NULL;
  g_autofree char *expected_incidents = ids_of (f->incident_mine, f->incident_assigned, NULL);
  g_autofree char *by_name = NULL;
  g_autofree char *by_id = NULL;
  g_autofree char *grids = NULL;

  gd_store_set_account (f->store.store, f->wang);
  g_assert_false (gd_store_scope_is_whole (f->store.store));
  g_assert_cmpstr (gd_store_get_operator (f->store.store), ==, "wang");

  households = listed (f, GD_DOC_HOUSEHOLD);
  g_assert_cmpstr (households, ==, f->mine);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_HOUSEHOLD, NULL), ==, 1);
  g_assert_cmpint (gd_store_count_persons (f->store.store, NULL), ==, 2);
  incidents = listed (f, GD_DOC_INCIDENT);
  g_assert_cmpstr (incidents, ==, expected_incidents);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_DISPUTE, NULL), ==, 0);
  /* the grids themselves stay on the map */
  grids = listed (f, GD_DOC_GRID);
  g_assert_cmpuint (strlen (grids), >, 0);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_GRID, NULL), ==, 3);

  /* the same name lives in both grids: only the household of the grid served is found */
  by_name = searched (f, "欧阳玲巧");
  g_assert_cmpstr (by_name, ==, f->mine);
  by_id = searched (f, f->theirs_id_number);
  g_assert_cmpstr (by_id, ==, "");

  /* the register's and the incident board's pages */
  {
    GdHouseholdFilter households_filter = { 0 };
    GdIncidentFilter incidents_filter = { 0 };

    g_assert_cmpint (gd_store_count_households (f->store.store, &households_filter, NULL), ==, 1);
    households_filter.text = "欧阳";
    g_assert_cmpint (gd_store_count_households (f->store.store, &households_filter, NULL), ==, 1);
    g_assert_cmpint (gd_store_count_incidents (f->store.store, &incidents_filter, NULL), ==, 2);
  }
  g_assert_cmpuint (map_households (f), ==, 1);

  assert_get_allowed (f, f->mine);
  assert_get_refused (f, f->theirs);
  assert_get_allowed (f, f->incident_assigned);
  assert_get_refused (f, f->incident_theirs);
  assert_get_refused (f, f->case_zhou);
}

static void
test_grid_worker_writes (ScopeFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) fresh = fixture_household ("H0003", 3);
  g_autofree char *id = NULL;

  /* only the administrator could read the other grid's household to try */
  theirs = gd_store_get (f->store.store, f->theirs, &error);
  g_assert_no_error (error);

  gd_store_set_account (f->store.store, f->wang);
  mine = gd_store_get (f->store.store, f->mine, &error);
  g_assert_no_error (error);
  json_object_set_string_member (mine, "address", "新兴镇新兴村三组14号");
  /* the signed-in account is written, whatever the caller says */
  id = gd_store_put (f->store.store, mine, "someone-else", NULL, &error);
  g_assert_no_error (error);
  stored = gd_store_get (f->store.store, f->mine, &error);
  g_assert_cmpstr (gd_json_get_string (stored, "updated_by"), ==, "wang");
  {
    g_autoptr(GPtrArray) entries = NULL;
    const GdAuditEntry *last;

    g_assert_true (gd_store_audit (f->store.store, "a-setting", "reveal", f->mine, NULL, &error));
    entries = gd_store_get_audit (f->store.store, NULL, 2, NULL);
    last = entries->pdata[0];
    g_assert_cmpstr (last->actor, ==, "wang");
    g_assert_cmpstr (last->action, ==, "reveal");
    last = entries->pdata[1];
    g_assert_cmpstr (last->actor, ==, "wang");
    g_assert_cmpstr (last->action, ==, "update");
  }
  g_clear_pointer (&id, g_free);

  /* not into another grid: not a household of theirs, not a new one, not by moving one */
  json_object_set_string_member (theirs, "address", "改掉");
  g_assert_null (gd_store_put (f->store.store, theirs, "wang", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);
  json_object_set_string_member (fresh, "grid", OTHER_GRID);
  g_assert_null (gd_store_put (f->store.store, fresh, "wang", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);
  json_object_set_string_member (stored, "grid", OTHER_GRID);
  g_assert_null (gd_store_put (f->store.store, stored, "wang", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (gd_store_delete (f->store.store, f->theirs, "wang", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* a new household in the grid served is fine */
  json_object_set_string_member (fresh, "grid", FIXTURE_GRID);
  id = gd_store_put (f->store.store, fresh, "wang", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_HOUSEHOLD, NULL), ==, 2);
}

static void
test_mediator (ScopeFixture *f, gconstpointer data)
{
  g_autofree char *households = NULL;
  g_autofree char *disputes = NULL;
  g_autofree char *found = NULL;

  g_autoptr(JsonObject) other = gd_store_get (f->store.store, f->case_other, NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *zhou;

  gd_store_set_account (f->store.store, f->zhou);
  /* another mediator's case stays theirs, even with zhou written into it */
  zhou = json_object_new ();
  json_object_set_string_member (zhou, "id", "mediator:m2");
  json_object_set_string_member (zhou, "name", "周丽");
  json_object_set_string_member (zhou, "role", "assist");
  json_array_add_object_element (gd_json_get_array (other, "mediators"), zhou);
  g_assert_null (gd_store_put (f->store.store, other, "zhou", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);

  disputes = listed (f, GD_DOC_DISPUTE);
  g_assert_cmpstr (disputes, ==, f->case_zhou);
  /* the register only through the parties of their cases */
  households = listed (f, GD_DOC_HOUSEHOLD);
  g_assert_cmpstr (households, ==, f->theirs);
  found = searched (f, "欧阳玲巧");
  g_assert_cmpstr (found, ==, f->theirs);
  g_assert_cmpint (gd_store_count (f->store.store, GD_DOC_INCIDENT, NULL), ==, 0);
  assert_get_refused (f, f->mine);
  assert_get_refused (f, f->case_other);
  assert_get_allowed (f, f->case_zhou);

  /* writes: their own cases, a new one of theirs; not a party's household, not others' cases */
  {
    g_autoptr(JsonObject) household = gd_store_get (f->store.store, f->theirs, &error);
    g_autoptr(JsonObject) mine = gd_store_get (f->store.store, f->case_zhou, &error);
    g_autofree char *id = NULL;
    g_autofree char *new_case = NULL;

    g_assert_no_error (error);
    json_object_set_string_member (household, "address", "改掉");
    g_assert_null (gd_store_put (f->store.store, household, "zhou", NULL, &error));
    g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
    g_clear_error (&error);
    json_object_set_string_member (mine, "summary", "排水沟堵塞，双方同意调解");
    id = gd_store_put (f->store.store, mine, "zhou", NULL, &error);
    g_assert_no_error (error);
    new_case = dispute (f, "周丽", f->theirs_id_number);
    g_assert_true (gd_store_in_scope (f->store.store, new_case));
  }
}

static void
test_local_user (ScopeFixture *f, gconstpointer data)
{
  g_autofree char *households = NULL;
  g_autofree char *found = NULL;

  gd_store_set_local_user (f->store.store, "county-it", FALSE);
  households = listed (f, GD_DOC_HOUSEHOLD);
  g_assert_cmpstr (households, ==, "");
  found = searched (f, "欧阳玲巧");
  g_assert_cmpstr (found, ==, "");
  assert_get_refused (f, f->mine);

  gd_store_set_local_user (f->store.store, "county-it", TRUE);
  g_clear_pointer (&households, g_free);
  households = listed (f, GD_DOC_HOUSEHOLD);
  g_assert_cmpuint (strlen (households), >, strlen (f->mine));
  g_assert_cmpstr (gd_store_get_operator (f->store.store), ==, "county-it");
  g_assert_null (gd_store_get_account (f->store.store));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/scope/" path, ScopeFixture, NULL, scope_setup, func, scope_teardown)
  ADD ("administrator-sees-all", test_administrator_sees_all);
  ADD ("grid-worker", test_grid_worker);
  ADD ("grid-worker-writes", test_grid_worker_writes);
  ADD ("mediator", test_mediator);
  ADD ("local-user", test_local_user);
  return g_test_run ();
}
