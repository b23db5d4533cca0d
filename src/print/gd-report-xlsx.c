/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report-xlsx"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-codes.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-print-report.h"
#include "gd-report-rows.h"
#include "gd-xlsx.h"

/* The report as a workbook: a sheet per table, numbers as numbers, rates as percents. */

static void
put_figure (GdXlsxSheet   *sheet,
            GdFigureFormat format,
            double         value)
{
  if (value < 0 && format != GD_FIGURE_COUNT)
    gd_xlsx_skip (sheet); /* nothing to divide by: an empty cell, not 0 */
  else if (format == GD_FIGURE_RATE)
    gd_xlsx_percent (sheet, value);
  else if (format == GD_FIGURE_HOURS)
    gd_xlsx_number (sheet, value, 1);
  else
    gd_xlsx_int (sheet, (gint64) value);
}

static gboolean
figures_sheet (GdXlsx         *book,
               const GdReport *r,
               const char     *prepared_by,
               GDateTime      *made_at,
               GError        **error)
{
  const char *const header[] = {
    C_("report", "Figure"),
    C_("report", "This period"),
    C_("report", "Previous period"),
    _("Same period last year"),
    NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, C_("report", "Key figures"), header, error);
  g_autofree char *period = gd_report_period_label (&r->period);
  g_autofree char *title = gd_report_title (r);
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (made_at, china);
  guint n;
  const GdReportFigureRow *rows = gd_report_figure_rows (&n);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, _(rows[i].label));
      for (int p = GD_REPORT_NOW; p <= GD_REPORT_LAST_YEAR; p++)
        put_figure (sheet, rows[i].format, rows[i].value (&r->figures[p]));
    }
  /* the title block, below the figures so the header row stays a header */
  gd_xlsx_row (sheet);
  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, C_("report", "Report"));
  gd_xlsx_text (sheet, title);
  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, C_("report", "Scope"));
  gd_xlsx_text (sheet, r->scope);
  gd_xlsx_text (sheet, r->scope_name);
  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, C_("report", "Period"));
  gd_xlsx_text (sheet, period);
  gd_xlsx_date (sheet, g_date_get_year (&r->period.first), g_date_get_month (&r->period.first),
                g_date_get_day (&r->period.first));
  gd_xlsx_date (sheet, g_date_get_year (&r->period.last), g_date_get_month (&r->period.last),
                g_date_get_day (&r->period.last));
  gd_xlsx_row (sheet);
  gd_xlsx_text (sheet, C_("report", "Prepared by"));
  gd_xlsx_text (sheet, prepared_by);
  gd_xlsx_datetime (sheet, local);
  return TRUE;
}

static gboolean
grids_sheet (GdXlsx         *book,
             const GdReport *r,
             GError        **error)
{
  const char *const header[] = {
    C_("report", "Grid code"), C_("report", "Grid"), C_("report", "Reported"),
    C_("report", "Closed"), C_("report", "Closure rate"), C_("report", "On time"),
    C_("report", "On-time rate"), C_("report", "Overdue"), _("Average handling time (hours)"),
    C_("report", "Patrols"),
    _("Days with a patrol"), C_("report", "Patrol coverage"), _("Reported in the previous period"),
    NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, C_("report", "Grids"), header, error);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < r->grids->len; i++)
    {
      GdReportGrid *g = g_ptr_array_index (r->grids, i);

      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, g->code);
      gd_xlsx_text (sheet, g->name);
      gd_xlsx_int (sheet, g->incidents.reported);
      gd_xlsx_int (sheet, g->incidents.closed);
      put_figure (sheet, GD_FIGURE_RATE, gd_measures_closure_rate (&g->incidents));
      gd_xlsx_int (sheet, g->incidents.on_time);
      put_figure (sheet, GD_FIGURE_RATE, gd_measures_on_time_rate (&g->incidents));
      gd_xlsx_int (sheet, g->overdue);
      put_figure (sheet, GD_FIGURE_HOURS, gd_measures_average_hours (&g->incidents));
      gd_xlsx_int (sheet, g->patrols);
      gd_xlsx_int (sheet, g->patrol_days);
      put_figure (sheet, GD_FIGURE_RATE,
                  gd_measures_ratio (g->patrol_days, g->days));
      gd_xlsx_int (sheet, g->previous);
    }
  return TRUE;
}

