/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-mediation.h: mediation casework over the store — the committee's case numbers, the case
 * list with its filters, the due list and the measures for reports (调解成功率). */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-dispute-flow.h"
#include "gd-issues.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* The committee's short name in case numbers: the meta setting `mediation_committee`, else
 * the scope's name (新兴村). */
char       *gd_mediation_committee  (GdStore *store);

/* Inside gd_store_put()'s transaction: a dispute taken on (with `accepted_at`) and without a
 * number gets the next one of its committee and year; a given number must be free and moves
 * the counter past it. Problems with the number go to `issues`; FALSE only on database
 * errors. */
gboolean    gd_store_number_dispute (GdStore    *store,
                                     JsonObject *doc,
                                     GdIssues   *issues,
                                     GError    **error);

typedef struct {
  const char  *grid;      /* code prefix, or NULL */
  const char  *status;    /* dispute-statuses code, or NULL */
  const char  *category;
  const char  *room;
  const char  *mediator;  /* a mediator document's _id */
  gboolean     overdue;   /* accepted or mediating past the one-month target on `today` */
  const GDate *today;     /* needed for `overdue` and the rows' timers */
  guint        limit;     /* 0: no limit */
  guint        offset;
} GdDisputeQuery;

typedef struct {
  char          *id;
  char          *number;
  char          *status;
  char          *category;
  char          *room;
  char          *summary;
  char          *parties;     /* 李明、张伟 */
  char          *mediators;   /* lead first */
  char          *received_at;
  char          *accepted_at;
  gboolean       has_timer;   /* the soonest running timer, when there is one */
  GdDisputeTimer timer;
} GdDisputeRow;

void        gd_dispute_row_free     (GdDisputeRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdDisputeRow, gd_dispute_row_free)

/* Rows matching `query`, newest received first. */
GPtrArray  *gd_mediation_list       (GdStore              *store,
                                     const GdDisputeQuery *query,
                                     GError              **error);
gint64      gd_mediation_count      (GdStore              *store,
                                     const GdDisputeQuery *query,
                                     GError              **error);

/* Cases with a timer due within `within_days` of `today` (or overdue), soonest first. */
GPtrArray  *gd_mediation_due        (GdStore     *store,
                                     const char  *grid,
                                     const GDate *today,
                                     int          within_days,
                                     GError     **error);
/* The same for agreed cases alone, the only ones with follow-up visits (the report's list):
 * their rows carry the id, number, status and timer, nothing else. */
GPtrArray  *gd_mediation_agreed_due (GdStore     *store,
                                     const char  *grid,
                                     const GDate *today,
                                     int          within_days,
                                     GError     **error);

/* Measures of the cases received between `from` and `to` (YYYY-MM-DD, China dates,
 * inclusive; NULL: open): {"cases", "by_category", "by_source", "by_room", "by_mediator"
 * (lead mediator's name), "by_status", "concluded" (with an agreement or a failure),
 * "agreed", "success_rate" (agreed / concluded, 0 when none)}. */
JsonObject *gd_mediation_measures   (GdStore    *store,
                                     const char *grid,
                                     const char *from,
                                     const char *to,
                                     GError    **error);
/* Only "cases", "agreed" and "concluded" of those measures (the report's earlier periods). */
gboolean    gd_mediation_outcomes   (GdStore    *store,
                                     const char *grid,
                                     const char *from,
                                     const char *to,
                                     gint64     *cases,
                                     gint64     *agreed,
                                     gint64     *concluded,
                                     GError    **error);

G_END_DECLS
