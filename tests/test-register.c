/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Register pages: filters (text, grid, residence, care tag, rented), sorting, paging, tree. */
#include "config.h"

#include "gd-register.h"
#include "gd-test-fixtures.h"

#define SECOND_GRID "320902101001002"

static void
setup (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) grid = fixture_grid (SECOND_GRID, "第二网格");
  g_autofree char *grid_id = NULL;

  store_fixture_setup (f, data);
  grid_id = gd_store_put (f->store, grid, "tester", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *number = g_strdup_printf ("H%04u", 12 - i);
      g_autoptr(JsonObject) doc = fixture_household (number, i + 1);
      JsonObject *head = json_array_get_object_element (json_object_get_array_member (doc, "members"), 0);
      g_autofree char *id = NULL;

      if (i % 3 == 0)
        json_object_set_string_member (doc, "grid", SECOND_GRID);
      if (i == 4)
        {
          JsonObject *rental = json_object_new ();
          json_object_set_string_member (doc, "housing", "rented");
          json_object_set_string_member (rental, "landlord", "房东甲");
          json_object_set_string_member (rental, "since", "2025-01-01");
          json_object_set_object_member (doc, "rental", rental);
          json_object_set_string_member (head, "residence", "floating");
        }
      if (i == 5 || i == 6)
        {
          JsonArray *tags = json_array_new ();
          json_array_add_string_element (tags, "dibao");
          json_object_set_array_member (head, "tags", tags);
        }
      if (i == 7)
        json_object_set_string_member (head, "name", "司马光");
      id = gd_store_put (f->store, doc, "tester", NULL, &error);
      g_assert_no_error (error);
    }
}

static char *
page_numbers (GdStore *store, const GdHouseholdFilter *filter, guint offset, guint limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gd_store_household_page (store, filter, offset, limit, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", ((GdHouseholdRow *) rows->pdata[i])->number);
  return g_string_free (out, FALSE);
}

static void
test_paging_and_sorting (StoreFixture *f, gconstpointer data)
{
  GdHouseholdFilter filter = { 0 };
  g_autofree char *first = page_numbers (f->store, &filter, 0, 3);
  g_autofree char *second = page_numbers (f->store, &filter, 3, 3);
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GdHouseholdRow *row;

  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 12);
  g_assert_cmpstr (first, ==, "H0001 H0002 H0003");
  g_assert_cmpstr (second, ==, "H0004 H0005 H0006");
  filter.descending = TRUE;
  last = page_numbers (f->store, &filter, 0, 2);
  g_assert_cmpstr (last, ==, "H0012 H0011");

  filter.descending = FALSE;
  filter.sort = GD_HOUSEHOLD_SORT_HEAD;
  rows = gd_store_household_page (f->store, &filter, 0, 12, NULL);
  row = rows->pdata[0];
  /* 司马光 sorts by code point before 欧阳玲巧 */
  g_assert_cmpstr (row->head_name, ==, "司马光");
  g_assert_cmpint (row->members, ==, 2);
  g_assert_cmpstr (row->grid_name, !=, NULL);
}

static void
test_filters (StoreFixture *f, gconstpointer data)
{
  GdHouseholdFilter filter = { 0 };
  g_autoptr(GPtrArray) tagged = NULL;

  filter.grid = SECOND_GRID;
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 4);
  filter.grid = FIXTURE_VILLAGE;
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 12);
  filter.grid = NULL;

  filter.rented = TRUE;
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 1);
  filter.rented = FALSE;

  filter.residence = "floating";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 1);
  filter.residence = NULL;

  filter.care_tag = "dibao";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 2);
  tagged = gd_store_household_page (f->store, &filter, 0, 10, NULL);
  g_assert_cmpstr (((GdHouseholdRow *) tagged->pdata[0])->tags[0], ==, "dibao");
  g_assert_null (((GdHouseholdRow *) tagged->pdata[0])->tags[1]);
  filter.care_tag = NULL;

  /* text goes through the same keys as search: pinyin, name fragments, addresses */
  filter.text = "smg";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 1);
  filter.text = "玲巧";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 11);
  filter.text = "三组12号";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 12);
  filter.text = "新兴镇新兴村三组12号";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 12);
  filter.text = "新兴镇新兴村三组12号楼";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 0);
  filter.text = "H0007";
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 1);

  /* filters combine */
  filter.text = "玲巧";
  filter.grid = SECOND_GRID;
  g_assert_cmpint (gd_store_count_households (f->store, &filter, NULL), ==, 4);
}

static void
test_grid_tree (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tree = gd_store_grid_tree (f->store, &error);
  GdGridNode *village, *first, *second;

  g_assert_no_error (error);
  g_assert_cmpuint (tree->len, ==, 3);
  village = tree->pdata[0];
  first = tree->pdata[1];
  second = tree->pdata[2];
  g_assert_cmpstr (village->level, ==, "village");
  g_assert_cmpstr (first->code, ==, FIXTURE_GRID);
  g_assert_cmpstr (second->code, ==, SECOND_GRID);
  g_assert_cmpint (first->households, ==, 8);
  g_assert_cmpint (second->households, ==, 4);
  g_assert_cmpint (village->households, ==, 12);
  g_assert_cmpint (village->persons, ==, 24);
}

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/register/paging-and-sorting", test_paging_and_sorting);
  ADD ("/register/filters", test_filters);
  ADD ("/register/grid-tree", test_grid_tree);
  return g_test_run ();
}
