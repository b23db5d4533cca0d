/* test-validate.c: the document rules, one case per rule.
 *
 * Every case starts from a valid fixture (tests/fixtures/valid-<type>.json), applies a few
 * edits and expects one finding at one path. An edit is "path=json" (set) or "-path" (remove);
 * paths look like issue paths: "members[1].id_number".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gd-issues.h"
#include "gd-json.h"
#include "gd-validate.h"

#include "gd-test-fixtures.h"

#define SCOPE "320902101001"
#define HELD_ELSEWHERE "320923199001011238"
#define MAX_EDITS 8

typedef struct {
  const char     *name;
  const char     *fixture;            /* "household" for valid-household.json */
  const char     *edits[MAX_EDITS];
  const char     *path;               /* expected finding; NULL: none at all */
  const char     *message;            /* substring of its message */
  GdIssueSeverity severity;
} Case;

static gboolean
fake_lookup_grid (const char *code,
                  GdLevel    *level,
                  gpointer    user_data)
{
  static const char *const grids[] = {
    "320902101001001", "320902101001002", "320902101001003", NULL
  };

  if (!g_strv_contains (grids, code))
    return FALSE;
  *level = GD_LEVEL_GRID;
  return TRUE;
}

/* One citizen ID is already in another household of the register. */
static char *
fake_find_id_holder (const char *id_number,
                     const char *except_id,
                     gpointer    user_data)
{
  if (g_str_equal (id_number, HELD_ELSEWHERE))
    return g_strdup ("household:0190a3c2-0000-7000-8000-000000000999");
  return NULL;
}

/* The object holding the last segment of `path`; *out_member gets that segment. */
static JsonObject *
walk (JsonObject *doc,
      const char *path,
      char      **out_member)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  guint n = g_strv_length (segments);
  JsonObject *object = doc;

  for (guint i = 0; i + 1 < n; i++)
    {
      char *bracket = strchr (segments[i], '[');
      JsonNode *node;

      if (bracket != NULL)
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
          node = json_array_get_element (gd_json_get_array (object, segments[i]), index);
        }
      else
        node = json_object_get_member (object, segments[i]);
      g_assert_nonnull (node);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);
    }
  *out_member = g_strdup (segments[n - 1]);
  return object;
}

static void
apply_edit (JsonObject *doc,
            const char *edit)
{
  g_autofree char *member = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_auto(GStrv) parts = NULL;
  JsonObject *object;

  if (edit[0] == '-')
    {
      object = walk (doc, edit + 1, &member);
      g_assert_true (json_object_has_member (object, member));
      json_object_remove_member (object, member);
      return;
    }
  parts = g_strsplit (edit, "=", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  value = json_from_string (parts[1], &error);
  g_assert_no_error (error);
  object = walk (doc, parts[0], &member);
  json_object_set_member (object, member, g_steal_pointer (&value));
}

static GdIssues *
validate (JsonObject *doc)
{
  GDate today;
  GdValidateContext ctx = {
    .scope = SCOPE,
    .today = &today,
    .lookup_grid = fake_lookup_grid,
    .find_id_holder = fake_find_id_holder,
  };
  GdIssues *issues = gd_issues_new ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 23, G_DATE_NOVEMBER, 2026);
  gd_validate_document (doc, &ctx, issues);
  return issues;
}

static void
dump_issues (GdIssues *issues)
{
  g_autofree char *errors = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  g_autofree char *warnings = gd_issues_to_string (issues, GD_ISSUE_WARNING);

  if (gd_issues_get_n_items (issues) > 0)
    g_test_message ("errors:\n%s\nwarnings:\n%s", errors, warnings);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonObject) doc = fixture_load_valid (c->fixture);
  g_autoptr(GdIssues) issues = NULL;
  const GdIssue *issue;

  for (guint i = 0; i < MAX_EDITS && c->edits[i] != NULL; i++)
    apply_edit (doc, c->edits[i]);
  issues = validate (doc);
  dump_issues (issues);

  if (c->path == NULL)
    {
      g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
      return;
    }
  /* exactly the one finding of that severity, where it belongs */
  g_assert_cmpuint (gd_issues_count (issues, c->severity), ==, 1);
  if (c->severity == GD_ISSUE_WARNING)
    g_assert_cmpuint (gd_issues_count (issues, GD_ISSUE_ERROR), ==, 0);
  issue = gd_issues_find (issues, c->path);
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, c->severity);
  g_assert_nonnull (strstr (issue->message, c->message));
}

