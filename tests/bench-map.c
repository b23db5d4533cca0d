/* bench-map: is the map smooth with tens of thousands of points, and how long does it take
 * to open on the demo town?
 *
 * 1. Frames: a GdMapPointsLayer holding 50,000 points, then the same 50,000 plus the town's
 *    organisations (issue 16: their own symbols, clustered too), then every point of the town, is
 *    drawn into a GtkSnapshot offscreen, frame after frame, while the viewport pans across
 *    the town and zooms from the whole town (zoom 12) to street level (zoom 18) and back.
 *    Prints thread CPU time per frame for building the frame (the layer's snapshot: culling,
 *    clustering when the integer zoom changes, one node per item) and for rasterising it
 *    with GSK's cairo renderer (what software rendering would add), p50/p95/max.
 * 2. Opening: a real GdMapView in a window, from set_store() to the data on the map
 *    ("loaded") and to the first frame painted after it, with the offline basemap.
 *
 *   bench-map [--db FILE] [--frames N]
 *
 * Without --db it generates the demo town (≈30,000 households, ≈50,000 incidents) and its
 * basemap into a temp dir first. Needs a display (run under xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <time.h>

#include "gd-basemap.h"
#include "gd-demo.h"
#include "gd-map-load.h"
#include "gd-map-points-layer.h"
#include "gd-map-view.h"

/* the app's compiled-in resources (templates): referenced so the static link keeps them */
GResource *gd_get_resource (void);

#define WIDTH 1280
#define HEIGHT 800
#define BUDGET_MS 8.0

