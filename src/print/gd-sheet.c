/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-sheet"
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "gd-error.h"
#include "gd-private-file.h"
#include "gd-sheet.h"

/* Margins of the MoJ forms (about 2.5 cm); the page number sits in the bottom margin. */
#define MARGIN_LEFT   68.0
#define MARGIN_RIGHT  68.0
#define MARGIN_TOP    62.0
#define MARGIN_BOTTOM 66.0
#define BODY_BOTTOM   (GD_SHEET_HEIGHT - MARGIN_BOTTOM)
#define BODY_WIDTH    (GD_SHEET_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define CELL_PAD_X    5.0
#define CELL_PAD_Y    5.0
#define RULE_PITCH    25.0
#define LINE_WIDTH    0.8

/* 宋体 for text and 黑体-like bold serif for titles, as on the printed forms */
#define FONT_BODY  "Noto Serif CJK SC 11"
#define FONT_LABEL "Noto Serif CJK SC Bold 10.5"
#define FONT_TITLE "Noto Serif CJK SC Bold 20"
#define FONT_SMALL "Noto Serif CJK SC 9.5"
#define FONT_HEADING "Noto Sans CJK SC Bold 13"

struct _GdSheet
{
  cairo_t      *cr;
  PangoContext *context;
  int           target;   /* the page to draw, -1 every page, -2 none (counting) */
  int           page;
  int           n_pages;  /* known in the drawing pass */
  double        y;
  char         *header;   /* running header of the following pages, or NULL */
  GdSheetCell  *table_header; /* repeated at the top of a continued table, or NULL */
  guint         n_table_header;
  gboolean      in_header;
};

static gboolean
drawing (GdSheet *sheet)
{
  return sheet->target == -1 || sheet->target == sheet->page;
}

