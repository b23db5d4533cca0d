/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-import-errors.h: the file a refused import hands back: the sheet's header and rows as
 * read, with a column of reasons beside each refused row, for the user to fix in Excel and
 * import again (the reasons column is not mapped, so it is ignored then).
 *
 * Part of the export library (it writes workbooks through gd-xlsx). */
#pragma once

#include "gd-import.h"

G_BEGIN_DECLS

/* Writes to `path` (.xlsx or .csv; CSV in `encoding`), 0600, renamed into place whole. */
gboolean gd_import_write_errors (GdTable          *table,
                                 GdImportMapping  *mapping,
                                 GdImportReport   *report,
                                 const char       *path,
                                 GdCsvEncoding     encoding,
                                 GError          **error);

G_END_DECLS
