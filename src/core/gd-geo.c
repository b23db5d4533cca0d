/* gd-geo.c: shapes, point-in-polygon, Mercator, GCJ-02 and grid lookup.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-geo"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gd-error.h"
#include "gd-geo.h"
#include "gd-json.h"

/* ---- bounds ------------------------------------------------------------------------------ */

void
gd_geo_bounds_init (GdGeoBounds *bounds)
{
  g_return_if_fail (bounds != NULL);

  bounds->west = bounds->south = G_MAXDOUBLE;
  bounds->east = bounds->north = -G_MAXDOUBLE;
}

void
gd_geo_bounds_extend (GdGeoBounds *bounds,
                      double       lon,
                      double       lat)
{
  g_return_if_fail (bounds != NULL);

  bounds->west = MIN (bounds->west, lon);
  bounds->east = MAX (bounds->east, lon);
  bounds->south = MIN (bounds->south, lat);
  bounds->north = MAX (bounds->north, lat);
}

gboolean
gd_geo_bounds_is_empty (const GdGeoBounds *bounds)
{
  g_return_val_if_fail (bounds != NULL, TRUE);

  return bounds->west > bounds->east || bounds->south > bounds->north;
}

gboolean
gd_geo_bounds_contains (const GdGeoBounds *bounds,
                        double             lon,
                        double             lat)
{
  g_return_val_if_fail (bounds != NULL, FALSE);

  return lon >= bounds->west && lon <= bounds->east && lat >= bounds->south && lat <= bounds->north;
}

gboolean
gd_geo_bounds_intersect (const GdGeoBounds *a,
                         const GdGeoBounds *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->west <= b->east && b->west <= a->east && a->south <= b->north && b->south <= a->north;
}

/* ---- shapes ------------------------------------------------------------------------------ */

typedef struct {
  double *coords;   /* lon, lat pairs */
  guint   n_points;
  guint   polygon;  /* index of the polygon it belongs to */
  gboolean outer;
} Ring;

struct _GdGeoShape {
  GArray      *rings;      /* Ring */
  guint        n_polygons;
  GdGeoBounds  bounds;
};

static void
ring_clear (gpointer data)
{
  Ring *ring = data;

  g_free (ring->coords);
}

void
gd_geo_shape_free (GdGeoShape *shape)
{
  if (shape == NULL)
    return;
  g_array_unref (shape->rings);
  g_free (shape);
}

static gboolean
parse_polygon (GdGeoShape *shape,
               JsonArray  *rings,
               GError    **error)
{
  guint polygon = shape->n_polygons;

  if (rings == NULL || json_array_get_length (rings) == 0)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, _("a polygon needs at least one ring"));
      return FALSE;
    }

  for (guint r = 0; r < json_array_get_length (rings); r++)
    {
      JsonNode *node = json_array_get_element (rings, r);
      JsonArray *points = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      Ring ring = { 0 };

      if (points == NULL || json_array_get_length (points) < 3)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       /* Translators: %u is the ring's position (1 = the outline) */
                       _("ring %u of a polygon needs at least three points"), r + 1);
          return FALSE;
        }
      ring.n_points = json_array_get_length (points);
      ring.coords = g_new (double, 2 * ring.n_points);
      ring.polygon = polygon;
      ring.outer = r == 0;
      for (guint i = 0; i < ring.n_points; i++)
        {
          JsonNode *pair_node = json_array_get_element (points, i);
          JsonArray *pair = JSON_NODE_HOLDS_ARRAY (pair_node) ? json_node_get_array (pair_node) : NULL;

          if (pair == NULL || json_array_get_length (pair) < 2)
            {
              g_free (ring.coords);
              g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                           /* Translators: point and ring positions, from 1 */
                           _("point %u of ring %u is not a [longitude, latitude] pair"), i + 1, r + 1);
              return FALSE;
            }
          ring.coords[2 * i] = json_array_get_double_element (pair, 0);
          ring.coords[2 * i + 1] = json_array_get_double_element (pair, 1);
          if (ring.outer)
            gd_geo_bounds_extend (&shape->bounds, ring.coords[2 * i], ring.coords[2 * i + 1]);
        }
      g_array_append_val (shape->rings, ring);
    }
  shape->n_polygons++;
  return TRUE;
}

