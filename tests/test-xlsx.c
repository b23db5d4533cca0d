/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-xlsx"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gd-error.h"
#include "gd-xlsx.h"

/* Debian's python3 has openpyxl (python3-openpyxl); the one first on PATH may not. */
#define PYTHON "/usr/bin/python3"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gd-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static guint
entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

/* Runs a Python snippet with openpyxl on path; returns its stdout. */
static char *
openpyxl (const char *path,
          const char *script)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { PYTHON, "-c", script, path, NULL };

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl failed: %s", err);
  return g_steal_pointer (&out);
}

static void
test_text_width (void)
{
  g_assert_cmpuint (gd_xlsx_text_width ("abc"), ==, 3);
  g_assert_cmpuint (gd_xlsx_text_width ("网格"), ==, 4);
  g_assert_cmpuint (gd_xlsx_text_width ("A区：1号"), ==, 1 + 2 + 2 + 1 + 2);
  g_assert_cmpuint (gd_xlsx_text_width (""), ==, 0);
  g_assert_cmpuint (gd_xlsx_text_width (NULL), ==, 0);
  g_assert_cmpuint (gd_xlsx_text_width ("\xff\xfe"), ==, 0);
}

static const char *const headers[] = { "网格", "事件数", "办结率", "平均时长", "日期", "上报时间",
                                       NULL };

static void
write_book (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdXlsx) book = gd_xlsx_new (path, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 1, 7, 5, 0);
  GdXlsxSheet *sheet;

  g_assert_no_error (error);
  sheet = gd_xlsx_add_sheet (book, "网格排名", headers, &error);
  g_assert_no_error (error);

  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, "城南社区第一网格（老街片区）");
  gd_xlsx_int (sheet, 1234);
  gd_xlsx_percent (sheet, 0.9963);
  gd_xlsx_number (sheet, 2.345, 1);
  gd_xlsx_date (sheet, 2026, 11, 1);
  gd_xlsx_datetime (sheet, when);

  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, "B");
  gd_xlsx_skip (sheet);
  gd_xlsx_percent (sheet, 0.0);
  gd_xlsx_number (sheet, 0.0 / 0.0, 1); /* NaN: left empty */
  gd_xlsx_date (sheet, 2026, 2, 30);    /* invalid: left empty */
  gd_xlsx_text (sheet, NULL);
  g_assert_cmpuint (gd_xlsx_rows (sheet), ==, 2);

  /* a second sheet with a name Excel would refuse as is */
  sheet = gd_xlsx_add_sheet (book, "a/b:c", (const char *const[]) { "n", NULL }, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 1000; i++)
    {
      gd_xlsx_row (sheet);
      gd_xlsx_int (sheet, i);
    }
  /* longer than a cell holds: cut at a character, the book still written */
  {
    GString *long_text = g_string_new (NULL);
    while (long_text->len < 40000)
      g_string_append (long_text, "网格");
    gd_xlsx_row (sheet);
    gd_xlsx_text (sheet, long_text->str);
    g_string_free (long_text, TRUE);
  }

  g_assert_null (gd_xlsx_add_sheet (book, "网格排名", headers, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gd_xlsx_close (g_steal_pointer (&book), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "报表.xlsx", NULL);
  g_autofree char *out = NULL;
  GStatBuf st;
  mode_t old = umask (0);

  write_book (path);
  umask (old);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (entries (dir), ==, 1); /* no temporary left beside it */

  out = openpyxl (path,
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print('|'.join(wb.sheetnames))\n"
    "ws = wb['网格排名']\n"
    "print(ws.freeze_panes, ws['A1'].font.b, ws['A2'].font.b)\n"
    "print([c.value for c in ws[1]])\n"
    "r = ws[2]\n"
    "print(r[0].value, repr(r[1].value), repr(r[2].value), r[2].number_format,"
    " repr(r[3].value), r[3].number_format, r[4].value.date(), r[4].number_format,"
    " r[5].value, r[5].number_format)\n"
    "r = ws[3]\n"
    "print([c.value for c in r])\n"
    "print(*(int(ws.column_dimensions[c].width) for c in 'ABC'))\n"
    "ws = wb['a_b_c']\n"
    "print(ws.max_row, ws.cell(1001, 1).value, ws.freeze_panes, len(ws.cell(1002, 1).value))\n");
  /* make deps installs Debian's python3-openpyxl: its absence is a failure, not a skip */
  g_assert_nonnull (out);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), >=, 8);
    g_assert_cmpstr (lines[0], ==, "网格排名|a_b_c");
    g_assert_cmpstr (lines[1], ==, "A2 True False");
    g_assert_cmpstr (lines[2], ==,
                     "['网格', '事件数', '办结率', '平均时长', '日期', '上报时间']");
    /* numbers, not text, with their formats */
    g_assert_cmpstr (lines[3], ==,
                     "城南社区第一网格（老街片区） 1234 0.9963 0.00% 2.345 0.0 2026-11-01 "
                     "yyyy-mm-dd 2026-11-01 07:05:00 yyyy-mm-dd hh:mm");
    g_assert_cmpstr (lines[4], ==, "['B', None, 0, None, None, None]");
    /* widths as stored (Excel adds a few pixels): 14 wide characters = 28, plus 2; 事件数 = 6 + 2 → at least the minimum 6; 99.63% = 6 + 2 */
    g_assert_cmpstr (lines[5], ==, "30 8 8");
    g_assert_cmpstr (lines[6], ==, "1002 999 A2 10922");
  }
  remove_dir (dir);
}

/* an aborted workbook, or one whose folder is gone, leaves nothing */
static void
test_abort_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "x.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.xlsx", NULL);

  {
    g_autoptr(GdXlsx) book = gd_xlsx_new (path, &error);
    GdXlsxSheet *sheet;
    g_assert_no_error (error);
    sheet = gd_xlsx_add_sheet (book, "s", headers, &error);
    gd_xlsx_row (sheet);
    gd_xlsx_text (sheet, "张三 320902198503120026");
    /* book goes out of scope: g_autoptr aborts */
  }
  g_assert_cmpuint (entries (dir), ==, 0);

  g_assert_null (gd_xlsx_new (missing, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_IO);
  g_assert_cmpuint (entries (dir), ==, 0);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/text-width", test_text_width);
  g_test_add_func ("/xlsx/round-trip", test_round_trip);
  g_test_add_func ("/xlsx/abort-leaves-nothing", test_abort_leaves_nothing);
  return g_test_run ();
}
