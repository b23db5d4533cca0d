/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-test-run.h: running griddesk-ctl and the poppler tools from a test, as a Chinese-speaking
 * operator would (LANGUAGE=zh_CN), in a folder of the test's. */
#pragma once

#include <sys/wait.h>

#include <glib.h>

/* Runs `argv` (NULL-terminated, searched in PATH) in `dir`; the child's output goes to *out
 * and *err when given, never to the TAP stream. Returns the exit status. */
static inline int
gd_test_run (const char  *dir,
             const char **argv,
             char       **out,
             char       **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  int wait_status = 0;

  if (out == NULL)
    out = &ignored_out;
  if (err == NULL)
    err = &ignored_err;
  env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (!g_spawn_sync (dir, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err,
                     &wait_status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}
