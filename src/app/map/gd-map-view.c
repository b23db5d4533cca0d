/* gd-map-view.c: the map view.
 *
 * The data (grids, measures, points, the offline basemap file) are read by one worker with
 * its own database connection (gd-map-load); the view only draws them through its custom
 * layers (areas, points, names). What the pointer does is in gd-map-view-input.c, the legend
 * in gd-map-legend.c.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-view"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gd-json.h"
#include "gd-map-grid-layer.h"
#include "gd-map-load.h"
#include "gd-map-points-layer.h"
#include "gd-map-sources.h"
#include "gd-map-style.h"
#include "gd-map-legend.h"
#include "gd-map-view-private.h"
#include "gd-mbtiles-source.h"
#include "gd-operator.h"

/* where the map flies to show one record */
#define DOCUMENT_ZOOM 18.0


G_DEFINE_FINAL_TYPE (GdMapView, gd_map_view, ADW_TYPE_BIN)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void apply_basemap (GdMapView *self, GdMbtiles *mbtiles, const GError *mbtiles_error);

void
gd_map_view_toast (GdMapView  *self,
                   const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- coordinates ------------------------------------------------------------------------ */

/* a widget position on the map → WGS84, undoing the GCJ-02 shift of the display */
void
gd_map_view_widget_to_location (GdMapView *self,
                    double     x,
                    double     y,
                    double    *lat,
                    double    *lon)
{
  GdMapFrame frame;
  double mx, my;

  gd_map_frame_init (&frame, self->viewport, GTK_WIDGET (self->map));
  gd_map_frame_to_mercator (&frame, x, y, &mx, &my);
  *lat = gd_geo_mercator_lat (my);
  *lon = gd_geo_mercator_lon (mx);
  if (self->gcj02)
    gd_geo_gcj02_to_wgs84 (*lat, *lon, lat, lon);
}

#define FLY_DURATION_US (450 * G_TIME_SPAN_MILLISECOND)

static void
set_view (GdMapView *self,
          double     mx,
          double     my,
          double     zoom)
{
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_map_center_on (self->map, gd_geo_mercator_lat (my), gd_geo_mercator_lon (mx));
}

static gboolean
fly_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  GdMapView *self = user_data;
  double t = MIN (1.0, (gdk_frame_clock_get_frame_time (clock) - self->fly_start) / (double) FLY_DURATION_US);
  double e = 1 - pow (1 - t, 3);  /* ease out */
  double v[3];

  for (int i = 0; i < 3; i++)
    v[i] = self->fly_from[i] + (self->fly_to[i] - self->fly_from[i]) * e;
  set_view (self, v[0], v[1], v[2]);
  if (t < 1.0)
    return G_SOURCE_CONTINUE;
  self->fly_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_flying (GdMapView *self)
{
  if (self->fly_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fly_tick);
  self->fly_tick = 0;
}

/* centre the map on a WGS84 place at `zoom` (shifted to GCJ-02 when the basemap is) */
void
gd_map_view_go_to (GdMapView *self,
       double     lat,
       double     lon,
       double     zoom,
       gboolean   animate)
{
  if (self->gcj02)
    gd_geo_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (self->viewport),
                shumate_viewport_get_max_zoom_level (self->viewport));
  stop_flying (self);
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->fly_from[0] = gd_geo_mercator_x (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)));
      self->fly_from[1] = gd_geo_mercator_y (shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)));
      self->fly_from[2] = shumate_viewport_get_zoom_level (self->viewport);
      self->fly_to[0] = gd_geo_mercator_x (lon);
      self->fly_to[1] = gd_geo_mercator_y (lat);
      self->fly_to[2] = zoom;
      self->fly_start = g_get_monotonic_time ();
      self->fly_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fly_tick_cb, self, NULL);
    }
  else
    set_view (self, gd_geo_mercator_x (lon), gd_geo_mercator_y (lat), zoom);
}

void
gd_map_view_show_bounds (GdMapView         *self,
             const GdGeoBounds *bounds,
             gboolean           animate)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double dx, dy, zoom;

  if (gd_geo_bounds_is_empty (bounds))
    return;
  /* before the first allocation: a typical window */
  if (width < 50 || height < 50)
    {
      width = 900;
      height = 600;
    }
  dx = MAX (1e-9, gd_geo_mercator_x (bounds->east) - gd_geo_mercator_x (bounds->west));
  dy = MAX (1e-9, gd_geo_mercator_y (bounds->south) - gd_geo_mercator_y (bounds->north));
  zoom = log2 (MIN ((width - 40) / (dx * 256), (height - 40) / (dy * 256)));
  gd_map_view_go_to (self, (bounds->south + bounds->north) / 2, (bounds->west + bounds->east) / 2,
         MIN (zoom, 18), animate);
}

