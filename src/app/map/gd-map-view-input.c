/* gd-map-view-input.c: what the pointer does on the map: a click opens a record, zooms
 * into a cluster or selects a grid; the context menu places a new incident (its grid found by
 * point-in-polygon) or selects the grid; dragging a single point corrects its location
 * through the store, with Undo.
 *
 * The gestures sit on the ShumateMap in the capture phase: a drag that starts on a single
 * household or incident moves it (the map does not pan), anything else falls through.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-view"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gd-json.h"
#include "gd-map-style.h"
#include "gd-map-view-private.h"
#include "gd-operator.h"

/* a press that moves less than this is a click, not a drag */
#define DRAG_THRESHOLD 5.0

/* ---- opening and selecting -------------------------------------------------------------- */

static void
open_point (GdMapView        *self,
            const GdMapPoint *point)
{
  static const char *const actions[] = {
    "win.open-household", "win.open-incident", "win.open-dispute", "win.open-organisation",
  };

  gd_map_points_layer_set_selected (self->points_layer, point->doc_id);
  if (!gtk_widget_activate_action (GTK_WIDGET (self), actions[point->kind], "s", point->doc_id))
    gd_map_view_toast (self, _("This kind of record cannot be opened in this version yet."));
}

static void
select_grid (GdMapView *self,
             GdGeoGrid *grid)
{
  gd_map_view_set_grid (self, grid->code);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.select-grid", "s", grid->code);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GdMapView       *self)
{
  GdMapPick pick;
  GdGeoGrid *grid;

  if (n_press != 1)
    return;
  if (gd_map_points_layer_pick (self->points_layer, x, y, &pick))
    {
      GdMapPoints *points = gd_map_points_layer_get_points (self->points_layer);

      if (pick.count > 1)
        {
          /* a cluster: zoom in on it until it falls apart */
          double lat = gd_geo_mercator_lat (pick.my), lon = gd_geo_mercator_lon (pick.mx);

          if (self->gcj02)
            gd_geo_gcj02_to_wgs84 (lat, lon, &lat, &lon);
          gd_map_view_go_to (self, lat, lon, floor (shumate_viewport_get_zoom_level (self->viewport)) + 2, TRUE);
        }
      else
        open_point (self, &g_array_index (points->points, GdMapPoint, pick.index));
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->grid_layer))
      && (grid = gd_map_grid_layer_pick (self->grid_layer, x, y)) != NULL)
    select_grid (self, grid);
}

static void
show_context_menu (GdMapView *self,
                   double     x,
                   double     y)
{
  GdkRectangle where = { (int) x, (int) y, 1, 1 };
  graphene_point_t point;

  gd_map_view_widget_to_location (self, x, y, &self->menu_lat, &self->menu_lon);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->overlay),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  where.x = (int) point.x;
  where.y = (int) point.y;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover), &where);
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GdMapView       *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_context_menu (self, x, y);
}

static void
on_long_pressed (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 GdMapView           *self)
{
  show_context_menu (self, x, y);
}

/* the grid (level grid) containing a WGS84 place, or NULL */
static GdGeoGrid *
grid_at (GdMapView *self,
         double     lat,
         double     lon)
{
  GPtrArray *grids = gd_map_grid_layer_get_grids (self->grid_layer);

  for (guint i = 0; grids != NULL && i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);

      if (g_strcmp0 (grid->level, "grid") == 0 && gd_geo_shape_contains (grid->shape, lon, lat))
        return grid;
    }
  return NULL;
}

/* the grid of the context menu's place, with a message when there is none */
static GdGeoGrid *
grid_at_menu (GdMapView *self)
{
  GdGeoGrid *grid = grid_at (self, self->menu_lat, self->menu_lon);

  if (grid == NULL)
    gd_map_view_toast (self, _("This place lies outside every grid. Choose a place inside a grid boundary."));
  return grid;
}

