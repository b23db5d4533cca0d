/* gd-basemap.c: a cartographic sketch of the store's area, tile by tile.
 *
 * Everything is prepared once in Web Mercator units ([0, 1]²) and culled per tile; each tile
 * draws every feature reaching into it (labels too), so features cross tile edges seamlessly.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-basemap"
#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gd-basemap.h"
#include "gd-error.h"
#include "gd-geo.h"
#include "gd-map-points.h"
#include "gd-mbtiles.h"

#define TILE 256

typedef enum {
  ROAD_LANE,    /* a track through a grid */
  ROAD_STREET,  /* along grid boundaries */
  ROAD_MAIN,    /* along village boundaries */
} RoadClass;

typedef struct {
  double    x1, y1, x2, y2;
  RoadClass klass;
} Road;

typedef struct {
  double x, y;      /* centre */
  double half;      /* half the side, Mercator units */
} Block;

typedef struct {
  double      x, y;
  char       *text;
  int         min_zoom;
  int         max_zoom;
  double      size;   /* px */
  gboolean    water;
} Label;

typedef struct {
  GArray      *rings;        /* GArray of double pairs: the scope's outline */
  GArray      *roads;        /* Road */
  GArray      *blocks;       /* Block: buildings, zoom >= 15 */
  GArray      *patches;      /* Block: built-up areas, zoom < 15 */
  GArray      *river;        /* double pairs */
  GPtrArray   *labels;       /* Label */
  GdGeoBounds  area;         /* Mercator bounds of everything */
  double       lat;          /* for metres per pixel */
} Sketch;

static void
label_free (gpointer data)
{
  Label *label = data;

  g_free (label->text);
  g_free (label);
}

