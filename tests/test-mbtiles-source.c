/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mbtiles-source.c: the MBTiles data source on a tiny file made here.
 *
 * Proves the TMS row flip both ways (the writer stores TMS rows, the reader answers XYZ
 * requests), that "received-data" is emitted before the read completes (libshumate 1.0's
 * raster renderer needs it), that a missing tile is an error, and that a real
 * ShumateRasterRenderer fills a tile with an image. Needs a main loop, no display. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gd-mbtiles-source.h"

typedef struct {
  char      *dir;
  char      *path;
  GMainLoop *loop;
  GBytes    *received;     /* from the signal */
  int        received_x, received_y, received_zoom;
  gboolean   completed;
  gboolean   signal_before_completion;
  GBytes    *result;
  GError    *error;
} Fixture;

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
png_of_colour (double red, double green, double blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_cb, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMbtiles) mbtiles = NULL;

  fixture->dir = g_dir_make_tmp ("gd-test-mbtiles-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tiny.mbtiles", NULL);
  fixture->loop = g_main_loop_new (NULL, FALSE);

  mbtiles = gd_mbtiles_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "name", "Tiny", &error));
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "format", "png", &error));
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "minzoom", "1", &error));
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "maxzoom", "2", &error));
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "bounds", "120.1,33.3,120.2,33.4", &error));
  g_assert_true (gd_mbtiles_set_metadata (mbtiles, "attribution", "GridDesk demo", &error));
  /* XYZ (x 1, y 0) is the north-east tile at zoom 2: TMS row 3 */
  g_assert_true (gd_mbtiles_write_tile (mbtiles, 2, 1, 0, (const guint8 *) "north", 5, &error));
  g_assert_true (gd_mbtiles_write_tile (mbtiles, 2, 1, 3, (const guint8 *) "south", 5, &error));
  {
    g_autoptr(GBytes) red = png_of_colour (1, 0, 0);
    gsize length;
    const guint8 *bytes = g_bytes_get_data (red, &length);

    g_assert_true (gd_mbtiles_write_tile (mbtiles, 1, 0, 0, bytes, length, &error));
  }
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_main_loop_unref (fixture->loop);
  g_clear_pointer (&fixture->received, g_bytes_unref);
  g_clear_pointer (&fixture->result, g_bytes_unref);
  g_clear_error (&fixture->error);
}

/* the raw file: which TMS row holds what */
static char *
raw_tile (const char *path, int zoom, int column, int row)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles WHERE zoom_level = ? "
                                       "AND tile_column = ? AND tile_row = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, row);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strndup (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
test_file_layout (Fixture *fixture, gconstpointer data)
{
  g_autofree char *row3 = raw_tile (fixture->path, 2, 1, 3);
  g_autofree char *row0 = raw_tile (fixture->path, 2, 1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMbtiles) mbtiles = gd_mbtiles_open (fixture->path, &error);
  GdGeoBounds bounds;

  g_assert_cmpstr (row3, ==, "north");
  g_assert_cmpstr (row0, ==, "south");

  g_assert_no_error (error);
  g_assert_cmpuint (gd_mbtiles_get_min_zoom (mbtiles), ==, 1);
  g_assert_cmpuint (gd_mbtiles_get_max_zoom (mbtiles), ==, 2);
  g_assert_true (gd_mbtiles_get_bounds (mbtiles, &bounds));
  g_assert_cmpfloat (bounds.west, ==, 120.1);
  g_assert_cmpfloat (bounds.north, ==, 33.4);
  g_assert_cmpstr (gd_mbtiles_get_metadata (mbtiles, "attribution"), ==, "GridDesk demo");
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gd-test-mbtiles-XXXXXX", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.mbtiles", NULL);

  g_assert_null (gd_mbtiles_open ("/nonexistent/basemap.mbtiles", &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/basemap.mbtiles"));
  g_clear_error (&error);

  /* an empty SQLite file is no MBTiles: a message says so, naming the file */
  g_assert_true (g_file_set_contents (junk, "", 0, NULL));
  g_assert_null (gd_mbtiles_open (junk, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "junk.mbtiles"));
  g_unlink (junk);
  g_rmdir (dir);
}

static void
on_received_data (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  Fixture           *fixture)
{
  g_clear_pointer (&fixture->received, g_bytes_unref);
  fixture->received = g_bytes_ref (bytes);
  fixture->received_x = x;
  fixture->received_y = y;
  fixture->received_zoom = zoom;
  fixture->signal_before_completion = !fixture->completed;
}

static void
on_tile_data (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->completed = TRUE;
  fixture->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result,
                                                              &fixture->error);
  g_main_loop_quit (fixture->loop);
}

