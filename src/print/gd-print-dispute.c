/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-print-dispute"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-json.h"
#include "gd-print-dispute.h"
#include "gd-sheet.h"

/* The five documents of a case, after the MoJ's 人民调解文书格式: a title, the case number on
 * the right, boxed tables with the field names in a shaded column, ruled lines for what the
 * mediator writes, signature lines, fingerprint boxes and the committee's seal. */

#define LABEL_SHARE 0.18

struct _GdDisputePrint
{
  JsonObject   *doc;
  GdDisputeForm form;
  int           session;    /* record: the one session to print, -1: all */
  char         *committee;  /* 新兴村人民调解委员会 */
};

static const char *const form_names[GD_DISPUTE_N_FORMS] = {
  "application", "registration", "record", "agreement", "follow-up",
};

const char *
gd_dispute_form_to_string (GdDisputeForm form)
{
  g_return_val_if_fail (form < GD_DISPUTE_N_FORMS, NULL);
  return form_names[form];
}

gboolean
gd_dispute_form_from_string (const char    *name,
                             GdDisputeForm *out_form)
{
  for (guint i = 0; name != NULL && i < GD_DISPUTE_N_FORMS; i++)
    if (g_str_equal (name, form_names[i]))
      {
        *out_form = (GdDisputeForm) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gd_dispute_form_title (GdDisputeForm form)
{
  switch (form)
    {
    case GD_DISPUTE_FORM_APPLICATION:
      return _("People's Mediation Application");
    case GD_DISPUTE_FORM_REGISTRATION:
      return _("People's Mediation Acceptance Register");
    case GD_DISPUTE_FORM_RECORD:
      return _("People's Mediation Record");
    case GD_DISPUTE_FORM_AGREEMENT:
      return _("People's Mediation Agreement");
    case GD_DISPUTE_FORM_FOLLOW_UP:
    default:
      return _("People's Mediation Follow-up Record");
    }
}

/* ---- values as the forms write them ---- */

static gboolean
chinese (void)
{
  const char *const *names = g_get_language_names ();
  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

static const char *
code_name (const char *list,
           const char *code)
{
  GdCodeTable *table = code != NULL ? gd_codes_get (list) : NULL;
  const GdCodeItem *item = table != NULL ? gd_code_table_lookup (table, code) : NULL;

  if (item == NULL)
    return code != NULL ? code : "";
  return chinese () || item->name_en == NULL ? item->name_zh : item->name_en;
}

static GDateTime *
china_time (const char *timestamp)
{
  g_autoptr(GDateTime) at = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GTimeZone) china = NULL;

  if (at == NULL)
    return NULL;
  china = gd_china_time ();
  return g_date_time_to_timezone (at, china);
}

/* "2026年4月8日"; a blank to fill in by hand when there is no date */
static char *
date_text (const char *timestamp)
{
  g_autoptr(GDateTime) at = china_time (timestamp);

  if (at == NULL)
    /* Translators: an empty date on a printed form, to be filled in by hand */
    return g_strdup (_("        (year)    (month)    (day)"));
  /* Translators: a date on a printed form, g_date_time_format() syntax; Chinese: %Y年%-m月%-d日 */
  return g_date_time_format (at, _("%-d %B %Y"));
}

static char *
time_text (const char *timestamp)
{
  g_autoptr(GDateTime) at = china_time (timestamp);

  if (at == NULL)
    return g_strdup ("");
  /* Translators: date and time on a printed form; Chinese: %Y年%-m月%-d日%H时%M分 */
  return g_date_time_format (at, _("%-d %B %Y, %H:%M"));
}

static const char *
text_or_blank (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
role_name (const char *role)
{
  if (g_strcmp0 (role, "applicant") == 0)
    return _("Applicant");
  if (g_strcmp0 (role, "respondent") == 0)
    return _("Respondent");
  return _("Third party");
}

/* Age in full years on `on` (China date), -1 when unknown. */
static int
age_on (const char *birth_date,
        const char *on)
{
  g_autoptr(GDateTime) at = china_time (on);
  GDate birth;
  int year, month, day, age;

  if (at == NULL || !gd_date_parse (birth_date, &birth))
    return -1;
  g_date_time_get_ymd (at, &year, &month, &day);
  age = year - g_date_get_year (&birth);
  if (month < (int) g_date_get_month (&birth)
      || (month == (int) g_date_get_month (&birth) && day < (int) g_date_get_day (&birth)))
    age--;
  return age;
}

/* The identity of a party in one cell, as the forms list it. */
static char *
party_text (JsonObject *party,
            const char *on,
            gboolean    with_id)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *value;

  if (g_strcmp0 (gd_json_get_string (party, "kind"), "organisation") == 0)
    {
      g_string_append_printf (text, _("Organisation: %s"), text_or_blank (gd_json_get_string (party, "name")));
      if ((value = gd_json_get_string (party, "address")) != NULL)
        g_string_append_printf (text, _("\nAddress: %s"), value);
    }
  else
    {
      int age = age_on (gd_json_get_string (party, "birth_date"), on);
      const char *sex = gd_json_get_string (party, "sex");
      const char *ethnicity = gd_json_get_string (party, "ethnicity");

      g_string_append_printf (text, _("Name: %s"), text_or_blank (gd_json_get_string (party, "name")));
      if (sex != NULL)
        g_string_append_printf (text, _("    Sex: %s"), code_name ("sex", sex));
      if (ethnicity != NULL)
        g_string_append_printf (text, _("    Ethnicity: %s"), code_name ("ethnicity", ethnicity));
      if (age >= 0)
        g_string_append_printf (text, _("    Age: %d"), age);
      if ((value = gd_json_get_string (party, "occupation")) != NULL)
        g_string_append_printf (text, _("    Occupation: %s"), value);
      if (with_id && (value = gd_json_get_string (party, "id_number")) != NULL)
        g_string_append_printf (text, _("\nCitizen ID: %s"), value);
      if ((value = gd_json_get_string (party, "address")) != NULL)
        g_string_append_printf (text, _("\nAddress: %s"), value);
    }
  if ((value = gd_json_get_string (party, "phone")) != NULL)
    g_string_append_printf (text, _("\nPhone: %s"), value);
  if ((value = gd_json_get_string (party, "agent")) != NULL)
    g_string_append_printf (text, _("\nAgent: %s"), value);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
join_names (JsonArray  *array,
            gboolean    with_role)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name;

      if (JSON_NODE_HOLDS_VALUE (node))
        name = json_node_get_string (node);
      else
        name = gd_json_get_string (json_node_get_object (node), "name");
      if (name == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "、");
      if (with_role)
        g_string_append_printf (text, "%s（%s）", name,
                                role_name (gd_json_get_string (json_node_get_object (node), "role")));
      else
        g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- drawing helpers ---- */

static void
row2 (GdSheet    *sheet,
      const char *label,
      const char *value,
      double      min_height)
{
  GdSheetCell cells[] = {
    { label, LABEL_SHARE, GD_CELL_LABEL },
    { value, 1 - LABEL_SHARE, min_height > 40 ? GD_CELL_TALL : 0 },
  };
  gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), min_height);
}

static void
row4 (GdSheet    *sheet,
      const char *label1,
      const char *value1,
      const char *label2,
      const char *value2)
{
  GdSheetCell cells[] = {
    { label1, LABEL_SHARE, GD_CELL_LABEL },
    { value1, 0.5 - LABEL_SHARE, GD_CELL_CENTER },
    { label2, LABEL_SHARE, GD_CELL_LABEL },
    { value2, 0.5 - LABEL_SHARE, GD_CELL_CENTER },
  };
  gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 30);
}

