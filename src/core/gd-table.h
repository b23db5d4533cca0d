/* gd-table.h: a sheet read from a spreadsheet or CSV file: rows of string cells, each row
 * keeping the number the spreadsheet shows for it (the first row is 1), so every problem can
 * be reported as "row 57, 公民身份号码: ...".
 *
 * Readers fill a table through gd_table_append(), which enforces the caps below: a file that
 * exceeds them is refused with a message instead of eating memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GD_TABLE_MAX_ROWS        250000   /* rows with content, header included */
#define GD_TABLE_MAX_COLUMNS     256
#define GD_TABLE_MAX_CELL_CHARS  32767       /* Excel's own limit */
#define GD_TABLE_MAX_CELL_BYTES  (GD_TABLE_MAX_CELL_CHARS * 4) /* what readers buffer at most */

typedef struct {
  guint   number;   /* as the spreadsheet shows it: 1 is the first row */
  guint   n_cells;
  char  **cells;    /* UTF-8, never NULL; trailing empty cells dropped */
} GdTableRow;

typedef struct _GdTable GdTable;

GdTable          *gd_table_new        (void);
void              gd_table_free       (GdTable *table);
/* Adds a row, taking the strings of `cells` (the array is emptied); a row whose cells are all
 * blank is dropped. FALSE with GD_ERROR_INVALID when a cap is exceeded. */
gboolean          gd_table_append     (GdTable    *table,
                                       guint       number,
                                       GPtrArray  *cells,
                                       GError    **error);
guint             gd_table_get_n_rows (GdTable *table);
const GdTableRow *gd_table_get_row    (GdTable *table, guint index);
/* The cell, or "" when the row is shorter. */
const char       *gd_table_row_get    (const GdTableRow *row, guint column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdTable, gd_table_free)

G_END_DECLS