static PangoLayout *
layout_new (GdSheet        *sheet,
            const char     *text,
            const char     *font,
            double          width,
            PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (sheet->context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (GdSheet     *sheet,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (!drawing (sheet))
    return;
  cairo_move_to (sheet->cr, x, y);
  pango_cairo_show_layout (sheet->cr, layout);
}

static void
stroke_rect (GdSheet *sheet,
             double   x,
             double   y,
             double   width,
             double   height,
             gboolean shade)
{
  cairo_t *cr = sheet->cr;

  if (!drawing (sheet))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  if (shade)
    {
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
hline (GdSheet *sheet,
       double   x,
       double   y,
       double   width,
       double   line_width)
{
  if (!drawing (sheet))
    return;
  cairo_save (sheet->cr);
  cairo_set_line_width (sheet->cr, line_width);
  cairo_move_to (sheet->cr, x, y);
  cairo_rel_line_to (sheet->cr, width, 0);
  cairo_stroke (sheet->cr);
  cairo_restore (sheet->cr);
}

static void
draw_footer (GdSheet *sheet)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!drawing (sheet) || sheet->n_pages == 0)
    return;
  /* Translators: the page number at the foot of a printed form */
  text = g_strdup_printf (_("Page %d of %d"), sheet->page + 1, sheet->n_pages);
  layout = layout_new (sheet, text, FONT_SMALL, BODY_WIDTH, PANGO_ALIGN_CENTER);
  show_layout (sheet, layout, MARGIN_LEFT, GD_SHEET_HEIGHT - MARGIN_BOTTOM / 2 - 6);
}

void
gd_sheet_set_running_header (GdSheet    *sheet,
                             const char *text)
{
  g_free (sheet->header);
  sheet->header = g_strdup (text);
}

void
gd_sheet_new_page (GdSheet *sheet)
{
  draw_footer (sheet);
  if (sheet->target == -1)
    cairo_show_page (sheet->cr);
  sheet->page++;
  sheet->y = MARGIN_TOP;
  if (sheet->header != NULL)
    {
      g_autoptr(PangoLayout) layout = layout_new (sheet, sheet->header, FONT_SMALL, BODY_WIDTH,
                                                  PANGO_ALIGN_LEFT);

      /* above the body, so a continued table keeps its place */
      show_layout (sheet, layout, MARGIN_LEFT, MARGIN_TOP - 28);
      hline (sheet, MARGIN_LEFT, MARGIN_TOP - 10, BODY_WIDTH, 0.5);
    }
  if (sheet->table_header != NULL && !sheet->in_header)
    {
      sheet->in_header = TRUE;
      gd_sheet_row (sheet, sheet->table_header, sheet->n_table_header, 0);
      sheet->in_header = FALSE;
    }
}

static void
clear_table_header (GdSheet *sheet)
{
  for (guint i = 0; i < sheet->n_table_header; i++)
    g_free ((char *) sheet->table_header[i].text);
  g_clear_pointer (&sheet->table_header, g_free);
  sheet->n_table_header = 0;
}

void
gd_sheet_set_table_header (GdSheet           *sheet,
                           const GdSheetCell *cells,
                           guint              n_cells)
{
  clear_table_header (sheet);
  if (cells == NULL || n_cells == 0)
    return;
  sheet->table_header = g_new0 (GdSheetCell, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      sheet->table_header[i] = cells[i];
      sheet->table_header[i].text = g_strdup (cells[i].text);
    }
  sheet->n_table_header = n_cells;
}

void
gd_sheet_need (GdSheet *sheet,
               double   height)
{
  if (sheet->y + height > BODY_BOTTOM && sheet->y > MARGIN_TOP)
    gd_sheet_new_page (sheet);
}

void
gd_sheet_space (GdSheet *sheet,
                double   points)
{
  sheet->y += points;
}

double
gd_sheet_get_y (GdSheet *sheet)
{
  return sheet->y;
}

double
gd_sheet_left (GdSheet *sheet)
{
  return MARGIN_LEFT;
}

double
gd_sheet_text_width (GdSheet *sheet)
{
  return BODY_WIDTH;
}

static void
run_pass (GdSheet     *sheet,
          GdSheetFunc  func,
          gpointer     user_data)
{
  sheet->page = 0;
  sheet->y = MARGIN_TOP;
  g_clear_pointer (&sheet->header, g_free);
  clear_table_header (sheet);
  cairo_save (sheet->cr);
  cairo_set_source_rgb (sheet->cr, 0, 0, 0);
  func (sheet, user_data);
  draw_footer (sheet);
  if (sheet->target == -1)
    cairo_show_page (sheet->cr);
  cairo_restore (sheet->cr);
}

int
gd_sheet_run (cairo_t     *cr,
              GdSheetFunc  func,
              gpointer     user_data,
              int          page)
{
  GdSheet sheet = { .cr = cr };
  cairo_font_options_t *options = cairo_font_options_create ();

  /* points as units, and no hinting: the screen preview breaks lines exactly as the PDF */
  sheet.context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (sheet.context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (sheet.context, options);
  cairo_font_options_destroy (options);

  /* first count the pages (for 第 1 页 共 N 页), then draw */
  sheet.target = -2;
  run_pass (&sheet, func, user_data);
  sheet.n_pages = sheet.page + 1;
  sheet.target = page;
  if (page < sheet.n_pages)
    run_pass (&sheet, func, user_data);
  g_object_unref (sheet.context);
  g_free (sheet.header);
  clear_table_header (&sheet);
  return sheet.n_pages;
}

gboolean
gd_sheet_write_pdf (const char  *path,
                    const char  *title,
                    GdSheetFunc  func,
                    gpointer     user_data,
                    GError     **error)
{
  /* the forms carry full ID numbers: written 0600 beside the target, renamed when complete */
  g_autofree char *temp = gd_private_file_begin (path, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (temp == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (temp, GD_SHEET_WIDTH, GD_SHEET_HEIGHT);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "GridDesk");
      cr = cairo_create (surface);
      gd_sheet_run (cr, func, user_data, -1);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      gd_private_file_abort (temp);
      /* Translators: a file name, then cairo's (English) reason */
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return gd_private_file_commit (temp, path, error);
}

void
gd_sheet_title (GdSheet    *sheet,
                const char *title)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, title, FONT_TITLE, BODY_WIDTH,
                                              PANGO_ALIGN_CENTER);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* spaced out as on the printed forms */
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (4 * PANGO_SCALE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  gd_sheet_need (sheet, layout_height (layout) + 60);
  show_layout (sheet, layout, MARGIN_LEFT, sheet->y);
  sheet->y += layout_height (layout) + 14;
}

void
gd_sheet_note (GdSheet    *sheet,
               const char *text,
               gboolean    right)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, text, FONT_BODY, BODY_WIDTH,
                                              right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

  gd_sheet_need (sheet, layout_height (layout));
  show_layout (sheet, layout, MARGIN_LEFT, sheet->y);
  sheet->y += layout_height (layout) + 4;
}

void
gd_sheet_heading (GdSheet    *sheet,
                  const char *text,
                  double      keep)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, text, FONT_HEADING, BODY_WIDTH,
                                              PANGO_ALIGN_LEFT);

  gd_sheet_need (sheet, layout_height (layout) + 6 + keep);
  show_layout (sheet, layout, MARGIN_LEFT, sheet->y);
  sheet->y += layout_height (layout) + 6;
}

