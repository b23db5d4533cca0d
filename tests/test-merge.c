/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Three-way merge of documents and field paths (gd-merge). */
#include "config.h"

#include "gd-json.h"
#include "gd-merge.h"

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = gd_json_parse_object (text, -1, &error);

  g_assert_no_error (error);
  return object;
}

static JsonObject *
merge (const char *base, const char *mine, const char *theirs, GPtrArray *conflicts)
{
  g_autoptr(JsonObject) b = base ? parse (base) : NULL;
  g_autoptr(JsonObject) m = parse (mine);
  g_autoptr(JsonObject) t = parse (theirs);

  return gd_merge_documents (b, m, t, conflicts);
}

static void
assert_json (JsonObject *object, const char *expected)
{
  g_autoptr(JsonObject) want = parse (expected);

  if (!json_object_equal (object, want))
    {
      g_autofree char *got = gd_json_to_string (object, FALSE);
      g_error ("got %s, expected %s", got, expected);
    }
}

static GPtrArray *
conflicts_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gd_merge_conflict_free);
}

static void
test_disjoint (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge ("{\"_id\":\"x\",\"_rev\":\"1-a\",\"a\":1,\"b\":1,\"c\":1}",
                                        "{\"_id\":\"x\",\"_rev\":\"1-a\",\"a\":2,\"b\":1,\"c\":1,\"d\":4}",
                                        "{\"_id\":\"x\",\"_rev\":\"2-b\",\"a\":1,\"b\":3}",
                                        conflicts);

  /* mine changed a and added d, theirs changed b and removed c; the server's _rev wins */
  assert_json (merged, "{\"_id\":\"x\",\"_rev\":\"2-b\",\"a\":2,\"b\":3,\"d\":4}");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_true_conflict (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge ("{\"address\":\"old\",\"same\":1}",
                                        "{\"address\":\"mine\",\"same\":2}",
                                        "{\"address\":\"theirs\",\"same\":2}", conflicts);
  GdMergeConflict *conflict;

  /* the same change on both sides is no conflict; mine stays pending where they differ */
  assert_json (merged, "{\"address\":\"mine\",\"same\":2}");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->path, ==, "address");
  g_assert_cmpstr (json_node_get_string (conflict->mine), ==, "mine");
  g_assert_cmpstr (json_node_get_string (conflict->theirs), ==, "theirs");
}

static void
test_removed_vs_changed (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge ("{\"phone\":\"1\"}", "{}", "{\"phone\":\"2\"}", conflicts);

  assert_json (merged, "{}");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_null (((GdMergeConflict *) conflicts->pdata[0])->mine);
}

static void
test_members_by_id (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge (
    "{\"members\":[{\"id\":\"m1\",\"name\":\"甲\",\"phone\":\"1\"},{\"id\":\"m2\",\"name\":\"乙\"},{\"id\":\"m3\",\"name\":\"丙\"}]}",
    /* mine: m1's phone, m3 removed, m4 added */
    "{\"members\":[{\"id\":\"m1\",\"name\":\"甲\",\"phone\":\"9\"},{\"id\":\"m2\",\"name\":\"乙\"},{\"id\":\"m4\",\"name\":\"丁\"}]}",
    /* theirs: m2 renamed and moved first, m1's name */
    "{\"members\":[{\"id\":\"m2\",\"name\":\"乙乙\"},{\"id\":\"m1\",\"name\":\"甲甲\",\"phone\":\"1\"},{\"id\":\"m3\",\"name\":\"丙\"}]}",
    conflicts);

  assert_json (merged, "{\"members\":[{\"id\":\"m2\",\"name\":\"乙乙\"},"
                       "{\"id\":\"m1\",\"name\":\"甲甲\",\"phone\":\"9\"},{\"id\":\"m4\",\"name\":\"丁\"}]}");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_member_conflict_path (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge ("{\"members\":[{\"id\":\"m1\",\"phone\":\"1\"}]}",
                                        "{\"members\":[{\"id\":\"m1\",\"phone\":\"2\"}]}",
                                        "{\"members\":[{\"id\":\"m1\",\"phone\":\"3\"}]}", conflicts);

  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((GdMergeConflict *) conflicts->pdata[0])->path, ==, "members[id=m1].phone");
  assert_json (merged, "{\"members\":[{\"id\":\"m1\",\"phone\":\"2\"}]}");
}

