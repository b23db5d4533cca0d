/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-geo.c: point-in-polygon (concave outlines, holes, multipolygons, edges), label points,
 * Mercator and GCJ-02 round trips, and which grid a point belongs to through a real store. */

#include "config.h"

#include <math.h>

#include "gd-error.h"
#include "gd-geo.h"
#include "gd-test-fixtures.h"

static GdGeoShape *
shape_from_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  GdGeoShape *shape;

  g_assert_nonnull (node);
  shape = gd_geo_shape_new_from_geojson (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return shape;
}

/* A U open to the north: 0..3 wide, the notch x 1..2, y 1..3 is outside. */
#define U_SHAPE \
  "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[3,0],[3,3],[2,3],[2,1],[1,1],[1,3],[0,3],[0,0]]]}"

static void
test_concave (void)
{
  g_autoptr(GdGeoShape) shape = shape_from_json (U_SHAPE);
  double lon, lat;

  g_assert_true (gd_geo_shape_contains (shape, 0.5, 2.5));   /* left arm */
  g_assert_true (gd_geo_shape_contains (shape, 2.5, 2.5));   /* right arm */
  g_assert_true (gd_geo_shape_contains (shape, 1.5, 0.5));   /* the base */
  g_assert_false (gd_geo_shape_contains (shape, 1.5, 2.0));  /* the notch: inside the box */
  g_assert_false (gd_geo_shape_contains (shape, 1.5, 1.0001));
  g_assert_false (gd_geo_shape_contains (shape, 3.5, 1.0));
  g_assert_false (gd_geo_shape_contains (shape, -0.1, 1.0));
  /* a ray from a notch point crosses vertices at the same latitude: still outside */
  g_assert_false (gd_geo_shape_contains (shape, 1.5, 3.0));

  /* edges and vertices belong to the shape */
  g_assert_true (gd_geo_shape_contains (shape, 0.0, 1.5));
  g_assert_true (gd_geo_shape_contains (shape, 2.0, 2.0));
  g_assert_true (gd_geo_shape_contains (shape, 3.0, 3.0));

  /* the centroid of a U lies in the notch; the label point must not */
  gd_geo_shape_label_point (shape, &lon, &lat);
  g_assert_true (gd_geo_shape_contains (shape, lon, lat));

  g_assert_cmpfloat (gd_geo_shape_get_bounds (shape)->east, ==, 3.0);
  g_assert_cmpfloat (gd_geo_shape_get_bounds (shape)->north, ==, 3.0);
}

static void
test_holes (void)
{
  /* a square 0..10 with a square hole 4..6 (clockwise, as GeoJSON holes are) */
  g_autoptr(GdGeoShape) shape = shape_from_json (
    "{\"type\":\"Polygon\",\"coordinates\":["
    "[[0,0],[10,0],[10,10],[0,10],[0,0]],"
    "[[4,4],[4,6],[6,6],[6,4],[4,4]]]}");

  g_assert_cmpuint (gd_geo_shape_get_n_rings (shape), ==, 2);
  g_assert_true (gd_geo_shape_contains (shape, 1, 1));
  g_assert_true (gd_geo_shape_contains (shape, 3.9, 5));
  g_assert_false (gd_geo_shape_contains (shape, 5, 5));      /* in the hole */
  g_assert_false (gd_geo_shape_contains (shape, 4.1, 5.9));
  g_assert_true (gd_geo_shape_contains (shape, 6.5, 5));
  g_assert_false (gd_geo_shape_contains (shape, 11, 5));
}

static void
test_multipolygon (void)
{
  /* two islands, the second with a hole; the gap between them is outside */
  g_autoptr(GdGeoShape) shape = shape_from_json (
    "{\"type\":\"MultiPolygon\",\"coordinates\":["
    "[[[0,0],[2,0],[2,2],[0,2],[0,0]]],"
    "[[[5,0],[9,0],[9,4],[5,4],[5,0]],[[6,1],[8,1],[8,3],[6,3],[6,1]]]]}");

  g_assert_true (gd_geo_shape_contains (shape, 1, 1));
  g_assert_false (gd_geo_shape_contains (shape, 3.5, 1));
  g_assert_true (gd_geo_shape_contains (shape, 5.5, 2));
  g_assert_false (gd_geo_shape_contains (shape, 7, 2));
  g_assert_true (gd_geo_shape_contains (shape, 8.5, 3.5));
}

