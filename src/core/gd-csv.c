/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-csv"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-csv.h"
#include "gd-error.h"
#include "gd-private-file.h"

gboolean
gd_csv_encoding_parse (const char     *name,
                       GdCsvEncoding  *encoding,
                       GError        **error)
{
  if (name == NULL || g_ascii_strcasecmp (name, "auto") == 0)
    *encoding = GD_CSV_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (name, "utf-8") == 0 || g_ascii_strcasecmp (name, "utf8") == 0)
    *encoding = GD_CSV_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (name, "gb18030") == 0)
    *encoding = GD_CSV_ENCODING_GB18030;
  else
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE,
                   _("unknown encoding '%s' (expected auto, utf-8 or gb18030)"), name);
      return FALSE;
    }
  return TRUE;
}

/* Text decoded from GB18030 that holds control characters or private-use code points was
 * almost certainly something else (Latin-1, Shift-JIS ...) that happened to decode. */
static gboolean
plausible_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return FALSE;
      if ((c >= 0x7f && c < 0xa0) || (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000
          || !g_unichar_isdefined (c))
        return FALSE;
    }
  return TRUE;
}

/* Mostly valid UTF-8 with a few broken sequences: a UTF-8 file damaged in places, which a
 * GB18030 decoder would turn into plausible-looking nonsense. *line gets the line of the first
 * broken sequence. */
static gboolean
damaged_utf8 (const char *data,
              gsize       length,
              guint      *line)
{
  const char *p = data;
  const char *end = data + length;
  guint valid = 0, broken = 0;

  *line = 0;
  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, end - p, &bad))
        break;
      for (const char *q = p; q < bad; q++)
        if (((guchar) *q & 0xc0) == 0xc0)
          valid++;
      if (broken++ == 0)
        {
          *line = 1;
          for (const char *q = data; q < bad; q++)
            *line += *q == '\n';
        }
      /* one break is the bad byte and the continuation bytes it orphaned */
      for (p = bad + 1; p < end && ((guchar) *p & 0xc0) == 0x80; p++)
        ;
    }
  for (; p < end; p++)
    if (((guchar) *p & 0xc0) == 0xc0)
      valid++;
  return broken > 0 && valid >= 8 && broken * 8 <= valid;
}

/* The file as UTF-8 (newly allocated) or NULL with a reason. */
static char *
decode (const char     *data,
        gsize           length,
        GdCsvEncoding   encoding,
        GdCsvEncoding  *detected,
        GError        **error)
{
  g_autofree char *converted = NULL;
  gsize written = 0;
  guint line;

  if (length >= 2 && ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe))
    goto unknown; /* UTF-16: refused below with the advice */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0
      && encoding != GD_CSV_ENCODING_GB18030)
    {
      data += 3;
      length -= 3;
      encoding = GD_CSV_ENCODING_UTF8;
    }
  if (memchr (data, '\0', length) != NULL)
    goto unknown;

  if (encoding != GD_CSV_ENCODING_GB18030 && g_utf8_validate_len (data, length, NULL))
    {
      *detected = GD_CSV_ENCODING_UTF8;
      return g_strndup (data, length);
    }
  if (encoding == GD_CSV_ENCODING_UTF8)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("the file is not valid UTF-8; try --encoding gb18030"));
      return NULL;
    }
  if (encoding == GD_CSV_ENCODING_AUTO && damaged_utf8 (data, length, &line))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("the file is UTF-8 but damaged near line %u; save it again from Excel"), line);
      return NULL;
    }
  converted = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
  if (converted != NULL && (encoding == GD_CSV_ENCODING_GB18030 || plausible_text (converted)))
    {
      *detected = GD_CSV_ENCODING_GB18030;
      return g_steal_pointer (&converted);
    }
  if (encoding == GD_CSV_ENCODING_GB18030)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("the file is not valid GB18030"));
      return NULL;
    }
unknown:
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
               _("the file's encoding is neither UTF-8 nor GB18030; save it from Excel as "
                 "\"CSV UTF-8\" or as an Excel workbook"));
  return NULL;
}

