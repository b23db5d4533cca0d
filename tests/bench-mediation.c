/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-mediation: figures for mediation casework on a demo database (not a test: it prints,
 * it does not judge).
 *
 *   bench-mediation --db FILE [--rounds N]
 *
 * The database is made first with `griddesk-ctl --db FILE demo --scale town`. Prints the time
 * of the case list's count and first and last 200-row pages (all cases, overdue, by mediator),
 * the due list, the year's measures, and laying out and writing each document as a PDF. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-print-dispute.h"

static char *opt_db = NULL;
static int opt_rounds = 20;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The database (a town demo)", "FILE" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Repetitions per figure (default 20)", "N" },
  { NULL }
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Median of `rounds` runs of `func`, in milliseconds. */
static double
median_ms (void (*func) (gpointer), gpointer data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < opt_rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      func (data);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

typedef struct {
  GdStore        *store;
  GdDisputeQuery  query;
  GDate           today;
  gint64          n;
  JsonObject     *dispute;
  GdDisputeForm   form;
  char           *path;
} Bench;

static void
run_count (gpointer data)
{
  Bench *b = data;
  b->n = gd_mediation_count (b->store, &b->query, NULL);
}

static void
run_page (gpointer data)
{
  Bench *b = data;
  g_autoptr(GPtrArray) rows = gd_mediation_list (b->store, &b->query, NULL);
  g_assert (rows != NULL);
}

static void
run_due (gpointer data)
{
  Bench *b = data;
  g_autoptr(GPtrArray) rows = gd_mediation_due (b->store, NULL, &b->today, 7, NULL);
  b->n = rows->len;
}

static void
run_measures (gpointer data)
{
  Bench *b = data;
  g_autoptr(JsonObject) measures = gd_mediation_measures (b->store, NULL, "2026-01-01", NULL, NULL);
  b->n = json_object_get_int_member (measures, "cases");
}

static void
run_pdf (gpointer data)
{
  Bench *b = data;
  g_autoptr(GdDisputePrint) print = gd_dispute_print_new (b->dispute, b->form, NULL, "新兴镇", NULL);
  g_autoptr(GError) error = NULL;

  if (print == NULL || !gd_dispute_print_write_pdf (print, b->path, &error))
    g_error ("cannot print: %s", error ? error->message : "no print");
}

static void
list_figures (Bench *b, const char *what)
{
  double count_ms, first_ms, last_ms;

  b->query.limit = 0;
  b->query.offset = 0;
  count_ms = median_ms (run_count, b);
  b->query.limit = 200;
  first_ms = median_ms (run_page, b);
  b->query.offset = b->n > 200 ? (guint) (b->n - 200) : 0;
  last_ms = median_ms (run_page, b);
  printf ("  %-28s %6" G_GINT64_FORMAT " cases   count %7.2f ms   first page %7.2f ms   last page %7.2f ms\n",
          what, b->n, count_ms, first_ms, last_ms);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- mediation figures");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) agreed = NULL;
  g_autofree char *dir = NULL;
  GdListQuery query = { .type = GD_DOC_DISPUTE, .status = "closed", .limit = 50 };
  Bench b = { 0 };
  double ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_db == NULL)
    {
      fprintf (stderr, "bench-mediation --db FILE (a demo database)\n");
      return 2;
    }
  if ((store = gd_store_open (opt_db, &error)) == NULL)
    g_error ("%s", error->message);
  b.store = store;
  g_date_clear (&b.today, 1);
  g_date_set_dmy (&b.today, 20, G_DATE_NOVEMBER, 2026);   /* the demo's clock */
  b.query.today = &b.today;

  printf ("mediation on %s, median of %d runs\n", opt_db, opt_rounds);
  list_figures (&b, "all cases");
  b.query.overdue = TRUE;
  list_figures (&b, "overdue");
  b.query.overdue = FALSE;
  b.query.category = "neighbour";
  list_figures (&b, "category neighbour");
  b.query.category = NULL;
  {
    GdListQuery mediators = { .type = GD_DOC_MEDIATOR, .limit = 1 };
    g_autoptr(GPtrArray) one = gd_store_list (store, &mediators, NULL);
    b.query.mediator = gd_json_get_string (one->pdata[0], "_id");
    list_figures (&b, "one mediator");
    b.query.mediator = NULL;
  }
  ms = median_ms (run_due, &b);
  printf ("  %-28s %6" G_GINT64_FORMAT " cases   %7.2f ms\n", "due within 7 days", b.n, ms);
  ms = median_ms (run_measures, &b);
  printf ("  %-28s %6" G_GINT64_FORMAT " cases   %7.2f ms\n", "measures since 2026-01-01", b.n, ms);

  /* a closed case with a written agreement, sessions and visits: every form has content */
  agreed = gd_store_list (store, &query, NULL);
  for (guint i = 0; i < agreed->len && b.dispute == NULL; i++)
    {
      JsonObject *agreement = gd_json_get_object (agreed->pdata[i], "agreement");
      if (g_strcmp0 (gd_json_get_string (agreement, "form"), "written") == 0
          && gd_json_get_array (agreed->pdata[i], "follow_ups") != NULL)
        b.dispute = agreed->pdata[i];
    }
  g_assert (b.dispute != NULL);
  dir = g_dir_make_tmp ("bench-mediation-XXXXXX", NULL);
  b.path = g_build_filename (dir, "form.pdf", NULL);
  for (guint form = 0; form < GD_DISPUTE_N_FORMS; form++)
    {
      GStatBuf st;

      b.form = (GdDisputeForm) form;
      ms = median_ms (run_pdf, &b);
      g_stat (b.path, &st);
      printf ("  PDF %-24s %7.2f ms   %7.1f KiB\n", gd_dispute_form_to_string (b.form), ms,
              st.st_size / 1024.0);
    }
  g_unlink (b.path);
  g_rmdir (dir);
  g_free (b.path);
  return 0;
}
