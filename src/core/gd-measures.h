/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-measures.h: how well the closed loop works, per grid and period (for the board's
 * summary and the reports): 办结率 (closure rate), on-time rate, average handling time and
 * the split of handling levels (the "70/20/10" target: ~70 % solved in the grid, ~20 % in
 * the village, ~10 % above).
 *
 * An incident counts in the period when it was reported in it (China-time days, inclusive).
 * It is closed (办结) when it is archived; on time when it was archived no later than its
 * deadline; its handling time runs from reported_at to the (last) archiving. */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_LEVEL_SHARE_GRID,
  GD_LEVEL_SHARE_VILLAGE,
  GD_LEVEL_SHARE_ABOVE, /* town, county and law enforcement */
  GD_LEVEL_SHARE_N,
} GdLevelShare;

typedef struct {
  char  *grid;          /* NULL for the total */
  char  *grid_name;
  gint64 reported;
  gint64 closed;
  gint64 closed_with_deadline;
  gint64 on_time;
  double handling_hours; /* summed over closed incidents */
  gint64 levels[GD_LEVEL_SHARE_N]; /* handling_level of the reported ones (absent: grid) */
} GdMeasures;

void     gd_measures_free           (GdMeasures *measures);

/* Rates as fractions 0–1; -1 when there is nothing to divide by. */
double   gd_measures_ratio          (gint64 part, gint64 whole);
double   gd_measures_closure_rate   (const GdMeasures *measures);
double   gd_measures_on_time_rate   (const GdMeasures *measures);
double   gd_measures_average_hours  (const GdMeasures *measures);
double   gd_measures_level_share    (const GdMeasures *measures, GdLevelShare level);

/* Per grid under `grid` (code prefix, NULL: all), sorted by grid code, followed by the
 * total (grid NULL) as the last element. `from`/`to` YYYY-MM-DD or NULL. */
GPtrArray *gd_store_measures        (GdStore    *store,
                                     const char *grid,
                                     const char *from,
                                     const char *to,
                                     GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdMeasures, gd_measures_free)

G_END_DECLS
