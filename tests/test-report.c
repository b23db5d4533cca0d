/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report model on the fixed fixture of test-report-fixture.h, against answers worked by
 * hand there: every figure of each kind of period, the period edges, an empty period and a
 * grid with no incidents. */
#define G_LOG_DOMAIN "gd-test-report"
#include "config.h"

#include <string.h>

#include "gd-error.h"
#include "gd-report.h"
#include "test-report-fixture.h"

static void
setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_setup (f, data);
  report_fixture_fill (f->store);
}

static GDate *
day (const char *text)
{
  GDate *d = g_date_new ();
  g_assert_true (gd_date_parse (text, d));
  return d;
}

static GdReport *
build (StoreFixture *f, const char *scope, GdReportKind kind, const char *date,
       GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) d = day (date);
  GdReport *report = gd_report_build (f->store, scope, kind, d, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_ids (const GdReportItem *item, const char *const *ids)
{
  g_assert_nonnull (item);
  g_assert_cmpuint (g_strv_length (item->ids), ==, g_strv_length ((GStrv) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpstr (item->ids[i], ==, ids[i]);
}

static guint
n_items (const GdReport *report, GdReportItemKind kind)
{
  g_autoptr(GPtrArray) items = gd_report_items_of (report, kind);
  return items->len;
}

static void
assert_day (const GdReportPeriod *p, gboolean last, const char *expected)
{
  g_autofree char *text = gd_report_period_day (p, last);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_periods (void)
{
  GdReportPeriod p, q;
  g_autoptr(GDate) jan1 = day ("2027-01-01");
  g_autoptr(GDate) dec31 = day ("2025-12-31");
  g_autoptr(GDate) feb15 = day ("2026-02-15");
  g_autoptr(GDate) leap = day ("2028-02-29");
  g_autofree char *label = NULL;

  /* ISO week across a year boundary: 1 January 2027 is in week 53 of 2026 */
  gd_report_period_init (&p, GD_REPORT_WEEKLY, jan1);
  assert_day (&p, FALSE, "2026-12-28");
  assert_day (&p, TRUE, "2027-01-03");
  g_assert_cmpint (p.year, ==, 2026);
  g_assert_cmpint (p.number, ==, 53);
  label = gd_report_period_label (&p);
  g_assert_cmpstr (label, ==, "2026 week 53 (12/28–1/3)");
  /* 2025 has no week 53: the same week last year is its week 52 */
  gd_report_period_last_year (&p, &q);
  assert_day (&q, FALSE, "2025-12-22");
  g_assert_cmpint (q.number, ==, 52);
  gd_report_period_previous (&p, &q);
  assert_day (&q, FALSE, "2026-12-21");
  g_assert_cmpint (q.number, ==, 52);
  /* and 31 December 2025 is in week 1 of 2026 */
  gd_report_period_init (&p, GD_REPORT_WEEKLY, dec31);
  assert_day (&p, FALSE, "2025-12-29");
  g_assert_cmpint (p.year, ==, 2026);
  g_assert_cmpint (p.number, ==, 1);

  gd_report_period_init (&p, GD_REPORT_QUARTERLY, feb15);
  assert_day (&p, FALSE, "2026-01-01");
  assert_day (&p, TRUE, "2026-03-31");
  g_assert_cmpuint (gd_report_period_n_days (&p), ==, 90);
  gd_report_period_previous (&p, &q);
  assert_day (&q, FALSE, "2025-10-01");
  assert_day (&q, TRUE, "2025-12-31");
  g_assert_cmpint (q.number, ==, 4);
  g_clear_pointer (&label, g_free);
  label = gd_report_period_label (&q);
  g_assert_cmpstr (label, ==, "Q4 2025");

  gd_report_period_init (&p, GD_REPORT_MONTHLY, feb15);
  assert_day (&p, TRUE, "2026-02-28");
  gd_report_period_init (&p, GD_REPORT_DAILY, leap);
  gd_report_period_last_year (&p, &q);
  assert_day (&q, FALSE, "2027-02-28");

  {
    GdReportKind kind;
    g_assert_true (gd_report_kind_parse ("quarterly", &kind));
    g_assert_cmpint (kind, ==, GD_REPORT_QUARTERLY);
    g_assert_false (gd_report_kind_parse ("yearly", &kind));
    g_assert_cmpstr (gd_report_kind_to_string (GD_REPORT_WEEKLY), ==, "weekly");
  }
}

static void
test_monthly (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GdReport) r = build (f, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, "2026-11-05", now);
  const GdReportFigures *n = &r->figures[GD_REPORT_NOW];
  const GdReportFigures *p = &r->figures[GD_REPORT_PREVIOUS];
  const GdReportFigures *y = &r->figures[GD_REPORT_LAST_YEAR];
  GdReportGrid *a, *b;
  GdReportCount *c;
  g_autofree char *label = gd_report_period_label (&r->period);

  g_assert_cmpstr (r->scope_name, ==, "新兴村");
  g_assert_cmpstr (label, ==, "2026-11");
  g_assert_cmpstr (r->start, ==, "2026-10-31T16:00:00Z");
  g_assert_cmpstr (r->end, ==, "2026-11-30T16:00:00Z");
  g_assert_cmpstr (r->cutoff, ==, "2026-11-20T09:00:00Z");

  /* I1 (07:00 on 1 November in China), I2, I3 */
  g_assert_cmpint (n->incidents.reported, ==, 3);
  g_assert_cmpint (n->incidents.closed, ==, 2);
  g_assert_cmpint (n->incidents.closed_with_deadline, ==, 2);
  g_assert_cmpint (n->incidents.on_time, ==, 1);
  g_assert_cmpfloat_with_epsilon (n->incidents.handling_hours, 145.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (gd_measures_closure_rate (&n->incidents), 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_on_time_rate (&n->incidents), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (gd_measures_average_hours (&n->incidents), 72.5, 1e-6);
  g_assert_cmpint (n->incidents.levels[GD_LEVEL_SHARE_GRID], ==, 1);
  g_assert_cmpint (n->incidents.levels[GD_LEVEL_SHARE_VILLAGE], ==, 1);
  g_assert_cmpint (n->incidents.levels[GD_LEVEL_SHARE_ABOVE], ==, 1);
  g_assert_cmpint (n->feedback, ==, 2);
  g_assert_cmpint (n->satisfied, ==, 1);
  g_assert_cmpint (n->basically, ==, 0);
  g_assert_cmpint (n->dissatisfied, ==, 1);
  g_assert_cmpfloat_with_epsilon (gd_report_satisfaction_rate (n), 0.5, 1e-9);
  /* the backlog at the cutoff: I3 and I5 */
  g_assert_cmpint (n->overdue, ==, 2);
  /* two patrol days of grid A out of 2 grids × 20 days */
  g_assert_cmpint (n->patrols, ==, 2);
  g_assert_cmpint (n->patrol_days, ==, 2);
  g_assert_cmpint (n->grid_days, ==, 40);
  g_assert_cmpfloat_with_epsilon (gd_report_patrol_coverage (n), 0.05, 1e-9);
  g_assert_cmpint (n->disputes, ==, 2);
  g_assert_cmpint (n->disputes_accepted, ==, 2);
  g_assert_cmpint (n->disputes_agreed, ==, 1);
  g_assert_cmpint (n->disputes_failed, ==, 1);
  g_assert_cmpint (n->disputes_concluded, ==, 2);
  g_assert_cmpfloat_with_epsilon (gd_report_mediation_rate (n), 0.5, 1e-9);

  /* October: I4 (archived on 2 November: reported, not closed, in October) and I5 */
  g_assert_cmpint (p->incidents.reported, ==, 2);
  g_assert_cmpint (p->incidents.closed, ==, 0);
  g_assert_cmpint (p->overdue, ==, 0);
  g_assert_cmpint (p->disputes, ==, 1);
  g_assert_cmpint (p->grid_days, ==, 62);
  /* November 2025: I6 in grid B */
  g_assert_cmpint (y->incidents.reported, ==, 1);
  g_assert_cmpint (y->incidents.closed, ==, 1);
  g_assert_cmpint (y->incidents.on_time, ==, 1);
  g_assert_cmpfloat_with_epsilon (y->incidents.handling_hours, 24.0, 1e-6);

  g_assert_cmpuint (r->by_category->len, ==, 2);
  c = g_ptr_array_index (r->by_category, 0);
  g_assert_cmpstr (c->key, ==, "AQ");
  g_assert_cmpint (c->count, ==, 2);
  g_assert_cmpint (c->closed, ==, 2);
  c = g_ptr_array_index (r->by_category, 1);
  g_assert_cmpstr (c->key, ==, "SR");
  g_assert_cmpint (c->count, ==, 1);
  g_assert_cmpint (c->closed, ==, 0);
  g_assert_cmpuint (r->by_source->len, ==, 1);
  g_assert_cmpint (((GdReportCount *) r->by_source->pdata[0])->count, ==, 3);

  /* reported per China day, and archived per day (I4 on 2 November, reported in October) */
  g_assert_cmpuint (r->daily->len, ==, 30);
  c = g_ptr_array_index (r->daily, 0);
  g_assert_cmpstr (c->key, ==, "2026-11-01");
  g_assert_cmpint (c->count, ==, 1);
  g_assert_cmpint (c->closed, ==, 0);
  c = g_ptr_array_index (r->daily, 1);
  g_assert_cmpint (c->count, ==, 1);
  g_assert_cmpint (c->closed, ==, 1);
  c = g_ptr_array_index (r->daily, 2);
  g_assert_cmpint (c->count, ==, 0);
  g_assert_cmpint (c->closed, ==, 1);
  g_assert_cmpint (((GdReportCount *) r->daily->pdata[5])->closed, ==, 1);
  g_assert_cmpint (((GdReportCount *) r->daily->pdata[9])->count, ==, 1);

  /* every grid, also B with no incidents */
  g_assert_cmpuint (r->grids->len, ==, 2);
  a = g_ptr_array_index (r->grids, 0);
  b = g_ptr_array_index (r->grids, 1);
  g_assert_cmpstr (a->code, ==, GRID_A);
  g_assert_cmpstr (a->name, ==, "第一网格");
  g_assert_cmpint (a->incidents.reported, ==, 3);
  g_assert_cmpint (a->incidents.closed, ==, 2);
  g_assert_cmpint (a->previous, ==, 2);
  g_assert_cmpint (a->overdue, ==, 2);
  g_assert_cmpint (a->patrols, ==, 2);
  g_assert_cmpint (a->patrol_days, ==, 2);
  g_assert_cmpint (a->days, ==, 20);
  g_assert_cmpstr (b->code, ==, GRID_B);
  g_assert_cmpint (b->incidents.reported, ==, 0);
  g_assert_cmpfloat (gd_measures_closure_rate (&b->incidents), ==, -1.0);
  g_assert_cmpint (b->overdue, ==, 0);
  g_assert_cmpint (b->patrols, ==, 0);

  /* 研判 */
  g_assert_cmpuint (n_items (r, GD_REPORT_HOT_GRID), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_HOT_GRID, GRID_A),
              (const char *const[]) { I_ID (1), I_ID (2), I_ID (3), NULL });
  g_assert_cmpint (gd_report_find_item (r, GD_REPORT_HOT_GRID, GRID_A)->previous, ==, 2);
  g_assert_cmpuint (n_items (r, GD_REPORT_HOT_CATEGORY), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_HOT_CATEGORY, "AQ"),
              (const char *const[]) { I_ID (1), I_ID (2), NULL });
  g_assert_cmpstr (gd_report_find_item (r, GD_REPORT_HOT_CATEGORY, "AQ")->label, ==,
                   "公共安全隐患");
  g_assert_cmpuint (n_items (r, GD_REPORT_REPEATED_ADDRESS), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_REPEATED_ADDRESS, ADDRESS),
              (const char *const[]) { I_ID (2), I_ID (3), I_ID (5), NULL });
  g_assert_cmpuint (n_items (r, GD_REPORT_REPEATED_HOUSEHOLD), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_REPEATED_HOUSEHOLD, H1_ID),
              (const char *const[]) { I_ID (1), I_ID (2), I_ID (3), NULL });
  g_assert_cmpstr (gd_report_find_item (r, GD_REPORT_REPEATED_HOUSEHOLD, H1_ID)->label, ==,
                   ADDRESS);
  g_assert_cmpuint (n_items (r, GD_REPORT_OVERDUE_UNIT), ==, 2);
  assert_ids (gd_report_find_item (r, GD_REPORT_OVERDUE_UNIT, "城管中队"),
              (const char *const[]) { I_ID (3), NULL });
  assert_ids (gd_report_find_item (r, GD_REPORT_OVERDUE_UNIT, ""),
              (const char *const[]) { I_ID (5), NULL });
  g_assert_cmpuint (n_items (r, GD_REPORT_DISPUTE_PAST_WINDOW), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_DISPUTE_PAST_WINDOW, D_ID (3)),
              (const char *const[]) { D_ID (3), NULL });
  g_assert_cmpuint (n_items (r, GD_REPORT_DISPUTE_FAILED), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_DISPUTE_FAILED, D_ID (2)),
              (const char *const[]) { D_ID (2), NULL });
  /* 王五 in D1 and D2; 张伟 and the committee, parties of the fixture case, in all three;
   * no key holds a whole name or ID number of a person */
  g_assert_cmpuint (n_items (r, GD_REPORT_DISPUTE_PARTY), ==, 3);
  assert_ids (gd_report_find_item (r, GD_REPORT_DISPUTE_PARTY, "王* 3209**********0015"),
              (const char *const[]) { D_ID (1), D_ID (2), NULL });
  g_assert_cmpstr (gd_report_find_item (r, GD_REPORT_DISPUTE_PARTY,
                                        "王* 3209**********0015")->label, ==, "王*");
  /* an organisation keeps its name */
  g_assert_nonnull (gd_report_find_item (r, GD_REPORT_DISPUTE_PARTY, "新兴村村民委员会"));
  g_assert_cmpuint (n_items (r, GD_REPORT_FOLLOW_UP_DUE), ==, 1);
  assert_ids (gd_report_find_item (r, GD_REPORT_FOLLOW_UP_DUE, D_ID (1)),
              (const char *const[]) { D_ID (1), NULL });

  /* 数据质量 · 关爱走访: H1 has no coordinates; H2's spouse's birth date disagrees; H2's
   * left-behind child had no visit (H1's elderly head was visited on 19 November) */
  assert_ids (gd_report_find_item (r, GD_REPORT_NO_COORDINATES, GRID_A),
              (const char *const[]) { H1_ID, NULL });
  g_assert_cmpuint (n_items (r, GD_REPORT_NO_COORDINATES), ==, 1);
  g_assert_cmpuint (n_items (r, GD_REPORT_NO_ID_NUMBER), ==, 0);
  assert_ids (gd_report_find_item (r, GD_REPORT_BIRTH_MISMATCH, GRID_A),
              (const char *const[]) { H2_ID, NULL });
  assert_ids (gd_report_find_item (r, GD_REPORT_CARE_UNVISITED, GRID_A),
              (const char *const[]) { H2_ID, NULL });
  g_assert_cmpint (gd_report_find_item (r, GD_REPORT_CARE_UNVISITED, GRID_A)->count, ==, 1);
  g_assert_cmpuint (n_items (r, GD_REPORT_UNTOUCHED), ==, 0);
}

