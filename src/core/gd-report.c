/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-report-private.h"

/* The figures of gd-report.h, each counted once in SQL; the definitions are in the header. */

#define TREND_DAYS 7

/* ---- bounds ---- */

static char *
shift (GDateTime *at,
       int        days)
{
  g_autoptr(GDateTime) moved = g_date_time_add_days (at, days);
  return gd_timestamp_format (moved);
}

static char *
day_text (const GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d),
                          g_date_get_day (d));
}

void
gd_report_bounds_init (GdReportBounds       *bounds,
                       const char           *scope,
                       const GdReportPeriod *period,
                       GDateTime            *now)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  g_autoptr(GDateTime) last_instant = NULL;
  GDate next = period->last;

  memset (bounds, 0, sizeof *bounds);
  bounds->scope = scope;
  bounds->first_day = day_text (&period->first);
  bounds->last_day = day_text (&period->last);
  bounds->start = gd_incident_day_start (bounds->first_day, 0);
  bounds->end = gd_incident_day_start (bounds->last_day, 1);

  g_date_add_days (&next, 1);
  end = g_date_time_new (china, g_date_get_year (&next), g_date_get_month (&next),
                         g_date_get_day (&next), 0, 0, 0);
  cutoff = g_date_time_compare (now, end) < 0 ? g_date_time_ref (now) : g_date_time_ref (end);
  bounds->cutoff = gd_timestamp_format (cutoff);
  bounds->window = shift (end, -90);
  bounds->visits_from = shift (cutoff, -30);
  bounds->untouched_before = shift (cutoff, -365);

  /* the cutoff's day: the period's last day when the period is over, else today */
  {
    g_autoptr(GDateTime) before = g_date_time_add_seconds (cutoff, -1);
    last_instant = g_date_time_to_timezone (before, china);
  }
  g_date_clear (&bounds->today, 1);
  g_date_set_dmy (&bounds->today, g_date_time_get_day_of_month (last_instant),
                  g_date_time_get_month (last_instant), g_date_time_get_year (last_instant));
  bounds->cutoff_day = day_text (&bounds->today);
  bounds->days = g_date_compare (&bounds->today, &period->first) < 0
                   ? 0 : g_date_days_between (&period->first, &bounds->today) + 1;
}

void
gd_report_bounds_clear (GdReportBounds *bounds)
{
  g_free (bounds->start);
  g_free (bounds->end);
  g_free (bounds->cutoff);
  g_free (bounds->window);
  g_free (bounds->visits_from);
  g_free (bounds->untouched_before);
  g_free (bounds->first_day);
  g_free (bounds->last_day);
  g_free (bounds->cutoff_day);
  memset (bounds, 0, sizeof *bounds);
}

