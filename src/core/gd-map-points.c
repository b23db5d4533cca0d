/* gd-map-points.c: the map's reads from the store (map_points, incidents, households,
 * organisations).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-points"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-map-points.h"
#include "gd-store-private.h"

void
gd_map_points_free (GdMapPoints *points)
{
  if (points == NULL)
    return;
  g_array_unref (points->points);
  g_string_chunk_free (points->strings);
  g_free (points);
}

/* the same text form as the documents' deadlines, so that strings compare as times */
static char *
format_now (gint64 now)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

GdMapState
gd_map_state_for (GdMapKind   kind,
                  const char *status,
                  const char *deadline,
                  const char *now_text)
{
  static const struct {
    const char *status;
    GdMapState  state;
  } states[] = {
    { "registered", GD_MAP_STATE_NEW },
    { "received", GD_MAP_STATE_NEW },
    { "returned", GD_MAP_STATE_NEW },
    { "dispatched", GD_MAP_STATE_ACTIVE },
    { "escalated", GD_MAP_STATE_ACTIVE },
    { "in_progress", GD_MAP_STATE_ACTIVE },
    { "accepted", GD_MAP_STATE_ACTIVE },
    { "mediating", GD_MAP_STATE_ACTIVE },
    { "verifying", GD_MAP_STATE_CHECKING },
    { "feedback", GD_MAP_STATE_CHECKING },
    { "agreed", GD_MAP_STATE_CHECKING },
    { "archived", GD_MAP_STATE_CLOSED },
    { "closed", GD_MAP_STATE_CLOSED },
    { "failed", GD_MAP_STATE_CLOSED },
    { "referred", GD_MAP_STATE_CLOSED },
  };
  GdMapState state = GD_MAP_STATE_ACTIVE;

  if (kind == GD_MAP_HOUSEHOLD)
    return GD_MAP_STATE_NONE;
  /* status is the risk level; deadline the first open hazard's rectification date */
  if (kind == GD_MAP_ORGANISATION)
    return deadline != NULL && now_text != NULL && g_strcmp0 (deadline, now_text) < 0
           ? GD_MAP_STATE_OVERDUE : GD_MAP_STATE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (status, states[i].status) == 0)
      state = states[i].state;
  if (kind == GD_MAP_INCIDENT && state != GD_MAP_STATE_CLOSED
      && deadline != NULL && now_text != NULL && g_strcmp0 (deadline, now_text) < 0)
    state = GD_MAP_STATE_OVERDUE;
  return state;
}

static GdMapKind
kind_from_type (const char *type)
{
  if (g_strcmp0 (type, "incident") == 0)
    return GD_MAP_INCIDENT;
  if (g_strcmp0 (type, "dispute") == 0)
    return GD_MAP_DISPUTE;
  if (g_strcmp0 (type, "organisation") == 0)
    return GD_MAP_ORGANISATION;
  return GD_MAP_HOUSEHOLD;
}

static GdMapRisk
risk_from_level (GdMapKind   kind,
                 const char *level)
{
  static const char *const levels[] = { "low", "medium", "high", "major" };

  for (guint i = 0; kind == GD_MAP_ORGANISATION && level != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (level, levels[i]))
      return (GdMapRisk) (GD_MAP_RISK_LOW + i);
  return GD_MAP_RISK_NONE;
}

