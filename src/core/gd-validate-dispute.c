/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-json.h"
#include "gd-validate-private.h"

/* Disputes (人民调解案件): parties, sessions and the stages of a mediation case. */

/* 人民调解法 art. 33: judicial confirmation is applied for within 30 days of effect */
#define CONFIRMATION_WINDOW_DAYS 30

static const char *const party_roles[] = { "applicant", "respondent", "third_party", NULL };
static const char *const party_kinds[] = { "person", "organisation", NULL };
static const char *const mediator_roles[] = { "lead", "assist", NULL };
static const char *const agreement_forms[] = { "written", "oral", NULL };
static const char *const fulfilment[] = { "full", "partial", "none", NULL };

/* What the stage rules need to know about the case. */
typedef struct {
  const char *status;
  GDateTime  *received;
  GDateTime  *accepted;
  guint       n_sessions;
  GDateTime  *last_session;      /* the latest session, NULL when none */
  guint       last_session_index;
  GDateTime  *effective;         /* agreement.effective_at */
} DisputeStage;

static void
dispute_stage_clear (DisputeStage *stage)
{
  g_clear_pointer (&stage->received, g_date_time_unref);
  g_clear_pointer (&stage->accepted, g_date_time_unref);
  g_clear_pointer (&stage->last_session, g_date_time_unref);
  g_clear_pointer (&stage->effective, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DisputeStage, dispute_stage_clear)

static gboolean
status_is (DisputeStage *stage,
           const char   *status)
{
  return g_strcmp0 (stage->status, status) == 0;
}

static void
check_number (GdCheck *check)
{
  static GRegex *pattern = NULL;
  const char *number = gd_check_string (check, check->doc, "", "number", FALSE);

  if (g_once_init_enter (&pattern))
    {
      /* committee abbreviation between year and 人调字; half- or full-width brackets */
      GRegex *compiled = g_regex_new ("^[(（][0-9]{4}[)）]\\S+人调字第[1-9][0-9]*号$",
                                      G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&pattern, compiled);
    }
  if (number != NULL && !g_regex_match (pattern, number, 0, NULL))
    gd_check_error (check, "", "number", _("'%s' is not of the form (2026)X人调字第N号"), number);
}

static void
check_party (GdCheck    *check,
             JsonObject *party,
             const char *prefix)
{
  const char *kind = gd_check_enum (check, party, prefix, "kind", party_kinds, TRUE);
  GdIdCard card;

  gd_check_enum (check, party, prefix, "role", party_roles, TRUE);
  gd_check_string (check, party, prefix, "name", TRUE);
  gd_check_phone (check, party, prefix, "phone", FALSE);
  gd_check_string (check, party, prefix, "address", FALSE);
  if (g_strcmp0 (kind, "person") != 0)
    return;
  gd_check_code (check, party, prefix, "sex", "sex", FALSE);
  gd_check_code (check, party, prefix, "ethnicity", "ethnicity", FALSE);
  gd_check_date (check, party, prefix, "birth_date", FALSE, TRUE, NULL);
  gd_check_citizen_id (check, party, prefix, FALSE, &card);
  gd_check_string (check, party, prefix, "occupation", FALSE);
}

static void
check_parties (GdCheck      *check,
               DisputeStage *stage)
{
  JsonArray *parties = gd_check_id_array (check, check->doc, "", "parties", TRUE);
  gboolean accepted;
  guint n, min;

  if (parties == NULL)
    return;
  n = json_array_get_length (parties);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *party = gd_check_element (parties, "", "parties", i, &prefix);

      if (party != NULL)
        check_party (check, party, prefix);
    }
  /* an application may name only the applicant; a case taken on has both sides */
  accepted = stage->accepted != NULL || status_is (stage, "accepted")
             || status_is (stage, "mediating") || status_is (stage, "agreed")
             || status_is (stage, "failed");
  min = accepted ? 2 : 1;
  if (n < min)
    {
      /* whole sentences, so each translates as one (min: 2 once accepted, else 1) */
      if (accepted)
        gd_check_error (check, "", "parties",
                        _("an accepted case needs at least %u parties, has %u"), min, n);
      else
        gd_check_error (check, "", "parties", _("a case needs at least %u party, has %u"),
                        min, n);
    }
}

static void
check_mediators (GdCheck *check)
{
  JsonArray *mediators = gd_check_id_array (check, check->doc, "", "mediators", FALSE);

  for (guint i = 0; mediators != NULL && i < json_array_get_length (mediators); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *mediator = gd_check_element (mediators, "", "mediators", i, &prefix);

      if (mediator == NULL)
        continue;
      gd_check_string (check, mediator, prefix, "name", TRUE);
      gd_check_enum (check, mediator, prefix, "role", mediator_roles, TRUE);
    }
}

