/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV and XLSX readers against files written by Python's codecs and openpyxl. */
#define G_LOG_DOMAIN "test-table-readers"
#include "config.h"

#include <glib/gstdio.h>

#include "gd-csv.h"
#include "gd-error.h"
#include "gd-test-import.h"
#include "gd-xlsx-reader.h"

typedef struct {
  char *dir;
} Fixture;

static void
setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) made = NULL;

  fixture->dir = g_dir_make_tmp ("gd-readers-XXXXXX", &error);
  g_assert_no_error (error);
  made = import_fixture_make ("csv-edges", fixture->dir, NULL);
}

static void
teardown (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GdTable *
read_csv (Fixture *fixture, const char *name, GdCsvEncoding encoding, GdCsvEncoding *detected,
          GError **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  return gd_csv_read_file (path, encoding, detected, error);
}

static void
assert_row (GdTable *table, guint index, guint number, const char *first, const char *second)
{
  const GdTableRow *row = gd_table_get_row (table, index);

  g_assert_cmpuint (row->number, ==, number);
  g_assert_cmpstr (gd_table_row_get (row, 0), ==, first);
  g_assert_cmpstr (gd_table_row_get (row, 1), ==, second);
}

static void
test_csv_bom (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GdCsvEncoding detected = GD_CSV_ENCODING_AUTO;
  g_autoptr(GdTable) table = read_csv (fixture, "bom.csv", GD_CSV_ENCODING_AUTO, &detected, &error);

  g_assert_no_error (error);
  g_assert_cmpint (detected, ==, GD_CSV_ENCODING_UTF8);
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 2);
  /* the BOM is not part of the first header */
  assert_row (table, 0, 1, "姓名", "备注");
  assert_row (table, 1, 2, "王𣵦", "甲");
}

static void
test_csv_gb18030 (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GdCsvEncoding detected = GD_CSV_ENCODING_AUTO;
  g_autoptr(GdTable) table = read_csv (fixture, "gb18030.csv", GD_CSV_ENCODING_AUTO, &detected, &error);

  g_assert_no_error (error);
  g_assert_cmpint (detected, ==, GD_CSV_ENCODING_GB18030);
  /* the trailing empty line opens no row; the multi-line cell is one row */
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 3);
  assert_row (table, 1, 2, "王𣵦", "多行\n备注，含\"引号\", 和逗号");
  assert_row (table, 2, 3, "李四", "乙");
}

static void
test_csv_quotes (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = read_csv (fixture, "quotes.csv", GD_CSV_ENCODING_UTF8, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 3);
  assert_row (table, 1, 2, "张,三", "他说\"好\"");
  assert_row (table, 2, 3, "赵\n六", "丁");
}

static void
test_csv_trailing (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = read_csv (fixture, "trailing.csv", GD_CSV_ENCODING_AUTO, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 2);
  assert_row (table, 1, 2, "钱七", "戊");
}

static void
test_csv_unknown_encoding (Fixture *fixture, gconstpointer data)
{
  const char *names[] = { "latin1.csv", "utf16.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdTable) table = read_csv (fixture, names[i], GD_CSV_ENCODING_AUTO, NULL, &error);

      g_assert_null (table);
      g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "neither UTF-8 nor GB18030"));
    }
}

static void
test_csv_damaged_utf8 (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = read_csv (fixture, "damaged.csv", GD_CSV_ENCODING_AUTO, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the file is UTF-8 but damaged near line 4; save it again from Excel");
}

static void
test_csv_unclosed_quote (void)
{
  const char text[] = "a,b\r\nc,\"never\r\nclosed\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = gd_csv_parse (text, sizeof text - 1, GD_CSV_ENCODING_AUTO, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 2: a quoted field is never closed");
}

static void
test_csv_round_trip (Fixture *fixture, gconstpointer data)
{
  const char *cells[] = { "王𣵦", "a,b", "say \"hi\"", "two\nlines", NULL, " lead" };
  GdCsvEncoding encodings[] = { GD_CSV_ENCODING_UTF8, GD_CSV_ENCODING_GB18030 };

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr(GdCsvWriter) writer = gd_csv_writer_new (stream, encodings[e]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdTable) table = NULL;
      GdCsvEncoding detected;
      const char *bytes;
      gsize size;

      g_assert_true (gd_csv_writer_row (writer, cells, G_N_ELEMENTS (cells), &error));
      g_assert_true (g_output_stream_close (stream, NULL, &error));
      bytes = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
      size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
      g_assert_cmpint (memcmp (bytes, "\xef\xbb\xbf", 3) == 0, ==, encodings[e] == GD_CSV_ENCODING_UTF8);
      table = gd_csv_parse (bytes, size, GD_CSV_ENCODING_AUTO, &detected, &error);
      g_assert_no_error (error);
      g_assert_cmpint (detected, ==, encodings[e]);
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        g_assert_cmpstr (gd_table_row_get (gd_table_get_row (table, 0), i), ==,
                         cells[i] != NULL ? cells[i] : "");
    }
}

