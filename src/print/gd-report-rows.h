/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-report-rows.h: the key figures of a report as rows (label, format, value), and how a
 * value is written — shared by the PDF, the workbook and, later, the app's view, so that all
 * three list the same figures under the same names. */
#pragma once

#include "gd-report.h"

G_BEGIN_DECLS

typedef enum {
  GD_FIGURE_COUNT,
  GD_FIGURE_RATE,   /* a fraction; -1 when there is nothing to divide by */
  GD_FIGURE_HOURS,  /* -1 when there is nothing to average */
} GdFigureFormat;

typedef struct {
  const char    *label;  /* untranslated (N_), pass through _() */
  GdFigureFormat format;
  double       (*value) (const GdReportFigures *figures);
} GdReportFigureRow;

const GdReportFigureRow *gd_report_figure_rows (guint *n_rows);

/* "12", "99.63%", "72.5", or "—" for a missing rate or average */
char *gd_report_format_figure (GdFigureFormat format,
                               double         value);
/* The change from `before` to `now`: "+3", "-1", "+2.5 pp" for rates, "" when either is
 * missing. */
char *gd_report_format_change (GdFigureFormat format,
                               double         now,
                               double         before);

/* The document's title, 新兴村月通报 */
char *gd_report_title         (const GdReport *report);

G_END_DECLS
