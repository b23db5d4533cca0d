/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Households read straight from their text with yajl events: the same fields, one by one,
 * as gd_household_fields_from_object() finds in the object JsonParser and the page's tree
 * builder make of that text; and NULL for every document the general path must take. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gd-couch-rows.h"
#include "gd-household-reader.h"
#include "gd-json.h"

static void
assert_fields_equal (GdHouseholdFields *want,
                     GdHouseholdFields *got)
{
  g_assert_cmpstr (got->id, ==, want->id);
  g_assert_cmpstr (got->rev, ==, want->rev);
  g_assert_cmpstr (got->village, ==, want->village);
  g_assert_cmpstr (got->grid, ==, want->grid);
  g_assert_cmpstr (got->number, ==, want->number);
  g_assert_cmpstr (got->address, ==, want->address);
  g_assert_cmpstr (got->housing, ==, want->housing);
  g_assert_cmpstr (got->status, ==, want->status);
  g_assert_cmpstr (got->updated_at, ==, want->updated_at);
  g_assert_cmpint (got->has_location, ==, want->has_location);
  g_assert_cmpfloat (got->lat, ==, want->lat);
  g_assert_cmpfloat (got->lon, ==, want->lon);
  /* == takes -0.0 for 0.0 */
  g_assert_cmpint (signbit (got->lat), ==, signbit (want->lat));
  g_assert_cmpint (signbit (got->lon), ==, signbit (want->lon));
  g_assert_true ((got->members == NULL) == (want->members == NULL));
  if (want->members == NULL)
    return;
  g_assert_cmpuint (got->members->len, ==, want->members->len);
  for (guint i = 0; i < want->members->len; i++)
    {
      GdMemberFields *w = &g_array_index (want->members, GdMemberFields, i);
      GdMemberFields *g = &g_array_index (got->members, GdMemberFields, i);

      g_assert_cmpint (g->is_object, ==, w->is_object);
      g_assert_cmpstr (g->id, ==, w->id);
      g_assert_cmpstr (g->name, ==, w->name);
      g_assert_cmpstr (g->id_number, ==, w->id_number);
      g_assert_cmpstr (g->sex, ==, w->sex);
      g_assert_cmpstr (g->birth_date, ==, w->birth_date);
      g_assert_cmpstr (g->phone, ==, w->phone);
      g_assert_cmpstr (g->relation, ==, w->relation);
      g_assert_cmpstr (g->residence, ==, w->residence);
      g_assert_cmpstr (g->tags, ==, w->tags);
    }
}

#define HEAD "\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":\"household\""

typedef struct {
  const char *name;
  const char *text;
  /* JsonParser (json-glib 1.6) wraps integers beyond gint64 (99999999999999999999 is -1); the
   * first sync reads bodies with the page's tree builder, which makes them doubles */
  gboolean    tree_builder_only;
} Case;

