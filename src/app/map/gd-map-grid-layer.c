/* gd-map-grid-layer.c: outlines drawn with cairo over the view, labels as Pango layouts.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-grid-layer"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gd-map-grid-layer.h"
#include "gd-map-style.h"

typedef struct {
  GdGeoGrid   *grid;       /* borrowed from self->grids */
  GArray      *rings;      /* GArray of GArray of double (Mercator pairs, display datum) */
  double       x0, y0, x1, y1;
  double       label_x, label_y;
  gboolean     village;
  PangoLayout *layout;     /* lazily, with the current measure */
} Outline;

struct _GdMapGridLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *grids;
  GHashTable   *measures;
  GArray       *outlines;  /* Outline */
  GdMapMeasure  measure;
  char         *selected;
  gboolean      labels;    /* this layer draws the names (over the points), not the areas */
};

G_DEFINE_FINAL_TYPE (GdMapGridLayer, gd_map_grid_layer, SHUMATE_TYPE_LAYER)

static void
outline_clear (gpointer data)
{
  Outline *outline = data;

  g_clear_pointer (&outline->rings, g_array_unref);
  g_clear_object (&outline->layout);
}

static void
ring_array_clear (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

static guint
measure_of (GdMapGridLayer *self,
            const char     *code)
{
  GdGridMeasures *m = self->measures != NULL ? g_hash_table_lookup (self->measures, code) : NULL;

  if (m == NULL)
    return 0;
  switch (self->measure)
    {
    case GD_MAP_MEASURE_OPEN_INCIDENTS:
      return m->open_incidents;
    case GD_MAP_MEASURE_OVERDUE_INCIDENTS:
      return m->overdue_incidents;
    case GD_MAP_MEASURE_HOUSEHOLDS:
    default:
      return m->households;
    }
}

guint
gd_map_grid_layer_get_max (GdMapGridLayer *self)
{
  guint max = 0;

  g_return_val_if_fail (GD_IS_MAP_GRID_LAYER (self), 0);

  for (guint i = 0; self->outlines != NULL && i < self->outlines->len; i++)
    {
      Outline *o = &g_array_index (self->outlines, Outline, i);
      if (!o->village)
        max = MAX (max, measure_of (self, o->grid->code));
    }
  return max;
}

void
gd_map_measure_color (GdMapMeasure measure,
                      double       share,
                      GdkRGBA     *color)
{
  /* light to dark, one hue per measure */
  static const double ends[][2][3] = {
    { { 0.87, 0.92, 0.97 }, { 0.03, 0.32, 0.61 } },
    { { 1.00, 0.93, 0.80 }, { 0.85, 0.33, 0.00 } },
    { { 1.00, 0.88, 0.86 }, { 0.65, 0.06, 0.08 } },
  };
  const double (*e)[3] = ends[CLAMP ((int) measure, 0, 2)];

  share = CLAMP (share, 0, 1);
  color->red = e[0][0] + (e[1][0] - e[0][0]) * share;
  color->green = e[0][1] + (e[1][1] - e[0][1]) * share;
  color->blue = e[0][2] + (e[1][2] - e[0][2]) * share;
  color->alpha = 0.24;
}

static const char *
measure_label (GdMapMeasure measure,
               guint        value,
               char        *buffer,
               gsize        size)
{
  switch (measure)
    {
    case GD_MAP_MEASURE_OPEN_INCIDENTS:
      /* Translators: under a grid's name on the map */
      g_snprintf (buffer, size, g_dngettext (GETTEXT_PACKAGE, "%u open incident", "%u open incidents", value), value);
      break;
    case GD_MAP_MEASURE_OVERDUE_INCIDENTS:
      /* Translators: under a grid's name on the map */
      g_snprintf (buffer, size, g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", value), value);
      break;
    case GD_MAP_MEASURE_HOUSEHOLDS:
    default:
      /* Translators: under a grid's name on the map */
      g_snprintf (buffer, size, g_dngettext (GETTEXT_PACKAGE, "%u household", "%u households", value), value);
      break;
    }
  return buffer;
}

static PangoLayout *
outline_layout (GdMapGridLayer *self,
                Outline        *o)
{
  if (o->layout == NULL)
    {
      char line[64];
      g_autofree char *markup = NULL;

      if (o->village)
        markup = g_markup_printf_escaped ("<b>%s</b>", o->grid->name ? o->grid->name : o->grid->code);
      else
        markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>",
                                          o->grid->name ? o->grid->name : o->grid->code,
                                          measure_label (self->measure, measure_of (self, o->grid->code),
                                                         line, sizeof line));
      o->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_markup (o->layout, markup, -1);
      pango_layout_set_alignment (o->layout, PANGO_ALIGN_CENTER);
    }
  return o->layout;
}

static gboolean
outline_visible (const Outline *o,
                 double x0, double y0, double x1, double y1)
{
  return o->x1 >= x0 && o->x0 <= x1 && o->y1 >= y0 && o->y0 <= y1;
}

static void
trace (cairo_t          *cr,
       const GdMapFrame *frame,
       const Outline    *o)
{
  for (guint r = 0; r < o->rings->len; r++)
    {
      GArray *ring = g_array_index (o->rings, GArray *, r);

      cairo_new_sub_path (cr);
      for (guint k = 0; k + 1 < ring->len; k += 2)
        cairo_line_to (cr, gd_map_frame_x (frame, g_array_index (ring, double, k)),
                       gd_map_frame_y (frame, g_array_index (ring, double, k + 1)));
      cairo_close_path (cr);
    }
}

static void
gd_map_grid_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  GdMapGridLayer *self = GD_MAP_GRID_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GdMapFrame frame;
  double x0, y0, x1, y1;
  guint max;
  cairo_t *cr;
  gboolean town_view;

  if (self->outlines == NULL || self->outlines->len == 0)
    return;

  gd_map_frame_init (&frame, viewport, widget);
  gd_map_frame_visible (&frame, 0, &x0, &y0, &x1, &y1);
  max = MAX (1, gd_map_grid_layer_get_max (self));
  /* zoomed out over a town, grid labels would overlap: name the villages instead */
  town_view = frame.zoom < 13.5;

  gd_map_frame_push_rotation (&frame, snapshot);
  if (self->labels)
    goto labels;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (-frame.width, -frame.height,
                                                                  3 * frame.width, 3 * frame.height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < self->outlines->len; i++)
    {
      Outline *o = &g_array_index (self->outlines, Outline, i);
      GdkRGBA fill;

      if (o->village || !outline_visible (o, x0, y0, x1, y1))
        continue;
      trace (cr, &frame, o);
      gd_map_measure_color (self->measure, (double) measure_of (self, o->grid->code) / max, &fill);
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.20, 0.36, 0.65, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < self->outlines->len; i++)
    {
      Outline *o = &g_array_index (self->outlines, Outline, i);
      gboolean selected = g_strcmp0 (o->grid->code, self->selected) == 0;

      if ((!o->village && !selected) || !outline_visible (o, x0, y0, x1, y1))
        continue;
      trace (cr, &frame, o);
      if (selected)
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
      else
        cairo_set_source_rgba (cr, 0.45, 0.25, 0.55, 0.9);
      cairo_set_line_width (cr, selected ? 4 : 3);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
  return;

labels:
  for (guint i = 0; i < self->outlines->len; i++)
    {
      static const GdkRGBA ink = { 0.13, 0.13, 0.15, 1 };
      Outline *o = &g_array_index (self->outlines, Outline, i);
      PangoLayout *layout;
      double x, y;
      int width, height;

      if (o->village != town_view || !outline_visible (o, x0, y0, x1, y1))
        continue;
      layout = outline_layout (self, o);
      pango_layout_get_pixel_size (layout, &width, &height);
      x = round (gd_map_frame_x (&frame, o->label_x) - width / 2.0);
      y = round (gd_map_frame_y (&frame, o->label_y) - height / 2.0);
      /* a pale plate keeps the name readable over roads and points */
      {
        GskRoundedRect plate;

        gsk_rounded_rect_init_from_rect (&plate, &GRAPHENE_RECT_INIT (x - 5, y - 2, width + 10, height + 4), 5);
        gtk_snapshot_push_rounded_clip (snapshot, &plate);
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 0.78 }, &plate.bounds);
        gtk_snapshot_pop (snapshot);
      }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, layout, &ink);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_restore (snapshot);
}

