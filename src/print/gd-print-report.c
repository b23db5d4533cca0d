/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-print-report"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-json.h"
#include "gd-codes.h"
#include "gd-print-report.h"
#include "gd-private-file.h"
#include "gd-report-charts.h"
#include "gd-report-rows.h"
#include "gd-sheet.h"

/* The report as an A4 PDF, drawn through gd-sheet: title block, key figures, charts, then
 * tables that continue across pages with their header row. */

#define TREND_HEIGHT 200
#define PAIR_HEIGHT 190
#define ANALYSIS_ROWS 10
#define KEEP 80 /* a heading keeps this much of its table with it */

typedef struct {
  const GdReport *report;
  const char     *prepared_by;
  GDateTime      *made_at;
  GPtrArray      *strings; /* texts of the current table, freed with it */
} Doc;

static const char *
keep (Doc  *doc,
      char *text)
{
  g_ptr_array_add (doc->strings, text);
  return text;
}

static const char *
figure (Doc           *doc,
        GdFigureFormat format,
        double         value)
{
  return keep (doc, gd_report_format_figure (format, value));
}

static const char *
count (Doc   *doc,
       gint64 value)
{
  return keep (doc, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* Starts a table: its header row now, and again on every page it continues on. */
static void
table_begin (GdSheet           *sheet,
             const GdSheetCell *header,
             guint              n)
{
  gd_sheet_need (sheet, 60);
  gd_sheet_row (sheet, header, n, 0);
  gd_sheet_set_table_header (sheet, header, n);
}

static void
table_end (GdSheet *sheet,
           Doc     *doc)
{
  gd_sheet_set_table_header (sheet, NULL, 0);
  g_ptr_array_set_size (doc->strings, 0);
  gd_sheet_space (sheet, 12);
}

static void
title_block (GdSheet *sheet,
             Doc     *doc)
{
  const GdReport *r = doc->report;
  g_autofree char *title = gd_report_title (r);
  g_autofree char *scope = g_strdup_printf ("%s（%s）", r->scope_name, r->scope);
  g_autofree char *period = gd_report_period_label (&r->period);
  g_autofree char *first = gd_report_period_day (&r->period, FALSE);
  g_autofree char *last = gd_report_period_day (&r->period, TRUE);
  /* a week's label already names its days; a month or quarter gets them on a second line */
  g_autofree char *range = r->period.kind == GD_REPORT_MONTHLY
                           || r->period.kind == GD_REPORT_QUARTERLY
                           ? g_strdup_printf ("%s\n%s — %s", period, first, last)
                           : g_strdup (period);
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (doc->made_at, china);
  g_autofree char *made = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *running = g_strdup_printf ("%s · %s", title, period);
  const GdSheetCell row1[] = {
    { C_("report", "Scope"), 0.12, GD_CELL_LABEL }, { scope, 0.36, 0 },
    { C_("report", "Period"), 0.12, GD_CELL_LABEL }, { range, 0.40, 0 },
  };
  const GdSheetCell row2[] = {
    { C_("report", "Prepared by"), 0.12, GD_CELL_LABEL }, { doc->prepared_by, 0.36, 0 },
    { C_("report", "Date"), 0.12, GD_CELL_LABEL }, { made, 0.40, 0 },
  };

  gd_sheet_title (sheet, title);
  gd_sheet_row (sheet, row1, G_N_ELEMENTS (row1), 0);
  gd_sheet_row (sheet, row2, G_N_ELEMENTS (row2), 0);
  gd_sheet_space (sheet, 16);
  gd_sheet_set_running_header (sheet, running);
}

static void
key_figures (GdSheet *sheet,
             Doc     *doc)
{
  const GdReport *r = doc->report;
  const GdSheetCell header[] = {
    { C_("report", "Figure"), 0.27, GD_CELL_LABEL },
    { C_("report", "This period"), 0.17, GD_CELL_LABEL },
    { C_("report", "Previous period"), 0.17, GD_CELL_LABEL },
    { C_("report", "Change"), 0.22, GD_CELL_LABEL },
    { _("Same period last year"), 0.17, GD_CELL_LABEL },
  };
  guint n;
  const GdReportFigureRow *rows = gd_report_figure_rows (&n);

  gd_sheet_heading (sheet, C_("report", "1. Key figures"), KEEP);
  table_begin (sheet, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < n; i++)
    {
      double now = rows[i].value (&r->figures[GD_REPORT_NOW]);
      double before = rows[i].value (&r->figures[GD_REPORT_PREVIOUS]);
      double year = rows[i].value (&r->figures[GD_REPORT_LAST_YEAR]);
      const GdSheetCell cells[] = {
        { _(rows[i].label), 0.27, 0 },
        { figure (doc, rows[i].format, now), 0.17, GD_CELL_CENTER },
        { figure (doc, rows[i].format, before), 0.17, GD_CELL_CENTER },
        { keep (doc, gd_report_format_change (rows[i].format, now, before)), 0.22, GD_CELL_CENTER },
        { figure (doc, rows[i].format, year), 0.17, GD_CELL_CENTER },
      };
      gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 0);
    }
  table_end (sheet, doc);
}

static void
draw_trend (cairo_t *cr, double x, double y, double w, double h, gpointer data)
{
  gd_report_chart_trend (cr, x, y, w, h, data);
}

static void
draw_pair (cairo_t *cr, double x, double y, double w, double h, gpointer data)
{
  gd_report_chart_categories (cr, x, y, w / 2 - 6, h, data);
  gd_report_chart_levels (cr, x + w / 2 + 6, y, w / 2 - 6, h, data);
}

static void
charts (GdSheet *sheet,
        Doc     *doc)
{
  gd_sheet_heading (sheet, C_("report", "2. Charts"), TREND_HEIGHT);
  gd_sheet_figure (sheet, TREND_HEIGHT, draw_trend, (gpointer) doc->report);
  gd_sheet_space (sheet, 12);
  gd_sheet_figure (sheet, PAIR_HEIGHT, draw_pair, (gpointer) doc->report);
  gd_sheet_space (sheet, 16);
}

/* by closure rate, best first; grids with nothing reported last; then by code */
static int
by_rank (gconstpointer a,
         gconstpointer b)
{
  const GdReportGrid *x = *(GdReportGrid **) a;
  const GdReportGrid *y = *(GdReportGrid **) b;
  double rx = gd_measures_closure_rate (&x->incidents);
  double ry = gd_measures_closure_rate (&y->incidents);

  if (rx != ry)
    return rx > ry ? -1 : 1;
  if (x->incidents.reported != y->incidents.reported)
    return x->incidents.reported > y->incidents.reported ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

static void
grid_ranking (GdSheet *sheet,
              Doc     *doc)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_copy (doc->report->grids, NULL, NULL);
  const GdSheetCell header[] = {
    { C_("report", "No."), 0.07, GD_CELL_LABEL }, { C_("report", "Grid"), 0.24, GD_CELL_LABEL },
    { C_("report", "Reported"), 0.09, GD_CELL_LABEL },
    { C_("report", "Closed"), 0.09, GD_CELL_LABEL },
    { C_("report", "Closure rate"), 0.145, GD_CELL_LABEL },
    { C_("report", "On-time rate"), 0.145, GD_CELL_LABEL },
    { C_("report", "Overdue"), 0.075, GD_CELL_LABEL },
    { C_("report", "Patrol coverage"), 0.145, GD_CELL_LABEL },
  };

  /* a copy of the pointers: the report keeps its grids */
  g_ptr_array_set_free_func (grids, NULL);
  g_ptr_array_sort (grids, by_rank);
  gd_sheet_heading (sheet, C_("report", "3. Grid ranking"), KEEP);
  table_begin (sheet, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < grids->len; i++)
    {
      GdReportGrid *g = g_ptr_array_index (grids, i);
      double cover = gd_measures_ratio (g->patrol_days, g->days);
      const GdSheetCell cells[] = {
        { count (doc, i + 1), 0.07, GD_CELL_CENTER },
        { g->name ? g->name : g->code, 0.24, 0 },
        { count (doc, g->incidents.reported), 0.09, GD_CELL_CENTER },
        { count (doc, g->incidents.closed), 0.09, GD_CELL_CENTER },
        { figure (doc, GD_FIGURE_RATE, gd_measures_closure_rate (&g->incidents)), 0.145,
          GD_CELL_CENTER },
        { figure (doc, GD_FIGURE_RATE, gd_measures_on_time_rate (&g->incidents)), 0.145,
          GD_CELL_CENTER },
        { count (doc, g->overdue), 0.075, GD_CELL_CENTER },
        { figure (doc, GD_FIGURE_RATE, cover), 0.145, GD_CELL_CENTER },
      };
      gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 0);
    }
  table_end (sheet, doc);
}

