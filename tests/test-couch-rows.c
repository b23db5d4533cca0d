/* SPDX-License-Identifier: GPL-3.0-or-later */
/* _all_docs pages read with yajl into json-glib: the rows' documents, their exact text and
 * keys, CouchDB 3's and pouchdb-server's layouts, and a message for every malformed reply. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gd-couch-rows.h"
#include "gd-error.h"
#include "gd-json.h"

static GPtrArray *
parse_ok (const char *reply)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gd_couch_rows_parse (reply, strlen (reply), &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* The body is the reply's own bytes and parses back to the same document. */
static void
assert_body (const char *reply,
             GdCouchRow *row,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  g_assert_cmpstr (row->body, ==, expected);
  g_assert_nonnull (strstr (reply, row->body));
  again = gd_json_parse_object (row->body, -1, &error);
  g_assert_no_error (error);
  a = gd_json_object_node (row->doc);
  b = gd_json_object_node (again);
  g_assert_true (json_node_equal (a, b));
}

/* The reply's text from `start` to the last doc's end, where a one-row reply ends in "}]}". */
static char *
last_doc_text (const char *reply,
               const char *start)
{
  const char *from = strstr (reply, start);

  g_assert_true (g_str_has_suffix (reply, "}]}"));
  return g_strndup (from, strlen (from) - 3);
}

/* CouchDB 3: one row a line, "\r\n" between rows, and blanks between tokens here too. */
static const char crlf_page[] =
  "{\"total_rows\":3,\"offset\":0,\"rows\":[\r\n"
  "{\"id\":\"household:a\",\"key\":\"household:a\",\"value\":{\"rev\":\"1-a\"},"
  "\"doc\":{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"number\":\"000001\"}},\r\n"
  "{\"id\":\"household:b\",\"key\":\"household:b\",\"value\":{\"rev\":\"2-b\"},\"doc\" :\r\n"
  "  { \"_id\" : \"household:b\" ,\r\n \"members\" : [ ] }\r\n},\r\n"
  "{\"id\":\"household:c\",\"key\":\"household:c\",\"value\":{\"rev\":\"1-c\"},"
  "\"doc\":{\"_id\":\"household:c\",\"schema\":1}}\r\n"
  "]}\r\n";

static void
test_crlf_page (void)
{
  g_autoptr(GPtrArray) rows = parse_ok (crlf_page);
  GdCouchRow *row;

  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[0];
  assert_body (crlf_page, row, "{\"_id\":\"household:a\",\"_rev\":\"1-a\",\"number\":\"000001\"}");
  g_assert_cmpstr (row->key, ==, "\"household:a\"");
  g_assert_cmpstr (json_object_get_string_member (row->doc, "number"), ==, "000001");
  row = rows->pdata[1];
  assert_body (crlf_page, row, "{ \"_id\" : \"household:b\" ,\r\n \"members\" : [ ] }");
  g_assert_cmpstr (row->key, ==, "\"household:b\"");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row->doc, "members")), ==, 0);
  row = rows->pdata[2];
  assert_body (crlf_page, row, "{\"_id\":\"household:c\",\"schema\":1}");
  g_assert_cmpstr (row->key, ==, "\"household:c\"");
}

/* pouchdb-server: one line; the members before "rows" and after it are passed over, however
 * deep, even when they hold a "rows" of their own. */
static void
test_compact_page (void)
{
  const char *reply =
    "{\"total_rows\":2,\"meta\":{\"rows\":[{\"doc\":{}}],\"x\":[[1],{}]},\"offset\":0,\"rows\":["
    "{\"id\":\"a\",\"key\":\"a\",\"value\":{\"rev\":\"1-a\"},\"doc\":{\"_id\":\"a\"}},"
    "{\"id\":\"b\",\"key\":\"b\",\"value\":{\"rev\":\"1-b\"},\"doc\":{\"_id\":\"b\"}}"
    "],\"update_seq\":\"12-g1AAAA\"}";
  g_autoptr(GPtrArray) rows = parse_ok (reply);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_body (reply, rows->pdata[0], "{\"_id\":\"a\"}");
  assert_body (reply, rows->pdata[1], "{\"_id\":\"b\"}");
  g_assert_cmpstr (((GdCouchRow *) rows->pdata[1])->key, ==, "\"b\"");
}