static const Case corpus[] = {
  { "couchdb-order",
    "{\"_id\":\"household:0001\",\"_rev\":\"3-9f\",\"type\":\"household\",\"schema\":1,"
    "\"village\":\"320902101001\",\"grid\":\"320902101001010\",\"number\":\"000001\","
    "\"address\":\"新兴镇新兴村8组15号\",\"housing\":\"owned\",\"status\":\"active\","
    "\"location\":{\"lat\":33.3781,\"lon\":120.1632},"
    "\"members\":[{\"id\":\"m1\",\"name\":\"张伟华\",\"id_type\":\"resident_id\","
    "\"id_number\":\"32090219700211499X\",\"sex\":\"1\",\"birth_date\":\"1970-02-11\","
    "\"phone\":\"13900003494\",\"relation\":\"02\",\"residence\":\"registered\","
    "\"tags\":[\"elderly\",\"disabled\"]}],"
    "\"updated_at\":\"2026-11-20T09:00:00Z\"}" },
  { "pouchdb-order",
    "{\"type\":\"household\",\"schema\":1,\"village\":\"320902101001\",\"grid\":\"320902101001010\","
    "\"number\":\"000500\",\"address\":\"新兴镇新兴村8组15号\",\"housing\":\"owned\",\"members\":["
    "{\"id\":\"m1\",\"name\":\"张伟华\",\"id_type\":\"resident_id\",\"id_number\":\"32090219700211499X\","
    "\"sex\":\"2\",\"birth_date\":\"1970-02-11\",\"ethnicity\":\"01\",\"relation\":\"02\","
    "\"residence\":\"registered\",\"phone\":\"13900003494\"},"
    "{\"id\":\"m2\",\"name\":\"欧阳玲\",\"id_type\":\"resident_id\",\"id_number\":\"320902197203054321\","
    "\"sex\":\"2\",\"birth_date\":\"1972-03-05\",\"ethnicity\":\"01\",\"relation\":\"03\","
    "\"residence\":\"registered\",\"phone\":\"13900003495\"}],"
    "\"created_at\":\"2026-11-20T09:00:00Z\",\"created_by\":\"bench\",\"updated_at\":\"2026-11-20T09:00:00Z\","
    "\"updated_by\":\"bench\",\"_id\":\"household:bench-0000499\",\"_rev\":\"1-3488c9405465ea2d499ea46d83adfa33\"}" },
  { "type-between-ids",
    "{\"_id\":\"household:x\",\"type\":\"household\",\"_rev\":\"1-a\"}" },
  { "pretty",
    "\r\n  {\n  \"_id\" : \"household:p\" ,\n  \"_rev\" :\t\"2-b\",\n  \"type\" : \"household\",\n"
    "  \"members\" : [ { \"id\" : \"m1\" , \"tags\" : [ \"a\" , \"b\" ] } ,\n  \"x\" ] ,\n"
    "  \"location\" : { \"lat\" : 31 , \"lon\" : 120.5 }\n}\n  " },
  { "unicode-and-escapes",
    "{\"_id\":\"household:\\u65b0\\\"q\\\"\",\"_rev\":\"1-a\",\"type\":\"hous\\u0065hold\","
    "\"address\":\"新兴镇\\u65b0\\u5174村 \\\"8\\\" \\\\ \\/ 😀 \\ud83d\\ude00 \\n\\t\\b\\f\\r é\","
    "\"village\":\"\\u0033\\u0032\\u0030\\u0039\",\"gr\\u0069d\":\"escaped name\","
    "\"members\":[{\"name\":\"\\u6b27\\u9633\\u73b2\",\"relation\":\"\\/\\/\","
    "\"tags\":[\"\\u00e9\\u00e8\",\"\\ud83d\\ude00\",\"a,b\"]}]}" },
  { "not-strings",
    "{" HEAD ",\"village\":null,\"grid\":320902,\"number\":true,\"address\":{\"a\":\"b\"},"
    "\"housing\":[\"x\"],\"status\":false,\"updated_at\":1.5,"
    "\"members\":[{\"id\":1,\"name\":null,\"id_number\":{\"v\":\"x\"},\"sex\":[\"1\"],"
    "\"birth_date\":false,\"phone\":13900003494,\"relation\":true,\"residence\":-2.5e3}]}" },
  { "duplicates",
    "{" HEAD ",\"village\":\"a\",\"village\":5,\"grid\":5,\"grid\":\"g\","
    "\"number\":\"1\",\"number\":\"2\",\"address\":{\"x\":1},\"address\":\"addr\","
    "\"housing\":\"h\",\"housing\":[],\"status\":\"s\",\"status\":null,"
    "\"members\":[{\"id\":\"m1\",\"id\":7,\"name\":3,\"name\":\"n\",\"phone\":\"p\",\"phone\":\"q\"}]}" },
  { "duplicate-ids-and-type",
    "{\"_id\":1,\"_rev\":null,\"type\":\"incident\",\"_id\":\"household:d\",\"type\":5,"
    "\"_rev\":\"2-d\",\"type\":\"household\"}" },
  { "members-replaced",
    "{" HEAD ",\"members\":[{\"id\":\"old\"},{\"id\":\"old2\"},{\"id\":\"old3\"}],"
    "\"members\":[{\"id\":\"new\",\"tags\":[\"t\"]}]}" },
  { "members-then-not-array",
    "{" HEAD ",\"members\":[{\"id\":\"gone\"}],\"members\":\"none\"}" },
  { "not-array-then-members",
    "{" HEAD ",\"members\":{\"id\":\"m\"},\"members\":[{\"id\":\"m\"}]}" },
  { "members-object", "{" HEAD ",\"members\":{\"0\":{\"id\":\"m1\"}}}" },
  { "members-null", "{" HEAD ",\"members\":null}" },
  { "members-string", "{" HEAD ",\"members\":\"m1,m2\"}" },
  { "members-empty", "{" HEAD ",\"members\":[]}" },
  { "members-not-objects",
    "{" HEAD ",\"members\":[\"x\",1,null,true,false,2.5,[{\"id\":\"in array\"}],[],"
    "{\"id\":\"m2\"},{},{\"other\":{\"id\":\"deep\"}}]}" },
  { "tags",
    "{" HEAD ",\"members\":["
    "{\"id\":\"plain\",\"tags\":[\"a\",\"b\"]},"
    "{\"id\":\"empty\",\"tags\":[]},"
    "{\"id\":\"mixed\",\"tags\":[\"a\",1,\"b\",null,{\"x\":\"y\"},[\"z\"],true,\"c\"]},"
    "{\"id\":\"no-strings\",\"tags\":[1,2,[\"x\"],{}]},"
    "{\"id\":\"string\",\"tags\":\"a\"},"
    "{\"id\":\"null\",\"tags\":null},"
    "{\"id\":\"object\",\"tags\":{\"a\":\"b\"}},"
    "{\"id\":\"again\",\"tags\":[\"a\"],\"tags\":[\"b\",\"c\"]},"
    "{\"id\":\"then-number\",\"tags\":[\"a\"],\"tags\":5},"
    "{\"id\":\"then-empty\",\"tags\":[\"a\"],\"tags\":[]},"
    "{\"id\":\"empty-string\",\"tags\":[\"\",\"\"]},"
    "{\"id\":\"escaped\",\"tags\":[\"\\u4f4e\\u4fdd\",\"q\\\"\\\\\"]}"
    "]}" },
  { "location-int", "{" HEAD ",\"location\":{\"lat\":32,\"lon\":120}}" },
  { "location-decimal", "{" HEAD ",\"location\":{\"lon\":120.16321234567891,\"lat\":33.378099999999996}}" },
  { "location-exponent", "{" HEAD ",\"location\":{\"lat\":3.2e1,\"lon\":1.2E+2,\"alt\":-1e-3}}" },
  { "location-negative-zero", "{" HEAD ",\"location\":{\"lat\":-0,\"lon\":-0.0}}" },
  { "location-int64-edge", "{" HEAD ",\"location\":{\"lat\":9223372036854775807,\"lon\":-9223372036854775808}}" },
  { "location-huge-integer",
    "{" HEAD ",\"location\":{\"lat\":99999999999999999999,\"lon\":123456789012345678901234567890}}",
    TRUE },
  { "location-long-number",
    "{" HEAD ",\"location\":{\"lat\":32.000000000000000000000000000000000000000000000000000000000000000000001,"
    "\"lon\":120}}" },
  { "location-string", "{" HEAD ",\"location\":{\"lat\":\"32\",\"lon\":120}}" },
  { "location-string-lon", "{" HEAD ",\"location\":{\"lat\":32,\"lon\":\"120\"}}" },
  { "location-missing-lon", "{" HEAD ",\"location\":{\"lat\":32.5}}" },
  { "location-missing-lat", "{" HEAD ",\"location\":{\"lon\":120.5}}" },
  { "location-null-lat", "{" HEAD ",\"location\":{\"lat\":null,\"lon\":120.5}}" },
  { "location-array", "{" HEAD ",\"location\":[32,120]}" },
  { "location-string-whole", "{" HEAD ",\"location\":\"32,120\"}" },
  { "location-null", "{" HEAD ",\"location\":null}" },
  { "location-nested-values",
    "{" HEAD ",\"location\":{\"lat\":{\"v\":1},\"lon\":[120],\"src\":{\"lat\":1,\"lon\":2}}}" },
  { "location-duplicate-lat", "{" HEAD ",\"location\":{\"lat\":\"x\",\"lon\":120,\"lat\":31.5}}" },
  { "location-lat-then-string", "{" HEAD ",\"location\":{\"lat\":31.5,\"lon\":120,\"lat\":\"x\"}}" },
  { "location-then-string", "{" HEAD ",\"location\":{\"lat\":31,\"lon\":120},\"location\":\"gone\"}" },
  { "location-then-other-object",
    "{" HEAD ",\"location\":{\"lat\":31,\"lon\":120},\"location\":{\"lon\":121}}" },
  { "string-then-location", "{" HEAD ",\"location\":\"x\",\"location\":{\"lat\":31,\"lon\":120}}" },
  { "nested-unknown",
    "{\"meta\":{\"type\":\"incident\",\"_id\":1,\"_deleted\":true,\"_conflicts\":[],"
    "\"members\":[{\"name\":\"no\"}],\"location\":{\"lat\":1,\"lon\":2},\"village\":\"no\"},"
    "\"history\":[[{\"village\":\"x\"}],{\"members\":[]},[[[]]]]," HEAD ","
    "\"members\":[{\"id\":\"m1\",\"extra\":{\"name\":\"no\",\"tags\":[\"no\"]},"
    "\"docs\":[{\"id\":\"no\"}],\"name\":\"yes\"}],\"grid\":\"after\"}" },
  { "empty-strings",
    "{\"_id\":\"\",\"_rev\":\"\",\"type\":\"household\",\"village\":\"\",\"members\":[{\"id\":\"\",\"tags\":[\"\"]}]}" },
  /* json-glib keeps C strings: a "\u0000" ends a name or a value there (gd_json_parse_object()
   * refuses the text: strict JSON has no "\u0000") */
  { "nul-escapes",
    "{" HEAD ",\"address\":\"a\\u0000b\",\"village\\u0000x\":\"v\",\"members\":[{\"tags\":[\"x\\u0000y\",\"z\"],"
    "\"name\\u0000x\":\"cut name\",\"na\\u0000me\":\"not name\"}]}",
    TRUE },
  { "no-members-no-location", "{\"_rev\":\"1-a\",\"_id\":\"household:min\",\"type\":\"household\"}" },
};

