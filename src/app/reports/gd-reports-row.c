/* gd-reports-row.c: one grid of the Reports view's ranking.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-reports-row"

#include "config.h"

#include "gd-reports-row.h"

struct _GdReportsRow
{
  GObject parent_instance;

  char      *code;
  char      *name;
  GdMeasures incidents;
  gint64     overdue;
  gint64     patrol_days;
  gint64     days;
};

G_DEFINE_FINAL_TYPE (GdReportsRow, gd_reports_row, G_TYPE_OBJECT)

static void
gd_reports_row_finalize (GObject *object)
{
  GdReportsRow *self = GD_REPORTS_ROW (object);

  g_free (self->code);
  g_free (self->name);
  G_OBJECT_CLASS (gd_reports_row_parent_class)->finalize (object);
}

static void
gd_reports_row_class_init (GdReportsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gd_reports_row_finalize;
}

static void
gd_reports_row_init (GdReportsRow *self)
{
}

GdReportsRow *
gd_reports_row_new (const GdReportGrid *grid)
{
  GdReportsRow *self = g_object_new (GD_TYPE_REPORTS_ROW, NULL);

  self->code = g_strdup (grid->code);
  self->name = g_strdup (grid->name != NULL && *grid->name != '\0' ? grid->name : grid->code);
  self->incidents = grid->incidents;
  self->incidents.grid = NULL;  /* the strings belong to the report */
  self->incidents.grid_name = NULL;
  self->overdue = grid->overdue;
  self->patrol_days = grid->patrol_days;
  self->days = grid->days;
  return self;
}

const char *
gd_reports_row_get_code (GdReportsRow *self)
{
  g_return_val_if_fail (GD_IS_REPORTS_ROW (self), NULL);
  return self->code;
}

const char *
gd_reports_row_get_name (GdReportsRow *self)
{
  g_return_val_if_fail (GD_IS_REPORTS_ROW (self), NULL);
  return self->name;
}

double
gd_reports_row_value (GdReportsRow    *self,
                      GdReportsColumn  column)
{
  g_return_val_if_fail (GD_IS_REPORTS_ROW (self), -1);

  switch (column)
    {
    case GD_REPORTS_COLUMN_REPORTED: return self->incidents.reported;
    case GD_REPORTS_COLUMN_CLOSURE:  return gd_measures_closure_rate (&self->incidents);
    case GD_REPORTS_COLUMN_ON_TIME:  return gd_measures_on_time_rate (&self->incidents);
    case GD_REPORTS_COLUMN_OVERDUE:  return self->overdue;
    case GD_REPORTS_COLUMN_COVERAGE: return gd_measures_ratio (self->patrol_days, self->days);
    case GD_REPORTS_COLUMN_NAME:
    case GD_REPORTS_N_COLUMNS:
    default:
      return -1;
    }
}

char *
gd_reports_row_text (GdReportsRow    *self,
                     GdReportsColumn  column)
{
  double value;

  g_return_val_if_fail (GD_IS_REPORTS_ROW (self), NULL);

  if (column == GD_REPORTS_COLUMN_NAME)
    return g_strdup (self->name);
  value = gd_reports_row_value (self, column);
  if (column == GD_REPORTS_COLUMN_REPORTED || column == GD_REPORTS_COLUMN_OVERDUE)
    return g_strdup_printf ("%.0f", value);
  if (value < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", value * 100.0);
}

int
gd_reports_row_compare (gconstpointer a,
                        gconstpointer b,
                        gpointer      column)
{
  GdReportsRow *ra = GD_REPORTS_ROW ((gpointer) a);
  GdReportsRow *rb = GD_REPORTS_ROW ((gpointer) b);
  GdReportsColumn c = GPOINTER_TO_INT (column);
  double va, vb;

  if (c != GD_REPORTS_COLUMN_NAME)
    {
      va = gd_reports_row_value (ra, c);
      vb = gd_reports_row_value (rb, c);
      if (va != vb)
        return va < vb ? -1 : 1;
      /* equal numbers: the smaller code first once the view sorts largest first */
      return g_strcmp0 (rb->code, ra->code);
    }
  return g_strcmp0 (ra->code, rb->code);
}
