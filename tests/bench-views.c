/* bench-views.c: how long switching to each view takes, and a global-search keystroke,
 * on the town demo (issue 20).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-views [--rounds N] [--scale town|village]
 *
 * Starts its own Xvfb, makes the demo with griddesk-ctl (not timed) and opens GridDesk's
 * window in this process, as the application does (a session with an operator, the window
 * on the database). Then N rounds through every view: a switch is timed from
 * gd_window_set_view() to the end of the first frame painted after it. The first round
 * (views built and read on first show) is printed apart; the median of all rounds is
 * compared with the households view's (target: every view within 2x). Then keystrokes in the
 * global search: from setting the entry's text (one more character) to the end of the frame
 * painted after the search ran (target: median within 150 ms).
 */

#define G_LOG_DOMAIN "bench-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "bench-display.h"
#include "gd-operator.h"
#include "gd-search-popover.h"
#include "gd-session.h"
#include "gd-window.h"

#define FRAME_TIMEOUT_MS 20000

static const char * const views[] = {
  "households", "organisations", "incidents", "mediation", "map", "reports",
};

/* what is typed, one character at a time, the entry cleared between words */
static const char * const words[] = {
  "王秀英", "李建国", "张伟", "zsf", "幸福路", "1380",
};

/* the app's compiled-in resources (templates): referenced so the static link keeps them */
GResource *gd_get_resource (void);

static char   *database_path;
static int     rounds = 20;
static int     status = 0;

/* Waiting for a frame */

typedef struct
{
  gboolean painted;
  gboolean searched;
  gboolean timed_out;
} Waiting;

static void
on_after_paint (GdkFrameClock *clock,
                Waiting       *waiting)
{
  waiting->painted = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Waiting *waiting = user_data;

  waiting->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until `*flag` (may be NULL: only the frame) and then a frame painted;
 * the milliseconds since `start`, or -1 after FRAME_TIMEOUT_MS. */
static double
wait_for_frame (GtkWidget *window,
                Waiting   *waiting,
                gboolean  *flag,
                gint64     start)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  gulong handler;
  guint timeout;

  waiting->timed_out = FALSE;
  timeout = g_timeout_add (FRAME_TIMEOUT_MS, on_timeout, waiting);
  while (flag != NULL && !*flag && !waiting->timed_out)
    g_main_context_iteration (NULL, TRUE);

  waiting->painted = FALSE;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), waiting);
  gtk_widget_queue_draw (window);
  while (!waiting->painted && !waiting->timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  if (!waiting->timed_out)
    g_source_remove (timeout);

  return waiting->timed_out ? -1 : (g_get_monotonic_time () - start) / 1000.0;
}

static void
settle (GtkWidget *window,
        Waiting   *waiting,
        guint      ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  wait_for_frame (window, waiting, NULL, g_get_monotonic_time ());
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

/* Finds the first descendant of `widget` of `type` */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The views */

static void
bench_views (GdWindow *window,
             Waiting  *waiting)
{
  GArray *times[G_N_ELEMENTS (views)];
  double first[G_N_ELEMENTS (views)];
  gboolean present[G_N_ELEMENTS (views)];
  double households;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      times[v] = g_array_new (FALSE, FALSE, sizeof (double));
      first[v] = -1;
      gd_window_set_view (window, views[v]);
      present[v] = g_strcmp0 (gd_window_get_view (window), views[v]) == 0;
    }
  gd_window_set_view (window, "households");
  settle (GTK_WIDGET (window), waiting, 200);

  for (int r = 0; r < rounds; r++)
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      {
        gint64 start;
        double ms;

        if (!present[v])
          continue;
        /* from another view: the households come after the last view of the round */
        start = g_get_monotonic_time ();
        gd_window_set_view (window, views[v]);
        ms = wait_for_frame (GTK_WIDGET (window), waiting, NULL, start);
        if (ms < 0)
          ms = FRAME_TIMEOUT_MS;
        if (r == 0)
          first[v] = ms;
        g_array_append_val (times[v], ms);
        settle (GTK_WIDGET (window), waiting, 50);
      }

  households = median (times[0]);
  g_print ("%-16s %10s %10s %9s\n", "view", "first ms", "median ms", "vs hh");
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double m;

      if (!present[v])
        {
          g_print ("%-16s %10s\n", views[v], "(none)");
          continue;
        }
      m = median (times[v]);
      g_print ("%-16s %10.1f %10.1f %8.2fx%s\n", views[v], first[v], m, m / households,
               m <= 2 * households ? "" : "  MISSED (target <= 2x)");
      if (m > 2 * households)
        status = 1;
      g_array_unref (times[v]);
    }
}

