/* gd-map-points-layer.c: culled, clustered drawing of the map's points.
 *
 * Each point keeps its display position in Mercator units (shifted once when the basemap is
 * GCJ-02); clusters are computed once per integer zoom and cached, so a frame costs a pass
 * over the points in view and one texture node per drawn item.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-points-layer"
#include "config.h"

#include <math.h>

#include "gd-cluster.h"
#include "gd-map-points-layer.h"
#include "gd-map-style.h"

struct _GdMapPointsLayer
{
  ShumateLayer  parent_instance;

  GdMapPoints  *points;        /* x, y hold the display position */
  gboolean      gcj02;
  guint         kinds;
  gboolean      closed;        /* draw archived incidents and closed disputes too */
  GArray       *clusters[GD_MAP_CLUSTER_MAX_ZOOM];  /* per integer zoom, lazily */
  GHashTable   *count_layouts; /* count → PangoLayout */
  int           selected;
  int           dragged;
  double        drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (GdMapPointsLayer, gd_map_points_layer, SHUMATE_TYPE_LAYER)

/* incidents over disputes over organisations over households; overdue ones over everything */
static const GdMapKind draw_order[] = { GD_MAP_HOUSEHOLD, GD_MAP_ORGANISATION, GD_MAP_DISPUTE, GD_MAP_INCIDENT };

static void
clear_clusters (GdMapPointsLayer *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->clusters); i++)
    g_clear_pointer (&self->clusters[i], g_array_unref);
}

static GArray *
clusters_at (GdMapPointsLayer *self,
             int               zoom)
{
  zoom = CLAMP (zoom, 0, GD_MAP_CLUSTER_MAX_ZOOM - 1);
  if (self->clusters[zoom] == NULL)
    self->clusters[zoom] = gd_cluster_points (self->points->points, zoom, GD_MAP_CLUSTER_CELL,
                                              GD_MAP_ALL_KINDS, self->closed);
  return self->clusters[zoom];
}

static PangoLayout *
count_layout (GdMapPointsLayer *self,
              guint             count)
{
  PangoLayout *layout = g_hash_table_lookup (self->count_layouts, GUINT_TO_POINTER (count));

  if (layout == NULL)
    {
      g_autofree char *text = count < 10000 ? g_strdup_printf ("%u", count)
                                            : g_strdup_printf ("%.0fk", count / 1000.0);
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      g_hash_table_insert (self->count_layouts, GUINT_TO_POINTER (count), layout);
    }
  return layout;
}

static guint
bubble_diameter (guint count)
{
  return count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 38 : 44;
}

static inline void
append_texture (GtkSnapshot *snapshot,
                GdkTexture  *texture,
                double       x,
                double       y,
                double       size)
{
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (x - size / 2, y - size / 2, size, size));
}

static void
draw_point (GtkSnapshot      *snapshot,
            const GdMapPoint *point,
            double            x,
            double            y)
{
  /* an organisation: its premises category's symbol in its risk colour */
  if (point->kind == GD_MAP_ORGANISATION)
    append_texture (snapshot, gd_map_organisation_sprite (point->premises, point->risk,
                                                          point->state == GD_MAP_STATE_OVERDUE),
                    x, y, GD_MAP_ORGANISATION_SIZE);
  else
    append_texture (snapshot, gd_map_sprite (point->kind, point->state), x, y,
                    gd_map_sprite_size (point->kind, point->state));
}

