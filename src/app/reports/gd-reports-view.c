/* gd-reports-view.c: the Reports view (报表). The report is built off the main thread
 * (gd_report_build_figures(), then gd_report_build_analysis()), so a period change never
 * blocks the window. Nothing is built until the view is first shown: a hidden view only
 * notes that the data changed, and catches up when it is shown again; a shown one waits for
 * writes to settle (REFRESH_DELAY_MS) before it builds again. One build runs at a time, on
 * one reader connection the view keeps (SQLite connections are not shared between threads);
 * a request made meanwhile runs when it is done, so a burst of changes costs one more
 * build, not one each. The charts are gd-report-charts.c, the PDF's drawing code.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-print-report.h"
#include "gd-report-charts.h"
#include "gd-report-item-row.h"
#include "gd-reports-row.h"
#include "gd-reports-view.h"
#include "gd-session.h"

typedef struct _Shared Shared;

/* how long a shown view waits after a write before it builds again: a save writes several
 * documents, a sync many, and the report of a town takes a moment */
#define REFRESH_DELAY_MS 800
/* analysis items shown per kind */
#define ITEMS_SHOWN 10

struct _GdReportsView
{
  AdwBin parent_instance;

  GtkDropDown    *kind_dropdown;
  GtkButton      *previous_button;
  GtkButton      *next_button;
  GtkLabel       *period_label;
  GtkSpinner     *spinner;
  GtkStack       *content_stack;
  GtkBox         *figures_box;
  GtkDrawingArea *trend_area;
  GtkDrawingArea *categories_area;
  GtkDrawingArea *levels_area;
  GtkColumnView  *ranking_view;
  GtkLabel       *analysis_pending;
  GtkBox         *analysis_items;
  GtkButton      *print_button;
  GtkButton      *pdf_button;
  GtkButton      *xlsx_button;

  GdSession      *session;   /* borrowed: outlives the window's views */
  GdStore        *store;     /* borrowed from the session */
  char           *grid;
  GDate           day;
  guint           generation;
  gboolean        stale;     /* the shown report (if any) is not of the current data/choice */
  gboolean        building;  /* a worker has the reader */
  guint           refresh_source;
  GdStore        *reader;    /* ours, for the workers; NULL until the first build */
  guint           store_serial; /* which store `reader` and a running build read */
  gint64          requested; /* monotonic µs of the request being built, for `updated` */
  Shared         *shared;    /* what is shown (a reference), and its report */
  GdReport       *report;    /* shared->report, or NULL; its items once `analysed` */
  gboolean        analysed;
  GListStore     *rows;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (GdReportsView, gd_reports_view, ADW_TYPE_BIN)

enum { GRID_ACTIVATED, UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const GdReportKind kinds[] = {
  GD_REPORT_DAILY, GD_REPORT_WEEKLY, GD_REPORT_MONTHLY, GD_REPORT_QUARTERLY,
};

/* The worker's data: what to build, the connection it reads and the report it builds. The
 * report is shared (an atomic reference count) between the screen and the analysis worker:
 * the screen reads the figures while the worker fills `items`, which the screen reads only
 * after the worker has finished. */
struct _Shared {
  GdReport *report;
};

typedef struct {
  guint         generation;
  char         *path;
  char         *scope;
  GdReportKind  kind;
  GDate         day;
  guint         store_serial;
  GdStore      *reader;
  Shared       *shared;
} Build;

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_clear_pointer (&shared->report, gd_report_free);
}

static void
shared_release (Shared *shared)
{
  if (shared != NULL)
    g_atomic_rc_box_release_full (shared, shared_clear);
}

static void
build_free (gpointer data)
{
  Build *build = data;

  g_free (build->path);
  g_free (build->scope);
  g_clear_pointer (&build->shared, shared_release);
  g_clear_pointer (&build->reader, gd_store_unref);
  g_free (build);
}

static GdReportKind
selected_kind (GdReportsView *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : GD_REPORT_MONTHLY;
}

static void
china_today (GDate *day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Figures */

/* `text` wrapped only at its spaces: a word joiner (U+2060) between the other characters, so
 * a narrow card puts "环比" over "+10.2个百分点" rather than leave "点" alone on a line (Chinese
 * may otherwise break between any two characters). */
static char *
break_at_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gunichar previous = ' ';

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_isspace (previous))
        g_string_append_unichar (out, 0x2060);
      g_string_append_unichar (out, c);
      previous = c;
    }
  return g_string_free (out, FALSE);
}

