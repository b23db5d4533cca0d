/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gd-error.h"
#include "gd-import-private.h"
#include "gd-xlsx-reader.h"

GdTable *
gd_import_read_file (const char     *path,
                     const char     *sheet,
                     GdCsvEncoding   encoding,
                     GError        **error)
{
  char magic[4] = { 0 };
  FILE *file;
  gsize n;

  g_return_val_if_fail (path != NULL, NULL);
  if ((file = fopen (path, "rb")) == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("cannot open %s: %s"), path, g_strerror (errno));
      return NULL;
    }
  n = fread (magic, 1, sizeof magic, file);
  fclose (file);
  if (n == sizeof magic && memcmp (magic, "PK\x03\x04", 4) == 0)
    return gd_xlsx_read_file (path, sheet, error);
  if (n >= 4 && memcmp (magic, "\xd0\xcf\x11\xe0", 4) == 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("%s is an old Excel 97-2003 workbook (.xls); save it as .xlsx first"), path);
      return NULL;
    }
  if (sheet != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE, _("--sheet is for workbooks; %s is a CSV file"), path);
      return NULL;
    }
  return gd_csv_read_file (path, encoding, NULL, error);
}

static void
problem_free (gpointer data)
{
  GdImportProblem *problem = data;

  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

GdImportReport *
gd_import_report_new (void)
{
  GdImportReport *report = g_new0 (GdImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
gd_import_report_free (GdImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->notes);
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_free (report);
}

char *
gd_import_problem_to_string (const GdImportProblem *problem)
{
  /* Translators: "row 57, 公民身份号码: check digit should be 6" */
  return g_strdup_printf (_("row %u, %s: %s"), problem->row, problem->column, problem->message);
}

static gint
by_row (gconstpointer a,
        gconstpointer b)
{
  const GdImportProblem *pa = *(GdImportProblem * const *) a;
  const GdImportProblem *pb = *(GdImportProblem * const *) b;

  return pa->row < pb->row ? -1 : pa->row > pb->row;
}

gboolean
gd_import_run (GdStore               *store,
               GdTable               *table,
               GdImportMapping       *mapping,
               const GdImportOptions *options,
               GdImportReport        *report,
               GError               **error)
{
  g_autoptr(GHashTable) refused = g_hash_table_new (NULL, NULL);
  g_autofree char *detail = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL && table != NULL && mapping != NULL, FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  if (!gd_store_begin (store, error))
    return FALSE;
  report->batch = 0;
  if (gd_import_mapping_get_kind (mapping) == GD_IMPORT_INCIDENT)
    ok = gd_import_incidents (store, table, mapping, options, report, error);
  else if (gd_import_mapping_get_kind (mapping) == GD_IMPORT_ORGANISATION)
    ok = gd_import_organisations (store, table, mapping, options, report, error);
  else
    ok = gd_import_households (store, table, mapping, options, report, error);
  if (!ok)
    {
      gd_store_rollback (store);
      return FALSE;
    }

  g_ptr_array_sort (report->problems, by_row);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GdImportProblem *problem = g_ptr_array_index (report->problems, i);
      g_hash_table_add (refused, GUINT_TO_POINTER (problem->row));
    }
  report->refused_rows = g_hash_table_size (refused);

  if (report->problems->len > 0 || options->dry_run)
    {
      gd_store_rollback (store);
      if (report->problems->len > 0)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE, "nothing was imported: %u problem",
                                    "nothing was imported: %u problems", report->problems->len),
                       report->problems->len);
          return FALSE;
        }
      return TRUE;
    }
  detail = g_strdup_printf ("import %s from %s: %u rows, %u new and %u updated (%u unchanged), "
                            "%u new and %u updated persons",
                            gd_import_mapping_get_kind (mapping) == GD_IMPORT_INCIDENT ? "incidents"
                            : gd_import_mapping_get_kind (mapping) == GD_IMPORT_ORGANISATION ? "organisations"
                            : "households",
                            options->source != NULL ? options->source : "a sheet", report->rows,
                            report->new_households, report->updated_households,
                            report->unchanged_households, report->new_persons,
                            report->updated_persons);
  if (!gd_store_audit (store, options->actor, "import", NULL, detail, error)
      || !gd_import_record_batch (store, gd_import_mapping_get_kind (mapping), options, detail,
                                  report, error))
    {
      gd_store_rollback (store);
      return FALSE;
    }
  return gd_store_commit (store, error);
}
