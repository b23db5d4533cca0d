/* bench-startup.c: how fast GridDesk paints its window and its rows, and how much memory it
 * holds, next to a bare AdwApplicationWindow measured in the same run.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-startup [--runs N] [--scales village,town]
 *
 * Starts its own Xvfb, makes the demo databases with griddesk-ctl (not timed), then launches
 * each program N times with GRIDDESK_STARTUP_TRACE set: the window prints the monotonic time
 * of its first painted frame and of its first frame with rows in the households list
 * (gd-startup-trace.c). The bare window is this program run with --bare: an
 * AdwApplicationWindow with a header bar and a label, traced the same way. Resident memory
 * (VmRSS, RssAnon) is read from /proc 10 s after the launch. Medians are printed with the
 * targets of issue 18: rows within 1.5x the bare first frame, memory within bare + 120 MB.
 */

#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <adwaita.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-display.h"
#include "gd-startup-trace.h"

#define MEMORY_AFTER_US   (10 * G_USEC_PER_SEC)
#define GIVE_UP_AFTER_US  (90 * G_USEC_PER_SEC)

typedef struct
{
  double first_ms;   /* < 0: never */
  double rows_ms;
  double rss_mb;
  double anon_mb;
} Figures;

/* The bare window */

static void
bare_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("GridDesk"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gd_startup_trace_watch (GTK_WINDOW (window), NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("cn.griddesk.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Launching and measuring */

static gboolean
read_memory (GPid    pid,
             double *rss_mb,
             double *anon_mb)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss_mb = g_ascii_strtod (lines[i] + 6, NULL) / 1024.0;
      else if (g_str_has_prefix (lines[i], "RssAnon:"))
        *anon_mb = g_ascii_strtod (lines[i] + 8, NULL) / 1024.0;
    }
  return TRUE;
}

static Figures
measure (const char * const *argv,
         const char * const *envp,
         const char         *log_path)
{
  Figures figures = { -1, -1, -1, -1 };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *pid_text;
  GPid pid;
  gint64 start, deadline;
  GPollFD poll_fd;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, (char **) envp);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    {
      g_printerr ("cannot launch %s: %s\n", argv[0], error->message);
      return figures;
    }
  pid_text = g_subprocess_get_identifier (process);
  pid = (GPid) atoi (pid_text);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  poll_fd.fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (process)));
  poll_fd.events = G_IO_IN | G_IO_HUP;
  deadline = start + MEMORY_AFTER_US;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      int timeout_ms;

      if (now >= deadline)
        {
          if (figures.rss_mb < 0 && !read_memory (pid, &figures.rss_mb, &figures.anon_mb))
            break;
          if (figures.rows_ms >= 0 || now >= start + GIVE_UP_AFTER_US)
            break;
          deadline = start + GIVE_UP_AFTER_US;
          continue;
        }
      timeout_ms = (int) ((deadline - now) / 1000) + 1;
      /* a line already read into the stream's buffer does not wake poll() again */
      poll_fd.revents = 0;
      if (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (out)) == 0
          && g_poll (&poll_fd, 1, timeout_ms) <= 0)
        continue;
      {
        g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
        gint64 at;

        if (line == NULL)
          {
            g_autofree char *log = NULL;

            /* the program ended before its time: say why */
            g_file_get_contents (log_path, &log, NULL, NULL);
            g_printerr ("%s ended early:\n%s\n", argv[0], log != NULL ? log : "");
            break;
          }
        if (g_str_has_prefix (line, "griddesk-startup: first-frame "))
          {
            at = g_ascii_strtoll (line + strlen ("griddesk-startup: first-frame "), NULL, 10);
            figures.first_ms = (at - start) / 1000.0;
          }
        else if (g_str_has_prefix (line, "griddesk-startup: ready "))
          {
            at = g_ascii_strtoll (line + strlen ("griddesk-startup: ready "), NULL, 10);
            figures.rows_ms = (at - start) / 1000.0;
          }
      }
    }

  g_subprocess_send_signal (process, SIGTERM);
  if (!g_subprocess_wait (process, NULL, NULL))
    g_subprocess_force_exit (process);
  return figures;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the runs' values; a run that never got there counts as infinitely slow. */
static double
median_of (const Figures *runs,
           guint          n,
           gsize          offset)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      double v = *(const double *) ((const char *) &runs[i] + offset);
      values[i] = v < 0 ? G_MAXDOUBLE : v;
    }
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

static Figures
median_figures (const Figures *runs,
                guint          n)
{
  Figures m;

  m.first_ms = median_of (runs, n, G_STRUCT_OFFSET (Figures, first_ms));
  m.rows_ms = median_of (runs, n, G_STRUCT_OFFSET (Figures, rows_ms));
  m.rss_mb = median_of (runs, n, G_STRUCT_OFFSET (Figures, rss_mb));
  m.anon_mb = median_of (runs, n, G_STRUCT_OFFSET (Figures, anon_mb));
  return m;
}

static char *
ms_text (double ms)
{
  return ms >= G_MAXDOUBLE ? g_strdup ("never") : g_strdup_printf ("%.0f", ms);
}