/* ---- viewport memory -------------------------------------------------------------------- */

static void
save_viewport (GdMapView *self)
{
  if (self->settings == NULL || !self->have_viewport)
    return;
  g_settings_set (self->settings, "map-viewport", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                  shumate_viewport_get_zoom_level (self->viewport));
}

static gboolean
save_viewport_cb (gpointer user_data)
{
  GdMapView *self = user_data;

  self->save_source = 0;
  save_viewport (self);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_notify (GdMapView *self)
{
  if (!self->have_viewport || self->save_source != 0)
    return;
  self->save_source = g_timeout_add_seconds (1, save_viewport_cb, self);
}

/* the remembered viewport, or the whole area */
static void
restore_viewport (GdMapView *self)
{
  double lat = 0, lon = 0, zoom = 0;

  if (self->settings != NULL)
    g_settings_get (self->settings, "map-viewport", "(ddd)", &lat, &lon, &zoom);
  /* a viewport far from this database's area belongs to another database */
  if (zoom > 0 && !gd_geo_bounds_is_empty (&self->bounds)
      && lat > self->bounds.south - 0.5 && lat < self->bounds.north + 0.5
      && lon > self->bounds.west - 0.5 && lon < self->bounds.east + 0.5)
    {
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_map_center_on (self->map, lat, lon);
    }
  else
    gd_map_view_show_bounds (self, &self->bounds, FALSE);
  self->have_viewport = TRUE;
}

/* ---- status and legend ------------------------------------------------------------------ */

static gboolean
show_closed (GdMapView *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "map-show-closed");
}

static void
update_status (GdMapView *self)
{
  GdMapPoints *points = gd_map_points_layer_get_points (self->points_layer);
  guint counts[GD_MAP_N_KINDS] = { 0 };
  gboolean closed = show_closed (self);
  g_autofree char *text = NULL;

  if (points == NULL)
    {
      gtk_label_set_label (self->status_label, "");
      return;
    }
  for (guint i = 0; i < points->points->len; i++)
    {
      const GdMapPoint *p = &g_array_index (points->points, GdMapPoint, i);
      if (closed || p->state != GD_MAP_STATE_CLOSED)
        counts[p->kind]++;
    }
  if (closed)
    /* Translators: the map's summary: households, incidents, disputes with a location */
    text = g_strdup_printf (_("%u households · %u incidents · %u disputes on the map"),
                            counts[GD_MAP_HOUSEHOLD], counts[GD_MAP_INCIDENT], counts[GD_MAP_DISPUTE]);
  else
    /* Translators: the map's summary when closed cases are hidden */
    text = g_strdup_printf (_("%u households · %u open incidents · %u open disputes on the map"),
                            counts[GD_MAP_HOUSEHOLD], counts[GD_MAP_INCIDENT], counts[GD_MAP_DISPUTE]);
  if (counts[GD_MAP_ORGANISATION] > 0)
    {
      /* Translators: appended to the map's summary */
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, " · %u organisation", " · %u organisations",
                                                            counts[GD_MAP_ORGANISATION]),
                                               counts[GD_MAP_ORGANISATION]);
      g_autofree char *all = g_strconcat (text, more, NULL);

      gtk_label_set_label (self->status_label, all);
      return;
    }
  gtk_label_set_label (self->status_label, text);
}

static GdMapMeasure
current_measure (GdMapView *self)
{
  g_autofree char *measure = self->settings ? g_settings_get_string (self->settings, "map-grid-measure") : NULL;

  if (g_strcmp0 (measure, "open-incidents") == 0)
    return GD_MAP_MEASURE_OPEN_INCIDENTS;
  if (g_strcmp0 (measure, "overdue-incidents") == 0)
    return GD_MAP_MEASURE_OVERDUE_INCIDENTS;
  return GD_MAP_MEASURE_HOUSEHOLDS;
}

static void
build_legend (GdMapView *self)
{
  gd_map_legend_update (self->legend_box, gd_map_points_layer_get_kinds (self->points_layer),
                        show_closed (self), gtk_widget_get_visible (GTK_WIDGET (self->grid_layer)),
                        current_measure (self), gd_map_grid_layer_get_max (self->grid_layer));
}

