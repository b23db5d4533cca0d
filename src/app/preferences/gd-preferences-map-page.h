/* gd-preferences-map-page.h: the map's basemap settings (offline file, OpenStreetMap,
 * Tianditu with a key kept in the keyring, a custom tile address, GCJ-02 correction).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_PREFERENCES_MAP_PAGE (gd_preferences_map_page_get_type ())
G_DECLARE_FINAL_TYPE (GdPreferencesMapPage, gd_preferences_map_page, GD, PREFERENCES_MAP_PAGE, AdwPreferencesPage)

/* `settings` may be NULL: the page is then insensitive. */
GtkWidget *gd_preferences_map_page_new (GSettings *settings);

G_END_DECLS
