/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-table"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-table.h"

struct _GdTable {
  GArray *rows; /* GdTableRow */
};

static void
row_clear (gpointer data)
{
  GdTableRow *row = data;

  g_strfreev (row->cells);
}

GdTable *
gd_table_new (void)
{
  GdTable *table = g_new0 (GdTable, 1);

  table->rows = g_array_new (FALSE, FALSE, sizeof (GdTableRow));
  g_array_set_clear_func (table->rows, row_clear);
  return table;
}

void
gd_table_free (GdTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->rows);
  g_free (table);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
gd_table_append (GdTable    *table,
                 guint       number,
                 GPtrArray  *cells,
                 GError    **error)
{
  GdTableRow row = { number, 0, NULL };
  guint n = cells->len;

  g_return_val_if_fail (table != NULL && cells != NULL, FALSE);

  while (n > 0 && is_blank (g_ptr_array_index (cells, n - 1)))
    n--;
  if (n == 0)
    {
      g_ptr_array_set_size (cells, 0);
      return TRUE;
    }
  if (n > GD_TABLE_MAX_COLUMNS)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("row %u has %u columns, at most %u are read"), number, n, GD_TABLE_MAX_COLUMNS);
      return FALSE;
    }
  if (table->rows->len >= GD_TABLE_MAX_ROWS)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("the sheet has more than %u rows; split it into smaller files"),
                   GD_TABLE_MAX_ROWS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);

      if (cell != NULL && strlen (cell) > GD_TABLE_MAX_CELL_CHARS
          && g_utf8_strlen (cell, -1) > GD_TABLE_MAX_CELL_CHARS)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("row %u: a cell is longer than Excel allows"), number);
          return FALSE;
        }
    }
  row.n_cells = n;
  row.cells = g_new0 (char *, n + 1);
  for (guint i = 0; i < cells->len; i++)
    {
      char *cell = g_ptr_array_index (cells, i);

      if (i < n)
        row.cells[i] = cell != NULL ? cell : g_strdup ("");
      else
        g_free (cell);
      cells->pdata[i] = NULL;
    }
  g_ptr_array_set_size (cells, 0);
  g_array_append_val (table->rows, row);
  return TRUE;
}

guint
gd_table_get_n_rows (GdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

const GdTableRow *
gd_table_get_row (GdTable *table,
                  guint    index)
{
  g_return_val_if_fail (table != NULL && index < table->rows->len, NULL);
  return &g_array_index (table->rows, GdTableRow, index);
}

const char *
gd_table_row_get (const GdTableRow *row,
                  guint             column)
{
  g_return_val_if_fail (row != NULL, "");
  return column < row->n_cells ? row->cells[column] : "";
}