static void
test_bad_geometry (void)
{
  const char *cases[] = {
    "{\"type\":\"Point\",\"coordinates\":[1,2]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,\"a\"],[1,1],[0,0]]]}",
    "{\"type\":\"Polygon\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i], NULL);
      g_autoptr(GError) error = NULL;
      GdGeoShape *shape = gd_geo_shape_new_from_geojson (json_node_get_object (node), &error);

      if (i == 2)
        {
          /* a string where a number belongs reads as 0 in json-glib: still a polygon */
          g_assert_nonnull (shape);
          gd_geo_shape_free (shape);
          continue;
        }
      g_assert_null (shape);
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
    }
}

static void
test_projections (void)
{
  double lat, lon, back_lat, back_lon;

  g_assert_cmpfloat_with_epsilon (gd_geo_mercator_x (0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (gd_geo_mercator_y (0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (gd_geo_mercator_lat (gd_geo_mercator_y (33.38)), 33.38, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_geo_mercator_lon (gd_geo_mercator_x (120.16)), 120.16, 1e-9);
  /* north is up: a larger latitude has a smaller y */
  g_assert_cmpfloat (gd_geo_mercator_y (34), <, gd_geo_mercator_y (33));

  /* GCJ-02 moves a point in Yancheng by a few hundred metres, and the inverse undoes it */
  gd_geo_wgs84_to_gcj02 (33.38, 120.16, &lat, &lon);
  g_assert_cmpfloat (fabs (lat - 33.38) + fabs (lon - 120.16), >, 0.001);
  g_assert_cmpfloat (fabs (lat - 33.38) + fabs (lon - 120.16), <, 0.02);
  gd_geo_gcj02_to_wgs84 (lat, lon, &back_lat, &back_lon);
  g_assert_cmpfloat_with_epsilon (back_lat, 33.38, 1e-7);
  g_assert_cmpfloat_with_epsilon (back_lon, 120.16, 1e-7);

  /* outside China nothing moves */
  gd_geo_wgs84_to_gcj02 (51.5, -0.12, &lat, &lon);
  g_assert_cmpfloat (lat, ==, 51.5);
  g_assert_cmpfloat (lon, ==, -0.12);
}

static void
test_grid_at (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in_u = NULL;
  g_autofree char *in_notch = NULL;
  g_autofree char *outside = NULL;

  /* the U moved to Yancheng (lon 120.10..120.13, lat 33.30..33.33), and a second grid
   * filling its notch (lon 120.11..120.12, lat 33.31..33.33) */
  fixture_put_grid_boundary (fixture->store, "320902101001002", "第二网格",
            "{\"type\":\"Polygon\",\"coordinates\":[[[120.10,33.30],[120.13,33.30],[120.13,33.33],"
            "[120.12,33.33],[120.12,33.31],[120.11,33.31],[120.11,33.33],[120.10,33.33],[120.10,33.30]]]}");
  fixture_put_grid_boundary (fixture->store, "320902101001003", "第三网格",
            "{\"type\":\"Polygon\",\"coordinates\":[[[120.11001,33.31001],[120.11999,33.31001],"
            "[120.11999,33.33],[120.11001,33.33],[120.11001,33.31001]]]}");

  /* the right arm, the left arm, and the notch the U's bounding box covers */
  in_u = gd_geo_grid_at (fixture->store, 33.325, 120.125, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (in_u, ==, "320902101001002");
  g_clear_pointer (&in_u, g_free);
  in_u = gd_geo_grid_at (fixture->store, 33.325, 120.105, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (in_u, ==, "320902101001002");
  in_notch = gd_geo_grid_at (fixture->store, 33.32, 120.115, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (in_notch, ==, "320902101001003");

  outside = gd_geo_grid_at (fixture->store, 33.35, 120.115, &error);
  g_assert_null (outside);
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "outside every grid"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geo/concave", test_concave);
  g_test_add_func ("/geo/holes", test_holes);
  g_test_add_func ("/geo/multipolygon", test_multipolygon);
  g_test_add_func ("/geo/bad-geometry", test_bad_geometry);
  g_test_add_func ("/geo/projections", test_projections);
  g_test_add ("/geo/grid-at", StoreFixture, NULL, store_fixture_setup, test_grid_at,
              store_fixture_teardown);

  return g_test_run ();
}
