/* gd-mbtiles.h: reading and writing MBTiles files (SQLite, raster tiles, TMS rows).
 *
 * Callers speak XYZ (row 0 in the north, as web maps and libshumate do); the file stores TMS
 * rows (row 0 in the south): tile_row = 2^zoom - 1 - y. Reads may come from any thread.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gd-geo.h"

G_BEGIN_DECLS

typedef struct _GdMbtiles GdMbtiles;

/* Opens an existing file read-only; GD_ERROR_IO names the file and what is wrong. */
GdMbtiles  *gd_mbtiles_open        (const char *path, GError **error);
/* Creates (replacing) a file to write tiles into, with the metadata table. */
GdMbtiles  *gd_mbtiles_create      (const char *path, GError **error);
void        gd_mbtiles_close       (GdMbtiles *mbtiles);

/* metadata (name, format, minzoom, maxzoom, bounds, attribution, …); NULL when absent */
const char *gd_mbtiles_get_metadata (GdMbtiles *mbtiles, const char *name);
gboolean    gd_mbtiles_set_metadata (GdMbtiles *mbtiles, const char *name, const char *value,
                                     GError **error);
guint       gd_mbtiles_get_min_zoom (GdMbtiles *mbtiles);
guint       gd_mbtiles_get_max_zoom (GdMbtiles *mbtiles);
/* from the "bounds" metadata (west,south,east,north); FALSE when absent or malformed */
gboolean    gd_mbtiles_get_bounds   (GdMbtiles *mbtiles, GdGeoBounds *bounds);

/* The tile's bytes (PNG or JPEG) for XYZ coordinates; NULL without error when the file has
 * no such tile. Thread-safe. */
GBytes     *gd_mbtiles_read_tile   (GdMbtiles *mbtiles, int zoom, int x, int y, GError **error);
gboolean    gd_mbtiles_write_tile  (GdMbtiles *mbtiles, int zoom, int x, int y,
                                    const guint8 *data, gsize length, GError **error);
/* around many writes */
gboolean    gd_mbtiles_begin       (GdMbtiles *mbtiles, GError **error);
gboolean    gd_mbtiles_commit      (GdMbtiles *mbtiles, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdMbtiles, gd_mbtiles_close)

G_END_DECLS