static void
check_sessions (GdCheck      *check,
                DisputeStage *stage)
{
  JsonArray *sessions = gd_check_id_array (check, check->doc, "", "sessions", FALSE);

  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *session = gd_check_element (sessions, "", "sessions", i, &prefix);
      GDateTime *at = NULL;

      if (session == NULL)
        continue;
      stage->n_sessions++;
      gd_check_timestamp (check, session, prefix, "at", TRUE, &at);
      /* the taken-on statuses already ask for accepted_at itself */
      if (stage->accepted == NULL && i == 0 && gd_check_absent (check->doc, "accepted_at")
          && (status_is (stage, "received") || status_is (stage, "referred")
              || status_is (stage, "closed")))
        {
          const char *args[] = { "accepted_at", NULL };

          gd_check_error_code (check, prefix, "at", GD_ISSUE_CODE_NOT_ACCEPTED, args,
                               _("a session needs the case accepted first (%s)"), "accepted_at");
        }
      gd_check_not_before (check, prefix, "at", at, stage->accepted, "accepted_at");
      gd_check_string (check, session, prefix, "place", FALSE);
      gd_check_array (check, session, prefix, "attendees", FALSE);
      gd_check_string (check, session, prefix, "recorder", FALSE);
      gd_check_string (check, session, prefix, "content", FALSE);
      gd_check_string (check, session, prefix, "outcome", FALSE);
      if (at == NULL)
        continue;
      if (stage->last_session == NULL || g_date_time_compare (at, stage->last_session) > 0)
        {
          g_clear_pointer (&stage->last_session, g_date_time_unref);
          stage->last_session = at;
          stage->last_session_index = i;
        }
      else
        g_date_time_unref (at);
    }
}

static void
check_agreement (GdCheck      *check,
                 DisputeStage *stage)
{
  JsonObject *agreement = gd_check_object (check, check->doc, "", "agreement", FALSE);
  g_autoptr(GDateTime) signed_at = NULL;
  g_autofree char *last_session_name = NULL;
  JsonObject *performance;
  const char *form;

  if (agreement == NULL)
    {
      if (status_is (stage, "agreed") && gd_check_absent (check->doc, "agreement"))
        gd_check_error (check, "", "agreement", _("is required when the status is %s"), "agreed");
      return;
    }
  if (stage->n_sessions == 0)
    gd_check_error (check, "", "agreement", _("no agreement without a mediation session"));

  form = gd_check_enum (check, agreement, "agreement.", "form", agreement_forms, TRUE);
  gd_check_string (check, agreement, "agreement.", "terms", FALSE);
  if (g_strcmp0 (form, "written") == 0 && gd_check_absent (agreement, "terms"))
    gd_check_error (check, "agreement.", "terms", _("a written agreement needs its terms"));
  /* 人民调解法 art. 28: the mediator records what was agreed orally (in the registration) */
  else if (g_strcmp0 (form, "oral") == 0 && gd_check_absent (agreement, "terms"))
    gd_check_error (check, "agreement.", "terms",
                    _("an oral agreement is recorded in the registration: its terms are needed"));
  gd_check_string (check, agreement, "agreement.", "facts", FALSE);
  gd_check_string (check, agreement, "agreement.", "responsibilities", FALSE);

  performance = gd_check_object (check, agreement, "agreement.", "performance", FALSE);
  gd_check_string (check, performance, "agreement.performance.", "method", FALSE);
  gd_check_string (check, performance, "agreement.performance.", "place", FALSE);
  gd_check_timestamp (check, performance, "agreement.performance.", "deadline", FALSE, NULL);

  gd_check_timestamp (check, agreement, "agreement.", "signed_at", FALSE, &signed_at);
  last_session_name = g_strdup_printf ("sessions[%u].at", stage->last_session_index);
  gd_check_not_before (check, "agreement.", "signed_at", signed_at, stage->last_session,
                       last_session_name);
  gd_check_timestamp (check, agreement, "agreement.", "effective_at", FALSE, &stage->effective);
  gd_check_not_before (check, "agreement.", "effective_at", stage->effective, signed_at,
                       "agreement.signed_at");
  gd_check_int (check, agreement, "agreement.", "copies", FALSE, 1, NULL);
}