static inline gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline gint64
wall_ns (void)
{
  return g_get_monotonic_time () * 1000;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static void
print_stats (const char *what, GArray *samples)
{
  guint over = 0;

  g_array_sort (samples, compare_gint64);
  for (guint i = 0; i < samples->len; i++)
    if (g_array_index (samples, gint64, i) / 1e6 > BUDGET_MS)
      over++;
  printf ("  %-34s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%u of %u frames over %.0f ms)\n", what,
          g_array_index (samples, gint64, samples->len / 2) / 1e6,
          g_array_index (samples, gint64, (guint) (samples->len * 0.95)) / 1e6,
          g_array_index (samples, gint64, samples->len - 1) / 1e6, over, samples->len, BUDGET_MS);
}

/* a copy of the first `n` points other than organisations (all points when n is 0), and then
 * with `organisations` every organisation */
static GdMapPoints *
take_points (GdMapPoints *all, guint n, gboolean organisations)
{
  GdMapPoints *points = g_new0 (GdMapPoints, 1);

  points->strings = g_string_chunk_new (4096);
  if (n == 0)
    {
      points->points = g_array_sized_new (FALSE, FALSE, sizeof (GdMapPoint), all->points->len);
      g_array_append_vals (points->points, all->points->data, all->points->len);
      return points;
    }
  points->points = g_array_sized_new (FALSE, FALSE, sizeof (GdMapPoint), n);
  for (guint i = 0; i < all->points->len && points->points->len < n; i++)
    if (g_array_index (all->points, GdMapPoint, i).kind != GD_MAP_ORGANISATION)
      g_array_append_val (points->points, g_array_index (all->points, GdMapPoint, i));
  for (guint i = 0; organisations && i < all->points->len; i++)
    if (g_array_index (all->points, GdMapPoint, i).kind == GD_MAP_ORGANISATION)
      g_array_append_val (points->points, g_array_index (all->points, GdMapPoint, i));
  /* doc_id, grid and premises still point into `all`, which outlives the copy */
  return points;
}

static guint
count_kind (GdMapPoints *points, GdMapKind kind)
{
  guint n = 0;

  for (guint i = 0; i < points->points->len; i++)
    n += g_array_index (points->points, GdMapPoint, i).kind == kind;
  return n;
}

/* The worst frame's CPU time, ns: building it (the app's own work on the main thread) and
 * building plus rasterising it with the software renderer. */
typedef struct {
  gint64 build;
  gint64 total;
} Worst;

static Worst
run_frames (GdMapPoints       *all,
            guint              n,
            gboolean           organisations,
            const GdGeoBounds *bounds,
            guint              frames)
{
  ShumateViewport *viewport = shumate_viewport_new ();
  GdMapPointsLayer *layer = g_object_ref_sink (gd_map_points_layer_new (viewport));
  GskRenderer *renderer = gsk_cairo_renderer_new ();
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) raster = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GdMapPoints *points = take_points (all, n, organisations);
  guint count = points->points->len;
  guint n_organisations = count_kind (points, GD_MAP_ORGANISATION);
  Worst worst = { 0, 0 };

  shumate_viewport_set_max_zoom_level (viewport, 20);
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  gd_map_points_layer_set_points (layer, points, FALSE);
  /* every point, closed cases too */
  gd_map_points_layer_set_show_closed (layer, TRUE);

  for (guint f = 0; f < frames; f++)
    {
      /* zoom 12 → 18 → 12 in a triangle wave while panning west to east and back */
      double t = (double) f / frames;
      double zoom = 12 + 6 * (1 - fabs (2 * t - 1));
      double lon = bounds->west + (bounds->east - bounds->west) * (0.5 + 0.45 * sin (2 * G_PI * t * 3));
      double lat = bounds->south + (bounds->north - bounds->south) * (0.5 + 0.45 * cos (2 * G_PI * t * 2));
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      GdkTexture *texture;
      gint64 start, built;

      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);

      start = cpu_ns ();
      snapshot = gtk_snapshot_new ();
      gd_map_points_layer_draw (layer, snapshot, WIDTH, HEIGHT);
      node = gtk_snapshot_free_to_node (snapshot);
      built = cpu_ns ();
      g_array_append_val (build, (gint64) { built - start });
      worst.build = MAX (worst.build, built - start);
      if (node != NULL)
        {
          texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
          gint64 end = cpu_ns ();

          g_array_append_val (raster, (gint64) { end - built });
          worst.total = MAX (worst.total, end - start);
          if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
            g_array_append_val (items, (gint64) { gsk_container_node_get_n_children (node) * G_GINT64_CONSTANT (1000000) });
          g_object_unref (texture);
          gsk_render_node_unref (node);
        }
    }

  printf ("%u points (%u organisations), %u frames of %dx%d, zoom 12–18 while panning:\n", count,
          n_organisations, frames, WIDTH, HEIGHT);
  print_stats ("build frame (layer snapshot)", build);
  print_stats ("rasterise (GSK cairo renderer)", raster);
  g_array_sort (items, compare_gint64);
  if (items->len > 0)
    printf ("  nodes per frame: p50 %.0f, max %.0f\n",
            g_array_index (items, gint64, items->len / 2) / 1e6,
            g_array_index (items, gint64, items->len - 1) / 1e6);

  printf ("  worst frame: build %.2f ms, build + rasterise %.2f ms\n", worst.build / 1e6, worst.total / 1e6);

  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
  g_object_unref (layer);
  g_object_unref (viewport);
  return worst;
}

typedef struct {
  GMainLoop *loop;
  gint64     loaded;
  gint64     painted;
  GtkWidget *view;
} OpenTiming;

static void
on_after_paint (GdkFrameClock *clock, OpenTiming *timing)
{
  if (timing->loaded != 0 && timing->painted == 0)
    {
      timing->painted = wall_ns ();
      g_main_loop_quit (timing->loop);
    }
}

static void
on_loaded (GtkWidget *view, OpenTiming *timing)
{
  timing->loaded = wall_ns ();
  gtk_widget_queue_draw (view);
}