static void
request (Fixture *fixture, ShumateDataSource *source, int x, int y, int zoom)
{
  fixture->completed = FALSE;
  fixture->signal_before_completion = FALSE;
  g_clear_pointer (&fixture->received, g_bytes_unref);
  g_clear_pointer (&fixture->result, g_bytes_unref);
  g_clear_error (&fixture->error);
  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, on_tile_data, fixture);
  g_main_loop_run (fixture->loop);
}

static void
test_source_flip_and_signal (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GdMbtiles *mbtiles = gd_mbtiles_open (fixture->path, &error);
  g_autoptr(GdMbtilesSource) source = NULL;

  g_assert_no_error (error);
  source = gd_mbtiles_source_new (mbtiles);
  g_signal_connect (source, "received-data", G_CALLBACK (on_received_data), fixture);

  request (fixture, SHUMATE_DATA_SOURCE (source), 1, 0, 2);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (fixture->result);
  g_assert_cmpmem (g_bytes_get_data (fixture->result, NULL), g_bytes_get_size (fixture->result), "north", 5);
  g_assert_true (fixture->signal_before_completion);
  g_assert_true (g_bytes_equal (fixture->received, fixture->result));
  g_assert_cmpint (fixture->received_x, ==, 1);
  g_assert_cmpint (fixture->received_y, ==, 0);
  g_assert_cmpint (fixture->received_zoom, ==, 2);

  request (fixture, SHUMATE_DATA_SOURCE (source), 1, 3, 2);
  g_assert_no_error (fixture->error);
  g_assert_cmpmem (g_bytes_get_data (fixture->result, NULL), g_bytes_get_size (fixture->result), "south", 5);

  /* no such tile: an error, and no signal */
  request (fixture, SHUMATE_DATA_SOURCE (source), 0, 0, 2);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (fixture->received);
}

static void
on_tile_filled (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->completed = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result,
                                                            &fixture->error);
  g_main_loop_quit (fixture->loop);
}

static void
test_renderer_fills_tile (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GdMbtiles *mbtiles = gd_mbtiles_open (fixture->path, &error);
  g_autoptr(ShumateMapSource) renderer = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  GdkPaintable *paintable;

  g_assert_no_error (error);
  renderer = gd_mbtiles_source_new_renderer (mbtiles);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (renderer), ==, 1);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (renderer), ==, 2);
  g_assert_cmpstr (shumate_map_source_get_license (renderer), ==, "GridDesk demo");

  tile = g_object_ref_sink (shumate_tile_new_full (0, 0, 256, 1));
  shumate_map_source_fill_tile_async (renderer, tile, NULL, on_tile_filled, fixture);
  g_main_loop_run (fixture->loop);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->completed);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 256);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mbtiles/file-layout", Fixture, NULL, fixture_setup, test_file_layout, fixture_teardown);
  g_test_add_func ("/mbtiles/open-errors", test_open_errors);
  g_test_add ("/mbtiles/source-flip-and-signal", Fixture, NULL, fixture_setup,
              test_source_flip_and_signal, fixture_teardown);
  g_test_add ("/mbtiles/renderer-fills-tile", Fixture, NULL, fixture_setup,
              test_renderer_fills_tile, fixture_teardown);

  return g_test_run ();
}
