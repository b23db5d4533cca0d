/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-cli.c: `griddesk-ctl report` end to end on the fixture of test-report-fixture.h.
 * pdftotext must find the scope, the period and the figures the core computes in the PDF;
 * pdftoppm must render every page with ink, and the charts' colours on the chart page;
 * Debian's openpyxl must read the same numbers from the workbook; bad arguments exit 1 or 2
 * and write no file; every export leaves an audit entry. Chinese catalogue, as a centre
 * would print it. */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "gd-report-rows.h"
#include "gd-report.h"
#include "gd-test-run.h"
#include "test-report-fixture.h"

#define PYTHON "/usr/bin/python3"

static const char *ctl_path;

static void
setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_setup (f, data);
  report_fixture_fill (f->store);
}

/* the operator is named, so the PDF's "prepared by" can be checked */
static int
run (StoreFixture *f, const char **argv, char **out, char **err)
{
  g_setenv ("GRIDDESK_OPERATOR", "周丽", TRUE);
  return gd_test_run (f->dir, argv, out, err);
}

static int
report (StoreFixture *f, const char *kind, const char *scope, const char *date,
        const char *output, char **err)
{
  const char *argv[] = { ctl_path, "--db", f->path, "report", kind, "--scope", scope,
                         "--date", date, "-o", output, NULL };
  return run (f, argv, NULL, err);
}

static GdReport *
core_report (StoreFixture *f, const char *scope, GdReportKind kind, const char *date)
{
  g_autoptr(GError) error = NULL;
  GDate day;
  GdReport *r;

  g_assert_true (gd_date_parse (date, &day));
  r = gd_report_build (f->store, scope, kind, &day, NULL, &error);
  g_assert_no_error (error);
  return r;
}

static gint64
audit_count (StoreFixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'report' AND detail LIKE 'griddesk-ctl report %'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
pdf_text (StoreFixture *f, const char *pdf, int page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-layout", "-f", first, "-l", first, pdf, "-", NULL };
  char *out = NULL;

  g_assert_cmpint (run (f, page > 0 ? one : all, &out, NULL), ==, 0);
  return out;
}

/* The line of `text` whose first word is `label`, split into words. */
static GStrv
row_of (const char *text, const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      if (words[0] != NULL && g_str_equal (words[0], label))
        return g_steal_pointer (&words);
    }
  g_error ("no line starts with %s in\n%s", label, text);
}

static guint
count_pages (StoreFixture *f, const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *pages;

  g_assert_cmpint (run (f, argv, &out, NULL), ==, 0);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) atoi (pages + 6);
}

typedef struct { guint dark, blue, green, orange; } Ink;

static gboolean
near (guint32 pixel, int r, int g, int b)
{
  return ABS ((int) ((pixel >> 16) & 0xff) - r) < 24 && ABS ((int) ((pixel >> 8) & 0xff) - g) < 24
         && ABS ((int) (pixel & 0xff) - b) < 24;
}

static Ink
page_ink (StoreFixture *f, const char *pdf, guint page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *prefix = g_strdup_printf ("%s-%u", pdf, page);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-f", number, "-l", number, "-singlefile",
                         "-png", pdf, prefix, NULL };
  cairo_surface_t *image;
  Ink ink = { 0 };
  int width, height, stride;
  guchar *data;

  g_assert_cmpint (run (f, argv, NULL, NULL), ==, 0);
  {
    g_autofree char *path = g_build_filename (f->dir, png, NULL);
    image = cairo_image_surface_create_from_png (path);
  }
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  g_assert_cmpint (width, >=, 413);  /* A4 portrait at 50 dpi */
  g_assert_cmpint (height, >=, 584);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(guint32 *) (data + y * stride + x * 4);
        if (((p >> 16) & 0xff) < 128 && ((p >> 8) & 0xff) < 128 && (p & 0xff) < 128)
          ink.dark++;
        /* the charts' colours (gd-report-charts.c) */
        ink.blue += near (p, 59, 110, 166);
        ink.green += near (p, 77, 153, 41);
        ink.orange += near (p, 217, 130, 43);
      }
  cairo_surface_destroy (image);
  return ink;
}