GdGeoShape *
gd_geo_shape_new_from_geojson (JsonObject  *geometry,
                               GError     **error)
{
  g_autoptr(GdGeoShape) shape = NULL;
  const char *type;
  JsonArray *coordinates;

  g_return_val_if_fail (geometry != NULL, NULL);

  type = gd_json_get_string (geometry, "type");
  coordinates = gd_json_get_array (geometry, "coordinates");
  shape = g_new0 (GdGeoShape, 1);
  shape->rings = g_array_new (FALSE, TRUE, sizeof (Ring));
  g_array_set_clear_func (shape->rings, ring_clear);
  gd_geo_bounds_init (&shape->bounds);

  if (coordinates == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, _("the boundary has no coordinates"));
      return NULL;
    }

  if (g_strcmp0 (type, "Polygon") == 0)
    {
      if (!parse_polygon (shape, coordinates, error))
        return NULL;
    }
  else if (g_strcmp0 (type, "MultiPolygon") == 0)
    {
      for (guint p = 0; p < json_array_get_length (coordinates); p++)
        {
          JsonNode *node = json_array_get_element (coordinates, p);

          if (!parse_polygon (shape, JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL,
                              error))
            return NULL;
        }
      if (shape->n_polygons == 0)
        {
          g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, _("the MultiPolygon has no polygons"));
          return NULL;
        }
    }
  else
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   /* Translators: %s is a GeoJSON type name */
                   _("a boundary must be a Polygon or MultiPolygon, not “%s”"), type ? type : "");
      return NULL;
    }

  return g_steal_pointer (&shape);
}

/* -1 outside, 0 on the boundary, 1 inside (crossing number; horizontal ray to the east) */
static int
ring_locate (const Ring *ring,
             double      x,
             double      y)
{
  gboolean inside = FALSE;
  guint n = ring->n_points;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = ring->coords[2 * i], yi = ring->coords[2 * i + 1];
      double xj = ring->coords[2 * j], yj = ring->coords[2 * j + 1];
      double cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);

      /* on the segment: collinear and within its box */
      if (fabs (cross) < 1e-12 && x >= MIN (xi, xj) && x <= MAX (xi, xj)
          && y >= MIN (yi, yj) && y <= MAX (yi, yj))
        return 0;
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside ? 1 : -1;
}

gboolean
gd_geo_shape_contains (const GdGeoShape *shape,
                       double            lon,
                       double            lat)
{
  g_return_val_if_fail (shape != NULL, FALSE);

  if (!gd_geo_bounds_contains (&shape->bounds, lon, lat))
    return FALSE;

  for (guint r = 0; r < shape->rings->len; )
    {
      const Ring *outer = &g_array_index (shape->rings, Ring, r);
      int where = ring_locate (outer, lon, lat);
      gboolean in_hole = FALSE;

      /* the holes follow their outer ring */
      for (r++; r < shape->rings->len && !g_array_index (shape->rings, Ring, r).outer; r++)
        if (where > 0 && ring_locate (&g_array_index (shape->rings, Ring, r), lon, lat) > 0)
          in_hole = TRUE;
      if (where >= 0 && !in_hole)
        return TRUE;
    }
  return FALSE;
}

const GdGeoBounds *
gd_geo_shape_get_bounds (const GdGeoShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);

  return &shape->bounds;
}

guint
gd_geo_shape_get_n_rings (const GdGeoShape *shape)
{
  g_return_val_if_fail (shape != NULL, 0);

  return shape->rings->len;
}

