/* gd-map-load.h: everything the map view shows, read in a worker thread with its own
 * connection to the database: grids with outlines, per-grid measures, points, and the
 * offline basemap file.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gd-geo.h"
#include "gd-map-points.h"
#include "gd-mbtiles.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray   *grids;          /* GdGeoGrid, every level with an outline */
  GHashTable  *measures;       /* gd_map_grid_measures() */
  GdMapPoints *points;
  GdGeoBounds  bounds;         /* of all outlines (WGS84); empty without any */
  GdMbtiles   *mbtiles;        /* NULL when none was asked for or it could not be opened */
  GError      *mbtiles_error;  /* why it could not be opened */
} GdMapData;

void       gd_map_data_free  (GdMapData *data);

/* `mbtiles_path` NULL: no offline basemap. `now`: unix seconds for overdue. */
void       gd_map_load_async  (const char          *database_path,
                               const char          *mbtiles_path,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GdMapData *gd_map_load_finish (GAsyncResult        *result,
                               GError             **error);
/* the same, synchronously (the benchmark, the worker itself) */
GdMapData *gd_map_load        (const char          *database_path,
                               const char          *mbtiles_path,
                               gint64               now,
                               GCancellable        *cancellable,
                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdMapData, gd_map_data_free)

G_END_DECLS
