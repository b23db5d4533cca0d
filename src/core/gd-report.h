/* gd-report.h: the report model — 日汇总 (daily summary), 周研判 (weekly analysis), 月通报
 * (monthly bulletin) and 季分析 (quarterly analysis) — for one scope (a town 9, village 12 or
 * grid 15-digit code) and one period. Every figure is computed here, once, in SQL over the
 * query tables, and read by the screen, the PDF and the workbook alike. GTK-free.
 *
 * Definitions (the same for every kind of period):
 *
 * - Periods are China-time (UTC+8) calendar days: a day; an ISO week, Monday to Sunday,
 *   numbered by ISO 8601 (week 1 holds the year's first Thursday, so 2026-12-28 … 2027-01-03
 *   is week 53 of 2026); a calendar month; a calendar quarter. An incident is *in the period*
 *   when its `reported_at` falls in it; a dispute when its `received_at` does; a patrol when
 *   its `started_at` does.
 * - *Closed* (办结): in the period and archived before the period's end (the last archiving in
 *   its timeline). An incident archived in the next period counts as reported, not closed,
 *   in the report of its own period: a report reads the same when made later.
 * - *On time* (按时办结): closed, with a deadline, archived no later than the deadline; the
 *   on-time rate divides by the closed incidents that have a deadline.
 * - *Overdue* (超期未办结): at the cutoff — the period's end, or now when that is earlier — an
 *   incident of the scope reported before the cutoff, past its deadline and not archived by
 *   then. It is the backlog at the end of the period, not only the period's own incidents.
 * - *Handling time*: from `reported_at` to the archiving, in hours, averaged over the closed.
 * - *Handling level* (70/20/10): `handling_level` of the reported incidents; absent counts as
 *   grid; town, county and enforcement count as above the village.
 * - *Satisfaction*: `feedback.satisfaction` of the reported incidents at feedback or
 *   archived (a reopened incident's old feedback no longer counts); the rate counts satisfied
 *   and basically satisfied.
 * - *Disputes*: the cases received in the period, as gd_mediation_measures() counts them;
 *   success rate = agreed / concluded (an agreement or a failure).
 * - *Patrol coverage* of a grid: the share of the period's days up to the cutoff on which a
 *   patrol of any kind started in it; of the scope, grid-days with a patrol over all grid-days.
 * - *Previous period*: the one just before; *same period last year*: the same month, quarter or
 *   ISO week number (week 52 when the last year had no week 53) or calendar day (28 February
 *   for 29 February) a year earlier.
 *
 * Analysis (研判) items carry the `_id`s of the records behind them:
 * - hot spots: grids and category classes whose reported count rose against the previous
 *   period, the largest rise first (at most five of each);
 * - repeated: the same address (`location.address`) or household (`links.households`) with
 *   three or more incidents reported in the 90 days that end with the period;
 * - disputes at risk at the cutoff: accepted or mediating past the one-month window; failed
 *   in the period; a party (by ID number, else name) in two or more cases in those 90 days,
 *   shown with a person's name and ID number masked (王*, 3209**********0015);
 * - overdue by unit: the overdue incidents grouped by `assignee.unit`.
 * Data quality and care coverage (数据质量 · 关爱走访), per grid, as the store is now: households
 * without coordinates; persons without an ID number; persons whose birth date disagrees with
 * their 18-digit ID; residents with a care tag (elderly living alone, empty-nest, left-behind,
 * disability, dibao, tekun, serious illness) whose household no patrol visited in the 30 days
 * before the cutoff; households untouched for a year before the cutoff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-measures.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_REPORT_DAILY,      /* 日汇总 */
  GD_REPORT_WEEKLY,     /* 周研判 */
  GD_REPORT_MONTHLY,    /* 月通报 */
  GD_REPORT_QUARTERLY,  /* 季分析 */
  GD_REPORT_N_KINDS,
} GdReportKind;

/* "daily", "weekly", "monthly", "quarterly" */
const char *gd_report_kind_to_string (GdReportKind kind);
gboolean    gd_report_kind_parse     (const char *text, GdReportKind *out_kind);
/* 日汇总, 周研判 … (translated) */
const char *gd_report_kind_title     (GdReportKind kind);

typedef struct {
  GdReportKind kind;
  GDate        first;   /* China-time days, inclusive */
  GDate        last;
  int          year;    /* the ISO week-year for a week */
  int          number;  /* ISO week, month 1–12, quarter 1–4, day of year */
} GdReportPeriod;

/* The period of `kind` that holds `day`. */
void   gd_report_period_init      (GdReportPeriod       *period,
                                   GdReportKind          kind,
                                   const GDate          *day);
void   gd_report_period_previous  (const GdReportPeriod *period,
                                   GdReportPeriod       *out);
void   gd_report_period_last_year (const GdReportPeriod *period,
                                   GdReportPeriod       *out);
guint  gd_report_period_n_days    (const GdReportPeriod *period);
/* 2026年11月5日 · 2026年第45周（11月2日—11月8日） · 2026年11月 · 2026年第四季度 */
char  *gd_report_period_label     (const GdReportPeriod *period);
/* YYYY-MM-DD of the first or last day */
char  *gd_report_period_day       (const GdReportPeriod *period,
                                   gboolean              last);

/* The figures of one period. `incidents` holds the reported/closed/on-time/level counts
 * (grid NULL), so gd_measures_closure_rate() and its siblings read it. */