static gboolean
days_sheet (GdXlsx         *book,
            const GdReport *r,
            GError        **error)
{
  const char *const header[] = {
    C_("report", "Date"),
    C_("report", "Reported"),
    C_("report", "Archived"),
    NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, C_("report", "Daily trend"), header, error);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < r->daily->len; i++)
    {
      GdReportCount *c = g_ptr_array_index (r->daily, i);
      GDate d;

      gd_xlsx_row (sheet);
      if (gd_date_parse (c->key, &d))
        gd_xlsx_date (sheet, g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
      else
        gd_xlsx_text (sheet, c->key);
      gd_xlsx_int (sheet, c->count);
      gd_xlsx_int (sheet, c->closed);
    }
  return TRUE;
}

static gboolean
counts_sheet (GdXlsx      *book,
              const char  *name,
              const char  *what,
              const char  *list,
              GPtrArray   *counts,
              gboolean     with_closed,
              GError     **error)
{
  const char *const header[] = {
    C_("report", "Code"),
    what,
    C_("report", "Count"),
    with_closed ? C_("report", "Closed") : NULL,
    NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, name, header, error);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      GdReportCount *c = g_ptr_array_index (counts, i);
      const char *label = gd_codes_get_name (list, c->key);

      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, c->key);
      gd_xlsx_text (sheet, label ? label : c->key);
      gd_xlsx_int (sheet, c->count);
      if (with_closed)
        gd_xlsx_int (sheet, c->closed);
    }
  return TRUE;
}

static gboolean
analysis_sheet (GdXlsx         *book,
                const GdReport *r,
                GError        **error)
{
  const char *const header[] = {
    C_("report", "Finding"),
    C_("report", "Key"),
    C_("report", "Where or what"),
    C_("report", "Records"),
    C_("report", "Previous"),
    C_("report", "Record ids"),
    NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, C_("report", "Analysis"), header, error);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < r->items->len; i++)
    {
      GdReportItem *item = g_ptr_array_index (r->items, i);
      g_autofree char *ids = g_strjoinv (" ", item->ids); /* gd-xlsx cuts what a cell cannot hold */

      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, gd_report_item_kind_title (item->kind));
      gd_xlsx_text (sheet, item->key);
      gd_xlsx_text (sheet, item->label);
      gd_xlsx_int (sheet, item->count);
      if (item->kind == GD_REPORT_HOT_GRID || item->kind == GD_REPORT_HOT_CATEGORY)
        gd_xlsx_int (sheet, item->previous);
      else
        gd_xlsx_skip (sheet);
      gd_xlsx_text (sheet, ids);
    }
  return TRUE;
}

static gboolean
quality_sheet (GdXlsx         *book,
               const GdReport *r,
               GError        **error)
{
  const char *const header[] = {
    C_("report", "Grid code"), C_("report", "Grid"),
    gd_report_item_kind_title (GD_REPORT_NO_COORDINATES),
    gd_report_item_kind_title (GD_REPORT_NO_ID_NUMBER),
    gd_report_item_kind_title (GD_REPORT_BIRTH_MISMATCH),
    gd_report_item_kind_title (GD_REPORT_CARE_UNVISITED),
    gd_report_item_kind_title (GD_REPORT_UNTOUCHED), NULL,
  };
  GdXlsxSheet *sheet = gd_xlsx_add_sheet (book, C_("report", "Data quality"), header, error);

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < r->grids->len; i++)
    {
      GdReportGrid *g = g_ptr_array_index (r->grids, i);

      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, g->code);
      gd_xlsx_text (sheet, g->name);
      for (guint k = 0; k < 5; k++)
        {
          const GdReportItem *item = gd_report_find_item (r, GD_REPORT_NO_COORDINATES + k,
                                                          g->code);
          gd_xlsx_int (sheet, item ? item->count : 0);
        }
    }
  return TRUE;
}

static void
put_time (GdXlsxSheet *sheet,
          GTimeZone   *china,
          const char  *text)
{
  g_autoptr(GDateTime) at = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, china) : NULL;

  gd_xlsx_datetime (sheet, local);
}

/* The period's incidents, oldest first. No reporter, phone or address: the rows hold no
 * personal data to mask. */