static void
sketch_clear (Sketch *sketch)
{
  g_clear_pointer (&sketch->rings, g_array_unref);
  g_clear_pointer (&sketch->roads, g_array_unref);
  g_clear_pointer (&sketch->blocks, g_array_unref);
  g_clear_pointer (&sketch->patches, g_array_unref);
  g_clear_pointer (&sketch->river, g_array_unref);
  g_clear_pointer (&sketch->labels, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sketch, sketch_clear)

static void
ring_free (gpointer data)
{
  GArray **ring = data;

  g_array_unref (*ring);
}

/* ---- preparing -------------------------------------------------------------------------- */

static void
add_road (Sketch     *sketch,
          GHashTable *seen,
          double      lon1,
          double      lat1,
          double      lon2,
          double      lat2,
          RoadClass   klass)
{
  Road road;
  g_autofree char *key = NULL;

  /* shared edges of neighbouring grids are one road, of the first (widest) class seen */
  if (lon1 > lon2 || (lon1 == lon2 && lat1 > lat2))
    {
      double t;
      t = lon1; lon1 = lon2; lon2 = t;
      t = lat1; lat1 = lat2; lat2 = t;
    }
  key = g_strdup_printf ("%.6f,%.6f,%.6f,%.6f", lon1, lat1, lon2, lat2);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return;
  road.x1 = gd_geo_mercator_x (lon1);
  road.y1 = gd_geo_mercator_y (lat1);
  road.x2 = gd_geo_mercator_x (lon2);
  road.y2 = gd_geo_mercator_y (lat2);
  road.klass = klass;
  g_array_append_val (sketch->roads, road);
}

static void
add_outline_roads (Sketch     *sketch,
                   GHashTable *seen,
                   GdGeoGrid  *grid,
                   RoadClass   klass)
{
  for (guint r = 0; r < gd_geo_shape_get_n_rings (grid->shape); r++)
    {
      guint n;
      const double *c = gd_geo_shape_get_ring (grid->shape, r, &n);

      for (guint i = 0; i + 1 < n; i++)
        add_road (sketch, seen, c[2 * i], c[2 * i + 1], c[2 * i + 2], c[2 * i + 3], klass);
    }
}

/* a lane across a four-cornered grid, between the middles of two opposite sides */
static void
add_lane (Sketch     *sketch,
          GHashTable *seen,
          GdGeoGrid  *grid,
          guint       serial)
{
  guint n;
  const double *c = gd_geo_shape_get_ring (grid->shape, 0, &n);
  guint a = serial % 2;

  if (n != 5)
    return;
  add_road (sketch, seen,
            (c[2 * a] + c[2 * a + 2]) / 2, (c[2 * a + 1] + c[2 * a + 3]) / 2,
            (c[2 * a + 4] + c[2 * a + 6]) / 2, (c[2 * a + 5] + c[2 * a + 7]) / 2, ROAD_LANE);
}

static void
add_label (Sketch     *sketch,
           GdGeoShape *shape,
           const char *text,
           int         min_zoom,
           int         max_zoom,
           double      size)
{
  Label *label = g_new0 (Label, 1);
  double lon, lat;

  gd_geo_shape_label_point (shape, &lon, &lat);
  label->x = gd_geo_mercator_x (lon);
  label->y = gd_geo_mercator_y (lat);
  label->text = g_strdup (text);
  label->min_zoom = min_zoom;
  label->max_zoom = max_zoom;
  label->size = size;
  g_ptr_array_add (sketch->labels, label);
}

/* buildings: households snapped to cells of `cell` degrees; a cell with more households is
 * a bigger block */
static GArray *
blocks_from (GArray *points,
             double  cell,
             double  fill)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < points->len; i++)
    {
      const GdMapPoint *p = &g_array_index (points, GdMapPoint, i);
      char *k = g_strdup_printf ("%ld,%ld", (long) floor (p->lon / cell), (long) floor (p->lat / cell));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (cells, k));

      g_hash_table_replace (cells, k, GUINT_TO_POINTER (count + 1));
    }
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      long cx, cy;
      Block block;
      double lon, lat, size;

      if (sscanf (key, "%ld,%ld", &cx, &cy) != 2)
        continue;
      lon = (cx + 0.5) * cell;
      lat = (cy + 0.5) * cell;
      size = cell * fill * MIN (1.0, 0.55 + 0.15 * GPOINTER_TO_UINT (value));
      block.x = gd_geo_mercator_x (lon);
      block.y = gd_geo_mercator_y (lat);
      block.half = (gd_geo_mercator_x (lon + size / 2) - gd_geo_mercator_x (lon - size / 2)) / 2;
      g_array_append_val (blocks, block);
    }
  return blocks;
}

/* a river crossing the area from west to east in gentle bends, a third of the way up;
 * t in [0, 1] runs along it */
static void
river_point (const GdGeoBounds *bounds,
             double             t,
             double            *x,
             double            *y)
{
  double width = bounds->east - bounds->west;
  double height = bounds->north - bounds->south;
  double lon = bounds->west - 0.1 * width + t * 1.2 * width;
  double lat = bounds->south + height * (0.36 + 0.06 * sin (t * 2 * G_PI * 1.6)
                                         + 0.025 * sin (t * 2 * G_PI * 4.3 + 1.0));

  *x = gd_geo_mercator_x (lon);
  *y = gd_geo_mercator_y (lat);
}

static void
add_river (Sketch            *sketch,
           const GdGeoBounds *bounds)
{
  Label *label = g_new0 (Label, 1);

  sketch->river = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i <= 160; i++)
    {
      double x, y;

      river_point (bounds, i / 160.0, &x, &y);
      g_array_append_val (sketch->river, x);
      g_array_append_val (sketch->river, y);
    }
  /* Translators: the made-up river of the demo basemap */
  label->text = g_strdup (_("Xinxing River"));
  river_point (bounds, 0.6, &label->x, &label->y);
  label->min_zoom = 14;
  label->max_zoom = 30;
  label->size = 12;
  label->water = TRUE;
  g_ptr_array_add (sketch->labels, label);
}