static void
map_new_incident_here_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GdMapView *self = GD_MAP_VIEW (widget);
  GdGeoGrid *grid = grid_at_menu (self);

  if (grid == NULL)
    return;
  if (!gtk_widget_activate_action (widget, "win.new-incident-at", "(dds)",
                                   self->menu_lat, self->menu_lon, grid->code))
    gd_map_view_toast (self, _("Registering incidents is not available in this version yet."));
}

/* the editor with the place filled in, and its grid when the place lies in one */
static void
map_new_organisation_here_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GdMapView *self = GD_MAP_VIEW (widget);
  GdGeoGrid *grid = grid_at (self, self->menu_lat, self->menu_lon);

  if (!gtk_widget_activate_action (widget, "win.new-organisation-at", "(dds)",
                                   self->menu_lat, self->menu_lon, grid != NULL ? grid->code : ""))
    gd_map_view_toast (self, _("Registering organisations is not available in this version yet."));
}

static void
map_select_grid_here_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GdMapView *self = GD_MAP_VIEW (widget);
  GdGeoGrid *grid = grid_at_menu (self);

  if (grid != NULL)
    select_grid (self, grid);
}

static void
map_show_all_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GdMapView *self = GD_MAP_VIEW (widget);

  gd_map_view_show_bounds (self, &self->bounds, TRUE);
}

