/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl: the command-line face of the GridDesk core (see CLI.md). */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gd-ctl-private.h"

static const struct {
  const char      *name;
  GdCtlCommandFunc func;
  const char      *synopsis;
} commands[] = {
  { "init", gd_ctl_init, "--db FILE init --village CODE --name NAME" },
  { "demo", gd_ctl_demo, "--db FILE demo [--scale village|town] [--seed N]" },
  { "demo-basemap", gd_ctl_demo_basemap, "--db FILE demo-basemap [-o FILE.mbtiles] [--min-zoom N] [--max-zoom N]" },
  { "put", gd_ctl_put, "--db FILE put TYPE [FILE|-]" },
  { "get", gd_ctl_get, "--db FILE get TYPE ID" },
  { "list", gd_ctl_list, "--db FILE list TYPE [--grid CODE] [--status S] [--limit N] [--json]\n"
    "      organisation: [--kind KIND] [--premises CODE] [--risk LEVEL] [--overdue-on YYYY-MM-DD]" },
  { "delete", gd_ctl_delete, "--db FILE delete TYPE ID" },
  { "search", gd_ctl_search, "--db FILE search QUERY [--limit N] [--json] [--reveal]" },
  { "incident", gd_ctl_incident, "--db FILE incident transition ID --to STATUS [--note TEXT] [--by NAME] [--role ROLE]" },
  { "organisation", gd_ctl_organisation, "--db FILE organisation inspect ID [FILE|-] [--role ROLE] [--satisfaction S] [--by NAME]\n"
    "      organisation risk ID --level LEVEL --reason TEXT [--by NAME]" },
  { "incident", gd_ctl_incident, "--db FILE incident transition ID --to STATUS [--note TEXT] [--by NAME] [--role ROLE]\n"
                                 "  griddesk-ctl --db FILE incident register [FILE|-] [--deadline TIME --deadline-reason TEXT]\n"
                                 "  griddesk-ctl --db FILE incident feedback ID --satisfaction satisfied|basically|dissatisfied [--note TEXT]" },
  { "attach", gd_ctl_attach, "--db FILE attach TYPE ID FILE [--name NAME]" },
  { "patrol", gd_ctl_patrol, "--db FILE patrol start --grid CODE --kind daily|weekly|monthly [--patroller NAME]\n"
                             "  griddesk-ctl --db FILE patrol visit|finding|end PATROL_ID [HOUSEHOLD_ID|FILE|-] [--notes TEXT]" },
  { "stats", gd_ctl_stats, "--db FILE stats [--from DATE] [--to DATE] [--json]" },
  { "check", gd_ctl_check, "--db FILE check [--json]" },
  { "idcheck", gd_ctl_idcheck, "idcheck NUMBER... [--json]" },
  { "print", gd_ctl_print, "--db FILE print dispute ID --form application|registration|record|agreement|follow-up [--session N] -o FILE.pdf" },
  { "report", gd_ctl_report, "--db FILE report daily|weekly|monthly|quarterly --scope CODE --date YYYY-MM-DD -o FILE.pdf|FILE.xlsx [--by NAME]" },
  { "sync", gd_ctl_sync, "--db FILE sync --server URL [--database NAME] --user NAME [--password-env VAR]" },
  { "conflicts", gd_ctl_conflicts, "--db FILE conflicts [--json]" },
  { "resolve", gd_ctl_resolve, "--db FILE resolve ID --field PATH --take mine|theirs" },
  { "import", gd_ctl_import, "--db FILE import household|incident|organisation FILE [--sheet NAME] [--mapping FILE.json] [--encoding auto|utf-8|gb18030] [--grid CODE] [--dry-run] [--errors FILE.xlsx|FILE.csv] [--json] | import --list | import --undo ID" },
  { "export", gd_ctl_export, "--db FILE export household|person|incident|dispute|patrol [--grid CODE] [--status S] -o FILE.xlsx|FILE.csv [--encoding utf-8|gb18030] [--reveal]" },
  { "account", gd_ctl_account, "--db FILE account add NAME --role ROLE [--role ROLE] [--grid CODE]... [--display-name TEXT] [--password-env VAR] | edit NAME [--role ROLE]... [--grid CODE]... [--display-name TEXT] | list [--json] | disable NAME | enable NAME | passwd NAME [--password-env VAR]" },
  { "audit", gd_ctl_audit, "--db FILE audit [--actor NAME] [--action ACTION] [--record ID] [--from DATE] [--to DATE] [--limit N] [--json | -o FILE.csv]" },
  { "county", gd_ctl_county, "county provision --server URL --admin NAME --password-env VAR --village CODE" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  griddesk-ctl %s\n", commands[i].synopsis);
  fprintf (out, "\nGlobal options before the command: --db FILE; --as NAME [--password-env VAR] to act\n"
                "as that operator, with their data scope (the password is asked when no VAR).\n"
                "Without --as: the local system user, who sees everything only in a file of their own.\n");
  fprintf (out, "\nExit status: 0 ok, 1 bad input or validation, 2 usage, 3 I/O or database, "
                "4 network or server.\n");
}

int
gd_ctl_usage (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "griddesk-ctl: %s\nTry 'griddesk-ctl --help'.\n", message);
  return 2;
}

int
gd_ctl_fail (const GError *error)
{
  fprintf (stderr, "griddesk-ctl: %s\n", error->message);
  return gd_error_exit_status (error);
}

int
main (int argc, char *argv[])
{
  GdCtl ctl = { 0 };
  const char *localedir;
  int i = 1;

  setlocale (LC_ALL, "");
  /* The core's error messages are translated; JSON and list output never are. Uninstalled
   * runs and tests point GRIDDESK_LOCALEDIR at the build tree's po/ directory. */
  localedir = g_getenv ("GRIDDESK_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* global options come before the command */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        ctl.db_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--db="))
        ctl.db_path = argv[i] + strlen ("--db=");
      else if (g_str_equal (argv[i], "--as") && i + 1 < argc)
        ctl.as_name = argv[++i];
      else if (g_str_has_prefix (argv[i], "--as="))
        ctl.as_name = argv[i] + strlen ("--as=");
      else if (g_str_equal (argv[i], "--password-env") && i + 1 < argc)
        ctl.password_env = argv[++i];
      else if (g_str_has_prefix (argv[i], "--password-env="))
        ctl.password_env = argv[i] + strlen ("--password-env=");
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return 0;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("griddesk-ctl %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        return gd_ctl_usage ("unknown option %s", argv[i]);
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return 2;
    }
  if (ctl.password_env != NULL && ctl.as_name == NULL)
    return gd_ctl_usage ("--password-env before the command goes with --as NAME");

  ctl.command = argv[i];
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (commands[c].name, ctl.command))
      return commands[c].func (&ctl, argc - i, argv + i);
  return gd_ctl_usage ("unknown command '%s'", ctl.command);
}
