/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-import-preview.h: the first rows of a sheet as the import assistant shows them, each cell
 * with a problem of the dry run marked (red, its reason as tooltip and accessible
 * description), each refused row's number too. */
#pragma once

#include <gtk/gtk.h>

#include "gd-import.h"

G_BEGIN_DECLS

#define GD_IMPORT_PREVIEW_ROWS 20

/* Empties `grid` and fills it: a header line (the column's header and the field it goes
 * into), then up to GD_IMPORT_PREVIEW_ROWS data rows. `report` (NULL before a dry run)
 * marks the problems. */
void gd_import_preview_fill (GtkGrid         *grid,
                             GdTable         *table,
                             GdImportMapping *mapping,
                             GdImportReport  *report);

G_END_DECLS
