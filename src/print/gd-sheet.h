/* gd-sheet.h: A4 pages of an official form, laid out with pango and drawn with cairo.
 *
 * The same drawing code makes the PDF (griddesk-ctl print), the preview in the app and the
 * pages of GtkPrintOperation: a form is a function that calls the sheet's primitives from top
 * to bottom; the sheet breaks pages, numbers them (第 1 页 共 2 页) and draws only the page
 * asked for. Units are PostScript points from the page's top-left corner. Text is real text
 * (pango glyphs), never images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define GD_SHEET_WIDTH  595.276  /* A4, points */
#define GD_SHEET_HEIGHT 841.890

typedef struct _GdSheet GdSheet;

typedef enum {
  GD_CELL_LABEL  = 1 << 0, /* a field name: centred, on a light ground */
  GD_CELL_CENTER = 1 << 1,
  GD_CELL_TALL   = 1 << 2, /* free text: left and top aligned */
} GdCellFlags;

typedef struct {
  const char *text;
  double      width;   /* share of the table's width; the shares of a row add up to 1 */
  GdCellFlags flags;
} GdSheetCell;

typedef void (*GdSheetFunc) (GdSheet *sheet, gpointer user_data);

/* Lays out `func`'s form and draws page `page` (0-based) on `cr`, or every page when `page`
 * is -1 (calling cairo_show_page() after each: for PDF surfaces). Returns the number of
 * pages. */
int     gd_sheet_run        (cairo_t     *cr,
                             GdSheetFunc  func,
                             gpointer     user_data,
                             int          page);

/* Writes every page of `func`'s form to a new PDF at `path`; `title` goes into its metadata. */
gboolean gd_sheet_write_pdf (const char  *path,
                             const char  *title,
                             GdSheetFunc  func,
                             gpointer     user_data,
                             GError     **error);

/* A small line at the top of every following page (人民调解协议书（续） 编号：…); NULL: none. */
void    gd_sheet_set_running_header (GdSheet *sheet, const char *text);
/* The big title: 人民调解协议书 */
void    gd_sheet_title      (GdSheet *sheet, const char *title);
/* One line of small text on the right (编号：…) or left. */
void    gd_sheet_note       (GdSheet *sheet, const char *text, gboolean right);
/* A justified paragraph, first line indented two characters; breaks across pages. */
void    gd_sheet_paragraph  (GdSheet *sheet, const char *text);
/* A label in bold, then its text on ruled writing lines (at least `min_lines` of them). */
void    gd_sheet_ruled      (GdSheet *sheet, const char *label, const char *text, guint min_lines);
/* One row of a boxed table; rows follow each other without gaps. A row taller than what is
 * left of the page flows on to the next one. */
void    gd_sheet_row        (GdSheet *sheet, const GdSheetCell *cells, guint n_cells,
                             double min_height);
/* The height gd_sheet_row() would give the row on one page (laid out, not drawn). */
double  gd_sheet_row_height (GdSheet *sheet, const GdSheetCell *cells, guint n_cells,
                             double min_height);
/* The points left on the current page. */
double  gd_sheet_room       (GdSheet *sheet);
void    gd_sheet_space      (GdSheet *sheet, double points);
/* Starts a new page unless `height` points are left on this one. */
void    gd_sheet_need       (GdSheet *sheet, double height);
void    gd_sheet_new_page   (GdSheet *sheet);
/* A signature line: "label：______" at (x, current y); does not move down. */
void    gd_sheet_sign_line  (GdSheet *sheet, double x, double width, const char *label);
/* A square box with a caption under it (按指印). */
void    gd_sheet_box        (GdSheet *sheet, double x, double size, const char *caption);
/* A dashed circle for the committee's seal with its caption inside. */
void    gd_sheet_seal       (GdSheet *sheet, double cx, double radius, const char *caption);
/* A section heading in bold, kept with at least `keep` points of what follows. */
void    gd_sheet_heading    (GdSheet *sheet, const char *text, double keep);
/* Draws a figure (a chart) `height` points tall across the text width, on a new page when
 * it does not fit; `draw` is called only when the page is being drawn. */
typedef void (*GdSheetDrawFunc) (cairo_t *cr, double x, double y, double width, double height,
                                 gpointer user_data);
void    gd_sheet_figure     (GdSheet *sheet, double height, GdSheetDrawFunc draw,
                             gpointer user_data);
/* The header row of the table being drawn: repeated at the top of every page the table
 * continues on (NULL: none). The cells are copied. */
void    gd_sheet_set_table_header (GdSheet *sheet, const GdSheetCell *cells, guint n_cells);
double  gd_sheet_get_y      (GdSheet *sheet);
double  gd_sheet_left       (GdSheet *sheet);
double  gd_sheet_text_width (GdSheet *sheet);

G_END_DECLS
