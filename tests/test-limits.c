/* test-limits.c: the limits table (gd-limits.h), one test per limit: the valid fixtures pass,
 * a document one over the limit is refused with the field's path and the limit, one at the
 * limit is taken, and nothing else about an oversized document is looked at.
 */
#include "config.h"

#include <string.h>

#include "gd-household-fields.h"
#include "gd-issues.h"
#include "gd-json.h"
#include "gd-limits.h"
#include "gd-store-private.h"
#include "gd-validate.h"

static JsonObject *
load_fixture (const char *type)
{
  g_autofree char *name = g_strdup_printf ("valid-%s.json", type);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  doc = gd_json_parse_object (text, -1, &error);
  g_assert_no_error (error);
  return doc;
}

/* `count` copies of `unit` (a UTF-8 character or more) */
static char *
repeat (const char *unit,
        guint       count)
{
  GString *out = g_string_sized_new (strlen (unit) * count);

  for (guint i = 0; i < count; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static GdIssues *
check_limits (JsonObject *doc,
              gsize       text_length)
{
  GdIssues *issues = gd_issues_new ();
  g_autofree char *errors = NULL;

  gd_limits_check_document (doc, text_length, issues);
  errors = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  if (*errors != '\0')
    g_test_message ("%s", errors);
  return issues;
}

/* exactly one error, at `path`, with `message` */
static void
assert_refused (GdIssues   *issues,
                const char *path,
                const char *message)
{
  const GdIssue *issue = gd_issues_find (issues, path);

  g_assert_cmpuint (gd_issues_count (issues, GD_ISSUE_ERROR), ==, 1);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->message, ==, message);
}

static JsonObject *
first_member (JsonObject *household)
{
  return json_array_get_object_element (gd_json_get_array (household, "members"), 0);
}

static void
test_fixtures_pass (void)
{
  static const char *const types[] = {
    "grid", "household", "incident", "dispute", "patrol", "component", "mediator",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(JsonObject) doc = load_fixture (types[i]);
      g_autoptr(GdIssues) issues = check_limits (doc, 0);

      g_assert_true (gd_limits_check_document (doc, 0, issues));
      g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
    }
}

static void
test_name_length (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("household");
  g_autofree char *at_limit = repeat ("欧", GD_LIMIT_NAME_CHARS);
  g_autofree char *long_name = repeat ("a", 21000);
  g_autoptr(GdIssues) ok = NULL;
  g_autoptr(GdIssues) refused = NULL;

  /* 64 characters of three bytes each: counted in characters */
  json_object_set_string_member (first_member (doc), "name", at_limit);
  ok = check_limits (doc, 0);
  g_assert_cmpuint (gd_issues_get_n_items (ok), ==, 0);

  json_object_set_string_member (first_member (doc), "name", long_name);
  refused = check_limits (doc, 0);
  assert_refused (refused, "members[0].name", "at most 64 characters (got 21,000)");
}

static void
test_text_kinds (void)
{
  struct {
    const char *fixture;
    const char *member;
    guint       max;
  } cases[] = {
    { "household", "address", GD_LIMIT_ADDRESS_CHARS },
    { "household", "number", GD_LIMIT_SHORT_CHARS },
    { "incident", "title", GD_LIMIT_SHORT_CHARS },
    { "incident", "description", GD_LIMIT_TEXT_CHARS },
    { "dispute", "facts", GD_LIMIT_TEXT_CHARS },
    { "dispute", "claims", GD_LIMIT_TEXT_CHARS },
    { "mediator", "name", GD_LIMIT_NAME_CHARS },
    { "patrol", "notes", GD_LIMIT_TEXT_CHARS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) doc = load_fixture (cases[i].fixture);
      g_autofree char *at_limit = repeat ("调", cases[i].max);
      g_autofree char *over = repeat ("调", cases[i].max + 1);
      g_autofree char *message = NULL;
      g_autofree char *limit = gd_limits_format_count (cases[i].max);
      g_autofree char *count = gd_limits_format_count (cases[i].max + 1);
      g_autoptr(GdIssues) ok = NULL;
      g_autoptr(GdIssues) refused = NULL;

      json_object_set_string_member (doc, cases[i].member, at_limit);
      ok = check_limits (doc, 0);
      g_assert_cmpuint (gd_issues_get_n_items (ok), ==, 0);
      json_object_set_string_member (doc, cases[i].member, over);
      refused = check_limits (doc, 0);
      message = g_strdup_printf ("at most %s characters (got %s)", limit, count);
      assert_refused (refused, cases[i].member, message);
    }
}

static void
test_nested_names (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("household");
  g_autofree char *long_phone = repeat ("1", 201);
  g_autofree char *long_landlord = repeat ("王", 65);
  g_autofree char *long_key = repeat ("k", 201);
  g_autoptr(GdIssues) issues = NULL;
  JsonObject *rental = json_object_new ();

  json_object_set_string_member (rental, "landlord", long_landlord);
  json_object_set_string_member (rental, "phone", long_phone);
  json_object_set_object_member (doc, "rental", rental);
  json_object_set_string_member (doc, long_key, "x");
  issues = check_limits (doc, 0);
  g_assert_cmpuint (gd_issues_count (issues, GD_ISSUE_ERROR), ==, 3);
  g_assert_cmpstr (gd_issues_find (issues, "rental.landlord")->message, ==,
                   "at most 64 characters (got 65)");
  g_assert_cmpstr (gd_issues_find (issues, "rental.phone")->message, ==,
                   "at most 200 characters (got 201)");
  g_assert_cmpstr (gd_issues_find (issues, long_key)->message, ==,
                   "member name of at most 200 characters (got 201)");
}

static void
add_copies (JsonArray  *array,
            JsonObject *element,
            guint       count)
{
  for (guint i = 0; i < count; i++)
    {
      JsonObject *copy = gd_json_copy_object (element);
      g_autofree char *id = g_strdup_printf ("x%u", i);

      json_object_set_string_member (copy, "id", id);
      json_array_add_object_element (array, copy);
    }
}

static void
test_arrays (void)
{
  struct {
    const char *fixture;
    const char *member;
    guint       max;
  } cases[] = {
    { "household", "members", GD_LIMIT_MEMBERS },
    { "incident", "timeline", GD_LIMIT_TIMELINE },
    { "dispute", "sessions", GD_LIMIT_SESSIONS },
    { "dispute", "follow_ups", GD_LIMIT_FOLLOW_UPS },
    { "grid", "staff", GD_LIMIT_ARRAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) doc = load_fixture (cases[i].fixture);
      JsonArray *array = gd_json_get_array (doc, cases[i].member);
      g_autoptr(JsonObject) element = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GdIssues) ok = NULL;
      g_autoptr(GdIssues) refused = NULL;

      g_assert_nonnull (array);
      if (json_array_get_length (array) == 0)
        element = json_object_new ();
      else
        element = gd_json_copy_object (json_array_get_object_element (array, 0));
      while (json_array_get_length (array) > 0)
        json_array_remove_element (array, 0);
      add_copies (array, element, cases[i].max);
      ok = check_limits (doc, 0);
      g_assert_cmpuint (gd_issues_get_n_items (ok), ==, 0);
      add_copies (array, element, 1);
      refused = check_limits (doc, 0);
      message = g_strdup_printf ("at most %u items (got %u)", cases[i].max, cases[i].max + 1);
      if (cases[i].max >= 1000)
        {
          g_autofree char *limit = gd_limits_format_count (cases[i].max);
          g_autofree char *count = gd_limits_format_count (cases[i].max + 1);
          g_free (message);
          message = g_strdup_printf ("at most %s items (got %s)", limit, count);
        }
      assert_refused (refused, cases[i].member, message);
    }
}

