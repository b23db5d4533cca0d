/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cluster.c: clustering conserves counts at every zoom; the map's points follow the
 * documents (put, move, delete); per-grid measures; overdue incidents. */

#include "config.h"

#include "gd-cluster.h"
#include "gd-map-points.h"
#include "gd-test-fixtures.h"

static GArray *
random_points (guint n, guint32 seed)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (GdMapPoint));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      GdMapPoint point = { 0 };

      /* most in a small town, a few far away, some exactly on top of each other */
      if (i % 10 == 9)
        {
          point.lon = g_rand_double_range (rand, 73, 135);
          point.lat = g_rand_double_range (rand, 18, 53);
        }
      else if (i % 10 == 8 && i > 0)
        {
          point.lon = g_array_index (points, GdMapPoint, i - 1).lon;
          point.lat = g_array_index (points, GdMapPoint, i - 1).lat;
        }
      else
        {
          point.lon = g_rand_double_range (rand, 120.10, 120.22);
          point.lat = g_rand_double_range (rand, 33.33, 33.43);
        }
      point.x = gd_geo_mercator_x (point.lon);
      point.y = gd_geo_mercator_y (point.lat);
      point.kind = (guint8) (i % GD_MAP_N_KINDS);
      point.state = point.kind == GD_MAP_INCIDENT && i % 7 == 0 ? GD_MAP_STATE_OVERDUE : GD_MAP_STATE_ACTIVE;
      g_array_append_val (points, point);
    }
  return points;
}

static void
test_counts_conserved (void)
{
  g_autoptr(GArray) points = random_points (20000, 42);
  guint previous = 0;
  guint overdue_total = 0;

  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, GdMapPoint, i).state == GD_MAP_STATE_OVERDUE)
      overdue_total++;

  for (int zoom = 0; zoom <= 20; zoom++)
    {
      g_autoptr(GArray) clusters = gd_cluster_points (points, zoom, 64, GD_MAP_ALL_KINDS, TRUE);
      guint total = 0, overdue = 0;

      for (guint i = 0; i < clusters->len; i++)
        {
          GdCluster *cluster = &g_array_index (clusters, GdCluster, i);
          const GdMapPoint *first = &g_array_index (points, GdMapPoint, cluster->first);

          total += cluster->count;
          overdue += cluster->overdue;
          g_assert_cmpuint (cluster->count, >, 0);
          /* a cluster holds one kind, and its representative is of that kind */
          g_assert_cmpuint (first->kind, ==, cluster->kind);
          if (cluster->count == 1)
            {
              g_assert_cmpfloat_with_epsilon (cluster->x, first->x, 1e-12);
              g_assert_cmpfloat_with_epsilon (cluster->y, first->y, 1e-12);
            }
        }
      g_assert_cmpuint (total, ==, points->len);
      g_assert_cmpuint (overdue, ==, overdue_total);
      /* zooming in never merges: at least as many clusters as one level out */
      g_assert_cmpuint (clusters->len, >=, previous);
      previous = clusters->len;
    }
  /* at zoom 0 with 64 px cells there are 4 x 4 cells and one cluster per kind at most */
  {
    g_autoptr(GArray) clusters = gd_cluster_points (points, 0, 64, GD_MAP_ALL_KINDS, TRUE);
    g_assert_cmpuint (clusters->len, <=, 16 * GD_MAP_N_KINDS);
  }
}

static void
test_kind_filter (void)
{
  g_autoptr(GArray) points = random_points (3000, 7);
  g_autoptr(GArray) clusters = gd_cluster_points (points, 14, 48, GD_MAP_KIND_BIT (GD_MAP_INCIDENT), TRUE);
  g_autoptr(GArray) open = NULL;
  guint total = 0, closed = 0;
  /* every GD_MAP_N_KINDS-th point is an incident */
  const guint incidents = (3000 + GD_MAP_N_KINDS - 1 - GD_MAP_INCIDENT) / GD_MAP_N_KINDS;

  for (guint i = 0; i < clusters->len; i++)
    {
      g_assert_cmpuint (g_array_index (clusters, GdCluster, i).kind, ==, GD_MAP_INCIDENT);
      total += g_array_index (clusters, GdCluster, i).count;
    }
  g_assert_cmpuint (total, ==, incidents);

  /* without closed cases: exactly the closed ones are left out */
  for (guint i = 0; i < points->len; i++)
    if (i % 5 == 0)
      {
        g_array_index (points, GdMapPoint, i).state = GD_MAP_STATE_CLOSED;
        closed += g_array_index (points, GdMapPoint, i).kind == GD_MAP_INCIDENT;
      }
  open = gd_cluster_points (points, 14, 48, GD_MAP_KIND_BIT (GD_MAP_INCIDENT), FALSE);
  total = 0;
  for (guint i = 0; i < open->len; i++)
    total += g_array_index (open, GdCluster, i).count;
  g_assert_cmpuint (closed, >, 0);
  g_assert_cmpuint (total, ==, incidents - closed);
}