static gboolean
sketch_prepare (Sketch   *sketch,
                GdStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GdMapPoints) households = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *scope = gd_store_get_scope (store);
  GdGeoBounds bounds;
  GdGeoGrid *scope_grid = NULL;
  guint serial = 0;

  grids = gd_geo_grids_load (store, NULL, error);
  if (grids == NULL)
    return FALSE;
  households = gd_map_points_query (store, NULL, GD_MAP_KIND_BIT (GD_MAP_HOUSEHOLD), 0, error);
  if (households == NULL)
    return FALSE;

  sketch->roads = g_array_new (FALSE, FALSE, sizeof (Road));
  sketch->labels = g_ptr_array_new_with_free_func (label_free);
  sketch->rings = g_array_new (FALSE, FALSE, sizeof (GArray *));
  g_array_set_clear_func (sketch->rings, ring_free);
  gd_geo_bounds_init (&bounds);

  for (guint i = 0; i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);
      const GdGeoBounds *b = gd_geo_shape_get_bounds (grid->shape);

      gd_geo_bounds_extend (&bounds, b->west, b->south);
      gd_geo_bounds_extend (&bounds, b->east, b->north);
      if (g_strcmp0 (grid->code, scope) == 0)
        scope_grid = grid;
    }
  if (gd_geo_bounds_is_empty (&bounds))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("No grid has a boundary: there is nothing to draw a map of"));
      return FALSE;
    }

  /* the widest roads first: a shared edge keeps the first class it was seen with */
  for (guint level = 0; level < 2; level++)
    for (guint i = 0; i < grids->len; i++)
      {
        GdGeoGrid *grid = g_ptr_array_index (grids, i);

        if (level == 0 && g_strcmp0 (grid->level, "village") == 0)
          add_outline_roads (sketch, seen, grid, ROAD_MAIN);
        if (level == 1 && g_strcmp0 (grid->level, "grid") == 0)
          {
            add_outline_roads (sketch, seen, grid, ROAD_STREET);
            add_lane (sketch, seen, grid, serial++);
          }
      }

  for (guint i = 0; i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);

      if (g_strcmp0 (grid->level, "village") == 0 && grid->name != NULL)
        /* zoomed further out the map's own label layer names the villages (online maps
         * need it there too): the basemap takes over when that layer shows grids */
        add_label (sketch, grid->shape, grid->name, 14, 15, 15);
    }

  if (scope_grid != NULL)
    for (guint r = 0; r < gd_geo_shape_get_n_rings (scope_grid->shape); r++)
      {
        guint n;
        const double *c = gd_geo_shape_get_ring (scope_grid->shape, r, &n);
        GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

        for (guint k = 0; k < n; k++)
          {
            double x = gd_geo_mercator_x (c[2 * k]), y = gd_geo_mercator_y (c[2 * k + 1]);
            g_array_append_val (ring, x);
            g_array_append_val (ring, y);
          }
        g_array_append_val (sketch->rings, ring);
      }

  sketch->blocks = blocks_from (households->points, 0.00022, 0.8);
  sketch->patches = blocks_from (households->points, 0.0012, 1.0);
  add_river (sketch, &bounds);
  sketch->lat = (bounds.south + bounds.north) / 2;
  sketch->area.west = gd_geo_mercator_x (bounds.west);
  sketch->area.east = gd_geo_mercator_x (bounds.east);
  sketch->area.north = gd_geo_mercator_y (bounds.north);
  sketch->area.south = gd_geo_mercator_y (bounds.south);
  return TRUE;
}

/* ---- drawing ---------------------------------------------------------------------------- */

typedef struct {
  cairo_t *cr;
  double   scale;   /* Mercator unit → px */
  double   ox, oy;  /* the tile's origin, px */
  double   px_per_metre;
  int      zoom;
  GdGeoBounds view; /* the tile plus a margin, Mercator: north < south */
} Canvas;

#define PX(c, x) ((x) * (c)->scale - (c)->ox)
#define PY(c, y) ((y) * (c)->scale - (c)->oy)

static double
road_width (const Canvas *canvas,
            RoadClass     klass)
{
  static const double metres[] = { 5, 9, 16 };
  static const double minimum[] = { 0.8, 1.2, 2.2 };

  return MAX (minimum[klass], metres[klass] * canvas->px_per_metre);
}

