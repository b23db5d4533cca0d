/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-xlsx-reader"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-xlsx-reader.h"

/* One open workbook: the zip and what the sheet needs from the other parts. */
typedef struct {
  GsfInfile  *zip;
  guint64     inflated;     /* decompressed bytes read so far, all parts */
  guint64     max_inflated;
  GPtrArray  *sheet_names;
  GPtrArray  *sheet_rids;
  GHashTable *rels;         /* rId -> target path inside the zip */
  GPtrArray  *strings;      /* shared strings */
  GArray     *xf_is_date;   /* gboolean per cellXfs index */
  GHashTable *date_formats; /* custom numFmtId -> GINT_TO_POINTER (is date) */
  gboolean    date1904;
} Workbook;

static void
workbook_clear (Workbook *book)
{
  g_clear_object (&book->zip);
  g_clear_pointer (&book->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&book->sheet_rids, g_ptr_array_unref);
  g_clear_pointer (&book->rels, g_hash_table_unref);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->xf_is_date, g_array_unref);
  g_clear_pointer (&book->date_formats, g_hash_table_unref);
}

/* ---- a SAX pass over one part ---- */

typedef struct _Pass Pass;
struct _Pass {
  Workbook   *book;
  void      (*start) (Pass *pass, const char *name, const xmlChar **attrs, int n_attrs);
  void      (*end)   (Pass *pass, const char *name);
  GString    *text;       /* collected while collecting > 0 */
  gboolean    collecting;
  GError     *error;      /* the first problem; the pass stops feeding */
  gpointer    data;
};

static const char *
attr (const xmlChar **attrs,
      int             n_attrs,
      const char     *name,
      char           *buffer,
      gsize           size)
{
  /* SAX2 attributes: localname, prefix, URI, value start, value end */
  for (int i = 0; i < n_attrs; i++)
    if (g_str_equal ((const char *) attrs[i * 5], name))
      {
        gsize length = attrs[i * 5 + 4] - attrs[i * 5 + 3];

        if (length >= size)
          length = size - 1;
        memcpy (buffer, attrs[i * 5 + 3], length);
        buffer[length] = '\0';
        return buffer;
      }
  return NULL;
}

static void
on_start (void           *ctx,
          const xmlChar  *localname,
          const xmlChar  *prefix,
          const xmlChar  *uri,
          int             n_namespaces,
          const xmlChar **namespaces,
          int             n_attributes,
          int             n_defaulted,
          const xmlChar **attributes)
{
  Pass *pass = ctx;

  if (pass->error == NULL && pass->start != NULL)
    pass->start (pass, (const char *) localname, attributes, n_attributes);
}

static void
on_end (void          *ctx,
        const xmlChar *localname,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  Pass *pass = ctx;

  if (pass->error == NULL && pass->end != NULL)
    pass->end (pass, (const char *) localname);
}

static void
on_characters (void          *ctx,
               const xmlChar *ch,
               int            len)
{
  Pass *pass = ctx;

  if (!pass->collecting || pass->error != NULL)
    return;
  if (pass->text->len + (gsize) len > GD_TABLE_MAX_CELL_BYTES)
    {
      g_set_error (&pass->error, GD_ERROR, GD_ERROR_INVALID,
                   _("the workbook holds a cell longer than Excel allows"));
      return;
    }
  g_string_append_len (pass->text, (const char *) ch, len);
}

static GsfInput *
open_part (Workbook   *book,
           const char *path)
{
  g_auto(GStrv) names = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);

  return gsf_infile_child_by_aname (book->zip, (const char **) names);
}

/* Feeds the part through the pass. A missing part is FALSE without an error when
 * `optional`. */