typedef struct {
  GdMeasures incidents;
  gint64     overdue;
  gint64     feedback;
  gint64     satisfied;
  gint64     basically;
  gint64     dissatisfied;
  gint64     patrols;
  gint64     patrol_days;     /* grid-days with a patrol */
  gint64     grid_days;       /* grids × days up to the cutoff */
  gint64     disputes;        /* received */
  gint64     disputes_accepted;
  gint64     disputes_agreed;
  gint64     disputes_failed;
  gint64     disputes_concluded;
} GdReportFigures;

/* Fractions 0–1; -1 when there is nothing to divide by. */
double gd_report_satisfaction_rate (const GdReportFigures *figures);
double gd_report_mediation_rate    (const GdReportFigures *figures);
double gd_report_patrol_coverage   (const GdReportFigures *figures);

/* A count under a key (category class, source, urgency, dispute category, room, day). */
typedef struct {
  char  *key;
  gint64 count;
  gint64 closed;  /* incidents only */
} GdReportCount;

typedef struct {
  char      *code;
  char      *name;
  GdMeasures incidents;  /* this period */
  gint64     previous;   /* reported in the previous period */
  gint64     overdue;
  gint64     patrols;
  gint64     patrol_days;
  gint64     days;       /* days of the period up to the cutoff */
} GdReportGrid;

typedef enum {
  GD_REPORT_HOT_GRID,
  GD_REPORT_HOT_CATEGORY,
  GD_REPORT_REPEATED_ADDRESS,
  GD_REPORT_REPEATED_HOUSEHOLD,
  GD_REPORT_DISPUTE_PAST_WINDOW,
  GD_REPORT_DISPUTE_FAILED,
  GD_REPORT_DISPUTE_PARTY,
  GD_REPORT_OVERDUE_UNIT,
  GD_REPORT_FOLLOW_UP_DUE,
  GD_REPORT_NO_COORDINATES,
  GD_REPORT_NO_ID_NUMBER,
  GD_REPORT_BIRTH_MISMATCH,
  GD_REPORT_CARE_UNVISITED,
  GD_REPORT_UNTOUCHED,
  GD_REPORT_N_ITEM_KINDS,
} GdReportItemKind;

/* An analysis or data-quality item: what (key, label), how many, and the records behind it. */
typedef struct {
  GdReportItemKind kind;
  char            *key;       /* grid code, category class, address, household id, unit … */
  char            *label;     /* what a reader sees; may equal key */
  gint64           count;
  gint64           previous;  /* hot spots: the previous period's count */
  GStrv            ids;       /* document _ids, sorted */
} GdReportItem;

/* A short translated name of an item kind (热点网格, 重复事件地址 …). */
const char *gd_report_item_kind_title (GdReportItemKind kind);

typedef struct {
  char            *scope;
  char            *scope_name;
  GdReportPeriod   period;
  GdReportPeriod   previous;
  GdReportPeriod   last_year;
  char            *start;     /* RFC 3339 UTC: the period is [start, end) */
  char            *end;
  char            *cutoff;    /* min (end, now) */
  GDateTime       *now;       /* the instant it was made for */
  GdReportFigures  figures[3];  /* this period, previous, same period last year */
  GPtrArray       *by_category;  /* GdReportCount by category class, most first */
  GPtrArray       *previous_by_category; /* the same, of the previous period */
  GPtrArray       *by_source;
  GPtrArray       *by_urgency;
  GPtrArray       *dispute_categories;
  GPtrArray       *dispute_rooms;
  GPtrArray       *daily;        /* GdReportCount per day (key YYYY-MM-DD): the period's days;
                                  * for a daily report the seven days that end with it */
  GPtrArray       *grids;        /* GdReportGrid, every grid of the scope, by code */
  GPtrArray       *items;        /* GdReportItem, by kind */
} GdReport;

enum { GD_REPORT_NOW, GD_REPORT_PREVIOUS, GD_REPORT_LAST_YEAR };

void      gd_report_free  (GdReport *report);

/* Builds the report of `kind` for the period holding `day` (China date). `now` (NULL: the
 * current time) decides the cutoff; a day after today in China is refused (GD_ERROR_INVALID),
 * so is a scope that is not a town, village or grid of the store (GD_ERROR_NOT_FOUND). Reads
 * only. */
GdReport *gd_report_build (GdStore      *store,
                           const char   *scope,
                           GdReportKind  kind,
                           const GDate  *day,
                           GDateTime    *now,
                           GError      **error);

/* The same in two steps, for a view that shows the figures at once and the analysis a moment
 * later (the analysis reads the 90-day window, the register and the mediation timers, several
 * times the figures' cost on a town): gd_report_build_figures() leaves `items` empty;
 * gd_report_build_analysis() fills them, once. */
GdReport *gd_report_build_figures  (GdStore      *store,
                                    const char   *scope,
                                    GdReportKind  kind,
                                    const GDate  *day,
                                    GDateTime    *now,
                                    GError      **error);
gboolean  gd_report_build_analysis (GdReport     *report,
                                    GdStore      *store,
                                    GError      **error);

/* The items of `kind` (borrowed pointers, in report order). */
GPtrArray *gd_report_items_of (const GdReport   *report,
                               GdReportItemKind  kind);
/* The item of `kind` for `key`, or NULL. */
const GdReportItem *gd_report_find_item (const GdReport   *report,
                                         GdReportItemKind  kind,
                                         const char       *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdReport, gd_report_free)

G_END_DECLS
