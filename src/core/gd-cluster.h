/* gd-cluster.h: grid-based clustering of map points for one zoom level.
 *
 * Points falling into the same square cell of `cell_px` screen pixels at that zoom, and of the
 * same kind, become one cluster at their mean position. Every point lands in exactly one
 * cluster, so the counts add up to the number of points at every zoom.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-map-points.h"

G_BEGIN_DECLS

typedef struct {
  double x;          /* mean Web Mercator position [0, 1] */
  double y;
  guint  count;
  guint  first;      /* index of one member point (the only one when count is 1) */
  guint  overdue;    /* members in GD_MAP_STATE_OVERDUE */
  guint8 kind;       /* GdMapKind, the same for all members */
  guint8 state;      /* the members' state when they all share one, else GD_MAP_STATE_NONE */
} GdCluster;

/* Clusters of `points` (GdMapPoint) at integer `zoom` (tiles of 256 px); only the kinds in
 * the `kinds` mask, and points in GD_MAP_STATE_CLOSED only with `closed`. Returns a GArray
 * of GdCluster. */
GArray *gd_cluster_points (GArray   *points,
                           int       zoom,
                           double    cell_px,
                           guint     kinds,
                           gboolean  closed);

G_END_DECLS