sqlite3_stmt *
gd_report_prepare (GdStore              *store,
                   const char           *sql,
                   const GdReportBounds *bounds,
                   GError              **error)
{
  sqlite3_stmt *stmt = gd_store_prepare (store, sql, error);
  const char *values[GD_REPORT_N_BOUNDS] = {
    bounds->scope, bounds->start, bounds->end, bounds->cutoff, bounds->window,
    bounds->visits_from, bounds->untouched_before, bounds->first_day, bounds->last_day,
    bounds->cutoff_day,
  };
  int n;

  if (stmt == NULL)
    return NULL;
  n = MIN (sqlite3_bind_parameter_count (stmt), GD_REPORT_N_BOUNDS);
  for (int i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
gd_report_done (GdStore *store,
                int      rc,
                GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  gd_store_set_sql_error (store, error, _("making the report"));
  return FALSE;
}

/* ---- items ---- */

static int
compare_ids (const void *a,
             const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GdReportItem *
gd_report_item_new (GdReportItemKind kind,
                    const char      *key,
                    const char      *label,
                    gint64           count,
                    const char      *ids)
{
  GdReportItem *item = g_new0 (GdReportItem, 1);

  item->kind = kind;
  item->key = g_strdup (key != NULL ? key : "");
  item->label = g_strdup (label != NULL ? label : item->key);
  item->count = count;
  item->ids = ids != NULL && *ids != '\0' ? g_strsplit (ids, ",", -1) : g_new0 (char *, 1);
  qsort (item->ids, g_strv_length (item->ids), sizeof (char *), compare_ids);
  return item;
}

void
gd_report_item_free (GdReportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->key);
  g_free (item->label);
  g_strfreev (item->ids);
  g_free (item);
}

GPtrArray *
gd_report_items_of (const GdReport  *report,
                    GdReportItemKind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < report->items->len; i++)
    {
      GdReportItem *item = g_ptr_array_index (report->items, i);
      if (item->kind == kind)
        g_ptr_array_add (out, item);
    }
  return out;
}

const GdReportItem *
gd_report_find_item (const GdReport  *report,
                     GdReportItemKind kind,
                     const char      *key)
{
  for (guint i = 0; i < report->items->len; i++)
    {
      GdReportItem *item = g_ptr_array_index (report->items, i);
      if (item->kind == kind && g_strcmp0 (item->key, key) == 0)
        return item;
    }
  return NULL;
}

/* ---- rates ---- */

double
gd_report_satisfaction_rate (const GdReportFigures *figures)
{
  return gd_measures_ratio (figures->satisfied + figures->basically, figures->feedback);
}

double
gd_report_mediation_rate (const GdReportFigures *figures)
{
  return gd_measures_ratio (figures->disputes_agreed, figures->disputes_concluded);
}

double
gd_report_patrol_coverage (const GdReportFigures *figures)
{
  return gd_measures_ratio (figures->patrol_days, figures->grid_days);
}

/* ---- the report ---- */

static void
count_free (GdReportCount *count)
{
  g_free (count->key);
  g_free (count);
}

static void
grid_free (GdReportGrid *grid)
{
  g_free (grid->code);
  g_free (grid->name);
  g_free (grid);
}

void
gd_report_free (GdReport *report)
{
  if (report == NULL)
    return;
  g_free (report->scope);
  g_free (report->scope_name);
  g_free (report->start);
  g_free (report->end);
  g_free (report->cutoff);
  g_clear_pointer (&report->now, g_date_time_unref);
  g_clear_pointer (&report->by_category, g_ptr_array_unref);
  g_clear_pointer (&report->previous_by_category, g_ptr_array_unref);
  g_clear_pointer (&report->by_source, g_ptr_array_unref);
  g_clear_pointer (&report->by_urgency, g_ptr_array_unref);
  g_clear_pointer (&report->dispute_categories, g_ptr_array_unref);
  g_clear_pointer (&report->dispute_rooms, g_ptr_array_unref);
  g_clear_pointer (&report->daily, g_ptr_array_unref);
  g_clear_pointer (&report->grids, g_ptr_array_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_free (report);
}

/* incidents of the scope reported in the period */
#define IN_PERIOD \
  "FROM incidents i WHERE " GD_REPORT_IN_SCOPE ("i.grid") \
  " AND i.reported_at >= ?2 AND i.reported_at < ?3 "
/* archived before the period's end */
#define CLOSED "(i.closed_at IS NOT NULL AND julianday (i.closed_at) < julianday (?3))"

static GdReportGrid *
grid_of (GHashTable *grids,
         const char *code)
{
  return code != NULL ? g_hash_table_lookup (grids, code) : NULL;
}

/* The incident figures of one period, summed from its grids; `slot` 0 fills each grid's
 * incidents, 1 its previous count, 2 nothing. */
static gboolean
measure_incidents (GdStore              *store,
                   const GdReportBounds *b,
                   GdReportFigures      *fig,
                   GHashTable           *grids,
                   int                   slot,
                   GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT grid, count(*), sum(closed), sum(closed AND deadline IS NOT NULL), "
    "  sum(closed AND deadline IS NOT NULL AND julianday (closed_at) <= julianday (deadline)), "
    "  total(CASE WHEN closed THEN (julianday (closed_at) - julianday (reported_at)) * 24 END), "
    "  sum(level = 'grid'), sum(level = 'village'), "
    "  sum(level IN ('town', 'county', 'enforcement')), "
    "  sum(sat = 'satisfied'), sum(sat = 'basically'), sum(sat = 'dissatisfied') "
    "FROM (SELECT i.grid, i.deadline, i.closed_at, i.reported_at, " CLOSED " AS closed, "
    "        coalesce (i.handling_level, 'grid') AS level, "
    /* feedback comes at the end of the loop */
    "        CASE WHEN i.status IN ('feedback', 'archived') THEN i.satisfaction END AS sat "
    "      FROM incidents i WHERE " GD_REPORT_IN_SCOPE ("i.grid")
    "        AND i.reported_at >= ?2 AND i.reported_at < ?3) "
    "GROUP BY grid", b, error);
  GdMeasures *m = &fig->incidents;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdReportGrid *grid = grid_of (grids, (const char *) sqlite3_column_text (stmt, 0));
      GdMeasures row = { 0 };

      row.reported = sqlite3_column_int64 (stmt, 1);
      row.closed = sqlite3_column_int64 (stmt, 2);
      row.closed_with_deadline = sqlite3_column_int64 (stmt, 3);
      row.on_time = sqlite3_column_int64 (stmt, 4);
      row.handling_hours = sqlite3_column_double (stmt, 5);
      for (int level = 0; level < GD_LEVEL_SHARE_N; level++)
        row.levels[level] = sqlite3_column_int64 (stmt, 6 + level);
      fig->satisfied += sqlite3_column_int64 (stmt, 9);
      fig->basically += sqlite3_column_int64 (stmt, 10);
      fig->dissatisfied += sqlite3_column_int64 (stmt, 11);

      m->reported += row.reported;
      m->closed += row.closed;
      m->closed_with_deadline += row.closed_with_deadline;
      m->on_time += row.on_time;
      m->handling_hours += row.handling_hours;
      for (int level = 0; level < GD_LEVEL_SHARE_N; level++)
        m->levels[level] += row.levels[level];
      if (grid != NULL && slot == 0)
        grid->incidents = row;
      else if (grid != NULL && slot == 1)
        grid->previous = row.reported;
    }
  fig->feedback = fig->satisfied + fig->basically + fig->dissatisfied;
  return gd_report_done (store, rc, error);
}