const double *
gd_geo_shape_get_ring (const GdGeoShape *shape,
                       guint             i,
                       guint            *n_points)
{
  const Ring *ring;

  g_return_val_if_fail (shape != NULL, NULL);
  g_return_val_if_fail (i < shape->rings->len, NULL);

  ring = &g_array_index (shape->rings, Ring, i);
  if (n_points != NULL)
    *n_points = ring->n_points;
  return ring->coords;
}

/* signed area and centroid of a ring (shoelace) */
static double
ring_centroid (const Ring *ring,
               double     *cx,
               double     *cy)
{
  double area = 0, sx = 0, sy = 0;
  guint n = ring->n_points;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = ring->coords[2 * i], yi = ring->coords[2 * i + 1];
      double xj = ring->coords[2 * j], yj = ring->coords[2 * j + 1];
      double f = xj * yi - xi * yj;

      area += f;
      sx += (xj + xi) * f;
      sy += (yj + yi) * f;
    }
  area /= 2;
  if (fabs (area) < 1e-18)
    {
      *cx = ring->coords[0];
      *cy = ring->coords[1];
      return 0;
    }
  *cx = sx / (6 * area);
  *cy = sy / (6 * area);
  return fabs (area);
}

void
gd_geo_shape_label_point (const GdGeoShape *shape,
                          double           *lon,
                          double           *lat)
{
  double best_area = -1, x = 0, y = 0;
  const Ring *best = NULL;

  g_return_if_fail (shape != NULL && lon != NULL && lat != NULL);

  for (guint r = 0; r < shape->rings->len; r++)
    {
      const Ring *ring = &g_array_index (shape->rings, Ring, r);
      double cx, cy, area;

      if (!ring->outer)
        continue;
      area = ring_centroid (ring, &cx, &cy);
      if (area > best_area)
        {
          best_area = area;
          best = ring;
          x = cx;
          y = cy;
        }
    }

  /* a concave outline (an L, a U) can have its centroid outside: take the middle of the
   * widest inside stretch of the horizontal line through it */
  if (best != NULL && !gd_geo_shape_contains (shape, x, y))
    {
      const GdGeoBounds *b = &shape->bounds;
      double widest = 0;
      double step = (b->east - b->west) / 256;
      double run_start = 0;
      gboolean in_run = FALSE;

      for (int i = 0; i <= 256; i++)
        {
          double px = b->west + i * step;
          gboolean inside = i < 256 && gd_geo_shape_contains (shape, px, y);

          if (inside && !in_run)
            {
              run_start = px;
              in_run = TRUE;
            }
          else if (!inside && in_run)
            {
              in_run = FALSE;
              if (px - run_start > widest)
                {
                  widest = px - run_start;
                  x = (run_start + px - step) / 2;
                }
            }
        }
    }
  *lon = x;
  *lat = y;
}

/* ---- Web Mercator ------------------------------------------------------------------------ */

#define MAX_LATITUDE 85.0511287798

double
gd_geo_mercator_x (double lon)
{
  return (lon + 180.0) / 360.0;
}

