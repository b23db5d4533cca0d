/* gd-basemap.h: draws the store's own area (grid and village outlines as roads, a river,
 * building blocks where the households are, village names) into an MBTiles file with cairo.
 * No downloaded map data: an offline basemap for the demo and for trying the map.
 *
 * Built as its own library (cairo, pangocairo) beside the GTK-free core.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef void (*GdBasemapProgress) (double fraction, gpointer user_data);

/* Zooms from the whole scope down to street level: village 12–18, town 11–17. */
void     gd_basemap_default_zooms (GdStore *store, int *min_zoom, int *max_zoom);
/* The basemap that goes with a database file: FILE.sqlite → FILE.basemap.mbtiles */
char    *gd_basemap_path_for      (const char *database_path);
/* Renders zooms min..max over the scope's boundary (a tile of margin around) into `path`,
 * written under a temporary name and renamed at the end: cancelled or failed leaves no file.
 * Returns the number of tiles through `n_tiles` (optional). */
gboolean gd_basemap_render        (GdStore           *store,
                                   const char        *path,
                                   int                min_zoom,
                                   int                max_zoom,
                                   guint             *n_tiles,
                                   GdBasemapProgress  progress,
                                   gpointer           progress_data,
                                   GCancellable      *cancellable,
                                   GError           **error);

G_END_DECLS
