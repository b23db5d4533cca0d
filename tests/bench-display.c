/* bench-display.c: what the app benchmarks share: a private Xvfb and the demo databases.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-display"

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "bench-display.h"

/* Xvfb on a free display (as xvfb-run -a picks one), killed at the end */

GSubprocess *
bench_start_xvfb (char **display)
{
  for (int n = 100 + getpid () % 300, tries = 0; tries < 20; n++, tries++)
    {
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%d-lock", n);
      g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%d", n);
      g_autofree char *name = g_strdup_printf (":%d", n);
      g_autoptr(GSubprocess) xvfb = NULL;

      if (g_file_test (lock, G_FILE_TEST_EXISTS) || g_file_test (socket, G_FILE_TEST_EXISTS))
        continue;
      xvfb = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL, "Xvfb", name,
                               "-screen", "0", "1280x800x24", "-nolisten", "tcp", NULL);
      if (xvfb == NULL)
        {
          g_printerr ("cannot start Xvfb\n");
          return NULL;
        }
      /* ready when its socket is there; gone when another server took the number first */
      for (int i = 0; i < 100 && !g_file_test (socket, G_FILE_TEST_EXISTS); i++)
        g_usleep (50000);
      g_usleep (200000);
      if (g_file_test (socket, G_FILE_TEST_EXISTS) && g_subprocess_get_identifier (xvfb) != NULL)
        {
          *display = g_steal_pointer (&name);
          return g_steal_pointer (&xvfb);
        }
      g_subprocess_force_exit (xvfb);
    }
  g_printerr ("no free display for Xvfb\n");
  return NULL;
}

gboolean
bench_make_demo (const char *ctl,
                 const char *path,
                 const char *scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, ctl,
                              "--db", path, "demo", "--scale", scale, NULL);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    {
      g_printerr ("cannot make the %s demo: %s\n", scale, error->message);
      return FALSE;
    }
  return TRUE;
}


const char *
bench_demo_dir (const char *tmp)
{
  const char *dir = g_getenv ("GRIDDESK_BENCH_DEMOS");

  if (dir == NULL || *dir == '\0')
    return tmp;
  g_mkdir_with_parents (dir, 0700);
  return dir;
}
