/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-basemap.c: the demo basemap drawn from a store's own geometry into MBTiles:
 * the tiles cover the area at every zoom asked for, are PNG images, carry the metadata the
 * map needs, and a cancelled run leaves no file behind. */

#include "config.h"

#include <math.h>

#include "gd-basemap.h"
#include "gd-error.h"
#include "gd-geo.h"
#include "gd-mbtiles.h"
#include "gd-test-fixtures.h"

static void
put_boundary_grid (StoreFixture *fixture)
{
  fixture_put_grid_boundary (fixture->store, "320902101001002", "第二网格",
                             "{\"type\":\"Polygon\",\"coordinates\":[[[120.150,33.370],[120.170,33.370],"
                             "[120.170,33.390],[120.150,33.390],[120.150,33.370]]]}");
}

static void
test_render (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gd_basemap_path_for (fixture->path);
  g_autoptr(GdMbtiles) mbtiles = NULL;
  g_autoptr(GBytes) tile = NULL;
  guint n_tiles = 0;
  GdGeoBounds bounds;
  double n = ldexp (1.0, 15);
  int x = (int) floor (gd_geo_mercator_x (120.16) * n);
  int y = (int) floor (gd_geo_mercator_y (33.38) * n);

  g_assert_true (g_str_has_suffix (path, "test.basemap.mbtiles"));
  put_boundary_grid (fixture);
  g_assert_true (gd_basemap_render (fixture->store, path, 14, 15, &n_tiles, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_tiles, >, 4);

  mbtiles = gd_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gd_mbtiles_get_min_zoom (mbtiles), ==, 14);
  g_assert_cmpuint (gd_mbtiles_get_max_zoom (mbtiles), ==, 15);
  g_assert_true (gd_mbtiles_get_bounds (mbtiles, &bounds));
  g_assert_cmpfloat_with_epsilon (bounds.west, 120.150, 1e-5);
  g_assert_cmpfloat_with_epsilon (bounds.north, 33.390, 1e-5);
  g_assert_nonnull (gd_mbtiles_get_metadata (mbtiles, "attribution"));

  /* the tile under the grid's middle, by XYZ coordinates, is a PNG */
  tile = gd_mbtiles_read_tile (mbtiles, 15, x, y, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tile);
  g_assert_cmpmem (g_bytes_get_data (tile, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  /* and nothing far away */
  g_assert_null (gd_mbtiles_read_tile (mbtiles, 15, x + 40, y, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gd_basemap_path_for (fixture->path);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  put_boundary_grid (fixture);
  g_cancellable_cancel (cancellable);
  g_assert_false (gd_basemap_render (fixture->store, path, 14, 15, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_nothing_to_draw (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gd_basemap_path_for (fixture->path);

  /* the fixture's grid has no boundary */
  g_assert_false (gd_basemap_render (fixture->store, path, 14, 15, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/basemap/render", StoreFixture, NULL, store_fixture_setup, test_render,
              store_fixture_teardown);
  g_test_add ("/basemap/cancelled", StoreFixture, NULL, store_fixture_setup, test_cancelled,
              store_fixture_teardown);
  g_test_add ("/basemap/nothing-to-draw", StoreFixture, NULL, store_fixture_setup,
              test_nothing_to_draw, store_fixture_teardown);

  return g_test_run ();
}