static char *
put_household_at (StoreFixture *fixture, const char *number, guint seq, double lat, double lon)
{
  g_autoptr(JsonObject) doc = fixture_household (number, seq);
  JsonObject *location = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_double_member (location, "lat", lat);
  json_object_set_double_member (location, "lon", lon);
  json_object_set_object_member (doc, "location", location);
  id = gd_store_put (fixture->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_points_follow_documents (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = put_household_at (fixture, "0001", 1, 33.38, 120.16);
  g_autofree char *b = put_household_at (fixture, "0002", 2, 33.39, 120.17);
  g_autoptr(GdMapPoints) all = NULL;
  g_autoptr(GdMapPoints) box = NULL;
  g_autoptr(GdMapPoints) moved = NULL;
  g_autoptr(GdMapPoints) after_delete = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *id = NULL;
  GdGeoBounds bounds = { 120.155, 33.375, 120.165, 33.385 };

  all = gd_map_points_query (fixture->store, NULL, GD_MAP_ALL_KINDS, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->points->len, ==, 2);

  box = gd_map_points_query (fixture->store, &bounds, GD_MAP_ALL_KINDS, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box->points->len, ==, 1);
  g_assert_cmpstr (g_array_index (box->points, GdMapPoint, 0).doc_id, ==, a);
  g_assert_cmpstr (g_array_index (box->points, GdMapPoint, 0).grid, ==, FIXTURE_GRID);

  /* dragging a point writes the document: the map table follows */
  doc = gd_store_get (fixture->store, b, &error);
  g_assert_no_error (error);
  json_object_set_double_member (gd_json_get_object (doc, "location"), "lat", 33.381);
  json_object_set_double_member (gd_json_get_object (doc, "location"), "lon", 120.161);
  id = gd_store_put (fixture->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  moved = gd_map_points_query (fixture->store, &bounds, GD_MAP_ALL_KINDS, 0, &error);
  g_assert_cmpuint (moved->points->len, ==, 2);

  g_assert_true (gd_store_delete (fixture->store, a, "tester", &error));
  after_delete = gd_map_points_query (fixture->store, NULL, GD_MAP_ALL_KINDS, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_delete->points->len, ==, 1);
  g_assert_cmpstr (g_array_index (after_delete->points, GdMapPoint, 0).doc_id, ==, b);

  /* only households asked for: none of other kinds; none when households are left out */
  {
    g_autoptr(GdMapPoints) none = gd_map_points_query (fixture->store, NULL,
                                                       GD_MAP_KIND_BIT (GD_MAP_INCIDENT), 0, &error);
    g_assert_cmpuint (none->points->len, ==, 0);
  }
}

static void
test_states (void)
{
  const char *now = "2026-11-20T09:00:00Z";

  g_assert_cmpint (gd_map_state_for (GD_MAP_HOUSEHOLD, NULL, NULL, now), ==, GD_MAP_STATE_NONE);
  g_assert_cmpint (gd_map_state_for (GD_MAP_INCIDENT, "registered", "2026-11-25T00:00:00Z", now),
                   ==, GD_MAP_STATE_NEW);
  g_assert_cmpint (gd_map_state_for (GD_MAP_INCIDENT, "in_progress", "2026-11-19T00:00:00Z", now),
                   ==, GD_MAP_STATE_OVERDUE);
  /* archived is never overdue, whatever its deadline */
  g_assert_cmpint (gd_map_state_for (GD_MAP_INCIDENT, "archived", "2026-11-19T00:00:00Z", now),
                   ==, GD_MAP_STATE_CLOSED);
  g_assert_cmpint (gd_map_state_for (GD_MAP_DISPUTE, "mediating", "2026-11-19T00:00:00Z", now),
                   ==, GD_MAP_STATE_ACTIVE);
  g_assert_cmpint (gd_map_state_for (GD_MAP_INCIDENT, "verifying", NULL, now), ==, GD_MAP_STATE_CHECKING);
}

static void
test_measures (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = put_household_at (fixture, "0001", 1, 33.38, 120.16);
  g_autofree char *b = put_household_at (fixture, "0002", 2, 33.39, 120.17);
  g_autoptr(GHashTable) measures = gd_map_grid_measures (fixture->store, 0, &error);
  GdGridMeasures *m;

  g_assert_no_error (error);
  m = g_hash_table_lookup (measures, FIXTURE_GRID);
  g_assert_nonnull (m);
  g_assert_cmpuint (m->households, ==, 2);
  g_assert_cmpuint (m->open_incidents, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/counts-conserved", test_counts_conserved);
  g_test_add_func ("/cluster/kind-filter", test_kind_filter);
  g_test_add_func ("/cluster/states", test_states);
  g_test_add ("/cluster/points-follow-documents", StoreFixture, NULL, store_fixture_setup,
              test_points_follow_documents, store_fixture_teardown);
  g_test_add ("/cluster/measures", StoreFixture, NULL, store_fixture_setup, test_measures,
              store_fixture_teardown);

  return g_test_run ();
}