static gboolean
run_pass (Pass        *pass,
          const char  *path,
          gboolean     optional,
          GError     **error)
{
  Workbook *book = pass->book;
  g_autoptr(GObject) input_object = NULL;
  GsfInput *input = open_part (book, path);
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr parser;
  gboolean ok = TRUE;

  if (input == NULL)
    {
      if (!optional)
        g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                     _("not an Excel workbook (.xlsx): it has no %s"), path);
      return optional;
    }
  input_object = G_OBJECT (input);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  pass->text = g_string_new (NULL);
  /* no entity substitution, no network, no DTD loading */
  parser = xmlCreatePushParserCtxt (&sax, pass, NULL, 0, path);
  xmlCtxtUseOptions (parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  for (;;)
    {
      gsf_off_t left = gsf_input_remaining (input);
      size_t chunk = MIN (left, 65536);
      const guint8 *bytes;

      if (chunk == 0)
        break;
      book->inflated += chunk;
      if (book->inflated > book->max_inflated)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("the workbook unpacks to more than %u MB; refused"),
                       (guint) (book->max_inflated / (1024 * 1024)));
          ok = FALSE;
          break;
        }
      if ((bytes = gsf_input_read (input, chunk, NULL)) == NULL)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("the workbook is damaged (%s)"), path);
          ok = FALSE;
          break;
        }
      if (xmlParseChunk (parser, (const char *) bytes, (int) chunk, 0) != 0)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("the workbook is damaged: %s is not well-formed XML"), path);
          ok = FALSE;
          break;
        }
      if (pass->error != NULL)
        break;
    }
  if (ok && pass->error == NULL && xmlParseChunk (parser, NULL, 0, 1) != 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("the workbook is damaged: %s is not well-formed XML"), path);
      ok = FALSE;
    }
  xmlFreeParserCtxt (parser);
  g_string_free (pass->text, TRUE);
  pass->text = NULL;
  if (pass->error != NULL)
    {
      if (ok)
        g_propagate_error (error, g_steal_pointer (&pass->error));
      g_clear_error (&pass->error);
      ok = FALSE;
    }
  return ok;
}

/* ---- workbook.xml and its relationships ---- */

static void
workbook_start (Pass          *pass,
                const char    *name,
                const xmlChar **attrs,
                int             n)
{
  char value[1024], rid[256];

  if (g_str_equal (name, "sheet") && attr (attrs, n, "name", value, sizeof value)
      && attr (attrs, n, "id", rid, sizeof rid))
    {
      g_ptr_array_add (pass->book->sheet_names, g_strdup (value));
      g_ptr_array_add (pass->book->sheet_rids, g_strdup (rid));
    }
  else if (g_str_equal (name, "workbookPr") && attr (attrs, n, "date1904", value, sizeof value))
    pass->book->date1904 = g_str_equal (value, "1") || g_str_equal (value, "true");
}

static void
rels_start (Pass          *pass,
            const char    *name,
            const xmlChar **attrs,
            int             n)
{
  char id[256], target[1024];

  if (!g_str_equal (name, "Relationship") || !attr (attrs, n, "Id", id, sizeof id)
      || !attr (attrs, n, "Target", target, sizeof target))
    return;
  /* targets are relative to xl/ unless absolute */
  g_hash_table_insert (pass->book->rels, g_strdup (id),
                       target[0] == '/' ? g_strdup (target + 1)
                                        : g_strconcat ("xl/", target, NULL));
}

/* ---- sharedStrings.xml: <si> holds <t> or runs <r><t>; <rPh> phonetic runs are skipped ---- */

typedef struct {
  GString *item;
  gboolean in_si;
  guint    phonetic;
} StringsState;

static void
strings_start (Pass          *pass,
               const char    *name,
               const xmlChar **attrs,
               int             n)
{
  StringsState *state = pass->data;

  if (g_str_equal (name, "si"))
    {
      state->in_si = TRUE;
      g_string_truncate (state->item, 0);
    }
  else if (g_str_equal (name, "rPh"))
    state->phonetic++;
  else if (g_str_equal (name, "t") && state->in_si && state->phonetic == 0)
    {
      pass->collecting = TRUE;
      g_string_truncate (pass->text, 0);
    }
}

