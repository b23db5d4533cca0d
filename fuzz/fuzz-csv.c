/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any bytes as a CSV file (encoding detection, quoting, line ends). Nothing may
 * crash; every accepted cell is valid UTF-8 within the table's caps, and rows are numbered
 * upwards from 1 as a spreadsheet shows them. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include "gd-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GdTable) table = gd_csv_parse ((const char *) data, size, GD_CSV_ENCODING_AUTO,
                                           NULL, NULL);
  guint last = 0;

  if (table == NULL)
    return 0;
  g_assert_cmpuint (gd_table_get_n_rows (table), <=, GD_TABLE_MAX_ROWS);
  for (guint i = 0; i < gd_table_get_n_rows (table); i++)
    {
      const GdTableRow *row = gd_table_get_row (table, i);

      g_assert_cmpuint (row->number, >, last);
      last = row->number;
      g_assert_cmpuint (row->n_cells, <=, GD_TABLE_MAX_COLUMNS);
      for (guint c = 0; c < row->n_cells; c++)
        g_assert_true (g_utf8_validate (row->cells[c], -1, NULL));
    }
  return 0;
}