/* "环比 +3" or "环比 +1.2个百分点"; a rate without a base says nothing */
static char *
change_text (double now,
             double before,
             gboolean rate)
{
  g_autofree char *text = NULL;

  if (rate && (now < 0 || before < 0))
    text = g_strdup (_("no previous figure"));
  else if (rate)
    /* Translators: the change of a rate against the previous period, in percentage points */
    text = g_strdup_printf (_("%+.1f points on the previous period"), (now - before) * 100.0);
  else
    /* Translators: the change of a count against the previous period */
    text = g_strdup_printf (_("%+.0f on the previous period"), now - before);
  return break_at_spaces (text);
}

static void
add_figure (GdReportsView *self,
            const char    *caption,
            double         now,
            double         before,
            gboolean       rate)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value;
  GtkWidget *title = gtk_label_new (caption);
  GtkWidget *change;
  g_autofree char *text = NULL;
  g_autofree char *delta = change_text (now, before, rate);
  g_autofree char *name = NULL;

  if (rate)
    text = now < 0 ? g_strdup ("—") : g_strdup_printf ("%.1f%%", now * 100.0);
  else
    text = g_strdup_printf ("%.0f", now);
  value = gtk_label_new (text);
  change = gtk_label_new (delta);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "report-figure");
  gtk_widget_add_css_class (value, "report-figure-value");
  gtk_widget_add_css_class (title, "dim-label");
  /* a narrow window wraps the change under the number rather than widening the window */
  gtk_label_set_wrap (GTK_LABEL (change), TRUE);
  gtk_label_set_justify (GTK_LABEL (change), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (change, "caption");
  gtk_widget_add_css_class (change, "dim-label");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), change);
  name = g_strdup_printf ("%s %s", caption, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (self->figures_box, box);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
show_figures (GdReportsView *self)
{
  const GdReportFigures *now = &self->report->figures[GD_REPORT_NOW];
  const GdReportFigures *before = &self->report->figures[GD_REPORT_PREVIOUS];

  clear_box (self->figures_box);
  add_figure (self, _("Incidents reported"), now->incidents.reported, before->incidents.reported, FALSE);
  add_figure (self, _("Closure rate"), gd_measures_closure_rate (&now->incidents),
              gd_measures_closure_rate (&before->incidents), TRUE);
  add_figure (self, _("On-time rate"), gd_measures_on_time_rate (&now->incidents),
              gd_measures_on_time_rate (&before->incidents), TRUE);
  add_figure (self, _("Overdue, not closed"), now->overdue, before->overdue, FALSE);
  add_figure (self, _("Satisfaction rate"), gd_report_satisfaction_rate (now),
              gd_report_satisfaction_rate (before), TRUE);
  add_figure (self, _("Mediation success rate"), gd_report_mediation_rate (now),
              gd_report_mediation_rate (before), TRUE);
  add_figure (self, _("Grid-days patrolled"), gd_report_patrol_coverage (now),
              gd_report_patrol_coverage (before), TRUE);
}

static void
show_ranking (GdReportsView *self)
{
  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < self->report->grids->len; i++)
    {
      g_autoptr(GdReportsRow) row = gd_reports_row_new (g_ptr_array_index (self->report->grids, i));
      g_list_store_append (self->rows, row);
    }
}

