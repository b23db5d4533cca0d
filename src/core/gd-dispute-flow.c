/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-dispute-flow"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-dispute-flow.h"
#include "gd-error.h"
#include "gd-json.h"

#define MOVE(status) (1u << (status))

static const char *const status_names[GD_DISPUTE_N_STATUSES] = {
  [GD_DISPUTE_RECEIVED] = "received",
  [GD_DISPUTE_ACCEPTED] = "accepted",
  [GD_DISPUTE_MEDIATING] = "mediating",
  [GD_DISPUTE_AGREED] = "agreed",
  [GD_DISPUTE_FAILED] = "failed",
  [GD_DISPUTE_REFERRED] = "referred",
  [GD_DISPUTE_CLOSED] = "closed",
};

static const guint transitions[GD_DISPUTE_N_STATUSES] = {
  [GD_DISPUTE_RECEIVED] = MOVE (GD_DISPUTE_ACCEPTED) | MOVE (GD_DISPUTE_REFERRED),
  [GD_DISPUTE_ACCEPTED] = MOVE (GD_DISPUTE_MEDIATING) | MOVE (GD_DISPUTE_FAILED)
                          | MOVE (GD_DISPUTE_REFERRED),
  [GD_DISPUTE_MEDIATING] = MOVE (GD_DISPUTE_AGREED) | MOVE (GD_DISPUTE_FAILED)
                           | MOVE (GD_DISPUTE_REFERRED),
  [GD_DISPUTE_AGREED] = MOVE (GD_DISPUTE_CLOSED),
  [GD_DISPUTE_FAILED] = MOVE (GD_DISPUTE_CLOSED),
  [GD_DISPUTE_REFERRED] = MOVE (GD_DISPUTE_CLOSED),
};

const char *
gd_dispute_status_to_string (GdDisputeStatus status)
{
  g_return_val_if_fail (status < GD_DISPUTE_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
gd_dispute_status_from_string (const char      *name,
                               GdDisputeStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; name != NULL && i < GD_DISPUTE_N_STATUSES; i++)
    if (g_str_equal (name, status_names[i]))
      {
        *out_status = (GdDisputeStatus) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gd_dispute_transition_exists (GdDisputeStatus from,
                              GdDisputeStatus to)
{
  g_return_val_if_fail (from < GD_DISPUTE_N_STATUSES && to < GD_DISPUTE_N_STATUSES, FALSE);
  return (transitions[from] & MOVE (to)) != 0;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static guint
array_length (JsonObject *object,
              const char *member)
{
  JsonArray *array = gd_json_get_array (object, member);

  return array != NULL ? json_array_get_length (array) : 0;
}

/* NULL when `dispute` may move to `to`; otherwise what is missing (translated). */
static const char *
missing_for (JsonObject      *dispute,
             GdDisputeStatus  to)
{
  JsonObject *agreement = gd_json_get_object (dispute, "agreement");

  switch (to)
    {
    case GD_DISPUTE_ACCEPTED:
      if (array_length (dispute, "parties") < 2)
        return _("a case is accepted with at least two parties");
      return NULL;
    case GD_DISPUTE_MEDIATING:
      if (array_length (dispute, "sessions") == 0)
        return _("record the first mediation session before starting mediation");
      return NULL;
    case GD_DISPUTE_AGREED:
      if (array_length (dispute, "sessions") == 0)
        return _("no agreement without a mediation session");
      if (agreement == NULL || gd_json_get_string (agreement, "form") == NULL)
        return _("record the agreement (written or oral) first");
      if (blank (gd_json_get_string (agreement, "terms")))
        return _("the agreement needs its terms");
      return NULL;
    case GD_DISPUTE_FAILED:
      if (blank (gd_json_get_string (gd_json_get_object (dispute, "failure"), "reason")))
        return _("a failed mediation needs the reason");
      return NULL;
    case GD_DISPUTE_REFERRED:
      if (blank (gd_json_get_string (gd_json_get_object (dispute, "referral"), "to")))
        return _("a referral needs the body it goes to");
      return NULL;
    case GD_DISPUTE_RECEIVED:
    case GD_DISPUTE_CLOSED:
    default:
      return NULL;
    }
}

gboolean
gd_dispute_apply_transition (JsonObject      *dispute,
                             GdDisputeStatus  to,
                             const char      *by,
                             const char      *note,
                             GDateTime       *at,
                             GError         **error)
{
  const char *from_name;
  GdDisputeStatus from;
  g_autofree char *when = NULL;
  g_autofree char *entry_id = NULL;
  const char *missing;
  JsonArray *history;
  JsonObject *entry;

  g_return_val_if_fail (dispute != NULL, FALSE);
  g_return_val_if_fail (to < GD_DISPUTE_N_STATUSES, FALSE);

  if (blank (by))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("a status change needs the operator's name"));
      return FALSE;
    }
  from_name = gd_json_get_string (dispute, "status");
  if (!gd_dispute_status_from_string (from_name, &from))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("unknown dispute status '%s'"),
                   from_name ? from_name : "");
      return FALSE;
    }
  if (!gd_dispute_transition_exists (from, to))
    {
      /* Translators: two status codes, as written */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("cannot move a case from %s to %s"),
                   status_names[from], status_names[to]);
      return FALSE;
    }
  if ((missing = missing_for (dispute, to)) != NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, missing);
      return FALSE;
    }

  /* all checks passed: from here on the document changes */
  when = gd_timestamp_format (at);
  if (to == GD_DISPUTE_ACCEPTED && gd_json_get_string (dispute, "accepted_at") == NULL)
    json_object_set_string_member (dispute, "accepted_at", when);
  if (to == GD_DISPUTE_REFERRED)
    {
      JsonObject *referral = gd_json_get_object (dispute, "referral");
      if (gd_json_get_string (referral, "at") == NULL)
        json_object_set_string_member (referral, "at", when);
    }
  if (to == GD_DISPUTE_CLOSED && gd_json_get_string (dispute, "closed_at") == NULL)
    json_object_set_string_member (dispute, "closed_at", when);
  json_object_set_string_member (dispute, "status", status_names[to]);

  history = gd_json_get_array (dispute, "history");
  if (history == NULL)
    {
      history = json_array_new ();
      json_object_set_array_member (dispute, "history", history);
    }
  entry = json_object_new ();
  entry_id = gd_uuid_new ();
  json_object_set_string_member (entry, "id", entry_id);
  json_object_set_string_member (entry, "at", when);
  json_object_set_string_member (entry, "by", by);
  json_object_set_string_member (entry, "from", status_names[from]);
  json_object_set_string_member (entry, "to", status_names[to]);
  if (!blank (note))
    json_object_set_string_member (entry, "note", note);
  json_array_add_object_element (history, entry);
  return TRUE;
}

