/* gd-xlsx.h: a thin layer over libxlsxwriter for the workbooks GridDesk writes (reports, list
 * exports). A workbook is written to a private (0600) temporary file beside its target and
 * renamed into place only by gd_xlsx_close(); gd_xlsx_abort() leaves no file.
 *
 * Each sheet has a bold header row that stays in view (frozen); rows are appended one at a
 * time, cells left to right, and columns get widths that fit their longest text, East Asian
 * wide characters counting as two. Rows are written through to disk as they are appended
 * (constant memory), so a sheet of 50,000 rows costs no more memory than one of ten.
 *
 *   g_autoptr(GdXlsx) book = gd_xlsx_new ("out.xlsx", &error);
 *   GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, "事件", headers, &error);
 *   gd_xlsx_row (sheet);
 *   gd_xlsx_text (sheet, "张三");  gd_xlsx_int (sheet, 3);  gd_xlsx_percent (sheet, 0.9963);
 *   if (!gd_xlsx_close (g_steal_pointer (&book), &error)) ...   (g_autoptr aborts otherwise)
 *
 * GTK-free; GLib and libxlsxwriter only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GdXlsx GdXlsx;
typedef struct _GdXlsxSheet GdXlsxSheet;

/* Starts a workbook that will be written to path (not yet there). */
GdXlsx      *gd_xlsx_new       (const char         *path,
                                GError            **error);
/* Adds a sheet named name (at most 31 characters; characters Excel refuses in a sheet name are
 * replaced by "_") with a bold frozen header row of headers (NULL-terminated). The sheet
 * belongs to the workbook. Returns NULL and sets error if the name is taken. */
GdXlsxSheet *gd_xlsx_add_sheet (GdXlsx             *book,
                                const char         *name,
                                const char * const *headers,
                                GError            **error);
/* Starts the next row below the header (the first call starts the first data row). */
void         gd_xlsx_row       (GdXlsxSheet        *sheet);
/* Cells of the current row, left to right. NULL text leaves the cell empty. */
void         gd_xlsx_text      (GdXlsxSheet        *sheet,
                                const char         *text);
void         gd_xlsx_int       (GdXlsxSheet        *sheet,
                                gint64              value);
/* A number shown with `decimals` places (0–6). */
void         gd_xlsx_number    (GdXlsxSheet        *sheet,
                                double              value,
                                int                 decimals);
/* A fraction (0.9963) stored as a number and shown as a percent with two places (99.63%). */
void         gd_xlsx_percent   (GdXlsxSheet        *sheet,
                                double              fraction);
/* A calendar date shown as 2026-11-01; an invalid date leaves the cell empty. */
void         gd_xlsx_date      (GdXlsxSheet        *sheet,
                                int                 year,
                                int                 month,
                                int                 day);
/* A date and time shown as 2026-11-01 07:00, in the time zone of `when` (convert first). */
void         gd_xlsx_datetime  (GdXlsxSheet        *sheet,
                                GDateTime          *when);
/* Leaves the current cell empty and moves right. */
void         gd_xlsx_skip      (GdXlsxSheet        *sheet);
/* Rows appended so far below the header. */
guint        gd_xlsx_rows      (GdXlsxSheet        *sheet);

/* Sets the widths, writes the workbook and renames it into place; frees book either way. */
gboolean     gd_xlsx_close     (GdXlsx             *book,
                                GError            **error);
/* Discards the workbook: no file is left; frees book. NULL is ignored. */
void         gd_xlsx_abort     (GdXlsx             *book);

/* Display width of text in character cells: East Asian wide characters count 2, others 1. */
guint        gd_xlsx_text_width (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdXlsx, gd_xlsx_abort)

G_END_DECLS
