/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search: names, pinyin (compound surnames), ID and phone tails, addresses; index upkeep. */
#include "config.h"

#include "gd-search.h"
#include "gd-test-fixtures.h"

static char *
put_fixture (StoreFixture *f, const char *number, guint seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = fixture_household (number, seq);
  char *id = gd_store_put (f->store, doc, "tester", NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* The names of the hits, space-separated, for compact assertions. */
static char *
search_names (GdStore *store, const char *query, guint limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gd_store_search (store, query, limit, &error);
  GString *names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      GdSearchHit *hit = hits->pdata[i];
      g_string_append_printf (names, "%s%s%s", names->len ? " " : "",
                              hit->kind == GD_HIT_HOUSEHOLD ? "#" : "", hit->name);
    }
  return g_string_free (names, FALSE);
}

static const char *
first_matched (GdStore *store, const char *query)
{
  static char matched[32];
  g_autoptr(GPtrArray) hits = gd_store_search (store, query, 5, NULL);

  g_assert_cmpuint (hits->len, >, 0);
  g_strlcpy (matched, ((GdSearchHit *) hits->pdata[0])->matched, sizeof matched);
  return matched;
}

static void
test_name_substring (StoreFixture *f, gconstpointer data)
{
  g_autofree char *id = put_fixture (f, "H0001", 1);
  g_autofree char *a = search_names (f->store, "玲巧", 10);
  g_autofree char *b = search_names (f->store, "欧阳", 10);
  g_autofree char *c = search_names (f->store, "张伟", 10);
  g_autofree char *d = search_names (f->store, "李四", 10);

  g_assert_cmpstr (a, ==, "欧阳玲巧");
  g_assert_cmpstr (b, ==, "欧阳玲巧");
  g_assert_cmpstr (c, ==, "张伟");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (first_matched (f->store, "玲巧"), ==, "name");
}

static void
test_pinyin (StoreFixture *f, gconstpointer data)
{
  g_autofree char *id = put_fixture (f, "H0002", 2);
  g_autofree char *initials = search_names (f->store, "oylq", 10);
  g_autofree char *upper = search_names (f->store, "OYLQ", 10);
  g_autofree char *prefix = search_names (f->store, "oy", 10);
  g_autofree char *full = search_names (f->store, "ouyanglingqiao", 10);
  g_autofree char *zw = search_names (f->store, "zw", 10);
  g_autofree char *none = search_names (f->store, "qqqq", 10);

  g_assert_cmpstr (initials, ==, "欧阳玲巧");
  g_assert_cmpstr (upper, ==, "欧阳玲巧");
  g_assert_cmpstr (prefix, ==, "欧阳玲巧");
  g_assert_cmpstr (full, ==, "欧阳玲巧");
  g_assert_cmpstr (zw, ==, "张伟");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (first_matched (f->store, "oylq"), ==, "pinyin");
}

static void
test_id_and_phone (StoreFixture *f, gconstpointer data)
{
  g_autofree char *id = put_fixture (f, "H0003", 3);
  g_autofree char *head_id = fixture_id_number ("19850312", 6);
  g_autofree char *tail = g_strdup (head_id + 14);
  g_autofree char *by_full = search_names (f->store, head_id, 10);
  g_autofree char *by_tail = search_names (f->store, tail, 10);
  g_autofree char *by_phone = search_names (f->store, "13912345678", 10);
  g_autofree char *by_phone_tail = search_names (f->store, "5678", 10);
  g_autofree char *lower_x = NULL;

  g_assert_cmpstr (by_full, ==, "欧阳玲巧");
  g_assert_cmpstr (by_tail, ==, "欧阳玲巧");
  g_assert_cmpstr (by_phone, ==, "欧阳玲巧");
  g_assert_cmpstr (by_phone_tail, ==, "欧阳玲巧");
  g_assert_cmpstr (first_matched (f->store, tail), ==, "id_number");
  g_assert_cmpstr (first_matched (f->store, "5678"), ==, "phone");

  /* a check char X is found typed either way */
  if (head_id[17] == 'X')
    {
      head_id[17] = 'x';
      lower_x = search_names (f->store, head_id, 10);
      g_assert_cmpstr (lower_x, ==, "欧阳玲巧");
    }
}

/* A person is found by either form of the citizen ID: the 15-digit legacy form of a stored
 * 18-digit number, and the 18-digit form of a stored legacy one. */
static void
test_legacy_id_forms (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) legacy = fixture_household ("H0006", 6);
  g_autofree char *id = put_fixture (f, "H0005", 5);
  g_autofree char *full = fixture_id_number ("19850312", 10);
  g_autofree char *other_full = fixture_id_number ("19850312", 12);
  g_autofree char *other_id = NULL;
  g_autofree char *by_old = NULL;
  g_autofree char *by_new = NULL;
  JsonObject *head = json_array_get_object_element (json_object_get_array_member (legacy, "members"), 0);
  char old[16], other_old[16];

  g_assert_true (gd_idcard_legacy_form (full, old));
  by_old = search_names (f->store, old, 10);
  g_assert_cmpstr (by_old, ==, "欧阳玲巧");

  g_assert_true (gd_idcard_legacy_form (other_full, other_old));
  json_object_set_string_member (head, "id_number", other_old);
  json_object_set_string_member (head, "name", "欧阳老号");
  other_id = gd_store_put (f->store, legacy, "tester", NULL, &error);
  g_assert_no_error (error);
  by_new = search_names (f->store, other_full, 10);
  g_assert_cmpstr (by_new, ==, "欧阳老号");
}