/* ---- case numbers ---- */

#define NUMBER_WORD "人调字第"

char *
gd_dispute_number_format (int         year,
                          const char *committee,
                          guint       n)
{
  return g_strdup_printf ("(%d)%s" NUMBER_WORD "%u号", year, committee, n);
}

static const char *
skip_bracket (const char *text,
              gboolean    open)
{
  const char *half = open ? "(" : ")";
  const char *full = open ? "（" : "）";

  if (g_str_has_prefix (text, half))
    return text + strlen (half);
  if (g_str_has_prefix (text, full))
    return text + strlen (full);
  return NULL;
}

gboolean
gd_dispute_number_parse (const char *number,
                         int        *out_year,
                         char      **out_committee,
                         guint      *out_n)
{
  const char *p, *word, *digits;
  char *end = NULL;
  guint64 n;
  int year;

  if (number == NULL || (p = skip_bracket (number, TRUE)) == NULL)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  year = atoi (p);
  if ((p = skip_bracket (p + 4, FALSE)) == NULL)
    return FALSE;
  word = strstr (p, NUMBER_WORD);
  if (word == NULL || word == p)
    return FALSE;
  digits = word + strlen (NUMBER_WORD);
  if (!g_ascii_isdigit (*digits) || *digits == '0')
    return FALSE;
  n = g_ascii_strtoull (digits, &end, 10);
  if (g_strcmp0 (end, "号") != 0 || n > G_MAXUINT)
    return FALSE;
  if (out_year != NULL)
    *out_year = year;
  if (out_committee != NULL)
    *out_committee = g_strndup (p, word - p);
  if (out_n != NULL)
    *out_n = (guint) n;
  return TRUE;
}

/* ---- timers ---- */

gboolean
gd_china_date_of (const char *timestamp,
                  GDate      *out_date)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) china = NULL;
  int year, month, day;

  if (timestamp == NULL || (at = g_date_time_new_from_iso8601 (timestamp, NULL)) == NULL)
    return FALSE;
  china = gd_china_time ();
  local = g_date_time_to_timezone (at, china);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static void
