/* gd-xlsx-reader.h: reads one sheet of an Excel workbook (.xlsx, Office Open XML) into a
 * GdTable: shared and inline strings, numbers, dates stored as serial numbers (shown as
 * YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS when they carry a time), and merged cells (the value
 * fills the whole merged range, so a 户号 merged over a household's rows reaches every row).
 *
 * The workbook is read through libgsf's zip reader and libxml2's SAX parser, one chunk at a
 * time: the compressed file, the decompressed bytes (zip bombs) and the rows and columns
 * (GdTable's caps) are all bounded, and nothing but the sheet's cells is kept in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-table.h"

G_BEGIN_DECLS

#define GD_XLSX_MAX_FILE_BYTES      (64 * 1024 * 1024)
#define GD_XLSX_MAX_INFLATED_BYTES  (1024 * 1024 * 1024)

/* The sheet named `sheet`, or the first sheet when NULL. */
GdTable *gd_xlsx_read_file    (const char  *path,
                               const char  *sheet,
                               GError     **error);
/* As gd_xlsx_read_file, refusing a workbook that unpacks to more than `max_inflated` bytes
 * (the default is GD_XLSX_MAX_INFLATED_BYTES; tests use less). */
GdTable *gd_xlsx_read_file_bounded (const char  *path,
                                    const char  *sheet,
                                    guint64      max_inflated,
                                    GError     **error);
/* The sheet names in workbook order; free with g_strfreev. */
char   **gd_xlsx_list_sheets  (const char  *path,
                               GError     **error);

G_END_DECLS