GdMapPoints *
gd_map_points_query (GdStore           *store,
                     const GdGeoBounds *bounds,
                     guint              kinds,
                     gint64             now,
                     GError           **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  g_autoptr(GdMapPoints) points = NULL;
  g_autofree char *now_text = format_now (now);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = gd_store_prepare (store,
                           "SELECT m.doc_id, m.kind, m.grid, m.lat, m.lon, m.status, m.deadline, o.premises "
                           "FROM map_points m LEFT JOIN organisations o ON o.doc = m.doc "
                           "WHERE m.lat BETWEEN ?1 AND ?2 AND m.lon BETWEEN ?3 AND ?4 "
                           "AND ((?5 & 1 AND m.kind = 'household') OR (?5 & 2 AND m.kind = 'incident') "
                           "  OR (?5 & 4 AND m.kind = 'dispute') OR (?5 & 8 AND m.kind = 'organisation')) "
                           /* the operator's data scope (gd-scope.h) */
                           "AND (?6 OR gd_visible (m.kind, m.grid, m.doc_id))", error);
  if (stmt == NULL)
    return NULL;
  gd_access_refresh (store);
  sqlite3_bind_int (stmt, 6, gd_store_get_access (store)->whole);
  sqlite3_bind_double (stmt, 1, bounds ? bounds->south : -90);
  sqlite3_bind_double (stmt, 2, bounds ? bounds->north : 90);
  sqlite3_bind_double (stmt, 3, bounds ? bounds->west : -180);
  sqlite3_bind_double (stmt, 4, bounds ? bounds->east : 180);
  sqlite3_bind_int (stmt, 5, (int) kinds);

  points = g_new0 (GdMapPoints, 1);
  points->points = g_array_new (FALSE, FALSE, sizeof (GdMapPoint));
  points->strings = g_string_chunk_new (64 * 1024);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdMapPoint point;
      const char *grid = (const char *) sqlite3_column_text (stmt, 2);
      const char *premises = (const char *) sqlite3_column_text (stmt, 7);

      point.doc_id = g_string_chunk_insert (points->strings, (const char *) sqlite3_column_text (stmt, 0));
      point.kind = kind_from_type ((const char *) sqlite3_column_text (stmt, 1));
      point.grid = grid ? g_string_chunk_insert_const (points->strings, grid) : NULL;
      point.lat = sqlite3_column_double (stmt, 3);
      point.lon = sqlite3_column_double (stmt, 4);
      point.x = gd_geo_mercator_x (point.lon);
      point.y = gd_geo_mercator_y (point.lat);
      point.state = gd_map_state_for (point.kind, (const char *) sqlite3_column_text (stmt, 5),
                                      (const char *) sqlite3_column_text (stmt, 6), now_text);
      point.risk = risk_from_level (point.kind, (const char *) sqlite3_column_text (stmt, 5));
      point.premises = premises != NULL ? g_string_chunk_insert_const (points->strings, premises) : NULL;
      g_array_append_val (points->points, point);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading map points"));
      return NULL;
    }
  return g_steal_pointer (&points);
}

static gboolean
add_counts (GdStore    *store,
            GHashTable *measures,
            const char *sql,
            const char *now_text,
            gsize       offset,
            GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *grid = (const char *) sqlite3_column_text (stmt, 0);
      GdGridMeasures *m;

      if (grid == NULL)
        continue;
      m = g_hash_table_lookup (measures, grid);
      if (m == NULL)
        {
          m = g_new0 (GdGridMeasures, 1);
          g_hash_table_insert (measures, g_strdup (grid), m);
        }
      G_STRUCT_MEMBER (guint, m, offset) = (guint) sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("counting per grid"));
      return FALSE;
    }
  return TRUE;
}

GHashTable *
gd_map_grid_measures (GdStore *store,
                      gint64   now,
                      GError **error)
{
  g_autoptr(GHashTable) measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *now_text = format_now (now);

  g_return_val_if_fail (store != NULL, NULL);

  if (!add_counts (store, measures, "SELECT grid, count(*) FROM households GROUP BY grid",
                   now_text, G_STRUCT_OFFSET (GdGridMeasures, households), error)
      || !add_counts (store, measures,
                      "SELECT grid, count(*) FROM incidents WHERE status != 'archived' GROUP BY grid",
                      now_text, G_STRUCT_OFFSET (GdGridMeasures, open_incidents), error)
      || !add_counts (store, measures,
                      "SELECT grid, count(*) FROM incidents WHERE status != 'archived' "
                      "AND deadline < ?1 GROUP BY grid",
                      now_text, G_STRUCT_OFFSET (GdGridMeasures, overdue_incidents), error))
    return NULL;
  return g_steal_pointer (&measures);
}
