/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-xlsx"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gd-error.h"
#include "gd-private-file.h"
#include "gd-xlsx.h"

/* Excel measures a column in widths of "0"; a wide character takes about two. */
#define MIN_WIDTH 6
#define MAX_WIDTH 60
#define PAD 2
#define MAX_DECIMALS 6
#define MAX_CELL_BYTES 32767

struct _GdXlsxSheet {
  GdXlsx        *book;
  lxw_worksheet *ws;
  guint          row;     /* the current row; 0 is the header */
  guint          col;     /* the next cell of the current row */
  GArray        *widths;  /* guint per column */
};

struct _GdXlsx {
  char         *path;
  char         *temp_path;
  lxw_workbook *wb;
  lxw_format   *header;
  lxw_format   *percent;
  lxw_format   *date;
  lxw_format   *datetime;
  lxw_format   *numbers[MAX_DECIMALS + 1];
  GPtrArray    *sheets;
  lxw_error     failed;   /* the first write that failed */
};

guint
gd_xlsx_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
sheet_free (GdXlsxSheet *sheet)
{
  g_array_unref (sheet->widths);
  g_free (sheet);
}

static void
book_free (GdXlsx *book)
{
  g_ptr_array_unref (book->sheets);
  g_free (book->temp_path);
  g_free (book->path);
  g_free (book);
}

GdXlsx *
gd_xlsx_new (const char *path,
             GError    **error)
{
  g_autofree char *temp_path = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  GdXlsx *book;

  g_return_val_if_fail (path != NULL, NULL);

  temp_path = gd_private_file_begin (path, error);
  if (temp_path == NULL)
    return NULL;

  book = g_new0 (GdXlsx, 1);
  book->wb = workbook_new_opt (temp_path, &options);
  if (book->wb == NULL)
    {
      gd_private_file_abort (temp_path);
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("Cannot start the workbook %s"), path);
      g_free (book);
      return NULL;
    }
  book->path = g_strdup (path);
  book->temp_path = g_steal_pointer (&temp_path);
  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);

  book->header = workbook_add_format (book->wb);
  format_set_bold (book->header);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  format_set_bg_color (book->header, 0xEDEFF2);
  book->percent = workbook_add_format (book->wb);
  format_set_num_format (book->percent, "0.00%");
  book->date = workbook_add_format (book->wb);
  format_set_num_format (book->date, "yyyy-mm-dd");
  book->datetime = workbook_add_format (book->wb);
  format_set_num_format (book->datetime, "yyyy-mm-dd hh:mm");
  return book;
}

/* Excel refuses []:*?/\ in a sheet name, and more than 31 characters. */
static char *
sheet_name (const char *name)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (name != NULL && g_utf8_validate (name, -1, NULL))
    for (const char *p = name; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
      {
        gunichar c = g_utf8_get_char (p);
        if (c < 0x20 || strchr ("[]:*?/\\", (int) c) != NULL)
          g_string_append_c (out, '_');
        else
          g_string_append_unichar (out, c);
      }
  if (out->len == 0)
    g_string_append (out, "Sheet");
  return g_string_free (out, FALSE);
}

static void
note (GdXlsxSheet *sheet,
      lxw_error    err,
      guint        width)
{
  guint col = sheet->col++;

  if (err != LXW_NO_ERROR && sheet->book->failed == LXW_NO_ERROR)
    sheet->book->failed = err;
  if (sheet->widths->len <= col)
    g_array_set_size (sheet->widths, col + 1);
  if (g_array_index (sheet->widths, guint, col) < width)
    g_array_index (sheet->widths, guint, col) = width;
}

GdXlsxSheet *
gd_xlsx_add_sheet (GdXlsx             *book,
                   const char         *name,
                   const char * const *headers,
                   GError            **error)
{
  g_autofree char *clean = sheet_name (name);
  GdXlsxSheet *sheet;
  lxw_worksheet *ws;

  g_return_val_if_fail (book != NULL, NULL);

  if (workbook_get_worksheet_by_name (book->wb, clean) != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("The workbook already has a sheet named %s"), clean);
      return NULL;
    }
  ws = workbook_add_worksheet (book->wb, clean);
  if (ws == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("Cannot add the sheet %s"), clean);
      return NULL;
    }

  sheet = g_new0 (GdXlsxSheet, 1);
  sheet->book = book;
  sheet->ws = ws;
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  g_ptr_array_add (book->sheets, sheet);

  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    note (sheet, worksheet_write_string (ws, 0, i, headers[i], book->header),
          gd_xlsx_text_width (headers[i]));
  worksheet_freeze_panes (ws, 1, 0);
  return sheet;
}

void
gd_xlsx_row (GdXlsxSheet *sheet)
{
  g_return_if_fail (sheet != NULL);
  sheet->row++;
  sheet->col = 0;
}

guint
gd_xlsx_rows (GdXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->row;
}

void
gd_xlsx_skip (GdXlsxSheet *sheet)
{
  g_return_if_fail (sheet != NULL);
  note (sheet, LXW_NO_ERROR, 0);
}