void
gd_sheet_figure (GdSheet         *sheet,
                 double           height,
                 GdSheetDrawFunc  draw,
                 gpointer         user_data)
{
  gd_sheet_need (sheet, height);
  if (drawing (sheet))
    {
      cairo_save (sheet->cr);
      draw (sheet->cr, MARGIN_LEFT, sheet->y, BODY_WIDTH, height, user_data);
      cairo_restore (sheet->cr);
    }
  sheet->y += height;
}

/* Draws `layout` line by line from the current y, breaking pages; each line takes at least
 * `pitch` points (0: its own height) and gets a rule under it when `rules`. */
static void
flow_lines (GdSheet     *sheet,
            PangoLayout *layout,
            double       x,
            double       pitch,
            gboolean     rules)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      int baseline = pango_layout_iter_get_baseline (iter);
      int y0, y1;
      double height, baseline_y;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      height = pitch > 0 ? pitch : (double) (y1 - y0) / PANGO_SCALE;
      gd_sheet_need (sheet, height);
      /* on ruled lines the text sits just above the rule */
      baseline_y = pitch > 0
                   ? sheet->y + pitch - 4 - (double) (logical.y + logical.height - baseline) / PANGO_SCALE
                   : sheet->y + (double) (baseline - y0) / PANGO_SCALE;
      if (drawing (sheet))
        {
          cairo_move_to (sheet->cr, x + (double) logical.x / PANGO_SCALE, baseline_y);
          pango_cairo_show_layout_line (sheet->cr, line);
        }
      if (rules)
        hline (sheet, MARGIN_LEFT, sheet->y + pitch, BODY_WIDTH, 0.5);
      sheet->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
gd_sheet_paragraph (GdSheet    *sheet,
                    const char *text)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, text, FONT_BODY, BODY_WIDTH,
                                              PANGO_ALIGN_LEFT);

  pango_layout_set_justify (layout, TRUE);
  pango_layout_set_indent (layout, 22 * PANGO_SCALE);
  pango_layout_set_spacing (layout, 6 * PANGO_SCALE);
  flow_lines (sheet, layout, MARGIN_LEFT, 0, FALSE);
  sheet->y += 6;
}

