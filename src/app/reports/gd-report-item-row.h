/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-report-item-row.h: one analysis or data-quality item of the Reports view as a list row
 * that leads to the records behind it: the record itself when there is one, else a row that
 * unfolds into them (incidents, disputes or households, opened through the window's
 * win.open-incident, win.open-dispute and win.open-household). A hot grid also leads to the
 * grid's incident list (reports.open-grid). */
#pragma once

#include <adwaita.h>

#include "gd-report.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* At most this many records are listed under an item; a last row says how many more. */
#define GD_REPORT_ITEM_ROW_MAX_RECORDS 30

/* `store` (borrowed, main thread) names the records when the row unfolds. */
GtkWidget *gd_report_item_row_new (const GdReportItem *item,
                                   GdStore            *store);

G_END_DECLS
