/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-stats"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-stats.h"
#include "gd-store-private.h"

static gint64
scalar (GdStore    *store,
        const char *sql,
        const char *a,
        const char *b,
        const char *c,
        GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, error);
  const char *values[] = { a, b, c };

  if (stmt == NULL)
    return -1;
  for (int i = 0; i < 3; i++)
    if (values[i] != NULL)
      sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("counting"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* {status: n} for rows whose `date_column` lies in [from, to] */
static JsonObject *
by_status (GdStore    *store,
           const char *sql,
           const char *from,
           const char *to,
           GError    **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  if (from != NULL)
    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_object_set_int_member (result, (const char *) sqlite3_column_text (stmt, 0),
                                sqlite3_column_int64 (stmt, 1));
  return g_steal_pointer (&result);
}

static gboolean
check_date (const char *name,
            const char *value,
            GError    **error)
{
  g_autofree char *why = NULL;

  if (value == NULL || gd_date_parse (value, NULL))
    return TRUE;
  /* the option name stays out of the translation: it is what the user typed */
  why = g_strdup_printf (_("%s is not a date (YYYY-MM-DD)"), value);
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "%s: %s", name, why);
  return FALSE;
}

JsonObject *
gd_store_stats (GdStore    *store,
                const char *from,
                const char *to,
                GDateTime  *now,
                GError    **error)
{
  g_autoptr(JsonObject) stats = json_object_new ();
  g_autoptr(JsonObject) counts = json_object_new ();
  g_autoptr(JsonObject) incidents = json_object_new ();
  g_autoptr(JsonObject) disputes = json_object_new ();
  g_autofree char *now_text = gd_timestamp_format (now);
  /* periods are China-time days (UTC+8), as everywhere: [first instant of `from`, first
   * instant of the day after `to`), compared as RFC 3339 UTC text */
  g_autofree char *lo = gd_incident_day_start (from, 0);
  g_autofree char *hi = gd_incident_day_start (to, 1);
  JsonObject *statuses;
  static const struct { const char *name; GdDocType type; } types[] = {
    { "households", GD_DOC_HOUSEHOLD }, { "incidents", GD_DOC_INCIDENT },
    { "disputes", GD_DOC_DISPUTE }, { "patrols", GD_DOC_PATROL },
    { "mediators", GD_DOC_MEDIATOR }, { "components", GD_DOC_COMPONENT },
    { "organisations", GD_DOC_ORGANISATION },
  };
  gint64 n;

  g_return_val_if_fail (store != NULL, NULL);
  if (!check_date ("--from", from, error) || !check_date ("--to", to, error))
    return NULL;

  json_object_set_string_member (stats, "scope", gd_store_get_scope (store));
  json_object_set_string_member (stats, "scope_name", gd_store_get_scope_name (store));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    json_object_set_int_member (counts, types[i].name, gd_store_count (store, types[i].type, NULL));
  json_object_set_int_member (counts, "persons", gd_store_count_persons (store, NULL));
  if ((n = scalar (store, "SELECT count(*) FROM grids WHERE level = ?1", "grid", NULL, NULL, error)) < 0)
    return NULL;
  json_object_set_int_member (counts, "grids", n);
  if ((n = scalar (store, "SELECT count(*) FROM grids WHERE level = ?1", "village", NULL, NULL, error)) < 0)
    return NULL;
  json_object_set_int_member (counts, "villages", n);
  json_object_set_object_member (stats, "counts", json_object_ref (counts));

  statuses = by_status (store,
    "SELECT status, count(*) FROM incidents WHERE (?1 IS NULL OR reported_at >= ?1) "
    "AND (?2 IS NULL OR reported_at < ?2) GROUP BY status ORDER BY status", lo, hi, error);
  if (statuses == NULL)
    return NULL;
  json_object_set_object_member (incidents, "by_status", statuses);
  if ((n = scalar (store, "SELECT count(*) FROM incidents WHERE (?1 IS NULL OR reported_at >= ?1) "
                   "AND (?2 IS NULL OR reported_at < ?2)", lo, hi, NULL, error)) < 0)
    return NULL;
  json_object_set_int_member (incidents, "reported", n);
  if ((n = scalar (store, "SELECT count(*) FROM incidents WHERE status != 'archived' "
                   "AND deadline < ?1", now_text, NULL, NULL, error)) < 0)
    return NULL;
  json_object_set_int_member (incidents, "overdue", n);
  json_object_set_object_member (stats, "incidents", json_object_ref (incidents));

  statuses = by_status (store,
    "SELECT status, count(*) FROM disputes WHERE (?1 IS NULL OR received_at >= ?1) "
    "AND (?2 IS NULL OR received_at < ?2) GROUP BY status ORDER BY status", lo, hi, error);
  if (statuses == NULL)
    return NULL;
  json_object_set_object_member (disputes, "by_status", statuses);
  if ((n = scalar (store, "SELECT count(*) FROM disputes WHERE (?1 IS NULL OR received_at >= ?1) "
                   "AND (?2 IS NULL OR received_at < ?2)", lo, hi, NULL, error)) < 0)
    return NULL;
  json_object_set_int_member (disputes, "received", n);
  json_object_set_object_member (stats, "disputes", json_object_ref (disputes));
  return g_steal_pointer (&stats);
}
