/* bench-import: 100,000 persons (30,000 households) from a workbook written by openpyxl into
 * an empty village store, validation and indexing included (target ≤ 30 s), then exported to
 * XLSX and CSV (target ≤ 10 s). Prints the figures.
 *
 *   bench-import [--persons N] [--households N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-import"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "gd-bench.h"
#include "gd-export.h"
#include "gd-import.h"
#include "gd-json.h"

#define VILLAGE "320902101001"
#define GRID    "320902101001001"

/* The machine is shared: CPU time beside wall time says how much was waiting. */
static gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
seconds_since (gint64 start)
{
  return (now_ns () - start) / 1e9;
}

static void
make_workbook (const char *path, int persons, int households)
{
  g_autofree char *n_persons = g_strdup_printf ("%d", persons);
  g_autofree char *n_households = g_strdup_printf ("%d", households);
  const char *argv[] = { "/usr/bin/python3", IMPORT_FIXTURES, "register", path, "--persons",
                         n_persons, "--households", n_households, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("make-fixtures.py: %s", error->message);
}

static GdStore *
empty_village (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) grid = json_object_new ();
  g_autofree char *id = NULL;
  GdStore *store = gd_store_open (path, &error);

  if (store == NULL || !gd_store_init_scope (store, VILLAGE, "新兴村", "bench", &error))
    g_error ("%s", error->message);
  json_object_set_string_member (grid, "type", "grid");
  json_object_set_string_member (grid, "code", GRID);
  json_object_set_string_member (grid, "name", "第一网格");
  json_object_set_string_member (grid, "level", "grid");
  json_object_set_string_member (grid, "kind", "comprehensive");
  json_object_set_string_member (grid, "parent", VILLAGE);
  if ((id = gd_store_put (store, grid, "bench", NULL, &error)) == NULL)
    g_error ("%s", error->message);
  return store;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdTable) table = NULL;
  g_autoptr(GdImportMapping) mapping = NULL;
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autofree char *dir = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *db = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *csv = NULL;
  GdImportOptions options = { FALSE, "bench", NULL };
  GdExportOptions export = { .actor = "bench" };
  int persons = 100000, households = 30000;
  double t_read, t_import, t_xlsx, t_csv;
  guint rows = 0;
  gint64 start, cpu;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--persons"))
        persons = atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--households"))
        households = atoi (argv[i + 1]);
    }
  if ((dir = g_dir_make_tmp ("bench-import-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  workbook = g_build_filename (dir, "register.xlsx", NULL);
  db = g_build_filename (dir, "village.sqlite", NULL);
  xlsx = g_build_filename (dir, "persons.xlsx", NULL);
  csv = g_build_filename (dir, "persons.csv", NULL);

  start = now_ns ();
  make_workbook (workbook, persons, households);
  printf ("fixture: %d persons in %d households written by openpyxl in %.1f s\n",
          persons, households, seconds_since (start));
  store = empty_village (db);

  start = now_ns ();
  cpu = cpu_ns ();
  table = gd_import_read_file (workbook, NULL, GD_CSV_ENCODING_AUTO, &error);
  if (table == NULL || (mapping = gd_import_mapping_guess (GD_IMPORT_HOUSEHOLD, table, &error)) == NULL)
    g_error ("%s", error->message);
  t_read = seconds_since (start);
  start = now_ns ();
  if (!gd_import_run (store, table, mapping, &options, report, &error))
    g_error ("%s (%u problems)", error->message, report->problems->len);
  t_import = seconds_since (start);
  printf ("import: read %.2f s + validate, write, index %.2f s = %.2f s, CPU %.2f s "
          "(%u households, %u persons; target ≤ 30 s)\n",
          t_read, t_import, t_read + t_import, (cpu_ns () - cpu) / 1e9,
          report->new_households, report->new_persons);

  start = now_ns ();
  cpu = cpu_ns ();
  if (!gd_export_write (store, GD_EXPORT_PERSONS, &export, xlsx, &rows, &error))
    g_error ("%s", error->message);
  t_xlsx = seconds_since (start);
  printf ("export: %u persons to XLSX %.2f s, CPU %.2f s\n", rows, t_xlsx, (cpu_ns () - cpu) / 1e9);
  start = now_ns ();
  cpu = cpu_ns ();
  if (!gd_export_write (store, GD_EXPORT_PERSONS, &export, csv, &rows, &error))
    g_error ("%s", error->message);
  t_csv = seconds_since (start);
  printf ("export: %u persons to CSV %.2f s, CPU %.2f s (target ≤ 10 s each)\n", rows, t_csv,
          (cpu_ns () - cpu) / 1e9);

  g_unlink (workbook);
  g_unlink (xlsx);
  g_unlink (csv);
  g_clear_pointer (&store, gd_store_free);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
