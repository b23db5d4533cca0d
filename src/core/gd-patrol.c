/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-patrol"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-patrol.h"
#include "gd-store-private.h"

/* 三查 on the document store: a patrol document is written through gd_store_put() like any
 * other; a finding and the patrol that found it are written in one transaction. */

static const char *const kinds[] = { "daily", "weekly", "monthly", NULL };

char *
gd_patrol_start (GdStore    *store,
                 const char *grid,
                 const char *kind,
                 const char *patroller,
                 GDateTime  *at,
                 GError    **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *started = gd_timestamp_format (at);

  g_return_val_if_fail (store != NULL && patroller != NULL, NULL);

  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("kind: a patrol is daily, weekly or monthly, not “%s”"), kind ? kind : "");
      return NULL;
    }
  json_object_set_string_member (doc, "type", "patrol");
  if (grid != NULL)
    json_object_set_string_member (doc, "grid", grid);
  json_object_set_string_member (doc, "kind", kind);
  json_object_set_string_member (doc, "patroller", patroller);
  json_object_set_string_member (doc, "started_at", started);
  json_object_set_array_member (doc, "visited_households", json_array_new ());
  json_object_set_array_member (doc, "findings", json_array_new ());
  return gd_store_put (store, doc, patroller, NULL, error);
}

/* The patrol, refused when it is not one or has ended. */
static JsonObject *
open_patrol (GdStore    *store,
             const char *patrol_id,
             GError    **error)
{
  g_autoptr(JsonObject) doc = gd_store_get (store, patrol_id, error);

  if (doc == NULL)
    return NULL;
  if (g_strcmp0 (gd_json_get_string (doc, "type"), "patrol") != 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("%s is not a patrol"), patrol_id);
      return NULL;
    }
  if (gd_json_get_string (doc, "ended_at") != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("this patrol ended at %s"),
                   gd_json_get_string (doc, "ended_at"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

/* Appends `id` to the array `member` unless it is there. */
static void
add_ref (JsonObject *doc,
         const char *member,
         const char *id)
{
  JsonArray *array = gd_json_get_array (doc, member);

  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (doc, member, array);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), id) == 0)
      return;
  json_array_add_string_element (array, id);
}

gboolean
gd_patrol_visit (GdStore    *store,
                 const char *patrol_id,
                 const char *household_id,
                 const char *actor,
                 GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) household = NULL;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (store != NULL && patrol_id != NULL && household_id != NULL, FALSE);

  doc = open_patrol (store, patrol_id, error);
  if (doc == NULL || (household = gd_store_get (store, household_id, error)) == NULL)
    return FALSE;
  /* premises inspected on the round are visits too (单位 · 场所) */
  add_ref (doc, g_strcmp0 (gd_json_get_string (household, "type"), "organisation") == 0
                ? "visited_organisations" : "visited_households", household_id);
  saved = gd_store_put (store, doc, actor, NULL, error);
  return saved != NULL;
}

char *
gd_patrol_add_finding (GdStore         *store,
                       const char      *patrol_id,
                       JsonObject      *incident,
                       GdDeadlineRules *rules,
                       const char      *actor,
                       GError         **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *saved = NULL;
  gboolean own;

  g_return_val_if_fail (store != NULL && patrol_id != NULL && incident != NULL, NULL);

  if (!gd_store_group_begin (store, "gd_finding", &own, error))
    return NULL;
  doc = open_patrol (store, patrol_id, error);
  if (doc != NULL)
    {
      if (!json_object_has_member (incident, "grid"))
        json_object_set_string_member (incident, "grid", gd_json_get_string (doc, "grid"));
      if (!json_object_has_member (incident, "reporter"))
        {
          JsonObject *reporter = json_object_new ();
          json_object_set_string_member (reporter, "name", gd_json_get_string (doc, "patroller"));
          json_object_set_object_member (incident, "reporter", reporter);
        }
      json_object_set_string_member (incident, "source", "patrol");
      json_object_set_string_member (incident, "patrol", patrol_id);
      incident_id = gd_incident_register (store, incident, rules, NULL, NULL, actor, NULL, error);
    }
  if (incident_id != NULL)
    {
      add_ref (doc, "findings", incident_id);
      saved = gd_store_put (store, doc, actor, NULL, error);
    }
  if (!gd_store_group_end (store, "gd_finding", own, saved != NULL, saved != NULL ? error : NULL))
    return NULL;
  return g_steal_pointer (&incident_id);
}

