/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-codes.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-mediation.h"
#include "gd-report-private.h"

/* 研判 and 数据质量 · 关爱走访: the items of gd-report.h, each with the records behind it. */

#define HOT_SPOTS 5
#define REPEATS 3

const char *
gd_report_item_kind_title (GdReportItemKind kind)
{
  switch (kind)
    {
    case GD_REPORT_HOT_GRID:
      return _("Grids with rising incidents");
    case GD_REPORT_HOT_CATEGORY:
      return _("Categories with rising incidents");
    case GD_REPORT_REPEATED_ADDRESS:
      return _("Repeated incidents at an address");
    case GD_REPORT_REPEATED_HOUSEHOLD:
      return _("Repeated incidents of a household");
    case GD_REPORT_DISPUTE_PAST_WINDOW:
      return _("Disputes past their one-month window");
    case GD_REPORT_DISPUTE_FAILED:
      return _("Failed mediations");
    case GD_REPORT_DISPUTE_PARTY:
      return _("Parties in several disputes");
    case GD_REPORT_OVERDUE_UNIT:
      return _("Overdue incidents by unit");
    case GD_REPORT_FOLLOW_UP_DUE:
      return _("Follow-up visits due");
    case GD_REPORT_NO_COORDINATES:
      return _("Households without coordinates");
    case GD_REPORT_NO_ID_NUMBER:
      return _("Persons without an ID number");
    case GD_REPORT_BIRTH_MISMATCH:
      return _("Birth date disagrees with the ID number");
    case GD_REPORT_CARE_UNVISITED:
      return _("Care residents not visited in 30 days");
    case GD_REPORT_UNTOUCHED:
      return _("Households untouched for a year");
    case GD_REPORT_N_ITEM_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Runs `sql` (key, label, count, ids[, …]) and appends an item per row. */
static gboolean
add_rows (GdReport             *report,
          GdStore              *store,
          const GdReportBounds *b,
          GdReportItemKind      kind,
          const char           *sql,
          GError              **error)
{
  g_autoptr(GdStmt) stmt = gd_report_prepare (store, sql, b, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (report->items,
                     gd_report_item_new (kind, (const char *) sqlite3_column_text (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2),
                                         (const char *) sqlite3_column_text (stmt, 3)));
  return gd_report_done (store, rc, error);
}

typedef struct {
  const char *key;
  const char *label;
  gint64      count;
  gint64      previous;
} Rise;

static int
by_rise (gconstpointer a,
         gconstpointer b)
{
  const Rise *x = a;
  const Rise *y = b;
  gint64 dx = x->count - x->previous;
  gint64 dy = y->count - y->previous;

  if (dx != dy)
    return dx > dy ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

/* The rises worth an item (up, the most first, HOT_SPOTS at most), each with a GString for
 * its ids under its key in `ids`. */
static GArray *
top_rises (GArray     *rises,
           GHashTable *ids)
{
  GArray *top = g_array_new (FALSE, TRUE, sizeof (Rise));

  g_array_sort (rises, by_rise);
  for (guint i = 0; i < rises->len && i < HOT_SPOTS; i++)
    {
      Rise *r = &g_array_index (rises, Rise, i);

      if (r->count <= r->previous)
        break;
      g_array_append_val (top, *r);
      g_hash_table_insert (ids, (gpointer) r->key, g_string_new (NULL));
    }
  return top;
}

static void
free_list (gpointer list)
{
  g_string_free (list, TRUE);
}

static void
add_id (GHashTable *ids,
        const char *key,
        const char *id)
{
  GString *list = key != NULL ? g_hash_table_lookup (ids, key) : NULL;

  if (list == NULL)
    return;
  if (list->len > 0)
    g_string_append_c (list, ',');
  g_string_append (list, id);
}

static void
add_rises (GdReport        *report,
           GdReportItemKind kind,
           GArray          *top,
           GHashTable      *ids)
{
  for (guint i = 0; i < top->len; i++)
    {
      Rise *r = &g_array_index (top, Rise, i);
      GString *list = g_hash_table_lookup (ids, r->key);
      GdReportItem *item = gd_report_item_new (kind, r->key, r->label, r->count, list->str);

      item->previous = r->previous;
      g_ptr_array_add (report->items, item);
    }
}

static gboolean
hot_spots (GdReport             *report,
           GdStore              *store,
           const GdReportBounds *b,
           GError              **error)
{
  g_autoptr(GArray) grids = g_array_new (FALSE, TRUE, sizeof (Rise));
  g_autoptr(GArray) categories = g_array_new (FALSE, TRUE, sizeof (Rise));
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) grid_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          free_list);
  g_autoptr(GHashTable) category_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              free_list);
  g_autoptr(GArray) top_grids = NULL;
  g_autoptr(GArray) top_categories = NULL;
  g_autoptr(GdStmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < report->grids->len; i++)
    {
      GdReportGrid *g = g_ptr_array_index (report->grids, i);
      Rise r = { g->code, g->name, g->incidents.reported, g->previous };
      g_array_append_val (grids, r);
    }
  for (guint i = 0; i < report->previous_by_category->len; i++)
    {
      GdReportCount *c = g_ptr_array_index (report->previous_by_category, i);
      g_hash_table_insert (before, c->key, c);
    }
  for (guint i = 0; i < report->by_category->len; i++)
    {
      GdReportCount *c = g_ptr_array_index (report->by_category, i);
      GdReportCount *p = g_hash_table_lookup (before, c->key);
      Rise r = { c->key, gd_codes_get_name ("incident-categories", c->key), c->count,
                 p != NULL ? p->count : 0 };
      g_array_append_val (categories, r);
    }
  top_grids = top_rises (grids, grid_ids);
  top_categories = top_rises (categories, category_ids);
  if (top_grids->len + top_categories->len == 0)
    return TRUE;

  /* the ids behind them: one read of the period's incidents */
  stmt = gd_report_prepare (store,
    "SELECT i.grid, substr (i.category, 1, 2), i.doc_id FROM incidents i "
    "WHERE " GD_REPORT_IN_SCOPE ("i.grid") " AND i.reported_at >= ?2 AND i.reported_at < ?3",
    b, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 2);

      add_id (grid_ids, (const char *) sqlite3_column_text (stmt, 0), id);
      add_id (category_ids, (const char *) sqlite3_column_text (stmt, 1), id);
    }
  if (!gd_report_done (store, rc, error))
    return FALSE;
  add_rises (report, GD_REPORT_HOT_GRID, top_grids, grid_ids);
  add_rises (report, GD_REPORT_HOT_CATEGORY, top_categories, category_ids);
  return TRUE;
}