/* The case number on the right under the title; the following pages repeat both on top. */
static void
number_note (GdSheet        *sheet,
             GdDisputePrint *print)
{
  g_autofree char *text = g_strdup_printf (_("No. %s"),
                                           text_or_blank (gd_json_get_string (print->doc, "number")));
  /* Translators: the header of a form's following pages: its title, then 编号：… */
  g_autofree char *header = g_strdup_printf (_("%s (continued)    %s"),
                                             gd_dispute_form_title (print->form), text);

  gd_sheet_note (sheet, text, TRUE);
  gd_sheet_space (sheet, 2);
  gd_sheet_set_running_header (sheet, header);
}

/* A signature line on the left and the date on the right of one line. */
static void
sign_and_date (GdSheet    *sheet,
               const char *label,
               const char *timestamp)
{
  g_autofree char *date = date_text (timestamp);
  double left = gd_sheet_left (sheet), width = gd_sheet_text_width (sheet);

  gd_sheet_need (sheet, 40);
  gd_sheet_sign_line (sheet, left + width * 0.42, width * 0.58, label);
  gd_sheet_space (sheet, 30);
  gd_sheet_note (sheet, date, TRUE);
}

static void
parties_rows (GdSheet    *sheet,
              JsonObject *doc,
              const char *on,
              gboolean    with_id)
{
  JsonArray *parties = gd_json_get_array (doc, "parties");

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      g_autofree char *text = party_text (party, on, with_id);

      row2 (sheet, role_name (gd_json_get_string (party, "role")), text, 30);
    }
}

