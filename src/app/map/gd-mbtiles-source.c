/* gd-mbtiles-source.c: tiles from an MBTiles file.
 *
 * libshumate 1.0's raster renderer takes a tile's image only from the data source's
 * "received-data" signal, so each read emits it on the main thread before the async call
 * completes; otherwise the tiles would stay blank.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-mbtiles-source"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-mbtiles-source.h"

struct _GdMbtilesSource
{
  ShumateDataSource parent_instance;

  GdMbtiles *mbtiles;
};

G_DEFINE_FINAL_TYPE (GdMbtilesSource, gd_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  GdMbtiles *mbtiles;  /* borrowed: the source outlives its tasks */
  int        x;
  int        y;
  int        zoom;
} TileRequest;

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = gd_mbtiles_read_tile (request->mbtiles, request->zoom, request->x, request->y, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (bytes == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             "no tile %d/%d/%d in the map file",
                             request->zoom, request->x, request->y);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* back on the main thread: announce the data, then complete the caller's task */
static void
on_tile_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  g_signal_emit_by_name (object, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (outer, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
gd_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GdMbtilesSource *self = GD_MBTILES_SOURCE (source);
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (self, cancellable, on_tile_read, outer);
  TileRequest *request = g_new (TileRequest, 1);

  g_task_set_source_tag (outer, gd_mbtiles_source_get_tile_data_async);
  request->mbtiles = self->mbtiles;
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  g_task_set_task_data (inner, request, g_free);
  g_task_set_name (inner, "[griddesk] read MBTiles tile");
  g_task_run_in_thread (inner, read_tile_thread);
}

static GBytes *
gd_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gd_mbtiles_source_finalize (GObject *object)
{
  GdMbtilesSource *self = GD_MBTILES_SOURCE (object);

  g_clear_pointer (&self->mbtiles, gd_mbtiles_close);

  G_OBJECT_CLASS (gd_mbtiles_source_parent_class)->finalize (object);
}

static void
gd_mbtiles_source_class_init (GdMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = gd_mbtiles_source_finalize;
  source_class->get_tile_data_async = gd_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = gd_mbtiles_source_get_tile_data_finish;
}

static void
gd_mbtiles_source_init (GdMbtilesSource *self)
{
}

GdMbtilesSource *
gd_mbtiles_source_new (GdMbtiles *mbtiles)
{
  GdMbtilesSource *self;

  g_return_val_if_fail (mbtiles != NULL, NULL);

  self = g_object_new (GD_TYPE_MBTILES_SOURCE, NULL);
  self->mbtiles = mbtiles;
  return self;
}

GdMbtiles *
gd_mbtiles_source_get_file (GdMbtilesSource *self)
{
  g_return_val_if_fail (GD_IS_MBTILES_SOURCE (self), NULL);

  return self->mbtiles;
}

ShumateMapSource *
gd_mbtiles_source_new_renderer (GdMbtiles *mbtiles)
{
  g_autoptr(GdMbtilesSource) source = NULL;
  const char *name, *attribution;

  g_return_val_if_fail (mbtiles != NULL, NULL);

  source = gd_mbtiles_source_new (mbtiles);
  name = gd_mbtiles_get_metadata (mbtiles, "name");
  attribution = gd_mbtiles_get_metadata (mbtiles, "attribution");
  return SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full ("griddesk-mbtiles", name != NULL ? name : _("Offline Map"),
                                      /* the demo basemap's is stored untranslated */
                                      attribution != NULL ? _(attribution) : "", NULL,
                                      gd_mbtiles_get_min_zoom (mbtiles),
                                      gd_mbtiles_get_max_zoom (mbtiles),
                                      256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (source)));
}