static void
test_xlsx_merged (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "merged.xlsx", NULL);
  g_autoptr(JsonNode) made = import_fixture_make ("merged", path, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = gd_xlsx_list_sheets (path, &error);
  g_autoptr(GdTable) first = NULL;
  g_autoptr(GdTable) table = NULL;
  const GdTableRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sheets), ==, 2);
  g_assert_cmpstr (sheets[1], ==, "户籍");

  first = gd_xlsx_read_file (path, NULL, &error);
  g_assert_no_error (error);
  assert_row (first, 0, 1, "only", "first");

  table = gd_xlsx_read_file (path, "户籍", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 5);
  /* an ID typed as a number was rounded by the writer (openpyxl as Excel): it reads as written,
   * for the importer to refuse plainly */
  g_assert_cmpstr (gd_table_row_get (gd_table_get_row (table, 4), 3), ==, "3.2090219850312e+17");
  /* the title merged over A1:D1 fills the row */
  assert_row (table, 0, 1, "新兴村人口信息采集表", "新兴村人口信息采集表");
  row = gd_table_get_row (table, 2);
  g_assert_cmpstr (gd_table_row_get (row, 1), ==, "王𣵦");
  g_assert_cmpstr (gd_table_row_get (row, 2), ==, "1985-03-12");
  g_assert_cmpstr (gd_table_row_get (row, 3), ==, "42");
  /* the 户号 merged over A3:A4 reaches the second row */
  row = gd_table_get_row (table, 3);
  g_assert_cmpuint (row->number, ==, 4);
  g_assert_cmpstr (gd_table_row_get (row, 0), ==, "H1");
  g_assert_cmpstr (gd_table_row_get (row, 2), ==, "2026-12-01 09:30:00");
  g_assert_cmpstr (gd_table_row_get (row, 3), ==, "3.5");

  g_clear_error (&error);
  g_assert_null (gd_xlsx_read_file (path, "没有", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

static void
test_xlsx_not_a_workbook (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bom.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (gd_xlsx_read_file (path, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

static void
test_xlsx_hostile (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) made = import_fixture_make ("hostile", fixture->dir, NULL);
  g_autofree char *bomb = g_build_filename (fixture->dir, "bomb.xlsx", NULL);
  g_autofree char *wide = g_build_filename (fixture->dir, "wide.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdTable) table = NULL;

  /* 64 MB of blanks in a small zip: stopped at the cap, not read to the end */
  g_assert_null (gd_xlsx_read_file_bounded (bomb, NULL, 16 * 1024 * 1024, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the workbook unpacks to more than 16 MB; refused");
  g_clear_error (&error);
  /* under the default cap the same file is just an empty sheet */
  table = gd_xlsx_read_file (bomb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gd_table_get_n_rows (table), ==, 0);

  g_assert_null (gd_xlsx_read_file (wide, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 1 has more than 256 columns");
}

static void
test_csv_caps (void)
{
  g_autoptr(GString) wide = g_string_new ("a");
  g_autoptr(GString) tall = g_string_new ("\"");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (wide, ",x");
  g_assert_null (gd_csv_parse (wide->str, wide->len, GD_CSV_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 1 has more than 256 columns");
  g_clear_error (&error);

  /* a row padded with empty cells far past the cap is fine */
  {
    g_autoptr(GString) padded = g_string_new ("a,b");
    g_autoptr(GdTable) table = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (padded, ',');
    g_string_append (padded, "\r\nc,d\r\n");
    table = gd_csv_parse (padded->str, padded->len, GD_CSV_ENCODING_AUTO, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gd_table_get_row (table, 0)->n_cells, ==, 2);
    g_assert_cmpstr (gd_table_row_get (gd_table_get_row (table, 1), 1), ==, "d");
  }

  /* one quoted cell longer than Excel's 32,767 characters */
  for (guint i = 0; i < 40000; i++)
    g_string_append (tall, "字");
  g_string_append (tall, "\"\n");
  g_assert_null (gd_csv_parse (tall->str, tall->len, GD_CSV_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 1: a cell is longer than Excel allows");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/csv/bom", Fixture, NULL, setup, test_csv_bom, teardown);
  g_test_add ("/csv/gb18030", Fixture, NULL, setup, test_csv_gb18030, teardown);
  g_test_add ("/csv/quotes", Fixture, NULL, setup, test_csv_quotes, teardown);
  g_test_add ("/csv/trailing", Fixture, NULL, setup, test_csv_trailing, teardown);
  g_test_add ("/csv/unknown-encoding", Fixture, NULL, setup, test_csv_unknown_encoding, teardown);
  g_test_add ("/csv/damaged-utf8", Fixture, NULL, setup, test_csv_damaged_utf8, teardown);
  g_test_add_func ("/csv/unclosed-quote", test_csv_unclosed_quote);
  g_test_add ("/csv/round-trip", Fixture, NULL, setup, test_csv_round_trip, teardown);
  g_test_add ("/xlsx/merged", Fixture, NULL, setup, test_xlsx_merged, teardown);
  g_test_add ("/xlsx/not-a-workbook", Fixture, NULL, setup, test_xlsx_not_a_workbook, teardown);
  g_test_add ("/xlsx/hostile", Fixture, NULL, setup, test_xlsx_hostile, teardown);
  g_test_add_func ("/csv/caps", test_csv_caps);
  return g_test_run ();
}