/* 200 members, some of each kind, in a household of pouchdb-server's order. */
static char *
big_household (void)
{
  GString *text = g_string_new ("{\"type\":\"household\",\"members\":[");

  for (guint i = 0; i < 200; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (i % 50 == 49)
        g_string_append (text, "null");
      else
        g_string_append_printf (text,
                                "{\"id\":\"m%u\",\"name\":\"张%u\",\"id_number\":\"3209021970%08u\","
                                "\"sex\":\"%u\",\"birth_date\":\"1970-02-11\",\"phone\":\"139%08u\","
                                "\"relation\":\"%02u\",\"residence\":\"registered\",\"tags\":[\"t%u\",%u]}",
                                i, i, i, 1 + i % 2, i, i % 10, i % 3, i);
    }
  g_string_append (text, "],\"location\":{\"lat\":33.25,\"lon\":120.125},"
                         "\"_id\":\"household:big\",\"_rev\":\"7-b\"}");
  return g_string_free (text, FALSE);
}

/* The reader against from_object() over JsonParser's object and the tree builder's. */
static void
check_one (const char *name,
           const char *text,
           gboolean    tree_builder_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) parsed = NULL;
  g_autoptr(JsonObject) built = NULL;
  g_autoptr(GdHouseholdFields) got = NULL;

  g_test_message ("%s", name);
  got = gd_household_read (text, strlen (text));
  g_assert_nonnull (got);

  built = gd_couch_doc_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GdHouseholdFields) want = gd_household_fields_from_object (built);
    assert_fields_equal (want, got);
  }
  if (tree_builder_only)
    return;
  parsed = gd_json_parse_object (text, -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GdHouseholdFields) want = gd_household_fields_from_object (parsed);
    assert_fields_equal (want, got);
  }
}

