/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl export TYPE -o FILE.xlsx|FILE.csv */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-ctl-private.h"
#include "gd-export.h"

int
gd_ctl_export (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE -o FILE.xlsx|FILE.csv - export a list");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *output = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *by = NULL;
  g_autofree char *role_name = NULL;
  gboolean reveal = FALSE;
  GdExportOptions options = { 0 };
  GdExportKind kind;
  guint count = 0;
  const GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, "Only under this town, village or grid code", "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "Only incidents or disputes in this status", "S" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write (.xlsx or .csv)", "FILE" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name, "CSV encoding: utf-8 (with BOM) or gb18030", "ENC" },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, "Full ID and phone numbers (audit-logged)", NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Operator name for the audit log", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      "grid_worker, centre_operator (default), mediator or administrator", "ROLE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || output == NULL)
    return gd_ctl_usage ("export needs TYPE and -o FILE.xlsx|FILE.csv");
  if (!gd_csv_encoding_parse (encoding_name, &options.encoding, &error))
    return gd_ctl_fail (error);
  if (!gd_role_from_string (role_name ? role_name : g_getenv ("GRIDDESK_ROLE") ?: "centre_operator",
                            &options.role))
    return gd_ctl_usage ("--role must be grid_worker, centre_operator, mediator or administrator");
  if (!gd_export_kind_parse (argv[1], &kind, &error)
      || (store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  options.grid = grid;
  options.status = status;
  options.reveal = reveal;
  options.actor = gd_ctl_operator (by);
  if (!gd_export_write (store, kind, &options, output, &count, &error))
    return gd_ctl_fail (error);
  printf ("%u rows to %s%s\n", count, output, reveal ? " (unmasked)" : "");
  return 0;
}