/* a two-column count table (name, count[, closed]) */
static void
count_table (GdSheet    *sheet,
             Doc        *doc,
             const char *title,
             const char *list,
             GPtrArray  *counts,
             gboolean    with_closed)
{
  const GdSheetCell header[] = {
    { title, 0.5, GD_CELL_LABEL },
    { C_("report", "Count"), with_closed ? 0.25 : 0.5, GD_CELL_LABEL },
    { C_("report", "Closed"), 0.25, GD_CELL_LABEL },
  };

  table_begin (sheet, header, with_closed ? 3 : 2);
  for (guint i = 0; i < counts->len; i++)
    {
      GdReportCount *c = g_ptr_array_index (counts, i);
      const char *name = list ? gd_codes_get_name (list, c->key) : NULL;
      const GdSheetCell cells[] = {
        /* gd_mediation_measures counts a missing key as "none" */
        { name ? name : (*c->key && g_strcmp0 (c->key, "none") != 0 ? c->key
                                                                    : C_("report", "Not given")),
          0.5, 0 },
        { count (doc, c->count), with_closed ? 0.25 : 0.5, GD_CELL_CENTER },
        { count (doc, c->closed), 0.25, GD_CELL_CENTER },
      };
      gd_sheet_row (sheet, cells, with_closed ? 3 : 2, 0);
    }
  if (counts->len == 0)
    {
      const GdSheetCell none[] = { { _("None in this period"), 1.0, GD_CELL_CENTER } };
      gd_sheet_row (sheet, none, 1, 0);
    }
  table_end (sheet, doc);
}