static void
test_address (StoreFixture *f, gconstpointer data)
{
  g_autofree char *id = put_fixture (f, "H0004", 4);
  g_autofree char *fragment = search_names (f->store, "三组12号", 10);
  /* longer than the indexed key length: still found, and checked against the whole address */
  g_autofree char *whole = search_names (f->store, "新兴镇新兴村三组12号", 10);
  g_autofree char *wrong_tail = search_names (f->store, "新兴镇新兴村三组12号楼", 10);

  g_assert_cmpstr (fragment, ==, "#欧阳玲巧");
  g_assert_cmpstr (whole, ==, "#欧阳玲巧");
  g_assert_cmpstr (wrong_tail, ==, "");
}

static void
test_index_follows_edits (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = put_fixture (f, "H0005", 5);
  g_autoptr(JsonObject) doc = gd_store_get (f->store, id, &error);
  JsonObject *head = json_array_get_object_element (json_object_get_array_member (doc, "members"), 0);
  g_autofree char *saved = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *after_delete = NULL;

  json_object_set_string_member (head, "name", "司马光");
  saved = gd_store_put (f->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  old_name = search_names (f->store, "oylq", 10);
  new_name = search_names (f->store, "smg", 10);
  g_assert_cmpstr (old_name, ==, "");
  g_assert_cmpstr (new_name, ==, "司马光");

  g_assert_true (gd_store_delete (f->store, id, "tester", &error));
  after_delete = search_names (f->store, "司马", 10);
  g_assert_cmpstr (after_delete, ==, "");
}

static void
test_limit_and_empty (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *number = g_strdup_printf ("H01%02u", i);
      g_autofree char *id = put_fixture (f, number, 10 + i);
    }
  hits = gd_store_search (f->store, "张伟", 4, NULL);
  g_assert_cmpuint (hits->len, ==, 4);
  empty = gd_store_search (f->store, "   ", 4, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/search/name-substring", test_name_substring);
  ADD ("/search/pinyin", test_pinyin);
  ADD ("/search/id-and-phone", test_id_and_phone);
  ADD ("/search/legacy-id-forms", test_legacy_id_forms);
  ADD ("/search/address", test_address);
  ADD ("/search/index-follows-edits", test_index_follows_edits);
  ADD ("/search/limit-and-empty", test_limit_and_empty);
  return g_test_run ();
}
