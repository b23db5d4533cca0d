/* gd-map-sources.h: which basemap the settings ask for, and the Tianditu key in the keyring.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GD_MAP_OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* The offline file: the map-mbtiles-path setting, or the demo basemap next to the database. */
char             *gd_map_offline_path       (GSettings *settings, const char *database_path);
/* TRUE when map-source is "offline" */
gboolean          gd_map_source_is_offline  (GSettings *settings);
/* The online basemap of the settings; NULL with `problem` set (for people) when it is not
 * usable (no key, no {z}/{x}/{y} in a custom address). */
ShumateMapSource *gd_map_online_source_new  (GSettings  *settings,
                                             const char *tianditu_key,
                                             char      **problem);
/* A URL template is usable when it is http(s) and has {z}, {x} and {y}. */
gboolean          gd_map_url_template_valid (const char *url_template);

/* The Tianditu key, kept in the keyring (libsecret), never in settings. */
void     gd_map_tianditu_key_lookup        (GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
char    *gd_map_tianditu_key_lookup_finish (GAsyncResult *result, GError **error);
void     gd_map_tianditu_key_store         (const char *key, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
gboolean gd_map_tianditu_key_store_finish  (GAsyncResult *result, GError **error);

G_END_DECLS
