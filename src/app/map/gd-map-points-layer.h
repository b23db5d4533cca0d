/* gd-map-points-layer.h: households, incidents and disputes drawn in one snapshot, clustered
 * below GD_MAP_CLUSTER_MAX_ZOOM: tens of thousands of points without a widget each.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "gd-map-points.h"

G_BEGIN_DECLS

#define GD_TYPE_MAP_POINTS_LAYER (gd_map_points_layer_get_type ())
G_DECLARE_FINAL_TYPE (GdMapPointsLayer, gd_map_points_layer, GD, MAP_POINTS_LAYER, ShumateLayer)

typedef struct {
  int    index;     /* a member point; the only one when count is 1 */
  guint  count;
  double mx, my;    /* where it is drawn, Mercator */
} GdMapPick;

GdMapPointsLayer *gd_map_points_layer_new        (ShumateViewport *viewport);
/* Takes `points`; with `gcj02` they are drawn shifted onto a GCJ-02 basemap. */
void              gd_map_points_layer_set_points (GdMapPointsLayer *self,
                                                  GdMapPoints      *points,
                                                  gboolean          gcj02);
GdMapPoints      *gd_map_points_layer_get_points (GdMapPointsLayer *self);
void              gd_map_points_layer_set_kinds  (GdMapPointsLayer *self, guint kinds);
guint             gd_map_points_layer_get_kinds  (GdMapPointsLayer *self);
/* archived incidents and closed disputes too (off: only the cases still open) */
void              gd_map_points_layer_set_show_closed (GdMapPointsLayer *self, gboolean closed);
/* the point drawn with a selection ring (NULL: none) */
void              gd_map_points_layer_set_selected (GdMapPointsLayer *self, const char *doc_id);
/* index of the point with this _id, or -1 */
int               gd_map_points_layer_find       (GdMapPointsLayer *self, const char *doc_id);
/* What is drawn under the widget position (x, y), topmost first; FALSE: nothing. */
gboolean          gd_map_points_layer_pick       (GdMapPointsLayer *self,
                                                  double            x,
                                                  double            y,
                                                  GdMapPick        *pick);
/* While a point is dragged it is drawn at (mx, my); index -1 ends that. */
void              gd_map_points_layer_set_dragged (GdMapPointsLayer *self,
                                                   int               index,
                                                   double            mx,
                                                   double            my);
/* Moves a point for good (after its document was saved); lat/lon in WGS84. */
void              gd_map_points_layer_move_point (GdMapPointsLayer *self,
                                                  int               index,
                                                  double            lat,
                                                  double            lon);
/* Mercator position a point is drawn at (GCJ-02 shifted when asked) */
void              gd_map_points_layer_display_position (GdMapPointsLayer *self,
                                                        double lat, double lon,
                                                        double *mx, double *my);
/* Draws into `snapshot` as for a `width` x `height` widget: the benchmark's entry point. */
void              gd_map_points_layer_draw       (GdMapPointsLayer *self,
                                                  GtkSnapshot      *snapshot,
                                                  double            width,
                                                  double            height);

G_END_DECLS