static void
breakdowns (GdSheet *sheet,
            Doc     *doc)
{
  const GdReport *r = doc->report;

  gd_sheet_heading (sheet, _("4. Incidents by category and source"), KEEP);
  count_table (sheet, doc, C_("report", "Category"), "incident-categories", r->by_category, TRUE);
  count_table (sheet, doc, C_("report", "Source"), "incident-sources", r->by_source, TRUE);
  gd_sheet_heading (sheet, C_("report", "5. Disputes"), KEEP);
  count_table (sheet, doc, C_("report", "Dispute category"), "dispute-categories",
               r->dispute_categories,
               FALSE);
  count_table (sheet, doc, C_("report", "Mediation room"), "mediation-rooms", r->dispute_rooms,
               FALSE);
}

/* The items of one finding, the largest first as the model orders them; a page of them is
 * for reading, the workbook has them all. Returns how many rows it drew. */
static guint
analysis_rows (GdSheet         *sheet,
               Doc             *doc,
               GdReportItemKind kind)
{
  g_autoptr(GPtrArray) items = gd_report_items_of (doc->report, kind);
  gboolean hot = kind == GD_REPORT_HOT_GRID || kind == GD_REPORT_HOT_CATEGORY;
  /* no "1 more" row: the last one itself takes its place */
  guint shown = items->len > ANALYSIS_ROWS + 1 ? ANALYSIS_ROWS : items->len;

  for (guint i = 0; i < shown; i++)
    {
      GdReportItem *item = g_ptr_array_index (items, i);
      const char *label = item->label;

      if (kind == GD_REPORT_OVERDUE_UNIT && *label == '\0')
        label = C_("report", "No unit assigned");
      {
        const GdSheetCell cells[] = {
          { gd_report_item_kind_title (kind), 0.34, 0 }, { label, 0.42, 0 },
          { count (doc, item->count), 0.12, GD_CELL_CENTER },
          { hot ? count (doc, item->previous) : "", 0.12, GD_CELL_CENTER },
        };
        gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 0);
      }
    }
  if (shown < items->len)
    {
      const GdSheetCell more[] = {
        { gd_report_item_kind_title (kind), 0.34, 0 },
        { keep (doc, g_strdup_printf (_("%u more in the workbook"), items->len - shown)), 0.66,
          0 },
      };
      gd_sheet_row (sheet, more, G_N_ELEMENTS (more), 0);
    }
  return shown;
}