static void
show_analysis (GdReportsView *self)
{
  gboolean any = FALSE;

  clear_box (self->analysis_items);
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_pending), FALSE);
  for (int kind = 0; kind < GD_REPORT_N_ITEM_KINDS; kind++)
    {
      g_autoptr(GPtrArray) items = gd_report_items_of (self->report, kind);
      GtkWidget *heading;
      GtkWidget *list;

      if (items->len == 0)
        continue;
      any = TRUE;
      heading = gtk_label_new (gd_report_item_kind_title (kind));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_top (heading, 6);
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gd_report_item_kind_title (kind), -1);
      /* the first few of each kind (the town has thousands): the PDF and the workbook list
       * them all */
      for (guint i = 0; i < items->len && i < ITEMS_SHOWN; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             gd_report_item_row_new (g_ptr_array_index (items, i), self->store));
      if (items->len > ITEMS_SHOWN)
        {
          GtkWidget *more = adw_action_row_new ();
          /* Translators: under an analysis list, the items not shown (the PDF has them) */
          g_autofree char *text = g_strdup_printf (ngettext ("and %u more in the PDF and the workbook",
                                                             "and %u more in the PDF and the workbook",
                                                             items->len - ITEMS_SHOWN),
                                                   items->len - ITEMS_SHOWN);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
          gtk_widget_add_css_class (more, "dim-label");
          gtk_list_box_append (GTK_LIST_BOX (list), more);
        }
      gtk_box_append (self->analysis_items, heading);
      gtk_box_append (self->analysis_items, list);
    }
  if (!any)
    {
      GtkWidget *none = gtk_label_new (_("Nothing stands out in this period."));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->analysis_items, none);
    }
}

static gboolean
report_is_empty (const GdReport *report)
{
  const GdReportFigures *now = &report->figures[GD_REPORT_NOW];

  /* the backlog (overdue) is not the period's own data */
  return now->incidents.reported == 0 && now->patrols == 0 && now->disputes == 0;
}

static void
show_report (GdReportsView *self)
{
  g_autofree char *label = gd_report_period_label (&self->report->period);
  g_autofree char *title = g_strdup_printf ("%s · %s", self->report->scope_name, label);

  gtk_label_set_label (self->period_label, title);
  if (report_is_empty (self->report))
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }
  show_figures (self);
  show_ranking (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->categories_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->levels_area));
  clear_box (self->analysis_items);
  gtk_label_set_label (self->analysis_pending,
                       _("Looking for hot spots, repeated incidents and disputes at risk…"));
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_pending), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "report");
}

/* Building */

static void
set_documents_sensitive (GdReportsView *self,
                         gboolean       sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->xlsx_button), sensitive);
}

static void start_build (GdReportsView *self);