static void
test_pdf (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdReport) r = core_report (f, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, "2026-11-05");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "月通报.pdf", NULL);
  guint n_rows, n_pages, chart_page = 0;
  const GdReportFigureRow *rows = gd_report_figure_rows (&n_rows);
  GStatBuf st;

  g_assert_cmpint (report (f, "monthly", FIXTURE_VILLAGE, "2026-11-05", "月通报.pdf", &err), ==, 0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (audit_count (f), ==, 1);

  text = pdf_text (f, "月通报.pdf", 0);
  g_assert_nonnull (strstr (text, "新兴村月通报"));
  g_assert_nonnull (strstr (text, "新兴村（320902101001）"));
  g_assert_nonnull (strstr (text, "2026年11月"));
  g_assert_nonnull (strstr (text, "2026-11-01 — 2026-11-30"));
  g_assert_nonnull (strstr (text, "周丽"));
  g_assert_nonnull (strstr (text, "第一网格"));
  g_assert_nonnull (strstr (text, "第二网格"));
  g_assert_nonnull (strstr (text, "第 1页"));
  /* every key figure, this period and the previous one, as the core has it */
  for (guint i = 0; i < n_rows; i++)
    {
      g_auto(GStrv) words = row_of (text, _(rows[i].label));
      g_autofree char *now = gd_report_format_figure (rows[i].format,
                                                      rows[i].value (&r->figures[GD_REPORT_NOW]));
      g_autofree char *before = gd_report_format_figure (rows[i].format,
                                                         rows[i].value (&r->figures[GD_REPORT_PREVIOUS]));
      g_autofree char *year = gd_report_format_figure (rows[i].format,
                                                       rows[i].value (&r->figures[GD_REPORT_LAST_YEAR]));

      g_assert_cmpuint (g_strv_length (words), >=, 4);
      g_assert_cmpstr (words[1], ==, now);
      g_assert_cmpstr (words[2], ==, before);
      g_assert_cmpstr (words[g_strv_length (words) - 1], ==, year);
    }
  /* the fixture's answers, so the core's are not merely echoed */
  {
    g_auto(GStrv) reported = row_of (text, "上报事件");
    g_auto(GStrv) closure = row_of (text, "办结率");
    g_assert_cmpstr (reported[1], ==, "3");
    g_assert_cmpstr (reported[2], ==, "2");
    g_assert_cmpstr (closure[1], ==, "66.67%");
  }
  /* the analysis: grid A rose from 2 to 3; data quality of grid A: H1 without coordinates,
   * one birth date against its ID, H2's left-behind child not visited */
  {
    g_auto(GStrv) hot = row_of (text, "事件上升网格");
    g_auto(GStrv) quality = row_of (text, "第一网格");
    g_assert_cmpstr (hot[1], ==, "第一网格");
    g_assert_cmpstr (hot[2], ==, "3");
    g_assert_cmpstr (hot[3], ==, "2");
    g_assert_cmpuint (g_strv_length (quality), ==, 6);
    g_assert_cmpstr (quality[1], ==, "1");
    g_assert_cmpstr (quality[2], ==, "0");
    g_assert_cmpstr (quality[3], ==, "1");
    g_assert_cmpstr (quality[4], ==, "1");
    g_assert_cmpstr (quality[5], ==, "0");
  }

  /* a party in two disputes is listed, masked */
  g_assert_nonnull (strstr (text, "王*"));
  g_assert_null (strstr (text, "王五"));
  g_assert_null (strstr (text, WANG_ID));

  n_pages = count_pages (f, "月通报.pdf");
  g_assert_cmpuint (n_pages, >=, 2);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = pdf_text (f, "月通报.pdf", (int) page);
      Ink ink = page_ink (f, "月通报.pdf", page);

      g_assert_cmpuint (ink.dark, >, 200);
      if (strstr (page_text, "每日趋势") != NULL)
        {
          chart_page = page;
          /* the trend's lines, the category bars and the donut: all three colours */
          g_assert_cmpuint (ink.blue, >, 100);
          g_assert_cmpuint (ink.green, >, 20);
          g_assert_cmpuint (ink.orange, >, 20);
          g_assert_nonnull (strstr (page_text, "事件类别分布"));
          g_assert_nonnull (strstr (page_text, "事件办理层级"));
        }
    }
  g_assert_cmpuint (chart_page, >, 0);
}

