/* gd-map-load.c: one worker reads all the map needs.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-load"
#include "config.h"

#include "gd-map-load.h"

void
gd_map_data_free (GdMapData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->grids, g_ptr_array_unref);
  g_clear_pointer (&data->measures, g_hash_table_unref);
  g_clear_pointer (&data->points, gd_map_points_free);
  g_clear_pointer (&data->mbtiles, gd_mbtiles_close);
  g_clear_error (&data->mbtiles_error);
  g_free (data);
}

GdMapData *
gd_map_load (const char    *database_path,
             const char    *mbtiles_path,
             gint64         now,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdMapData) data = g_new0 (GdMapData, 1);

  g_return_val_if_fail (database_path != NULL, NULL);

  store = gd_store_open (database_path, error);
  if (store == NULL)
    return NULL;
  /* one pass over grids and points: no page is read twice */
  gd_store_set_cache_size (store, 2048);

  data->grids = gd_geo_grids_load (store, NULL, error);
  if (data->grids == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  gd_geo_bounds_init (&data->bounds);
  for (guint i = 0; i < data->grids->len; i++)
    {
      const GdGeoBounds *b = gd_geo_shape_get_bounds (((GdGeoGrid *) g_ptr_array_index (data->grids, i))->shape);

      gd_geo_bounds_extend (&data->bounds, b->west, b->south);
      gd_geo_bounds_extend (&data->bounds, b->east, b->north);
    }

  data->measures = gd_map_grid_measures (store, now, error);
  if (data->measures == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  data->points = gd_map_points_query (store, NULL, GD_MAP_ALL_KINDS, now, error);
  if (data->points == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* points outside every outline still belong in view */
  for (guint i = 0; i < data->points->points->len; i++)
    {
      const GdMapPoint *p = &g_array_index (data->points->points, GdMapPoint, i);
      gd_geo_bounds_extend (&data->bounds, p->lon, p->lat);
    }

  if (mbtiles_path != NULL)
    data->mbtiles = gd_mbtiles_open (mbtiles_path, &data->mbtiles_error);

  return g_steal_pointer (&data);
}

typedef struct {
  char   *database_path;
  char   *mbtiles_path;
  gint64  now;
} LoadRequest;

static void
load_request_free (gpointer data)
{
  LoadRequest *request = data;

  g_free (request->database_path);
  g_free (request->mbtiles_path);
  g_free (request);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  GError *error = NULL;
  GdMapData *data = gd_map_load (request->database_path, request->mbtiles_path, request->now,
                                 cancellable, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) gd_map_data_free);
}

void
gd_map_load_async (const char          *database_path,
                   const char          *mbtiles_path,
                   gint64               now,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (database_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gd_map_load_async);
  g_task_set_name (task, "[griddesk] load map");
  request = g_new0 (LoadRequest, 1);
  request->database_path = g_strdup (database_path);
  request->mbtiles_path = g_strdup (mbtiles_path);
  request->now = now;
  g_task_set_task_data (task, request, load_request_free);
  g_task_run_in_thread (task, load_thread);
}

GdMapData *
gd_map_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