static const Case cases[] = {
  /* each fixture as it is, and variants that must pass too */
  { "/validate/valid/grid", "grid", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/household", "household", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/incident", "incident", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/dispute", "dispute", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/patrol", "patrol", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/component", "component", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/mediator", "mediator", { NULL }, NULL, NULL, 0 },
  { "/validate/valid/grid/village-level", "grid",
    { "level=\"village\"", "code=\"320902101001\"", "parent=\"320902101\"", "-kind",
      "-boundary" }, NULL, NULL, 0 },
  { "/validate/valid/grid/town-above-scope", "grid",
    { "level=\"town\"", "code=\"320902101\"", "parent=\"320902\"", "-kind", "-village" },
    NULL, NULL, 0 },
  { "/validate/valid/grid/county-above-scope", "grid",
    { "level=\"county\"", "code=\"320902\"", "-parent", "-kind", "-village" }, NULL, NULL, 0 },
  { "/validate/valid/grid/multipolygon", "grid",
    { "boundary={\"type\":\"MultiPolygon\",\"coordinates\":[[[[120.1,33.3],[120.2,33.3],"
      "[120.2,33.4],[120.1,33.3]]],[[[120.3,33.3],[120.4,33.3],[120.4,33.4],[120.3,33.3]]]]}" },
    NULL, NULL, 0 },
  { "/validate/valid/household/non-bmp-name", "household",
    { "members[1].name=\"𣵦\"" }, NULL, NULL, 0 },
  { "/validate/valid/household/fifty-non-bmp-characters", "household",
    { "members[1].name=\"𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦"
      "𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦𣵦\"" }, NULL, NULL, 0 },
  { "/validate/valid/household/owned-without-rental", "household",
    { "housing=\"owned\"", "-rental" }, NULL, NULL, 0 },
  { "/validate/valid/household/legacy-15-digit-id", "household",
    { "members[1].id_number=\"320902830704001\"" }, NULL, NULL, 0 },
  { "/validate/valid/household/lower-case-x", "household",
    { "members[1].id_number=\"11010519491231002x\"", "members[1].sex=\"2\"",
      "members[1].birth_date=\"1949-12-31\"" }, NULL, NULL, 0 },
  { "/validate/valid/household/passport", "household",
    { "members[1].id_type=\"passport\"", "members[1].id_number=\"E12345678\"" },
    NULL, NULL, 0 },
  { "/validate/valid/household/empty-optional-strings", "household",
    { "members[0].phone=\"\"", "members[0].occupation=\"  \"", "house={}" }, NULL, NULL, 0 },
  { "/validate/valid/household/unstated-sex", "household",
    { "members[0].sex=\"9\"" }, NULL, NULL, 0 },
  { "/validate/valid/household/tombstone", "household",
    { "_deleted=true", "-members", "-number", "-address", "-rental" }, NULL, NULL, 0 },
  { "/validate/valid/incident/category-subclass", "incident",
    { "category=\"GZ01\"" }, NULL, NULL, 0 },
  { "/validate/valid/incident/returned-with-note", "incident",
    { "status=\"returned\"", "timeline[5].note=\"地址不在本网格\"" }, NULL, NULL, 0 },
  { "/validate/valid/dispute/received-one-party", "dispute",
    { "status=\"received\"", "-accepted_at", "sessions=[]", "-agreement",
      "-judicial_confirmation", "-follow_ups", "-closed_at",
      "parties=[{\"id\":\"p1\",\"role\":\"applicant\",\"kind\":\"person\",\"name\":\"李明\"}]" },
    NULL, NULL, 0 },
  { "/validate/valid/dispute/full-width-number", "dispute",
    { "number=\"（2026）新兴人调字第7号\"" }, NULL, NULL, 0 },
  { "/validate/valid/dispute/oral-agreement", "dispute",
    { "agreement.form=\"oral\"", "-agreement.copies" }, NULL, NULL, 0 },

  /* envelope */
  { "/validate/envelope/unknown-type", "mediator", { "type=\"xyz\"" }, "type",
    "unknown type 'xyz' (expected grid, household, incident, dispute, patrol, component, "
    "mediator, organisation)", GD_ISSUE_ERROR },
  { "/validate/envelope/type-missing", "mediator", { "-type" }, "type", "is required",
    GD_ISSUE_ERROR },
  { "/validate/envelope/id-type-mismatch", "household",
    { "_id=\"incident:0190a3c2\"" }, "_id", "does not start with 'household:'", GD_ISSUE_ERROR },
  { "/validate/envelope/id-without-uuid", "household", { "_id=\"household:\"" }, "_id",
    "is not of the form <type>:<uuid>", GD_ISSUE_ERROR },
  { "/validate/envelope/village-outside-scope", "household",
    { "village=\"320902101002\"" }, "village",
    "village 320902101002 is outside this database's village 320902101001", GD_ISSUE_ERROR },
  { "/validate/envelope/village-malformed", "household", { "village=\"32090210100\"" },
    "village", "must have 12 digits, has 11", GD_ISSUE_ERROR },
  { "/validate/envelope/village-missing", "patrol", { "-village" }, "village", "is required",
    GD_ISSUE_ERROR },
  { "/validate/envelope/grid-outside-village", "household", { "grid=\"320902101002001\"" },
    "grid", "grid 320902101002001 is outside village 320902101001", GD_ISSUE_ERROR },
  { "/validate/envelope/grid-unknown", "household", { "grid=\"320902101001099\"" }, "grid",
    "grid 320902101001099 does not exist in village 320902101001", GD_ISSUE_ERROR },
  { "/validate/envelope/grid-malformed", "incident", { "grid=\"32090210100100\"" }, "grid",
    "must have 15 digits, has 14", GD_ISSUE_ERROR },
  { "/validate/envelope/grid-missing", "component", { "-grid" }, "grid", "is required",
    GD_ISSUE_ERROR },
  { "/validate/envelope/schema-zero", "household", { "schema=0" }, "schema",
    "must be at least 1", GD_ISSUE_ERROR },
  { "/validate/envelope/schema-string", "household", { "schema=\"1\"" }, "schema",
    "must be a whole number", GD_ISSUE_ERROR },
  { "/validate/envelope/created-at-not-rfc3339", "dispute",
    { "created_at=\"2026-04-01 01:00\"" }, "created_at", "is not an RFC 3339 timestamp",
    GD_ISSUE_ERROR },
  { "/validate/envelope/updated-at-missing", "dispute", { "-updated_at" }, "updated_at",
    "is required", GD_ISSUE_ERROR },
  { "/validate/envelope/created-by-blank", "grid", { "created_by=\" \"" }, "created_by",
    "is required", GD_ISSUE_ERROR },
  { "/validate/envelope/updated-by-missing", "grid", { "-updated_by" }, "updated_by",
    "is required", GD_ISSUE_ERROR },
  { "/validate/envelope/deleted-not-boolean", "mediator", { "_deleted=\"yes\"" }, "_deleted",
    "must be true or false", GD_ISSUE_ERROR },
  { "/validate/envelope/tombstone-keeps-village", "household",
    { "_deleted=true", "-village" }, "village", "is required", GD_ISSUE_ERROR },

  /* grid */
  { "/validate/grid/level-unknown", "grid", { "level=\"city\"" }, "level",
    "'city' is not one of county|town|village|grid", GD_ISSUE_ERROR },
  { "/validate/grid/code-wrong-length", "grid", { "code=\"32090210100103\"" }, "code",
    "must have 15 digits, has 14", GD_ISSUE_ERROR },
  { "/validate/grid/code-outside-scope", "grid", { "code=\"320902101002003\"" }, "code",
    "code 320902101002003 is outside this database's village 320902101001", GD_ISSUE_ERROR },
  { "/validate/grid/kind-missing", "grid", { "-kind" }, "kind", "is required",
    GD_ISSUE_ERROR },
  { "/validate/grid/kind-unknown", "grid", { "kind=\"school\"" }, "kind",
    "'school' is not one of comprehensive|special", GD_ISSUE_ERROR },
  { "/validate/grid/name-missing", "grid", { "name=\"\"" }, "name", "is required",
    GD_ISSUE_ERROR },
  { "/validate/grid/parent-wrong", "grid", { "parent=\"320902101\"" }, "parent",
    "must be 320902101001, the village above 320902101001003", GD_ISSUE_ERROR },
  { "/validate/grid/parent-missing", "grid", { "-parent" }, "parent", "is required",
    GD_ISSUE_ERROR },
  { "/validate/grid/village-missing", "grid", { "-village" }, "village", "is required",
    GD_ISSUE_ERROR },
  { "/validate/grid/town-with-village", "grid",
    { "level=\"town\"", "code=\"320902101\"", "parent=\"320902\"", "-kind" }, "village",
    "a town has no village", GD_ISSUE_ERROR },
  { "/validate/grid/grid-field-not-own", "grid", { "grid=\"320902101001001\"" }, "grid",
    "must be the grid's own code 320902101001003", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-type", "grid", { "boundary.type=\"Point\"" }, "boundary.type",
    "'Point' is not one of Polygon|MultiPolygon", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-open", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.17,33.39],[120.16,33.39]]]" },
    "boundary.coordinates[0]", "the ring is not closed", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-short", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.16,33.38]]]" },
    "boundary.coordinates[0]", "a ring needs at least 4 positions, has 3", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-outside-china", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[2.35,48.85],[120.17,33.39],[120.16,33.38]]]" },
    "boundary.coordinates[0][1]", "is outside China", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-position-swapped", "grid",
    { "boundary.coordinates=[[[33.38,120.16],[120.17,33.38],[120.17,33.39],[120.16,33.38]]]" },
    "boundary.coordinates[0][0]", "is outside China", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-figure-eight", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.39],[120.17,33.38],[120.16,33.39],"
      "[120.16,33.38]]]" },
    "boundary.coordinates[0]", "the ring crosses itself (its edges from positions 0 and 2 meet)",
    GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-spike", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.17,33.39],[120.17,33.385],"
      "[120.17,33.395],[120.16,33.39],[120.16,33.38]]]" },
    "boundary.coordinates[0]", "the ring crosses itself", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-touches", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.18,33.38],[120.17,33.38],[120.17,33.39],"
      "[120.16,33.38]]]" },
    "boundary.coordinates[0]", "the ring crosses itself", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-flat", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.18,33.38],[120.16,33.38]]]" },
    "boundary.coordinates[0]", "the ring encloses no area", GD_ISSUE_ERROR },
  { "/validate/grid/boundary-ring-repeated-positions", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.17,33.38],[120.17,33.39],"
      "[120.16,33.39],[120.16,33.38]]]" },
    NULL, NULL, 0 },
  { "/validate/grid/boundary-hole", "grid",
    { "boundary.coordinates=[[[120.16,33.38],[120.17,33.38],[120.17,33.39],[120.16,33.39],"
      "[120.16,33.38]],[[120.162,33.382],[120.162,33.388],[120.168,33.388],[120.162,33.382]]]" },
    NULL, NULL, 0 },
  { "/validate/grid/leader-phone", "grid", { "leader.phone=\"1395123456\"" }, "leader.phone",
    "a mobile number has 11 digits, this has 10", GD_ISSUE_ERROR },
  { "/validate/grid/leader-name-missing", "grid", { "-leader.name" }, "leader.name",
    "is required", GD_ISSUE_ERROR },
  { "/validate/grid/staff-duplicate-id", "grid", { "staff[1].id=\"s1\"" }, "staff[1].id",
    "'s1' is also the id of staff[0]", GD_ISSUE_ERROR },
  { "/validate/grid/staff-role", "grid", { "staff[0].role=\"boss\"" }, "staff[0].role",
    "'boss' is not in the staff-roles code list", GD_ISSUE_ERROR },
  { "/validate/grid/households-target", "grid", { "households_target=0" },
    "households_target", "must be at least 1", GD_ISSUE_ERROR },

  /* household */
  { "/validate/household/number-missing", "household", { "-number" }, "number",
    "is required", GD_ISSUE_ERROR },
  { "/validate/household/address-missing", "household", { "address=null" }, "address",
    "is required", GD_ISSUE_ERROR },
  { "/validate/household/house-room-not-string", "household", { "house.room=201" },
    "house.room", "must be a string", GD_ISSUE_ERROR },
  { "/validate/household/location-lat", "household", { "location.lat=120.16" },
    "location.lat", "is outside China", GD_ISSUE_ERROR },
  { "/validate/household/location-lon-missing", "household", { "-location.lon" },
    "location.lon", "is required", GD_ISSUE_ERROR },
  { "/validate/household/housing-code", "household", { "housing=\"castle\"" }, "housing",
    "'castle' is not in the housing code list", GD_ISSUE_ERROR },
  { "/validate/household/rented-without-rental", "household", { "-rental" }, "rental",
    "is required for a rented household", GD_ISSUE_ERROR },
  { "/validate/household/rental-until-before-since", "household",
    { "rental.until=\"2025-02-28\"" }, "rental.until", "is earlier than rental.since",
    GD_ISSUE_ERROR },
  { "/validate/household/rental-since-not-a-date", "household",
    { "rental.since=\"2025-02-30\"" }, "rental.since", "is not a real date", GD_ISSUE_ERROR },
  { "/validate/household/rental-landlord-missing", "household", { "-rental.landlord" },
    "rental.landlord", "is required", GD_ISSUE_ERROR },
  { "/validate/household/members-empty", "household", { "members=[]" }, "members",
    "a household needs at least one member", GD_ISSUE_ERROR },
  { "/validate/household/members-not-array", "household", { "members={}" }, "members",
    "must be an array", GD_ISSUE_ERROR },
  { "/validate/household/member-not-object", "household",
    { "members=[{\"id\":\"m1\",\"name\":\"王五\",\"id_type\":\"none\",\"relation\":\"02\"},"
      "\"王六\"]" }, "members[1]", "must be an object", GD_ISSUE_ERROR },
  { "/validate/household/member-id-duplicate", "household", { "members[1].id=\"m1\"" },
    "members[1].id", "'m1' is also the id of members[0]", GD_ISSUE_ERROR },
  { "/validate/household/member-id-missing", "household", { "-members[2].id" },
    "members[2].id", "is required", GD_ISSUE_ERROR },
  { "/validate/household/member-name-blank", "household", { "members[1].name=\"　\"" },
    "members[1].name", "is required", GD_ISSUE_ERROR },
  { "/validate/household/member-name-not-string", "household", { "members[1].name=5" },
    "members[1].name", "must be a string", GD_ISSUE_ERROR },
  { "/validate/household/member-name-too-long", "household",
    { "members[1].name=\"张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张"
      "张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张\"" },
    "members[1].name", "at most 64 characters (got 65)", GD_ISSUE_ERROR },
  { "/validate/valid/household/member-name-64-characters", "household",
    { "members[1].name=\"张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张"
      "张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张\"" }, NULL, NULL, 0 },
  { "/validate/household/member-id-type", "household", { "members[1].id_type=\"driver\"" },
    "members[1].id_type", "'driver' is not in the id-types code list", GD_ISSUE_ERROR },
  { "/validate/household/member-check-digit", "household",
    { "members[1].id_number=\"320902198307040010\"" }, "members[1].id_number",
    "check digit should be 9", GD_ISSUE_ERROR },
  { "/validate/household/member-id-too-short", "household",
    { "members[1].id_number=\"32090219830704001\"" }, "members[1].id_number",
    "must have 18 characters", GD_ISSUE_ERROR },
  { "/validate/household/member-id-number-missing", "household", { "-members[1].id_number" },
    "members[1].id_number", "is required", GD_ISSUE_ERROR },
  { "/validate/household/member-passport-number-missing", "household",
    { "members[1].id_type=\"passport\"", "-members[1].id_number" }, "members[1].id_number",
    "is required", GD_ISSUE_ERROR },
  { "/validate/household/member-sex-mismatch", "household", { "members[0].sex=\"1\"" },
    "members[0].sex", "the ID number says female", GD_ISSUE_WARNING },
  { "/validate/household/member-birth-date-mismatch", "household",
    { "members[0].birth_date=\"1985-03-13\"" }, "members[0].birth_date",
    "the ID number says 1985-03-12", GD_ISSUE_WARNING },
  { "/validate/household/member-sex-code", "household",
    { "members[2].id_type=\"none\"", "members[2].sex=\"3\"" }, "members[2].sex",
    "'3' is not in the sex code list", GD_ISSUE_ERROR },
  { "/validate/household/member-birth-date-future", "household",
    { "members[2].id_type=\"none\"", "members[2].birth_date=\"2090-01-01\"" },
    "members[2].birth_date", "2090-01-01 is in the future", GD_ISSUE_ERROR },
  { "/validate/household/member-birth-date-not-real", "household",
    { "members[2].id_type=\"none\"", "members[2].birth_date=\"2010-02-30\"" },
    "members[2].birth_date", "'2010-02-30' is not a real date", GD_ISSUE_ERROR },
  { "/validate/household/member-ethnicity", "household", { "members[0].ethnicity=\"99\"" },
    "members[0].ethnicity", "'99' is not in the ethnicity code list", GD_ISSUE_ERROR },
  { "/validate/household/member-relation", "household", { "members[1].relation=\"98\"" },
    "members[1].relation", "'98' is not in the relationship code list", GD_ISSUE_ERROR },
  { "/validate/household/member-relation-missing", "household", { "-members[1].relation" },
    "members[1].relation", "is required", GD_ISSUE_ERROR },
  { "/validate/household/member-education", "household", { "members[0].education=\"phd\"" },
    "members[0].education", "'phd' is not in the education code list", GD_ISSUE_ERROR },
  { "/validate/household/member-political-status", "household",
    { "members[0].political_status=\"99\"" }, "members[0].political_status",
    "'99' is not in the political-status code list", GD_ISSUE_ERROR },
  { "/validate/household/member-residence", "household",
    { "members[0].residence=\"abroad\"" }, "members[0].residence",
    "'abroad' is not in the residence code list", GD_ISSUE_ERROR },
  { "/validate/household/member-phone", "household", { "members[0].phone=\"139123456789\"" },
    "members[0].phone", "a mobile number has 11 digits, this has 12", GD_ISSUE_ERROR },
  { "/validate/household/member-tag-unknown", "household",
    { "members[3].tags=[\"disability\",\"rich\"]" }, "members[3].tags[1]",
    "'rich' is not in the care-tags code list", GD_ISSUE_ERROR },
  { "/validate/household/member-tag-twice", "household",
    { "members[3].tags=[\"disability\",\"dibao\",\"disability\"]" }, "members[3].tags[2]",
    "'disability' is listed twice", GD_ISSUE_ERROR },
  { "/validate/household/no-head", "household", { "members[0].relation=\"10\"" }, "members",
    "a household needs exactly one head (relation 02 户主), has 0", GD_ISSUE_ERROR },
  { "/validate/household/two-heads", "household", { "members[1].relation=\"02\"" },
    "members", "a household needs exactly one head (relation 02 户主), has 2",
    GD_ISSUE_ERROR },
  { "/validate/household/same-id-twice", "household",
    { "members[1].id_number=\"320902198503120024\"", "members[1].sex=\"2\"",
      "members[1].birth_date=\"1985-03-12\"" }, "members[1].id_number",
    "same ID number as members[0]", GD_ISSUE_ERROR },
  { "/validate/household/id-held-elsewhere", "household",
    { "members[1].id_number=\"" HELD_ELSEWHERE "\"", "members[1].birth_date=\"1990-01-01\"" },
    "members[1].id_number",
    "already registered in household household:0190a3c2-0000-7000-8000-000000000999",
    GD_ISSUE_ERROR },

  /* incident */
  { "/validate/incident/number-missing", "incident", { "-number" }, "number", "is required",
    GD_ISSUE_ERROR },
  { "/validate/incident/title-missing", "incident", { "title=\"\"" }, "title", "is required",
    GD_ISSUE_ERROR },
  { "/validate/incident/category", "incident", { "category=\"ZZ99\"" }, "category",
    "'ZZ99' is not in the incident-categories code list", GD_ISSUE_ERROR },
  { "/validate/incident/category-missing", "incident", { "-category" }, "category",
    "is required", GD_ISSUE_ERROR },
  { "/validate/incident/source", "incident", { "source=\"rumour\"" }, "source",
    "'rumour' is not in the incident-sources code list", GD_ISSUE_ERROR },
  { "/validate/incident/urgency", "incident", { "urgency=\"asap\"" }, "urgency",
    "'asap' is not in the urgency code list", GD_ISSUE_ERROR },
  { "/validate/incident/status", "incident", { "status=\"done\"" }, "status",
    "'done' is not an incident status", GD_ISSUE_ERROR },
  { "/validate/incident/handling-level", "incident", { "handling_level=\"province\"" },
    "handling_level", "'province' is not in the handling-levels code list", GD_ISSUE_ERROR },
  { "/validate/incident/location-lon", "incident", { "location.lon=33.38" }, "location.lon",
    "is outside China", GD_ISSUE_ERROR },
  { "/validate/incident/reporter-phone", "incident", { "reporter.phone=\"12345678901\"" },
    "reporter.phone", "a mobile number starts with 13 to 19", GD_ISSUE_ERROR },
  { "/validate/incident/reported-at-missing", "incident", { "-reported_at" }, "reported_at",
    "is required", GD_ISSUE_ERROR },
  { "/validate/incident/deadline-before-report", "incident",
    { "deadline=\"2026-03-09T00:00:00Z\"" }, "deadline", "is earlier than reported_at",
    GD_ISSUE_ERROR },
  { "/validate/incident/deadline-not-timestamp", "incident", { "deadline=\"next week\"" },
    "deadline", "is not an RFC 3339 timestamp", GD_ISSUE_ERROR },
  { "/validate/incident/assignee-not-object", "incident", { "assignee=\"赵强\"" }, "assignee",
    "must be an object", GD_ISSUE_ERROR },
  { "/validate/incident/timeline-duplicate-id", "incident", { "timeline[3].id=\"t1\"" },
    "timeline[3].id", "'t1' is also the id of timeline[0]", GD_ISSUE_ERROR },
  { "/validate/incident/timeline-out-of-order", "incident",
    { "timeline[2].at=\"2026-03-10T01:30:00Z\"" }, "timeline[2].at",
    "is earlier than timeline[1].at", GD_ISSUE_ERROR },
  { "/validate/incident/timeline-status", "incident", { "timeline[1].to=\"sent\"" },
    "timeline[1].to", "'sent' is not an incident status", GD_ISSUE_ERROR },
  { "/validate/incident/timeline-by-missing", "incident", { "-timeline[1].by" },
    "timeline[1].by", "is required", GD_ISSUE_ERROR },
  { "/validate/incident/feedback-satisfaction", "incident",
    { "feedback.satisfaction=\"happy\"" }, "feedback.satisfaction",
    "'happy' is not one of satisfied|basically|dissatisfied", GD_ISSUE_ERROR },
  { "/validate/incident/feedback-at-missing", "incident", { "-feedback.at" }, "feedback.at",
    "is required", GD_ISSUE_ERROR },
  { "/validate/incident/archived-without-feedback", "incident", { "-feedback" }, "feedback",
    "is required before an incident is archived", GD_ISSUE_ERROR },
  { "/validate/incident/returned-without-note", "incident", { "status=\"returned\"" },
    "timeline[5].note", "a returned incident needs the reason here", GD_ISSUE_ERROR },
  { "/validate/incident/returned-without-timeline", "incident",
    { "status=\"returned\"", "timeline=[]" }, "timeline",
    "a returned incident needs a timeline entry with the reason", GD_ISSUE_ERROR },
  { "/validate/incident/link-wrong-type", "incident",
    { "links.households=[\"dispute:0190a3c2\"]" }, "links.households[0]",
    "must be an id of the form household:<uuid>", GD_ISSUE_ERROR },
  { "/validate/incident/link-twice", "incident",
    { "links.disputes=[\"dispute:a\",\"dispute:a\"]" }, "links.disputes[1]",
    "'dispute:a' is listed twice", GD_ISSUE_ERROR },

  /* dispute */
  { "/validate/dispute/number-format", "dispute", { "number=\"2026-12\"" }, "number",
    "is not of the form (2026)X人调字第N号", GD_ISSUE_ERROR },
  { "/validate/dispute/category", "dispute", { "category=\"gossip\"" }, "category",
    "'gossip' is not in the dispute-categories code list", GD_ISSUE_ERROR },
  { "/validate/dispute/source", "dispute", { "source=\"rumour\"" }, "source",
    "'rumour' is not in the dispute-sources code list", GD_ISSUE_ERROR },
  { "/validate/dispute/room", "dispute", { "room=\"kitchen\"" }, "room",
    "'kitchen' is not in the mediation-rooms code list", GD_ISSUE_ERROR },
  { "/validate/dispute/status", "dispute", { "status=\"done\"" }, "status",
    "'done' is not in the dispute-statuses code list", GD_ISSUE_ERROR },
  { "/validate/dispute/received-at-missing", "dispute", { "-received_at" }, "received_at",
    "is required", GD_ISSUE_ERROR },
  { "/validate/dispute/accepted-before-received", "dispute",
    { "accepted_at=\"2026-03-31T00:00:00Z\"" }, "accepted_at", "is earlier than received_at",
    GD_ISSUE_ERROR },
  { "/validate/dispute/accepted-at-missing", "dispute",
    { "status=\"mediating\"", "-accepted_at" }, "accepted_at",
    "is required when the status is mediating", GD_ISSUE_ERROR },
  { "/validate/dispute/amount-negative", "dispute", { "amount_involved=-1" },
    "amount_involved", "must be at least 0", GD_ISSUE_ERROR },
  { "/validate/dispute/risk-flag", "dispute", { "risk.group_petition=\"no\"" },
    "risk.group_petition", "must be true or false", GD_ISSUE_ERROR },
  { "/validate/dispute/one-party-once-accepted", "dispute",
    { "parties=[{\"id\":\"p1\",\"role\":\"applicant\",\"kind\":\"person\",\"name\":\"李明\"}]" },
    "parties", "an accepted case needs at least 2 parties, has 1", GD_ISSUE_ERROR },
  { "/validate/dispute/no-party", "dispute",
    { "status=\"received\"", "-accepted_at", "sessions=[]", "-agreement",
      "-judicial_confirmation", "-closed_at", "parties=[]" },
    "parties", "a case needs at least 1 party, has 0", GD_ISSUE_ERROR },
  { "/validate/dispute/party-duplicate-id", "dispute", { "parties[1].id=\"p1\"" },
    "parties[1].id", "'p1' is also the id of parties[0]", GD_ISSUE_ERROR },
  { "/validate/dispute/party-role", "dispute", { "parties[0].role=\"witness\"" },
    "parties[0].role", "'witness' is not one of applicant|respondent|third_party",
    GD_ISSUE_ERROR },
  { "/validate/dispute/party-kind", "dispute", { "parties[2].kind=\"company\"" },
    "parties[2].kind", "'company' is not one of person|organisation", GD_ISSUE_ERROR },
  { "/validate/dispute/party-check-digit", "dispute",
    { "parties[1].id_number=\"320902198307040010\"" }, "parties[1].id_number",
    "check digit should be 9", GD_ISSUE_ERROR },
  { "/validate/dispute/party-sex-mismatch", "dispute", { "parties[0].sex=\"2\"" },
    "parties[0].sex", "the ID number says male", GD_ISSUE_WARNING },
  { "/validate/dispute/party-ethnicity", "dispute", { "parties[0].ethnicity=\"60\"" },
    "parties[0].ethnicity", "'60' is not in the ethnicity code list", GD_ISSUE_ERROR },
  { "/validate/dispute/mediator-role", "dispute", { "mediators[1].role=\"helper\"" },
    "mediators[1].role", "'helper' is not one of lead|assist", GD_ISSUE_ERROR },
  { "/validate/dispute/session-before-acceptance", "dispute",
    { "sessions[0].at=\"2026-04-01T05:00:00Z\"" }, "sessions[0].at",
    "is earlier than accepted_at", GD_ISSUE_ERROR },
  { "/validate/dispute/session-at-missing", "dispute", { "-sessions[1].at" },
    "sessions[1].at", "is required", GD_ISSUE_ERROR },
  { "/validate/dispute/agreement-without-session", "dispute", { "sessions=[]" },
    "agreement", "no agreement without a mediation session", GD_ISSUE_ERROR },
  { "/validate/dispute/agreement-signed-before-session", "dispute",
    { "agreement.signed_at=\"2026-04-05T00:00:00Z\"" },
    "agreement.signed_at", "is earlier than sessions[1].at", GD_ISSUE_ERROR },
  { "/validate/dispute/agreement-form", "dispute", { "agreement.form=\"verbal\"" },
    "agreement.form", "'verbal' is not one of written|oral", GD_ISSUE_ERROR },
  { "/validate/dispute/written-without-terms", "dispute", { "-agreement.terms" },
    "agreement.terms", "a written agreement needs its terms", GD_ISSUE_ERROR },
  { "/validate/dispute/oral-without-terms", "dispute",
    { "agreement.form=\"oral\"", "-agreement.terms" }, "agreement.terms",
    "an oral agreement is recorded in the registration: its terms are needed", GD_ISSUE_ERROR },
  { "/validate/dispute/session-without-acceptance", "dispute",
    { "status=\"received\"", "-accepted_at", "-agreement", "-judicial_confirmation",
      "-follow_ups", "-closed_at" }, "sessions[0].at",
    "a session needs the case accepted first (accepted_at)", GD_ISSUE_ERROR },
  { "/validate/dispute/history-status", "dispute",
    { "history=[{\"id\":\"h1\",\"at\":\"2026-04-01T06:00:00Z\",\"by\":\"周丽\","
      "\"from\":\"received\",\"to\":\"taken\"}]" }, "history[0].to",
    "'taken' is not in the dispute-statuses code list", GD_ISSUE_ERROR },
  { "/validate/dispute/agreed-without-agreement", "dispute",
    { "status=\"agreed\"", "-agreement", "-judicial_confirmation" }, "agreement",
    "is required when the status is agreed", GD_ISSUE_ERROR },
  { "/validate/dispute/failed-without-reason", "dispute", { "status=\"failed\"" },
    "failure.reason", "is required when the status is failed", GD_ISSUE_ERROR },
  { "/validate/dispute/referred-without-to", "dispute",
    { "status=\"referred\"", "referral={\"reason\":\"涉及刑事\"}" }, "referral.to",
    "is required when the status is referred", GD_ISSUE_ERROR },
  { "/validate/dispute/closed-without-closed-at", "dispute", { "-closed_at" }, "closed_at",
    "is required", GD_ISSUE_ERROR },
  { "/validate/dispute/confirmation-after-30-days", "dispute",
    { "judicial_confirmation.filed_at=\"2026-05-23T02:00:00Z\"" },
    "judicial_confirmation.filed_at",
    "is 45 days after agreement.effective_at, outside the 30-day window", GD_ISSUE_ERROR },
  { "/validate/dispute/confirmation-day-31-in-china", "dispute",
    { "judicial_confirmation.filed_at=\"2026-05-08T16:30:00Z\"" },
    "judicial_confirmation.filed_at", "is 31 days after", GD_ISSUE_ERROR },
  { "/validate/dispute/confirmation-before-effect", "dispute",
    { "judicial_confirmation.filed_at=\"2026-04-07T00:00:00Z\"" },
    "judicial_confirmation.filed_at", "is earlier than agreement.effective_at",
    GD_ISSUE_ERROR },
  { "/validate/dispute/confirmation-without-effect", "dispute",
    { "-agreement.effective_at" }, "judicial_confirmation.filed_at",
    "needs an agreement with effective_at", GD_ISSUE_ERROR },
  { "/validate/dispute/follow-up-fulfilled", "dispute",
    { "follow_ups[0].fulfilled=\"mostly\"" }, "follow_ups[0].fulfilled",
    "'mostly' is not one of full|partial|none", GD_ISSUE_ERROR },

  /* patrol */
  { "/validate/patrol/kind", "patrol", { "kind=\"hourly\"" }, "kind",
    "'hourly' is not one of daily|weekly|monthly", GD_ISSUE_ERROR },
  { "/validate/patrol/patroller-missing", "patrol", { "-patroller" }, "patroller",
    "is required", GD_ISSUE_ERROR },
  { "/validate/patrol/ended-before-started", "patrol",
    { "ended_at=\"2026-03-09T23:00:00Z\"" }, "ended_at", "is earlier than started_at",
    GD_ISSUE_ERROR },
  { "/validate/patrol/route-one-position", "patrol",
    { "route.coordinates=[[120.16,33.38]]" }, "route.coordinates",
    "a line needs at least 2 positions, has 1", GD_ISSUE_ERROR },
  { "/validate/patrol/route-polygon", "patrol", { "route.type=\"Polygon\"" }, "route.type",
    "'Polygon' is not one of LineString", GD_ISSUE_ERROR },
  { "/validate/patrol/visited-not-household", "patrol",
    { "visited_households=[\"incident:1\"]" }, "visited_households[0]",
    "must be an id of the form household:<uuid>", GD_ISSUE_ERROR },
  { "/validate/patrol/finding-not-incident", "patrol", { "findings=[42]" }, "findings[0]",
    "must be an id of the form incident:<uuid>", GD_ISSUE_ERROR },

  /* component */
  { "/validate/component/code-length", "component", { "code=\"320902010100012\"" }, "code",
    "must have 16 digits", GD_ISSUE_ERROR },
  { "/validate/component/code-other-county", "component", { "code=\"3209030101000123\"" },
    "code", "must start with 320902, the county of village 320902101001", GD_ISSUE_ERROR },
  { "/validate/component/code-class-digits", "component", { "class=\"02\"" }, "code",
    "digits 7-8 must be the class 02", GD_ISSUE_ERROR },
  { "/validate/component/class-subclass", "component", { "class=\"0101\"" }, "class",
    "'0101' is not a top-level class of the component-classes code list", GD_ISSUE_ERROR },
  { "/validate/component/class-unknown", "component", { "class=\"99\"" }, "class",
    "'99' is not a top-level class", GD_ISSUE_ERROR },
  { "/validate/component/state", "component", { "state=\"broken\"" }, "state",
    "'broken' is not one of intact|damaged|lost|removed", GD_ISSUE_ERROR },
  { "/validate/component/name-missing", "component", { "-name" }, "name", "is required",
    GD_ISSUE_ERROR },

  /* mediator */
  { "/validate/mediator/kind", "mediator", { "kind=\"lawyer\"" }, "kind",
    "'lawyer' is not one of party_member|village_sage|part_time|professional",
    GD_ISSUE_ERROR },
  { "/validate/mediator/room", "mediator", { "room=\"hall\"" }, "room",
    "'hall' is not in the mediation-rooms code list", GD_ISSUE_ERROR },
  { "/validate/mediator/active", "mediator", { "active=\"yes\"" }, "active",
    "must be true or false", GD_ISSUE_ERROR },
  { "/validate/mediator/phone", "mediator", { "phone=\"0515-123\"" }, "phone", "a local number has 7 or 8 digits, this has 3",
    GD_ISSUE_ERROR },
  { "/validate/mediator/name-missing", "mediator", { "-name" }, "name", "is required",
    GD_ISSUE_ERROR },
};