static void
strings_end (Pass       *pass,
             const char *name)
{
  StringsState *state = pass->data;

  if (g_str_equal (name, "t") && pass->collecting)
    {
      g_string_append_len (state->item, pass->text->str, pass->text->len);
      pass->collecting = FALSE;
    }
  else if (g_str_equal (name, "rPh"))
    state->phonetic--;
  else if (g_str_equal (name, "si"))
    {
      g_ptr_array_add (pass->book->strings, g_strndup (state->item->str, state->item->len));
      state->in_si = FALSE;
    }
}

/* ---- styles.xml: which cell formats are dates ---- */

static gboolean
builtin_date_format (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36)
         || (id >= 50 && id <= 58);
}

/* A format code shows a date when it has y, m, d or h outside quotes, brackets and escapes
 * ("yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "[$-F800]dddd" ...). */
static gboolean
format_code_is_date (const char *code)
{
  gboolean quoted = FALSE;
  guint bracket = 0;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        bracket++;
      else if (*p == ']' && bracket > 0)
        bracket--;
      else if (bracket == 0 && strchr ("ymdhYMDH", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  gboolean in_cell_xfs;
} StylesState;

static void
styles_start (Pass          *pass,
              const char    *name,
              const xmlChar **attrs,
              int             n)
{
  StylesState *state = pass->data;
  char id[32], code[512];

  if (g_str_equal (name, "numFmt") && attr (attrs, n, "numFmtId", id, sizeof id)
      && attr (attrs, n, "formatCode", code, sizeof code))
    g_hash_table_insert (pass->book->date_formats, GUINT_TO_POINTER (atoi (id)),
                         GINT_TO_POINTER (format_code_is_date (code)));
  else if (g_str_equal (name, "cellXfs"))
    state->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "xf") && state->in_cell_xfs)
    {
      guint fmt = attr (attrs, n, "numFmtId", id, sizeof id) ? (guint) atoi (id) : 0;
      gpointer custom;
      gboolean is_date;

      if (g_hash_table_lookup_extended (pass->book->date_formats, GUINT_TO_POINTER (fmt), NULL, &custom))
        is_date = GPOINTER_TO_INT (custom);
      else
        is_date = builtin_date_format (fmt);
      g_array_append_val (pass->book->xf_is_date, is_date);
    }
}

static void
styles_end (Pass       *pass,
            const char *name)
{
  StylesState *state = pass->data;

  if (g_str_equal (name, "cellXfs"))
    state->in_cell_xfs = FALSE;
}

/* ---- the sheet ---- */

typedef struct {
  guint      number;
  GPtrArray *cells; /* char*, NULL for empty */
} SheetRow;

typedef struct {
  GArray    *rows;         /* SheetRow */
  GArray    *merges;       /* guint[4]: first row, first col, last row, last col */
  guint      next_row;
  guint      next_col;
  guint      col;
  char       type[16];
  guint      style;
  gboolean   in_inline;
  GString   *inline_text;
  char      *value;
} SheetState;

static void
sheet_row_clear (gpointer data)
{
  SheetRow *row = data;

  g_clear_pointer (&row->cells, g_ptr_array_unref);
}

/* "BC12" -> column 54 (0-based), row 12; FALSE when malformed */
static gboolean
parse_ref (const char *ref,
           guint      *col,
           guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 16384)
        return FALSE;
    }
  if (p == ref)
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      r = r * 10 + (*p - '0');
      if (r > 1048576)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *col = (guint) c - 1;
  if (row != NULL)
    *row = (guint) r;
  return TRUE;
}

static char *
format_serial_date (double serial,
                    gboolean date1904)
{
  g_autoptr(GDate) date = g_date_new_dmy (date1904 ? 1 : 30, date1904 ? 1 : 12,
                                          date1904 ? 1904 : 1899);
  double days = floor (serial);
  long seconds = lround ((serial - days) * 86400.0);

  if (seconds >= 86400)
    {
      days += 1;
      seconds -= 86400;
    }
  /* Excel counts the 29th of February 1900 that never was */
  if (!date1904 && days < 61)
    days += 1;
  if (days < 0 || days > 2958465)
    return NULL;
  g_date_add_days (date, (guint) days);
  if (seconds == 0)
    return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  return g_strdup_printf ("%04u-%02u-%02u %02ld:%02ld:%02ld", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          seconds / 3600, (seconds / 60) % 60, seconds % 60);
}

