/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-report.h"

/* Report kinds and their periods: China-time calendar days, ISO weeks, months, quarters. */

static const char *const kind_names[GD_REPORT_N_KINDS] = {
  "daily", "weekly", "monthly", "quarterly",
};

const char *
gd_report_kind_to_string (GdReportKind kind)
{
  g_return_val_if_fail (kind < GD_REPORT_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
gd_report_kind_parse (const char   *text,
                      GdReportKind *out_kind)
{
  for (guint i = 0; text != NULL && i < GD_REPORT_N_KINDS; i++)
    if (g_str_equal (text, kind_names[i]))
      {
        if (out_kind != NULL)
          *out_kind = (GdReportKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gd_report_kind_title (GdReportKind kind)
{
  switch (kind)
    {
    case GD_REPORT_DAILY:
      return _("Daily summary");
    case GD_REPORT_WEEKLY:
      return _("Weekly analysis");
    case GD_REPORT_MONTHLY:
      return _("Monthly bulletin");
    case GD_REPORT_QUARTERLY:
      return _("Quarterly analysis");
    case GD_REPORT_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The Monday of ISO week 1 of `year`: the week that holds 4 January. */
static void
iso_week_one (int    year,
              GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 4, G_DATE_JANUARY, (GDateYear) year);
  g_date_subtract_days (out, g_date_get_weekday (out) - G_DATE_MONDAY);
}

static void
set_week (GdReportPeriod *period,
          int             year,
          int             number)
{
  GDate monday;
  GDate next;

  iso_week_one (year, &monday);
  iso_week_one (year + 1, &next);
  g_date_add_days (&monday, (guint) (number - 1) * 7);
  /* a year without week 53: its last week stands in */
  if (g_date_compare (&monday, &next) >= 0)
    {
      g_date_subtract_days (&monday, 7);
      number--;
    }
  period->first = monday;
  period->last = monday;
  g_date_add_days (&period->last, 6);
  period->year = year;
  period->number = number;
}

static void
set_months (GdReportPeriod *period,
            int             year,
            int             first_month,
            int             n_months)
{
  g_date_clear (&period->first, 1);
  g_date_set_dmy (&period->first, 1, (GDateMonth) first_month, (GDateYear) year);
  period->last = period->first;
  g_date_add_months (&period->last, (guint) n_months);
  g_date_subtract_days (&period->last, 1);
  period->year = year;
}

void
gd_report_period_init (GdReportPeriod *period,
                       GdReportKind    kind,
                       const GDate    *day)
{
  g_return_if_fail (period != NULL && day != NULL && g_date_valid (day));

  period->kind = kind;
  switch (kind)
    {
    case GD_REPORT_DAILY:
      period->first = period->last = *day;
      period->year = g_date_get_year (day);
      period->number = (int) g_date_get_day_of_year (day);
      break;
    case GD_REPORT_WEEKLY:
      {
        GDate thursday = *day;
        /* the ISO week-year is the year of the week's Thursday */
        g_date_subtract_days (&thursday, g_date_get_weekday (day) - G_DATE_MONDAY);
        g_date_add_days (&thursday, 3);
        set_week (period, g_date_get_year (&thursday), (int) g_date_get_iso8601_week_of_year (day));
      }
      break;
    case GD_REPORT_MONTHLY:
      set_months (period, g_date_get_year (day), g_date_get_month (day), 1);
      period->number = g_date_get_month (day);
      break;
    case GD_REPORT_QUARTERLY:
      period->number = (g_date_get_month (day) - 1) / 3 + 1;
      set_months (period, g_date_get_year (day), (period->number - 1) * 3 + 1, 3);
      break;
    case GD_REPORT_N_KINDS:
    default:
      g_return_if_reached ();
    }
}

void
gd_report_period_previous (const GdReportPeriod *period,
                           GdReportPeriod       *out)
{
  GDate day = period->first;

  g_date_subtract_days (&day, 1);
  gd_report_period_init (out, period->kind, &day);
}

void
gd_report_period_last_year (const GdReportPeriod *period,
                            GdReportPeriod       *out)
{
  GDate day;

  out->kind = period->kind;
  switch (period->kind)
    {
    case GD_REPORT_WEEKLY:
      set_week (out, period->year - 1, period->number);
      return;
    case GD_REPORT_DAILY:
    case GD_REPORT_MONTHLY:
    case GD_REPORT_QUARTERLY:
    case GD_REPORT_N_KINDS:
    default:
      /* g_date_subtract_years turns 29 February into 28 February */
      day = period->first;
      g_date_subtract_years (&day, 1);
      gd_report_period_init (out, period->kind, &day);
      return;
    }
}

guint
gd_report_period_n_days (const GdReportPeriod *period)
{
  return (guint) g_date_days_between (&period->first, &period->last) + 1;
}

char *
gd_report_period_day (const GdReportPeriod *period,
                      gboolean              last)
{
  const GDate *d = last ? &period->last : &period->first;

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d),
                          g_date_get_day (d));
}

char *
gd_report_period_label (const GdReportPeriod *period)
{
  const GDate *f = &period->first;
  const GDate *l = &period->last;

  switch (period->kind)
    {
    case GD_REPORT_DAILY:
      /* Translators: a day: year, month, day */
      return g_strdup_printf (_("%d-%02d-%02d"), g_date_get_year (f), g_date_get_month (f),
                              g_date_get_day (f));
    case GD_REPORT_WEEKLY:
      /* Translators: ISO week-year, week number, first month and day, last month and day */
      return g_strdup_printf (_("%d week %d (%d/%d–%d/%d)"), period->year, period->number,
                              g_date_get_month (f), g_date_get_day (f),
                              g_date_get_month (l), g_date_get_day (l));
    case GD_REPORT_MONTHLY:
      /* Translators: year, month */
      return g_strdup_printf (_("%d-%02d"), period->year, period->number);
    case GD_REPORT_QUARTERLY:
      /* Translators: the quarters of a year */
      switch (period->number)
        {
        case 1:
          return g_strdup_printf (_("Q1 %d"), period->year);
        case 2:
          return g_strdup_printf (_("Q2 %d"), period->year);
        case 3:
          return g_strdup_printf (_("Q3 %d"), period->year);
        default:
          return g_strdup_printf (_("Q4 %d"), period->year);
        }
    case GD_REPORT_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}