static void
draw_roads (const Canvas *canvas,
            GArray       *roads,
            gboolean      casing)
{
  cairo_t *cr = canvas->cr;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int klass = ROAD_LANE; klass <= ROAD_MAIN; klass++)
    {
      double width = road_width (canvas, klass);

      if (klass == ROAD_LANE && canvas->zoom < 14)
        continue;
      for (guint i = 0; i < roads->len; i++)
        {
          const Road *road = &g_array_index (roads, Road, i);

          if (road->klass != (RoadClass) klass
              || MAX (road->x1, road->x2) < canvas->view.west || MIN (road->x1, road->x2) > canvas->view.east
              || MAX (road->y1, road->y2) < canvas->view.north || MIN (road->y1, road->y2) > canvas->view.south)
            continue;
          cairo_move_to (cr, PX (canvas, road->x1), PY (canvas, road->y1));
          cairo_line_to (cr, PX (canvas, road->x2), PY (canvas, road->y2));
        }
      if (casing)
        {
          cairo_set_source_rgb (cr, 0.76, 0.72, 0.66);
          cairo_set_line_width (cr, width + 1.6);
        }
      else
        {
          if (klass == ROAD_MAIN)
            cairo_set_source_rgb (cr, 0.99, 0.84, 0.55);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, width);
        }
      cairo_stroke (cr);
    }
}

static void
draw_blocks (const Canvas *canvas,
             GArray       *blocks,
             double        min_px)
{
  cairo_t *cr = canvas->cr;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = &g_array_index (blocks, Block, i);
      double half = MAX (b->half * canvas->scale, min_px / 2);

      if (b->x + b->half < canvas->view.west || b->x - b->half > canvas->view.east
          || b->y + b->half < canvas->view.north || b->y - b->half > canvas->view.south)
        continue;
      cairo_rectangle (cr, PX (canvas, b->x) - half, PY (canvas, b->y) - half, 2 * half, 2 * half);
    }
}

static void
draw_label (const Canvas *canvas,
            PangoLayout  *layout,
            const Label  *label)
{
  cairo_t *cr = canvas->cr;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  int width, height;

  pango_font_description_set_absolute_size (font, label->size * PANGO_SCALE);
  if (label->water)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, label->text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);

  cairo_move_to (cr, round (PX (canvas, label->x) - width / 2.0), round (PY (canvas, label->y) - height / 2.0));
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 3.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  if (label->water)
    cairo_set_source_rgb (cr, 0.22, 0.45, 0.65);
  else
    cairo_set_source_rgb (cr, 0.25, 0.22, 0.2);
  cairo_fill (cr);
}

