/* test-address-prefix.c: the address part a scope's households share (issue 18).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-address-prefix"

#include "config.h"

#include <glib/gstdio.h>

#include "gd-address-prefix.h"
#include "gd-demo.h"

static void
test_common (void)
{
  g_autofree char *same_town = gd_address_prefix_common ("江苏省盐城市亭湖区新兴镇幸福路22号1室",
                                                         "江苏省盐城市亭湖区新兴镇幸福路3号");
  g_autofree char *other_town = gd_address_prefix_common ("江苏省盐城市亭湖区新兴镇幸福路22号",
                                                          "江苏省盐城市亭湖区南洋镇东路1号");
  g_autofree char *nothing = gd_address_prefix_common ("幸福路1号", "幸福路2号");
  g_autofree char *none = gd_address_prefix_common (NULL, "幸福路2号");

  /* cut after the town: the shared street 幸福路 stays in the rows */
  g_assert_cmpstr (same_town, ==, "江苏省盐城市亭湖区新兴镇");
  g_assert_cmpstr (other_town, ==, "江苏省盐城市亭湖区");
  g_assert_cmpstr (nothing, ==, "");
  g_assert_cmpstr (none, ==, "");
}

static void
test_strip (void)
{
  g_assert_cmpstr (gd_address_prefix_strip ("江苏省盐城市幸福路1号", "江苏省盐城市"), ==, "幸福路1号");
  /* nothing would be left, another start, no prefix: the address as it is */
  g_assert_cmpstr (gd_address_prefix_strip ("江苏省盐城市", "江苏省盐城市"), ==, "江苏省盐城市");
  g_assert_cmpstr (gd_address_prefix_strip ("浙江省杭州市1号", "江苏省盐城市"), ==, "浙江省杭州市1号");
  g_assert_cmpstr (gd_address_prefix_strip ("幸福路1号", ""), ==, "幸福路1号");
  g_assert_null (gd_address_prefix_strip (NULL, "江苏省"));
}

static void
test_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gd-test-address-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "village.db", NULL);
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *prefix = NULL;
  GdDemoCounts counts = { 0 };

  store = gd_store_open (path, &error);
  g_assert_no_error (error);
  empty = gd_store_address_prefix (store);
  g_assert_cmpstr (empty, ==, "");

  g_assert_true (gd_demo_generate (store, GD_DEMO_VILLAGE, 1, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the demo village lies in 江苏省盐城市亭湖区新兴镇 */
  prefix = gd_store_address_prefix (store);
  g_assert_cmpstr (prefix, ==, "江苏省盐城市亭湖区新兴镇");

  g_clear_pointer (&store, gd_store_unref);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/address-prefix/common", test_common);
  g_test_add_func ("/address-prefix/strip", test_strip);
  g_test_add_func ("/address-prefix/store", test_store);
  return g_test_run ();
}