static void
test_empty_page (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("{\"total_rows\":0,\"offset\":0,\"rows\":[]}");

  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_unicode (void)
{
  const char *reply =
    "{\"rows\":[{\"key\":\"household:\\\"q\\\" \\u00e9\",\"doc\":{"
    "\"escaped\":\"a\\\"b\\\\c\\nd \\u00e9 \\ud83d\\ude00 \\/\","
    "\"raw\":\"欧阳 é 😀\",\"\\u00e9\\n\":\"key escaped\"}}]}";
  g_autoptr(GPtrArray) rows = parse_ok (reply);
  GdCouchRow *row = rows->pdata[0];
  g_autoptr(JsonNode) key = NULL;
  g_autofree char *body = last_doc_text (reply, "{\"escaped\"");

  g_assert_cmpstr (json_object_get_string_member (row->doc, "escaped"), ==,
                   "a\"b\\c\nd \xc3\xa9 \xf0\x9f\x98\x80 /");
  g_assert_cmpstr (json_object_get_string_member (row->doc, "raw"), ==, "欧阳 é 😀");
  g_assert_cmpstr (json_object_get_string_member (row->doc, "é\n"), ==, "key escaped");
  assert_body (reply, row, body);
  /* the key as sent, escapes and all: JSON that reads back to the id */
  g_assert_cmpstr (row->key, ==, "\"household:\\\"q\\\" \\u00e9\"");
  key = json_from_string (row->key, NULL);
  g_assert_cmpstr (json_node_get_string (key), ==, "household:\"q\" é");
}

static void
assert_int (JsonObject *doc, const char *member, gint64 expected)
{
  JsonNode *node = json_object_get_member (doc, member);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double (JsonObject *doc, const char *member, double expected)
{
  JsonNode *node = json_object_get_member (doc, member);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, fabs (expected) * 1e-15);
}

static void
test_numbers (void)
{
  const char *reply =
    "{\"rows\":[{\"key\":42,\"doc\":{\"i\":42,\"neg\":-7,\"zero\":0,"
    "\"max\":9223372036854775807,\"min\":-9223372036854775808,"
    "\"over\":9223372036854775808,\"huge\":123456789012345678901234567890,"
    "\"d\":1.5,\"e\":1e3,\"E\":-2E-2,\"de\":2.5e+2}}]}";
  g_autoptr(GPtrArray) rows = parse_ok (reply);
  GdCouchRow *row = rows->pdata[0];

  assert_int (row->doc, "i", 42);
  assert_int (row->doc, "neg", -7);
  assert_int (row->doc, "zero", 0);
  assert_int (row->doc, "max", G_MAXINT64);
  assert_int (row->doc, "min", G_MININT64);
  assert_double (row->doc, "over", 9223372036854775808.0);
  assert_double (row->doc, "huge", 123456789012345678901234567890.0);
  assert_double (row->doc, "d", 1.5);
  assert_double (row->doc, "e", 1000);
  assert_double (row->doc, "E", -0.02);
  assert_double (row->doc, "de", 250);
  g_assert_cmpstr (row->key, ==, "42");
  /* the body keeps the server's digits, which json_to_string would not */
  g_assert_nonnull (strstr (row->body, "\"huge\":123456789012345678901234567890,"));
}

static void
test_nested (void)
{
  const char *reply =
    "{\"rows\":[{\"key\":[\"320902101001\",  \"household:1\", 3],\"value\":null,\"doc\":{"
    "\"members\":[{\"id\":\"m1\",\"tags\":[\"a\",{\"deep\":[1,[2,null]]}]},"
    "{\"ok\":true,\"no\":false,\"n\":null,\"empty\":{}}],\"after\":\"x\"}}]}";
  g_autoptr(GPtrArray) rows = parse_ok (reply);
  GdCouchRow *row = rows->pdata[0];
  JsonArray *members = json_object_get_array_member (row->doc, "members");
  JsonObject *first = json_array_get_object_element (members, 0);
  JsonObject *second = json_array_get_object_element (members, 1);
  JsonArray *tags = json_object_get_array_member (first, "tags");
  JsonArray *deep = json_object_get_array_member (json_array_get_object_element (tags, 1), "deep");
  JsonArray *inner = json_array_get_array_element (deep, 1);
  g_autofree char *body = last_doc_text (reply, "{\"members\"");

  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "m1");
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "a");
  g_assert_cmpint (json_array_get_int_element (deep, 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (inner, 0), ==, 2);
  g_assert_true (json_array_get_null_element (inner, 1));
  g_assert_true (json_object_get_boolean_member (second, "ok"));
  g_assert_false (json_object_get_boolean_member (second, "no"));
  g_assert_true (json_object_get_null_member (second, "n"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (second, "empty")), ==, 0);
  /* members after a nested one land in the right object */
  g_assert_cmpstr (json_object_get_string_member (row->doc, "after"), ==, "x");
  g_assert_cmpuint (json_object_get_size (row->doc), ==, 2);
  g_assert_cmpstr (row->key, ==, "[\"320902101001\",  \"household:1\", 3]");
  assert_body (reply, row, body);
}

