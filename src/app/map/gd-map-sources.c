/* gd-map-sources.c: basemaps from settings; the Tianditu key in libsecret.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-sources"
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "gd-basemap.h"
#include "gd-map-sources.h"

/* Tianditu's Web Mercator vector layer (CGCS2000, so no GCJ-02 shift) */
#define TIANDITU_URL "https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" \
                     "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles" \
                     "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="

char *
gd_map_offline_path (GSettings  *settings,
                     const char *database_path)
{
  g_autofree char *path = settings != NULL ? g_settings_get_string (settings, "map-mbtiles-path") : NULL;

  if (path != NULL && *path != '\0')
    return g_steal_pointer (&path);
  return database_path != NULL ? gd_basemap_path_for (database_path) : NULL;
}

gboolean
gd_map_source_is_offline (GSettings *settings)
{
  g_autofree char *source = settings != NULL ? g_settings_get_string (settings, "map-source") : NULL;

  return source == NULL || g_str_equal (source, "offline");
}

gboolean
gd_map_url_template_valid (const char *url_template)
{
  return url_template != NULL
         && (g_str_has_prefix (url_template, "https://") || g_str_has_prefix (url_template, "http://"))
         && strstr (url_template, "{z}") != NULL && strstr (url_template, "{x}") != NULL
         && strstr (url_template, "{y}") != NULL;
}

ShumateMapSource *
gd_map_online_source_new (GSettings   *settings,
                          const char  *tianditu_key,
                          char       **problem)
{
  g_autofree char *source = g_settings_get_string (settings, "map-source");

  g_return_val_if_fail (problem != NULL, NULL);

  if (g_str_equal (source, "osm"))
    return SHUMATE_MAP_SOURCE (
      shumate_raster_renderer_new_full_from_url ("osm-mapnik", "OpenStreetMap",
                                                 _("Map data © OpenStreetMap contributors"),
                                                 "https://www.openstreetmap.org/copyright",
                                                 0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                 GD_MAP_OSM_URL));
  if (g_str_equal (source, "tianditu"))
    {
      g_autofree char *url = NULL;

      if (tianditu_key == NULL || *tianditu_key == '\0')
        {
          *problem = g_strdup (_("Tianditu needs a key: enter it in Preferences → Map."));
          return NULL;
        }
      url = g_strconcat (TIANDITU_URL, tianditu_key, NULL);
      return SHUMATE_MAP_SOURCE (
        shumate_raster_renderer_new_full_from_url ("tianditu-vec", _("Tianditu"),
                                                   _("Map © Tianditu, National Platform for Common Geospatial Information Services"),
                                                   "https://www.tianditu.gov.cn", 1, 18, 256,
                                                   SHUMATE_MAP_PROJECTION_MERCATOR, url));
    }
  if (g_str_equal (source, "custom"))
    {
      g_autofree char *url = g_settings_get_string (settings, "map-url-template");

      if (!gd_map_url_template_valid (url))
        {
          *problem = g_strdup (_("The custom tile address must start with http:// or https:// and contain {z}, {x} and {y}."));
          return NULL;
        }
      return SHUMATE_MAP_SOURCE (
        shumate_raster_renderer_new_full_from_url ("custom", _("Custom Map"), url, NULL, 0, 19, 256,
                                                   SHUMATE_MAP_PROJECTION_MERCATOR, url));
    }
  *problem = g_strdup (_("No online basemap is chosen."));
  return NULL;
}

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    "cn.griddesk.GridDesk.MapKey", SECRET_SCHEMA_NONE,
    { { "service", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };
  return &schema;
}

static void
on_lookup (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

void
gd_map_tianditu_key_lookup (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  secret_password_lookup (key_schema (), cancellable, on_lookup, task, "service", "tianditu", NULL);
}

char *
gd_map_tianditu_key_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error) || error == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_cleared (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
gd_map_tianditu_key_store (const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  if (key == NULL || *key == '\0')
    secret_password_clear (key_schema (), cancellable, on_cleared, task, "service", "tianditu", NULL);
  else
    secret_password_store (key_schema (), SECRET_COLLECTION_DEFAULT, _("GridDesk: Tianditu map key"),
                           key, cancellable, on_stored, task, "service", "tianditu", NULL);
}

gboolean
gd_map_tianditu_key_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
