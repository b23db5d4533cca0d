/* gd-dispute-flow.h: the stages of a people's mediation case (人民调解案件).
 *
 * Status moves (each recorded in `history` as {id, at, by, from, to, note}):
 *   received  → accepted | referred            (受理, or passed on without mediating)
 *   accepted  → mediating | failed | referred  (failed: a party refuses to take part)
 *   mediating → agreed | failed | referred
 *   agreed | failed | referred → closed        (结案)
 *
 * What each target needs (checked by gd_dispute_apply_transition(), the validator checks the
 * dates): accepted — two parties (`accepted_at` is set to the move's time when missing);
 * mediating — a session; agreed — an agreement with its form and terms (an oral agreement's
 * terms are recorded in the registration, 人民调解法 art. 28) and a session before it;
 * failed — failure.reason; referred — referral.to; closed — nothing more (`closed_at` set).
 *
 * Timers: mediation is concluded within one month of acceptance; judicial confirmation is
 * applied for within 30 days of the agreement taking effect (art. 33); a follow-up visit (回访)
 * is due three days after the performance deadline (or 15 days after signing when there is no
 * deadline) and again 15 days after a visit that found the agreement not fully carried out;
 * a visit planned (`follow_up_plan`: {due YYYY-MM-DD, by}) and not yet made is due that day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_DISPUTE_RECEIVED,   /* 登记 */
  GD_DISPUTE_ACCEPTED,   /* 受理 */
  GD_DISPUTE_MEDIATING,  /* 调解中 */
  GD_DISPUTE_AGREED,     /* 调解成功 */
  GD_DISPUTE_FAILED,     /* 调解不成 */
  GD_DISPUTE_REFERRED,   /* 移交 */
  GD_DISPUTE_CLOSED,     /* 结案 */
} GdDisputeStatus;

#define GD_DISPUTE_N_STATUSES (GD_DISPUTE_CLOSED + 1)

#define GD_DISPUTE_CONFIRMATION_DAYS 30
#define GD_DISPUTE_FOLLOW_UP_AFTER_DEADLINE_DAYS 3
#define GD_DISPUTE_FOLLOW_UP_INTERVAL_DAYS 15

const char *gd_dispute_status_to_string   (GdDisputeStatus status);
gboolean    gd_dispute_status_from_string (const char *name, GdDisputeStatus *out_status);
gboolean    gd_dispute_transition_exists  (GdDisputeStatus from, GdDisputeStatus to);

/* Moves `dispute` to `to` after checking the table and what the target needs; appends the
 * history entry. `by` must be non-empty; `at` NULL means now. On refusal `dispute` is
 * unchanged and `error` is GD_ERROR_INVALID with a sentence saying what is missing. */
gboolean    gd_dispute_apply_transition   (JsonObject      *dispute,
                                           GdDisputeStatus  to,
                                           const char      *by,
                                           const char      *note,
                                           GDateTime       *at,
                                           GError         **error);

/* ---- case numbers: (年)<committee>人调字第N号 ---- */

char       *gd_dispute_number_format      (int year, const char *committee, guint n);
/* Accepts half- and full-width brackets. FALSE when `number` is not of the form. */
gboolean    gd_dispute_number_parse       (const char *number,
                                           int        *out_year,
                                           char      **out_committee,
                                           guint      *out_n);

/* ---- timers ---- */

typedef enum {
  GD_DISPUTE_TIMER_RESOLUTION,    /* one month from acceptance */
  GD_DISPUTE_TIMER_CONFIRMATION,  /* 30 days from effect */
  GD_DISPUTE_TIMER_FOLLOW_UP,     /* next 回访 */
} GdDisputeTimerKind;

typedef struct {
  GdDisputeTimerKind kind;
  GDate              due;        /* the last day (China time) */
  int                days_left;  /* due - today; negative when overdue */
} GdDisputeTimer;

/* The day of `at` in China (UTC+8); FALSE when `timestamp` is not RFC 3339. */
gboolean    gd_china_date_of              (const char *timestamp, GDate *out_date);

/* The running timers of a case on `today`, soonest first (GArray of GdDisputeTimer). A
 * confirmation window that has passed is not listed (the parties may no longer apply). */
GArray     *gd_dispute_timers             (JsonObject *dispute, const GDate *today);

G_END_DECLS
