/* main.c: entry point of the GridDesk desktop application.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-main"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdApplication) app = NULL;
  const char *localedir;

  /* Uninstalled runs and tests point this at the build tree's po/ directory. */
  localedir = g_getenv ("GRIDDESK_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
