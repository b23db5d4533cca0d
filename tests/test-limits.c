/* test-limits.c: the limits table (gd-limits.h), one test per limit: the valid fixtures pass,
 * a document one over the limit is refused with the field's path and the limit, one at the
 * limit is taken, and nothing else about an oversized document is looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gd-household-fields.h"
#include "gd-issues.h"
#include "gd-error.h"
#include "gd-store.h"
#include "gd-json.h"
#include "gd-json-check.h"
#include "gd-limits.h"
#include "gd-store-private.h"
#include "gd-validate.h"

#include "gd-test-fixtures.h"

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
      g_autoptr(JsonObject) doc = fixture_load_valid (types[i]);
      g_autoptr(GdIssues) issues = check_limits (doc, 0);

      g_assert_true (gd_limits_check_document (doc, 0, issues));
      g_assert_cmpuint (gd_issues_get_n_items (issues), ==, 0);
    }
}

static void
test_name_length (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
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
      g_autoptr(JsonObject) doc = fixture_load_valid (cases[i].fixture);
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
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
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
      g_autoptr(JsonObject) doc = fixture_load_valid (cases[i].fixture);
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
  g_autoptr(JsonObject) doc = fixture_load_valid ("grid");
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

  /* whatever else is in a geometry meets the usual limits: a long string, deep arrays */
  {
    g_autofree char *text = repeat ("x", 300);
    g_autoptr(GdIssues) long_string = NULL;
    g_autoptr(GdIssues) deep = NULL;
    JsonArray *positions = ring (4);
    JsonArray *outer = json_array_new ();
    JsonArray *inner = outer;

    json_array_add_string_element (positions, text);
    rings = json_array_new ();
    json_array_add_array_element (rings, positions);
    json_object_set_string_member (boundary, "type", "Polygon");
    json_object_set_array_member (boundary, "coordinates", rings);
    long_string = check_limits (doc, 0);
    assert_refused (long_string, "boundary.coordinates[0][4]", "at most 200 characters (got 300)");

    for (guint i = 0; i < GD_LIMIT_DEPTH; i++)
      {
        JsonArray *next = json_array_new ();
        json_array_add_array_element (inner, next);
        inner = next;
      }
    json_object_set_array_member (boundary, "coordinates", outer);
    deep = check_limits (doc, 0);
    g_assert_cmpuint (gd_issues_count (deep, GD_ISSUE_ERROR), ==, 1);
    g_assert_cmpstr (gd_issues_get_item (deep, 0)->message, ==, "nested deeper than 32 levels");
  }
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
  g_autoptr(JsonObject) doc = fixture_load_valid ("incident");
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

  /* inline bytes (base64): counted against the attachment's limit, not the document's */
  {
    g_autoptr(JsonObject) inline_doc = fixture_load_valid ("incident");
    JsonObject *inline_attachments = json_object_new ();
    JsonObject *photo = json_object_new ();
    g_autoptr(GdIssues) small = NULL;
    g_autoptr(GdIssues) large = NULL;
    g_autofree char *two_mb = repeat ("QUJD", 2 * 1024 * 1024 / 4 * 4 / 3 + 1);
    g_autofree char *too_much = repeat ("QUJD", GD_LIMIT_ATTACHMENT_BYTES / 3 + 1);

    json_object_set_string_member (photo, "content_type", "image/jpeg");
    json_object_set_string_member (photo, "data", two_mb);
    json_object_set_object_member (inline_attachments, "b.jpg", photo);
    json_object_set_object_member (inline_doc, "_attachments", inline_attachments);
    small = check_limits (inline_doc, 0);
    g_assert_cmpuint (gd_issues_get_n_items (small), ==, 0);
    json_object_set_string_member (photo, "data", too_much);
    large = check_limits (inline_doc, 0);
    assert_refused (large, "_attachments.b.jpg.length",
                    "at most 20,971,520 bytes (got 20,971,521)");
  }
}