/* ---- dragging a point to correct its location ------------------------------------------ */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GdMapView      *self)
{
  GdMapPick pick;
  GdMapPoints *points = gd_map_points_layer_get_points (self->points_layer);

  self->drag_index = -1;
  /* only single points at street level, and only what has an editable location here */
  if (self->store == NULL || shumate_viewport_get_zoom_level (self->viewport) < GD_MAP_CLUSTER_MAX_ZOOM
      || !gd_map_points_layer_pick (self->points_layer, x, y, &pick) || pick.count != 1
      || g_array_index (points->points, GdMapPoint, pick.index).kind == GD_MAP_DISPUTE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_index = pick.index;
  self->drag_moved = FALSE;
  self->drag_start_x = x;
  self->drag_start_y = y;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GdMapView      *self)
{
  GdMapFrame frame;
  double mx, my;

  if (self->drag_index < 0)
    return;
  if (!self->drag_moved && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  self->drag_moved = TRUE;
  gd_map_frame_init (&frame, self->viewport, GTK_WIDGET (self->map));
  gd_map_frame_to_mercator (&frame, self->drag_start_x + dx, self->drag_start_y + dy, &mx, &my);
  gd_map_points_layer_set_dragged (self->points_layer, self->drag_index, mx, my);
}

static const char *
operator_name (GdMapView *self)
{
  const char *actor = self->session != NULL ? gd_session_get_actor (self->session) : NULL;

  return actor != NULL ? actor : "griddesk";
}

/* writes the new location through the store; returns the grid it now lies in (or NULL) */
static gboolean
write_location (GdMapView   *self,
                const char  *doc_id,
                double       lat,
                double       lon,
                double      *old_lat,
                double      *old_lon,
                char       **doc_grid,
                GError     **error)
{
  g_autoptr(JsonObject) doc = gd_store_get (self->store, doc_id, error);
  g_autofree char *id = NULL;
  JsonObject *location;

  if (doc == NULL)
    return FALSE;
  location = gd_json_get_object (doc, "location");
  if (location == NULL)
    {
      location = json_object_new ();
      json_object_set_object_member (doc, "location", location);
    }
  if (old_lat != NULL)
    *old_lat = json_object_get_double_member_with_default (location, "lat", lat);
  if (old_lon != NULL)
    *old_lon = json_object_get_double_member_with_default (location, "lon", lon);
  /* six decimals: about 10 cm, what the forms and the demo use */
  json_object_set_double_member (location, "lat", round (lat * 1e6) / 1e6);
  json_object_set_double_member (location, "lon", round (lon * 1e6) / 1e6);
  if (doc_grid != NULL)
    *doc_grid = g_strdup (gd_json_get_string (doc, "grid"));
  id = gd_store_put (self->store, doc, operator_name (self), NULL, error);
  return id != NULL;
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             GdMapView      *self)
{
  GdMapPoints *points = gd_map_points_layer_get_points (self->points_layer);
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_grid = NULL;
  GdMapPoint *point;
  double lat, lon, old_lat = 0, old_lon = 0;
  int index = self->drag_index;
  GPtrArray *grids;
  GdGeoGrid *here;
  AdwToast *t;
  g_autofree char *text = NULL;

  if (index < 0)
    return;
  self->drag_index = -1;
  gd_map_points_layer_set_dragged (self->points_layer, -1, 0, 0);
  point = &g_array_index (points->points, GdMapPoint, index);
  if (!self->drag_moved)
    {
      open_point (self, point);
      return;
    }

  gd_map_view_widget_to_location (self, self->drag_start_x + dx, self->drag_start_y + dy, &lat, &lon);
  if (!write_location (self, point->doc_id, lat, lon, &old_lat, &old_lon, &doc_grid, &error))
    {
      text = g_strdup_printf (_("The location could not be saved: %s"), error->message);
      gd_map_view_toast (self, text);
      return;
    }
  gd_map_points_layer_move_point (self->points_layer, index, lat, lon);
  g_free (self->undo_doc_id);
  self->undo_doc_id = g_strdup (point->doc_id);
  self->undo_lat = old_lat;
  self->undo_lon = old_lon;

  /* the record keeps its grid: say so when the new place lies in another one */
  here = grid_at (self, lat, lon);
  grids = gd_map_grid_layer_get_grids (self->grid_layer);
  for (guint i = 0; here != NULL && doc_grid != NULL && grids != NULL && i < grids->len; i++)
    {
      GdGeoGrid *own = g_ptr_array_index (grids, i);

      if (g_strcmp0 (own->code, doc_grid) == 0 && own != here)
        /* Translators: the grid the new place lies in; the record's grid is unchanged */
        text = g_strdup_printf (_("Location saved. It now lies in %s; the record still belongs to %s."),
                                here->name, own->name);
    }
  if (text == NULL)
    text = g_strdup (_("Location saved"));
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "map.undo-move");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
map_undo_move_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GdMapView *self = GD_MAP_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = g_steal_pointer (&self->undo_doc_id);
  int index;

  if (doc_id == NULL || self->store == NULL)
    return;
  if (!write_location (self, doc_id, self->undo_lat, self->undo_lon, NULL, NULL, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The location could not be restored: %s"), error->message);
      gd_map_view_toast (self, text);
      return;
    }
  index = gd_map_points_layer_find (self->points_layer, doc_id);
  if (index >= 0)
    gd_map_points_layer_move_point (self->points_layer, index, self->undo_lat, self->undo_lon);
}

/* ---- set-up ------------------------------------------------------------------------------ */

void
gd_map_view_input_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.new-incident-here", NULL, map_new_incident_here_cb);
  gtk_widget_class_install_action (widget_class, "map.new-organisation-here", NULL, map_new_organisation_here_cb);
  gtk_widget_class_install_action (widget_class, "map.select-grid-here", NULL, map_select_grid_here_cb);
  gtk_widget_class_install_action (widget_class, "map.show-all", NULL, map_show_all_cb);
  gtk_widget_class_install_action (widget_class, "map.undo-move", NULL, map_undo_move_cb);
}

void
gd_map_view_input_init (GdMapView *self)
{
  GtkGesture *click, *secondary, *long_press, *drag;

  self->drag_index = -1;
  self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self->overlay));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), TRUE);
  /* the overlay unparents it when it goes first */
  g_object_add_weak_pointer (G_OBJECT (self->context_popover), (gpointer *) &self->context_popover);

  /* capture phase: decided before the map's own pan and zoom gestures */
  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  secondary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (secondary));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (long_press));
}