static void
test_oracle (void)
{
  g_autofree char *big = big_household ();

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    check_one (corpus[i].name, corpus[i].text, corpus[i].tree_builder_only);
  check_one ("200-members", big, FALSE);
}

static GdHouseholdFields *
read_ok (const char *text)
{
  GdHouseholdFields *fields = gd_household_read (text, strlen (text));

  g_assert_nonnull (fields);
  return fields;
}

static GdMemberFields *
member_at (GdHouseholdFields *fields,
           guint              i)
{
  g_assert_nonnull (fields->members);
  g_assert_cmpuint (i, <, fields->members->len);
  return &g_array_index (fields->members, GdMemberFields, i);
}

static const char *
corpus_text (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    if (g_str_equal (corpus[i].name, name))
      return corpus[i].text;
  g_assert_not_reached ();
  return NULL;
}

/* The oracle could agree with itself on a wrong answer: a few answers spelled out. */
static void
test_spelled_out (void)
{
  g_autoptr(GdHouseholdFields) order = read_ok (corpus_text ("pouchdb-order"));
  g_autoptr(GdHouseholdFields) unicode = read_ok (corpus_text ("unicode-and-escapes"));
  g_autoptr(GdHouseholdFields) dup = read_ok (corpus_text ("duplicates"));
  g_autoptr(GdHouseholdFields) replaced = read_ok (corpus_text ("members-replaced"));
  g_autoptr(GdHouseholdFields) not_objects = read_ok (corpus_text ("members-not-objects"));
  g_autoptr(GdHouseholdFields) tags = read_ok (corpus_text ("tags"));
  g_autoptr(GdHouseholdFields) exponent = read_ok (corpus_text ("location-exponent"));
  g_autoptr(GdHouseholdFields) huge = read_ok (corpus_text ("location-huge-integer"));
  g_autoptr(GdHouseholdFields) lat_only = read_ok (corpus_text ("location-missing-lon"));
  g_autoptr(GdHouseholdFields) nested = read_ok (corpus_text ("nested-unknown"));
  g_autoptr(GdHouseholdFields) nul = read_ok (corpus_text ("nul-escapes"));
  g_autoptr(GdHouseholdFields) none = read_ok (corpus_text ("no-members-no-location"));

  g_assert_cmpstr (order->id, ==, "household:bench-0000499");
  g_assert_cmpstr (order->rev, ==, "1-3488c9405465ea2d499ea46d83adfa33");
  g_assert_cmpstr (order->address, ==, "新兴镇新兴村8组15号");
  g_assert_null (order->status);
  g_assert_cmpuint (order->members->len, ==, 2);
  g_assert_cmpstr (member_at (order, 1)->name, ==, "欧阳玲");
  g_assert_null (member_at (order, 1)->tags);
  g_assert_false (order->has_location);

  g_assert_cmpstr (unicode->id, ==, "household:新\"q\"");
  g_assert_cmpstr (unicode->address, ==, "新兴镇新兴村 \"8\" \\ / 😀 😀 \n\t\b\f\r é");
  g_assert_cmpstr (unicode->village, ==, "3209");
  g_assert_cmpstr (unicode->grid, ==, "escaped name");
  g_assert_cmpstr (member_at (unicode, 0)->name, ==, "欧阳玲");
  g_assert_cmpstr (member_at (unicode, 0)->tags, ==, ",éè,😀,a,b,");

  g_assert_null (dup->village);
  g_assert_cmpstr (dup->grid, ==, "g");
  g_assert_cmpstr (dup->number, ==, "2");
  g_assert_cmpstr (dup->address, ==, "addr");
  g_assert_null (dup->housing);
  g_assert_null (member_at (dup, 0)->id);
  g_assert_cmpstr (member_at (dup, 0)->name, ==, "n");
  g_assert_cmpstr (member_at (dup, 0)->phone, ==, "q");

  g_assert_cmpuint (replaced->members->len, ==, 1);
  g_assert_cmpstr (member_at (replaced, 0)->id, ==, "new");

  g_assert_cmpuint (not_objects->members->len, ==, 11);
  g_assert_false (member_at (not_objects, 6)->is_object);
  g_assert_null (member_at (not_objects, 6)->id);
  g_assert_true (member_at (not_objects, 8)->is_object);
  g_assert_cmpstr (member_at (not_objects, 8)->id, ==, "m2");
  g_assert_true (member_at (not_objects, 9)->is_object);
  g_assert_null (member_at (not_objects, 10)->id);

  g_assert_cmpstr (member_at (tags, 0)->tags, ==, ",a,b,");
  g_assert_null (member_at (tags, 1)->tags);
  g_assert_cmpstr (member_at (tags, 2)->tags, ==, ",a,b,c,");
  g_assert_cmpstr (member_at (tags, 3)->tags, ==, ",");
  g_assert_null (member_at (tags, 4)->tags);
  g_assert_cmpstr (member_at (tags, 7)->tags, ==, ",b,c,");
  g_assert_null (member_at (tags, 8)->tags);
  g_assert_cmpstr (member_at (tags, 10)->tags, ==, ",,,");

  g_assert_true (exponent->has_location);
  g_assert_cmpfloat (exponent->lat, ==, 32.0);
  g_assert_cmpfloat (exponent->lon, ==, 120.0);
  g_assert_true (huge->has_location);
  g_assert_cmpfloat (huge->lat, ==, 1e20);
  g_assert_false (lat_only->has_location);
  g_assert_cmpfloat (lat_only->lat, ==, 32.5);

  g_assert_cmpstr (nested->id, ==, "household:a");
  g_assert_null (nested->village);
  g_assert_false (nested->has_location);
  g_assert_cmpuint (nested->members->len, ==, 1);
  g_assert_cmpstr (member_at (nested, 0)->name, ==, "yes");
  g_assert_null (member_at (nested, 0)->tags);

  g_assert_cmpstr (nul->address, ==, "a");
  g_assert_cmpstr (nul->village, ==, "v");
  g_assert_cmpstr (member_at (nul, 0)->tags, ==, ",x,z,");
  g_assert_cmpstr (member_at (nul, 0)->name, ==, "cut name");

  g_assert_null (none->members);
  g_assert_false (none->has_location);
}