/* ---- the forms ---- */

static void
form_application (GdSheet    *sheet,
                  GdDisputePrint *print)
{
  JsonObject *doc = print->doc;
  const char *received = gd_json_get_string (doc, "received_at");
  g_autofree char *facts = g_strjoin ("\n", text_or_blank (gd_json_get_string (doc, "summary")),
                                      text_or_blank (gd_json_get_string (doc, "facts")), NULL);

  gd_sheet_title (sheet, gd_dispute_form_title (print->form));
  number_note (sheet, print);
  parties_rows (sheet, doc, received, FALSE);
  row2 (sheet, _("Dispute in brief"), g_strstrip (facts), 170);
  row2 (sheet, _("Requests"), text_or_blank (gd_json_get_string (doc, "claims")), 110);
  gd_sheet_space (sheet, 16);
  gd_sheet_paragraph (sheet, _("The mediation committee has told me the provisions on people's "
                               "mediation and my rights and duties in it. I apply for people's "
                               "mediation of my own free will, and what I have stated is true."));
  gd_sheet_space (sheet, 18);
  sign_and_date (sheet, _("Applicant (signature or fingerprint): "), received);
}

static const char *
outcome_text (JsonObject *doc)
{
  const char *status = gd_json_get_string (doc, "status");
  JsonObject *agreement = gd_json_get_object (doc, "agreement");

  if (agreement != NULL)
    return g_strcmp0 (gd_json_get_string (agreement, "form"), "oral") == 0
           ? _("Agreed orally") : _("Agreed in writing");
  if (g_strcmp0 (status, "failed") == 0 || gd_json_get_object (doc, "failure") != NULL)
    return _("Mediation failed");
  if (g_strcmp0 (status, "referred") == 0)
    return _("Referred");
  return _("In progress");
}