static gboolean
measure_overdue (GdStore              *store,
                 const GdReportBounds *b,
                 GdReportFigures      *fig,
                 GHashTable           *grids,
                 gboolean              fill,
                 GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT i.grid, count(*) FROM incidents i " GD_REPORT_OVERDUE " GROUP BY i.grid",
    b, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdReportGrid *grid = grid_of (grids, (const char *) sqlite3_column_text (stmt, 0));
      gint64 n = sqlite3_column_int64 (stmt, 1);

      fig->overdue += n;
      if (grid != NULL && fill)
        grid->overdue = n;
    }
  return gd_report_done (store, rc, error);
}

static gboolean
measure_patrols (GdStore              *store,
                 const GdReportBounds *b,
                 GdReportFigures      *fig,
                 GHashTable           *grids,
                 gboolean              fill,
                 GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT p.grid, count(*), count(DISTINCT date (p.started_at, '+8 hours')) "
    "FROM patrols p WHERE " GD_REPORT_IN_SCOPE ("p.grid")
    "  AND p.started_at >= ?2 AND p.started_at < ?4 GROUP BY p.grid", b, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  fig->grid_days = (gint64) g_hash_table_size (grids) * b->days;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdReportGrid *grid = grid_of (grids, (const char *) sqlite3_column_text (stmt, 0));

      fig->patrols += sqlite3_column_int64 (stmt, 1);
      if (grid == NULL)
        continue; /* a patrol of a grid not in the register counts, but covers no grid */
      fig->patrol_days += sqlite3_column_int64 (stmt, 2);
      if (fill)
        {
          grid->patrols = sqlite3_column_int64 (stmt, 1);
          grid->patrol_days = sqlite3_column_int64 (stmt, 2);
        }
    }
  return gd_report_done (store, rc, error);
}