/* {"a":{"a":…{"a":1}}} with `levels` objects, the document itself the first */
static void
nest (JsonObject *doc,
      guint       levels)
{
  JsonObject *object = doc;

  for (guint i = 1; i < levels; i++)
    {
      JsonObject *inner = json_object_new ();
      json_object_set_object_member (object, "a", inner);
      object = inner;
    }
  json_object_set_int_member (object, "a", 1);
}

static void
test_depth (void)
{
  g_autoptr(JsonObject) at_limit = json_object_new ();
  g_autoptr(JsonObject) over = json_object_new ();
  g_autoptr(GdIssues) ok = NULL;
  g_autoptr(GdIssues) refused = NULL;
  g_autoptr(GString) path = g_string_new ("a");

  nest (at_limit, GD_LIMIT_DEPTH);
  ok = check_limits (at_limit, 0);
  g_assert_cmpuint (gd_issues_get_n_items (ok), ==, 0);
  nest (over, GD_LIMIT_DEPTH + 1);
  refused = check_limits (over, 0);
  for (guint i = 1; i < GD_LIMIT_DEPTH; i++)
    g_string_append (path, ".a");
  assert_refused (refused, path->str, "nested deeper than 32 levels");
}

static JsonArray *
ring (guint vertices)
{
  JsonArray *positions = json_array_new ();

  for (guint i = 0; i < vertices; i++)
    {
      JsonArray *position = json_array_new ();
      json_array_add_double_element (position, 120.16 + i * 1e-6);
      json_array_add_double_element (position, 33.38);
      json_array_add_array_element (positions, position);
    }
  return positions;
}