void
gd_sheet_ruled (GdSheet    *sheet,
                const char *label,
                const char *text,
                guint       min_lines)
{
  g_autofree char *joined = g_strdup_printf ("%s%s", label != NULL ? label : "",
                                             text != NULL ? text : "");
  g_autoptr(PangoLayout) layout = layout_new (sheet, joined, FONT_BODY, BODY_WIDTH,
                                              PANGO_ALIGN_LEFT);
  int n_lines;

  if (label != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = 0;
      bold->end_index = (guint) strlen (label);
      pango_attr_list_insert (attrs, bold);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  gd_sheet_need (sheet, RULE_PITCH * 2);
  flow_lines (sheet, layout, MARGIN_LEFT, RULE_PITCH, TRUE);
  /* blank lines to write on by hand */
  n_lines = pango_layout_get_line_count (layout);
  for (int i = n_lines; i < (int) min_lines; i++)
    {
      gd_sheet_need (sheet, RULE_PITCH);
      hline (sheet, MARGIN_LEFT, sheet->y + RULE_PITCH, BODY_WIDTH, 0.5);
      sheet->y += RULE_PITCH;
    }
  sheet->y += 8;
}

/* ---- table rows ---- */

typedef struct {
  PangoLayout *layout;
  GArray      *tops;     /* double: each line's top, from the layout's top */
  GArray      *bottoms;
  guint        next;     /* the first line not yet drawn */
  double       x;
  double       width;
  GdCellFlags  flags;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->tops, g_array_unref);
  g_clear_pointer (&cell->bottoms, g_array_unref);
}