static void
draw_tile (Sketch  *sketch,
           cairo_t *cr,
           int      zoom,
           int      tx,
           int      ty)
{
  Canvas canvas = { cr, TILE * ldexp (1.0, zoom), (double) tx * TILE, (double) ty * TILE, 0, zoom, { 0 } };
  double margin = 160.0 / canvas.scale;  /* room for labels and wide strokes */
  double metres_per_px = 156543.03392 * cos (sketch->lat * G_PI / 180) / ldexp (1.0, zoom);
  g_autoptr(PangoLayout) layout = NULL;

  canvas.px_per_metre = 1.0 / metres_per_px;
  canvas.view.west = (tx * TILE) / canvas.scale - margin;
  canvas.view.east = ((tx + 1) * TILE) / canvas.scale + margin;
  canvas.view.north = (ty * TILE) / canvas.scale - margin;
  canvas.view.south = ((ty + 1) * TILE) / canvas.scale + margin;

  /* outside the area: plain fields; inside: the scope's own ground */
  cairo_set_source_rgb (cr, 0.89, 0.91, 0.84);
  cairo_paint (cr);
  for (guint r = 0; r < sketch->rings->len; r++)
    {
      GArray *ring = g_array_index (sketch->rings, GArray *, r);

      for (guint k = 0; k + 1 < ring->len; k += 2)
        cairo_line_to (cr, PX (&canvas, g_array_index (ring, double, k)),
                       PY (&canvas, g_array_index (ring, double, k + 1)));
      cairo_close_path (cr);
    }
  cairo_set_source_rgb (cr, 0.95, 0.94, 0.91);
  cairo_fill (cr);

  /* built-up areas at low zoom, buildings at street level */
  if (zoom < 15)
    {
      draw_blocks (&canvas, sketch->patches, 1.5);
      cairo_set_source_rgb (cr, 0.87, 0.84, 0.80);
      cairo_fill (cr);
    }
  else
    {
      draw_blocks (&canvas, sketch->blocks, 2);
      cairo_set_source_rgb (cr, 0.85, 0.81, 0.77);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.75, 0.70, 0.66);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }

  /* the river */
  for (guint k = 0; k + 1 < sketch->river->len; k += 2)
    cairo_line_to (cr, PX (&canvas, g_array_index (sketch->river, double, k)),
                   PY (&canvas, g_array_index (sketch->river, double, k + 1)));
  cairo_set_source_rgb (cr, 0.65, 0.80, 0.89);
  cairo_set_line_width (cr, MAX (3.0, 45 * canvas.px_per_metre));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  draw_roads (&canvas, sketch->roads, TRUE);
  draw_roads (&canvas, sketch->roads, FALSE);

  layout = pango_cairo_create_layout (cr);
  for (guint i = 0; i < sketch->labels->len; i++)
    {
      const Label *label = g_ptr_array_index (sketch->labels, i);

      if (zoom < label->min_zoom || zoom > label->max_zoom
          || label->x < canvas.view.west || label->x > canvas.view.east
          || label->y < canvas.view.north || label->y > canvas.view.south)
        continue;
      draw_label (&canvas, layout, label);
    }
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ---- the file ---------------------------------------------------------------------------- */

void
gd_basemap_default_zooms (GdStore *store,
                          int     *min_zoom,
                          int     *max_zoom)
{
  const char *scope = gd_store_get_scope (store);
  gboolean town = scope != NULL && strlen (scope) == 9;

  *min_zoom = town ? 11 : 12;
  *max_zoom = town ? 17 : 18;
}