gboolean
gd_patrol_end (GdStore    *store,
               const char *patrol_id,
               const char *notes,
               GDateTime  *at,
               const char *actor,
               GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *ended = gd_timestamp_format (at);
  g_autofree char *saved = NULL;

  g_return_val_if_fail (store != NULL && patrol_id != NULL, FALSE);

  doc = open_patrol (store, patrol_id, error);
  if (doc == NULL)
    return FALSE;
  json_object_set_string_member (doc, "ended_at", ended);
  if (notes != NULL && *notes != '\0')
    json_object_set_string_member (doc, "notes", notes);
  saved = gd_store_put (store, doc, actor, NULL, error);
  return saved != NULL;
}

GPtrArray *
gd_store_open_patrols (GdStore    *store,
                       const char *grid,
                       GError    **error)
{
  g_autoptr(GPtrArray) patrols = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = gd_store_prepare (store,
    "SELECT d.body FROM patrols p JOIN documents d ON d.seq = p.doc "
    "WHERE p.ended_at IS NULL AND (?1 IS NULL OR (p.grid >= ?1 AND p.grid < ?1 || ':')) "
    "ORDER BY p.started_at", error);
  if (stmt == NULL)
    return NULL;
  if (grid != NULL)
    sqlite3_bind_text (stmt, 1, grid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *doc = gd_json_parse_object ((const char *) sqlite3_column_text (stmt, 0), -1, NULL);
      if (doc != NULL)
        g_ptr_array_add (patrols, doc);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading patrols"));
      return NULL;
    }
  return g_steal_pointer (&patrols);
}

void
gd_patrol_coverage_free (GdPatrolCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->grid);
  g_free (coverage->grid_name);
  g_free (coverage->last_patrol);
  g_free (coverage);
}

static char *
day_string (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

GPtrArray *
gd_store_patrol_coverage (GdStore     *store,
                          const char  *parent,
                          const GDate *today,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_patrol_coverage_free);
  g_autoptr(GdStmt) stmt = NULL;
  g_autofree char *day = NULL;
  g_autofree char *day_start = NULL, *week_start = NULL, *month_start = NULL, *end = NULL;
  GDate date;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (today != NULL)
    date = *today;
  else
    {
      g_autoptr(GTimeZone) zone = gd_china_time ();
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  /* the day, its week from Monday and its month, as China-time instants in UTC */
  day = day_string (&date);
  day_start = gd_incident_day_start (day, 0);
  end = gd_incident_day_start (day, 1);
  week_start = gd_incident_day_start (day, -(int) (g_date_get_weekday (&date) - G_DATE_MONDAY));
  month_start = gd_incident_day_start (day, 1 - (int) g_date_get_day (&date));

  stmt = gd_store_prepare (store,
    "SELECT g.code, g.name, "
    "  EXISTS (SELECT 1 FROM patrols p WHERE p.grid = g.code AND p.kind = 'daily' "
    "          AND p.started_at >= ?2 AND p.started_at < ?5), "
    "  EXISTS (SELECT 1 FROM patrols p WHERE p.grid = g.code AND p.kind = 'weekly' "
    "          AND p.started_at >= ?3 AND p.started_at < ?5), "
    "  EXISTS (SELECT 1 FROM patrols p WHERE p.grid = g.code AND p.kind = 'monthly' "
    "          AND p.started_at >= ?4 AND p.started_at < ?5), "
    "  (SELECT max(p.started_at) FROM patrols p WHERE p.grid = g.code AND p.started_at < ?5) "
    "FROM grids g WHERE g.level = 'grid' "
    "  AND (?1 IS NULL OR (g.code >= ?1 AND g.code < ?1 || ':')) ORDER BY g.code", error);
  if (stmt == NULL)
    return NULL;
  if (parent != NULL)
    sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, week_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, month_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdPatrolCoverage *row = g_new0 (GdPatrolCoverage, 1);

      row->grid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->grid_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->today = sqlite3_column_int (stmt, 2) != 0;
      row->this_week = sqlite3_column_int (stmt, 3) != 0;
      row->this_month = sqlite3_column_int (stmt, 4) != 0;
      row->last_patrol = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading patrols"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
