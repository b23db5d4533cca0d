/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-mediation"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-store-private.h"

/* The case list, due list and measures read the derived `disputes` table joined to the
 * documents they come from; nothing here writes. */

void
gd_dispute_row_free (GdDisputeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->number);
  g_free (row->status);
  g_free (row->category);
  g_free (row->room);
  g_free (row->summary);
  g_free (row->parties);
  g_free (row->mediators);
  g_free (row->received_at);
  g_free (row->accepted_at);
  g_free (row);
}

static char *
names_of (JsonArray  *array,
          const char *lead_role)
{
  g_autoptr(GString) names = g_string_new (NULL);

  /* the lead (when asked for) first, then the others in order */
  for (int pass = lead_role != NULL ? 0 : 1; pass < 2; pass++)
    for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
      {
        JsonObject *item = json_array_get_object_element (array, i);
        const char *name = gd_json_get_string (item, "name");
        gboolean is_lead = lead_role != NULL
                           && g_strcmp0 (gd_json_get_string (item, "role"), lead_role) == 0;

        if (name == NULL || (pass == 0) != is_lead)
          continue;
        if (names->len > 0)
          g_string_append (names, "、");
        g_string_append (names, name);
      }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GdDisputeRow *
row_from_body (const char  *body,
               const GDate *today)
{
  g_autoptr(JsonObject) doc = gd_json_parse_object (body, -1, NULL);
  GdDisputeRow *row;

  if (doc == NULL)
    return NULL;
  row = g_new0 (GdDisputeRow, 1);
  row->id = g_strdup (gd_json_get_string (doc, "_id"));
  row->number = g_strdup (gd_json_get_string (doc, "number"));
  row->status = g_strdup (gd_json_get_string (doc, "status"));
  row->category = g_strdup (gd_json_get_string (doc, "category"));
  row->room = g_strdup (gd_json_get_string (doc, "room"));
  row->summary = g_strdup (gd_json_get_string (doc, "summary"));
  row->parties = names_of (gd_json_get_array (doc, "parties"), NULL);
  row->mediators = names_of (gd_json_get_array (doc, "mediators"), "lead");
  row->received_at = g_strdup (gd_json_get_string (doc, "received_at"));
  row->accepted_at = g_strdup (gd_json_get_string (doc, "accepted_at"));
  if (today != NULL)
    {
      g_autoptr(GArray) timers = gd_dispute_timers (doc, today);

      if (timers->len > 0)
        {
          row->has_timer = TRUE;
          row->timer = g_array_index (timers, GdDisputeTimer, 0);
        }
    }
  return row;
}

static char *
iso_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* One WHERE clause for the list and its count; ?1 … ?6 as bound by bind_query(). */
#define QUERY_WHERE \
  "WHERE (?1 IS NULL OR x.grid LIKE ?1 || '%') AND (?2 IS NULL OR x.status = ?2) " \
  "  AND (?3 IS NULL OR x.category = ?3) AND (?4 IS NULL OR x.room = ?4) " \
  "  AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each (d.body, '$.mediators') m " \
  "                             WHERE json_extract (m.value, '$.id') = ?5)) " \
  /* the one-month target, a shorter month clamped to its last day (as GLib does) */ \
  "  AND (?6 IS NULL OR (x.status IN ('accepted', 'mediating') " \
  "       AND min (date (x.accepted_at, '+8 hours', '+1 month'), " \
  "                date (x.accepted_at, '+8 hours', 'start of month', '+2 months', '-1 day')) " \
  "           < ?6)) "

static void
bind_query (sqlite3_stmt         *stmt,
            const GdDisputeQuery *query,
            const char           *today)
{
  const char *texts[] = { query->grid, query->status, query->category, query->room,
                          query->mediator, query->overdue ? today : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      sqlite3_bind_text (stmt, (int) i + 1, texts[i], -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (stmt, (int) i + 1);
}

GPtrArray *
gd_mediation_list (GdStore              *store,
                   const GdDisputeQuery *query,
                   GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_dispute_row_free);
  g_autofree char *today = query->today != NULL ? iso_date (query->today) : NULL;
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT d.body FROM disputes x JOIN documents d ON d.seq = x.doc " QUERY_WHERE
    "ORDER BY x.received_at DESC, x.doc DESC LIMIT ?7 OFFSET ?8", error);
  int rc;

  g_return_val_if_fail (query->today != NULL || !query->overdue, NULL);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, today);
  sqlite3_bind_int64 (stmt, 7, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 8, query->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdDisputeRow *row = row_from_body ((const char *) sqlite3_column_text (stmt, 0),
                                         query->today);
      if (row != NULL)
        g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("listing mediation cases"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
gd_mediation_count (GdStore              *store,
                    const GdDisputeQuery *query,
                    GError              **error)
{
  g_autofree char *today = query->today != NULL ? iso_date (query->today) : NULL;
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT count(*) FROM disputes x JOIN documents d ON d.seq = x.doc " QUERY_WHERE, error);

  if (stmt == NULL)
    return -1;
  bind_query (stmt, query, today);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("counting mediation cases"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const GdDisputeRow *ra = *(GdDisputeRow **) a, *rb = *(GdDisputeRow **) b;

  if (ra->timer.days_left != rb->timer.days_left)
    return ra->timer.days_left < rb->timer.days_left ? -1 : 1;
  return g_strcmp0 (ra->number, rb->number);
}

/* closed cases still run the confirmation window for a month after effect */
#define DUE_FROM \
  "FROM disputes x JOIN documents d ON d.seq = x.doc " \
  "WHERE (?1 IS NULL OR x.grid LIKE ?1 || '%') " \
  "  AND (x.status IN ('accepted', 'mediating', 'agreed') " \
  "       OR (x.status = 'closed' AND date (x.closed_at, '+8 hours') >= ?2))"

static GPtrArray *
due_rows (GdStore     *store,
          const char  *grid,
          const GDate *today,
          int          within_days,
          gboolean     agreed_only,
          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_dispute_row_free);
  GDate since = *today;
  g_autofree char *since_text = NULL;
  /* agreed cases alone are read as just what gd_dispute_timers() and the row's id and number
   * need: SQLite takes them out of the body faster than the whole body is parsed here */
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, agreed_only
    ? "SELECT json_object ('_id', json_extract (d.body, '$._id'), "
      "  'number', json_extract (d.body, '$.number'), "
      "  'status', json_extract (d.body, '$.status'), "
      "  'accepted_at', json_extract (d.body, '$.accepted_at'), "
      "  'agreement', json_extract (d.body, '$.agreement'), "
      "  'judicial_confirmation', json_extract (d.body, '$.judicial_confirmation'), "
      "  'follow_ups', json_extract (d.body, '$.follow_ups'), "
      "  'follow_up_plan', json_extract (d.body, '$.follow_up_plan')) " DUE_FROM " AND x.status = 'agreed'"
    : "SELECT d.body " DUE_FROM, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  g_date_subtract_days (&since, GD_DISPUTE_CONFIRMATION_DAYS + 1);
  since_text = iso_date (&since);
  if (grid != NULL)
    sqlite3_bind_text (stmt, 1, grid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, since_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GdDisputeRow *row = row_from_body ((const char *) sqlite3_column_text (stmt, 0), today);

      if (row != NULL && row->has_timer && row->timer.days_left <= within_days)
        g_ptr_array_add (rows, row);
      else
        gd_dispute_row_free (row);
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("listing due mediation cases"));
      return NULL;
    }
  g_ptr_array_sort (rows, compare_due);
  return g_steal_pointer (&rows);
}

GPtrArray *
gd_mediation_due (GdStore     *store,
                  const char  *grid,
                  const GDate *today,
                  int          within_days,
                  GError     **error)
{
  return due_rows (store, grid, today, within_days, FALSE, error);
}

GPtrArray *
gd_mediation_agreed_due (GdStore     *store,
                         const char  *grid,
                         const GDate *today,
                         int          within_days,
                         GError     **error)
{
  return due_rows (store, grid, today, within_days, TRUE, error);
}

/* ---- measures ---- */

#define MEASURE_FROM \
  "FROM disputes x JOIN documents d ON d.seq = x.doc " \
  "WHERE (?1 IS NULL OR x.grid LIKE ?1 || '%') " \
  "  AND (?2 IS NULL OR date (x.received_at, '+8 hours') >= ?2) " \
  "  AND (?3 IS NULL OR date (x.received_at, '+8 hours') <= ?3) "
/* What the index of received_at can serve, added when the bound is given: a timestamp's own
 * date (in whatever offset it was written) lies within a day of its China date, so these
 * keep every case the China dates above keep. */
#define MEASURE_AFTER "  AND x.received_at >= date (?2, '-2 days') "
#define MEASURE_BEFORE "  AND x.received_at < date (?3, '+2 days') "

static void
bind_range (sqlite3_stmt *stmt,
            const char   *grid,
            const char   *from,
            const char   *to)
{
  const char *texts[] = { grid, from, to };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      sqlite3_bind_text (stmt, (int) i + 1, texts[i], -1, SQLITE_TRANSIENT);
}

/* `select` over the cases of the range, then `tail`, prepared and bound; not one of the
 * store's cached statements (their text is a literal): finalize it */
static sqlite3_stmt *
measure_prepare (GdStore    *store,
                 const char *select,
                 const char *tail,
                 const char *grid,
                 const char *from,
                 const char *to,
                 GError    **error)
{
  g_autofree char *sql = g_strconcat (select, " " MEASURE_FROM, from ? MEASURE_AFTER : "",
                                      to ? MEASURE_BEFORE : "", tail, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (gd_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gd_store_set_sql_error (store, error, _("measuring mediation cases"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  bind_range (stmt, grid, from, to);
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* `select` gives (key, count); NULL keys count as "none". */
static JsonObject *
count_by (GdStore    *store,
          const char *select,
          const char *grid,
          const char *from,
          const char *to,
          GError    **error)
{
  g_autoptr(JsonObject) counts = json_object_new ();
  g_autoptr(sqlite3_stmt) stmt = measure_prepare (store, select, "GROUP BY 1 ORDER BY 1", grid,
                                                  from, to, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      json_object_set_int_member (counts, key != NULL ? key : "none",
                                  sqlite3_column_int64 (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("measuring mediation cases"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

gboolean
gd_mediation_outcomes (GdStore    *store,
                       const char *grid,
                       const char *from,
                       const char *to,
                       gint64     *cases,
                       gint64     *agreed,
                       gint64     *concluded,
                       GError    **error)
{
  /* success: an agreement was reached; concluded: an agreement or a failure */
  g_autoptr(sqlite3_stmt) stmt = measure_prepare (store,
    "SELECT count(*), "
    "  coalesce (sum (json_type (d.body, '$.agreement') = 'object'), 0), "
    "  coalesce (sum (json_type (d.body, '$.agreement') = 'object' "
    "                 OR json_type (d.body, '$.failure') = 'object' OR x.status = 'failed'), 0)",
    "", grid, from, to, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("measuring mediation cases"));
      return FALSE;
    }
  *cases = sqlite3_column_int64 (stmt, 0);
  *agreed = sqlite3_column_int64 (stmt, 1);
  *concluded = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

JsonObject *
gd_mediation_measures (GdStore    *store,
                       const char *grid,
                       const char *from,
                       const char *to,
                       GError    **error)
{
  static const struct { const char *member; const char *select; } groups[] = {
    { "by_category", "SELECT x.category, count(*)" },
    { "by_source", "SELECT x.source, count(*)" },
    { "by_room", "SELECT x.room, count(*)" },
    { "by_status", "SELECT x.status, count(*)" },
    /* each case counts for its lead mediator */
    { "by_mediator",
      "SELECT (SELECT json_extract (m.value, '$.name') FROM json_each (d.body, '$.mediators') m "
      "        WHERE json_extract (m.value, '$.role') = 'lead' LIMIT 1), count(*)" },
  };
  g_autoptr(JsonObject) measures = json_object_new ();
  gint64 cases, agreed, concluded;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      JsonObject *counts = count_by (store, groups[i].select, grid, from, to, error);

      if (counts == NULL)
        return NULL;
      json_object_set_object_member (measures, groups[i].member, counts);
    }

  if (!gd_mediation_outcomes (store, grid, from, to, &cases, &agreed, &concluded, error))
    return NULL;
  json_object_set_int_member (measures, "cases", cases);
  json_object_set_int_member (measures, "agreed", agreed);
  json_object_set_int_member (measures, "concluded", concluded);
  json_object_set_double_member (measures, "success_rate",
                                 concluded > 0 ? (double) agreed / (double) concluded : 0.0);
  return g_steal_pointer (&measures);
}