/* A page as pouchdb-server sends it reads to the same documents as JsonParser makes. */
static void
test_same_as_json_parser (void)
{
  g_autoptr(GString) reply = g_string_new ("{\"total_rows\":500,\"offset\":0,\"rows\":[");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *expected;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (reply,
                            "%s{\"id\":\"household:%05u\",\"key\":\"household:%05u\",\"value\":{\"rev\":\"1-x\"},"
                            "\"doc\":{\"_id\":\"household:%05u\",\"schema\":1,\"area\":%u.25,"
                            "\"address\":\"新兴镇新兴村%u组\",\"members\":[{\"name\":\"张伟\",\"seq\":%u},"
                            "{\"name\":\"欧阳\\u73b2\",\"alive\":true,\"left\":null}]}}",
                            i ? "," : "", i, i, i, i, i % 12, i);
  g_string_append (reply, "]}");
  rows = parse_ok (reply->str);
  root = json_from_string (reply->str, NULL);
  expected = json_object_get_array_member (json_node_get_object (root), "rows");
  g_assert_cmpuint (rows->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < rows->len; i++)
    {
      GdCouchRow *row = rows->pdata[i];
      JsonObject *want = json_array_get_object_element (expected, i);
      g_autoptr(JsonNode) got = gd_json_object_node (row->doc);
      g_autofree char *key = json_to_string (json_object_get_member (want, "key"), FALSE);

      g_assert_true (json_node_equal (got, json_object_get_member (want, "doc")));
      g_assert_cmpstr (row->key, ==, key);
      g_assert_true (g_str_has_prefix (row->body, "{\"_id\":\"household:"));
      g_assert_true (g_str_has_suffix (row->body, "\"left\":null}]}"));
    }
}

