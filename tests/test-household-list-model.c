/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GdHouseholdListModel: counts, paging, order, items-changed, identity while cached, a
 * bounded cache; and GdHouseholdItem's columns. No display needed. */
#include "config.h"

#include "gd-demo.h"
#include "gd-household-item.h"
#include "gd-household-list-model.h"
#include "gd-register.h"
#include "gd-test-fixtures.h"

#define PAGE GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE

/* one demo village for the read-only tests: generating it takes a few seconds */
static GdStore *village;

/* The items-changed signals since the last check, as "position,removed,added;" … */
typedef struct {
  GString *log;
  guint    n_items_seen; /* n_items as each handler saw it: consistent with the signal */
  gboolean consistent;
} Changes;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Changes *changes)
{
  guint n = g_list_model_get_n_items (model);

  g_string_append_printf (changes->log, "%u,%u,%u;", position, removed, added);
  /* the rows before and after the signal add up */
  if (changes->n_items_seen - removed + added != n)
    changes->consistent = FALSE;
  changes->n_items_seen = n;
}

static void
changes_init (Changes *changes, GListModel *model)
{
  changes->log = g_string_new (NULL);
  changes->n_items_seen = g_list_model_get_n_items (model);
  changes->consistent = TRUE;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);
}

/* All rows out, then the new ones in (each left out when it has no rows). */
static void
assert_replaced (Changes *changes, guint old, guint new)
{
  g_autoptr(GString) expected = g_string_new (NULL);

  if (old > 0)
    g_string_append_printf (expected, "0,%u,0;", old);
  if (new > 0)
    g_string_append_printf (expected, "0,0,%u;", new);
  g_assert_cmpstr (changes->log->str, ==, expected->str);
  g_assert_true (changes->consistent);
  g_string_truncate (changes->log, 0);
}

/* A model that reads on the caller's thread only, so page counts are exact. */
static GdHouseholdListModel *
model_new (GdStore *store)
{
  GdHouseholdListModel *model = gd_household_list_model_new (NULL);

  gd_household_list_model_set_prefetch (model, FALSE);
  gd_household_list_model_set_store (model, store);
  return model;
}

static void
wait_for_prefetch (GdHouseholdListModel *model)
{
  while (gd_household_list_model_is_prefetching (model))
    g_main_context_iteration (NULL, TRUE);
}

static gint64
count_rows (GdStore *store, const GdHouseholdFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gd_store_count_households (store, filter, &error);

  g_assert_no_error (error);
  return n;
}

/* The doc_id of row `position` of the register, asked of the store directly. */
static char *
row_doc_id (GdStore *store, const GdHouseholdFilter *filter, guint position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gd_store_household_page (store, filter, position, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (((GdHouseholdRow *) rows->pdata[0])->doc_id);
}

static void
assert_item_is_row (GdHouseholdListModel *model, guint position)
{
  g_autoptr(GdHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_autofree char *expected = row_doc_id (village, gd_household_list_model_get_filter (model), position);

  g_assert_nonnull (item);
  g_assert_cmpstr (gd_household_item_get_doc_id (item), ==, expected);
}

static void
test_count (void)
{
  GdHouseholdFilter all = { 0 };
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, count_rows (village, &all));
  g_assert_cmpuint (n, >, 4 * PAGE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == GD_TYPE_HOUSEHOLD_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  g_assert_null (gd_household_list_model_get_error (model));
  /* counting reads no page */
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 0);
}

static void
test_positions (void)
{
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  const guint positions[] = { 0, PAGE - 1, PAGE, 2 * PAGE + 17, n - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    assert_item_is_row (model, positions[i]);
  /* pages 0, 2 and the last; 199 and 200 are on pages 0 and 1 */
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 4);
}

static void
test_order (void)
{
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  GListModel *list = G_LIST_MODEL (model);
  guint n = g_list_model_get_n_items (list);
  g_autofree char *previous = NULL;
  g_autofree char *first = NULL;
  GdHouseholdFilter descending = { .sort = GD_HOUSEHOLD_SORT_NUMBER, .descending = TRUE };

  /* every row in number order, across page boundaries */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdHouseholdItem) item = g_list_model_get_item (list, i);
      const char *number = gd_household_item_get_number (item);

      if (previous != NULL)
        g_assert_cmpstr (previous, <=, number);
      g_free (previous);
      previous = g_strdup (number);
      if (i == 0)
        first = g_strdup (number);
    }
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, (n + PAGE - 1) / PAGE);

  gd_household_list_model_set_filter (model, &descending);
  {
    g_autoptr(GdHouseholdItem) top = g_list_model_get_item (list, 0);
    g_autoptr(GdHouseholdItem) bottom = g_list_model_get_item (list, n - 1);

    g_assert_cmpstr (gd_household_item_get_number (top), ==, previous);
    g_assert_cmpstr (gd_household_item_get_number (bottom), ==, first);
  }
}

