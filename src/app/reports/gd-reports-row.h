/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-reports-row.h: one grid of the Reports view's ranking (a GdReportGrid copied into a
 * GObject for the GtkColumnView), with the value of each column for sorting. */
#pragma once

#include <glib-object.h>

#include "gd-report.h"

G_BEGIN_DECLS

typedef enum {
  GD_REPORTS_COLUMN_NAME,
  GD_REPORTS_COLUMN_REPORTED,
  GD_REPORTS_COLUMN_CLOSURE,
  GD_REPORTS_COLUMN_ON_TIME,
  GD_REPORTS_COLUMN_OVERDUE,
  GD_REPORTS_COLUMN_COVERAGE,
  GD_REPORTS_N_COLUMNS,
} GdReportsColumn;

#define GD_TYPE_REPORTS_ROW (gd_reports_row_get_type ())
G_DECLARE_FINAL_TYPE (GdReportsRow, gd_reports_row, GD, REPORTS_ROW, GObject)

GdReportsRow *gd_reports_row_new       (const GdReportGrid *grid);
const char   *gd_reports_row_get_code  (GdReportsRow *self);
const char   *gd_reports_row_get_name  (GdReportsRow *self);
/* The column's number: a count, or a rate 0–1 (-1 when there is nothing to divide by). */
double        gd_reports_row_value     (GdReportsRow *self, GdReportsColumn column);
/* What the cell shows: 12, 98.5%, — */
char         *gd_reports_row_text      (GdReportsRow *self, GdReportsColumn column);
/* Orders two rows by `column`, smallest number first, equal numbers by code, the larger
 * first (GtkCustomSorter: the view sorts descending, so the smaller code comes first). */
int           gd_reports_row_compare   (gconstpointer a, gconstpointer b, gpointer column);

G_END_DECLS