static void
time_open (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = gd_store_open (db_path, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gd_map_view_new ();
  OpenTiming timing = { g_main_loop_new (NULL, FALSE), 0, 0, view };
  gint64 start;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  /* the window on screen first: what is timed is the view, not the window */
  while (g_main_context_pending (NULL) || !gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (view), "after-paint", G_CALLBACK (on_after_paint), &timing);
  g_signal_connect (view, "loaded", G_CALLBACK (on_loaded), &timing);

  start = wall_ns ();
  gd_map_view_set_store (GD_MAP_VIEW (view), store);
  g_main_loop_run (timing.loop);
  printf ("open the map view on %s:\n  data on the map %.0f ms, first frame painted %.0f ms\n",
          db_path, (timing.loaded - start) / 1e6, (timing.painted - start) / 1e6);

  gd_map_view_set_store (GD_MAP_VIEW (view), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_main_loop_unref (timing.loop);
}

int
main (int argc, char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  int frames = 600;
  g_autoptr(GOptionContext) context = g_option_context_new ("- map drawing benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMapData) data = NULL;
  g_autofree char *basemap = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database (default: generate the demo town)", "FILE" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames per run (default 600)", "N" },
    { NULL }
  };
  gint64 start;
  Worst baseline, with_organisations;
  guint n_organisations;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  gtk_init ();
  g_resources_register (gd_get_resource ());

  if (db_path == NULL)
    {
      g_autoptr(GdStore) store = NULL;
      GdDemoCounts counts;
      int min_zoom, max_zoom;
      guint n_tiles = 0;

      dir = g_dir_make_tmp ("gd-bench-map-XXXXXX", &error);
      g_assert_no_error (error);
      db_path = g_build_filename (dir, "town.sqlite", NULL);
      store = gd_store_open (db_path, &error);
      g_assert_no_error (error);
      start = wall_ns ();
      if (!gd_demo_generate (store, GD_DEMO_TOWN, 1, &counts, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("demo town: %u households, %u incidents, %u disputes, %u organisations (%.1f s)\n",
              counts.households, counts.incidents, counts.disputes, counts.organisations,
              (wall_ns () - start) / 1e9);
      basemap = gd_basemap_path_for (db_path);
      gd_basemap_default_zooms (store, &min_zoom, &max_zoom);
      start = wall_ns ();
      if (!gd_basemap_render (store, basemap, min_zoom, max_zoom, &n_tiles, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("demo town basemap: %u tiles, zoom %d–%d (%.1f s)\n", n_tiles, min_zoom, max_zoom,
              (wall_ns () - start) / 1e9);
    }

  start = wall_ns ();
  data = gd_map_load (db_path, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  printf ("read %u points, %u outlines in %.0f ms (worker's share of opening)\n",
          data->points->points->len, data->grids->len, (wall_ns () - start) / 1e6);

  baseline = run_frames (data->points, 50000, FALSE, &data->bounds, (guint) frames);
  with_organisations = run_frames (data->points, 50000, TRUE, &data->bounds, (guint) frames);
  run_frames (data->points, 0, FALSE, &data->bounds, (guint) frames);
  n_organisations = count_kind (data->points, GD_MAP_ORGANISATION);
  printf ("worst frame CPU building it (target ≤ %.0f ms): 50,000 points %.2f ms; with the %u "
          "organisations %.2f ms (%+.2f ms): %s\n", BUDGET_MS, baseline.build / 1e6, n_organisations,
          with_organisations.build / 1e6, (with_organisations.build - baseline.build) / 1e6,
          with_organisations.build / 1e6 <= BUDGET_MS ? "met" : "NOT met");
  printf ("worst frame CPU with software rasterising: 50,000 points %.2f ms; with the organisations "
          "%.2f ms (%+.2f ms)\n", baseline.total / 1e6, with_organisations.total / 1e6,
          (with_organisations.total - baseline.total) / 1e6);
  time_open (db_path);

  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (basemap);
      g_rmdir (dir);
    }
  return 0;
}