/* Calendar days from `from` to `to` as counted in China (UTC+8). */
static int
china_days_between (GDateTime *from,
                    GDateTime *to)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local_from = g_date_time_to_timezone (from, china);
  g_autoptr(GDateTime) local_to = g_date_time_to_timezone (to, china);
  GDate day_from, day_to;
  int year, month, day;

  g_date_time_get_ymd (local_from, &year, &month, &day);
  g_date_clear (&day_from, 1);
  g_date_set_dmy (&day_from, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_time_get_ymd (local_to, &year, &month, &day);
  g_date_clear (&day_to, 1);
  g_date_set_dmy (&day_to, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_days_between (&day_from, &day_to);
}

static void
check_confirmation (GdCheck      *check,
                    DisputeStage *stage)
{
  const char *prefix = "judicial_confirmation.";
  JsonObject *confirmation = gd_check_object (check, check->doc, "", "judicial_confirmation",
                                              FALSE);
  g_autoptr(GDateTime) filed = NULL;
  int days;

  if (confirmation == NULL)
    return;
  gd_check_boolean (check, confirmation, prefix, "requested", FALSE, NULL);
  gd_check_string (check, confirmation, prefix, "court", FALSE);
  gd_check_string (check, confirmation, prefix, "case_number", FALSE);
  gd_check_string (check, confirmation, prefix, "result", FALSE);
  if (!gd_check_timestamp (check, confirmation, prefix, "filed_at", FALSE, &filed))
    return;
  if (stage->effective == NULL)
    {
      g_autofree char *window = g_strdup_printf ("%d", CONFIRMATION_WINDOW_DAYS);
      const char *args[] = { "agreement.effective_at", window, NULL };

      /* Translators: %s is the field name effective_at, as written */
      gd_check_error_code (check, prefix, "filed_at", GD_ISSUE_CODE_NO_EFFECTIVE, args,
                           _("needs an agreement with %s to count the %d days from"),
                           "effective_at", CONFIRMATION_WINDOW_DAYS);
      return;
    }
  gd_check_not_before (check, prefix, "filed_at", filed, stage->effective,
                       "agreement.effective_at");
  days = china_days_between (stage->effective, filed);
  if (days > CONFIRMATION_WINDOW_DAYS)
    {
      g_autofree char *count = g_strdup_printf ("%d", days);
      g_autofree char *window = g_strdup_printf ("%d", CONFIRMATION_WINDOW_DAYS);
      const char *args[] = { count, "agreement.effective_at", window, NULL };

      /* Translators: days, the field they count from (agreement.effective_at), the limit */
      gd_check_error_code (check, prefix, "filed_at", GD_ISSUE_CODE_LATE_FILING, args,
                           _("is %d days after %s, outside the %d-day window"),
                           days, "agreement.effective_at", CONFIRMATION_WINDOW_DAYS);
    }
}

/* failed needs failure.reason, referred needs referral.to; returns the outcome object */
static JsonObject *
check_outcome (GdCheck      *check,
               DisputeStage *stage,
               const char   *status,
               const char   *member,
               const char   *field)
{
  g_autofree char *prefix = g_strconcat (member, ".", NULL);
  JsonObject *outcome = gd_check_object (check, check->doc, "", member, FALSE);

  gd_check_string (check, outcome, prefix, field, FALSE);
  if (status_is (stage, status) && gd_check_absent (outcome, field))
    /* Translators: %s is a status code ("agreed" …), as written */
    gd_check_error (check, prefix, field, _("is required when the status is %s"), status);
  return outcome;
}

/* TRUE when `at` falls on a day after today, in China */
static gboolean
is_after_today (GdCheck   *check,
                GDateTime *at)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, china);
  GDate day;
  int year, month, date;

  g_date_time_get_ymd (local, &year, &month, &date);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) date, (GDateMonth) month, (GDateYear) year);
  return g_date_compare (&day, &check->today) > 0;
}

/* The next visit as planned: on which day (China date, may be ahead) and by whom. */
static void
check_follow_up_plan (GdCheck *check)
{
  JsonObject *plan = gd_check_object (check, check->doc, "", "follow_up_plan", FALSE);

  if (plan == NULL)
    return;
  gd_check_date (check, plan, "follow_up_plan.", "due", TRUE, FALSE, NULL);
  gd_check_string (check, plan, "follow_up_plan.", "by", FALSE);
}

