/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report: figures for the reports on the demo town (not a test: it prints, it does not
 * judge).
 *
 *   bench-report [--db FILE] [--rounds N] [--date YYYY-MM-DD]
 *
 * Without --db it generates the demo town (`griddesk-ctl demo --scale town`: about 50,000
 * incidents) into a temp dir. Prints the median time of computing the town's monthly report
 * (target ≤ 300 ms), and of writing it as a PDF and as a workbook (≤ 2 s each), with the
 * targets beside them, then the daily, weekly and quarterly reports for comparison. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "gd-bench.h"
#include "gd-dispute-flow.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-print-report.h"
#include "gd-report.h"

static char *opt_db = NULL;
static char *opt_date = NULL;
static int opt_rounds = 5;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The database (a town demo)", "FILE" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Repetitions per figure (default 5)", "N" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "A day of the period (default: the latest incident's)", "YYYY-MM-DD" },
  { NULL }
};

typedef struct {
  GdStore     *store;
  const char  *scope;
  GdReportKind kind;
  GDate        day;
  GdReport    *report;
  char        *path;
  gboolean     pdf;
} Run;

static void
build_figures (Run *run)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&run->report, gd_report_free);
  run->report = gd_report_build_figures (run->store, run->scope, run->kind, &run->day, NULL,
                                         &error);
  if (run->report == NULL)
    g_error ("%s", error->message);
}

static void
build (Run *run)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&run->report, gd_report_free);
  run->report = gd_report_build (run->store, run->scope, run->kind, &run->day, NULL, &error);
  if (run->report == NULL)
    g_error ("%s", error->message);
}

static void
write_document (Run *run)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = run->pdf
    ? gd_report_write_pdf (run->report, "bench", NULL, run->path, &error)
    : gd_report_write_xlsx (run->store, run->report, "bench", NULL, run->path, &error);

  if (!ok)
    g_error ("%s", error->message);
}

/* CPU time of this process (user + system): on a machine shared with other builds the wall
 * clock also counts the others' turns, the CPU time only ours */
static gint64
cpu_ns (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000
         + ((gint64) usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000;
}

typedef struct { double wall_ms, cpu_ms; } Took;

static Took
median (void (*func) (Run *), Run *run)
{
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 0; i < MAX (opt_rounds, 1); i++)
    {
      gint64 start = now_ns (), start_cpu = cpu_ns ();
      gint64 wall, cpu;

      func (run);
      wall = now_ns () - start;
      cpu = cpu_ns () - start_cpu;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }
  g_array_sort (walls, compare_gint64);
  g_array_sort (cpus, compare_gint64);
  return (Took) { g_array_index (walls, gint64, walls->len / 2) / 1e6,
                  g_array_index (cpus, gint64, cpus->len / 2) / 1e6 };
}

static void
print_took (const char *what, Took took, const char *target)
{
  printf ("%-34s %8.1f ms wall %8.1f ms cpu   %s\n", what, took.wall_ms, took.cpu_ms, target);
}

/* The China day of the latest incident: the demo's "today" (or --date). */
static void
latest_day (GdStore *store, GDate *day)
{
  g_autoptr(GError) error = NULL;
  GdIncidentFilter filter = { .sort = GD_INCIDENT_SORT_REPORTED, .descending = TRUE };
  g_autoptr(GPtrArray) rows = NULL;

  g_date_clear (day, 1);
  if (opt_date != NULL)
    {
      if (!gd_date_parse (opt_date, day))
        g_error ("--date %s is not a date", opt_date);
      return;
    }
  rows = gd_store_incident_page (store, &filter, 0, 1, &error);
  if (rows == NULL || rows->len == 0
      || !gd_china_date_of (((GdIncidentRow *) rows->pdata[0])->reported_at, day))
    g_error ("no incidents to report on");
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the reports");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = NULL;
  GdStore *store;
  Run run = { 0 };
  static const GdReportKind kinds[] = { GD_REPORT_DAILY, GD_REPORT_WEEKLY,
                                        GD_REPORT_QUARTERLY };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  store = bench_open_town (&opt_db, &dir, "bench-report");
  run.store = store;
  run.scope = gd_store_get_scope (store);
  latest_day (store, &run.day);
  out_dir = g_dir_make_tmp ("bench-report-out-XXXXXX", &error);
  if (out_dir == NULL)
    g_error ("%s", error->message);

  run.kind = GD_REPORT_MONTHLY;
  printf ("scope %s, %d-%02d-%02d, median of %d\n", run.scope, g_date_get_year (&run.day),
          g_date_get_month (&run.day), g_date_get_day (&run.day), opt_rounds);
  print_took ("monthly town figures computed", median (build_figures, &run), "");
  print_took ("monthly town report computed", median (build, &run), "(target <= 300 ms)");
  printf ("  %" G_GINT64_FORMAT " incidents reported, %u grids, %u analysis items\n",
          run.report->figures[GD_REPORT_NOW].incidents.reported, run.report->grids->len,
          run.report->items->len);
  run.pdf = TRUE;
  run.path = g_build_filename (out_dir, "monthly.pdf", NULL);
  print_took ("monthly PDF written", median (write_document, &run), "(target <= 2000 ms)");
  g_unlink (run.path);
  g_free (run.path);
  run.pdf = FALSE;
  run.path = g_build_filename (out_dir, "monthly.xlsx", NULL);
  print_took ("monthly workbook written", median (write_document, &run), "(target <= 2000 ms)");
  g_unlink (run.path);
  g_clear_pointer (&run.path, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      run.kind = kinds[i];
      g_autofree char *what = g_strdup_printf ("%s town report computed",
                                               gd_report_kind_to_string (kinds[i]));
      print_took (what, median (build, &run), "");
    }

  g_clear_pointer (&run.report, gd_report_free);
  g_rmdir (out_dir);
  gd_store_free (store);
  bench_remove_town (opt_db, dir);
  return 0;
}