/* China day against UTC day: I1 is 2026-10-31 in UTC and 1 November in China */
static void
test_daily (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GdReport) first = build (f, FIXTURE_VILLAGE, GD_REPORT_DAILY, "2026-11-01", now);
  g_autoptr(GdReport) eve = build (f, FIXTURE_VILLAGE, GD_REPORT_DAILY, "2026-10-31", now);

  g_assert_cmpint (first->figures[GD_REPORT_NOW].incidents.reported, ==, 1);
  /* I1 was archived on 3 November: not closed in its day */
  g_assert_cmpint (first->figures[GD_REPORT_NOW].incidents.closed, ==, 0);
  g_assert_cmpint (first->figures[GD_REPORT_PREVIOUS].incidents.reported, ==, 1);
  g_assert_cmpint (first->figures[GD_REPORT_LAST_YEAR].incidents.reported, ==, 0);
  /* the trend of a day is the week that ends with it: 26 October to 1 November, with
   * I4 on 30 October, I5 on 31 October and I1 on 1 November */
  g_assert_cmpuint (first->daily->len, ==, 7);
  g_assert_cmpstr (((GdReportCount *) first->daily->pdata[0])->key, ==, "2026-10-26");
  g_assert_cmpint (((GdReportCount *) first->daily->pdata[4])->count, ==, 1);
  g_assert_cmpint (((GdReportCount *) first->daily->pdata[5])->count, ==, 1);
  g_assert_cmpint (((GdReportCount *) first->daily->pdata[6])->count, ==, 1);
  g_assert_cmpint (first->grids->len, ==, 2);
  g_assert_cmpint (((GdReportGrid *) first->grids->pdata[0])->days, ==, 1);
  /* 31 October in China holds I5 (23:00), not I1 */
  g_assert_cmpint (eve->figures[GD_REPORT_NOW].incidents.reported, ==, 1);
  g_assert_cmpstr (eve->start, ==, "2026-10-30T16:00:00Z");
  /* I4 the day before: no rise, no hot spot */
  g_assert_cmpint (eve->figures[GD_REPORT_PREVIOUS].incidents.reported, ==, 1);
  g_assert_cmpuint (n_items (eve, GD_REPORT_HOT_GRID), ==, 0);
}