static void
test_items_changed (void)
{
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  GListModel *list = G_LIST_MODEL (model);
  GdHouseholdFilter tagged = { .care_tag = "elderly_alone" };
  GdHouseholdFilter text = { .text = "幸福路" };
  GdHouseholdFilter none = { .text = "没有这样的住户地址" };
  Changes changes;
  guint all = g_list_model_get_n_items (list);
  guint n_tagged = (guint) count_rows (village, &tagged);
  guint n_text = (guint) count_rows (village, &text);

  g_assert_cmpuint (n_tagged, >, 0);
  g_assert_cmpuint (n_tagged, <, all);
  g_assert_cmpuint (n_text, >, 0);
  changes_init (&changes, list);

  gd_household_list_model_set_filter (model, &tagged);
  assert_replaced (&changes, all, n_tagged);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_tagged);
  {
    g_autoptr(GdHouseholdItem) item = g_list_model_get_item (list, 0);
    g_assert_true (g_strv_contains ((const char * const *) gd_household_item_get_row (item)->tags,
                                    "elderly_alone"));
  }

  /* the same filter again (a copy, with "" for no text) changes nothing */
  {
    GdHouseholdFilter same = { .care_tag = "elderly_alone", .text = "" };
    gd_household_list_model_set_filter (model, &same);
    assert_replaced (&changes, 0, 0);
  }

  gd_household_list_model_set_filter (model, &text);
  assert_replaced (&changes, n_tagged, n_text);
  g_assert_cmpstr (gd_household_list_model_get_filter (model)->text, ==, "幸福路");

  gd_household_list_model_set_filter (model, &none);
  assert_replaced (&changes, n_text, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_null (g_list_model_get_item (list, 0));

  /* from nothing to nothing: no signal */
  none.text = "也没有这样的地址";
  gd_household_list_model_set_filter (model, &none);
  assert_replaced (&changes, 0, 0);

  gd_household_list_model_set_filter (model, NULL);
  assert_replaced (&changes, 0, all);

  gd_household_list_model_reload (model);
  assert_replaced (&changes, all, all);
  g_string_free (changes.log, TRUE);
}

static void
test_identity_and_bounded_cache (void)
{
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  GListModel *list = G_LIST_MODEL (model);
  guint n = g_list_model_get_n_items (list);
  GdHouseholdItem *first = g_list_model_get_item (list, 5);
  GdHouseholdItem *again = g_list_model_get_item (list, 5);
  GWeakRef weak;
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_true (first == again);
  g_object_unref (again);

  /* neighbours on the same page come from the cache */
  for (guint i = 0; i < PAGE; i++)
    g_object_unref (g_list_model_get_item (list, i));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 1);

  /* visiting other pages keeps page 0 while it is among the last 8 used */
  for (guint page = 1; page < GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES; page++)
    g_object_unref (g_list_model_get_item (list, page * PAGE));
  again = g_list_model_get_item (list, 5);
  g_assert_true (first == again);
  g_object_unref (again);
  g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), ==,
                    GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES);

  /* random access never caches more than 8 pages */
  for (guint i = 0; i < 2000; i++)
    {
      g_object_unref (g_list_model_get_item (list, (guint) g_rand_int_range (rand, 0, (gint32) n)));
      g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), <=,
                        GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES);
    }
  g_rand_free (rand);

  /* once page 0 is evicted, the model lets go of its items */
  for (guint page = 1; page <= GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES; page++)
    g_object_unref (g_list_model_get_item (list, page * PAGE));
  g_weak_ref_init (&weak, first);
  g_object_unref (first);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);

  /* a filter change drops the cache */
  {
    GdHouseholdFilter rented = { .rented = TRUE };
    gd_household_list_model_set_filter (model, &rented);
    g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), ==, 0);
  }
}