/* RFC 4180 as Excel writes it, leniently: a quote inside an unquoted field is kept. */
static GdTable *
parse_records (const char  *text,
               GError     **error)
{
  g_autoptr(GdTable) table = gd_table_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  guint number = 1;
  guint quoted_at = 0;
  gboolean quoted = FALSE;
  gboolean field_started = FALSE;

  for (;;)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                           _("row %u: a quoted field is never closed"), quoted_at);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              p++;
            }
          else if (c == '\r')
            {
              /* a line break inside a cell is one '\n', whichever the file used */
              g_string_append_c (field, '\n');
              p += p[1] == '\n' ? 2 : 1;
            }
          else
            g_string_append_c (field, *p++);
          if (field->len > GD_TABLE_MAX_CELL_BYTES)
            goto too_long;
          continue;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
          quoted_at = number;
          p++;
        }
      else if (c == ',')
        {
          /* past the column cap only empty cells are allowed (and not kept): Excel pads rows
           * to a formatted far column, but a row of a million commas costs nothing */
          if (cells->len < GD_TABLE_MAX_COLUMNS + 1)
            g_ptr_array_add (cells, g_string_free (g_steal_pointer (&field), FALSE));
          else if (field->len > 0)
            {
              g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                           _("row %u has more than %u columns"), number, GD_TABLE_MAX_COLUMNS);
              return NULL;
            }
          else
            g_string_free (g_steal_pointer (&field), TRUE);
          field = g_string_new (NULL);
          field_started = FALSE;
          p++;
        }
      else if (c == '\r' || c == '\n' || c == '\0')
        {
          if (cells->len < GD_TABLE_MAX_COLUMNS + 1 || field->len > 0)
            g_ptr_array_add (cells, g_string_free (g_steal_pointer (&field), FALSE));
          else
            g_string_free (g_steal_pointer (&field), TRUE);
          field = g_string_new (NULL);
          field_started = FALSE;
          if (!gd_table_append (table, number, cells, error))
            return NULL;
          if (c == '\0')
            break;
          p += (c == '\r' && p[1] == '\n') ? 2 : 1;
          if (*p == '\0')
            break; /* a trailing line break ends the last record, it opens none */
          number++;
        }
      else
        {
          g_string_append_c (field, *p++);
          field_started = TRUE;
          if (field->len > GD_TABLE_MAX_CELL_BYTES)
            goto too_long;
        }
    }
  return g_steal_pointer (&table);

too_long:
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
               _("row %u: a cell is longer than Excel allows"), number);
  return NULL;
}

GdTable *
gd_csv_parse (const char     *data,
              gsize           length,
              GdCsvEncoding   encoding,
              GdCsvEncoding  *detected,
              GError        **error)
{
  g_autofree char *text = NULL;
  GdCsvEncoding used = encoding;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > GD_CSV_MAX_BYTES)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("the file is larger than %u MB; split it into smaller files"),
                   GD_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if ((text = decode (data, length, encoding, &used, error)) == NULL)
    return NULL;
  if (detected != NULL)
    *detected = used;
  return parse_records (text, error);
}

GdTable *
gd_csv_read_file (const char     *path,
                  GdCsvEncoding   encoding,
                  GdCsvEncoding  *detected,
                  GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > GD_CSV_MAX_BYTES)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("%s is larger than %u MB; split it into smaller files"), path,
                   GD_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_IO, local->message);
      return NULL;
    }
  return gd_csv_parse (data, length, encoding, detected, error);
}

struct _GdCsvWriter {
  GOutputStream *stream;
  GdCsvEncoding  encoding;
  gboolean       started;
  GString       *line;
};

GdCsvWriter *
gd_csv_writer_new (GOutputStream *stream,
                   GdCsvEncoding  encoding)
{
  GdCsvWriter *writer = g_new0 (GdCsvWriter, 1);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  writer->stream = g_object_ref (stream);
  writer->encoding = encoding == GD_CSV_ENCODING_GB18030 ? encoding : GD_CSV_ENCODING_UTF8;
  writer->line = g_string_new (NULL);
  return writer;
}

