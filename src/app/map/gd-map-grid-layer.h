/* gd-map-grid-layer.h: grid boundaries and labels, filled by a chosen measure.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "gd-geo.h"
#include "gd-map-points.h"

G_BEGIN_DECLS

typedef enum {
  GD_MAP_MEASURE_HOUSEHOLDS,
  GD_MAP_MEASURE_OPEN_INCIDENTS,
  GD_MAP_MEASURE_OVERDUE_INCIDENTS,
} GdMapMeasure;

#define GD_TYPE_MAP_GRID_LAYER (gd_map_grid_layer_get_type ())
G_DECLARE_FINAL_TYPE (GdMapGridLayer, gd_map_grid_layer, GD, MAP_GRID_LAYER, ShumateLayer)

/* `labels`: the layer of names, drawn over the points; otherwise areas and outlines */
GdMapGridLayer *gd_map_grid_layer_new          (ShumateViewport *viewport,
                                                gboolean         labels);
/* Takes `grids` (GdGeoGrid of levels grid and village) and `measures` (gd_map_grid_measures). */
void            gd_map_grid_layer_set_grids    (GdMapGridLayer *self,
                                                GPtrArray      *grids,
                                                GHashTable     *measures,
                                                gboolean        gcj02);
GPtrArray      *gd_map_grid_layer_get_grids    (GdMapGridLayer *self);
void            gd_map_grid_layer_set_measure  (GdMapGridLayer *self, GdMapMeasure measure);
/* the highest value of the measure over the grids (for the legend) */
guint           gd_map_grid_layer_get_max      (GdMapGridLayer *self);
void            gd_map_grid_layer_set_selected (GdMapGridLayer *self, const char *code);
/* The grid (level grid) under widget position (x, y), or NULL. */
GdGeoGrid      *gd_map_grid_layer_pick         (GdMapGridLayer *self, double x, double y);
/* the colour of a share (0..1) of the highest value */
void            gd_map_measure_color           (GdMapMeasure measure, double share, GdkRGBA *color);

G_END_DECLS