static void
check_follow_ups (GdCheck *check)
{
  JsonArray *follow_ups = gd_check_id_array (check, check->doc, "", "follow_ups", FALSE);

  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *follow_up = gd_check_element (follow_ups, "", "follow_ups", i, &prefix);

      g_autoptr(GDateTime) at = NULL;

      if (follow_up == NULL)
        continue;
      /* a visit is recorded once made: planning the next one is follow_up_plan */
      if (gd_check_timestamp (check, follow_up, prefix, "at", TRUE, &at) && is_after_today (check, at))
        gd_check_error (check, prefix, "at", _("%s is in the future"),
                        gd_json_get_string (follow_up, "at"));
      gd_check_string (check, follow_up, prefix, "by", TRUE);
      gd_check_enum (check, follow_up, prefix, "fulfilled", fulfilment, TRUE);
      gd_check_enum (check, follow_up, prefix, "satisfaction", gd_check_satisfactions, FALSE);
      gd_check_string (check, follow_up, prefix, "risk_note", FALSE);
    }
}

/* who moved the case on, when (gd-dispute-flow.c writes these) */
static void
check_history (GdCheck *check)
{
  JsonArray *history = gd_check_id_array (check, check->doc, "", "history", FALSE);

  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *entry = gd_check_element (history, "", "history", i, &prefix);

      if (entry == NULL)
        continue;
      gd_check_timestamp (check, entry, prefix, "at", TRUE, NULL);
      gd_check_string (check, entry, prefix, "by", TRUE);
      gd_check_code (check, entry, prefix, "from", "dispute-statuses", TRUE);
      gd_check_code (check, entry, prefix, "to", "dispute-statuses", TRUE);
      gd_check_string (check, entry, prefix, "note", FALSE);
    }
}

static void
check_risk (GdCheck *check)
{
  JsonObject *risk = gd_check_object (check, check->doc, "", "risk", FALSE);

  gd_check_boolean (check, risk, "risk.", "criminal_escalation", FALSE, NULL);
  gd_check_boolean (check, risk, "risk.", "group_petition", FALSE, NULL);
  gd_check_string (check, risk, "risk.", "level", FALSE);
}

static void
check_dates (GdCheck      *check,
             DisputeStage *stage)
{
  JsonObject *doc = check->doc;
  g_autoptr(GDateTime) closed = NULL;
  gboolean taken_on = status_is (stage, "accepted") || status_is (stage, "mediating")
                      || status_is (stage, "agreed") || status_is (stage, "failed");

  gd_check_timestamp (check, doc, "", "occurred_at", FALSE, NULL);
  gd_check_timestamp (check, doc, "", "received_at", TRUE, &stage->received);
  gd_check_timestamp (check, doc, "", "accepted_at", FALSE, &stage->accepted);
  if (taken_on && gd_check_absent (doc, "accepted_at"))
    gd_check_error (check, "", "accepted_at", _("is required when the status is %s"),
                    stage->status);
  gd_check_not_before (check, "", "accepted_at", stage->accepted, stage->received,
                       "received_at");
  gd_check_timestamp (check, doc, "", "rights_notice_at", FALSE, NULL);
  gd_check_timestamp (check, doc, "", "closed_at", status_is (stage, "closed"), &closed);
  gd_check_not_before (check, "", "closed_at", closed, stage->received, "received_at");
}

void
gd_validate_dispute (GdCheck *check)
{
  JsonObject *doc = check->doc;
  g_auto(DisputeStage) stage = { 0, };
  JsonObject *referral;

  check_number (check);
  stage.status = gd_check_code (check, doc, "", "status", "dispute-statuses", TRUE);
  gd_check_code (check, doc, "", "category", "dispute-categories", TRUE);
  gd_check_code (check, doc, "", "source", "dispute-sources", FALSE);
  gd_check_code (check, doc, "", "room", "mediation-rooms", FALSE);
  gd_check_string (check, doc, "", "summary", FALSE);
  gd_check_string (check, doc, "", "facts", FALSE);
  gd_check_string (check, doc, "", "claims", FALSE);
  gd_check_location (check, doc, "", "location", FALSE);
  gd_check_int (check, doc, "", "people_involved", FALSE, 1, NULL);
  gd_check_number (check, doc, "", "amount_involved", FALSE, 0, NULL);
  check_risk (check);

  check_dates (check, &stage);
  check_parties (check, &stage);
  check_mediators (check);
  check_sessions (check, &stage);
  check_agreement (check, &stage);
  check_outcome (check, &stage, "failed", "failure", "reason");
  referral = check_outcome (check, &stage, "referred", "referral", "to");
  gd_check_timestamp (check, referral, "referral.", "at", FALSE, NULL);
  gd_check_string (check, referral, "referral.", "reason", FALSE);
  check_confirmation (check, &stage);
  check_follow_ups (check);
  check_follow_up_plan (check);
  check_history (check);
}