void
gd_csv_writer_free (GdCsvWriter *writer)
{
  if (writer == NULL)
    return;
  g_object_unref (writer->stream);
  g_string_free (writer->line, TRUE);
  g_free (writer);
}

static void
append_cell (GString    *line,
             const char *cell)
{
  if (cell == NULL)
    return;
  if (strpbrk (cell, ",\"\r\n") == NULL && cell[0] != ' ' && cell[0] != '\t')
    {
      g_string_append (line, cell);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

gboolean
gd_csv_writer_row (GdCsvWriter         *writer,
                   const char * const  *cells,
                   guint                n_cells,
                   GError             **error)
{
  g_autofree char *converted = NULL;
  const char *out;
  gsize length;

  g_return_val_if_fail (writer != NULL, FALSE);

  g_string_truncate (writer->line, 0);
  if (!writer->started && writer->encoding == GD_CSV_ENCODING_UTF8)
    g_string_append (writer->line, "\xef\xbb\xbf");
  writer->started = TRUE;
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (writer->line, ',');
      append_cell (writer->line, cells[i]);
    }
  g_string_append (writer->line, "\r\n");

  out = writer->line->str;
  length = writer->line->len;
  if (writer->encoding == GD_CSV_ENCODING_GB18030)
    {
      converted = g_convert (out, length, "GB18030", "UTF-8", NULL, &length, error);
      if (converted == NULL)
        return FALSE;
      out = converted;
    }
  return g_output_stream_write_all (writer->stream, out, length, NULL, NULL, error);
}

struct _GdCsvFile {
  char          *temp;
  char          *path;
  GOutputStream *stream;
  GdCsvWriter   *writer;
};

static void
csv_file_free (GdCsvFile *file)
{
  g_clear_pointer (&file->writer, gd_csv_writer_free);
  g_clear_object (&file->stream);
  g_free (file->temp);
  g_free (file->path);
  g_free (file);
}

GdCsvFile *
gd_csv_file_begin (const char     *path,
                   GdCsvEncoding   encoding,
                   GError        **error)
{
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GFileOutputStream) raw = NULL;
  g_autoptr(GError) local = NULL;
  GdCsvFile *file;
  char *temp_path;

  g_return_val_if_fail (path != NULL, NULL);
  if ((temp_path = gd_private_file_begin (path, error)) == NULL)
    return NULL;
  temp = g_file_new_for_path (temp_path);
  /* appended to the empty 0600 file gd_private_file_begin made: its mode stays */
  if ((raw = g_file_append_to (temp, G_FILE_CREATE_PRIVATE, NULL, &local)) == NULL)
    {
      gd_private_file_abort (temp_path);
      g_free (temp_path);
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
  file = g_new0 (GdCsvFile, 1);
  file->temp = temp_path;
  file->path = g_strdup (path);
  file->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (raw), 256 * 1024);
  file->writer = gd_csv_writer_new (file->stream, encoding);
  return file;
}

gboolean
gd_csv_file_row (GdCsvFile           *file,
                 const char * const  *cells,
                 guint                n_cells,
                 GError             **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (file != NULL, FALSE);
  if (gd_csv_writer_row (file->writer, cells, n_cells, &local))
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s: %s", file->path, local->message);
  return FALSE;
}

gboolean
gd_csv_file_commit (GdCsvFile  *file,
                    GError    **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (file != NULL, FALSE);
  if (!g_output_stream_close (file->stream, NULL, &local))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s: %s", file->path, local->message);
      gd_csv_file_abort (file);
      return FALSE;
    }
  ok = gd_private_file_commit (file->temp, file->path, error);
  csv_file_free (file);
  return ok;
}

void
gd_csv_file_abort (GdCsvFile *file)
{
  if (file == NULL)
    return;
  g_output_stream_close (file->stream, NULL, NULL);
  gd_private_file_abort (file->temp);
  csv_file_free (file);
}