double
gd_geo_mercator_y (double lat)
{
  double phi = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

double
gd_geo_mercator_lon (double x)
{
  return x * 360.0 - 180.0;
}

double
gd_geo_mercator_lat (double y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/* ---- GCJ-02 ------------------------------------------------------------------------------ */

/* The published reverse-engineered formula (Krasovsky 1940 ellipsoid). */
#define GCJ_A  6378245.0
#define GCJ_EE 0.00669342162296594323

gboolean
gd_geo_out_of_china (double lat,
                     double lon)
{
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

static double
transform_lat (double x,
               double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
transform_lon (double x,
               double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return r;
}

void
gd_geo_wgs84_to_gcj02 (double  lat,
                       double  lon,
                       double *out_lat,
                       double *out_lon)
{
  double dlat, dlon, radlat, magic, sqrtmagic;

  g_return_if_fail (out_lat != NULL && out_lon != NULL);

  if (gd_geo_out_of_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  dlat = transform_lat (lon - 105.0, lat - 35.0);
  dlon = transform_lon (lon - 105.0, lat - 35.0);
  radlat = lat / 180.0 * G_PI;
  magic = sin (radlat);
  magic = 1 - GCJ_EE * magic * magic;
  sqrtmagic = sqrt (magic);
  dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) * G_PI);
  dlon = (dlon * 180.0) / (GCJ_A / sqrtmagic * cos (radlat) * G_PI);
  *out_lat = lat + dlat;
  *out_lon = lon + dlon;
}

void
gd_geo_gcj02_to_wgs84 (double  lat,
                       double  lon,
                       double *out_lat,
                       double *out_lon)
{
  double wlat = lat, wlon = lon;

  g_return_if_fail (out_lat != NULL && out_lon != NULL);

  /* the forward offset changes slowly: a fixed-point iteration converges in a few steps */
  for (int i = 0; i < 10; i++)
    {
      double glat, glon;

      gd_geo_wgs84_to_gcj02 (wlat, wlon, &glat, &glon);
      if (fabs (glat - lat) < 1e-9 && fabs (glon - lon) < 1e-9)
        break;
      wlat -= glat - lat;
      wlon -= glon - lon;
    }
  *out_lat = wlat;
  *out_lon = wlon;
}

/* ---- grids ------------------------------------------------------------------------------- */

void
gd_geo_grid_free (GdGeoGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->code);
  g_free (grid->name);
  g_free (grid->level);
  gd_geo_shape_free (grid->shape);
  g_free (grid);
}

GPtrArray *
gd_geo_grids_load (GdStore    *store,
                   const char *level,
                   GError    **error)
{
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) grids = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  docs = gd_store_list (store, &query, error);
  if (docs == NULL)
    return NULL;

  grids = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_geo_grid_free);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      JsonObject *boundary = gd_json_get_object (doc, "boundary");
      g_autoptr(GError) local_error = NULL;
      GdGeoShape *shape;
      GdGeoGrid *grid;

      if (level != NULL && g_strcmp0 (gd_json_get_string (doc, "level"), level) != 0)
        continue;
      if (boundary == NULL)
        continue;
      shape = gd_geo_shape_new_from_geojson (boundary, &local_error);
      if (shape == NULL)
        {
          g_debug ("Grid %s: %s", gd_json_get_string (doc, "code"), local_error->message);
          continue;
        }
      grid = g_new0 (GdGeoGrid, 1);
      grid->code = g_strdup (gd_json_get_string (doc, "code"));
      grid->name = g_strdup (gd_json_get_string (doc, "name"));
      grid->level = g_strdup (gd_json_get_string (doc, "level"));
      grid->shape = shape;
      g_ptr_array_add (grids, grid);
    }
  return g_steal_pointer (&grids);
}

GdGeoGrid *
gd_geo_grids_find (GPtrArray *grids,
                   double     lat,
                   double     lon)
{
  g_return_val_if_fail (grids != NULL, NULL);

  for (guint i = 0; i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);

      if (grid->shape != NULL && gd_geo_shape_contains (grid->shape, lon, lat))
        return grid;
    }
  return NULL;
}

char *
gd_geo_grid_at (GdStore *store,
                double   lat,
                double   lon,
                GError **error)
{
  g_autoptr(GPtrArray) grids = NULL;
  GdGeoGrid *grid;

  g_return_val_if_fail (store != NULL, NULL);

  grids = gd_geo_grids_load (store, "grid", error);
  if (grids == NULL)
    return NULL;
  grid = gd_geo_grids_find (grids, lat, lon);
  if (grid == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND,
                   /* Translators: latitude, longitude in degrees */
                   _("The point %.6f, %.6f lies outside every grid: choose a place inside a grid boundary."),
                   lat, lon);
      return NULL;
    }
  return g_strdup (grid->code);
}
