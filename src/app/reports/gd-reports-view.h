/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-reports-view.h: the Reports view (报表): a period's key figures against the previous
 * period, the charts of the PDF, the grid ranking and the analysis, for the window's scope;
 * Print / Save as PDF / Export to Excel. Computed off the main thread, figures first, and only
 * while shown: a hidden view catches up when it is shown again. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_REPORTS_VIEW (gd_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (GdReportsView, gd_reports_view, GD, REPORTS_VIEW, AdwBin)

/* Once: follows the session's store; its document-changed makes a shown view build again
 * (after REFRESH_DELAY_MS), a hidden one stale. */
void gd_reports_view_set_session (GdReportsView *self, GdSession *session);
/* The scope: a town, village or grid code (the sidebar's choice); NULL: the store's scope. */
void gd_reports_view_set_grid    (GdReportsView *self, const char *code);

/* Signal "grid-activated" (const char *code): a grid of the ranking (or a hot grid's "all
 * incidents") was chosen.
 * Signal "updated" (double ms): a new choice's figures are in the widgets, `ms` after it was
 * made. */

G_END_DECLS