add_timer (GArray             *timers,
           GdDisputeTimerKind  kind,
           const GDate        *due,
           const GDate        *today)
{
  GdDisputeTimer timer = { .kind = kind, .due = *due };

  timer.days_left = g_date_days_between (today, due);
  g_array_append_val (timers, timer);
}

static int
compare_timers (gconstpointer a,
                gconstpointer b)
{
  const GdDisputeTimer *ta = a, *tb = b;

  return ta->days_left != tb->days_left ? (ta->days_left < tb->days_left ? -1 : 1)
                                        : (int) ta->kind - (int) tb->kind;
}

/* When the next follow-up visit is due, or FALSE when none is (fully carried out). */
static gboolean
follow_up_due (JsonObject *dispute,
               JsonObject *agreement,
               GDate      *due)
{
  JsonArray *follow_ups = gd_json_get_array (dispute, "follow_ups");
  JsonObject *last = NULL;
  const char *last_at = NULL;
  GDate planned, visited;

  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      JsonObject *visit = json_array_get_object_element (follow_ups, i);
      const char *at = gd_json_get_string (visit, "at");

      if (at != NULL && (last_at == NULL || strcmp (at, last_at) > 0))
        {
          last = visit;
          last_at = at;
        }
    }
  /* a planned visit not yet made (none recorded on or after its day) is due on that day */
  if (gd_date_parse (gd_json_get_string (gd_json_get_object (dispute, "follow_up_plan"), "due"), &planned)
      && (last_at == NULL || !gd_china_date_of (last_at, &visited)
          || g_date_compare (&visited, &planned) < 0))
    {
      *due = planned;
      return TRUE;
    }
  if (last != NULL)
    {
      if (g_strcmp0 (gd_json_get_string (last, "fulfilled"), "full") == 0
          || !gd_china_date_of (last_at, due))
        return FALSE;
      g_date_add_days (due, GD_DISPUTE_FOLLOW_UP_INTERVAL_DAYS);
      return TRUE;
    }
  if (gd_china_date_of (gd_json_get_string (gd_json_get_object (agreement, "performance"),
                                            "deadline"), due))
    {
      g_date_add_days (due, GD_DISPUTE_FOLLOW_UP_AFTER_DEADLINE_DAYS);
      return TRUE;
    }
  if (gd_china_date_of (gd_json_get_string (agreement, "signed_at"), due))
    {
      g_date_add_days (due, GD_DISPUTE_FOLLOW_UP_INTERVAL_DAYS);
      return TRUE;
    }
  return FALSE;
}

GArray *
gd_dispute_timers (JsonObject  *dispute,
                   const GDate *today)
{
  GArray *timers = g_array_new (FALSE, TRUE, sizeof (GdDisputeTimer));
  JsonObject *agreement = gd_json_get_object (dispute, "agreement");
  JsonObject *confirmation = gd_json_get_object (dispute, "judicial_confirmation");
  GdDisputeStatus status;
  GDate due;

  g_return_val_if_fail (today != NULL && g_date_valid (today), timers);
  if (!gd_dispute_status_from_string (gd_json_get_string (dispute, "status"), &status))
    return timers;

  if ((status == GD_DISPUTE_ACCEPTED || status == GD_DISPUTE_MEDIATING)
      && gd_china_date_of (gd_json_get_string (dispute, "accepted_at"), &due))
    {
      g_date_add_months (&due, 1);
      add_timer (timers, GD_DISPUTE_TIMER_RESOLUTION, &due, today);
    }

  if (status == GD_DISPUTE_AGREED || status == GD_DISPUTE_CLOSED)
    {
      if (g_strcmp0 (gd_json_get_string (agreement, "form"), "written") == 0
          && gd_json_get_string (confirmation, "filed_at") == NULL
          && gd_china_date_of (gd_json_get_string (agreement, "effective_at"), &due))
        {
          g_date_add_days (&due, GD_DISPUTE_CONFIRMATION_DAYS);
          if (g_date_days_between (today, &due) >= 0)
            add_timer (timers, GD_DISPUTE_TIMER_CONFIRMATION, &due, today);
        }
      /* a closed case is no longer visited */
      if (status == GD_DISPUTE_AGREED && follow_up_due (dispute, agreement, &due))
        add_timer (timers, GD_DISPUTE_TIMER_FOLLOW_UP, &due, today);
    }
  g_array_sort (timers, compare_timers);
  return timers;
}