static void
test_prefetch (void)
{
  g_autoptr(GdHouseholdListModel) model = gd_household_list_model_new (village);
  GListModel *list = G_LIST_MODEL (model);
  GdHouseholdFilter rented = { .rented = TRUE };
  guint n_rented = (guint) count_rows (village, &rented);
  guint64 prefetches;

  g_assert_cmpuint (n_rented, >, PAGE + 4);
  g_assert_cmpuint (n_rented, <=, 2 * PAGE);
  /* the village has 15 pages */
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 14 * PAGE + 7);

  /* page 0 is read on the spot; pages 1 and 2 are read ahead on the worker */
  g_object_unref (g_list_model_get_item (list, 10));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 1);
  g_assert_true (gd_household_list_model_is_prefetching (model));
  wait_for_prefetch (model);
  g_assert_cmpuint (gd_household_list_model_get_n_prefetches (model), ==, 2);
  g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), ==, 3);

  /* scrolling on down finds each next page ready, the rows in order */
  for (guint i = 10; i < 4 * PAGE; i++)
    {
      assert_item_is_row (model, i);
      wait_for_prefetch (model);
    }
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 1);
  /* pages 1 to 5: two ahead of page 3 */
  g_assert_cmpuint (gd_household_list_model_get_n_prefetches (model), ==, 5);
  g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), ==, 6);

  /* a jump reads its page on the spot, then reads ahead from there */
  g_object_unref (g_list_model_get_item (list, 10 * PAGE + 5));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 2);
  wait_for_prefetch (model);
  assert_item_is_row (model, 11 * PAGE + 50);
  assert_item_is_row (model, 12 * PAGE + 199);
  wait_for_prefetch (model);
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 2);

  /* scrolling up reads the pages above */
  g_object_unref (g_list_model_get_item (list, 9 * PAGE + 150));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 3);
  wait_for_prefetch (model);
  assert_item_is_row (model, 8 * PAGE + 100);
  assert_item_is_row (model, 7 * PAGE);
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 3);
  wait_for_prefetch (model);

  /* a row of the page being read ahead waits for that read instead of repeating it */
  {
    g_autoptr(GdHouseholdListModel) fresh = gd_household_list_model_new (village);

    g_object_unref (g_list_model_get_item (G_LIST_MODEL (fresh), 0));
    g_assert_true (gd_household_list_model_is_prefetching (fresh));
    assert_item_is_row (fresh, PAGE + 7);
    g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (fresh), ==, 1);
    g_assert_cmpuint (gd_household_list_model_get_n_prefetches (fresh), ==, 1);
    wait_for_prefetch (fresh);
  }

  /* a page read for an older filter is dropped; the worker goes on with the new rows */
  g_object_unref (g_list_model_get_item (list, 2 * PAGE + 150));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 4);
  g_assert_true (gd_household_list_model_is_prefetching (model));
  gd_household_list_model_set_filter (model, &rented);
  prefetches = gd_household_list_model_get_n_prefetches (model);
  wait_for_prefetch (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_rented);
  g_assert_cmpuint (gd_household_list_model_get_n_prefetches (model), ==, prefetches + 1);
  g_assert_cmpuint (gd_household_list_model_get_n_cached_pages (model), ==, 1);
  assert_item_is_row (model, PAGE + 3);
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 4);

  /* nothing is read past the end */
  assert_item_is_row (model, 0);
  assert_item_is_row (model, n_rented - 1);
  g_assert_false (gd_household_list_model_is_prefetching (model));
  g_assert_cmpuint (gd_household_list_model_get_n_page_fetches (model), ==, 5);
}

