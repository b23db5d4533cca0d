/* gd-map-legend.h: the map's legend (a box of rows), rebuilt when layers change.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gd-map-grid-layer.h"

G_BEGIN_DECLS

/* Fills `box` for the point kinds shown (`closed`: closed cases too) and, with `grids`, the
 * colour scale of `measure` up to `max`. */
void gd_map_legend_update      (GtkBox       *box,
                                guint         kinds,
                                gboolean      closed,
                                gboolean      grids,
                                GdMapMeasure  measure,
                                guint         max);
/* The colour swatches' CSS, once per process. */
void gd_map_legend_install_css (void);

G_END_DECLS
