/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-report-charts"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <pango/pangocairo.h>

#include "gd-codes.h"
#include "gd-report-charts.h"

#define FONT "Noto Sans CJK SC 8"
#define MAX_BARS 10

typedef struct { double r, g, b; } Rgb;

static const Rgb reported_colour = { 0.23, 0.43, 0.65 };
static const Rgb closed_colour = { 0.30, 0.60, 0.16 };
static const Rgb level_colours[GD_LEVEL_SHARE_N] = {
  { 0.23, 0.43, 0.65 }, { 0.30, 0.60, 0.16 }, { 0.85, 0.51, 0.17 },
};
static const Rgb axis_colour = { 0.45, 0.45, 0.45 };

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static PangoLayout *
text_new (cairo_t    *cr,
          const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT);

  /* the units of cr are points: 8 pt text whatever the surface */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws `text` with its anchor at (x, y): align 0 left, 0.5 centre, 1 right; valign alike. */
static void
text_at (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      align,
         double      valign)
{
  g_autoptr(PangoLayout) layout = text_new (cr, text);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w / PANGO_SCALE, y - valign * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static void
empty_state (cairo_t *cr,
             double   x,
             double   y,
             double   width,
             double   height)
{
  set_rgb (cr, &axis_colour);
  text_at (cr, _("No incidents in this period"), x + width / 2, y + height / 2, 0.5, 0.5);
}

static void
frame (cairo_t    *cr,
       double      x,
       double      y,
       double      width,
       double      height,
       const char *title)
{
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  text_at (cr, title, x + 8, y + 6, 0, 0);
}

/* A round axis maximum at or above `max`: 1, 2, 5 × 10^n. */
static gint64
nice_max (gint64 max)
{
  gint64 step = 1;

  if (max <= 4)
    return 4;
  for (;;)
    {
      if (max <= step * 2)
        return step * 2;
      if (max <= step * 5)
        return step * 5;
      if (max <= step * 10)
        return step * 10;
      step *= 10;
    }
}

static void
legend_entry (cairo_t    *cr,
              double      x,
              double      y,
              const Rgb  *colour,
              const char *text)
{
  set_rgb (cr, colour);
  cairo_rectangle (cr, x, y - 3.5, 10, 7);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  text_at (cr, text, x + 14, y, 0, 0.5);
}

void
gd_report_chart_trend (cairo_t        *cr,
                       double          x,
                       double          y,
                       double          width,
                       double          height,
                       const GdReport *report)
{
  GPtrArray *days = report->daily;
  double left = x + 36, right = x + width - 14, top = y + 34, bottom = y + height - 24;
  gint64 max = 0;
  gint64 top_value;
  guint n = days->len;
  guint label_every;

  cairo_save (cr);
  frame (cr, x, y, width, height, C_("report", "Daily trend"));
  legend_entry (cr, right - 150, y + 13, &reported_colour, C_("report", "Reported"));
  legend_entry (cr, right - 75, y + 13, &closed_colour, C_("report", "Archived"));
  for (guint i = 0; i < n; i++)
    {
      GdReportCount *c = g_ptr_array_index (days, i);
      max = MAX (max, MAX (c->count, c->closed));
    }
  if (max == 0)
    {
      empty_state (cr, x, y, width, height);
      cairo_restore (cr);
      return;
    }
  top_value = nice_max (max);

  /* grid lines and the value axis */
  cairo_set_line_width (cr, 0.4);
  for (int i = 0; i <= 4; i++)
    {
      double gy = bottom - (bottom - top) * i / 4.0;
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, top_value * i / 4);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_move_to (cr, left, gy);
      cairo_line_to (cr, right, gy);
      cairo_stroke (cr);
      set_rgb (cr, &axis_colour);
      text_at (cr, label, left - 4, gy, 1, 0.5);
    }

  /* day labels: day of month, thinned to fit */
  label_every = MAX (1, (n + 9) / 10);
  for (guint i = 0; i < n; i++)
    {
      GdReportCount *c = g_ptr_array_index (days, i);
      double px = n > 1 ? left + (right - left) * i / (n - 1) : (left + right) / 2;

      /* every label_every-th day and the last, never two on top of each other */
      if (i != n - 1 && (i % label_every != 0 || n - 1 - i < (label_every + 1) / 2))
        continue;
      set_rgb (cr, &axis_colour);
      /* key is YYYY-MM-DD: show M/D */
      {
        g_autofree char *label = g_strdup_printf ("%d/%d", atoi (c->key + 5), atoi (c->key + 8));
        text_at (cr, label, px, bottom + 4, 0.5, 0);
      }
    }

  /* the two series: lines with a dot on each day */
  for (int series = 0; series < 2; series++)
    {
      const Rgb *colour = series == 0 ? &reported_colour : &closed_colour;

      set_rgb (cr, colour);
      cairo_set_line_width (cr, 1.6);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          GdReportCount *c = g_ptr_array_index (days, i);
          gint64 v = series == 0 ? c->count : c->closed;
          double px = n > 1 ? left + (right - left) * i / (n - 1) : (left + right) / 2;
          double py = bottom - (bottom - top) * (double) v / (double) top_value;

          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n && n <= 40; i++)
        {
          GdReportCount *c = g_ptr_array_index (days, i);
          gint64 v = series == 0 ? c->count : c->closed;
          double px = n > 1 ? left + (right - left) * i / (n - 1) : (left + right) / 2;
          double py = bottom - (bottom - top) * (double) v / (double) top_value;

          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, 2.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  set_rgb (cr, &axis_colour);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, top - 4);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
gd_report_chart_categories (cairo_t        *cr,
                            double          x,
                            double          y,
                            double          width,
                            double          height,
                            const GdReport *report)
{
  GPtrArray *counts = report->by_category;
  guint n = MIN (counts->len, MAX_BARS);
  double label_w = 84, left = x + 10 + label_w, right = x + width - 40;
  double top = y + 28, bottom = y + height - 10;
  double pitch;
  gint64 max = 0;

  cairo_save (cr);
  frame (cr, x, y, width, height, C_("report", "Incidents by category"));
  if (n == 0)
    {
      empty_state (cr, x, y, width, height);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < n; i++)
    max = MAX (max, ((GdReportCount *) counts->pdata[i])->count);
  pitch = MIN (22.0, (bottom - top) / n);
  for (guint i = 0; i < n; i++)
    {
      GdReportCount *c = g_ptr_array_index (counts, i);
      const char *name = gd_codes_get_name ("incident-categories", c->key);
      double by = top + pitch * i;
      double bar = (right - left) * (double) c->count / (double) MAX (max, 1);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text_at (cr, name != NULL ? name : (*c->key ? c->key : C_("report", "Other")), left - 6,
               by + pitch / 2, 1, 0.5);
      set_rgb (cr, &reported_colour);
      cairo_rectangle (cr, left, by + pitch * 0.18, MAX (bar, 1.0), pitch * 0.64);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      text_at (cr, value, left + bar + 4, by + pitch / 2, 0, 0.5);
    }
  cairo_restore (cr);
}

void
gd_report_chart_levels (cairo_t        *cr,
                        double          x,
                        double          y,
                        double          width,
                        double          height,
                        const GdReport *report)
{
  const GdMeasures *m = &report->figures[GD_REPORT_NOW].incidents;
  const char *names[GD_LEVEL_SHARE_N] = {
    C_("report", "Grid"), C_("report", "Village"), C_("report", "Town and above"),
  };
  /* the ring on the left, its legend to the right within the frame */
  double radius = MIN (width * 0.4, height - 44) / 2;
  double cx = x + 14 + radius, cy = y + 30 + radius;
  double angle = -G_PI / 2;

  cairo_save (cr);
  frame (cr, x, y, width, height, _("Where incidents were handled"));
  if (m->reported == 0)
    {
      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_set_line_width (cr, radius * 0.45);
      cairo_new_path (cr);  /* no line from the title's end to the ring */
      cairo_arc (cr, cx, cy, radius * 0.775, 0, 2 * G_PI);
      cairo_stroke (cr);
      set_rgb (cr, &axis_colour);
      text_at (cr, _("No incidents in this period"), cx, cy, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }
  for (int level = 0; level < GD_LEVEL_SHARE_N; level++)
    {
      double share = (double) m->levels[level] / (double) m->reported;
      double sweep = 2 * G_PI * share;
      g_autofree char *label = g_strdup_printf ("%s  %" G_GINT64_FORMAT " (%.1f%%)", names[level],
                                                m->levels[level], share * 100);

      if (sweep > 0)
        {
          set_rgb (cr, &level_colours[level]);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, radius, angle, angle + sweep);
          cairo_arc_negative (cr, cx, cy, radius * 0.55, angle + sweep, angle);
          cairo_close_path (cr);
          cairo_fill (cr);
          angle += sweep;
        }
      legend_entry (cr, cx + radius + 12, cy - 18 + level * 18, &level_colours[level], label);
    }
  {
    g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, m->reported);
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    text_at (cr, total, cx, cy, 0.5, 0.5);
  }
  cairo_restore (cr);
}
