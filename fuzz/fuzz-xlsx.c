/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any file opened as an .xlsx workbook (zip through libgsf, XML by SAX): its sheet
 * list and first sheet. Nothing may crash, hang or inflate past the cap; accepted cells are
 * valid UTF-8. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "gd-xlsx-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr(GdTable) table = NULL;
  g_auto(GStrv) sheets = NULL;
  int fd = g_file_open_tmp ("gd-fuzz-XXXXXX.xlsx", &path, NULL);

  if (fd < 0)
    return 0;
  if (write (fd, data, size) != (ssize_t) size)
    {
      close (fd);
      g_unlink (path);
      return 0;
    }
  close (fd);
  sheets = gd_xlsx_list_sheets (path, NULL);
  /* 64 MiB inflated at most here: the fuzzer's memory limit, not the product's cap */
  table = gd_xlsx_read_file_bounded (path, NULL, 64 * 1024 * 1024, NULL);
  for (guint i = 0; table != NULL && i < gd_table_get_n_rows (table); i++)
    {
      const GdTableRow *row = gd_table_get_row (table, i);
      for (guint c = 0; c < row->n_cells; c++)
        g_assert_true (g_utf8_validate (row->cells[c], -1, NULL));
    }
  g_unlink (path);
  return 0;
}