/* ---- settings --------------------------------------------------------------------------- */

static void
apply_layer_settings (GdMapView *self)
{
  guint kinds = 0;

  if (self->settings == NULL)
    return;
  if (g_settings_get_boolean (self->settings, "map-show-households"))
    kinds |= GD_MAP_KIND_BIT (GD_MAP_HOUSEHOLD);
  if (g_settings_get_boolean (self->settings, "map-show-incidents"))
    kinds |= GD_MAP_KIND_BIT (GD_MAP_INCIDENT);
  if (g_settings_get_boolean (self->settings, "map-show-disputes"))
    kinds |= GD_MAP_KIND_BIT (GD_MAP_DISPUTE);
  if (g_settings_get_boolean (self->settings, "map-show-organisations"))
    kinds |= GD_MAP_KIND_BIT (GD_MAP_ORGANISATION);
  gd_map_points_layer_set_kinds (self->points_layer, kinds);
  gd_map_points_layer_set_show_closed (self->points_layer,
                                       g_settings_get_boolean (self->settings, "map-show-closed"));
  gtk_widget_set_visible (GTK_WIDGET (self->grid_layer),
                          g_settings_get_boolean (self->settings, "map-show-grids"));
  gtk_widget_set_visible (GTK_WIDGET (self->label_layer),
                          g_settings_get_boolean (self->settings, "map-show-grids"));
  gd_map_grid_layer_set_measure (self->label_layer, current_measure (self));
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box),
                          g_settings_get_boolean (self->settings, "map-show-legend"));
  gd_map_grid_layer_set_measure (self->grid_layer, current_measure (self));
  build_legend (self);
  update_status (self);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     GdMapView  *self)
{
  if (g_str_has_prefix (key, "map-show-") || g_str_equal (key, "map-grid-measure"))
    apply_layer_settings (self);
  else if (g_str_equal (key, "map-source") || g_str_equal (key, "map-mbtiles-path")
           || g_str_equal (key, "map-url-template") || g_str_equal (key, "map-gcj02"))
    gd_map_view_reload (self);
}

void
gd_map_view_set_settings (GdMapView *self,
                          GSettings *settings)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const char *const keys[] = {
    "map-show-grids", "map-show-households", "map-show-incidents", "map-show-disputes",
    "map-show-legend", "map-grid-measure", "map-show-closed", "map-show-organisations",
  };

  g_return_if_fail (GD_IS_MAP_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self), "layers", NULL);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, keys[i]);
      g_action_map_add_action (G_ACTION_MAP (group), action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "layers", G_ACTION_GROUP (group));
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  apply_layer_settings (self);
}

/* ---- loading ---------------------------------------------------------------------------- */

/* libshumate 1.0's simple map puts a new basemap layer last, over everything: move the
 * data layers back on top */
static void
set_map_source (GdMapView        *self,
                ShumateMapSource *source)
{
  shumate_simple_map_set_map_source (self->simple_map, source);
  gtk_widget_insert_before (GTK_WIDGET (self->grid_layer), GTK_WIDGET (self->map), NULL);
  gtk_widget_insert_before (GTK_WIDGET (self->points_layer), GTK_WIDGET (self->map), NULL);
  gtk_widget_insert_before (GTK_WIDGET (self->label_layer), GTK_WIDGET (self->map), NULL);
}

static void
on_tianditu_key (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdMapView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = gd_map_tianditu_key_lookup_finish (result, &error);
  g_autoptr(ShumateMapSource) source = NULL;
  g_autofree char *problem = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("No Tianditu key from the keyring: %s", error->message);
  source = gd_map_online_source_new (self->settings, key, &problem);
  if (source == NULL)
    {
      gd_map_view_toast (self, problem);
      return;
    }
  set_map_source (self, source);
}

