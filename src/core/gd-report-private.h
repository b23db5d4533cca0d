/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-report-private.h: what gd-report.c and gd-report-analysis.c share — the bounds of one
 * period as SQL parameters, and items. */
#pragma once

#include "gd-report.h"
#include "gd-store-private.h"

G_BEGIN_DECLS

/* Every report statement numbers its parameters alike:
 *   ?1 scope (code prefix)   ?2 start   ?3 end   ?4 cutoff      (RFC 3339 UTC)
 *   ?5 90 days before end    ?6 30 days before cutoff   ?7 a year before cutoff
 *   ?8 first day   ?9 last day   ?10 cutoff day          (YYYY-MM-DD, China time)
 * and may use ?11 and above for their own. */
typedef struct {
  const char *scope;
  char       *start;
  char       *end;
  char       *cutoff;
  char       *window;
  char       *visits_from;
  char       *untouched_before;
  char       *first_day;
  char       *last_day;
  char       *cutoff_day;
  GDate       today;   /* the cutoff's China day */
  gint64      days;    /* days of the period up to the cutoff */
} GdReportBounds;

#define GD_REPORT_IN_SCOPE(col) "(" col " >= ?1 AND " col " < ?1 || ':')"
#define GD_REPORT_N_BOUNDS 10
/* incidents `i` of the scope open past their deadline at the cutoff (timestamps compare as
 * RFC 3339 UTC text, as the board's overdue filter does); `FROM incidents i` GD_REPORT_OVERDUE
 * reads the open ones through their index (the planner, without statistics, would read every
 * incident of the scope by grid) */
#define GD_REPORT_OVERDUE \
  "INDEXED BY incidents_by_closed WHERE " \
  GD_REPORT_IN_SCOPE ("i.grid") " AND i.reported_at < ?4 AND i.deadline < ?4 " \
  "AND (i.closed_at IS NULL OR i.closed_at >= ?4)"

void          gd_report_bounds_init  (GdReportBounds       *bounds,
                                      const char           *scope,
                                      const GdReportPeriod *period,
                                      GDateTime            *now);
void          gd_report_bounds_clear (GdReportBounds       *bounds);

/* Prepares `sql` and binds the bounds it uses. */
sqlite3_stmt *gd_report_prepare      (GdStore              *store,
                                      const char           *sql,
                                      const GdReportBounds *bounds,
                                      GError              **error);
/* Steps past the last row: FALSE and a message when the statement failed. */
gboolean      gd_report_done         (GdStore              *store,
                                      int                   rc,
                                      GError              **error);

/* A new item; `ids` a comma-separated list (group_concat) or NULL. */
GdReportItem *gd_report_item_new     (GdReportItemKind      kind,
                                      const char           *key,
                                      const char           *label,
                                      gint64                count,
                                      const char           *ids);
void          gd_report_item_free    (GdReportItem         *item);

/* The analysis and data-quality items of gd-report-analysis.c, appended to report->items. */
gboolean      gd_report_analyse      (GdReport             *report,
                                      GdStore              *store,
                                      const GdReportBounds *bounds,
                                      GError              **error);

G_END_DECLS