/* What the general path must take: NULL, and nothing leaks (valgrind). */
static void
test_not_plain (void)
{
  static const char *const texts[] = {
    /* not households */
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\"}",
    "{\"_id\":\"incident:a\",\"_rev\":\"1-a\",\"type\":\"incident\",\"members\":[]}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":5}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":null}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":[\"household\"]}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":{\"household\":true}}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":\"Household\"}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":\"household \"}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"type\":\"household\",\"type\":\"incident\"}",
    "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"meta\":{\"type\":\"household\"}}",
    /* deleted, in conflict, with attachments: whatever the value, wherever it comes */
    "{" HEAD ",\"_deleted\":true}",
    "{" HEAD ",\"_deleted\":false}",
    "{\"_deleted\":null," HEAD "}",
    "{" HEAD ",\"_conflicts\":[\"2-x\"]}",
    "{" HEAD ",\"_conflicts\":[]}",
    "{" HEAD ",\"_attachments\":{\"photo.jpg\":{\"stub\":true}},\"members\":[]}",
    "{" HEAD ",\"members\":[{\"id\":\"m1\"}],\"location\":{\"lat\":1,\"lon\":2},\"_attachments\":{}}",
    /* ids */
    "{\"_rev\":\"1-a\",\"type\":\"household\"}",
    "{\"_id\":\"household:a\",\"type\":\"household\"}",
    "{\"_id\":7,\"_rev\":\"1-a\",\"type\":\"household\"}",
    "{\"_id\":\"household:a\",\"_rev\":null,\"type\":\"household\"}",
    "{" HEAD ",\"_rev\":{\"v\":1}}",
    "{" HEAD ",\"_id\":null}",
    /* not JSON, not one object */
    "",
    "   ",
    "{",
    "{" HEAD,
    "{" HEAD ",\"members\":[{\"id\":\"m1\"}",
    "{\"_id\":}",
    "{'_id':'household:a'}",
    "{" HEAD ",\"village\":01}",
    "{" HEAD ",}",
    "[]",
    "[{" HEAD "}]",
    "\"x\"",
    "null",
    "42",
    "{" HEAD "} x",
    "{" HEAD "}{}",
    "{" HEAD "}" HEAD,
    /* invalid UTF-8, in a field read and in one passed over */
    "{" HEAD ",\"address\":\"Jos\xe9\"}",
    "{" HEAD ",\"extra\":{\"deep\":[\"\xc3\x28\"]}}",
    "{" HEAD ",\"\xff\":1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *shown = g_strescape (texts[i], NULL);

      g_test_message ("%u: %s", i, shown);
      g_assert_null (gd_household_read (texts[i], strlen (texts[i])));
    }
  /* a raw NUL byte, unlike "\u0000", is no JSON: refused, inside a string or out */
  {
    static const char raw_in_string[] = "{" HEAD ",\"address\":\"a\0b\"}";
    static const char raw_after[] = "{" HEAD "}\0";

    g_assert_null (gd_household_read (raw_in_string, sizeof raw_in_string - 1));
    g_assert_null (gd_household_read (raw_after, sizeof raw_after - 1));
  }
  /* the length bounds the text */
  g_assert_null (gd_household_read ("{" HEAD "}", strlen ("{" HEAD "}") - 1));
  g_assert_null (gd_household_read (NULL, 0));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/household-reader/oracle", test_oracle);
  g_test_add_func ("/household-reader/spelled-out", test_spelled_out);
  g_test_add_func ("/household-reader/not-plain", test_not_plain);
  return g_test_run ();
}