/* 90 days that end with the period */
#define IN_WINDOW(t, col) GD_REPORT_IN_SCOPE (t ".grid") " AND " t "." col " >= ?5 AND " \
                          t "." col " < ?3"
/* Repeated incidents: the window's addresses and household links, from the incidents' report
 * columns (gd-store-private.h). The addresses through their covering index, in address order
 * (no sort of the window); the household links of only those incidents that have some. */
static gboolean
repeats (GdReport             *report,
         GdStore              *store,
         const GdReportBounds *b,
         GError              **error)
{
  return add_rows (report, store, b, GD_REPORT_REPEATED_ADDRESS,
    "SELECT i.address, i.address, count(*), group_concat (i.doc_id) "
    "FROM incidents i INDEXED BY incidents_by_address "
    "WHERE i.address > '' AND " IN_WINDOW ("i", "reported_at") " GROUP BY i.address "
    "HAVING count(*) >= " G_STRINGIFY (REPEATS) " ORDER BY 3 DESC, 1", error)
    && add_rows (report, store, b, GD_REPORT_REPEATED_HOUSEHOLD,
    /* a household's address through the indexed _id */
    "SELECT h.value, coalesce ((SELECT nullif (x.address, '') FROM households x "
    "    WHERE x.doc = (SELECT seq FROM documents WHERE id = h.value)), h.value), "
    "  count(DISTINCT i.doc_id), group_concat (DISTINCT i.doc_id) "
    "FROM incidents i, json_each (i.households) h "
    "WHERE i.households IS NOT NULL AND " IN_WINDOW ("i", "reported_at")
    "  AND h.type = 'text' GROUP BY h.value "
    "HAVING count(DISTINCT i.doc_id) >= " G_STRINGIFY (REPEATS) " ORDER BY 3 DESC, 1", error);
}

static gboolean
repeats_and_units (GdReport             *report,
                   GdStore              *store,
                   const GdReportBounds *b,
                   GError              **error)
{
  return repeats (report, store, b, error)
    && add_rows (report, store, b, GD_REPORT_OVERDUE_UNIT,
    "SELECT unit, unit, count(*), group_concat (doc_id) FROM ("
    "  SELECT i.doc_id, coalesce (i.unit, '') AS unit FROM incidents i " GD_REPORT_OVERDUE
    ") GROUP BY unit ORDER BY 3 DESC, 1", error);
}

