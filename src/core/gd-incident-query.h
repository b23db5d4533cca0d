/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-query.h: incidents as the board and the list read them — filtered, sorted
 * pages from the derived `incidents` table (never the whole table), counts per status,
 * overdue counts, and registration of a new incident (number, deadline, first timeline
 * entry) in one transaction. */
#pragma once

#include "gd-deadline.h"
#include "gd-incident-flow.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_INCIDENT_SORT_DEADLINE,
  GD_INCIDENT_SORT_REPORTED,
  GD_INCIDENT_SORT_NUMBER,
  GD_INCIDENT_SORT_TITLE,
  GD_INCIDENT_SORT_URGENCY,
  GD_INCIDENT_SORT_STATUS,
  GD_INCIDENT_SORT_GRID,
  GD_INCIDENT_SORT_UPDATED,
} GdIncidentSort;

typedef struct {
  const char    *grid;      /* town, village or grid code prefix; NULL: all */
  const char    *status;    /* NULL: any */
  const char    *category;  /* a class (AQ) or sub-class (AQ01); NULL: any */
  const char    *urgency;
  const char    *source;
  gboolean       overdue;   /* only open incidents past their deadline at `now` */
  const char    *now;       /* RFC 3339 UTC; NULL: the current time */
  const char    *from;      /* reported on or after this day (YYYY-MM-DD, China time); NULL: any */
  const char    *to;        /* reported on or before this day; NULL: any */
  const char    *text;      /* part of the number or the title; NULL: any */
  GdIncidentSort sort;
  gboolean       descending;
} GdIncidentFilter;

typedef struct {
  char *doc_id;
  char *number;
  char *title;
  char *category;
  char *status;
  char *urgency;
  char *source;
  char *grid;
  char *grid_name;
  char *reported_at;
  char *deadline;
  char *handling_level;
  char *closed_at;
} GdIncidentRow;

void       gd_incident_row_free        (GdIncidentRow *row);

gint64     gd_store_count_incidents    (GdStore                *store,
                                        const GdIncidentFilter *filter,
                                        GError                **error);
/* Rows [offset, offset + limit) of the filtered, sorted incidents (GdIncidentRow). */
GPtrArray *gd_store_incident_page      (GdStore                *store,
                                        const GdIncidentFilter *filter,
                                        guint                   offset,
                                        guint                   limit,
                                        GError                **error);
/* counts[status] for every status, the filter's own status ignored (the board's headers). */
gboolean   gd_store_count_incidents_by_status (GdStore                *store,
                                               const GdIncidentFilter *filter,
                                               gint64                  counts[GD_INCIDENT_N_STATUSES],
                                               GError                **error);

/* The board's columns in the order of the loop, and the filter of one column: `base`
 * with its status, open work by deadline (most urgent first), archived by last change. */
extern const GdIncidentStatus gd_incident_board_order[GD_INCIDENT_N_STATUSES];
void       gd_incident_filter_for_column (const GdIncidentFilter *base,
                                          GdIncidentStatus        status,
                                          GdIncidentFilter       *out);

/* The next free number of `village` in `year`: SJ-<year>-<6 digits>. */
char      *gd_store_next_incident_number (GdStore    *store,
                                          const char *village,
                                          int         year,
                                          GError    **error);

/* Registers a new incident (登记): `doc` has at least type/grid/title/category; this fills
 * status registered, reported_at (now if absent), number, deadline from `rules` — or
 * `deadline_override` (RFC 3339) with a non-blank `override_reason`, kept in
 * `deadline_override` {computed, reason, by, at} — and the first timeline entry, then writes
 * it through gd_store_put(). Returns the _id; on refusal nothing is written. */
char      *gd_incident_register        (GdStore         *store,
                                        JsonObject      *doc,
                                        GdDeadlineRules *rules,
                                        const char      *deadline_override,
                                        const char      *override_reason,
                                        const char      *actor,
                                        GdIssues        *issues,
                                        GError         **error);

/* The first instant of China-time day `day` (YYYY-MM-DD) plus `days`, as RFC 3339 UTC;
 * NULL when `day` is not a date. Periods of incidents are counted in these days. */
char      *gd_incident_day_start       (const char *day,
                                        int         days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdIncidentRow, gd_incident_row_free)

G_END_DECLS