static void
draw_bubble (GdMapPointsLayer *self,
             GtkSnapshot      *snapshot,
             const GdCluster  *cluster,
             double            x,
             double            y)
{
  static const GdkRGBA white = { 1, 1, 1, 1 };
  guint diameter = bubble_diameter (cluster->count);
  PangoLayout *layout = count_layout (self, cluster->count);
  int width, height;

  append_texture (snapshot, gd_map_bubble (cluster->kind, diameter, cluster->overdue > 0),
                  x, y, diameter);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - width / 2.0), round (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static gboolean
clustered (GdMapKind kind,
           double    zoom)
{
  /* households are many and tell where people live: single dots from village zoom on */
  return zoom < (kind == GD_MAP_HOUSEHOLD ? GD_MAP_HOUSEHOLD_CLUSTER_MAX_ZOOM : GD_MAP_CLUSTER_MAX_ZOOM);
}

void
gd_map_points_layer_draw (GdMapPointsLayer *self,
                          GtkSnapshot      *snapshot,
                          double            width,
                          double            height)
{
  ShumateViewport *viewport;
  GdMapFrame frame;
  GArray *points, *clusters = NULL;
  double x0, y0, x1, y1;

  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  if (self->points == NULL)
    return;
  points = self->points->points;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  gd_map_frame_init (&frame, viewport, GTK_WIDGET (self));
  frame.width = width;
  frame.height = height;
  gd_map_frame_visible (&frame, 30, &x0, &y0, &x1, &y1);
  gd_map_frame_push_rotation (&frame, snapshot);

  if (self->selected >= 0 && (guint) self->selected < points->len)
    {
      const GdMapPoint *p = &g_array_index (points, GdMapPoint, self->selected);
      append_texture (snapshot, gd_map_selection_ring (), gd_map_frame_x (&frame, p->x),
                      gd_map_frame_y (&frame, p->y), 30);
    }

  if (frame.zoom < GD_MAP_CLUSTER_MAX_ZOOM)
    clusters = clusters_at (self, (int) floor (frame.zoom));

  /* the last pass draws single overdue incidents over everything */
  for (guint k = 0; k <= G_N_ELEMENTS (draw_order); k++)
    {
      gboolean overdue_pass = k == G_N_ELEMENTS (draw_order);
      GdMapKind kind = overdue_pass ? GD_MAP_INCIDENT : draw_order[k];

      if ((self->kinds & GD_MAP_KIND_BIT (kind)) == 0)
        continue;
      if (clustered (kind, frame.zoom))
        {
          if (overdue_pass)
            continue;
          for (guint i = 0; i < clusters->len; i++)
            {
              const GdCluster *c = &g_array_index (clusters, GdCluster, i);

              if (c->kind != kind || c->x < x0 || c->x > x1 || c->y < y0 || c->y > y1)
                continue;
              if (c->count == 1)
                draw_point (snapshot, &g_array_index (points, GdMapPoint, c->first),
                            gd_map_frame_x (&frame, c->x), gd_map_frame_y (&frame, c->y));
              else
                draw_bubble (self, snapshot, c, gd_map_frame_x (&frame, c->x), gd_map_frame_y (&frame, c->y));
            }
          continue;
        }
      /* zoomed out, households are thousands of specks: plain squares cost the renderer
       * far less than textures */
      if (kind == GD_MAP_HOUSEHOLD && frame.zoom < GD_MAP_HOUSEHOLD_SPECK_MAX_ZOOM)
        {
          GdkRGBA color;

          gd_map_state_color (GD_MAP_HOUSEHOLD, GD_MAP_STATE_NONE, &color);
          for (guint i = 0; i < points->len; i++)
            {
              const GdMapPoint *p = &g_array_index (points, GdMapPoint, i);

              if (p->kind != kind || p->x < x0 || p->x > x1 || p->y < y0 || p->y > y1)
                continue;
              gtk_snapshot_append_color (snapshot, &color,
                                         &GRAPHENE_RECT_INIT (round (gd_map_frame_x (&frame, p->x)) - 2,
                                                              round (gd_map_frame_y (&frame, p->y)) - 2, 4, 4));
            }
          continue;
        }
      for (guint i = 0; i < points->len; i++)
        {
          const GdMapPoint *p = &g_array_index (points, GdMapPoint, i);

          if (p->kind != kind || (kind == GD_MAP_INCIDENT && (p->state == GD_MAP_STATE_OVERDUE) != overdue_pass)
              || (!self->closed && p->state == GD_MAP_STATE_CLOSED)
              || p->x < x0 || p->x > x1 || p->y < y0 || p->y > y1 || (int) i == self->dragged)
            continue;
          draw_point (snapshot, p, gd_map_frame_x (&frame, p->x), gd_map_frame_y (&frame, p->y));
        }
    }

  if (self->dragged >= 0)
    draw_point (snapshot, &g_array_index (points, GdMapPoint, self->dragged),
                gd_map_frame_x (&frame, self->drag_x), gd_map_frame_y (&frame, self->drag_y));

  gtk_snapshot_restore (snapshot);
}

static void
gd_map_points_layer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  gd_map_style_set_scale (gtk_widget_get_scale_factor (widget));
  gd_map_points_layer_draw (GD_MAP_POINTS_LAYER (widget), snapshot,
                            gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static int
draw_rank (GdMapKind kind)
{
  for (guint k = 0; k < G_N_ELEMENTS (draw_order); k++)
    if (draw_order[k] == kind)
      return (int) k;
  return 0;
}

static gboolean
better_hit (GdMapKind kind,
            double    d,
            int       best_rank,
            double    best)
{
  int rank = draw_rank (kind);

  return rank > best_rank || (rank == best_rank && d < best);
}

gboolean
gd_map_points_layer_pick (GdMapPointsLayer *self,
                          double            x,
                          double            y,
                          GdMapPick        *pick)
{
  ShumateViewport *viewport;
  GdMapFrame frame;
  double mx, my, best = G_MAXDOUBLE;
  int best_rank = -1;
  gboolean found = FALSE;

  g_return_val_if_fail (GD_IS_MAP_POINTS_LAYER (self), FALSE);
  g_return_val_if_fail (pick != NULL, FALSE);

  if (self->points == NULL)
    return FALSE;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  gd_map_frame_init (&frame, viewport, GTK_WIDGET (self));
  gd_map_frame_to_mercator (&frame, x, y, &mx, &my);

  /* what is drawn on top wins (incidents over disputes over households), then the nearest;
   * a hit is within the drawn radius plus a little slack */
  if (frame.zoom < GD_MAP_CLUSTER_MAX_ZOOM)
    {
      GArray *clusters = clusters_at (self, (int) floor (frame.zoom));

      for (guint i = 0; i < clusters->len; i++)
        {
          const GdCluster *c = &g_array_index (clusters, GdCluster, i);
          const GdMapPoint *p = &g_array_index (self->points->points, GdMapPoint, c->first);
          double radius = (c->count == 1 ? gd_map_sprite_size (p->kind, p->state) : bubble_diameter (c->count)) / 2 + 3;
          double d = hypot (c->x - mx, c->y - my) * frame.scale;

          if ((self->kinds & GD_MAP_KIND_BIT (c->kind)) == 0 || !clustered (c->kind, frame.zoom)
              || d > radius || !better_hit (c->kind, d, best_rank, best))
            continue;
          best = d;
          best_rank = draw_rank (c->kind);
          pick->index = (int) c->first;
          pick->count = c->count;
          pick->mx = c->x;
          pick->my = c->y;
          found = TRUE;
        }
    }
  for (guint i = 0; i < self->points->points->len; i++)
    {
      const GdMapPoint *p = &g_array_index (self->points->points, GdMapPoint, i);
      double d;

      if ((self->kinds & GD_MAP_KIND_BIT (p->kind)) == 0 || clustered (p->kind, frame.zoom)
          || (!self->closed && p->state == GD_MAP_STATE_CLOSED))
        continue;
      d = hypot (p->x - mx, p->y - my) * frame.scale;
      if (d > MAX (gd_map_sprite_size (p->kind, p->state) / 2 + 4, 6) || !better_hit (p->kind, d, best_rank, best))
        continue;
      best = d;
      best_rank = draw_rank (p->kind);
      pick->index = (int) i;
      pick->count = 1;
      pick->mx = p->x;
      pick->my = p->y;
      found = TRUE;
    }
  return found;
}

void
gd_map_points_layer_display_position (GdMapPointsLayer *self,
                                      double            lat,
                                      double            lon,
                                      double           *mx,
                                      double           *my)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  if (self->gcj02)
    gd_geo_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  *mx = gd_geo_mercator_x (lon);
  *my = gd_geo_mercator_y (lat);
}

void
gd_map_points_layer_set_points (GdMapPointsLayer *self,
                                GdMapPoints      *points,
                                gboolean          gcj02)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  g_clear_pointer (&self->points, gd_map_points_free);
  clear_clusters (self);
  self->points = points;
  self->gcj02 = gcj02;
  self->selected = -1;
  self->dragged = -1;
  if (points != NULL && gcj02)
    for (guint i = 0; i < points->points->len; i++)
      {
        GdMapPoint *p = &g_array_index (points->points, GdMapPoint, i);
        gd_map_points_layer_display_position (self, p->lat, p->lon, &p->x, &p->y);
      }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdMapPoints *
gd_map_points_layer_get_points (GdMapPointsLayer *self)
{
  g_return_val_if_fail (GD_IS_MAP_POINTS_LAYER (self), NULL);

  return self->points;
}

void
gd_map_points_layer_set_kinds (GdMapPointsLayer *self,
                               guint             kinds)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  self->kinds = kinds & GD_MAP_ALL_KINDS;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gd_map_points_layer_set_show_closed (GdMapPointsLayer *self,
                                     gboolean          closed)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  if (self->closed == !!closed)
    return;
  self->closed = !!closed;
  clear_clusters (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
gd_map_points_layer_get_kinds (GdMapPointsLayer *self)
{
  g_return_val_if_fail (GD_IS_MAP_POINTS_LAYER (self), 0);

  return self->kinds;
}

int
gd_map_points_layer_find (GdMapPointsLayer *self,
                          const char       *doc_id)
{
  g_return_val_if_fail (GD_IS_MAP_POINTS_LAYER (self), -1);

  if (self->points == NULL || doc_id == NULL)
    return -1;
  for (guint i = 0; i < self->points->points->len; i++)
    if (g_strcmp0 (g_array_index (self->points->points, GdMapPoint, i).doc_id, doc_id) == 0)
      return (int) i;
  return -1;
}

void
gd_map_points_layer_set_selected (GdMapPointsLayer *self,
                                  const char       *doc_id)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  self->selected = gd_map_points_layer_find (self, doc_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gd_map_points_layer_set_dragged (GdMapPointsLayer *self,
                                 int               index,
                                 double            mx,
                                 double            my)
{
  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));

  self->dragged = index;
  self->drag_x = mx;
  self->drag_y = my;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gd_map_points_layer_move_point (GdMapPointsLayer *self,
                                int               index,
                                double            lat,
                                double            lon)
{
  GdMapPoint *p;

  g_return_if_fail (GD_IS_MAP_POINTS_LAYER (self));
  g_return_if_fail (self->points != NULL && index >= 0 && (guint) index < self->points->points->len);

  p = &g_array_index (self->points->points, GdMapPoint, index);
  p->lat = lat;
  p->lon = lon;
  gd_map_points_layer_display_position (self, lat, lon, &p->x, &p->y);
  clear_clusters (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_viewport_changed (GdMapPointsLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gd_map_points_layer_constructed (GObject *object)
{
  GdMapPointsLayer *self = GD_MAP_POINTS_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (gd_map_points_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
gd_map_points_layer_finalize (GObject *object)
{
  GdMapPointsLayer *self = GD_MAP_POINTS_LAYER (object);

  g_clear_pointer (&self->points, gd_map_points_free);
  clear_clusters (self);
  g_clear_pointer (&self->count_layouts, g_hash_table_unref);

  G_OBJECT_CLASS (gd_map_points_layer_parent_class)->finalize (object);
}

static void
gd_map_points_layer_class_init (GdMapPointsLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gd_map_points_layer_constructed;
  object_class->finalize = gd_map_points_layer_finalize;
  widget_class->snapshot = gd_map_points_layer_snapshot;
}

static void
gd_map_points_layer_init (GdMapPointsLayer *self)
{
  self->kinds = GD_MAP_ALL_KINDS;
  self->selected = -1;
  self->dragged = -1;
  self->count_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

GdMapPointsLayer *
gd_map_points_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (GD_TYPE_MAP_POINTS_LAYER, "viewport", viewport, NULL);
}
