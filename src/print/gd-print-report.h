/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-print-report.h: a report (gd-report.h) as an A4 PDF and as an Excel workbook.
 *
 * Both are written to a private (0600) temporary file beside `path` and renamed into place
 * only when complete. They hold what the report holds: the key figures with the previous
 * period and the same period last year, the charts (gd-report-charts.h), the grid ranking,
 * the breakdowns, the analysis and the data-quality counts; the workbook adds the period's
 * incidents row by row, without personal data (no reporter, no address). Neither writes to
 * the store: the caller audit-logs the export. */
#pragma once

#include <cairo.h>

#include "gd-report.h"

G_BEGIN_DECLS

gboolean gd_report_write_pdf  (const GdReport *report,
                               const char     *prepared_by,
                               GDateTime      *made_at,
                               const char     *path,
                               GError        **error);

/* Draws page `page` (0-based) of the PDF's pages on `cr` (a print context's, in points from
 * the paper's corner); G_MAXINT only lays out. Returns the number of pages. */
int      gd_report_print_render (const GdReport *report,
                                 const char     *prepared_by,
                                 GDateTime      *made_at,
                                 cairo_t        *cr,
                                 int             page);

gboolean gd_report_write_xlsx (GdStore        *store,
                               const GdReport *report,
                               const char     *prepared_by,
                               GDateTime      *made_at,
                               const char     *path,
                               GError        **error);

G_END_DECLS