static void
print_row (const char    *what,
           const Figures *m,
           const Figures *bare)
{
  g_autofree char *first = ms_text (m->first_ms);
  g_autofree char *rows = ms_text (m->rows_ms);

  g_print ("%-22s %9s %9s %7.2fx %8.0f %8.0f %+8.0f\n",
           what, first, rows, m->rows_ms / bare->first_ms,
           m->rss_mb, m->anon_mb, m->rss_mb - bare->rss_mb);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *scales_text = g_strdup ("village,town");
  g_autofree char *self_path = NULL;
  g_autofree char *log_path = NULL;
  g_auto(GStrv) scales = NULL;
  g_auto(GStrv) envp = NULL;
  gboolean bare = FALSE;
  int runs = 3;
  gboolean ok = TRUE;
  g_autofree Figures *bare_runs = NULL;
  Figures bare_m;
  const GOptionEntry entries[] = {
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "Be the bare window (internal)", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Launches per program (default 3)", "N" },
    { "scales", 0, 0, G_OPTION_ARG_STRING, &scales_text, "Demo scales (village,town)", "LIST" },
    { NULL }
  };

  context = g_option_context_new ("- GridDesk's start-up against a bare window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--runs must be at least 1");
      return 2;
    }
  if (bare)
    return run_bare ();

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  tmp = g_dir_make_tmp ("bench-startup-XXXXXX", &error);
  if (tmp == NULL || self_path == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "cannot find myself");
      return 3;
    }
  envp = g_get_environ ();
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "GDK_BACKEND", "x11", TRUE);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
  envp = g_environ_setenv (envp, "ADW_DISABLE_PORTAL", "1", TRUE);
  envp = g_environ_setenv (envp, "GTK_USE_PORTAL", "0", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  envp = g_environ_setenv (envp, "GRIDDESK_LOCALEDIR", PO_BUILD_DIR, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "GRIDDESK_STARTUP_TRACE", "1", TRUE);
  {
    g_autofree char *data = g_build_filename (tmp, "data", NULL);
    g_autofree char *config = g_build_filename (tmp, "config", NULL);
    g_autofree char *cache = g_build_filename (tmp, "cache", NULL);

    envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
    envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
    envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  }

  scales = g_strsplit (scales_text, ",", -1);
  for (guint i = 0; scales[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.db", scales[i]);
      g_autofree char *path = g_build_filename (bench_demo_dir (tmp), name, NULL);

      if (!bench_make_demo (GRIDDESK_CTL_PATH, path, scales[i]))
        ok = FALSE;
    }

  if ((xvfb = bench_start_xvfb (&display)) == NULL)
    return 3;
  log_path = g_build_filename (tmp, "stderr.log", NULL);

  envp = g_environ_setenv (envp, "DISPLAY", display, TRUE);

  g_print ("GridDesk start-up under Xvfb (%s), median of %d launches, times from launch\n",
           display, runs);
  g_print ("%-22s %9s %9s %8s %8s %8s %8s\n", "", "frame ms", "rows ms", "rows/bf",
           "RSS MB", "anon MB", "vs bare");

  /* one launch not counted: Mesa compiles GTK's shaders into the fresh cache dir */
  {
    const char *bare_argv[] = { self_path, "--bare", NULL };

    measure (bare_argv, (const char * const *) envp, log_path);
  }
  bare_runs = g_new0 (Figures, runs);
  for (int r = 0; r < runs; r++)
    {
      const char *bare_argv[] = { self_path, "--bare", NULL };

      bare_runs[r] = measure (bare_argv, (const char * const *) envp, log_path);
    }
  bare_m = median_figures (bare_runs, runs);
  print_row ("bare AdwAppWindow", &bare_m, &bare_m);

  for (guint i = 0; ok && scales[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.db", scales[i]);
      g_autofree char *path = g_build_filename (bench_demo_dir (tmp), name, NULL);
      g_autofree char *label = g_strdup_printf ("griddesk %s", scales[i]);
      g_autofree Figures *app_runs = g_new0 (Figures, runs);
      const char *app_argv[] = { GRIDDESK_PATH, "--db", path, NULL };
      Figures m;

      for (int r = 0; r < runs; r++)
        app_runs[r] = measure (app_argv, (const char * const *) envp, log_path);
      m = median_figures (app_runs, runs);
      print_row (label, &m, &bare_m);
      g_print ("  target rows <= 1.5x bare first frame (%.0f ms): %s; "
               "RSS <= bare + 120 MB (%.0f MB): %s\n",
               1.5 * bare_m.first_ms, m.rows_ms <= 1.5 * bare_m.first_ms ? "met" : "MISSED",
               bare_m.rss_mb + 120, m.rss_mb <= bare_m.rss_mb + 120 ? "met" : "MISSED");
    }

  g_subprocess_force_exit (xvfb);
  {
    g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL,
                                                  "rm", "-rf", tmp, NULL);
    if (rm != NULL)
      g_subprocess_wait (rm, NULL, NULL);
  }
  return ok ? 0 : 1;
}