static void
figures_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Build *build = data;
  GError *error = NULL;

  build->shared = g_atomic_rc_box_new0 (Shared);
  /* the first build opens the view's reader; later ones reuse it */
  if ((build->reader == NULL && (build->reader = gd_store_open (build->path, &error)) == NULL)
      || (build->shared->report = gd_report_build_figures (build->reader, build->scope,
                                                           build->kind, &build->day, NULL,
                                                           &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
analysis_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Build *build = data;
  GError *error = NULL;

  if (!gd_report_build_analysis (build->shared->report, build->reader, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* A worker is done with the reader: the view keeps it if it still reads the session's
 * file, and a request that came meanwhile is built now. */
static void
build_finished (GdReportsView *self,
                Build         *build)
{
  self->building = FALSE;
  if (self->spinner == NULL)
    return;  /* disposed */
  if (build->reader != NULL && self->reader == NULL && self->store != NULL
      && build->store_serial == self->store_serial)
    self->reader = g_steal_pointer (&build->reader);
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_build (self);
  else
    gtk_spinner_stop (self->spinner);
}

static void
analysis_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GdReportsView *self = GD_REPORTS_VIEW (source);
  Build *build = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (build->generation == self->generation)
    {
      if (!ok)
        {
          g_warning ("The report's analysis failed: %s", error->message);
          gtk_label_set_label (self->analysis_pending, _("The analysis could not be made."));
        }
      else
        {
          /* the worker is done with the report: its items may be read now */
          self->analysed = TRUE;
          set_documents_sensitive (self, TRUE);
          if (!report_is_empty (self->report))
            show_analysis (self);
        }
    }
  build_finished (self, build);
}

static void
figures_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdReportsView *self = GD_REPORTS_VIEW (source);
  Build *build = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) next = NULL;
  Build *more;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (build->generation == self->generation)
        {
          gtk_label_set_label (self->period_label, error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "empty");
        }
      build_finished (self, build);
      return;
    }
  if (build->generation != self->generation)
    {
      /* a newer request: its build starts now, this one's analysis is not wanted */
      build_finished (self, build);
      return;
    }
  g_clear_pointer (&self->shared, shared_release);
  self->shared = g_atomic_rc_box_acquire (build->shared);
  self->report = self->shared->report;
  self->analysed = FALSE;
  show_report (self);
  g_signal_emit (self, signals[UPDATED], 0,
                 (g_get_monotonic_time () - self->requested) / 1000.0);

  more = g_new0 (Build, 1);
  more->generation = build->generation;
  more->store_serial = build->store_serial;
  more->path = g_strdup (build->path);
  more->reader = g_steal_pointer (&build->reader);
  more->shared = g_steal_pointer (&build->shared);
  more->scope = g_strdup (build->scope);
  next = g_task_new (self, NULL, analysis_done, NULL);
  g_task_set_name (next, "[griddesk] report analysis");
  g_task_set_task_data (next, more, build_free);
  g_task_run_in_thread (next, analysis_thread);
}

static const char *
scope_of (GdReportsView *self)
{
  return self->grid != NULL ? self->grid : gd_store_get_scope (self->store);
}

/* Builds the current choice now (one worker at a time: if one runs, when it is done). */
static void
start_build (GdReportsView *self)
{
  g_autoptr(GTask) task = NULL;
  Build *build;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store == NULL || scope_of (self) == NULL || gd_store_get_path (self->store) == NULL)
    return;
  set_documents_sensitive (self, FALSE);
  gtk_spinner_start (self->spinner);
  if (self->building)
    return;  /* build_finished() starts it */

  self->stale = FALSE;
  self->building = TRUE;
  build = g_new0 (Build, 1);
  build->generation = self->generation;
  build->path = g_strdup (gd_store_get_path (self->store));
  build->scope = g_strdup (scope_of (self));
  build->kind = selected_kind (self);
  build->day = self->day;
  build->store_serial = self->store_serial;
  build->reader = g_steal_pointer (&self->reader);
  task = g_task_new (self, NULL, figures_done, NULL);
  g_task_set_name (task, "[griddesk] report figures");
  g_task_set_task_data (task, build, build_free);
  g_task_run_in_thread (task, figures_thread);
}

static gboolean
refresh_cb (gpointer data)
{
  GdReportsView *self = data;

  self->refresh_source = 0;
  start_build (self);
  return G_SOURCE_REMOVE;
}

/* The choice (period, kind, scope, store) changed: what is shown is outdated. A shown view
 * builds at once; a hidden one when it is shown. */
static void
recompute (GdReportsView *self)
{
  GDate today;

  self->generation++;
  self->stale = TRUE;
  self->requested = g_get_monotonic_time ();
  china_today (&today);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), g_date_compare (&self->day, &today) < 0);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_build (self);
}

/* The data changed (the session's document-changed): a shown view builds again once writes
 * have settled; a hidden one only remembers. */
static void
on_data_changed (GdReportsView *self)
{
  self->generation++;
  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->refresh_source != 0)
    return;
  self->requested = g_get_monotonic_time ();
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
  g_source_set_name_by_id (self->refresh_source, "[griddesk] report refresh");
}

static void
gd_reports_view_map (GtkWidget *widget)
{
  GdReportsView *self = GD_REPORTS_VIEW (widget);

  GTK_WIDGET_CLASS (gd_reports_view_parent_class)->map (widget);
  /* first shown, or shown again after changes */
  if (self->stale && self->refresh_source == 0)
    {
      self->requested = g_get_monotonic_time ();
      start_build (self);
    }
}

static void
gd_reports_view_unmap (GtkWidget *widget)
{
  GdReportsView *self = GD_REPORTS_VIEW (widget);

  /* a pending refresh waits for the view to be shown again */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  GTK_WIDGET_CLASS (gd_reports_view_parent_class)->unmap (widget);
}