static gboolean
disputes_at_risk (GdReport             *report,
                  GdStore              *store,
                  const GdReportBounds *b,
                  GError              **error)
{
  GdDisputeQuery query = { .grid = b->scope, .overdue = TRUE, .today = &b->today };
  g_autoptr(GPtrArray) late = gd_mediation_list (store, &query, error);
  g_autoptr(GPtrArray) due = NULL;
  GDate last;
  int within;

  if (late == NULL)
    return FALSE;
  for (guint i = 0; i < late->len; i++)
    {
      GdDisputeRow *row = g_ptr_array_index (late, i);
      g_ptr_array_add (report->items,
                       gd_report_item_new (GD_REPORT_DISPUTE_PAST_WINDOW, row->id,
                                           row->number ? row->number : row->id, 1, row->id));
    }

  /* failed: concluded without an agreement, as gd_mediation_measures() counts it */
  if (!add_rows (report, store, b, GD_REPORT_DISPUTE_FAILED,
        "SELECT x.doc_id, coalesce (x.number, x.doc_id), 1, x.doc_id "
        "FROM disputes x JOIN documents d ON d.seq = x.doc WHERE " GD_REPORT_IN_SCOPE ("x.grid")
        "  AND x.received_at >= date (?8, '-2 days') AND x.received_at < date (?9, '+2 days') "
        "  AND date (x.received_at, '+8 hours') BETWEEN ?8 AND ?9 "
        "  AND (json_type (d.body, '$.failure') = 'object' OR x.status = 'failed') "
        "  AND json_type (d.body, '$.agreement') IS NOT 'object' ORDER BY x.received_at", error))
    return FALSE;

  /* the same party — by ID number, else by name — in two or more cases */
  {
    g_autoptr(GdStmt) stmt = gd_report_prepare (store,
      "SELECT who, max (name), max (id_number), count(DISTINCT doc_id), "
      "  group_concat (DISTINCT doc_id), max (kind) FROM ("
      "  SELECT x.doc_id, json_extract (p.value, '$.name') AS name, "
      "    json_extract (p.value, '$.kind') AS kind, "
      "    nullif (trim (json_extract (p.value, '$.id_number')), '') AS id_number, "
      "    coalesce (nullif (trim (json_extract (p.value, '$.id_number')), ''), "
      "              nullif (trim (json_extract (p.value, '$.name')), '')) AS who "
      "  FROM disputes x, json_each (x.parties) p "
      "  WHERE " IN_WINDOW ("x", "received_at") ") "
      "WHERE who IS NOT NULL GROUP BY who HAVING count(DISTINCT doc_id) >= 2 ORDER BY 4 DESC, 2",
      b, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        const char *id_number = (const char *) sqlite3_column_text (stmt, 2);
        const char *kind = (const char *) sqlite3_column_text (stmt, 5);
        /* reports are handed on: a person's name and ID number only masked, an
         * organisation's name as it is */
        g_autofree char *shown = g_strcmp0 (kind, "organisation") == 0 ? g_strdup (name)
                                                                        : gd_mask_name (name);
        g_autofree char *masked = id_number ? gd_mask_id_number (id_number) : NULL;
        g_autofree char *key = g_strdup_printf ("%s %s", shown ?: "", masked ?: "");

        g_ptr_array_add (report->items,
                         gd_report_item_new (GD_REPORT_DISPUTE_PARTY, g_strstrip (key), shown,
                                             sqlite3_column_int64 (stmt, 3),
                                             (const char *) sqlite3_column_text (stmt, 4)));
      }
    if (!gd_report_done (store, rc, error))
      return FALSE;
  }

  /* follow-up visits (回访) falling due by the period's last day: only agreed cases are
   * visited (gd_dispute_timers) */
  g_date_clear (&last, 1);
  if (!gd_date_parse (b->last_day, &last))
    return TRUE;
  within = MAX (0, g_date_days_between (&b->today, &last));
  due = gd_mediation_agreed_due (store, b->scope, &b->today, within, error);
  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      GdDisputeRow *row = g_ptr_array_index (due, i);
      if (row->has_timer && row->timer.kind == GD_DISPUTE_TIMER_FOLLOW_UP)
        g_ptr_array_add (report->items,
                         gd_report_item_new (GD_REPORT_FOLLOW_UP_DUE, row->id,
                                             row->number ? row->number : row->id, 1, row->id));
    }
  return TRUE;
}