/* a day with nothing reported: zero counts, no rates, but the backlog and both grids */
static void
test_empty_period (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GdReport) r = build (f, FIXTURE_VILLAGE, GD_REPORT_DAILY, "2026-11-15", now);
  const GdReportFigures *n = &r->figures[GD_REPORT_NOW];

  g_assert_cmpint (n->incidents.reported, ==, 0);
  g_assert_cmpfloat (gd_measures_closure_rate (&n->incidents), ==, -1.0);
  g_assert_cmpfloat (gd_measures_on_time_rate (&n->incidents), ==, -1.0);
  g_assert_cmpfloat (gd_measures_average_hours (&n->incidents), ==, -1.0);
  g_assert_cmpfloat (gd_report_satisfaction_rate (n), ==, -1.0);
  g_assert_cmpfloat (gd_report_mediation_rate (n), ==, -1.0);
  g_assert_cmpint (n->overdue, ==, 2);
  g_assert_cmpint (n->patrols, ==, 0);
  g_assert_cmpfloat (gd_report_patrol_coverage (n), ==, 0.0);
  g_assert_cmpuint (r->by_category->len, ==, 0);
  g_assert_cmpuint (r->grids->len, ==, 2);
  g_assert_cmpuint (n_items (r, GD_REPORT_HOT_GRID), ==, 0);
}