/* Period controls */

static void
step_period (GdReportsView *self,
             int            direction)
{
  GdReportPeriod period;
  GdReportPeriod previous;
  GDate today;

  gd_report_period_init (&period, selected_kind (self), &self->day);
  if (direction < 0)
    {
      gd_report_period_previous (&period, &previous);
      self->day = previous.last;
    }
  else
    {
      self->day = period.last;
      g_date_add_days (&self->day, 1);
      china_today (&today);
      if (g_date_compare (&self->day, &today) > 0)
        self->day = today;
    }
  recompute (self);
}

static void
on_previous_clicked (GdReportsView *self)
{
  step_period (self, -1);
}

static void
on_next_clicked (GdReportsView *self)
{
  step_period (self, +1);
}

static void
on_kind_notify (GdReportsView *self)
{
  recompute (self);
}

/* Charts: the PDF's drawing code. Its sizes are points on paper, read at arm's length; a
 * screen is further away, so a point is drawn as CHART_SCALE pixels. */
#define CHART_SCALE 1.35

typedef void (*ChartFunc) (cairo_t *, double, double, double, double, const GdReport *);

static void
draw_chart (cairo_t        *cr,
            int             width,
            int             height,
            const GdReport *report,
            ChartFunc       chart)
{
  if (report == NULL)
    return;
  cairo_scale (cr, CHART_SCALE, CHART_SCALE);
  chart (cr, 0, 0, width / CHART_SCALE, height / CHART_SCALE, report);
}

static void
draw_trend (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  GdReportsView *self = data;

  draw_chart (cr, width, height, self->report, gd_report_chart_trend);
}

static void
draw_categories (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  GdReportsView *self = data;

  draw_chart (cr, width, height, self->report, gd_report_chart_categories);
}

static void
draw_levels (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  GdReportsView *self = data;

  draw_chart (cr, width, height, self->report, gd_report_chart_levels);
}

/* Ranking */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (column) == GD_REPORTS_COLUMN_NAME ? 0 : 1);
  if (GPOINTER_TO_INT (column) != GD_REPORTS_COLUMN_NAME)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  column)
{
  GdReportsRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = gd_reports_row_text (row, GPOINTER_TO_INT (column));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (GdReportsView   *self,
            const char      *title,
            GdReportsColumn  column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (gd_reports_row_compare, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, column == GD_REPORTS_COLUMN_NAME);
  gtk_column_view_append_column (self->ranking_view, view_column);
}

typedef struct {
  GdReportsView *view;  /* weak */
  char          *code;
} Activation;

static gboolean
emit_grid_activated (gpointer data)
{
  Activation *activation = data;

  if (activation->view != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (activation->view), (gpointer *) &activation->view);
      g_signal_emit (activation->view, signals[GRID_ACTIVATED], 0, activation->code);
    }
  g_free (activation->code);
  g_free (activation);
  return G_SOURCE_REMOVE;
}

/* Choosing a row (a click, or AT-SPI's selection) opens the grid's incidents; the row is
 * unselected again, so the same grid can be chosen twice. The window switches views from an
 * idle: the selection call returns first. */
static void
activate_grid_later (GdReportsView *self,
                     const char    *code)
{
  Activation *activation = g_new0 (Activation, 1);

  activation->view = self;
  activation->code = g_strdup (code);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &activation->view);
  g_idle_add (emit_grid_activated, activation);
}

static void
on_ranking_selected (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     GdReportsView      *self)
{
  GdReportsRow *row = gtk_single_selection_get_selected_item (selection);
  g_autofree char *code = NULL;

  if (row == NULL)
    return;
  code = g_strdup (gd_reports_row_get_code (row));
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  activate_grid_later (self, code);
}

