/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-measures"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-measures.h"
#include "gd-store-private.h"

void
gd_measures_free (GdMeasures *measures)
{
  if (measures == NULL)
    return;
  g_free (measures->grid);
  g_free (measures->grid_name);
  g_free (measures);
}

double
gd_measures_ratio (gint64 part,
                   gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : -1.0;
}

double
gd_measures_closure_rate (const GdMeasures *measures)
{
  return gd_measures_ratio (measures->closed, measures->reported);
}

double
gd_measures_on_time_rate (const GdMeasures *measures)
{
  return gd_measures_ratio (measures->on_time, measures->closed_with_deadline);
}

double
gd_measures_average_hours (const GdMeasures *measures)
{
  return measures->closed > 0 ? measures->handling_hours / (double) measures->closed : -1.0;
}

double
gd_measures_level_share (const GdMeasures *measures,
                         GdLevelShare      level)
{
  g_return_val_if_fail (level < GD_LEVEL_SHARE_N, -1.0);
  return gd_measures_ratio (measures->levels[level], measures->reported);
}

GPtrArray *
gd_store_measures (GdStore    *store,
                   const char *grid,
                   const char *from,
                   const char *to,
                   GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_measures_free);
  g_autoptr(GdStmt) stmt = NULL;
  g_autofree char *lo = gd_incident_day_start (from, 0);
  g_autofree char *hi = gd_incident_day_start (to, 1);
  GdMeasures *total;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = gd_store_prepare (store,
    "SELECT i.grid, (SELECT g.name FROM grids g WHERE g.code = i.grid), count(*), "
    "  sum(i.closed_at IS NOT NULL), "
    "  sum(i.closed_at IS NOT NULL AND i.deadline IS NOT NULL), "
    "  sum(i.closed_at IS NOT NULL AND i.deadline IS NOT NULL "
    "      AND julianday(i.closed_at) <= julianday(i.deadline)), "
    "  total(CASE WHEN i.closed_at IS NOT NULL "
    "        THEN (julianday(i.closed_at) - julianday(i.reported_at)) * 24 END), "
    "  sum(coalesce(i.handling_level, 'grid') = 'grid'), "
    "  sum(i.handling_level = 'village'), "
    "  sum(i.handling_level IN ('town', 'county', 'enforcement')) "
    "FROM incidents i "
    "WHERE (?1 IS NULL OR (i.grid >= ?1 AND i.grid < ?1 || ':')) "
    "  AND (?2 IS NULL OR i.reported_at >= ?2) AND (?3 IS NULL OR i.reported_at < ?3) "
    "GROUP BY i.grid ORDER BY i.grid", error);
  if (stmt == NULL)
    return NULL;
  /* a NULL text binds SQL NULL: no limit */
  sqlite3_bind_text (stmt, 1, grid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hi, -1, SQLITE_TRANSIENT);

  total = g_new0 (GdMeasures, 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdMeasures *row = g_new0 (GdMeasures, 1);

      row->grid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->grid_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->reported = sqlite3_column_int64 (stmt, 2);
      row->closed = sqlite3_column_int64 (stmt, 3);
      row->closed_with_deadline = sqlite3_column_int64 (stmt, 4);
      row->on_time = sqlite3_column_int64 (stmt, 5);
      row->handling_hours = sqlite3_column_double (stmt, 6);
      for (int level = 0; level < GD_LEVEL_SHARE_N; level++)
        row->levels[level] = sqlite3_column_int64 (stmt, 7 + level);

      total->reported += row->reported;
      total->closed += row->closed;
      total->closed_with_deadline += row->closed_with_deadline;
      total->on_time += row->on_time;
      total->handling_hours += row->handling_hours;
      for (int level = 0; level < GD_LEVEL_SHARE_N; level++)
        total->levels[level] += row->levels[level];
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_add (rows, total);
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("measuring incidents"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