static void
apply_basemap (GdMapView    *self,
               GdMbtiles    *mbtiles,
               const GError *mbtiles_error)
{
  g_autoptr(ShumateMapSource) source = NULL;

  if (self->settings != NULL && !gd_map_source_is_offline (self->settings))
    {
      g_autofree char *which = g_settings_get_string (self->settings, "map-source");

      if (g_str_equal (which, "tianditu"))
        {
          gd_map_tianditu_key_lookup (self->cancellable, on_tianditu_key, self);
          return;
        }
      else
        {
          g_autofree char *problem = NULL;

          source = gd_map_online_source_new (self->settings, NULL, &problem);
          if (source == NULL)
            gd_map_view_toast (self, problem);
        }
    }
  else if (mbtiles != NULL)
    source = gd_mbtiles_source_new_renderer (mbtiles);
  else if (mbtiles_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No offline basemap: %s. Choose a map file in Preferences → Map."),
                                               mbtiles_error->message);
      gd_map_view_toast (self, text);
    }

  if (source != NULL)
    {
      /* the data's own zoom range stays usable past the file's last zoom */
      set_map_source (self, source);
      shumate_viewport_set_max_zoom_level (self->viewport, 20);
    }
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GdMapView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdMapData) data = gd_map_load_finish (result, &error);
  GdMbtiles *mbtiles;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (data == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The map could not be loaded: %s"), error->message);
      gd_map_view_toast (self, text);
      return;
    }

  /* only a custom tile server can be a GCJ-02 one: the offline file, OpenStreetMap and
   * Tianditu are WGS84/CGCS2000 */
  {
    g_autofree char *source = self->settings ? g_settings_get_string (self->settings, "map-source") : NULL;

    self->gcj02 = g_strcmp0 (source, "custom") == 0 && g_settings_get_boolean (self->settings, "map-gcj02");
  }
  self->bounds = data->bounds;
  gd_map_grid_layer_set_grids (self->label_layer, g_ptr_array_ref (data->grids),
                               g_hash_table_ref (data->measures), self->gcj02);
  gd_map_grid_layer_set_grids (self->grid_layer, g_steal_pointer (&data->grids),
                               g_steal_pointer (&data->measures), self->gcj02);
  gd_map_grid_layer_set_selected (self->grid_layer, self->selected_grid);
  gd_map_points_layer_set_points (self->points_layer, g_steal_pointer (&data->points), self->gcj02);
  mbtiles = g_steal_pointer (&data->mbtiles);
  apply_basemap (self, mbtiles, data->mbtiles_error);
  if (mbtiles != NULL && shumate_simple_map_get_map_source (self->simple_map) == NULL)
    gd_mbtiles_close (mbtiles);

  if (!self->have_viewport)
    restore_viewport (self);
  update_status (self);
  build_legend (self);

  if (self->pending_document != NULL)
    {
      g_autofree char *doc_id = g_steal_pointer (&self->pending_document);
      gd_map_view_show_document (self, doc_id);
    }
  g_signal_emit (self, signals[LOADED], 0);
}

