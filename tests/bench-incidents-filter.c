/* bench-incidents-filter: how long does applying a filter to the incident board take on a
 * town (≈50,000 incidents)?
 *
 * "Show the board" is what the Incidents view does on a filter change: the per-status counts
 * of the column headers (which are also the columns' row counts), then for each of the
 * eight columns the first screenful of cards (SCREENFUL items read through
 * GdIncidentListModel, i.e. one page query each).
 * The list is one count plus its first screenful. Each scenario runs ROUNDS times after one
 * warm-up; the median and the maximum are printed. Target: ≤ 100 ms.
 *
 *   bench-incidents-filter [--db FILE]
 *
 * Without --db it generates the demo town into a temp dir first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "gd-bench.h"
#include "gd-incident-list-model.h"

#define SCREENFUL 12
#define ROUNDS 9

static void
read_screenful (GListModel *model)
{
  guint n = MIN (g_list_model_get_n_items (model), SCREENFUL);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
}

/* One board refresh: header counts, then every column's count and first screenful. */
static gint64
show_board (GdStore                *store,
            GdIncidentListModel   **columns,
            const GdIncidentFilter *filter,
            guint                  *n_cards)
{
  gint64 counts[GD_INCIDENT_N_STATUSES];
  gint64 start = now_ns ();

  gboolean counted = gd_store_count_incidents_by_status (store, filter, counts, NULL);

  *n_cards = 0;
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    {
      GdIncidentFilter column;

      gd_incident_filter_for_column (filter, gd_incident_board_order[i], &column);
      gd_incident_list_model_set_filter_counted (columns[i], &column, TRUE,
                                                 counted ? counts[gd_incident_board_order[i]] : -1);
      read_screenful (G_LIST_MODEL (columns[i]));
      *n_cards += g_list_model_get_n_items (G_LIST_MODEL (columns[i]));
    }
  return now_ns () - start;
}

static gint64
show_list (GdIncidentListModel    *list,
           const GdIncidentFilter *filter,
           guint                  *n_rows)
{
  gint64 start = now_ns ();

  gd_incident_list_model_set_filter (list, filter, TRUE);
  read_screenful (G_LIST_MODEL (list));
  *n_rows = g_list_model_get_n_items (G_LIST_MODEL (list));
  return now_ns () - start;
}

static void
scenario (GdStore                *store,
          GdIncidentListModel   **columns,
          GdIncidentListModel    *list,
          const char             *name,
          const GdIncidentFilter *filter)
{
  g_autoptr(GArray) board = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_cards = 0, n_rows = 0;

  show_board (store, columns, filter, &n_cards);
  show_list (list, filter, &n_rows);
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 t = show_board (store, columns, filter, &n_cards);
      g_array_append_val (board, t);
      t = show_list (list, filter, &n_rows);
      g_array_append_val (rows, t);
    }
  g_array_sort (board, compare_gint64);
  g_array_sort (rows, compare_gint64);
  g_print ("%-46s %6u matches  board: median %6.1f ms  max %6.1f ms   list: median %5.1f ms  max %5.1f ms\n",
           name, n_cards,
           g_array_index (board, gint64, ROUNDS / 2) / 1e6, g_array_index (board, gint64, ROUNDS - 1) / 1e6,
           g_array_index (rows, gint64, ROUNDS / 2) / 1e6, g_array_index (rows, gint64, ROUNDS - 1) / 1e6);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "An existing town database", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the incident board's filters");
  GdIncidentListModel *columns[GD_INCIDENT_N_STATUSES];
  g_autoptr(GdIncidentListModel) list = NULL;
  GdStore *store;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  store = bench_open_town (&db, &dir, "gd-bench-incidents");

  g_print ("%" G_GINT64_FORMAT " incidents; board = header counts + 8 columns × %u cards; "
           "list = count + %u rows; %u rounds\n",
           gd_store_count (store, GD_DOC_INCIDENT, NULL), SCREENFUL, SCREENFUL, ROUNDS);
  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    columns[i] = gd_incident_list_model_new (store);
  list = gd_incident_list_model_new (store);

  {
    /* the demo's fixed clock */
    const char *now = "2026-11-20T09:00:00Z";

    scenario (store, columns, list, "whole town", &(GdIncidentFilter) { .now = now });
    scenario (store, columns, list, "one village", &(GdIncidentFilter) { .grid = "320902101005", .now = now });
    scenario (store, columns, list, "one grid", &(GdIncidentFilter) { .grid = "320902101005003", .now = now });
    scenario (store, columns, list, "category class AQ (public safety)",
              &(GdIncidentFilter) { .category = "AQ", .now = now });
    scenario (store, columns, list, "overdue only", &(GdIncidentFilter) { .overdue = TRUE, .now = now });
    scenario (store, columns, list, "urgent, from the 12345 hotline",
              &(GdIncidentFilter) { .urgency = "urgent", .source = "hotline_12345", .now = now });
    scenario (store, columns, list, "reported in October 2026",
              &(GdIncidentFilter) { .from = "2026-10-01", .to = "2026-10-31", .now = now });
    scenario (store, columns, list, "title contains 垃圾", &(GdIncidentFilter) { .text = "垃圾", .now = now });
    scenario (store, columns, list, "village + class + overdue",
              &(GdIncidentFilter) { .grid = "320902101005", .category = "SR", .overdue = TRUE, .now = now });
  }

  for (guint i = 0; i < GD_INCIDENT_N_STATUSES; i++)
    g_object_unref (columns[i]);
  g_clear_object (&list);
  gd_store_free (store);
  bench_remove_town (db, dir);
  return 0;
}