/* ISO week 53 of 2026 runs into 2027; I8 (23:00 on Sunday 3 January in China) is in it,
 * I9 (00:00 on Monday 4 January) is not */
static void
test_weekly_across_years (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 1, 10, 0, 0, 0);
  g_autoptr(GdReport) r = build (f, FIXTURE_VILLAGE, GD_REPORT_WEEKLY, "2027-01-01", now);
  g_autoptr(GdReport) next = build (f, FIXTURE_VILLAGE, GD_REPORT_WEEKLY, "2027-01-04", now);

  g_assert_cmpint (r->period.number, ==, 53);
  g_assert_cmpstr (r->start, ==, "2026-12-27T16:00:00Z");
  g_assert_cmpint (r->figures[GD_REPORT_NOW].incidents.reported, ==, 2);
  g_assert_cmpint (r->figures[GD_REPORT_NOW].overdue, ==, 2);
  g_assert_cmpint (r->figures[GD_REPORT_PREVIOUS].incidents.reported, ==, 0);
  g_assert_cmpint (r->last_year.number, ==, 52);
  g_assert_cmpint (r->figures[GD_REPORT_LAST_YEAR].incidents.reported, ==, 0);
  g_assert_cmpuint (r->daily->len, ==, 7);
  g_assert_cmpint (((GdReportCount *) r->daily->pdata[0])->count, ==, 1);
  g_assert_cmpint (((GdReportCount *) r->daily->pdata[6])->count, ==, 1);

  g_assert_cmpint (next->period.year, ==, 2027);
  g_assert_cmpint (next->period.number, ==, 1);
  g_assert_cmpint (next->figures[GD_REPORT_NOW].incidents.reported, ==, 1);
  g_assert_cmpint (next->figures[GD_REPORT_PREVIOUS].incidents.reported, ==, 2);
  /* 10 January has begun in China (08:00): 7 days up to the cutoff */
  g_assert_cmpint (((GdReportGrid *) next->grids->pdata[0])->days, ==, 7);
}

