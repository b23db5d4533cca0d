/* gd-deadline.h: 限时办理 — how long an incident may take, by category and urgency.
 *
 * A rule gives hours (round the clock: emergencies do not wait for Monday) or working days
 * (the deadline is 18:00 China time of the Nth working day after the day of registration;
 * weekends and holidays are skipped, weekend days worked instead — 调休 — count).
 * The shipped rules and the 2026 holiday calendar are data/codes/deadline-rules.json and
 * holidays-2026.json; the app keeps the operator's edits in GSettings as the same JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef struct _GdDeadlineRules GdDeadlineRules;

typedef enum {
  GD_SPAN_HOURS,
  GD_SPAN_WORKING_DAYS,
} GdSpanUnit;

typedef struct {
  GdSpanUnit unit;
  guint      amount;
} GdDeadlineSpan;

typedef struct {
  char          *category; /* a class (AQ), a sub-class (AQ01) or "*" */
  char          *urgency;  /* normal, urgent, critical */
  GdDeadlineSpan span;
} GdDeadlineRule;

/* Where a deadline stands for the badges. */
typedef enum {
  GD_DEADLINE_NONE,     /* no deadline */
  GD_DEADLINE_OK,
  GD_DEADLINE_DUE_SOON, /* less than GD_DEADLINE_DUE_SOON_HOURS left */
  GD_DEADLINE_OVERDUE,
  GD_DEADLINE_CLOSED,   /* archived: the clock has stopped */
} GdDeadlineState;

#define GD_DEADLINE_DUE_SOON_HOURS 24
/* 18:00 at UTC+8: when a working day ends */
#define GD_DEADLINE_DAY_END_HOUR 18

/* The shipped rules and calendar. */
GdDeadlineRules *gd_deadline_rules_new_default  (void);
GdDeadlineRules *gd_deadline_rules_copy         (GdDeadlineRules *rules);
void             gd_deadline_rules_free         (GdDeadlineRules *rules);

/* Replaces the rules by those of `json` ({"rules": [{category, urgency, hours|working_days}]});
 * on error (with the rule's index and what is wrong) nothing changes. */
gboolean         gd_deadline_rules_load_rules   (GdDeadlineRules *rules,
                                                 const char      *json,
                                                 GError         **error);
/* Replaces the calendar by that of `json` ({"holidays": [dates], "working_days": [dates]}). */
gboolean         gd_deadline_rules_load_calendar (GdDeadlineRules *rules,
                                                  const char      *json,
                                                  GError         **error);
char            *gd_deadline_rules_rules_to_json    (GdDeadlineRules *rules);
char            *gd_deadline_rules_calendar_to_json (GdDeadlineRules *rules);

/* The rules, sorted by category then urgency (normal, urgent, critical). Borrowed. */
const GArray    *gd_deadline_rules_get_rules    (GdDeadlineRules *rules);
/* Adds or replaces the rule for (category, urgency); span NULL removes it. The catch-all
 * "*" rules can be changed but not removed. */
gboolean         gd_deadline_rules_set          (GdDeadlineRules      *rules,
                                                 const char           *category,
                                                 const char           *urgency,
                                                 const GdDeadlineSpan *span,
                                                 GError              **error);
/* The rule that applies: the sub-class's, else its class's, else "*". urgency NULL: normal. */
gboolean         gd_deadline_rules_lookup       (GdDeadlineRules *rules,
                                                 const char      *category,
                                                 const char      *urgency,
                                                 GdDeadlineSpan  *out_span);

/* Sorted YYYY-MM-DD strings (borrowed). */
const GPtrArray *gd_deadline_rules_get_holidays     (GdDeadlineRules *rules);
const GPtrArray *gd_deadline_rules_get_working_days (GdDeadlineRules *rules);

/* Weekdays are working days unless listed as holidays; weekend days are not, unless listed
 * as working days. */
gboolean         gd_deadline_is_working_day     (GdDeadlineRules *rules, const GDate *date);

/* The deadline of an incident registered at `reported`. */
GDateTime       *gd_deadline_compute            (GdDeadlineRules *rules,
                                                 const char      *category,
                                                 const char      *urgency,
                                                 GDateTime       *reported);
GDateTime       *gd_deadline_add_span           (GdDeadlineRules      *rules,
                                                 const GdDeadlineSpan *span,
                                                 GDateTime            *start);

/* The badge of an incident in `status` with `deadline` (RFC 3339 or NULL) at `now`. */
GdDeadlineState  gd_deadline_state              (const char *deadline,
                                                 const char *status,
                                                 GDateTime  *now);

/* "5 working days", "72 hours" (translated). */
char            *gd_deadline_span_format        (const GdDeadlineSpan *span);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdDeadlineRules, gd_deadline_rules_free)

G_END_DECLS
