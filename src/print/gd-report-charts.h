/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-report-charts.h: the report's charts drawn with cairo and pango into a rectangle — the
 * daily trend line, the category bars and the handling-level donut. The PDF draws them on its
 * pages; the app's Reports view can draw the same code into a GtkSnapshot
 * (gtk_snapshot_append_cairo). Units are those of `cr` (points on paper). No GTK. */
#pragma once

#include <cairo.h>

#include "gd-report.h"

G_BEGIN_DECLS

/* Incidents reported and archived on each day of the period, with axes and a legend. */
void gd_report_chart_trend      (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          height,
                                 const GdReport *report);
/* Reported incidents per category class, largest first (at most ten bars). */
void gd_report_chart_categories (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          height,
                                 const GdReport *report);
/* Where the period's incidents were handled: grid, village, above (the 70/20/10 split). */
void gd_report_chart_levels     (cairo_t        *cr,
                                 double          x,
                                 double          y,
                                 double          width,
                                 double          height,
                                 const GdReport *report);

G_END_DECLS