void
gd_map_view_reload (GdMapView *self)
{
  g_autofree char *mbtiles_path = NULL;
  const char *database_path;

  g_return_if_fail (GD_IS_MAP_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    return;
  /* a map nobody looks at loads nothing (every point of a town, at start and after every
   * change): it loads when shown */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  database_path = gd_store_get_path (self->store);
  if (self->settings == NULL || gd_map_source_is_offline (self->settings))
    mbtiles_path = gd_map_offline_path (self->settings, database_path);

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gd_map_load_async (database_path, mbtiles_path, g_get_real_time () / G_USEC_PER_SEC,
                     self->cancellable, on_loaded, self);
}

static void
gd_map_view_map (GtkWidget *widget)
{
  GdMapView *self = GD_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (gd_map_view_parent_class)->map (widget);
  if (self->stale)
    gd_map_view_reload (self);
}

static void
reload_if_open (GdMapView *self)
{
  if (self->store != NULL)
    gd_map_view_reload (self);
}

void
gd_map_view_set_session (GdMapView *self,
                         GdSession *session)
{
  g_return_if_fail (GD_IS_MAP_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  gd_map_view_set_settings (self, gd_session_get_settings (session));
  gd_session_follow_store (session, self, (GdSessionStoreFunc) gd_map_view_set_store);
  gd_session_watch (session, 0, self, (GdSessionReloadFunc) reload_if_open);
}

void
gd_map_view_set_store (GdMapView *self,
                       GdStore   *store)
{
  g_return_if_fail (GD_IS_MAP_VIEW (self));

  if (self->store == store)
    return;
  self->store = store;
  self->have_viewport = FALSE;
  if (store == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      gd_map_points_layer_set_points (self->points_layer, NULL, FALSE);
      gd_map_grid_layer_set_grids (self->grid_layer, NULL, NULL, FALSE);
      gd_map_grid_layer_set_grids (self->label_layer, NULL, NULL, FALSE);
      update_status (self);
      return;
    }
  gd_map_view_reload (self);
}

void
gd_map_view_set_grid (GdMapView  *self,
                      const char *code)
{
  g_return_if_fail (GD_IS_MAP_VIEW (self));

  GPtrArray *grids = gd_map_grid_layer_get_grids (self->grid_layer);

  if (g_strcmp0 (code, self->selected_grid) == 0)
    return;
  g_free (self->selected_grid);
  self->selected_grid = g_strdup (code);
  gd_map_grid_layer_set_selected (self->grid_layer, code);

  /* chosen in the navigator somewhere off screen: bring it into view */
  for (guint i = 0; code != NULL && grids != NULL && i < grids->len; i++)
    {
      GdGeoGrid *grid = g_ptr_array_index (grids, i);
      const GdGeoBounds *b;
      GdMapFrame frame;
      double x0, y0, x1, y1, mx, my;

      if (g_strcmp0 (grid->code, code) != 0)
        continue;
      b = gd_geo_shape_get_bounds (grid->shape);
      gd_map_frame_init (&frame, self->viewport, GTK_WIDGET (self->map));
      gd_map_frame_visible (&frame, 0, &x0, &y0, &x1, &y1);
      mx = gd_geo_mercator_x ((b->west + b->east) / 2);
      my = gd_geo_mercator_y ((b->south + b->north) / 2);
      if (self->have_viewport && (mx < x0 || mx > x1 || my < y0 || my > y1))
        gd_map_view_show_bounds (self, b, TRUE);
      break;
    }
}

gboolean
gd_map_view_show_document (GdMapView  *self,
                           const char *doc_id)
{
  GdMapPoints *points;
  int index;

  g_return_val_if_fail (GD_IS_MAP_VIEW (self), FALSE);

  points = gd_map_points_layer_get_points (self->points_layer);
  if (points == NULL && self->cancellable != NULL)
    {
      /* still loading: show it when the data are in */
      g_free (self->pending_document);
      self->pending_document = g_strdup (doc_id);
      return TRUE;
    }
  index = gd_map_points_layer_find (self->points_layer, doc_id);
  if (index < 0)
    return FALSE;
  gd_map_points_layer_set_selected (self->points_layer, doc_id);
  gd_map_view_go_to (self, g_array_index (points->points, GdMapPoint, index).lat,
         g_array_index (points->points, GdMapPoint, index).lon,
         MAX (DOCUMENT_ZOOM, shumate_viewport_get_zoom_level (self->viewport)), TRUE);
  return TRUE;
}

/* ---- life cycle ------------------------------------------------------------------------- */

static void
gd_map_view_dispose (GObject *object)
{
  GdMapView *self = GD_MAP_VIEW (object);

  stop_flying (self);
  save_viewport (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  if (self->context_popover != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->context_popover), (gpointer *) &self->context_popover);
      g_clear_pointer (&self->context_popover, gtk_widget_unparent);
    }
  /* no gtk_widget_dispose_template (): AdwBin unparents the template's root itself, and
   * doing both makes libadwaita 1.2 warn on a widget already gone */

  G_OBJECT_CLASS (gd_map_view_parent_class)->dispose (object);
}

static void
gd_map_view_finalize (GObject *object)
{
  GdMapView *self = GD_MAP_VIEW (object);

  g_free (self->selected_grid);
  g_free (self->pending_document);
  g_free (self->undo_doc_id);

  G_OBJECT_CLASS (gd_map_view_parent_class)->finalize (object);
}

static void
gd_map_view_class_init (GdMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_map_view_dispose;
  object_class->finalize = gd_map_view_finalize;
  GTK_WIDGET_CLASS (klass)->map = gd_map_view_map;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdMapView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, status_label);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, simple_map);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GdMapView, context_menu);

  gd_map_view_input_class_init (widget_class);
}

static void
gd_map_view_init (GdMapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gd_map_legend_install_css ();

  gd_geo_bounds_init (&self->bounds);
  self->map = shumate_simple_map_get_map (self->simple_map);
  self->viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_set_max_zoom_level (self->viewport, 20);
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, TRUE);
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->simple_map), SHUMATE_UNIT_METRIC);

  self->grid_layer = gd_map_grid_layer_new (self->viewport, FALSE);
  self->points_layer = gd_map_points_layer_new (self->viewport);
  self->label_layer = gd_map_grid_layer_new (self->viewport, TRUE);
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->grid_layer));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->points_layer));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->label_layer));
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (on_viewport_notify), self,
                           G_CONNECT_SWAPPED);

  gd_map_view_input_init (self);

  build_legend (self);
}

GtkWidget *
gd_map_view_new (void)
{
  return g_object_new (GD_TYPE_MAP_VIEW, NULL);
}