static void
cell_measure (Cell *cell)
{
  PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);

  cell->tops = g_array_new (FALSE, FALSE, sizeof (double));
  cell->bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (cell->tops, top);
      g_array_append_val (cell->bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Height still to draw in `cell` (from its next line). */
static double
cell_left (Cell *cell)
{
  if (cell->next >= cell->tops->len)
    return 0;
  return g_array_index (cell->bottoms, double, cell->bottoms->len - 1)
         - g_array_index (cell->tops, double, cell->next);
}

/* Draws the cell's lines that fit in `avail` points from `y`; returns the height used. */
static double
cell_draw_lines (GdSheet *sheet,
                 Cell    *cell,
                 double   y,
                 double   avail,
                 double   offset_y)
{
  PangoLayoutIter *iter;
  double start, used = 0;
  guint index = 0;

  if (cell->next >= cell->tops->len)
    return 0;
  start = g_array_index (cell->tops, double, cell->next);
  iter = pango_layout_get_iter (cell->layout);
  do
    {
      double top = g_array_index (cell->tops, double, index);
      double bottom = g_array_index (cell->bottoms, double, index);

      if (index < cell->next)
        continue;
      if (bottom - start > avail)
        break;
      if (drawing (sheet))
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (sheet->cr, cell->x + CELL_PAD_X + (double) logical.x / PANGO_SCALE,
                         y + offset_y + (double) baseline / PANGO_SCALE - start);
          pango_cairo_show_layout_line (sheet->cr, pango_layout_iter_get_line_readonly (iter));
        }
      used = bottom - start;
      cell->next = index + 1;
      (void) top;
    }
  while (index++, pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return used;
}

/* Lays out the row's cells into `parts`; returns the row's height on one page. */
static double
row_measure (GdSheet           *sheet,
             const GdSheetCell *cells,
             guint              n_cells,
             double             min_height,
             Cell              *parts)
{
  double x = MARGIN_LEFT, height = min_height;

  for (guint i = 0; i < n_cells; i++)
    {
      Cell *cell = &parts[i];
      gboolean label = (cells[i].flags & GD_CELL_LABEL) != 0;
      gboolean center = label || (cells[i].flags & GD_CELL_CENTER) != 0;

      cell->x = x;
      cell->width = BODY_WIDTH * cells[i].width;
      cell->flags = cells[i].flags;
      cell->layout = layout_new (sheet, cells[i].text, label ? FONT_LABEL : FONT_BODY,
                                 cell->width - 2 * CELL_PAD_X,
                                 center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      if (!center)
        pango_layout_set_spacing (cell->layout, 3 * PANGO_SCALE);
      cell_measure (cell);
      height = MAX (height, cell_left (cell) + 2 * CELL_PAD_Y);
      x += cell->width;
    }
  return height;
}

double
gd_sheet_row_height (GdSheet           *sheet,
                     const GdSheetCell *cells,
                     guint              n_cells,
                     double             min_height)
{
  g_autofree Cell *parts = g_new0 (Cell, n_cells);
  double height = row_measure (sheet, cells, n_cells, min_height, parts);

  for (guint i = 0; i < n_cells; i++)
    cell_clear (&parts[i]);
  return height;
}

double
gd_sheet_room (GdSheet *sheet)
{
  return BODY_BOTTOM - sheet->y;
}

void
gd_sheet_row (GdSheet           *sheet,
              const GdSheetCell *cells,
              guint              n_cells,
              double             min_height)
{
  g_autofree Cell *parts = g_new0 (Cell, n_cells);
  double height = row_measure (sheet, cells, n_cells, min_height, parts);
  gboolean first = TRUE;

  /* a row that fits on a fresh page moves there whole; a taller one flows on */
  if (sheet->y + height > BODY_BOTTOM && height <= BODY_BOTTOM - MARGIN_TOP)
    gd_sheet_new_page (sheet);
  for (;;)
    {
      double avail = BODY_BOTTOM - sheet->y - 2 * CELL_PAD_Y;
      double chunk = first ? min_height : 0;
      gboolean more = FALSE;

      for (guint i = 0; i < n_cells; i++)
        {
          Cell *cell = &parts[i];
          gboolean tall = (cell->flags & GD_CELL_TALL) != 0 || cell_left (cell) > avail;
          double left = cell_left (cell);
          /* short cells are centred in the row's height; flowing text starts at the top */
          double offset = CELL_PAD_Y;

          if (first && !tall && left + 2 * CELL_PAD_Y < height
              && height <= avail + 2 * CELL_PAD_Y)
            offset = (height - left) / 2;
          chunk = MAX (chunk, cell_draw_lines (sheet, cell, sheet->y, avail, offset)
                              + 2 * CELL_PAD_Y);
          more |= cell->next < cell->tops->len;
        }
      if (first)
        chunk = MAX (chunk, height <= avail + 2 * CELL_PAD_Y ? height : chunk);
      if (more)
        chunk = BODY_BOTTOM - sheet->y;
      for (guint i = 0; i < n_cells; i++)
        stroke_rect (sheet, parts[i].x, sheet->y, parts[i].width, chunk,
                     FALSE);
      sheet->y += chunk;
      if (!more)
        break;
      gd_sheet_new_page (sheet);
      first = FALSE;
    }
  for (guint i = 0; i < n_cells; i++)
    cell_clear (&parts[i]);
}

/* ---- signatures ---- */

void
gd_sheet_sign_line (GdSheet    *sheet,
                    double      x,
                    double      width,
                    const char *label)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, label, FONT_BODY, -1, PANGO_ALIGN_LEFT);
  int text_width;

  pango_layout_get_size (layout, &text_width, NULL);
  show_layout (sheet, layout, x, sheet->y);
  hline (sheet, x + (double) text_width / PANGO_SCALE + 2, sheet->y + layout_height (layout),
         width - (double) text_width / PANGO_SCALE - 2, 0.6);
}

void
gd_sheet_box (GdSheet    *sheet,
              double      x,
              double      size,
              const char *caption)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, caption, FONT_SMALL, size + 24,
                                              PANGO_ALIGN_CENTER);

  stroke_rect (sheet, x, sheet->y, size, size, FALSE);
  show_layout (sheet, layout, x - 12, sheet->y + size + 2);
}

void
gd_sheet_seal (GdSheet    *sheet,
               double      cx,
               double      radius,
               const char *caption)
{
  g_autoptr(PangoLayout) layout = layout_new (sheet, caption, FONT_SMALL, radius * 1.6,
                                              PANGO_ALIGN_CENTER);
  static const double dash[] = { 3.0, 3.0 };
  cairo_t *cr = sheet->cr;

  if (!drawing (sheet))
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.7);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_new_path (cr);
  cairo_arc (cr, cx, sheet->y + radius, radius, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, cx - radius * 0.8, sheet->y + radius - layout_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
