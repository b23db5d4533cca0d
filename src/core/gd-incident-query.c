/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-incident-query"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-store-private.h"

/* The filter becomes one WHERE clause over the `incidents` table with numbered
 * parameters; the SQL changes with the filter, so statements are prepared per call. */

typedef struct {
  GString   *sql;
  GPtrArray *params; /* char *, bound as ?1, ?2 … */
} Where;

static void
where_clear (Where *where)
{
  g_string_free (where->sql, TRUE);
  g_ptr_array_unref (where->params);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Where, where_clear)

static guint
bind_param (Where      *where,
            const char *value)
{
  g_ptr_array_add (where->params, g_strdup (value));
  return where->params->len;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

char *
gd_incident_day_start (const char *day,
                       int         days)
{
  g_autoptr(GTimeZone) zone = gd_china_time ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDate date;

  if (day == NULL || !gd_date_parse (day, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  start = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 0, 0, 0);
  utc = g_date_time_to_utc (start);
  return gd_timestamp_format (utc);
}

static void
build_where (Where                  *where,
             const GdIncidentFilter *filter,
             gboolean                with_status)
{
  where->sql = g_string_new ("WHERE 1");
  where->params = g_ptr_array_new_with_free_func (g_free);

  if (is_set (filter->grid))
    {
      guint n = bind_param (where, filter->grid);
      g_string_append_printf (where->sql, " AND i.grid >= ?%u AND i.grid < ?%u || ':'", n, n);
    }
  if (with_status && is_set (filter->status))
    g_string_append_printf (where->sql, " AND i.status = ?%u", bind_param (where, filter->status));
  if (is_set (filter->category))
    {
      g_autofree char *pattern = g_strconcat (filter->category, "%", NULL);
      g_string_append_printf (where->sql, " AND i.category LIKE ?%u", bind_param (where, pattern));
    }
  if (is_set (filter->urgency))
    g_string_append_printf (where->sql, " AND i.urgency = ?%u", bind_param (where, filter->urgency));
  if (is_set (filter->source))
    g_string_append_printf (where->sql, " AND i.source = ?%u", bind_param (where, filter->source));
  if (filter->overdue)
    {
      g_autofree char *now = filter->now ? g_strdup (filter->now) : gd_timestamp_format (NULL);
      g_string_append_printf (where->sql,
                              " AND i.status <> 'archived' AND i.deadline < ?%u",
                              bind_param (where, now));
    }
  if (is_set (filter->from))
    {
      g_autofree char *from = gd_incident_day_start (filter->from, 0);
      if (from != NULL)
        g_string_append_printf (where->sql, " AND i.reported_at >= ?%u", bind_param (where, from));
    }
  if (is_set (filter->to))
    {
      g_autofree char *to = gd_incident_day_start (filter->to, 1);
      if (to != NULL)
        g_string_append_printf (where->sql, " AND i.reported_at < ?%u", bind_param (where, to));
    }
  if (is_set (filter->text))
    {
      guint n = bind_param (where, filter->text);
      g_string_append_printf (where->sql,
                              " AND (instr(i.number, ?%u) > 0 OR instr(i.title, ?%u) > 0)", n, n);
    }
}

static sqlite3_stmt *
prepare (GdStore    *store,
         const char *sql,
         Where      *where,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (gd_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gd_store_set_sql_error (store, error, _("querying incidents"));
      return NULL;
    }
  for (guint i = 0; i < where->params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, where->params->pdata[i], -1, SQLITE_STATIC);
  return stmt;
}

gint64
gd_store_count_incidents (GdStore                *store,
                          const GdIncidentFilter *filter,
                          GError                **error)
{
  g_auto(Where) where = { 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (store != NULL && filter != NULL, -1);

  build_where (&where, filter, TRUE);
  gd_access_restrict (store, where.sql, "incident", "i");
  sql = g_strdup_printf ("SELECT count(*) FROM incidents i %s", where.sql->str);
  if ((stmt = prepare (store, sql, &where, error)) == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    gd_store_set_sql_error (store, error, _("counting incidents"));
  sqlite3_finalize (stmt);
  return count;
}

gboolean
gd_store_count_incidents_by_status (GdStore                *store,
                                    const GdIncidentFilter *filter,
                                    gint64                  counts[GD_INCIDENT_N_STATUSES],
                                    GError                **error)
{
  g_auto(Where) where = { 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL && filter != NULL, FALSE);

  memset (counts, 0, sizeof (gint64) * GD_INCIDENT_N_STATUSES);
  build_where (&where, filter, FALSE);
  gd_access_restrict (store, where.sql, "incident", "i");
  sql = g_strdup_printf ("SELECT i.status, count(*) FROM incidents i %s GROUP BY i.status",
                         where.sql->str);
  if ((stmt = prepare (store, sql, &where, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdIncidentStatus status;
      if (gd_incident_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status))
        counts[status] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("counting incidents"));
      return FALSE;
    }
  return TRUE;
}

static const char *
order_by (GdIncidentSort sort)
{
  switch (sort)
    {
    case GD_INCIDENT_SORT_REPORTED:
      return "i.reported_at";
    case GD_INCIDENT_SORT_NUMBER:
      return "i.number";
    case GD_INCIDENT_SORT_TITLE:
      return "i.title";
    case GD_INCIDENT_SORT_URGENCY:
      return "CASE i.urgency WHEN 'critical' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END";
    case GD_INCIDENT_SORT_STATUS:
      return "CASE i.status WHEN 'registered' THEN 0 WHEN 'returned' THEN 1 "
             "WHEN 'dispatched' THEN 2 WHEN 'escalated' THEN 3 WHEN 'in_progress' THEN 4 "
             "WHEN 'verifying' THEN 5 WHEN 'feedback' THEN 6 ELSE 7 END";
    case GD_INCIDENT_SORT_GRID:
      return "i.grid";
    case GD_INCIDENT_SORT_UPDATED:
      return "i.updated_at";
    case GD_INCIDENT_SORT_DEADLINE:
    default:
      /* no deadline sorts last either way */
      return "i.deadline IS NULL, i.deadline";
    }
}

void
gd_incident_row_free (GdIncidentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->doc_id);
  g_free (row->number);
  g_free (row->title);
  g_free (row->category);
  g_free (row->status);
  g_free (row->urgency);
  g_free (row->source);
  g_free (row->grid);
  g_free (row->grid_name);
  g_free (row->reported_at);
  g_free (row->deadline);
  g_free (row->handling_level);
  g_free (row->closed_at);
  g_free (row);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
gd_store_incident_page (GdStore                *store,
                        const GdIncidentFilter *filter,
                        guint                   offset,
                        guint                   limit,
                        GError                **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_incident_row_free);
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  const char *direction;
  int rc;

  g_return_val_if_fail (store != NULL && filter != NULL, NULL);

  build_where (&where, filter, TRUE);
  gd_access_restrict (store, where.sql, "incident", "i");
  direction = filter->descending ? " DESC" : "";
  if (filter->sort == GD_INCIDENT_SORT_DEADLINE)
    order = g_strdup_printf ("i.deadline IS NULL, i.deadline%s", direction);
  else
    order = g_strdup_printf ("%s%s", order_by (filter->sort), direction);
  sql = g_strdup_printf (
    "SELECT i.doc_id, i.number, i.title, i.category, i.status, i.urgency, i.source, i.grid, "
    "       (SELECT g.name FROM grids g WHERE g.code = i.grid), i.reported_at, i.deadline, "
    "       i.handling_level, i.closed_at "
    "FROM incidents i %s ORDER BY %s, i.doc%s LIMIT %u OFFSET %u",
    where.sql->str, order, direction, limit, offset);
  if ((stmt = prepare (store, sql, &where, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdIncidentRow *row = g_new0 (GdIncidentRow, 1);

      row->doc_id = column_dup (stmt, 0);
      row->number = column_dup (stmt, 1);
      row->title = column_dup (stmt, 2);
      row->category = column_dup (stmt, 3);
      row->status = column_dup (stmt, 4);
      row->urgency = column_dup (stmt, 5);
      row->source = column_dup (stmt, 6);
      row->grid = column_dup (stmt, 7);
      row->grid_name = column_dup (stmt, 8);
      row->reported_at = column_dup (stmt, 9);
      row->deadline = column_dup (stmt, 10);
      row->handling_level = column_dup (stmt, 11);
      row->closed_at = column_dup (stmt, 12);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading incidents"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

const GdIncidentStatus gd_incident_board_order[GD_INCIDENT_N_STATUSES] = {
  GD_INCIDENT_REGISTERED, GD_INCIDENT_RETURNED, GD_INCIDENT_DISPATCHED, GD_INCIDENT_ESCALATED,
  GD_INCIDENT_IN_PROGRESS, GD_INCIDENT_VERIFYING, GD_INCIDENT_FEEDBACK, GD_INCIDENT_ARCHIVED,
};

void
gd_incident_filter_for_column (const GdIncidentFilter *base,
                               GdIncidentStatus        status,
                               GdIncidentFilter       *out)
{
  *out = *base;
  out->status = gd_incident_status_to_string (status);
  out->sort = status == GD_INCIDENT_ARCHIVED ? GD_INCIDENT_SORT_UPDATED : GD_INCIDENT_SORT_DEADLINE;
  out->descending = status == GD_INCIDENT_ARCHIVED;
}

char *
gd_store_next_incident_number (GdStore    *store,
                               const char *village,
                               int         year,
                               GError    **error)
{
  g_autofree char *prefix = g_strdup_printf ("SJ-%d-", year);
  g_autofree char *end = g_strdup_printf ("SJ-%d.", year);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT max(number) FROM incidents WHERE village IS ?1 AND number >= ?2 AND number < ?3",
    error);
  const char *last;
  guint64 next = 1;

  if (stmt == NULL)
    return NULL;
  if (village != NULL)
    sqlite3_bind_text (stmt, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("numbering an incident"));
      return NULL;
    }
  last = (const char *) sqlite3_column_text (stmt, 0);
  if (last != NULL)
    next = g_ascii_strtoull (last + strlen (prefix), NULL, 10) + 1;
  return g_strdup_printf ("%s%06" G_GUINT64_FORMAT, prefix, next);
}