static char *
format_number (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == text || *end != '\0' || !isfinite (value))
    return g_strdup (text);
  /* an integer written out in full keeps every digit (a double would round past 15) */
  if (strspn (text + (text[0] == '-'), "0123456789") == strlen (text + (text[0] == '-')))
    return g_strdup (text);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

static char *
cell_text (Pass       *pass,
           SheetState *state)
{
  Workbook *book = pass->book;
  const char *t = state->type;
  const char *v = state->value;

  if (g_str_equal (t, "inlineStr"))
    return g_strndup (state->inline_text->str, state->inline_text->len);
  if (v == NULL)
    return NULL;
  if (g_str_equal (t, "s"))
    {
      guint64 index = g_ascii_strtoull (v, NULL, 10);

      if (index >= book->strings->len)
        return NULL;
      return g_strdup (g_ptr_array_index (book->strings, index));
    }
  if (g_str_equal (t, "str") || g_str_equal (t, "e") || g_str_equal (t, "b")
      || g_str_equal (t, "d"))
    return g_strdup (v);
  /* a number; dates are numbers shown through a date format */
  if (state->style < book->xf_is_date->len
      && g_array_index (book->xf_is_date, gboolean, state->style))
    {
      char *end = NULL;
      double serial = g_ascii_strtod (v, &end);
      char *date = end != v ? format_serial_date (serial, book->date1904) : NULL;

      if (date != NULL)
        return date;
    }
  return format_number (v);
}

static void
sheet_start (Pass          *pass,
             const char    *name,
             const xmlChar **attrs,
             int             n)
{
  SheetState *state = pass->data;
  char value[64];

  if (g_str_equal (name, "row"))
    {
      SheetRow row;
      guint number = state->next_row;

      if (attr (attrs, n, "r", value, sizeof value))
        number = (guint) g_ascii_strtoull (value, NULL, 10);
      if (number < state->next_row || number > 1048576)
        {
          g_set_error (&pass->error, GD_ERROR, GD_ERROR_INVALID,
                       _("the workbook is damaged: row %u is out of order"), number);
          return;
        }
      if (state->rows->len >= GD_TABLE_MAX_ROWS + 1000)
        {
          g_set_error (&pass->error, GD_ERROR, GD_ERROR_INVALID,
                       _("the sheet has more than %u rows; split it into smaller files"),
                       GD_TABLE_MAX_ROWS);
          return;
        }
      row.number = number;
      row.cells = g_ptr_array_new_with_free_func (g_free);
      g_array_append_val (state->rows, row);
      state->next_row = number + 1;
      state->next_col = 0;
    }
  else if (g_str_equal (name, "c"))
    {
      state->col = state->next_col;
      if (attr (attrs, n, "r", value, sizeof value) && !parse_ref (value, &state->col, NULL))
        {
          g_set_error (&pass->error, GD_ERROR, GD_ERROR_INVALID,
                       _("the workbook is damaged: bad cell reference %s"), value);
          return;
        }
      state->next_col = state->col + 1;
      if (!attr (attrs, n, "t", state->type, sizeof state->type))
        strcpy (state->type, "n");
      state->style = attr (attrs, n, "s", value, sizeof value)
                     ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
      g_clear_pointer (&state->value, g_free);
      g_string_truncate (state->inline_text, 0);
    }
  else if (g_str_equal (name, "v"))
    {
      pass->collecting = TRUE;
      g_string_truncate (pass->text, 0);
    }
  else if (g_str_equal (name, "is"))
    state->in_inline = TRUE;
  else if (g_str_equal (name, "t") && state->in_inline)
    {
      pass->collecting = TRUE;
      g_string_truncate (pass->text, 0);
    }
  else if (g_str_equal (name, "rPh"))
    state->in_inline = FALSE;
  else if (g_str_equal (name, "mergeCell") && attr (attrs, n, "ref", value, sizeof value))
    {
      g_auto(GStrv) ends = g_strsplit (value, ":", 2);
      guint range[4];

      if (g_strv_length (ends) == 2 && parse_ref (ends[0], &range[1], &range[0])
          && parse_ref (ends[1], &range[3], &range[2])
          && range[2] >= range[0] && range[3] >= range[1] && state->merges->len < 100000)
        g_array_append_vals (state->merges, range, 4);
    }
}

