/* gd-map-view.h: the map (一张图): offline or online basemap, grid outlines coloured by a
 * measure, households, incidents and disputes as clustered points; click to open or select,
 * right-click for a new incident at the place, drag a point to correct its location.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_MAP_VIEW (gd_map_view_get_type ())
G_DECLARE_FINAL_TYPE (GdMapView, gd_map_view, GD, MAP_VIEW, AdwBin)

GtkWidget *gd_map_view_new          (void);
/* Layers, measure, basemap and the remembered viewport live here (may be NULL). */
void       gd_map_view_set_settings (GdMapView *self, GSettings *settings);
/* Once: the session's settings, its store (followed), its operator for moves; reloads on its
 * document-changed. */
void       gd_map_view_set_session  (GdMapView *self, GdSession *session);
/* The store to show (borrowed: unset with NULL before freeing it); reads in a worker. */
void       gd_map_view_set_store    (GdMapView *self, GdStore *store);
/* The navigator's choice, outlined on the map (NULL: none). */
void       gd_map_view_set_grid     (GdMapView *self, const char *code);
/* Re-reads points and measures (after saves elsewhere), keeping the viewport. */
void       gd_map_view_reload       (GdMapView *self);
/* Flies to a household, incident or dispute and marks it; FALSE when it has no location. */
gboolean   gd_map_view_show_document (GdMapView *self, const char *doc_id);

/* Signal "loaded": the data are on the map (the benchmark times this). */

G_END_DECLS