static void
add_outline (GdMapGridLayer *self,
             GdGeoGrid      *grid,
             gboolean        gcj02)
{
  Outline o = { 0 };
  double lon, lat;

  o.grid = grid;
  o.village = g_strcmp0 (grid->level, "grid") != 0;
  o.rings = g_array_new (FALSE, FALSE, sizeof (GArray *));
  g_array_set_clear_func (o.rings, ring_array_clear);
  o.x0 = o.y0 = G_MAXDOUBLE;
  o.x1 = o.y1 = -G_MAXDOUBLE;
  for (guint r = 0; r < gd_geo_shape_get_n_rings (grid->shape); r++)
    {
      guint n;
      const double *c = gd_geo_shape_get_ring (grid->shape, r, &n);
      GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

      for (guint k = 0; k < n; k++)
        {
          double plat = c[2 * k + 1], plon = c[2 * k], x, y;

          if (gcj02)
            gd_geo_wgs84_to_gcj02 (plat, plon, &plat, &plon);
          x = gd_geo_mercator_x (plon);
          y = gd_geo_mercator_y (plat);
          g_array_append_val (ring, x);
          g_array_append_val (ring, y);
          o.x0 = MIN (o.x0, x);
          o.x1 = MAX (o.x1, x);
          o.y0 = MIN (o.y0, y);
          o.y1 = MAX (o.y1, y);
        }
      g_array_append_val (o.rings, ring);
    }
  gd_geo_shape_label_point (grid->shape, &lon, &lat);
  if (gcj02)
    gd_geo_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  o.label_x = gd_geo_mercator_x (lon);
  o.label_y = gd_geo_mercator_y (lat);
  g_array_append_val (self->outlines, o);
}

