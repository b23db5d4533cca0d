/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl report daily|weekly|monthly|quarterly --scope CODE --date YYYY-MM-DD
 *   -o FILE.pdf|FILE.xlsx */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <glib/gstdio.h>

#include "gd-ctl-private.h"
#include "gd-json.h"
#include "gd-print-report.h"
#include "gd-report.h"

static int
write_report (GdCtl       *ctl,
              GdReportKind kind,
              const char  *scope,
              const GDate *day,
              const char  *date,
              const char  *output,
              gboolean     pdf,
              const char  *by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *detail = NULL;
  const char *operator = gd_ctl_operator (by);
  gboolean ok;

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (report = gd_report_build (store, scope, kind, day, now, &error)) == NULL)
    return gd_ctl_fail (error);
  ok = pdf ? gd_report_write_pdf (report, operator, now, output, &error)
           : gd_report_write_xlsx (store, report, operator, now, output, &error);
  if (!ok)
    return gd_ctl_fail (error);
  /* a report is an export: no record of it, no file */
  detail = g_strdup_printf ("griddesk-ctl report %s --scope %s --date %s -o %s",
                            gd_report_kind_to_string (kind), scope, date, output);
  if (!gd_store_audit (store, operator, "report", NULL, detail, &error))
    {
      g_unlink (output);
      return gd_ctl_fail (error);
    }
  return 0;
}

int
gd_ctl_report (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("daily|weekly|monthly|quarterly - write a report as PDF or Excel");
  g_autofree char *scope = NULL;
  g_autofree char *date = NULL;
  g_autofree char *output = NULL;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      "A town (9 digits), village (12) or grid (15) code", "CODE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      "A day of the period, China time", "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "The file to write: .pdf or .xlsx", "FILE" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Who prepared it (default: the operator)", "NAME" },
    { NULL }
  };
  GdReportKind kind;
  GDate day;
  gboolean pdf;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return gd_ctl_usage ("report needs one kind: daily, weekly, monthly or quarterly");
  if (!gd_report_kind_parse (argv[1], &kind))
    return gd_ctl_usage ("unknown report '%s' (daily, weekly, monthly or quarterly)", argv[1]);
  if (scope == NULL || date == NULL || output == NULL)
    return gd_ctl_usage ("report needs --scope CODE, --date YYYY-MM-DD and -o FILE");
  if (g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF"))
    pdf = TRUE;
  else if (g_str_has_suffix (output, ".xlsx") || g_str_has_suffix (output, ".XLSX"))
    pdf = FALSE;
  else
    return gd_ctl_usage ("-o must name a .pdf or an .xlsx file");
  g_date_clear (&day, 1);
  if (!gd_date_parse (date, &day))
    {
      g_autoptr(GError) error = g_error_new (GD_ERROR, GD_ERROR_INVALID,
                                             "--date: %s is not a date (YYYY-MM-DD)", date);
      return gd_ctl_fail (error);
    }
  return write_report (ctl, kind, scope, &day, date, output, pdf, by);
}
