/* gd-csv.h: CSV files as Excel and older platforms write them.
 *
 * Reading: UTF-8 with or without a byte-order mark, or GB18030 (what Excel's "CSV" writes on a
 * Chinese Windows PC); anything else is refused with a clear message. Quoted fields may hold
 * commas, doubled quotes and line breaks; records end in CRLF, LF or CR; blank records (a
 * trailing empty line) are skipped. Row numbers count records, as Excel shows them.
 *
 * Writing: one record per call, quoted where needed, CRLF, in UTF-8 with a BOM (so Excel
 * recognises it) or GB18030.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gd-table.h"

G_BEGIN_DECLS

typedef enum {
  GD_CSV_ENCODING_AUTO,
  GD_CSV_ENCODING_UTF8,
  GD_CSV_ENCODING_GB18030,
} GdCsvEncoding;

#define GD_CSV_MAX_BYTES (256 * 1024 * 1024)

/* "auto", "utf-8"/"utf8", "gb18030"; FALSE (GD_ERROR_USAGE) for anything else. */
gboolean   gd_csv_encoding_parse (const char     *name,
                                  GdCsvEncoding  *encoding,
                                  GError        **error);

/* Parses `data` (any encoding as above). `detected` (optional) receives the encoding used. */
GdTable   *gd_csv_parse          (const char     *data,
                                  gsize           length,
                                  GdCsvEncoding   encoding,
                                  GdCsvEncoding  *detected,
                                  GError        **error);
/* Reads the file (at most GD_CSV_MAX_BYTES) and parses it. */
GdTable   *gd_csv_read_file      (const char     *path,
                                  GdCsvEncoding   encoding,
                                  GdCsvEncoding  *detected,
                                  GError        **error);

/* A writer into a GOutputStream. UTF-8 writers start with a BOM. */
typedef struct _GdCsvWriter GdCsvWriter;
GdCsvWriter *gd_csv_writer_new   (GOutputStream *stream,
                                  GdCsvEncoding  encoding);
/* One record of UTF-8 cells (NULL cells are empty). */
gboolean   gd_csv_writer_row     (GdCsvWriter   *writer,
                                  const char * const *cells,
                                  guint          n_cells,
                                  GError       **error);
void       gd_csv_writer_free    (GdCsvWriter   *writer);

/* A CSV file of personal data: written to a 0600 temporary beside `path` (buffered) and
 * renamed into place by gd_csv_file_commit(); gd_csv_file_abort() leaves no file. Both free
 * the file. */
typedef struct _GdCsvFile GdCsvFile;
GdCsvFile *gd_csv_file_begin     (const char     *path,
                                  GdCsvEncoding   encoding,
                                  GError        **error);
gboolean   gd_csv_file_row       (GdCsvFile      *file,
                                  const char * const *cells,
                                  guint           n_cells,
                                  GError        **error);
gboolean   gd_csv_file_commit    (GdCsvFile      *file,
                                  GError        **error);
void       gd_csv_file_abort     (GdCsvFile      *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdCsvWriter, gd_csv_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdCsvFile, gd_csv_file_abort)

G_END_DECLS
