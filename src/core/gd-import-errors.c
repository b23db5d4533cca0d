/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-import-errors.h"
#include "gd-xlsx.h"

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* row number -> "公民身份号码: check digit should be 6；民族: ..." */
static GHashTable *
reasons_by_row (GdImportReport *report)
{
  GHashTable *reasons = g_hash_table_new_full (NULL, NULL, NULL, free_string);

  for (guint i = 0; i < report->problems->len; i++)
    {
      GdImportProblem *problem = g_ptr_array_index (report->problems, i);
      GString *text = g_hash_table_lookup (reasons, GUINT_TO_POINTER (problem->row));

      if (text == NULL)
        g_hash_table_insert (reasons, GUINT_TO_POINTER (problem->row), text = g_string_new (NULL));
      else
        g_string_append (text, "；");
      g_string_append_printf (text, "%s: %s", problem->column, problem->message);
    }
  return reasons;
}

/* The cells of a row, padded to `width`, then the reasons (or nothing). */
static GPtrArray *
row_cells (const GdTableRow *row,
           guint             width,
           const char       *reasons)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (guint c = 0; c < width; c++)
    g_ptr_array_add (cells, (gpointer) gd_table_row_get (row, c));
  g_ptr_array_add (cells, (gpointer) reasons);
  return cells;
}

gboolean
gd_import_write_errors (GdTable          *table,
                        GdImportMapping  *mapping,
                        GdImportReport   *report,
                        const char       *path,
                        GdCsvEncoding     encoding,
                        GError          **error)
{
  g_autoptr(GHashTable) reasons = reasons_by_row (report);
  g_autofree char *lower = g_utf8_strdown (path, -1);
  guint first = gd_import_mapping_header_index (mapping);
  const GdTableRow *header = gd_table_get_row (table, first);
  guint width = 0;
  /* Translators: the header of the column that says why a row was refused */
  const char *reasons_header = _("Problems");

  for (guint r = first; r < gd_table_get_n_rows (table); r++)
    width = MAX (width, gd_table_get_row (table, r)->n_cells);

  if (g_str_has_suffix (lower, ".xlsx"))
    {
      g_autoptr(GdXlsx) book = gd_xlsx_new (path, error);
      g_autoptr(GPtrArray) headers = NULL;
      GdXlsxSheet *sheet;

      if (book == NULL)
        return FALSE;
      headers = row_cells (header, width, reasons_header);
      g_ptr_array_add (headers, NULL);
      if ((sheet = gd_xlsx_add_sheet (book, _("Problems"), (const char * const *) headers->pdata, error)) == NULL)
        return FALSE;
      for (guint r = first + 1; r < gd_table_get_n_rows (table); r++)
        {
          const GdTableRow *row = gd_table_get_row (table, r);
          GString *why = g_hash_table_lookup (reasons, GUINT_TO_POINTER (row->number));

          gd_xlsx_row (sheet);
          for (guint c = 0; c < width; c++)
            gd_xlsx_text (sheet, c < row->n_cells && *row->cells[c] != '\0' ? row->cells[c] : NULL);
          gd_xlsx_text (sheet, why != NULL ? why->str : NULL);
        }
      return gd_xlsx_close (g_steal_pointer (&book), error);
    }
  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autoptr(GdCsvFile) file = gd_csv_file_begin (path, encoding, error);
      g_autoptr(GPtrArray) cells = NULL;

      if (file == NULL)
        return FALSE;
      cells = row_cells (header, width, reasons_header);
      if (!gd_csv_file_row (file, (const char * const *) cells->pdata, cells->len, error))
        return FALSE;
      for (guint r = first + 1; r < gd_table_get_n_rows (table); r++)
        {
          const GdTableRow *row = gd_table_get_row (table, r);
          GString *why = g_hash_table_lookup (reasons, GUINT_TO_POINTER (row->number));

          g_clear_pointer (&cells, g_ptr_array_unref);
          cells = row_cells (row, width, why != NULL ? why->str : NULL);
          if (!gd_csv_file_row (file, (const char * const *) cells->pdata, cells->len, error))
            return FALSE;
        }
      return gd_csv_file_commit (g_steal_pointer (&file), error);
    }
  g_set_error (error, GD_ERROR, GD_ERROR_USAGE, _("%s: the file name must end in .xlsx or .csv"), path);
  return FALSE;
}