static void
test_arrays_without_ids (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge ("{\"tags\":[\"a\"]}", "{\"tags\":[\"a\",\"b\"]}",
                                        "{\"tags\":[\"c\"]}", conflicts);

  /* a plain array is one value */
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((GdMergeConflict *) conflicts->pdata[0])->path, ==, "tags");
  assert_json (merged, "{\"tags\":[\"a\",\"b\"]}");
}

static void
test_no_base (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge (NULL, "{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":3,\"c\":4}", conflicts);

  /* both created the same id: what one side alone has is taken, every difference is for a person */
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((GdMergeConflict *) conflicts->pdata[0])->path, ==, "b");
  assert_json (merged, "{\"a\":1,\"b\":2,\"c\":4}");
}

static void
test_updated_at (void)
{
  g_autoptr(GPtrArray) conflicts = conflicts_new ();
  g_autoptr(JsonObject) merged = merge (
    "{\"updated_at\":\"2026-11-20T09:00:00Z\",\"updated_by\":\"a\"}",
    "{\"updated_at\":\"2026-11-21T09:00:00Z\",\"updated_by\":\"me\"}",
    "{\"updated_at\":\"2026-11-22T09:00:00Z\",\"updated_by\":\"them\"}", conflicts);

  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_json (merged, "{\"updated_at\":\"2026-11-22T09:00:00Z\",\"updated_by\":\"them\"}");
}

static void
test_paths (void)
{
  g_autoptr(JsonObject) doc = parse ("{\"a\":{\"b\":1},\"members\":[{\"id\":\"m1\",\"x\":1},{\"id\":\"m2\"}]}");
  g_autoptr(JsonNode) two = json_from_string ("2", NULL);
  g_autoptr(JsonNode) item = json_from_string ("{\"id\":\"m3\",\"x\":3}", NULL);

  g_assert_cmpint (json_node_get_int (gd_merge_path_get (doc, "a.b")), ==, 1);
  g_assert_cmpint (json_node_get_int (gd_merge_path_get (doc, "members[id=m1].x")), ==, 1);
  g_assert_null (gd_merge_path_get (doc, "members[id=m9].x"));
  g_assert_null (gd_merge_path_get (doc, "members[id=m1"));
  g_assert_true (gd_merge_path_set (doc, "members[id=m1].x", two));
  g_assert_true (gd_merge_path_set (doc, "members[id=m3]", item));
  g_assert_true (gd_merge_path_set (doc, "members[id=m2]", NULL));
  g_assert_true (gd_merge_path_set (doc, "a.b", NULL));
  g_assert_false (gd_merge_path_set (doc, "members[id=m9].x", two));
  assert_json (doc, "{\"a\":{},\"members\":[{\"id\":\"m1\",\"x\":2},{\"id\":\"m3\",\"x\":3}]}");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/disjoint", test_disjoint);
  g_test_add_func ("/merge/true-conflict", test_true_conflict);
  g_test_add_func ("/merge/removed-vs-changed", test_removed_vs_changed);
  g_test_add_func ("/merge/members-by-id", test_members_by_id);
  g_test_add_func ("/merge/member-conflict-path", test_member_conflict_path);
  g_test_add_func ("/merge/arrays-without-ids", test_arrays_without_ids);
  g_test_add_func ("/merge/no-base", test_no_base);
  g_test_add_func ("/merge/updated-at", test_updated_at);
  g_test_add_func ("/merge/paths", test_paths);
  return g_test_run ();
}