static void
test_workbook (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdReport) r = core_report (f, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, "2026-11-05");
  g_autofree char *xlsx = g_build_filename (f->dir, "m.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_rows;
  const GdReportFigureRow *rows = gd_report_figure_rows (&n_rows);
  g_autofree char *code = NULL;
  const char *argv[] = { PYTHON, "-c", NULL, xlsx, NULL };
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  code = g_strdup_printf (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "ws = wb.worksheets[0]\n"
    "print(ws.freeze_panes)\n"
    "for row in ws.iter_rows(min_row=2, max_row=%u):\n"
    "    print('|'.join(repr(c.value) for c in row[1:4]) + '|' + row[1].number_format)\n"
    "g = wb.worksheets[1]\n"
    "for row in g.iter_rows(min_row=2):\n"
    "    print('G|' + '|'.join(repr(c.value) for c in row[:5]))\n"
    "inc = wb.worksheets[-1]\n"
    "print('I|%%d' %% (inc.max_row - 1))\n"
    "cells = [str(c.value) for s in wb.worksheets for r in s.iter_rows() for c in r]\n"
    "print('P|%%s' %% any(x in c for c in cells for x in ('13912345678', '欧阳玲巧', '王五', '" WANG_ID "')))\n", n_rows + 1);
  argv[2] = code;
  g_assert_cmpint (report (f, "monthly", FIXTURE_VILLAGE, "2026-11-05", "m.xlsx", &err), ==, 0);
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (audit_count (f), ==, 1);
  /* make deps installs Debian's python3-openpyxl: its absence is a failure, not a skip */
  g_assert_true (g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, argv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "A2");
  for (guint i = 0; i < n_rows; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 4);
      for (int p = GD_REPORT_NOW; p <= GD_REPORT_LAST_YEAR; p++)
        {
          double want = rows[i].value (&r->figures[p]);
          if (want < 0 && rows[i].format != GD_FIGURE_COUNT)
            g_assert_cmpstr (cells[p], ==, "None");
          else
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[p], NULL), want, 1e-9);
        }
      if (rows[i].format == GD_FIGURE_RATE && rows[i].value (&r->figures[GD_REPORT_NOW]) >= 0)
        g_assert_cmpstr (cells[3], ==, "0.00%");
    }
  /* the grids: code, name, reported, closed, closure rate */
  g_assert_cmpstr (lines[n_rows + 1], ==, "G|'" GRID_A "'|'第一网格'|3|2|0.6666666666666666");
  g_assert_cmpstr (lines[n_rows + 2], ==, "G|'" GRID_B "'|'第二网格'|0|0|None");
  g_assert_cmpstr (lines[n_rows + 3], ==, "I|3");
  /* no reporter name or phone anywhere */
  g_assert_cmpstr (lines[n_rows + 4], ==, "P|False");
}

/* refusals: each exits 1 or 2 with a message, writes no file and no audit entry */
static void
test_bad_arguments (StoreFixture *f, gconstpointer data)
{
  static const struct { const char *kind, *scope, *date, *output; int status; const char *says; }
  cases[] = {
    { "yearly", FIXTURE_VILLAGE, "2026-11-05", "x.pdf", 2, "unknown report" },
    { "monthly", "320902101009", "2026-11-05", "x.pdf", 1, "320902101009" },
    { "monthly", "3209021010", "2026-11-05", "x.xlsx", 1, "3209021010" },
    { "monthly", FIXTURE_VILLAGE, "2999-01-01", "x.pdf", 1, "晚于今天" },
    { "monthly", FIXTURE_VILLAGE, "2026-02-30", "x.pdf", 1, "2026-02-30" },
    { "monthly", FIXTURE_VILLAGE, "2026-11-05", "x.docx", 2, ".xlsx" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *path = g_build_filename (f->dir, cases[i].output, NULL);

      g_assert_cmpint (report (f, cases[i].kind, cases[i].scope, cases[i].date,
                               cases[i].output, &err), ==, cases[i].status);
      if (strstr (err, cases[i].says) == NULL)
        g_error ("case %u: no '%s' in: %s", i, cases[i].says, err);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  {
    const char *argv[] = { ctl_path, "--db", f->path, "report", "weekly", "--scope",
                           FIXTURE_VILLAGE, "-o", "y.pdf", NULL };
    g_assert_cmpint (run (f, argv, NULL, NULL), ==, 2);
  }
  /* nothing but the database and its journal in the folder */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_has_prefix (name, "test.sqlite"));
  }
  g_assert_cmpint (audit_count (f), ==, 0);
}

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("GRIDDESK_LOCALEDIR");

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "") == NULL || g_str_equal (setlocale (LC_ALL, NULL), "C"))
    setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  ctl_path = g_getenv ("GRIDDESK_CTL");
  if (ctl_path == NULL)
    g_error ("GRIDDESK_CTL must name griddesk-ctl");
  ADD ("/report-cli/pdf", test_pdf);
  ADD ("/report-cli/workbook", test_workbook);
  ADD ("/report-cli/bad-arguments", test_bad_arguments);
  return g_test_run ();
}