static char *
risk_text (JsonObject *doc)
{
  JsonObject *risk = gd_json_get_object (doc, "risk");
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean flag;

  if (risk != NULL && json_object_has_member (risk, "criminal_escalation"))
    {
      flag = json_object_get_boolean_member_with_default (risk, "criminal_escalation", FALSE);
      g_string_append (text, flag ? _("Risk of turning criminal: yes") : _("Risk of turning criminal: no"));
    }
  if (risk != NULL && json_object_has_member (risk, "group_petition"))
    {
      flag = json_object_get_boolean_member_with_default (risk, "group_petition", FALSE);
      if (text->len > 0)
        g_string_append (text, _("; "));
      g_string_append (text, flag ? _("Risk of group petition: yes") : _("Risk of group petition: no"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
fulfilment_text (JsonObject *doc)
{
  JsonArray *follow_ups = gd_json_get_array (doc, "follow_ups");
  guint n = follow_ups != NULL ? json_array_get_length (follow_ups) : 0;
  JsonObject *last;
  const char *fulfilled;

  if (n == 0)
    return g_strdup ("");
  last = json_array_get_object_element (follow_ups, n - 1);
  fulfilled = gd_json_get_string (last, "fulfilled");
  return g_strdup (g_strcmp0 (fulfilled, "full") == 0 ? _("Carried out in full")
                   : g_strcmp0 (fulfilled, "partial") == 0 ? _("Partly carried out")
                   : _("Not carried out"));
}

static void
form_registration (GdSheet        *sheet,
                   GdDisputePrint *print)
{
  JsonObject *doc = print->doc;
  JsonObject *agreement = gd_json_get_object (doc, "agreement");
  g_autofree char *received = time_text (gd_json_get_string (doc, "received_at"));
  g_autofree char *accepted = time_text (gd_json_get_string (doc, "accepted_at"));
  g_autofree char *notice = date_text (gd_json_get_string (doc, "rights_notice_at"));
  g_autofree char *closed = gd_json_get_string (doc, "closed_at") ? date_text (gd_json_get_string (doc, "closed_at")) : g_strdup ("");
  g_autofree char *mediators = join_names (gd_json_get_array (doc, "mediators"), FALSE);
  g_autofree char *parties = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *risk = risk_text (doc);
  g_autofree char *sessions = NULL;
  g_autofree char *facts = g_strjoin ("\n", text_or_blank (gd_json_get_string (doc, "summary")),
                                      text_or_blank (gd_json_get_string (doc, "facts")), NULL);
  g_autofree char *fulfilment = fulfilment_text (doc);
  g_autofree char *oral = NULL;
  JsonArray *party_list = gd_json_get_array (doc, "parties");
  g_autoptr(GString) party_lines = g_string_new (NULL);
  gint64 people = 0;
  double amount = 0;

  for (guint i = 0; party_list != NULL && i < json_array_get_length (party_list); i++)
    {
      JsonObject *party = json_array_get_object_element (party_list, i);
      g_autofree char *text = party_text (party, gd_json_get_string (doc, "received_at"), TRUE);

      g_string_append_printf (party_lines, "%s%s：%s", party_lines->len > 0 ? "\n" : "",
                              role_name (gd_json_get_string (party, "role")), text);
    }
  parties = g_string_free (g_steal_pointer (&party_lines), FALSE);
  gd_json_get_int (doc, "people_involved", &people);
  if (json_object_has_member (doc, "amount_involved"))
    amount = json_object_get_double_member (doc, "amount_involved");
  /* Translators: people involved and the amount in yuan */
  scale = g_strdup_printf (_("%d people; %.2f yuan"), (int) people, amount);
  sessions = g_strdup_printf ("%u", gd_json_get_array (doc, "sessions")
                                    ? json_array_get_length (gd_json_get_array (doc, "sessions")) : 0);
  if (agreement != NULL && g_strcmp0 (gd_json_get_string (agreement, "form"), "oral") == 0)
    oral = g_strdup (text_or_blank (gd_json_get_string (agreement, "terms")));
  else if (agreement != NULL)
    /* Translators: %s is the case number */
    oral = g_strdup_printf (_("Written agreement: see the mediation agreement %s"),
                            text_or_blank (gd_json_get_string (doc, "number")));
  else
    oral = g_strdup ("");

  gd_sheet_title (sheet, gd_dispute_form_title (print->form));
  number_note (sheet, print);
  row4 (sheet, _("Registered"), received, _("Source"), code_name ("dispute-sources", gd_json_get_string (doc, "source")));
  row4 (sheet, _("Category"), code_name ("dispute-categories", gd_json_get_string (doc, "category")),
        _("People / amount"), scale);
  row2 (sheet, _("Parties"), parties, 30);
  row2 (sheet, _("Dispute in brief"), g_strstrip (facts), 90);
  row2 (sheet, _("Requests"), text_or_blank (gd_json_get_string (doc, "claims")), 30);
  row4 (sheet, _("Accepted"), accepted, _("Mediation room"), code_name ("mediation-rooms", gd_json_get_string (doc, "room")));
  row4 (sheet, _("Mediators"), mediators, _("Rights notice given"), gd_json_get_string (doc, "rights_notice_at") ? notice : "");
  row2 (sheet, _("Risk assessment"), risk, 30);
  row4 (sheet, _("Sessions held"), sessions, _("Outcome"), outcome_text (doc));
  row2 (sheet, _("Oral agreement (contents)"), oral, 60);
  row4 (sheet, _("Fulfilment"), fulfilment, _("Closed on"), closed);
  gd_sheet_space (sheet, 24);
  sign_and_date (sheet, _("Registered by (signature): "), gd_json_get_string (doc, "received_at"));
}

static void
form_one_record (GdSheet        *sheet,
                 GdDisputePrint *print,
                 JsonObject     *session)
{
  JsonObject *doc = print->doc;
  g_autofree char *at = time_text (gd_json_get_string (session, "at"));
  g_autofree char *parties = join_names (gd_json_get_array (doc, "parties"), TRUE);
  g_autofree char *attendees = join_names (gd_json_get_array (session, "attendees"), FALSE);
  g_autofree char *mediators = join_names (gd_json_get_array (doc, "mediators"), FALSE);
  double left = gd_sheet_left (sheet), width = gd_sheet_text_width (sheet);

  gd_sheet_title (sheet, gd_dispute_form_title (print->form));
  number_note (sheet, print);
  row4 (sheet, _("Time"), at, _("Place"), text_or_blank (gd_json_get_string (session, "place")));
  row2 (sheet, _("Parties"), parties, 30);
  row2 (sheet, _("Present"), attendees, 30);
  row4 (sheet, _("Mediators"), mediators, _("Recorder"), text_or_blank (gd_json_get_string (session, "recorder")));
  gd_sheet_space (sheet, 14);
  gd_sheet_ruled (sheet, _("Mediation: "), gd_json_get_string (session, "content"), 12);
  gd_sheet_ruled (sheet, _("Result: "), gd_json_get_string (session, "outcome"), 3);
  gd_sheet_space (sheet, 14);
  gd_sheet_need (sheet, 70);
  gd_sheet_sign_line (sheet, left, width * 0.5, _("Parties (signature): "));
  gd_sheet_space (sheet, 34);
  gd_sheet_sign_line (sheet, left, width * 0.46, _("Mediator (signature): "));
  gd_sheet_sign_line (sheet, left + width * 0.54, width * 0.46, _("Recorder (signature): "));
  gd_sheet_space (sheet, 24);
}

static void
form_record (GdSheet        *sheet,
             GdDisputePrint *print)
{
  JsonArray *sessions = gd_json_get_array (print->doc, "sessions");

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      if (print->session >= 0 && (guint) print->session != i)
        continue;
      /* each session starts a page of its own, with its own title */
      gd_sheet_set_running_header (sheet, NULL);
      if (gd_sheet_get_y (sheet) > 100)
        gd_sheet_new_page (sheet);
      form_one_record (sheet, print, json_array_get_object_element (sessions, i));
    }
}

static void
agreement_signatures (GdSheet        *sheet,
                      GdDisputePrint *print,
                      JsonObject     *agreement)
{
  JsonArray *parties = gd_json_get_array (print->doc, "parties");
  double left = gd_sheet_left (sheet), width = gd_sheet_text_width (sheet);
  g_autofree char *seal = g_strdup_printf (_("%s\n(seal)"), print->committee);
  g_autofree char *date = date_text (gd_json_get_string (agreement, "signed_at"));
  guint n = parties != NULL ? json_array_get_length (parties) : 0;

  /* each party signs and presses a fingerprint, two parties to a line */
  for (guint i = 0; i < n; i += 2)
    {
      gd_sheet_need (sheet, 70);
      for (guint k = i; k < MIN (i + 2, n); k++)
        {
          JsonObject *party = json_array_get_object_element (parties, k);
          double x = left + (k - i) * width * 0.5;
          g_autofree char *label = g_strdup_printf (_("%s (signature): "),
                                                    role_name (gd_json_get_string (party, "role")));

          gd_sheet_sign_line (sheet, x, width * 0.5 - 62, label);
          gd_sheet_box (sheet, x + width * 0.5 - 52, 40, _("Fingerprint"));
        }
      gd_sheet_space (sheet, 66);
    }
  gd_sheet_need (sheet, 150);
  gd_sheet_space (sheet, 6);
  gd_sheet_seal (sheet, left + width * 0.78, 48, seal);
  gd_sheet_sign_line (sheet, left, width * 0.5, _("People's mediator (signature): "));
  gd_sheet_space (sheet, 36);
  gd_sheet_sign_line (sheet, left, width * 0.5, _("Recorder (signature): "));
  gd_sheet_space (sheet, 56);
  gd_sheet_note (sheet, date, TRUE);
}

/* 一式N份: the copies the agreement states, else one per party and one for the committee */
static int
agreement_copies (JsonObject *doc)
{
  gint64 copies = 0;

  if (!gd_json_get_int (gd_json_get_object (doc, "agreement"), "copies", &copies) || copies < 1)
    copies = json_array_get_length (gd_json_get_array (doc, "parties")) + 1;
  return (int) MIN (copies, 99);
}

int
gd_dispute_print_copies (GdDisputePrint *print)
{
  g_return_val_if_fail (print != NULL, 1);
  return print->form == GD_DISPUTE_FORM_AGREEMENT ? agreement_copies (print->doc) : 1;
}

/* The terms box's height: its own, or, when the closing clause and signatures
 * (`closing_height`) go over to the next page anyway, tall enough to fill this page to the
 * bottom with the performance row under it (no quarter-empty first page). */
static double
terms_height (GdSheet    *sheet,
              const char *terms,
              const char *how,
              double      closing_height)
{
  GdSheetCell terms_row[] = {
    { _("Through mediation the parties freely agree as follows"), LABEL_SHARE, GD_CELL_LABEL },
    { terms, 1 - LABEL_SHARE, GD_CELL_TALL },
  };
  GdSheetCell how_row[] = {
    { _("Performance: method, place and deadline"), LABEL_SHARE, GD_CELL_LABEL },
    { how, 1 - LABEL_SHARE, GD_CELL_TALL },
  };
  double natural = gd_sheet_row_height (sheet, terms_row, G_N_ELEMENTS (terms_row), 110);
  double below = gd_sheet_row_height (sheet, how_row, G_N_ELEMENTS (how_row), 60);
  double room = gd_sheet_room (sheet);

  if (natural + below > room || natural + below + 12 + closing_height <= room)
    return 110;
  return floor (room - below - 1);
}

static void
form_agreement (GdSheet        *sheet,
                GdDisputePrint *print)
{
  JsonObject *doc = print->doc;
  JsonObject *agreement = gd_json_get_object (doc, "agreement");
  JsonObject *performance = gd_json_get_object (agreement, "performance");
  const char *facts = gd_json_get_string (agreement, "facts");
  g_autofree char *disputed = NULL;
  g_autofree char *deadline = date_text (gd_json_get_string (performance, "deadline"));
  g_autofree char *how = NULL;
  g_autofree char *closing = NULL;
  const char *terms;
  double closing_height;

  if (facts == NULL)
    facts = gd_json_get_string (doc, "facts");
  disputed = g_strjoin ("\n", text_or_blank (facts), text_or_blank (gd_json_get_string (doc, "claims")), NULL);
  how = g_strdup_printf (_("Method: %s\nPlace: %s\nDeadline: %s"),
                         text_or_blank (gd_json_get_string (performance, "method")),
                         text_or_blank (gd_json_get_string (performance, "place")),
                         gd_json_get_string (performance, "deadline") ? deadline : "");
  closing = g_strdup_printf (
    _("This agreement is made in %d copies; each party and the people's mediation committee keep "
      "one. It takes effect when every party has signed, sealed or pressed a fingerprint and the "
      "people's mediator has signed it under the committee's seal. An agreement reached through "
      "a people's mediation committee is legally binding and the parties shall carry it out as "
      "agreed. The parties may jointly apply to the people's court for judicial confirmation "
      "within 30 days of the agreement taking effect."), agreement_copies (doc));

  gd_sheet_title (sheet, gd_dispute_form_title (print->form));
  number_note (sheet, print);
  parties_rows (sheet, doc, gd_json_get_string (agreement, "signed_at"), TRUE);
  row2 (sheet, _("Main facts and points in dispute"), g_strstrip (disputed), 90);
  row2 (sheet, _("Responsibilities"), text_or_blank (gd_json_get_string (agreement, "responsibilities")), 40);
  terms = text_or_blank (gd_json_get_string (agreement, "terms"));
  closing_height = 120 + 66 * ((json_array_get_length (gd_json_get_array (doc, "parties")) + 1) / 2) + 150;
  row2 (sheet, _("Through mediation the parties freely agree as follows"), terms,
        terms_height (sheet, terms, how, closing_height));
  row2 (sheet, _("Performance: method, place and deadline"), how, 60);
  /* the closing clause stays with the signatures it introduces */
  gd_sheet_space (sheet, 12);
  gd_sheet_need (sheet, closing_height);
  gd_sheet_paragraph (sheet, closing);
  gd_sheet_space (sheet, 14);
  agreement_signatures (sheet, print, agreement);
}

static const char *
satisfaction_text (const char *code)
{
  if (g_strcmp0 (code, "satisfied") == 0)
    return _("Satisfied");
  if (g_strcmp0 (code, "basically") == 0)
    return _("Basically satisfied");
  if (g_strcmp0 (code, "dissatisfied") == 0)
    return _("Dissatisfied");
  return "";
}

static void
follow_up_rows (GdSheet    *sheet,
                JsonObject *doc,
                JsonObject *visit)
{
  g_autofree char *at = visit ? date_text (gd_json_get_string (visit, "at")) : g_strdup ("");
  g_autofree char *parties = join_names (gd_json_get_array (doc, "parties"), FALSE);
  const char *fulfilled = gd_json_get_string (visit, "fulfilled");

  row4 (sheet, _("Visited on"), at, _("Visited by"), visit ? text_or_blank (gd_json_get_string (visit, "by")) : "");
  row4 (sheet, _("Parties visited"), parties, _("Fulfilment"),
        fulfilled == NULL ? "" : g_strcmp0 (fulfilled, "full") == 0 ? _("Carried out in full")
        : g_strcmp0 (fulfilled, "partial") == 0 ? _("Partly carried out") : _("Not carried out"));
  row4 (sheet, _("Satisfaction"), satisfaction_text (gd_json_get_string (visit, "satisfaction")),
        _("Remaining risk"), visit ? text_or_blank (gd_json_get_string (visit, "risk_note")) : "");
}

static void
form_follow_up (GdSheet        *sheet,
                GdDisputePrint *print)
{
  JsonObject *doc = print->doc;
  JsonArray *follow_ups = gd_json_get_array (doc, "follow_ups");
  guint n = follow_ups != NULL ? json_array_get_length (follow_ups) : 0;
  g_autofree char *parties = join_names (gd_json_get_array (doc, "parties"), TRUE);
  g_autofree char *signed_at = date_text (gd_json_get_string (gd_json_get_object (doc, "agreement"), "signed_at"));
  const char *last_at = NULL;

  gd_sheet_title (sheet, gd_dispute_form_title (print->form));
  number_note (sheet, print);
  row4 (sheet, _("Category"), code_name ("dispute-categories", gd_json_get_string (doc, "category")),
        _("Agreement signed"), gd_json_get_object (doc, "agreement") ? signed_at : "");
  row2 (sheet, _("Parties"), parties, 30);
  row2 (sheet, _("Agreed terms"),
        text_or_blank (gd_json_get_string (gd_json_get_object (doc, "agreement"), "terms")), 60);
  /* a form with no visit yet is printed blank, to be filled in on the visit */
  for (guint i = 0; i < MAX (n, 1u); i++)
    {
      JsonObject *visit = i < n ? json_array_get_object_element (follow_ups, i) : NULL;
      g_autofree char *heading = g_strdup_printf (_("Visit %u"), i + 1);
      GdSheetCell cells[] = { { heading, 1.0, GD_CELL_LABEL } };

      gd_sheet_row (sheet, cells, G_N_ELEMENTS (cells), 24);

      follow_up_rows (sheet, doc, visit);
      if (visit != NULL)
        last_at = gd_json_get_string (visit, "at");
    }
  gd_sheet_space (sheet, 24);
  sign_and_date (sheet, _("Visited by (signature): "), last_at);
}

static void
draw_form (GdSheet *sheet,
           gpointer user_data)
{
  GdDisputePrint *print = user_data;

  switch (print->form)
    {
    case GD_DISPUTE_FORM_APPLICATION:
      form_application (sheet, print);
      break;
    case GD_DISPUTE_FORM_REGISTRATION:
      form_registration (sheet, print);
      break;
    case GD_DISPUTE_FORM_RECORD:
      form_record (sheet, print);
      break;
    case GD_DISPUTE_FORM_AGREEMENT:
      form_agreement (sheet, print);
      break;
    case GD_DISPUTE_FORM_FOLLOW_UP:
    default:
      form_follow_up (sheet, print);
      break;
    }
}

/* ---- public ---- */

static int
find_session (JsonArray  *sessions,
              const char *wanted)
{
  char *end = NULL;
  guint64 position;

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    if (g_strcmp0 (gd_json_get_string (json_array_get_object_element (sessions, i), "id"), wanted) == 0)
      return (int) i;
  position = g_ascii_strtoull (wanted, &end, 10);
  if (end != wanted && *end == '\0' && position >= 1 && position <= json_array_get_length (sessions))
    return (int) position - 1;
  return -1;
}

GdDisputePrint *
gd_dispute_print_new (JsonObject   *dispute,
                      GdDisputeForm form,
                      const char   *session,
                      const char   *committee,
                      GError      **error)
{
  g_autoptr(GdDisputePrint) print = g_new0 (GdDisputePrint, 1);
  JsonArray *sessions = gd_json_get_array (dispute, "sessions");
  JsonObject *agreement = gd_json_get_object (dispute, "agreement");

  g_return_val_if_fail (dispute != NULL && form < GD_DISPUTE_N_FORMS, NULL);

  print->doc = gd_json_copy_object (dispute);
  print->form = form;
  print->session = -1;
  /* Translators: the committee's full name from its short name (新兴村人民调解委员会) */
  print->committee = g_strdup_printf (_("%s People's Mediation Committee"),
                                      committee != NULL ? committee : "");
  if (form == GD_DISPUTE_FORM_RECORD)
    {
      if (sessions == NULL || json_array_get_length (sessions) == 0)
        {
          g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                               _("this case has no mediation session to record yet"));
          return NULL;
        }
      if (session != NULL && (print->session = find_session (sessions, session)) < 0)
        {
          /* Translators: %s is what was given after --session */
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("no session '%s' in this case (give its id or its position, 1, 2 …)"),
                       session);
          return NULL;
        }
    }
  if (form == GD_DISPUTE_FORM_AGREEMENT)
    {
      if (agreement == NULL)
        {
          g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                               _("this case has no agreement yet"));
          return NULL;
        }
      if (g_strcmp0 (gd_json_get_string (agreement, "form"), "oral") == 0)
        {
          g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                               _("an oral agreement has no agreement document: its terms are "
                                 "printed in the acceptance register"));
          return NULL;
        }
    }
  return g_steal_pointer (&print);
}

void
gd_dispute_print_free (GdDisputePrint *print)
{
  if (print == NULL)
    return;
  g_clear_pointer (&print->doc, json_object_unref);
  g_free (print->committee);
  g_free (print);
}

int
gd_dispute_print_render (GdDisputePrint *print,
                         cairo_t        *cr,
                         int             page)
{
  return gd_sheet_run (cr, draw_form, print, page);
}

gboolean
gd_dispute_print_write_pdf (GdDisputePrint *print,
                            const char     *path,
                            GError        **error)
{
  return gd_sheet_write_pdf (path, gd_dispute_form_title (print->form), draw_form, print, error);
}