static void
sheet_end (Pass       *pass,
           const char *name)
{
  SheetState *state = pass->data;

  if (g_str_equal (name, "v") && pass->collecting)
    {
      g_free (state->value);
      state->value = g_strndup (pass->text->str, pass->text->len);
      pass->collecting = FALSE;
    }
  else if (g_str_equal (name, "t") && pass->collecting)
    {
      g_string_append_len (state->inline_text, pass->text->str, pass->text->len);
      pass->collecting = FALSE;
    }
  else if (g_str_equal (name, "is"))
    state->in_inline = FALSE;
  else if (g_str_equal (name, "c") && state->rows->len > 0)
    {
      SheetRow *row = &g_array_index (state->rows, SheetRow, state->rows->len - 1);
      char *text = cell_text (pass, state);

      if (text == NULL || *text == '\0')
        {
          g_free (text);
          return;
        }
      if (state->col >= GD_TABLE_MAX_COLUMNS)
        {
          g_free (text);
          g_set_error (&pass->error, GD_ERROR, GD_ERROR_INVALID,
                       _("row %u has more than %u columns"), row->number, GD_TABLE_MAX_COLUMNS);
          return;
        }
      if (row->cells->len <= state->col)
        g_ptr_array_set_size (row->cells, state->col + 1);
      g_free (row->cells->pdata[state->col]);
      row->cells->pdata[state->col] = text;
    }
}

/* The value of a merged range's first cell fills the range. */
static void
apply_merges (SheetState *state)
{
  for (guint m = 0; m + 3 < state->merges->len; m += 4)
    {
      guint *range = &g_array_index (state->merges, guint, m);
      const char *value = NULL;

      if (range[3] >= GD_TABLE_MAX_COLUMNS)
        continue;
      guint lo = 0, hi = state->rows->len;

      /* rows are in ascending order: the range's first row by bisection, so that a register
       * with a merged 户号 per household costs rows + merges, not rows × merges */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (state->rows, SheetRow, mid).number < range[0])
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint r = lo; r < state->rows->len; r++)
        {
          SheetRow *row = &g_array_index (state->rows, SheetRow, r);

          if (row->number > range[2])
            break;
          if (row->number == range[0])
            value = range[1] < row->cells->len ? g_ptr_array_index (row->cells, range[1]) : NULL;
          if (value == NULL)
            break;
          if (row->cells->len <= range[3])
            g_ptr_array_set_size (row->cells, range[3] + 1);
          for (guint c = range[1]; c <= range[3]; c++)
            if (row->cells->pdata[c] == NULL)
              row->cells->pdata[c] = g_strdup (value);
        }
    }
}

/* ---- opening ---- */

static gboolean
open_workbook (Workbook    *book,
               const char  *path,
               GError     **error)
{
  g_autoptr(GObject) input_object = NULL;
  g_autoptr(GError) local = NULL;
  GsfInput *input;
  Pass pass = { book };

  gsf_init ();
  if (book->max_inflated == 0)
    book->max_inflated = GD_XLSX_MAX_INFLATED_BYTES;
  book->sheet_names = g_ptr_array_new_with_free_func (g_free);
  book->sheet_rids = g_ptr_array_new_with_free_func (g_free);
  book->rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->xf_is_date = g_array_new (FALSE, FALSE, sizeof (gboolean));
  book->date_formats = g_hash_table_new (NULL, NULL);

  if ((input = gsf_input_stdio_new (path, &local)) == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  input_object = G_OBJECT (input);
  if (gsf_input_size (input) > GD_XLSX_MAX_FILE_BYTES)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("%s is larger than %u MB; split it into smaller files"), path,
                   GD_XLSX_MAX_FILE_BYTES / (1024 * 1024));
      return FALSE;
    }
  if ((book->zip = gsf_infile_zip_new (input, NULL)) == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("%s is not an Excel workbook (.xlsx); an old .xls must be saved as .xlsx "
                     "first"), path);
      return FALSE;
    }
  pass.start = workbook_start;
  if (!run_pass (&pass, "xl/workbook.xml", FALSE, error))
    return FALSE;
  pass.start = rels_start;
  return run_pass (&pass, "xl/_rels/workbook.xml.rels", FALSE, error);
}