static void
test_quarterly (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 1, 10, 0, 0, 0);
  g_autoptr(GdReport) r = build (f, FIXTURE_VILLAGE, GD_REPORT_QUARTERLY, "2026-11-20", now);
  const GdReportFigures *n = &r->figures[GD_REPORT_NOW];

  g_assert_cmpstr (r->start, ==, "2026-09-30T16:00:00Z");
  g_assert_cmpstr (r->end, ==, "2026-12-31T16:00:00Z");
  g_assert_cmpstr (r->cutoff, ==, "2026-12-31T16:00:00Z");
  g_assert_cmpint (n->incidents.reported, ==, 6);
  g_assert_cmpint (n->incidents.closed, ==, 3);
  g_assert_cmpint (n->incidents.on_time, ==, 2);
  g_assert_cmpfloat_with_epsilon (n->incidents.handling_hours, 217.0, 1e-6);
  g_assert_cmpint (n->overdue, ==, 2);
  g_assert_cmpint (n->disputes, ==, 3);
  g_assert_cmpint (n->disputes_agreed, ==, 1);
  g_assert_cmpint (n->disputes_concluded, ==, 2);
  g_assert_cmpint (n->grid_days, ==, 2 * 92);
  g_assert_cmpint (r->figures[GD_REPORT_PREVIOUS].incidents.reported, ==, 0);
  g_assert_cmpint (r->figures[GD_REPORT_LAST_YEAR].incidents.reported, ==, 1);
  g_assert_cmpuint (r->daily->len, ==, 92);
}