/* Context-free use: no scope, no lookups, today from the clock. */
static void
test_null_context (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
  g_autoptr(GdIssues) issues = gd_issues_new ();

  json_object_set_string_member (doc, "grid", "320902101001099");
  gd_validate_document (doc, NULL, issues);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
}

/* A town database takes the documents of all its villages. */
static void
test_town_scope (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
  g_autoptr(GdIssues) issues = gd_issues_new ();
  GdValidateContext ctx = { .scope = "320902101" };

  json_object_set_string_member (doc, "village", "320902101002");
  json_object_set_string_member (doc, "grid", "320902101002001");
  gd_validate_document (doc, &ctx, issues);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);

  json_object_set_string_member (doc, "village", "320902102001");
  json_object_set_string_member (doc, "grid", "320902102001001");
  gd_validate_document (doc, &ctx, issues);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 1);
  g_assert_cmpstr (gd_issues_get_item (issues, 0)->message, ==,
                   "village 320902102001 is outside this database's town 320902101");
}

/* The holder lookup is asked with the normalised number and the document's own _id. */
static char *
recording_find_id_holder (const char *id_number,
                          const char *except_id,
                          gpointer    user_data)
{
  GPtrArray *asked = user_data;

  g_ptr_array_add (asked, g_strdup_printf ("%s %s", id_number, except_id));
  return NULL;
}

static void
test_id_holder_arguments (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_free);
  GdValidateContext ctx = {
    .scope = SCOPE,
    .find_id_holder = recording_find_id_holder,
    .user_data = asked,
  };
  JsonObject *member = json_array_get_object_element (json_object_get_array_member (doc,
                                                                                   "members"), 1);

  json_object_set_string_member (member, "id_number", "11010519491231002x");
  json_object_set_string_member (member, "birth_date", "1949-12-31");
  json_object_set_string_member (member, "sex", "2");
  gd_validate_document (doc, &ctx, issues);
  g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
  g_assert_cmpuint (asked->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (asked, 1), ==,
                   "11010519491231002X household:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d02");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].name, &cases[i], test_case);
  g_test_add_func ("/validate/context/none", test_null_context);
  g_test_add_func ("/validate/context/town-scope", test_town_scope);
  g_test_add_func ("/validate/context/id-holder-arguments", test_id_holder_arguments);
  return g_test_run ();
}
