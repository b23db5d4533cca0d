/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report-rows"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-report-rows.h"

static double reported (const GdReportFigures *f) { return (double) f->incidents.reported; }
static double closed (const GdReportFigures *f) { return (double) f->incidents.closed; }
static double closure (const GdReportFigures *f) { return gd_measures_closure_rate (&f->incidents); }
static double on_time (const GdReportFigures *f) { return gd_measures_on_time_rate (&f->incidents); }
static double overdue (const GdReportFigures *f) { return (double) f->overdue; }
static double hours (const GdReportFigures *f) { return gd_measures_average_hours (&f->incidents); }
static double grid_share (const GdReportFigures *f)
{
  return gd_measures_level_share (&f->incidents, GD_LEVEL_SHARE_GRID);
}
static double village_share (const GdReportFigures *f)
{
  return gd_measures_level_share (&f->incidents, GD_LEVEL_SHARE_VILLAGE);
}
static double above_share (const GdReportFigures *f)
{
  return gd_measures_level_share (&f->incidents, GD_LEVEL_SHARE_ABOVE);
}
static double satisfaction (const GdReportFigures *f) { return gd_report_satisfaction_rate (f); }
static double patrols (const GdReportFigures *f) { return (double) f->patrols; }
static double coverage (const GdReportFigures *f) { return gd_report_patrol_coverage (f); }
static double disputes (const GdReportFigures *f) { return (double) f->disputes; }
static double accepted (const GdReportFigures *f) { return (double) f->disputes_accepted; }
static double agreed (const GdReportFigures *f) { return (double) f->disputes_agreed; }
static double failed (const GdReportFigures *f) { return (double) f->disputes_failed; }
static double mediation (const GdReportFigures *f) { return gd_report_mediation_rate (f); }

static const GdReportFigureRow rows[] = {
  { N_("Incidents reported"), GD_FIGURE_COUNT, reported },
  { N_("Incidents closed"), GD_FIGURE_COUNT, closed },
  { N_("Closure rate"), GD_FIGURE_RATE, closure },
  { N_("On-time rate"), GD_FIGURE_RATE, on_time },
  { N_("Overdue, not closed"), GD_FIGURE_COUNT, overdue },
  { N_("Average handling time (hours)"), GD_FIGURE_HOURS, hours },
  { N_("Solved in the grid"), GD_FIGURE_RATE, grid_share },
  { N_("Solved in the village"), GD_FIGURE_RATE, village_share },
  { N_("Solved in the town or above"), GD_FIGURE_RATE, above_share },
  { N_("Satisfaction rate"), GD_FIGURE_RATE, satisfaction },
  { N_("Patrols done"), GD_FIGURE_COUNT, patrols },
  { N_("Grid-days patrolled"), GD_FIGURE_RATE, coverage },
  { N_("Disputes received"), GD_FIGURE_COUNT, disputes },
  { N_("Disputes accepted"), GD_FIGURE_COUNT, accepted },
  { N_("Mediations agreed"), GD_FIGURE_COUNT, agreed },
  { N_("Mediations failed"), GD_FIGURE_COUNT, failed },
  { N_("Mediation success rate"), GD_FIGURE_RATE, mediation },
};

const GdReportFigureRow *
gd_report_figure_rows (guint *n_rows)
{
  *n_rows = G_N_ELEMENTS (rows);
  return rows;
}

char *
gd_report_format_figure (GdFigureFormat format,
                         double         value)
{
  switch (format)
    {
    case GD_FIGURE_RATE:
      return value < 0 ? g_strdup ("—") : g_strdup_printf ("%.2f%%", value * 100.0);
    case GD_FIGURE_HOURS:
      return value < 0 ? g_strdup ("—") : g_strdup_printf ("%.1f", value);
    case GD_FIGURE_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

char *
gd_report_format_change (GdFigureFormat format,
                         double         now,
                         double         before)
{
  if (now < 0 || before < 0)
    return g_strdup ("");
  switch (format)
    {
    case GD_FIGURE_RATE:
      /* Translators: a change of a rate in percentage points */
      return g_strdup_printf (_("%+.2f pp"), (now - before) * 100.0);
    case GD_FIGURE_HOURS:
      return g_strdup_printf ("%+.1f", now - before);
    case GD_FIGURE_COUNT:
    default:
      return g_strdup_printf ("%+.0f", now - before);
    }
}

char *
gd_report_title (const GdReport *report)
{
  /* Translators: the scope's name and the kind of report: 新兴村月通报 */
  return g_strdup_printf (_("%1$s %2$s"), report->scope_name,
                          gd_report_kind_title (report->period.kind));
}
