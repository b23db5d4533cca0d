/* gd-geo.h: map geometry without GTK: GeoJSON shapes, point-in-polygon, bounds, Web Mercator,
 * GCJ-02 correction, and which grid a point lies in.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef struct {
  double west;
  double south;
  double east;
  double north;
} GdGeoBounds;

/* An empty box (west > east) that gd_geo_bounds_extend() grows. */
void     gd_geo_bounds_init     (GdGeoBounds *bounds);
void     gd_geo_bounds_extend   (GdGeoBounds *bounds, double lon, double lat);
gboolean gd_geo_bounds_is_empty (const GdGeoBounds *bounds);
gboolean gd_geo_bounds_contains (const GdGeoBounds *bounds, double lon, double lat);
gboolean gd_geo_bounds_intersect (const GdGeoBounds *a, const GdGeoBounds *b);

/* A GeoJSON Polygon or MultiPolygon: polygons of rings, the first ring of each the outer one,
 * the others holes. */
typedef struct _GdGeoShape GdGeoShape;

GdGeoShape *gd_geo_shape_new_from_geojson (JsonObject *geometry, GError **error);
void        gd_geo_shape_free             (GdGeoShape *shape);
/* Inside an outer ring and outside its holes (even-odd per polygon); on an edge counts as
 * inside, so a point on the line between two grids belongs to one of them. */
gboolean    gd_geo_shape_contains         (const GdGeoShape *shape, double lon, double lat);
const GdGeoBounds *gd_geo_shape_get_bounds (const GdGeoShape *shape);
guint       gd_geo_shape_get_n_rings      (const GdGeoShape *shape);
/* Ring `i` as n_points (lon, lat) pairs, closed or not as given. */
const double *gd_geo_shape_get_ring       (const GdGeoShape *shape, guint i, guint *n_points);
/* Where to put a label: the area centroid of the largest polygon when it lies inside the
 * shape, otherwise the middle of the widest inside stretch of its middle latitude. */
void        gd_geo_shape_label_point      (const GdGeoShape *shape, double *lon, double *lat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdGeoShape, gd_geo_shape_free)

/* Web Mercator, normalised to [0, 1] from the west and from the north. */
double gd_geo_mercator_x   (double lon);
double gd_geo_mercator_y   (double lat);
double gd_geo_mercator_lon (double x);
double gd_geo_mercator_lat (double y);

/* GCJ-02 (the obfuscated datum of Chinese commercial maps) from and to WGS84/CGCS2000.
 * Outside China both return the input. The inverse is iterative (error < 1e-7 degrees). */
gboolean gd_geo_out_of_china    (double lat, double lon);
void     gd_geo_wgs84_to_gcj02  (double lat, double lon, double *out_lat, double *out_lon);
void     gd_geo_gcj02_to_wgs84  (double lat, double lon, double *out_lat, double *out_lon);

/* The grids (documents of level "grid") with their boundaries. */
typedef struct {
  char       *code;
  char       *name;
  char       *level;
  GdGeoShape *shape;  /* NULL when the grid has no boundary */
} GdGeoGrid;

void       gd_geo_grid_free  (GdGeoGrid *grid);
/* Grids of `level` ("grid", "village"; NULL: every level) that have a boundary, by code. */
GPtrArray *gd_geo_grids_load (GdStore *store, const char *level, GError **error);
/* The first grid of `grids` containing the point, or NULL. */
GdGeoGrid *gd_geo_grids_find (GPtrArray *grids, double lat, double lon);
/* The code of the grid containing the point; GD_ERROR_NOT_FOUND with a message for people
 * when it lies outside every grid. */
char      *gd_geo_grid_at    (GdStore *store, double lat, double lon, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdGeoGrid, gd_geo_grid_free)

G_END_DECLS