static void
test_document_size (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
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
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
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
  g_autoptr(JsonObject) doc = fixture_load_valid ("household");
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

static void
test_json_strict_accepts (void)
{
  static const char *const texts[] = {
    "{}", " [ ] ", "{\"a\": [1, -0, 0.5, -1.5e-3, 2E+10, true, false, null, \"\"]}\n",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"", "9223372036854775807", "-9223372036854775808",
    "{\"名\": \"欧阳玲巧\"}",
  };
  g_autoptr(GString) nested = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_test_message ("%s", texts[i]);
      g_assert_true (gd_json_check_text (texts[i], -1, GD_LIMIT_DEPTH, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < GD_LIMIT_DEPTH; i++)
    g_string_append (nested, "[");
  for (guint i = 0; i < GD_LIMIT_DEPTH; i++)
    g_string_append (nested, "]");
  g_assert_true (gd_json_check_text (nested->str, -1, GD_LIMIT_DEPTH, NULL));
  g_string_prepend (nested, "[");
  g_string_append (nested, "]");
  g_assert_false (gd_json_check_text (nested->str, -1, GD_LIMIT_DEPTH, NULL));
}

static void
test_json_strict_refuses (void)
{
  static const struct {
    const char *text;
    gssize      length;
    const char *message;
  } cases[] = {
    { "{", -1, "the JSON text ends early at line 1, column 2" },
    { "{\"a\": \"b", -1, "the JSON text ends early at line 1, column 9" },
    { "[tr", -1, "the JSON text ends early at line 1, column 4" },
    { "[1.", -1, "the JSON text ends early at line 1, column 4" },
    { "  ", -1, "the JSON text is empty" },
    { "{} []", -1, "more text after the end of the JSON value (one value only) at line 1, column 4" },
    { "[1] x", -1, "more text after the end of the JSON value (one value only) at line 1, column 5" },
    { "[1 /* c */]", -1, "comments are not allowed in JSON at line 1, column 4" },
    { "{\"a\": 'b'}", -1, "double quotes, not single quotes at line 1, column 7" },
    { "[\"\\u0000\"]", -1, "\\u0000 is not allowed in a string at line 1, column 3" },
    { "[\"\\udc00\"]", -1, "invalid escape in a string at line 1, column 3" },
    { "[\"\\ud800x\"]", -1, "invalid escape in a string at line 1, column 3" },
    { "[\"\\x\"]", -1, "invalid escape in a string at line 1, column 3" },
    { "[\"a\tb\"]", -1, "a control character in a string must be escaped at line 1, column 4" },
    { "[\"\xff\"]", -1, "the JSON text is not valid UTF-8 at line 1, column 3" },
    { "[1]\0[2]", 7, "the JSON text holds a NUL byte at line 1, column 4" },
    { "[01]", -1, "expected ',' or ']' at line 1, column 3" },
    { "[-]", -1, "unexpected character ']' at line 1, column 3" },
    { "[9223372036854775808]", -1, "the integer 9223372036854775808 is out of range" },
    { "[-9223372036854775809]", -1, "the integer -9223372036854775809 is out of range" },
    { "[-12345678901234567890123456789012345]", -1,
      "the integer -12345678901234567890123456789… is out of range" },
    { "[1e309]", -1, "the number 1e309 is out of range at line 1, column 2" },
    { "{\"a\" 1}", -1, "expected ':' after a member name at line 1, column 6" },
    { "{1: 2}", -1, "expected a member name in double quotes at line 1, column 2" },
    { "{\"a\": 1 \"b\": 2}", -1, "expected ',' or '}' at line 1, column 9" },
    { "[1 2]", -1, "expected ',' or ']' at line 1, column 4" },
    { "[\n\x07]", -1, "unexpected character U+0007 at line 2, column 1" },
    { "[NaN]", -1, "unexpected character 'N' at line 1, column 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_assert_false (gd_json_check_text (cases[i].text, cases[i].length, GD_LIMIT_DEPTH, &error));
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
      g_test_message ("%s -> %s", shown, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* gd_json_parse_object() reads nothing json-glib would have taken loosely */
static void
test_json_parse_strict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"a\": ");
  JsonObject *doc;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  doc = gd_json_parse_object (deep->str, -1, &error);
  g_assert_null (doc);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "malformed JSON: nested deeper than 32 levels at line 1, column 38");
  g_clear_error (&error);

  doc = gd_json_parse_object ("{\"a\": 1} {\"b\": 2}", -1, &error);
  g_assert_null (doc);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

/* A ring of thousands of positions outside China is a few lines, not one per position. */
static void
test_geometry_issue_cap (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("grid");
  JsonObject *boundary = gd_json_get_object (doc, "boundary");
  JsonArray *rings = json_array_new ();
  JsonArray *positions = json_array_new ();
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autofree char *text = NULL;
  const GdIssue *more;

  for (guint i = 0; i < 9000; i++)
    {
      JsonArray *position = json_array_new ();
      json_array_add_double_element (position, 2.35 + i * 1e-4);
      json_array_add_double_element (position, 48.85);
      json_array_add_array_element (positions, position);
    }
  json_array_add_array_element (rings, positions);
  json_object_set_array_member (boundary, "coordinates", rings);
  gd_validate_document (doc, NULL, issues);
  text = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  g_test_message ("%s", text);
  g_assert_cmpuint (gd_issues_count (issues, GD_ISSUE_ERROR), ==, GD_LIMIT_ISSUES_PER_FIELD + 1);
  more = gd_issues_find (issues, "boundary.coordinates");
  g_assert_nonnull (more);
  g_assert_cmpstr (more->message, ==, "and 8,980 more problems in this geometry");
  g_assert_cmpuint (strlen (text), <, 3000);
}

/* The largest ring allowed, a circle, is validated quickly. */
static void
test_geometry_large_ring (void)
{
  g_autoptr(JsonObject) doc = fixture_load_valid ("grid");
  JsonObject *boundary = gd_json_get_object (doc, "boundary");
  JsonArray *rings = json_array_new ();
  JsonArray *positions = json_array_new ();
  g_autoptr(GdIssues) issues = gd_issues_new ();
  guint n = GD_LIMIT_RING_VERTICES;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      JsonArray *position = json_array_new ();
      double angle = 2 * G_PI * (i % (n - 1)) / (n - 1);
      json_array_add_double_element (position, 120.16 + 0.01 * cos (angle));
      json_array_add_double_element (position, 33.38 + 0.01 * sin (angle));
      json_array_add_array_element (positions, position);
    }
  json_array_add_array_element (rings, positions);
  json_object_set_array_member (boundary, "coordinates", rings);
  start = g_get_monotonic_time ();
  gd_validate_document (doc, NULL, issues);
  g_test_message ("a ring of %u positions validated in %.1f ms", n,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_null (gd_issues_find (issues, "boundary.coordinates[0]"));
}

/* One table: the county's validate_doc_update holds the same limits and kinds of text. */
static void
test_county_kit_agrees (void)
{
  static const struct { const char *name; guint value; } limits[] = {
    { "document_bytes", GD_LIMIT_DOCUMENT_BYTES }, { "depth", GD_LIMIT_DEPTH },
    { "name", GD_LIMIT_NAME_CHARS }, { "address", GD_LIMIT_ADDRESS_CHARS },
    { "short", GD_LIMIT_SHORT_CHARS }, { "text", GD_LIMIT_TEXT_CHARS },
    { "members", GD_LIMIT_MEMBERS }, { "timeline", GD_LIMIT_TIMELINE },
    { "sessions", GD_LIMIT_SESSIONS }, { "follow_ups", GD_LIMIT_FOLLOW_UPS },
    { "array", GD_LIMIT_ARRAY }, { "ring", GD_LIMIT_RING_VERTICES },
    { "vertices", GD_LIMIT_GEOMETRY_VERTICES }, { "attachment_bytes", GD_LIMIT_ATTACHMENT_BYTES },
    { "attachments", GD_LIMIT_ATTACHMENTS },
  };
  static const char *const kind_words[] = {
    [GD_TEXT_SHORT] = "short", [GD_TEXT_NAME] = "name", [GD_TEXT_ADDRESS] = "address",
    [GD_TEXT_FREE] = "text",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "county",
                                                 "validate_doc_update.js", NULL);
  g_autofree char *js = NULL;
  g_autofree char *limits_text = NULL;
  g_autofree char *kinds_text = NULL;
  g_autoptr(GRegex) pair = g_regex_new ("(\\w+): '?(\\w+)'?", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *start;
  guint n_limits = 0, n_kinds = 0;

  g_assert_true (g_file_get_contents (path, &js, NULL, NULL));
  start = strstr (js, "var LIMITS = {");
  g_assert_nonnull (start);
  limits_text = g_strndup (start, strchr (start, '}') - start);
  start = strstr (js, "var KIND = {");
  g_assert_nonnull (start);
  kinds_text = g_strndup (start, strchr (start, '}') - start);

  for (g_regex_match (pair, limits_text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *value = g_match_info_fetch (match, 2);
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
        if (g_str_equal (limits[i].name, name))
          {
            g_test_message ("LIMITS.%s = %s", name, value);
            g_assert_cmpuint ((guint) g_ascii_strtoull (value, NULL, 10), ==, limits[i].value);
            found = TRUE;
          }
      g_assert_true (found);
      n_limits++;
    }
  g_assert_cmpuint (n_limits, ==, G_N_ELEMENTS (limits));
  g_clear_pointer (&match, g_match_info_free);

  for (g_regex_match (pair, kinds_text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *member = g_match_info_fetch (match, 1);
      g_autofree char *kind = g_match_info_fetch (match, 2);

      g_assert_cmpstr (kind_words[gd_limits_text_kind (member)], ==, kind);
      n_kinds++;
    }
  /* every member C gives a kind of its own, and no other */
  {
    static const char *const known[] = {
      "name", "landlord", "patroller", "recorder", "agent", "by", "created_by", "updated_by",
      "attendees", "inspectors", "address", "hukou_address", "place", "notes", "note",
      "description", "summary", "facts", "claims", "content", "outcome", "terms",
      "responsibilities", "reason", "risk_note", "routes_advised",
    };
    g_assert_cmpuint (n_kinds, ==, G_N_ELEMENTS (known));
    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      g_assert_cmpint (gd_limits_text_kind (known[i]), !=, GD_TEXT_SHORT);
  }
}

/* Through a real store: every limit refused with its path, nothing written, the file small. */
static void
test_store_refuses (StoreFixture *f, gconstpointer data)
{
  static const struct {
    const char *member; /* on the first member, or the household when it has no dot */
    guint       length;
    const char *path;
    const char *message;
  } cases[] = {
    { "m.name", 21000, "members[0].name", "at most 64 characters (got 21,000)" },
    { "m.notes", 10001, "members[0].notes", "at most 10,000 characters (got 10,001)" },
    { "address", 201, "address", "at most 200 characters (got 201)" },
    { "number", 201, "number", "at most 200 characters (got 201)" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fine = fixture_household ("H0001", 1);
  g_autofree char *fine_id = gd_store_put (f->store, fine, "tester", NULL, &error);
  gint64 households;
  GStatBuf st;

  g_assert_no_error (error);
  households = gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) doc = fixture_household ("H0002", 2);
      g_autofree char *text = repeat ("欧", cases[i].length);
      g_autoptr(GdIssues) issues = gd_issues_new ();
      JsonObject *holder = g_str_has_prefix (cases[i].member, "m.") ? first_member (doc) : doc;
      const char *member = g_str_has_prefix (cases[i].member, "m.") ? cases[i].member + 2
                                                                    : cases[i].member;

      json_object_set_string_member (holder, member, text);
      g_assert_null (gd_store_put (f->store, doc, "tester", issues, &error));
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpstr (gd_issues_find (issues, cases[i].path)->message, ==, cases[i].message);
      g_clear_error (&error);
      g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==, households);
    }
  /* and an update over a limit leaves the stored document as it was */
  {
    g_autoptr(JsonObject) stored = gd_store_get (f->store, fine_id, &error);
    g_autoptr(JsonObject) after = NULL;
    g_autofree char *long_name = repeat ("a", 100);
    g_autofree char *before_text = gd_json_to_string (stored, FALSE);
    g_autofree char *after_text = NULL;

    json_object_set_string_member (first_member (stored), "name", long_name);
    g_assert_null (gd_store_put (f->store, stored, "tester", NULL, &error));
    g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
    g_clear_error (&error);
    after = gd_store_get (f->store, fine_id, &error);
    g_assert_no_error (error);
    after_text = gd_json_to_string (after, FALSE);
    g_assert_cmpstr (after_text, ==, before_text);
  }
  /* the database and its write-ahead log together */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    gint64 size;

    g_assert_cmpint (g_stat (f->path, &st), ==, 0);
    size = st.st_size;
    if (g_stat (wal, &st) == 0)
      size += st.st_size;
    g_test_message ("store file and log: %" G_GINT64_FORMAT " bytes", size);
    g_assert_cmpint (size, <, 4 * 1024 * 1024);
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
  g_test_add_func ("/limits/geometry-issue-cap", test_geometry_issue_cap);
  g_test_add_func ("/limits/geometry-large-ring", test_geometry_large_ring);
  g_test_add_func ("/limits/county-kit-agrees", test_county_kit_agrees);
  g_test_add ("/limits/store-refuses", StoreFixture, NULL, store_fixture_setup, test_store_refuses,
              store_fixture_teardown);
  g_test_add_func ("/json/strict-accepts", test_json_strict_accepts);
  g_test_add_func ("/json/strict-refuses", test_json_strict_refuses);
  g_test_add_func ("/json/parse-strict", test_json_parse_strict);
  return g_test_run ();
}
