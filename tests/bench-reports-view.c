/* bench-reports-view: how long after a period change is the Reports view updated, on the demo
 * town (≈50,000 incidents, 5,000 disputes)? Next to it, in the same run, the report's
 * computation alone (gd_report_build_figures() on a connection of its own), the floor the
 * view cannot beat.
 *
 * The view is shown in a window; "Previous period" is clicked ROUNDS times, month by month
 * back from the demo's last month. Updated: the new figures, charts and ranking are in the
 * widgets (the view's "updated" signal) and the next frame is painted. Settled: the analysis
 * (hot spots, repeated incidents …) is shown too. Target: updated ≤ 500 ms.
 *
 *   xvfb-run tests/bench-reports-view [--db FILE]
 *
 * Without --db it generates the demo town into a temp dir first. Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-reports-view"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "gd-bench.h"
#include "gd-report.h"
#include "gd-reports-view.h"
#include "gd-resources.h"
#include "gd-session.h"

#define ROUNDS 6

typedef struct {
  double updated_ms;   /* the view's own measure: request to figures in the widgets */
  gint64 painted;      /* now_ns () of the first frame after */
  gboolean got;
} Wait;

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *icon_name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (icon_name == NULL || g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_updated (GdReportsView *view,
            double         ms,
            Wait          *wait)
{
  wait->updated_ms = ms;
  wait->got = TRUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Wait          *wait)
{
  if (wait->got && wait->painted == 0)
    wait->painted = now_ns ();
}

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = now_ns () + G_GINT64_CONSTANT (60000000000);

  while (!done (data))
    {
      if (now_ns () > deadline)
        g_error ("the view did not update within 60 s");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
painted (gpointer data)
{
  return ((Wait *) data)->painted != 0;
}

static gboolean
idle_spinner (gpointer data)
{
  return !gtk_spinner_get_spinning (GTK_SPINNER (data));
}

static double
median (GArray *samples)
{
  g_array_sort (samples, bench_compare_doubles);
  return bench_percentile (samples, 0.5);
}

static double
maximum (GArray *samples)
{
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, samples->len - 1);
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
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the Reports view");
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GdSession) session = NULL;
  GdStore *store;
  GdStore *reader;
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *previous;
  GtkWidget *spinner;
  GdkFrameClock *clock;
  Wait wait = { 0 };
  GDate day;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  gtk_init ();
  adw_init ();
  g_resources_register (gd_get_resource ());
  store = bench_open_town (&db, &dir, "gd-bench-reports-view");
  g_print ("%" G_GINT64_FORMAT " incidents, %" G_GINT64_FORMAT " disputes; scope %s; %u months back\n",
           gd_store_count (store, GD_DOC_INCIDENT, NULL), gd_store_count (store, GD_DOC_DISPUTE, NULL),
           gd_store_get_scope (store), ROUNDS);

  session = gd_session_new (NULL);
  gd_session_set_store (session, store);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  view = g_object_new (GD_TYPE_REPORTS_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gd_reports_view_set_session (GD_REPORTS_VIEW (view), session);
  g_signal_connect (view, "updated", G_CALLBACK (on_updated), &wait);
  previous = find_widget (view, GTK_TYPE_BUTTON, "go-previous-symbolic");
  spinner = find_widget (view, GTK_TYPE_SPINNER, NULL);
  g_assert (previous != NULL && spinner != NULL);

  /* shown: the first build (it opens the view's reader) */
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
  {
    gint64 start = now_ns ();

    spin_until (painted, &wait);
    spin_until (idle_spinner, spinner);
    g_print ("first shown: figures %.0f ms, settled %.0f ms (this month)\n", wait.updated_ms,
             (now_ns () - start) / 1e6);
  }

  g_date_clear (&day, 1);
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
    g_autoptr(GDateTime) now = g_date_time_new_now (tz);

    g_date_set_dmy (&day, 1, g_date_time_get_month (now), g_date_time_get_year (now));
  }
  reader = gd_store_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start;
      double ms;
      g_autoptr(GdReport) report = NULL;

      /* the view: one click back */
      memset (&wait, 0, sizeof wait);
      start = now_ns ();
      gtk_widget_activate (previous);
      spin_until (painted, &wait);
      ms = (wait.painted - start) / 1e6;
      g_array_append_val (shown, ms);
      g_array_append_val (updated, wait.updated_ms);
      spin_until (idle_spinner, spinner);
      ms = (now_ns () - start) / 1e6;
      g_array_append_val (settled, ms);

      /* the same month's figures alone, on a connection of their own */
      g_date_subtract_months (&day, 1);
      start = now_ns ();
      report = gd_report_build_figures (reader, gd_store_get_scope (store), GD_REPORT_MONTHLY,
                                        &day, NULL, &error);
      g_assert_no_error (error);
      ms = (now_ns () - start) / 1e6;
      g_array_append_val (alone, ms);
      g_print ("  %04d-%02d: %" G_GINT64_FORMAT " reported; figures alone %.0f ms, view updated %.0f ms "
               "(in the widgets %.0f ms), analysis shown %.0f ms\n",
               g_date_get_year (&day), g_date_get_month (&day),
               report->figures[GD_REPORT_NOW].incidents.reported,
               g_array_index (alone, double, i), g_array_index (shown, double, i),
               g_array_index (updated, double, i), g_array_index (settled, double, i));
    }
  g_print ("figures alone (the floor): median %.0f ms, max %.0f ms\n", median (alone), maximum (alone));
  g_print ("view updated after a period change (painted): median %.0f ms, max %.0f ms (target ≤ 500 ms)\n",
           median (shown), maximum (shown));
  g_print ("analysis shown too: median %.0f ms, max %.0f ms\n", median (settled), maximum (settled));

  gtk_window_destroy (GTK_WINDOW (window));
  gd_session_set_store (session, NULL);
  gd_store_unref (reader);
  gd_store_unref (store);
  bench_remove_town (db, dir);
  return 0;
}