/* The global search */

static void
on_search_changed (GtkSearchEntry *entry,
                   Waiting        *waiting)
{
  waiting->searched = TRUE;
}

static void
bench_search (GdWindow *window,
              Waiting  *waiting)
{
  GtkWidget *popover = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), GD_TYPE_WINDOW,
                                                                    "search_popover");
  GtkWidget *entry;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double m;

  gd_window_set_view (window, "households");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find-resident", NULL);
  settle (GTK_WIDGET (window), waiting, 300);
  entry = popover != NULL ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  if (entry == NULL)
    {
      g_print ("search: no search entry found\n");
      status = 1;
      return;
    }
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_search_changed), waiting);

  for (int r = 0; r < MAX (1, rounds / 5); r++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      {
        glong n = g_utf8_strlen (words[w], -1);

        for (glong i = 1; i <= n; i++)
          {
            g_autofree char *text = g_utf8_substring (words[w], 0, i);
            gint64 start = g_get_monotonic_time ();
            double ms;

            waiting->searched = FALSE;
            gtk_editable_set_text (GTK_EDITABLE (entry), text);
            ms = wait_for_frame (GTK_WIDGET (window), waiting, &waiting->searched, start);
            g_array_append_val (times, ms);
          }
        waiting->searched = FALSE;
        gtk_editable_set_text (GTK_EDITABLE (entry), "");
        wait_for_frame (GTK_WIDGET (window), waiting, &waiting->searched, g_get_monotonic_time ());
        settle (GTK_WIDGET (window), waiting, 50);
      }

  m = median (times);
  g_print ("%-16s %10s %10.1f %9s%s\n", "search key", "", m, "",
           m >= 0 && m <= 150 ? "" : "  MISSED (target <= 150 ms)");
  if (m < 0 || m > 150)
    status = 1;
}

static void
activate (GtkApplication *app)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  GdOperator op = { (char *) "基准测试", GD_ROLE_CENTRE_OPERATOR };
  Waiting waiting = { 0 };
  GdWindow *window;
  gint64 start = g_get_monotonic_time ();

  gd_session_set_operator (session, &op);
  window = gd_window_new (app, session, database_path, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (gd_session_get_store (session) == NULL)
    {
      if (g_get_monotonic_time () - start > 300 * G_USEC_PER_SEC)
        {
          g_printerr ("the store did not open within 5 minutes\n");
          status = 1;
          gtk_window_destroy (GTK_WINDOW (window));
          return;
        }
      g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
    }
  g_print ("window open with its store after %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  settle (GTK_WIDGET (window), &waiting, 1000);

  bench_views (window, &waiting);
  bench_search (window, &waiting);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *scale = g_strdup ("town");
  const GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds through the views (default 20)", "N" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, "Demo scale (town)", "SCALE" },
    { NULL }
  };

  context = g_option_context_new ("- switching views and searching in GridDesk");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--rounds must be at least 1");
      return 2;
    }

  tmp = g_dir_make_tmp ("bench-views-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }
  database_path = g_strdup_printf ("%s/%s.db", bench_demo_dir (tmp), scale);
  if (!bench_make_demo (GRIDDESK_CTL_PATH, database_path, scale))
    return 3;
  if ((xvfb = bench_start_xvfb (&display)) == NULL)
    return 3;

  g_setenv ("DISPLAY", display, TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_print ("GridDesk views on the %s demo under Xvfb (%s), %d rounds\n", scale, display, rounds);
  g_resources_register (gd_get_resource ());
  app = adw_application_new ("cn.griddesk.BenchViews", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  g_application_run (G_APPLICATION (app), 0, NULL);

  g_subprocess_force_exit (xvfb);
  {
    g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL,
                                                  "rm", "-rf", tmp, NULL);
    if (rm != NULL)
      g_subprocess_wait (rm, NULL, NULL);
  }
  return status;
}