void
gd_xlsx_text (GdXlsxSheet *sheet,
              const char  *text)
{
  g_return_if_fail (sheet != NULL && sheet->row > 0);

  if (text == NULL || *text == '\0')
    {
      gd_xlsx_skip (sheet);
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = "\xEF\xBF\xBD"; /* never hand Excel bytes it cannot read */
  if (strlen (text) > MAX_CELL_BYTES)
    {
      /* Excel holds at most 32,767 bytes in a cell: cut at a character, never fail the book */
      const char *end = g_utf8_find_prev_char (text, text + MAX_CELL_BYTES + 1);
      g_autofree char *cut = g_strndup (text, end - text);
      note (sheet, worksheet_write_string (sheet->ws, sheet->row, sheet->col, cut, NULL),
            MAX_WIDTH);
      return;
    }
  note (sheet, worksheet_write_string (sheet->ws, sheet->row, sheet->col, text, NULL),
        gd_xlsx_text_width (text));
}

void
gd_xlsx_int (GdXlsxSheet *sheet,
             gint64       value)
{
  char buf[32];

  g_return_if_fail (sheet != NULL && sheet->row > 0);
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  note (sheet, worksheet_write_number (sheet->ws, sheet->row, sheet->col, (double) value, NULL),
        strlen (buf));
}

static lxw_format *
number_format (GdXlsx *book,
               int     decimals)
{
  decimals = CLAMP (decimals, 0, MAX_DECIMALS);
  if (book->numbers[decimals] == NULL)
    {
      g_autofree char *fmt = decimals == 0 ? g_strdup ("0")
                                           : g_strdup_printf ("0.%.*s", decimals, "000000");
      book->numbers[decimals] = workbook_add_format (book->wb);
      format_set_num_format (book->numbers[decimals], fmt);
    }
  return book->numbers[decimals];
}

void
gd_xlsx_number (GdXlsxSheet *sheet,
                double       value,
                int          decimals)
{
  char buf[64];

  g_return_if_fail (sheet != NULL && sheet->row > 0);
  if (!isfinite (value))
    {
      gd_xlsx_skip (sheet);
      return;
    }
  decimals = CLAMP (decimals, 0, MAX_DECIMALS);
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  note (sheet, worksheet_write_number (sheet->ws, sheet->row, sheet->col, value,
                                       number_format (sheet->book, decimals)),
        strlen (buf));
}

void
gd_xlsx_percent (GdXlsxSheet *sheet,
                 double       fraction)
{
  char buf[64];

  g_return_if_fail (sheet != NULL && sheet->row > 0);
  if (!isfinite (fraction))
    {
      gd_xlsx_skip (sheet);
      return;
    }
  g_snprintf (buf, sizeof buf, "%.2f%%", fraction * 100.0);
  note (sheet, worksheet_write_number (sheet->ws, sheet->row, sheet->col, fraction,
                                       sheet->book->percent),
        strlen (buf));
}

void
gd_xlsx_date (GdXlsxSheet *sheet,
              int          year,
              int          month,
              int          day)
{
  lxw_datetime dt = { .year = year, .month = month, .day = day };

  g_return_if_fail (sheet != NULL && sheet->row > 0);
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    {
      gd_xlsx_skip (sheet);
      return;
    }
  note (sheet, worksheet_write_datetime (sheet->ws, sheet->row, sheet->col, &dt,
                                         sheet->book->date),
        10);
}

void
gd_xlsx_datetime (GdXlsxSheet *sheet,
                  GDateTime   *when)
{
  lxw_datetime dt;

  g_return_if_fail (sheet != NULL && sheet->row > 0);
  if (when == NULL || g_date_time_get_year (when) < 1900)
    {
      gd_xlsx_skip (sheet);
      return;
    }
  dt = (lxw_datetime) {
    .year = g_date_time_get_year (when),
    .month = g_date_time_get_month (when),
    .day = g_date_time_get_day_of_month (when),
    .hour = g_date_time_get_hour (when),
    .min = g_date_time_get_minute (when),
    .sec = g_date_time_get_second (when),
  };
  note (sheet, worksheet_write_datetime (sheet->ws, sheet->row, sheet->col, &dt,
                                         sheet->book->datetime),
        16);
}

static void
set_widths (GdXlsxSheet *sheet)
{
  for (guint i = 0; i < sheet->widths->len; i++)
    {
      guint w = g_array_index (sheet->widths, guint, i) + PAD;
      worksheet_set_column (sheet->ws, i, i, CLAMP (w, MIN_WIDTH, MAX_WIDTH), NULL);
    }
}

gboolean
gd_xlsx_close (GdXlsx  *book,
               GError **error)
{
  lxw_error err;
  gboolean ok;

  g_return_val_if_fail (book != NULL, FALSE);

  if (book->sheets->len == 0)
    gd_xlsx_add_sheet (book, NULL, NULL, NULL); /* Excel will not open a book of no sheets */
  for (guint i = 0; i < book->sheets->len; i++)
    set_widths (g_ptr_array_index (book->sheets, i));

  err = workbook_close (book->wb);
  book->wb = NULL;
  if (err == LXW_NO_ERROR)
    err = book->failed;
  if (err != LXW_NO_ERROR)
    {
      gd_private_file_abort (book->temp_path);
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("Cannot write the workbook %s: %s"),
                   book->path, lxw_strerror (err));
      ok = FALSE;
    }
  else
    ok = gd_private_file_commit (book->temp_path, book->path, error);
  book_free (book);
  return ok;
}

void
gd_xlsx_abort (GdXlsx *book)
{
  if (book == NULL)
    return;
  /* lxw_workbook_free drops the worksheets' temporary files without writing the zip */
  lxw_workbook_free (book->wb);
  gd_private_file_abort (book->temp_path);
  book_free (book);
}