static void
test_polygon_vertices (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("grid");
  JsonObject *boundary = gd_json_get_object (doc, "boundary");
  JsonArray *polygons = json_array_new ();
  g_autoptr(GdIssues) ring_over = NULL;
  g_autoptr(GdIssues) total_over = NULL;
  JsonArray *rings;

  rings = json_array_new ();
  json_array_add_array_element (rings, ring (GD_LIMIT_RING_VERTICES + 1));
  json_object_set_array_member (boundary, "coordinates", rings);
  ring_over = check_limits (doc, 0);
  assert_refused (ring_over, "boundary.coordinates[0]", "at most 10,000 vertices per ring (got 10,001)");

  /* six polygons of 9,000: every ring within its limit, the whole over 50,000 */
  for (guint i = 0; i < 6; i++)
    {
      JsonArray *polygon = json_array_new ();
      json_array_add_array_element (polygon, ring (9000));
      json_array_add_array_element (polygons, polygon);
    }
  json_object_set_string_member (boundary, "type", "MultiPolygon");
  json_object_set_array_member (boundary, "coordinates", polygons);
  total_over = check_limits (doc, 0);
  assert_refused (total_over, "boundary.coordinates", "at most 50,000 vertices in all (got 54,000)");
}

static JsonObject *
stub (gint64 length)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "content_type", "image/jpeg");
  json_object_set_string_member (object, "digest", "md5-AAAAAAAAAAAAAAAAAAAAAA==");
  json_object_set_int_member (object, "length", length);
  json_object_set_boolean_member (object, "stub", TRUE);
  return object;
}

static void
test_attachments (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("incident");
  JsonObject *attachments = json_object_new ();
  g_autoptr(GdIssues) too_big = NULL;
  g_autoptr(GdIssues) too_many = NULL;
  g_autoptr(GdIssues) ok = NULL;

  json_object_set_object_member (doc, "_attachments", attachments);
  json_object_set_object_member (attachments, "a.jpg", stub (GD_LIMIT_ATTACHMENT_BYTES));
  ok = check_limits (doc, 0);
  g_assert_cmpuint (gd_issues_get_n_items (ok), ==, 0);

  json_object_set_object_member (attachments, "a.jpg", stub (GD_LIMIT_ATTACHMENT_BYTES + 1));
  too_big = check_limits (doc, 0);
  assert_refused (too_big, "_attachments.a.jpg.length",
                  "at most 20,971,520 bytes (got 20,971,521)");

  json_object_set_object_member (attachments, "a.jpg", stub (1000));
  for (guint i = 1; i <= GD_LIMIT_ATTACHMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.jpg", i);
      json_object_set_object_member (attachments, name, stub (1000));
    }
  too_many = check_limits (doc, 0);
  assert_refused (too_many, "_attachments", "at most 50 attachments (got 51)");
}