char **
gd_xlsx_list_sheets (const char  *path,
                     GError     **error)
{
  Workbook book = { 0 };
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (path != NULL, NULL);
  if (!open_workbook (&book, path, error))
    {
      workbook_clear (&book);
      return NULL;
    }
  builder = g_strv_builder_new ();
  for (guint i = 0; i < book.sheet_names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (book.sheet_names, i));
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  workbook_clear (&book);
  return names;
}

static GdTable *
read_sheet (Workbook    *book,
            const char  *sheet,
            GError     **error)
{
  g_autoptr(GdTable) table = gd_table_new ();
  StringsState strings = { NULL };
  StylesState styles = { 0 };
  SheetState state = { 0 };
  Pass pass = { book };
  const char *target = NULL;
  gboolean ok;
  guint index = 0;

  if (book->sheet_names->len == 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("the workbook has no sheets"));
      return NULL;
    }
  if (sheet != NULL)
    {
      for (index = 0; index < book->sheet_names->len; index++)
        if (g_str_equal (g_ptr_array_index (book->sheet_names, index), sheet))
          break;
      if (index == book->sheet_names->len)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("the workbook has no sheet named '%s'"), sheet);
          return NULL;
        }
    }
  target = g_hash_table_lookup (book->rels, g_ptr_array_index (book->sheet_rids, index));
  if (target == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("the workbook is damaged: a sheet has no part"));
      return NULL;
    }

  strings.item = g_string_new (NULL);
  pass.start = strings_start;
  pass.end = strings_end;
  pass.data = &strings;
  ok = run_pass (&pass, "xl/sharedStrings.xml", TRUE, error);
  g_string_free (strings.item, TRUE);
  if (!ok && error != NULL && *error != NULL)
    return NULL;

  pass.start = styles_start;
  pass.end = styles_end;
  pass.data = &styles;
  if (!run_pass (&pass, "xl/styles.xml", TRUE, error) && error != NULL && *error != NULL)
    return NULL;

  state.rows = g_array_new (FALSE, FALSE, sizeof (SheetRow));
  g_array_set_clear_func (state.rows, sheet_row_clear);
  state.merges = g_array_new (FALSE, FALSE, sizeof (guint));
  state.inline_text = g_string_new (NULL);
  state.next_row = 1;
  pass.start = sheet_start;
  pass.end = sheet_end;
  pass.data = &state;
  ok = run_pass (&pass, target, FALSE, error);
  if (ok)
    {
      apply_merges (&state);
      for (guint r = 0; ok && r < state.rows->len; r++)
        {
          SheetRow *row = &g_array_index (state.rows, SheetRow, r);
          ok = gd_table_append (table, row->number, row->cells, error);
        }
    }
  g_array_unref (state.rows);
  g_array_unref (state.merges);
  g_string_free (state.inline_text, TRUE);
  g_free (state.value);
  return ok ? g_steal_pointer (&table) : NULL;
}

GdTable *
gd_xlsx_read_file (const char  *path,
                   const char  *sheet,
                   GError     **error)
{
  return gd_xlsx_read_file_bounded (path, sheet, GD_XLSX_MAX_INFLATED_BYTES, error);
}

GdTable *
gd_xlsx_read_file_bounded (const char  *path,
                           const char  *sheet,
                           guint64      max_inflated,
                           GError     **error)
{
  Workbook book = { 0 };
  GdTable *table = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  book.max_inflated = max_inflated;
  if (open_workbook (&book, path, error))
    table = read_sheet (&book, sheet, error);
  workbook_clear (&book);
  return table;
}