char *
gd_basemap_path_for (const char *database_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (database_path != NULL, NULL);

  dir = g_path_get_dirname (database_path);
  base = g_path_get_basename (database_path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s%c%s.basemap.mbtiles", dir, G_DIR_SEPARATOR, base);
}

static void
tile_range (const GdGeoBounds *area,
            int                zoom,
            int               *x0,
            int               *y0,
            int               *x1,
            int               *y1)
{
  double n = ldexp (1.0, zoom);
  int last = (int) n - 1;

  *x0 = CLAMP ((int) floor (area->west * n) - 1, 0, last);
  *x1 = CLAMP ((int) floor (area->east * n) + 1, 0, last);
  *y0 = CLAMP ((int) floor (area->north * n) - 1, 0, last);
  *y1 = CLAMP ((int) floor (area->south * n) + 1, 0, last);
}

gboolean
gd_basemap_render (GdStore            *store,
                   const char         *path,
                   int                 min_zoom,
                   int                 max_zoom,
                   guint              *n_tiles,
                   GdBasemapProgress   progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_auto(Sketch) sketch = { 0 };
  g_autoptr(GdMbtiles) mbtiles = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *bounds_text = NULL;
  g_autofree char *centre_text = NULL;
  cairo_surface_t *surface;
  guint total = 0, done = 0;
  char number[G_ASCII_DTOSTR_BUF_SIZE * 4];

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);
  g_return_val_if_fail (min_zoom >= 0 && min_zoom <= max_zoom && max_zoom <= 20, FALSE);

  if (!sketch_prepare (&sketch, store, error))
    return FALSE;

  for (int z = min_zoom; z <= max_zoom; z++)
    {
      int x0, y0, x1, y1;

      tile_range (&sketch.area, z, &x0, &y0, &x1, &y1);
      total += (guint) ((x1 - x0 + 1) * (y1 - y0 + 1));
    }

  partial = g_strconcat (path, ".part", NULL);
  mbtiles = gd_mbtiles_create (partial, error);
  if (mbtiles == NULL)
    return FALSE;

  g_snprintf (number, sizeof number, "%.6f,%.6f,%.6f,%.6f",
              gd_geo_mercator_lon (sketch.area.west), gd_geo_mercator_lat (sketch.area.south),
              gd_geo_mercator_lon (sketch.area.east), gd_geo_mercator_lat (sketch.area.north));
  bounds_text = g_strdup (number);
  g_snprintf (number, sizeof number, "%.6f,%.6f,%d",
              gd_geo_mercator_lon ((sketch.area.west + sketch.area.east) / 2),
              gd_geo_mercator_lat ((sketch.area.north + sketch.area.south) / 2), min_zoom + 2);
  centre_text = g_strdup (number);

  {
    g_autofree char *min_text = g_strdup_printf ("%d", min_zoom);
    g_autofree char *max_text = g_strdup_printf ("%d", max_zoom);
    /* Translators: the name and attribution of the generated offline map */
    g_autofree char *name = g_strdup_printf (_("%s demo basemap"),
                                             gd_store_get_scope_name (store) ? gd_store_get_scope_name (store) : "");

    if (!gd_mbtiles_set_metadata (mbtiles, "name", name, error)
        || !gd_mbtiles_set_metadata (mbtiles, "format", "png", error)
        || !gd_mbtiles_set_metadata (mbtiles, "type", "baselayer", error)
        || !gd_mbtiles_set_metadata (mbtiles, "minzoom", min_text, error)
        || !gd_mbtiles_set_metadata (mbtiles, "maxzoom", max_text, error)
        || !gd_mbtiles_set_metadata (mbtiles, "bounds", bounds_text, error)
        || !gd_mbtiles_set_metadata (mbtiles, "center", centre_text, error)
        /* untranslated: the file outlives the session's language; the map translates it
         * on display (gd_mbtiles_source_new_renderer) */
        || !gd_mbtiles_set_metadata (mbtiles, "attribution",
                                     N_("Drawn by GridDesk from the demo data (not a real map)"), error)
        || !gd_mbtiles_begin (mbtiles, error))
      {
        gd_mbtiles_close (g_steal_pointer (&mbtiles));
        g_unlink (partial);
        return FALSE;
      }
  }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
  for (int z = min_zoom; z <= max_zoom; z++)
    {
      int x0, y0, x1, y1;

      tile_range (&sketch.area, z, &x0, &y0, &x1, &y1);
      for (int ty = y0; ty <= y1; ty++)
        for (int tx = x0; tx <= x1; tx++)
          {
            cairo_t *cr = cairo_create (surface);
            g_autoptr(GByteArray) png = g_byte_array_new ();
            gboolean ok;

            draw_tile (&sketch, cr, z, tx, ty);
            cairo_destroy (cr);
            cairo_surface_flush (surface);
            cairo_surface_write_to_png_stream (surface, append_png, png);
            ok = gd_mbtiles_write_tile (mbtiles, z, tx, ty, png->data, png->len, error);
            if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
              ok = FALSE;
            if (!ok)
              {
                cairo_surface_destroy (surface);
                gd_mbtiles_close (g_steal_pointer (&mbtiles));
                g_unlink (partial);
                return FALSE;
              }
            done++;
            if (progress != NULL && done % 32 == 0)
              progress ((double) done / total, progress_data);
          }
    }
  cairo_surface_destroy (surface);

  if (!gd_mbtiles_commit (mbtiles, error))
    {
      gd_mbtiles_close (g_steal_pointer (&mbtiles));
      g_unlink (partial);
      return FALSE;
    }
  gd_mbtiles_close (g_steal_pointer (&mbtiles));
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GD_ERROR, GD_ERROR_IO,
                   /* Translators: file name, system error */
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  if (n_tiles != NULL)
    *n_tiles = done;
  return TRUE;
}