static gboolean
incidents_sheet (GdXlsx         *book,
                 GdStore        *store,
                 const GdReport *r,
                 GError        **error)
{
  const char *const header[] = {
    C_("report", "Number"), C_("report", "Title"), C_("report", "Category"), C_("report", "Status"),
    C_("report", "Urgency"), C_("report", "Source"),
    C_("report", "Grid"), C_("report", "Reported at"), C_("report", "Deadline"),
    C_("report", "Archived at"), C_("report", "Handling level"), NULL,
  };
  g_autofree char *from = gd_report_period_day (&r->period, FALSE);
  g_autofree char *to = gd_report_period_day (&r->period, TRUE);
  GdIncidentFilter filter = { .grid = r->scope, .from = from, .to = to,
                              .sort = GD_INCIDENT_SORT_REPORTED };
  g_autoptr(GPtrArray) rows = gd_store_incident_page (store, &filter, 0, G_MAXUINT, error);
  g_autoptr(GTimeZone) china = gd_china_time ();
  GdXlsxSheet *sheet;

  if (rows == NULL)
    return FALSE;
  if ((sheet = gd_xlsx_add_sheet (book, C_("report", "Incidents"), header, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GdIncidentRow *row = g_ptr_array_index (rows, i);
      const char *category = gd_codes_get_name ("incident-categories", row->category);
      const char *status = gd_codes_get_name ("incident-statuses", row->status);
      const char *urgency = gd_codes_get_name ("urgency", row->urgency);
      const char *source = gd_codes_get_name ("incident-sources", row->source);
      const char *level = gd_codes_get_name ("handling-levels", row->handling_level);

      gd_xlsx_row (sheet);
      gd_xlsx_text (sheet, row->number);
      gd_xlsx_text (sheet, row->title);
      gd_xlsx_text (sheet, category ? category : row->category);
      gd_xlsx_text (sheet, status ? status : row->status);
      gd_xlsx_text (sheet, urgency ? urgency : row->urgency);
      gd_xlsx_text (sheet, source ? source : row->source);
      gd_xlsx_text (sheet, row->grid_name ? row->grid_name : row->grid);
      put_time (sheet, china, row->reported_at);
      put_time (sheet, china, row->deadline);
      put_time (sheet, china, row->closed_at);
      gd_xlsx_text (sheet, level ? level : row->handling_level);
    }
  return TRUE;
}

gboolean
gd_report_write_xlsx (GdStore        *store,
                      const GdReport *report,
                      const char     *prepared_by,
                      GDateTime      *made_at,
                      const char     *path,
                      GError        **error)
{
  g_autoptr(GDateTime) now = made_at ? g_date_time_ref (made_at) : g_date_time_new_now_utc ();
  g_autoptr(GdXlsx) book = NULL;

  g_return_val_if_fail (store != NULL && report != NULL && path != NULL, FALSE);

  if ((book = gd_xlsx_new (path, error)) == NULL)
    return FALSE;
  if (!figures_sheet (book, report, prepared_by ? prepared_by : "", now, error)
      || !grids_sheet (book, report, error)
      || !days_sheet (book, report, error)
      || !counts_sheet (book, C_("report", "Categories"), C_("report", "Category"),
                        "incident-categories",
                        report->by_category, TRUE, error)
      || !counts_sheet (book, C_("report", "Sources"), C_("report", "Source"), "incident-sources",
                        report->by_source, TRUE, error)
      || !counts_sheet (book, C_("report", "Urgency"), C_("report", "Urgency"), "urgency",
                        report->by_urgency, TRUE,
                        error)
      || !counts_sheet (book, C_("report", "Dispute categories"), C_("report", "Dispute category"),
                        "dispute-categories", report->dispute_categories, FALSE, error)
      || !counts_sheet (book, C_("report", "Mediation rooms"), C_("report", "Mediation room"),
                        "mediation-rooms",
                        report->dispute_rooms, FALSE, error)
      || !analysis_sheet (book, report, error)
      || !quality_sheet (book, report, error)
      || !incidents_sheet (book, store, report, error))
    return FALSE; /* g_autoptr aborts: no file */
  return gd_xlsx_close (g_steal_pointer (&book), error);
}