void
gd_map_grid_layer_set_grids (GdMapGridLayer *self,
                             GPtrArray      *grids,
                             GHashTable     *measures,
                             gboolean        gcj02)
{
  g_return_if_fail (GD_IS_MAP_GRID_LAYER (self));

  g_clear_pointer (&self->outlines, g_array_unref);
  g_clear_pointer (&self->grids, g_ptr_array_unref);
  g_clear_pointer (&self->measures, g_hash_table_unref);
  self->grids = grids;
  self->measures = measures;
  self->outlines = g_array_new (FALSE, TRUE, sizeof (Outline));
  g_array_set_clear_func (self->outlines, outline_clear);
  for (guint i = 0; grids != NULL && i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);

      /* the town itself needs no outline of its own: its villages draw it */
      if (g_strcmp0 (grid->level, "grid") == 0 || g_strcmp0 (grid->level, "village") == 0)
        add_outline (self, grid, gcj02);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
gd_map_grid_layer_get_grids (GdMapGridLayer *self)
{
  g_return_val_if_fail (GD_IS_MAP_GRID_LAYER (self), NULL);

  return self->grids;
}

void
gd_map_grid_layer_set_measure (GdMapGridLayer *self,
                               GdMapMeasure    measure)
{
  g_return_if_fail (GD_IS_MAP_GRID_LAYER (self));

  self->measure = measure;
  for (guint i = 0; self->outlines != NULL && i < self->outlines->len; i++)
    g_clear_object (&g_array_index (self->outlines, Outline, i).layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gd_map_grid_layer_set_selected (GdMapGridLayer *self,
                                const char     *code)
{
  g_return_if_fail (GD_IS_MAP_GRID_LAYER (self));

  g_free (self->selected);
  self->selected = g_strdup (code);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdGeoGrid *
gd_map_grid_layer_pick (GdMapGridLayer *self,
                        double          x,
                        double          y)
{
  ShumateViewport *viewport;
  GdMapFrame frame;
  double mx, my;

  g_return_val_if_fail (GD_IS_MAP_GRID_LAYER (self), NULL);

  if (self->outlines == NULL)
    return NULL;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  gd_map_frame_init (&frame, viewport, GTK_WIDGET (self));
  gd_map_frame_to_mercator (&frame, x, y, &mx, &my);
  /* test in display coordinates, so a click lands where the outline is drawn */
  for (guint i = 0; i < self->outlines->len; i++)
    {
      Outline *o = &g_array_index (self->outlines, Outline, i);
      gboolean inside = FALSE;

      if (o->village || mx < o->x0 || mx > o->x1 || my < o->y0 || my > o->y1)
        continue;
      for (guint r = 0; r < o->rings->len; r++)
        {
          GArray *ring = g_array_index (o->rings, GArray *, r);
          const double *c = (const double *) ring->data;
          guint n = ring->len / 2;

          for (guint a = 0, b = n - 1; a < n; b = a++)
            if ((c[2 * a + 1] > my) != (c[2 * b + 1] > my)
                && mx < (c[2 * b] - c[2 * a]) * (my - c[2 * a + 1]) / (c[2 * b + 1] - c[2 * a + 1]) + c[2 * a])
              inside = !inside;
        }
      if (inside)
        return o->grid;
    }
  return NULL;
}

static void
on_viewport_changed (GdMapGridLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gd_map_grid_layer_constructed (GObject *object)
{
  GdMapGridLayer *self = GD_MAP_GRID_LAYER (object);

  G_OBJECT_CLASS (gd_map_grid_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
gd_map_grid_layer_finalize (GObject *object)
{
  GdMapGridLayer *self = GD_MAP_GRID_LAYER (object);

  g_clear_pointer (&self->outlines, g_array_unref);
  g_clear_pointer (&self->grids, g_ptr_array_unref);
  g_clear_pointer (&self->measures, g_hash_table_unref);
  g_free (self->selected);

  G_OBJECT_CLASS (gd_map_grid_layer_parent_class)->finalize (object);
}

static void
gd_map_grid_layer_class_init (GdMapGridLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gd_map_grid_layer_constructed;
  object_class->finalize = gd_map_grid_layer_finalize;
  widget_class->snapshot = gd_map_grid_layer_snapshot;
}

static void
gd_map_grid_layer_init (GdMapGridLayer *self)
{
}

GdMapGridLayer *
gd_map_grid_layer_new (ShumateViewport *viewport,
                       gboolean         labels)
{
  GdMapGridLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  self = g_object_new (GD_TYPE_MAP_GRID_LAYER, "viewport", viewport, NULL);
  self->labels = labels;
  /* names never catch clicks: the points and areas below them do */
  if (labels)
    gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  return self;
}