static void
test_item_properties (void)
{
  g_autoptr(GdHouseholdListModel) model = model_new (village);
  GdHouseholdFilter tagged = { .care_tag = "dibao" };
  g_autoptr(GdHouseholdItem) item = NULL;
  g_autofree char *number = NULL, *head = NULL, *address = NULL, *grid = NULL, *tags = NULL;
  g_autofree char *updated = NULL, *doc_id = NULL;
  int members = 0;

  gd_household_list_model_set_filter (model, &tagged);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_get (item, "doc-id", &doc_id, "number", &number, "head-name", &head,
                "address", &address, "members", &members, "grid-name", &grid,
                "tags-text", &tags, "updated", &updated, NULL);
  g_assert_cmpstr (doc_id, ==, gd_household_item_get_row (item)->doc_id);
  g_assert_cmpstr (number, ==, gd_household_item_get_row (item)->number);
  g_assert_cmpstr (head, !=, "");
  g_assert_cmpstr (address, !=, "");
  g_assert_cmpint (members, >=, 1);
  /* the grid's name, not its code */
  g_assert_cmpstr (grid, ==, gd_household_item_get_row (item)->grid_name);
  g_assert_false (g_ascii_isdigit (grid[0]));
  g_assert_nonnull (strstr (tags, "Minimum living allowance"));
  /* a date, not the RFC 3339 timestamp */
  g_assert_cmpstr (updated, !=, "");
  g_assert_null (strchr (updated, 'T'));
}

static void
test_format_tags (void)
{
  const char *none[] = { NULL };
  const char *tags[] = { "elderly_alone", "community_correction", "dibao", "released_prisoner", NULL };
  const char *unknown[] = { "no_such_tag", NULL };
  g_autofree char *empty = gd_household_format_tags (none);
  g_autofree char *text = gd_household_format_tags (tags);
  g_autofree char *raw = gd_household_format_tags (unknown);
  g_autofree char *null = gd_household_format_tags (NULL);

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
  /* the sensitive categories never show by name, and only once */
  g_assert_cmpstr (text, ==, "Elderly living alone, Special group, Minimum living allowance (dibao)");
  g_assert_cmpstr (raw, ==, "no_such_tag");
}

/* Small store: no store, and a reload that sees a new household. */
/* Small store: no store, and a reload that sees a new household. */
static void
test_no_store_and_reload (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdHouseholdListModel) model = model_new (NULL);
  g_autoptr(GError) error = NULL;
  Changes changes;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  changes_init (&changes, G_LIST_MODEL (model));

  /* an empty register: nothing to announce */
  gd_household_list_model_set_store (model, f->store);
  assert_replaced (&changes, 0, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("H%04u", i + 1);
      g_autoptr(JsonObject) doc = fixture_household (number, i + 1);
      g_autofree char *id = gd_store_put (f->store, doc, "tester", NULL, &error);
      g_assert_no_error (error);
    }
  gd_household_list_model_reload (model);
  assert_replaced (&changes, 0, 3);
  {
    g_autoptr(GdHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (gd_household_item_get_number (item), ==, "H0003");
    g_assert_cmpstr (gd_household_item_get_head_name (item), ==, "欧阳玲巧");
    g_assert_cmpint (gd_household_item_get_members (item), ==, 2);
    g_assert_cmpstr (gd_household_item_get_grid_name (item), ==, "第一网格");
    g_assert_cmpstr (gd_household_item_get_tags_text (item), ==, "");
  }

  gd_household_list_model_set_store (model, NULL);
  assert_replaced (&changes, 3, 0);
  g_string_free (changes.log, TRUE);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int status;

  /* English names of codes and dates, whatever the caller's LANGUAGE */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("gd-test-hlm-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "village.sqlite", NULL);
  village = gd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_demo_generate (village, GD_DEMO_VILLAGE, 1, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/household-list-model/count", test_count);
  g_test_add_func ("/household-list-model/positions", test_positions);
  g_test_add_func ("/household-list-model/order", test_order);
  g_test_add_func ("/household-list-model/items-changed", test_items_changed);
  g_test_add_func ("/household-list-model/identity-and-bounded-cache", test_identity_and_bounded_cache);
  g_test_add_func ("/household-list-model/prefetch", test_prefetch);
  g_test_add_func ("/household-list-model/item-properties", test_item_properties);
  g_test_add_func ("/household-list-model/format-tags", test_format_tags);
  g_test_add ("/household-list-model/no-store-and-reload", StoreFixture, NULL,
              store_fixture_setup, test_no_store_and_reload, store_fixture_teardown);

  status = g_test_run ();

  gd_store_free (village);
  remove_tree (dir);
  return status;
}