/* a hot grid's "all incidents of this grid" (gd-report-item-row.c) */
static void
open_grid_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  activate_grid_later (GD_REPORTS_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
setup_ranking (GdReportsView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkColumnViewColumn *first;

  self->rows = g_list_store_new (GD_TYPE_REPORTS_ROW);
  add_column (self, C_("report", "Grid"), GD_REPORTS_COLUMN_NAME);
  add_column (self, C_("report", "Reported"), GD_REPORTS_COLUMN_REPORTED);
  add_column (self, C_("report", "Closure rate"), GD_REPORTS_COLUMN_CLOSURE);
  add_column (self, C_("report", "On-time rate"), GD_REPORTS_COLUMN_ON_TIME);
  add_column (self, C_("report", "Overdue"), GD_REPORTS_COLUMN_OVERDUE);
  add_column (self, C_("report", "Patrol coverage"), GD_REPORTS_COLUMN_COVERAGE);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->ranking_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_ranking_selected), self, 0);
  gtk_column_view_set_model (self->ranking_view, GTK_SELECTION_MODEL (self->selection));
  /* most incidents first, as the bulletin ranks the grids */
  first = g_list_model_get_item (gtk_column_view_get_columns (self->ranking_view), 1);
  gtk_column_view_sort_by_column (self->ranking_view, first, GTK_SORT_DESCENDING);
  g_object_unref (first);
}

/* Documents */

static void
audit_export (GdReportsView *self,
              const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = gd_report_period_day (&self->report->period, FALSE);
  g_autofree char *detail = g_strdup_printf ("reports view %s --scope %s --date %s %s%s",
                                             gd_report_kind_to_string (self->report->period.kind),
                                             self->report->scope, first,
                                             path != NULL ? "-o " : "--print",
                                             path != NULL ? path : "");

  if (!gd_store_audit (self->store, gd_session_get_actor (self->session), "report", NULL,
                       detail, &error))
    g_warning ("Cannot write the audit log: %s", error->message);
}

static void
toast (GdReportsView *self,
       const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  GdReportsView   *self)
{
  gboolean xlsx = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "gd-xlsx"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  const char *actor;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || self->report == NULL || !self->analysed || self->store == NULL)
    return;
  path = g_file_get_path (file);
  actor = gd_session_get_actor (self->session);
  if (path == NULL)
    ok = FALSE;
  else if (xlsx)
    ok = gd_report_write_xlsx (self->store, self->report, actor, now, path, &error);
  else
    ok = gd_report_write_pdf (self->report, actor, now, path, &error);
  if (!ok)
    {
      message = g_strdup_printf (_("The report could not be saved: %s"),
                                 error != NULL ? error->message : _("not a local file"));
      toast (self, message);
      return;
    }
  audit_export (self, path);
  /* Translators: %s is the file's name */
  message = g_strdup_printf (_("Saved %s"), path);
  toast (self, message);
}

static void
save_as (GdReportsView *self,
         gboolean       xlsx)
{
  GtkFileChooserNative *dialog;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  if (self->report == NULL || !self->analysed)
    return;
  dialog = gtk_file_chooser_native_new (xlsx ? _("Export to Excel") : _("Save as PDF"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  label = gd_report_period_label (&self->report->period);
  name = g_strdup_printf ("%s-%s-%s.%s", self->report->scope_name,
                          gd_report_kind_title (self->report->period.kind), label,
                          xlsx ? "xlsx" : "pdf");
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "gd-xlsx", GINT_TO_POINTER (xlsx));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Printing: the PDF's pages through GTK's print dialog, as the mediation documents print */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              GdReportsView     *self)
{
  GDateTime *made_at = g_object_get_data (G_OBJECT (operation), "gd-made-at");

  if (self->report != NULL)
    gd_report_print_render (self->report, gd_session_get_actor (self->session), made_at,
                            gtk_print_context_get_cairo_context (context), page_nr);
}

static void
on_print_clicked (GdReportsView *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GDateTime *made_at;
  GtkPrintOperationResult result;
  cairo_surface_t *surface;
  cairo_t *cr;
  int n_pages;

  if (self->report == NULL || !self->analysed)
    return;
  made_at = g_date_time_new_now_utc ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  n_pages = gd_report_print_render (self->report, gd_session_get_actor (self->session), made_at,
                                    cr, G_MAXINT); /* lays out, draws nothing */
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* the pages are laid out in points from the paper's corner, as in the PDF */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, n_pages);
  title = gd_report_period_label (&self->report->period);
  gtk_print_operation_set_job_name (operation, title);
  g_object_set_data_full (G_OBJECT (operation), "gd-made-at", made_at,
                          (GDestroyNotify) g_date_time_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be printed: %s"),
                                                  error->message);
      toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    audit_export (self, NULL);
}

static void
on_pdf_clicked (GdReportsView *self)
{
  save_as (self, FALSE);
}

static void
on_xlsx_clicked (GdReportsView *self)
{
  save_as (self, TRUE);
}

/* Object */

static void
gd_reports_view_dispose (GObject *object)
{
  GdReportsView *self = GD_REPORTS_VIEW (object);

  self->generation++;  /* a worker still running finds its result unwanted */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->reader, gd_store_unref);
  self->store = NULL;
  self->report = NULL;
  g_clear_pointer (&self->shared, shared_release);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->grid, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_REPORTS_VIEW);
  G_OBJECT_CLASS (gd_reports_view_parent_class)->dispose (object);
}