static int
by_count (gconstpointer a,
          gconstpointer b)
{
  const GdReportCount *x = *(GdReportCount **) a;
  const GdReportCount *y = *(GdReportCount **) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static gboolean
measure_disputes (GdStore              *store,
                  const GdReportBounds *b,
                  GdReportFigures      *fig,
                  GdReport             *report,
                  GError              **error)
{
  /* the whole measures only for the period itself (its categories and rooms) */
  g_autoptr(JsonObject) measures = NULL;
  g_autoptr(GdStmt) stmt = NULL;

  if (report != NULL)
    {
      measures = gd_mediation_measures (store, b->scope, b->first_day, b->last_day, error);
      if (measures == NULL)
        return FALSE;
      fig->disputes = json_object_get_int_member (measures, "cases");
      fig->disputes_agreed = json_object_get_int_member (measures, "agreed");
      fig->disputes_concluded = json_object_get_int_member (measures, "concluded");
    }
  else if (!gd_mediation_outcomes (store, b->scope, b->first_day, b->last_day, &fig->disputes,
                                   &fig->disputes_agreed, &fig->disputes_concluded, error))
    return FALSE;
  fig->disputes_failed = fig->disputes_concluded - fig->disputes_agreed;

  /* the received_at range serves the index, the China dates decide (gd-mediation.c) */
  stmt = gd_report_prepare (store,
    "SELECT count(*) FROM disputes x WHERE " GD_REPORT_IN_SCOPE ("x.grid")
    "  AND x.received_at >= date (?8, '-2 days') AND x.received_at < date (?9, '+2 days') "
    "  AND date (x.received_at, '+8 hours') BETWEEN ?8 AND ?9 AND x.accepted_at IS NOT NULL",
    b, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return gd_report_done (store, SQLITE_ERROR, error);
  fig->disputes_accepted = sqlite3_column_int64 (stmt, 0);

  if (report != NULL)
    {
      static const char *const members[] = { "by_category", "by_room" };
      GPtrArray **outs[] = { &report->dispute_categories, &report->dispute_rooms };

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          JsonObject *counts = json_object_get_object_member (measures, members[i]);
          g_autoptr(GList) keys = counts ? json_object_get_members (counts) : NULL;

          *outs[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
          for (GList *l = keys; l != NULL; l = l->next)
            {
              GdReportCount *c = g_new0 (GdReportCount, 1);
              c->key = g_strdup (l->data);
              c->count = json_object_get_int_member (counts, l->data);
              g_ptr_array_add (*outs[i], c);
            }
          g_ptr_array_sort (*outs[i], by_count);
        }
    }
  return TRUE;
}

/* Reported and closed incidents of the period by category class, source and urgency, each
 * list most first: one read of the period, grouped by the three at once and summed here for
 * each. `outs` NULL are not wanted. */
#define N_DIMENSIONS 3

static gboolean
count_incidents_by (GdStore              *store,
                    const GdReportBounds *b,
                    GPtrArray           **outs[N_DIMENSIONS],
                    GError              **error)
{
  /* by category alone when only that is wanted (the previous period) */
  g_autoptr(GdStmt) stmt = gd_report_prepare (store, outs[1] != NULL || outs[2] != NULL
    ? "SELECT coalesce (substr (i.category, 1, 2), ''), coalesce (i.source, ''), "
      "  coalesce (i.urgency, ''), count(*), sum(" CLOSED ") " IN_PERIOD "GROUP BY 1, 2, 3"
    : "SELECT coalesce (substr (i.category, 1, 2), ''), '', '', count(*), sum(" CLOSED ") "
      IN_PERIOD "GROUP BY 1", b, error);
  GHashTable *seen[N_DIMENSIONS];
  GPtrArray *lists[N_DIMENSIONS];
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint d = 0; d < N_DIMENSIONS; d++)
    {
      seen[d] = g_hash_table_new (g_str_hash, g_str_equal);
      lists[d] = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint d = 0; d < N_DIMENSIONS; d++)
      {
        const char *key = (const char *) sqlite3_column_text (stmt, (int) d);
        GdReportCount *c = g_hash_table_lookup (seen[d], key);

        if (c == NULL)
          {
            c = g_new0 (GdReportCount, 1);
            c->key = g_strdup (key);
            g_ptr_array_add (lists[d], c);
            g_hash_table_insert (seen[d], c->key, c);
          }
        c->count += sqlite3_column_int64 (stmt, 3);
        c->closed += sqlite3_column_int64 (stmt, 4);
      }
  for (guint d = 0; d < N_DIMENSIONS; d++)
    {
      g_hash_table_unref (seen[d]);
      g_ptr_array_sort (lists[d], by_count);
      if (outs[d] != NULL && rc == SQLITE_DONE)
        *outs[d] = lists[d];
      else
        g_ptr_array_unref (lists[d]);
    }
  return gd_report_done (store, rc, error);
}

/* incidents reported and archived on each day of the period */
static GPtrArray *
count_days (GdStore              *store,
            const GdReportBounds *b,
            const GdReportPeriod *period,
            GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT day, sum(r), sum(c) FROM ("
    "  SELECT date (i.reported_at, '+8 hours') AS day, 1 AS r, 0 AS c " IN_PERIOD
    "  UNION ALL "
    "  SELECT date (i.closed_at, '+8 hours'), 0, 1 FROM incidents i "
    "  WHERE " GD_REPORT_IN_SCOPE ("i.grid") " AND i.closed_at >= ?2 AND i.closed_at < ?3) "
    "GROUP BY day", b, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  GDate d = period->first;
  int rc;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < gd_report_period_n_days (period); i++, g_date_add_days (&d, 1))
    {
      GdReportCount *c = g_new0 (GdReportCount, 1);
      c->key = day_text (&d);
      g_ptr_array_add (out, c);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate day;
      if (!gd_date_parse ((const char *) sqlite3_column_text (stmt, 0), &day))
        continue;
      int at = g_date_days_between (&period->first, &day);
      if (at < 0 || (guint) at >= out->len)
        continue;
      ((GdReportCount *) out->pdata[at])->count = sqlite3_column_int64 (stmt, 1);
      ((GdReportCount *) out->pdata[at])->closed = sqlite3_column_int64 (stmt, 2);
    }
  if (!gd_report_done (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* the trend: the period's days; a day's report shows the week that ends with it */
static GPtrArray *
count_trend (GdStore              *store,
             const char           *scope,
             const GdReportPeriod *period,
             GDateTime            *now,
             GError              **error)
{
  GdReportPeriod days = *period;
  GdReportBounds b;
  GPtrArray *out;

  if (period->kind == GD_REPORT_DAILY)
    g_date_subtract_days (&days.first, TREND_DAYS - 1);
  gd_report_bounds_init (&b, scope, &days, now);
  out = count_days (store, &b, &days, error);
  gd_report_bounds_clear (&b);
  return out;
}

/* The scope: a town, village or grid code with at least one grid of the store under it. */
static gboolean
resolve_scope (GdStore    *store,
               GdReport   *report,
               const char *scope,
               GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  gsize len = scope != NULL ? strlen (scope) : 0;
  GdReportBounds b = { .scope = scope };

  if ((len != 9 && len != 12 && len != 15) || strspn (scope, "0123456789") != len)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("%s is not a town (9 digits), village (12) or grid (15) code"),
                   scope != NULL ? scope : "");
      return FALSE;
    }
  stmt = gd_report_prepare (store,
    "SELECT (SELECT name FROM grids WHERE code = ?1), count(*) FROM grids g "
    "WHERE g.level = 'grid' AND " GD_REPORT_IN_SCOPE ("g.code"), &b, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return gd_report_done (store, SQLITE_ERROR, error);
  if (sqlite3_column_int64 (stmt, 1) == 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND,
                   _("No grid of this database lies in %s"), scope);
      return FALSE;
    }
  report->scope = g_strdup (scope);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    report->scope_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (g_strcmp0 (scope, gd_store_get_scope (store)) == 0)
    report->scope_name = g_strdup (gd_store_get_scope_name (store));
  else
    report->scope_name = g_strdup (scope);
  return TRUE;
}

static gboolean
list_grids (GdStore              *store,
            GdReport             *report,
            const GdReportBounds *b,
            GHashTable           *index,
            GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT code, name FROM grids g WHERE g.level = 'grid' AND " GD_REPORT_IN_SCOPE ("g.code")
    " ORDER BY code", b, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  report->grids = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdReportGrid *grid = g_new0 (GdReportGrid, 1);
      grid->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      grid->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      grid->days = b->days;
      g_ptr_array_add (report->grids, grid);
      g_hash_table_insert (index, grid->code, grid);
    }
  return gd_report_done (store, rc, error);
}

static gboolean
measure_period (GdStore              *store,
                GdReport             *report,
                const GdReportPeriod *period,
                GDateTime            *now,
                GdReportFigures      *fig,
                GHashTable           *grids,
                int                   slot,
                GError              **error)
{
  GdReportBounds b;
  gboolean ok;

  gd_report_bounds_init (&b, report->scope, period, now);
  /* only this period's patrols and overdue fill the grids */
  ok = measure_incidents (store, &b, fig, grids, slot, error)
       && measure_overdue (store, &b, fig, grids, slot == 0, error)
       && measure_patrols (store, &b, fig, grids, slot == 0, error)
       && measure_disputes (store, &b, fig, slot == 0 ? report : NULL, error);
  if (ok && slot == 1)
    ok = count_incidents_by (store, &b,
                             (GPtrArray **[]) { &report->previous_by_category, NULL, NULL },
                             error);
  if (ok && slot == 0)
    {
      ok = count_incidents_by (store, &b,
                               (GPtrArray **[]) { &report->by_category, &report->by_source,
                                                  &report->by_urgency }, error)
           && (report->daily = count_trend (store, report->scope, period, now, error)) != NULL;
      report->start = g_strdup (b.start);
      report->end = g_strdup (b.end);
      report->cutoff = g_strdup (b.cutoff);
    }
  gd_report_bounds_clear (&b);
  return ok;
}

GdReport *
gd_report_build_figures (GdStore     *store,
                 const char  *scope,
                 GdReportKind kind,
                 const GDate *day,
                 GDateTime   *now,
                 GError     **error)
{
  g_autoptr(GdReport) report = NULL;
  g_autoptr(GHashTable) grids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now_owned = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now_owned, china);
  GDate today;
  GdReportBounds b;
  gboolean ok;

  g_return_val_if_fail (store != NULL && day != NULL, NULL);
  g_return_val_if_fail (kind < GD_REPORT_N_KINDS, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  if (!g_date_valid (day) || g_date_compare (day, &today) > 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("The report date is after today; a report covers days that have begun"));
      return NULL;
    }

  report = g_new0 (GdReport, 1);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_report_item_free);
  report->now = g_date_time_ref (now_owned);
  if (!resolve_scope (store, report, scope, error))
    return NULL;
  gd_report_period_init (&report->period, kind, day);
  gd_report_period_previous (&report->period, &report->previous);
  gd_report_period_last_year (&report->period, &report->last_year);

  gd_report_bounds_init (&b, report->scope, &report->period, now_owned);
  ok = list_grids (store, report, &b, grids, error);
  gd_report_bounds_clear (&b);
  if (!ok)
    return NULL;

  /* the previous period first: hot spots compare against it */
  if (!measure_period (store, report, &report->previous, now_owned,
                       &report->figures[GD_REPORT_PREVIOUS], grids, 1, error)
      || !measure_period (store, report, &report->last_year, now_owned,
                          &report->figures[GD_REPORT_LAST_YEAR], grids, 2, error)
      || !measure_period (store, report, &report->period, now_owned,
                          &report->figures[GD_REPORT_NOW], grids, 0, error))
    return NULL;
  return g_steal_pointer (&report);
}

gboolean
gd_report_build_analysis (GdReport *report,
                          GdStore  *store,
                          GError  **error)
{
  GdReportBounds b;
  gboolean ok;

  g_return_val_if_fail (report != NULL && store != NULL, FALSE);
  g_return_val_if_fail (report->items->len == 0, FALSE);

  gd_report_bounds_init (&b, report->scope, &report->period, report->now);
  ok = gd_report_analyse (report, store, &b, error);
  gd_report_bounds_clear (&b);
  if (!ok)
    g_ptr_array_set_size (report->items, 0);
  return ok;
}

GdReport *
gd_report_build (GdStore     *store,
                 const char  *scope,
                 GdReportKind kind,
                 const GDate *day,
                 GDateTime   *now,
                 GError     **error)
{
  g_autoptr(GdReport) report = gd_report_build_figures (store, scope, kind, day, now, error);

  if (report == NULL || !gd_report_build_analysis (report, store, error))
    return NULL;
  return g_steal_pointer (&report);
}