/* the two steps give what gd_report_build gives */
static void
test_two_steps (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GDate) d = day ("2026-11-05");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdReport) whole = build (f, FIXTURE_VILLAGE, GD_REPORT_MONTHLY, "2026-11-05", now);
  g_autoptr(GdReport) parts = gd_report_build_figures (f->store, FIXTURE_VILLAGE,
                                                       GD_REPORT_MONTHLY, d, now, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (parts->items->len, ==, 0);
  g_assert_cmpint (parts->figures[GD_REPORT_NOW].overdue, ==, whole->figures[GD_REPORT_NOW].overdue);
  g_assert_true (gd_report_build_analysis (parts, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parts->items->len, ==, whole->items->len);
  for (guint i = 0; i < whole->items->len; i++)
    {
      GdReportItem *a = whole->items->pdata[i], *b = parts->items->pdata[i];
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpint (a->count, ==, b->count);
    }
}

/* a grid scope: B alone, which had no incidents in November */
static void
test_grid_scope (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GdReport) r = build (f, GRID_B, GD_REPORT_MONTHLY, "2026-11-05", now);

  g_assert_cmpstr (r->scope_name, ==, "第二网格");
  g_assert_cmpuint (r->grids->len, ==, 1);
  g_assert_cmpint (r->figures[GD_REPORT_NOW].incidents.reported, ==, 0);
  g_assert_cmpint (r->figures[GD_REPORT_NOW].overdue, ==, 0);
  g_assert_cmpint (r->figures[GD_REPORT_NOW].grid_days, ==, 20);
  g_assert_cmpint (r->figures[GD_REPORT_LAST_YEAR].incidents.reported, ==, 1);
  g_assert_cmpuint (r->items->len, ==, 0);
}

static void
test_refusals (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GDate) today = day ("2026-11-20");
  g_autoptr(GDate) tomorrow = day ("2026-11-21");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdReport) ok = NULL;

  g_assert_null (gd_report_build (f->store, FIXTURE_VILLAGE, GD_REPORT_DAILY, tomorrow, now,
                                  &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gd_report_build (f->store, "320902101009", GD_REPORT_DAILY, today, now,
                                  &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gd_report_build (f->store, "32090210100", GD_REPORT_DAILY, today, now,
                                  &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  /* today has begun: its report is allowed, the town above the village too */
  ok = gd_report_build (f->store, "320902101", GD_REPORT_DAILY, today, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->grids->len, ==, 2);
}

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, setup, func, store_fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/periods", test_periods);
  ADD ("/report/monthly", test_monthly);
  ADD ("/report/daily-china-day", test_daily);
  ADD ("/report/empty-period", test_empty_period);
  ADD ("/report/weekly-across-years", test_weekly_across_years);
  ADD ("/report/quarterly", test_quarterly);
  ADD ("/report/grid-scope", test_grid_scope);
  ADD ("/report/two-steps", test_two_steps);
  ADD ("/report/refusals", test_refusals);
  return g_test_run ();
}