static void
test_malformed (void)
{
  static const struct { const char *reply; const char *says[3]; } cases[] = {
    /* cut off in the middle of a string */
    { "{\"total_rows\":1,\"offset\":0,\"rows\":[\r\n{\"id\":\"a\",\"key\":\"a\",\"doc\":{\"_id\":\"a\",\"name\":\"Zha",
      { "cut off", "byte 85, row 1" } },
    { "", { "cut off", "byte 0" } },
    { "{\"total_rows\":0,\"offset\":0}", { "no “rows” array", "byte 27" } },
    { "{\"rows\":{\"a\":1}}", { "no “rows” array", "byte 9" } },
    { "{\"rows\":7}", { "no “rows” array" } },
    { "[{\"rows\":[]}]", { "not a JSON object", "byte 1" } },
    { "{\"rows\":[{\"key\":1,\"doc\":{}}, 3]}", { "not an object", "row 2" } },
    { "{\"rows\":[[]]}", { "not an object", "row 1" } },
    { "{\"total_rows\":9,\"offset\":0,\"rows\":[\r\n{\"id\":\"a\",\"key\":\"a\",\"doc\":{\"_id\":\"a\"}},\r\n"
      "{\"key\":\"household:x\",\"error\":\"not_found\"}\r\n]}",
      { "without a document", "row 2", "key \"household:x\"): the server says “not_found”" } },
    { "{\"rows\":[{\"id\":\"a\",\"key\":[\"a\",1],\"value\":{\"rev\":\"1-a\"}}]}",
      { "without a document", "key [\"a\",1]", "include_docs=true" } },
    { "{\"rows\":[{\"key\":\"a\",\"doc\":null}]}", { "without a document", "row 1" } },
    /* a Latin-1 byte where UTF-8 belongs */
    { "{\"rows\":[{\"key\":\"a\",\"doc\":{\"name\":\"Jos\xe9\"}}]}", { "not valid JSON", "UTF8", "row 1" } },
    { "{\"rows\":[]} x", { "not valid JSON", "trailing garbage", "byte 13" } },
    { "{\"rows\":[]}{\"rows\":[]}", { "not valid JSON", "trailing garbage" } },
    { "{\"rows\":[{\"key\":\"a\",\"doc\":{\"n\":01}}]}", { "not valid JSON", "row 1" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) split_error = NULL;
      GPtrArray *rows = gd_couch_rows_parse (cases[i].reply, strlen (cases[i].reply), &error);
      GPtrArray *split = gd_couch_rows_split (cases[i].reply, strlen (cases[i].reply), &split_error);

      g_test_message ("%u: %s", i, error ? error->message : "(no error)");
      g_assert_null (rows);
      g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
      for (guint s = 0; s < G_N_ELEMENTS (cases[i].says) && cases[i].says[s] != NULL; s++)
        g_assert_nonnull (strstr (error->message, cases[i].says[s]));
      /* passing the docs over finds the same fault at the same place */
      g_assert_null (split);
      g_assert_error (split_error, GD_ERROR, GD_ERROR_NETWORK);
      g_assert_cmpstr (split_error->message, ==, error->message);
    }
}

/* Pages for the split: CouchDB's and pouchdb-server's layouts, escapes, numbers, nesting,
 * and rows whose "doc" comes twice or is followed by more members. */
static const char *const split_pages[] = {
  crlf_page,
  "{\"total_rows\":2,\"meta\":{\"rows\":[{\"doc\":{}}],\"x\":[[1],{}]},\"offset\":0,\"rows\":["
  "{\"id\":\"a\",\"key\":\"a\",\"value\":{\"rev\":\"1-a\"},\"doc\":{\"_id\":\"a\"}},"
  "{\"id\":\"b\",\"key\":[\"b\", 2],\"value\":{\"rev\":\"1-b\"},\"doc\":{\"_id\":\"b\",\"n\":[{\"doc\":{}}]}}"
  "],\"update_seq\":\"12-g1AAAA\"}",
  "{\"rows\":[{\"key\":\"household:\\\"q\\\" \\u00e9\",\"doc\":{"
  "\"escaped\":\"a\\\"b\\\\c\\nd \\u00e9 \\ud83d\\ude00 \\/\","
  "\"raw\":\"欧阳 é 😀\",\"\\u00e9\\n\":\"key escaped\"}}]}",
  "{\"rows\":[{\"key\":42,\"doc\":{\"i\":42,\"neg\":-7,\"max\":9223372036854775807,"
  "\"huge\":123456789012345678901234567890,\"d\":1.5,\"e\":1e3,\"de\":2.5e+2}}]}",
  "{\"rows\":[{\"key\":[\"320902101001\",  \"household:1\", 3],\"value\":null,\"doc\":{"
  "\"members\":[{\"id\":\"m1\",\"tags\":[\"a\",{\"deep\":[1,[2,null]]}]},"
  "{\"ok\":true,\"no\":false,\"n\":null,\"empty\":{}}],\"after\":\"x\"}}]}",
  /* the second "doc" replaces the first; a later null or array leaves it be */
  "{\"rows\":[{\"key\":\"a\",\"doc\":{\"v\":1},\"doc\":{\"v\":2,\"v\":\"two\"},\"value\":{}},"
  "{\"key\":\"b\",\"doc\":{\"v\":3},\"doc\":null},{\"doc\":{\"v\":4},\"doc\":[5],\"key\":\"c\"}]}",
  "{\"total_rows\":0,\"offset\":0,\"rows\":[]}",
};

/* The split keeps what the full parse keeps, but for the trees; each body then reads on its
 * own to the very doc the full parse built. */
static void
test_split (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (split_pages); i++)
    {
      const char *reply = split_pages[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = parse_ok (reply);
      g_autoptr(GPtrArray) split = gd_couch_rows_split (reply, strlen (reply), &error);

      g_test_message ("page %u", i);
      g_assert_no_error (error);
      g_assert_nonnull (split);
      g_assert_cmpuint (split->len, ==, rows->len);
      for (guint r = 0; r < rows->len; r++)
        {
          GdCouchRow *row = rows->pdata[r];
          GdCouchRow *bare = split->pdata[r];
          g_autoptr(JsonObject) doc = NULL;
          g_autoptr(JsonNode) a = NULL;
          g_autoptr(JsonNode) b = NULL;

          g_assert_null (bare->doc);
          g_assert_cmpstr (bare->body, ==, row->body);
          g_assert_cmpstr (bare->key, ==, row->key);
          doc = gd_couch_doc_parse (bare->body, strlen (bare->body), &error);
          g_assert_no_error (error);
          a = gd_json_object_node (doc);
          b = gd_json_object_node (row->doc);
          g_assert_true (json_node_equal (a, b));
        }
    }
}

/* A page of households as pouchdb-server sends it: split and read one by one, the same docs. */
static void
test_split_large (void)
{
  g_autoptr(GString) reply = g_string_new ("{\"total_rows\":300,\"offset\":0,\"rows\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) split = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (reply,
                            "%s{\"id\":\"household:%05u\",\"key\":\"household:%05u\",\"value\":{\"rev\":\"1-x\"},"
                            "\"doc\":{\"_id\":\"household:%05u\",\"area\":%u.25,\"location\":{\"lat\":32.%u,\"lon\":120},"
                            "\"members\":[{\"name\":\"张伟\",\"tags\":[\"a\",%u]},{\"left\":null}]}}",
                            i ? ",\r\n" : "", i, i, i, i, i, i);
  g_string_append (reply, "]}");
  rows = parse_ok (reply->str);
  split = gd_couch_rows_split (reply->str, reply->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (split->len, ==, 300);
  for (guint r = 0; r < rows->len; r++)
    {
      GdCouchRow *row = rows->pdata[r];
      GdCouchRow *bare = split->pdata[r];
      g_autoptr(JsonObject) doc = gd_couch_doc_parse (bare->body, strlen (bare->body), &error);
      g_autoptr(JsonNode) a = gd_json_object_node (doc);
      g_autoptr(JsonNode) b = gd_json_object_node (row->doc);

      g_assert_no_error (error);
      g_assert_null (bare->doc);
      g_assert_cmpstr (bare->body, ==, row->body);
      g_assert_cmpstr (bare->key, ==, row->key);
      g_assert_true (json_node_equal (a, b));
    }
}

/* One document's text: blanks around it are fine, anything but one object is not. */
static void
test_doc_parse (void)
{
  static const struct { const char *text; const char *says[3]; } bad[] = {
    { "", { "not valid JSON", "byte 0", "premature EOF" } },
    { "   ", { "not valid JSON", "premature EOF" } },
    { "{\"_id\":\"a\",\"name\":\"Zha", { "not valid JSON", "byte 22", "premature EOF" } },
    { "{\"_id\":\"a\"} x", { "not valid JSON", "trailing garbage", "byte 13" } },
    { "{\"_id\":\"a\"}{}", { "not valid JSON", "trailing garbage" } },
    { "{\"name\":\"Jos\xe9\"}", { "not valid JSON", "UTF8" } },
    { "{\"n\":01}", { "not valid JSON" } },
    { "{'n':1}", { "not valid JSON", "invalid char" } },
    { "[]", { "not a JSON object" } },
    { "[{\"_id\":\"a\"}]", { "not a JSON object" } },
    { "\"x\"", { "not a JSON object" } },
    { "null", { "not a JSON object" } },
    { "42", { "not a JSON object" } },
  };
  const char *good = " \r\n{\"_id\":\"a\",\"n\":9223372036854775808,\"m\":[{}]}\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_couch_doc_parse (good, strlen (good), &error);
  JsonNode *n;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==, "a");
  n = json_object_get_member (doc, "n");
  /* beyond gint64 it is a double, as in a page */
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_DOUBLE);
  g_assert_cmpuint (json_object_get_size (doc), ==, 3);
  /* the length bounds the text: what follows is not read */
  g_clear_pointer (&doc, json_object_unref);
  doc = gd_couch_doc_parse ("{\"a\":1}garbage", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (doc, "a"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      JsonObject *none = gd_couch_doc_parse (bad[i].text, strlen (bad[i].text), &bad_error);

      g_test_message ("%u: %s", i, bad_error ? bad_error->message : "(no error)");
      g_assert_null (none);
      g_assert_error (bad_error, GD_ERROR, GD_ERROR_NETWORK);
      g_assert_true (g_str_has_prefix (bad_error->message, "a document from the server is "));
      for (guint s = 0; s < G_N_ELEMENTS (bad[i].says) && bad[i].says[s] != NULL; s++)
        g_assert_nonnull (strstr (bad_error->message, bad[i].says[s]));
    }
}

/* The quick scan the fetcher uses to ask for the next page: the row count and last key as
 * the full parse sees them, documents passed over, the same errors for broken replies. */
static void
test_scan (void)
{
  const char *reply =
    "{\"total_rows\":3,\"offset\":0,\"rows\":[\r\n"
    "{\"id\":\"a\",\"key\":\"a\",\"value\":{\"rev\":\"1-a\"},\"doc\":{\"_id\":\"a\",\"key\":\"no\"}},\r\n"
    "{\"id\":\"b\",\"key\":[\"b\",2],\"value\":{},\"doc\":{\"rows\":[{\"key\":\"no\"}]}}\r\n"
    "]}";
  const char *cut = "{\"total_rows\":3,\"rows\":[{\"id\":\"a\",\"key\":\"a\",\"doc\":{\"x\":";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_ok (reply);
  g_autofree char *last_key = NULL;
  guint n_rows = 0;

  g_assert_true (gd_couch_rows_scan (reply, strlen (reply), &n_rows, &last_key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, rows->len);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpstr (last_key, ==, ((GdCouchRow *) rows->pdata[1])->key);
  g_assert_cmpstr (last_key, ==, "[\"b\",2]");

  g_clear_pointer (&last_key, g_free);
  g_assert_true (gd_couch_rows_scan ("{\"rows\":[]}", 11, &n_rows, &last_key, &error));
  g_assert_cmpuint (n_rows, ==, 0);
  g_assert_null (last_key);

  g_assert_false (gd_couch_rows_scan (cut, strlen (cut), &n_rows, &last_key, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "cut off"));
  g_assert_null (last_key);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/couch-rows/crlf-page", test_crlf_page);
  g_test_add_func ("/couch-rows/compact-page", test_compact_page);
  g_test_add_func ("/couch-rows/empty-page", test_empty_page);
  g_test_add_func ("/couch-rows/unicode", test_unicode);
  g_test_add_func ("/couch-rows/numbers", test_numbers);
  g_test_add_func ("/couch-rows/nested", test_nested);
  g_test_add_func ("/couch-rows/same-as-json-parser", test_same_as_json_parser);
  g_test_add_func ("/couch-rows/malformed", test_malformed);
  g_test_add_func ("/couch-rows/scan", test_scan);
  g_test_add_func ("/couch-rows/split", test_split);
  g_test_add_func ("/couch-rows/split-large", test_split_large);
  g_test_add_func ("/couch-rows/doc-parse", test_doc_parse);
  return g_test_run ();
}