static void
analysis (GdSheet *sheet,
          Doc     *doc)
{
  const GdSheetCell header[] = {
    { C_("report", "Finding"), 0.34, GD_CELL_LABEL },
    { C_("report", "Where or what"), 0.42, GD_CELL_LABEL },
    { C_("report", "Records"), 0.12, GD_CELL_LABEL },
    { C_("report", "Previous"), 0.12, GD_CELL_LABEL },
  };
  guint shown = 0;

  gd_sheet_heading (sheet, C_("report", "6. Analysis"), KEEP);
  table_begin (sheet, header, G_N_ELEMENTS (header));
  for (GdReportItemKind kind = 0; kind <= GD_REPORT_FOLLOW_UP_DUE; kind++)
    shown += analysis_rows (sheet, doc, kind);
  if (shown == 0)
    {
      const GdSheetCell none[] = { { C_("report", "Nothing to report"), 1.0, GD_CELL_CENTER } };
      gd_sheet_row (sheet, none, 1, 0);
    }
  table_end (sheet, doc);
}

static void
data_quality (GdSheet *sheet,
              Doc     *doc)
{
  const GdReport *r = doc->report;
  const GdSheetCell header[] = {
    { C_("report", "Grid"), 0.25, GD_CELL_LABEL },
    { gd_report_item_kind_title (GD_REPORT_NO_COORDINATES), 0.15, GD_CELL_LABEL },
    { gd_report_item_kind_title (GD_REPORT_NO_ID_NUMBER), 0.15, GD_CELL_LABEL },
    { gd_report_item_kind_title (GD_REPORT_BIRTH_MISMATCH), 0.15, GD_CELL_LABEL },
    { gd_report_item_kind_title (GD_REPORT_CARE_UNVISITED), 0.15, GD_CELL_LABEL },
    { gd_report_item_kind_title (GD_REPORT_UNTOUCHED), 0.15, GD_CELL_LABEL },
  };

  gd_sheet_heading (sheet, _("7. Data quality and care visits"), KEEP);
  table_begin (sheet, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < r->grids->len; i++)
    {
      GdReportGrid *g = g_ptr_array_index (r->grids, i);
      GdSheetCell cells[6] = { { g->name ? g->name : g->code, 0.25, 0 } };

      for (guint k = 0; k < 5; k++)
        {
          const GdReportItem *item =
            gd_report_find_item (r, GD_REPORT_NO_COORDINATES + k, g->code);
          cells[k + 1] = (GdSheetCell) { count (doc, item ? item->count : 0), 0.15,
                                         GD_CELL_CENTER };
        }
      gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 0);
    }
  table_end (sheet, doc);
}

static void
draw_report (GdSheet *sheet,
             gpointer user_data)
{
  Doc *doc = user_data;

  title_block (sheet, doc);
  key_figures (sheet, doc);
  charts (sheet, doc);
  grid_ranking (sheet, doc);
  breakdowns (sheet, doc);
  analysis (sheet, doc);
  data_quality (sheet, doc);
  gd_sheet_heading (sheet, C_("report", "Definitions"), 40);
  gd_sheet_paragraph (sheet,
    _("Periods are China-time calendar days. An incident counts in the period it was reported "
      "in; it is closed when it was archived before the period ended, on time when archived "
      "by its deadline. Overdue counts the incidents past their deadline and not archived at "
      "the end of the period. Satisfaction counts satisfied and basically satisfied feedback. "
      "Mediation success is agreements over concluded cases. Patrol coverage is the share of "
      "grid-days with a patrol."));
}

int
gd_report_print_render (const GdReport *report,
                        const char     *prepared_by,
                        GDateTime      *made_at,
                        cairo_t        *cr,
                        int             page)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = made_at ? g_date_time_ref (made_at) : g_date_time_new_now_utc ();
  Doc doc = { report, prepared_by ? prepared_by : "", now, strings };

  g_return_val_if_fail (report != NULL && cr != NULL, 0);

  return gd_sheet_run (cr, draw_report, &doc, page);
}

gboolean
gd_report_write_pdf (const GdReport *report,
                     const char     *prepared_by,
                     GDateTime      *made_at,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = made_at ? g_date_time_ref (made_at) : g_date_time_new_now_utc ();
  g_autofree char *title = gd_report_title (report);
  g_autofree char *temp = NULL;
  Doc doc = { report, prepared_by ? prepared_by : "", now, strings };

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  if ((temp = gd_private_file_begin (path, error)) == NULL)
    return FALSE;
  if (!gd_sheet_write_pdf (temp, title, draw_report, &doc, error))
    {
      gd_private_file_abort (temp);
      return FALSE;
    }
  return gd_private_file_commit (temp, path, error);
}
