/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-patrol.h: 三查 — daily patrols (每日巡查), weekly checks (每周排查) and monthly
 * inspections (每月检查) of a grid: started and ended, households visited, findings that
 * become incidents linked to the patrol, and which grids have had none today, this week or
 * this month. */
#pragma once

#include "gd-deadline.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* A patrol of `kind` (daily, weekly, monthly) in `grid` by `patroller`, started `at`
 * (NULL: now). Returns its _id. */
char      *gd_patrol_start       (GdStore    *store,
                                  const char *grid,
                                  const char *kind,
                                  const char *patroller,
                                  GDateTime  *at,
                                  GError    **error);
/* Adds a visited household, or an organisation (`visited_organisations`), once. Refused
 * when the patrol has ended. */
gboolean   gd_patrol_visit       (GdStore    *store,
                                  const char *patrol_id,
                                  const char *household_id,
                                  const char *actor,
                                  GError    **error);
/* Registers `incident` (title, category … as for gd_incident_register) as a finding of the
 * patrol: source patrol, the patrol's grid and patroller as reporter unless given, and
 * `patrol` naming the patrol; the patrol's `findings` gets its id. One transaction.
 * Returns the incident's _id. */
char      *gd_patrol_add_finding (GdStore         *store,
                                  const char      *patrol_id,
                                  JsonObject      *incident,
                                  GdDeadlineRules *rules,
                                  const char      *actor,
                                  GError         **error);
/* Ends the patrol `at` (NULL: now) with `notes` (may be NULL). Refused when already ended. */
gboolean   gd_patrol_end         (GdStore    *store,
                                  const char *patrol_id,
                                  const char *notes,
                                  GDateTime  *at,
                                  const char *actor,
                                  GError    **error);

/* Patrols under `grid` (code prefix, NULL: all) not ended yet, oldest first (JsonObject). */
GPtrArray *gd_store_open_patrols (GdStore    *store,
                                  const char *grid,
                                  GError    **error);

typedef struct {
  char    *grid;
  char    *grid_name;
  gboolean today;       /* a daily patrol started today (China time) */
  gboolean this_week;   /* a weekly check started this week (Monday to Sunday) */
  gboolean this_month;  /* a monthly inspection started this month */
  char    *last_patrol; /* started_at of the latest patrol of any kind, or NULL */
} GdPatrolCoverage;

void       gd_patrol_coverage_free (GdPatrolCoverage *coverage);
/* Every grid (level grid) under `parent` (code prefix, NULL: all), by code, with what it
 * has had on `today` (NULL: today in China time). */
GPtrArray *gd_store_patrol_coverage (GdStore     *store,
                                     const char  *parent,
                                     const GDate *today,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdPatrolCoverage, gd_patrol_coverage_free)

G_END_DECLS