static void
test_document_size (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("household");
  g_autoptr(GdIssues) from_text = NULL;
  g_autoptr(GdIssues) counted = NULL;
  g_autofree char *text = repeat ("a", GD_LIMIT_SHORT_CHARS);

  /* the length of the text it was read from */
  from_text = check_limits (doc, GD_LIMIT_DOCUMENT_BYTES + 1);
  assert_refused (from_text, GD_LIMITS_ROOT_PATH,
                  "the document is too large: at most 1,048,576 bytes (got 1,048,577)");

  /* built in memory: every field within its limit, the whole over 1 MiB */
  for (guint i = 0; i < 6; i++)
    {
      JsonArray *array = json_array_new ();
      g_autofree char *member = g_strdup_printf ("extra%u", i);

      for (guint j = 0; j < GD_LIMIT_ARRAY; j++)
        json_array_add_string_element (array, text);
      json_object_set_array_member (doc, member, array);
    }
  counted = check_limits (doc, 0);
  g_assert_cmpuint (gd_issues_count (counted, GD_ISSUE_ERROR), ==, 1);
  g_assert_nonnull (strstr (gd_issues_find (counted, GD_LIMITS_ROOT_PATH)->message,
                            "the document is too large: at most 1,048,576 bytes"));
}

/* gd_validate_document() refuses over the limits and looks at nothing else */
static void
test_validate_stops (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("household");
  g_autofree char *long_name = repeat ("a", 100);
  g_autoptr(GdIssues) issues = gd_issues_new ();

  json_object_set_string_member (first_member (doc), "name", long_name);
  /* a second problem the type rules would report */
  json_object_set_string_member (first_member (doc), "sex", "x");
  gd_validate_document (doc, NULL, issues);
  assert_refused (issues, "members[0].name", "at most 64 characters (got 100)");
}

static void
test_search_keys_cap (void)
{
  g_autoptr(JsonObject) doc = load_fixture ("household");
  JsonArray *members = gd_json_get_array (doc, "members");
  g_autofree char *name = repeat ("欧阳", GD_LIMIT_NAME_CHARS / 2);
  g_autoptr(GdHouseholdFields) fields = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) member = gd_json_copy_object (first_member (doc));
  guint n_keys = 0;

  json_object_set_string_member (member, "name", name);
  add_copies (members, member, GD_LIMIT_MEMBERS - json_array_get_length (members));
  fields = gd_household_fields_from_object (doc);
  rows = gd_search_key_rows (fields);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = rows->pdata[i];
      if (*row == '\0')
        continue;
      n_keys++;
      for (const char *p = row; *p; p++)
        n_keys += *p == GD_KEY_SEPARATOR;
    }
  g_assert_cmpuint (n_keys, ==, GD_LIMIT_SEARCH_KEYS);
  /* the household's own keys are never the ones dropped */
  g_assert_nonnull (strchr (rows->pdata[0], 'h'));
}

static void
test_format_count (void)
{
  static const struct { guint64 n; const char *text; } cases[] = {
    { 0, "0" }, { 64, "64" }, { 999, "999" }, { 1000, "1,000" }, { 21000, "21,000" },
    { 1048576, "1,048,576" }, { 100000000, "100,000,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gd_limits_format_count (cases[i].n);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/fixtures-pass", test_fixtures_pass);
  g_test_add_func ("/limits/name-length", test_name_length);
  g_test_add_func ("/limits/text-kinds", test_text_kinds);
  g_test_add_func ("/limits/nested-names", test_nested_names);
  g_test_add_func ("/limits/arrays", test_arrays);
  g_test_add_func ("/limits/depth", test_depth);
  g_test_add_func ("/limits/polygon-vertices", test_polygon_vertices);
  g_test_add_func ("/limits/attachments", test_attachments);
  g_test_add_func ("/limits/document-size", test_document_size);
  g_test_add_func ("/limits/validate-stops", test_validate_stops);
  g_test_add_func ("/limits/search-keys-cap", test_search_keys_cap);
  g_test_add_func ("/limits/format-count", test_format_count);
  return g_test_run ();
}
