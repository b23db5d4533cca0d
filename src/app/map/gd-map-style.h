/* gd-map-style.h: what the map layers share: the viewport frame (Mercator ↔ widget pixels),
 * colours and point sprites (also shown in the legend).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "gd-map-points.h"

G_BEGIN_DECLS

/* Below this zoom points are clustered; from it on each is drawn by itself. */
#define GD_MAP_CLUSTER_MAX_ZOOM 17
/* households, being many and the backdrop of everything else, stop clustering earlier */
#define GD_MAP_HOUSEHOLD_CLUSTER_MAX_ZOOM 14
/* below this, single households are drawn as small squares */
#define GD_MAP_HOUSEHOLD_SPECK_MAX_ZOOM 15.5
/* Cluster cell, screen pixels */
#define GD_MAP_CLUSTER_CELL 56.0

/* One frame's mapping from Web Mercator [0, 1] to the widget, before rotation (the layers
 * rotate their snapshot about the centre). */
typedef struct {
  double cx, cy;      /* the centre, Mercator */
  double scale;       /* Mercator unit → px */
  double width, height;
  double zoom;
  double rotation;    /* radians */
} GdMapFrame;

void     gd_map_frame_init        (GdMapFrame *frame, ShumateViewport *viewport, GtkWidget *widget);
/* Mercator → unrotated widget px */
static inline double gd_map_frame_x (const GdMapFrame *f, double mx) { return (mx - f->cx) * f->scale + f->width / 2; }
static inline double gd_map_frame_y (const GdMapFrame *f, double my) { return (my - f->cy) * f->scale + f->height / 2; }
/* widget px (as the pointer sees them, rotated) → Mercator */
void     gd_map_frame_to_mercator (const GdMapFrame *frame, double x, double y, double *mx, double *my);
/* pushes the rotation about the centre (pair with gtk_snapshot_restore) */
void     gd_map_frame_push_rotation (const GdMapFrame *frame, GtkSnapshot *snapshot);
/* Mercator bounds seen through the frame, with `margin_px` more on each side */
void     gd_map_frame_visible     (const GdMapFrame *frame, double margin_px,
                                   double *x0, double *y0, double *x1, double *y1);

/* Sprites are drawn for this many device pixels per pixel (the widget's scale factor). */
void          gd_map_style_set_scale (int scale);
/* A point's colour and its sprite (draw at gd_map_sprite_size px) */
void          gd_map_state_color  (GdMapKind kind, GdMapState state, GdkRGBA *color);
GdkTexture   *gd_map_sprite       (GdMapKind kind, GdMapState state);
double        gd_map_sprite_size  (GdMapKind kind, GdMapState state);
/* a cluster's bubble of `diameter` px for a kind; `alert` adds a red ring (overdue inside) */
GdkTexture   *gd_map_bubble       (GdMapKind kind, guint diameter, gboolean alert);
GdkTexture   *gd_map_selection_ring (void);
/* Organisations (单位场所): a rounded square with their premises category's symbol (the code
 * table's "symbol", 餐 for a small restaurant), filled with their risk level's colour, a red
 * frame when a hazard is overdue. `premises` may be NULL or unknown (then 他). */
#define GD_MAP_ORGANISATION_SIZE 20.0
void          gd_map_risk_color   (GdMapRisk risk, GdkRGBA *color);
GdkTexture   *gd_map_organisation_sprite (const char *premises, GdMapRisk risk, gboolean overdue);
/* what a risk level is called in the legend */
const char   *gd_map_risk_name    (GdMapRisk risk);
/* what a state is called in the legend */
const char   *gd_map_state_name   (GdMapKind kind, GdMapState state);

G_END_DECLS
