/* gd-map-view-private.h: what gd-map-view.c and gd-map-view-input.c share.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-geo.h"
#include "gd-map-grid-layer.h"
#include "gd-map-points-layer.h"
#include "gd-map-view.h"

G_BEGIN_DECLS

struct _GdMapView
{
  AdwBin              parent_instance;

  gboolean            stale;   /* data changed while not on screen: loaded when shown */

  /* template children */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *status_label;
  GtkOverlay         *overlay;
  ShumateSimpleMap   *simple_map;
  GtkBox             *legend_box;
  GtkSpinner         *spinner;
  GMenuModel         *context_menu;

  ShumateMap         *map;
  ShumateViewport    *viewport;
  GdMapGridLayer     *grid_layer;
  GdMapPointsLayer   *points_layer;
  GdMapGridLayer     *label_layer;
  GtkWidget          *context_popover;

  GdSession          *session;  /* NULL in benchmarks */
  GSettings          *settings;
  GdStore            *store;
  GCancellable       *cancellable;
  GdGeoBounds         bounds;
  gboolean            gcj02;
  gboolean            have_viewport;
  gboolean            offline_missing;
  char               *selected_grid;
  char               *pending_document;  /* shown once the data are in */
  guint               save_source;

  /* a flight to a place (libshumate 1.0's go_to leaves its basemap at the old zoom) */
  guint               fly_tick;
  gint64              fly_start;
  double              fly_from[3];      /* Mercator x, y, zoom */
  double              fly_to[3];

  /* the place of the last context menu (WGS84) */
  double              menu_lat;
  double              menu_lon;

  /* dragging a point */
  int                 drag_index;
  gboolean            drag_moved;
  double              drag_start_x;
  double              drag_start_y;

  /* the last move, for Undo */
  char               *undo_doc_id;
  double              undo_lat;
  double              undo_lon;
};

/* gd-map-view.c */
void       gd_map_view_toast              (GdMapView *self, const char *text);
/* a widget position on the map → WGS84 (the GCJ-02 shift of the display undone) */
void       gd_map_view_widget_to_location (GdMapView *self, double x, double y,
                                           double *lat, double *lon);
/* centres the map on a WGS84 place at `zoom` */
void       gd_map_view_go_to              (GdMapView *self, double lat, double lon,
                                           double zoom, gboolean animate);
void       gd_map_view_show_bounds        (GdMapView *self, const GdGeoBounds *bounds,
                                           gboolean animate);

/* gd-map-view-input.c: clicks, the context menu, dragging points, and their actions */
void       gd_map_view_input_class_init   (GtkWidgetClass *widget_class);
void       gd_map_view_input_init         (GdMapView *self);

G_END_DECLS