/* The three checks of persons in one pass over them: without an ID number, a birth date
 * that disagrees with the 18-digit ID, a care tag and no patrol visit in 30 days. Ids are
 * the households the persons belong to. */
static gboolean
person_checks (GdReport             *report,
               GdStore              *store,
               const GdReportBounds *b,
               GError              **error)
{
  static const GdReportItemKind kinds[] = {
    GD_REPORT_NO_ID_NUMBER, GD_REPORT_BIRTH_MISMATCH, GD_REPORT_CARE_UNVISITED,
  };
  /* Each person's findings as bits of one flag, from the persons' report checks
   * (gd-store-private.h): only persons with one are read, through their partial index. The
   * visits (patrol_visits) are looked up only for care-tagged residents (LIMIT -1 keeps SQLite
   * from copying the expression into every use); the household's _id once per person. */
  g_autoptr(GdStmt) stmt = gd_report_prepare (store,
    "SELECT grid, "
    "  sum(f & 1), group_concat (DISTINCT CASE WHEN f & 1 THEN household END), "
    "  sum(f & 2 > 0), group_concat (DISTINCT CASE WHEN f & 2 THEN household END), "
    "  sum(f & 4 > 0), group_concat (DISTINCT CASE WHEN f & 4 THEN household END) "
    "FROM (SELECT c.grid, c.household, "
    "        (c.checks & 3) | ((c.checks & 4 AND NOT EXISTS ("
    "          SELECT 1 FROM patrol_visits v WHERE v.household = c.household "
    "            AND v.started_at >= ?6 AND v.started_at < ?4 AND "
    GD_REPORT_IN_SCOPE ("v.grid") ")) << 2) AS f "
    "      FROM (SELECT p.grid, p.checks, "
    "              (SELECT h.doc_id FROM households h WHERE h.doc = p.doc) AS household "
    "            FROM persons p WHERE " GD_REPORT_IN_SCOPE ("p.grid") " AND p.checks != 0 "
    "            LIMIT -1) c "
    "      LIMIT -1) "
    "GROUP BY grid ORDER BY grid", b, error);
  GPtrArray *found[G_N_ELEMENTS (kinds)] = { NULL };
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    found[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_report_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      if (sqlite3_column_int64 (stmt, 1 + 2 * k) > 0)
        g_ptr_array_add (found[k],
                         gd_report_item_new (kinds[k], (const char *) sqlite3_column_text (stmt, 0),
                                             NULL, sqlite3_column_int64 (stmt, 1 + 2 * k),
                                             (const char *) sqlite3_column_text (stmt, 2 + 2 * k)));
  /* kind by kind, as the other items */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_ptr_array_extend_and_steal (report->items, found[k]);
  return gd_report_done (store, rc, error);
}

static gboolean
data_quality (GdReport             *report,
              GdStore              *store,
              const GdReportBounds *b,
              GError              **error)
{
  static const struct { GdReportItemKind kind; const char *sql; } checks[] = {
    { GD_REPORT_NO_COORDINATES,
      "SELECT h.grid, NULL, count(*), group_concat (h.doc_id) FROM households h "
      "WHERE " GD_REPORT_IN_SCOPE ("h.grid")
      "  AND NOT EXISTS (SELECT 1 FROM map_points m WHERE m.doc = h.doc) "
      "GROUP BY h.grid ORDER BY h.grid" },
    { GD_REPORT_UNTOUCHED,
      /* through the index: updated_at lies past the body in a row */
      "SELECT h.grid, NULL, count(*), group_concat (h.doc_id) "
      "FROM documents d INDEXED BY documents_by_updated JOIN households h ON h.doc = d.seq "
      "WHERE d.type = 'household' AND d.updated_at < ?7 AND " GD_REPORT_IN_SCOPE ("h.grid")
      " GROUP BY h.grid ORDER BY h.grid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (!add_rows (report, store, b, checks[i].kind, checks[i].sql, error))
      return FALSE;
  return person_checks (report, store, b, error);
}

gboolean
gd_report_analyse (GdReport             *report,
                   GdStore              *store,
                   const GdReportBounds *b,
                   GError              **error)
{
  return hot_spots (report, store, b, error)
         && repeats_and_units (report, store, b, error)
         && disputes_at_risk (report, store, b, error)
         && data_quality (report, store, b, error);
}
