/* gd-mbtiles-source.h: a ShumateDataSource reading raster tiles from an MBTiles file, off the
 * main thread, for the map's offline basemap.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "gd-mbtiles.h"

G_BEGIN_DECLS

#define GD_TYPE_MBTILES_SOURCE (gd_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (GdMbtilesSource, gd_mbtiles_source, GD, MBTILES_SOURCE, ShumateDataSource)

/* Takes ownership of `mbtiles` (opened with gd_mbtiles_open, possibly in a worker thread). */
GdMbtilesSource *gd_mbtiles_source_new       (GdMbtiles *mbtiles);
GdMbtiles       *gd_mbtiles_source_get_file  (GdMbtilesSource *self);
/* A raster renderer over a new source, with the file's name, attribution and zoom range. */
ShumateMapSource *gd_mbtiles_source_new_renderer (GdMbtiles *mbtiles);

G_END_DECLS