static void
gd_reports_view_class_init (GdReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_reports_view_dispose;
  widget_class->map = gd_reports_view_map;
  widget_class->unmap = gd_reports_view_unmap;

  signals[GRID_ACTIVATED] =
    g_signal_new ("grid-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* the figures of a new choice are on screen, `ms` after it was made (the benchmark's
   * measure) */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/griddesk/GridDesk/gd-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, figures_box);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, trend_area);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, categories_area);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, levels_area);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, analysis_pending);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, analysis_items);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, print_button);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, GdReportsView, xlsx_button);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_xlsx_clicked);
  gtk_widget_class_install_action (widget_class, "reports.open-grid", "s", open_grid_cb);
}

static void
gd_reports_view_init (GdReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* AT-SPI picks a kind in the popup's list: the drop-down follows it */
  gd_dropdown_follow_popup_selection (self->kind_dropdown);
  china_today (&self->day);
  gtk_drawing_area_set_draw_func (self->trend_area, draw_trend, self, NULL);
  gtk_drawing_area_set_draw_func (self->categories_area, draw_categories, self, NULL);
  gtk_drawing_area_set_draw_func (self->levels_area, draw_levels, self, NULL);
  setup_ranking (self);
}

static void
set_store (GdReportsView *self,
           GdStore       *store)
{
  self->store = store;
  /* the reader belongs to the old file (a reload may have replaced it) */
  self->store_serial++;
  g_clear_pointer (&self->reader, gd_store_unref);
  if (store == NULL)
    {
      self->generation++;
      self->report = NULL;
      g_clear_pointer (&self->shared, shared_release);
      set_documents_sensitive (self, FALSE);
    }
  else
    recompute (self);
}

void
gd_reports_view_set_session (GdReportsView *self,
                             GdSession     *session)
{
  g_return_if_fail (GD_IS_REPORTS_VIEW (self));
  g_return_if_fail (GD_IS_SESSION (session));

  self->session = session;
  gd_session_follow_store (session, self, (GdSessionStoreFunc) set_store);
  /* what a report counts: incidents, patrols, disputes, the register (data quality), grids */
  gd_session_watch (session,
                    GD_DOC_MASK (GD_DOC_INCIDENT) | GD_DOC_MASK (GD_DOC_PATROL)
                    | GD_DOC_MASK (GD_DOC_DISPUTE) | GD_DOC_MASK (GD_DOC_HOUSEHOLD)
                    | GD_DOC_MASK (GD_DOC_GRID),
                    self, (GdSessionReloadFunc) on_data_changed);
}

void
gd_reports_view_set_grid (GdReportsView *self,
                          const char    *code)
{
  g_return_if_fail (GD_IS_REPORTS_VIEW (self));

  if (g_strcmp0 (self->grid, code) == 0)
    return;
  g_free (self->grid);
  self->grid = g_strdup (code);
  recompute (self);
}
