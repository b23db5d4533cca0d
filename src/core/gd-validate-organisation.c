/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-credit-code.h"
#include "gd-json.h"
#include "gd-validate-private.h"

/* Organisations and premises (单位 · 场所) with their safety inspections (安全检查). */

static const char *const inspection_results[] = { "passed", "hazard", "not_applicable", NULL };

/* A premises category that is a category, not the group "small_premises" (九小场所) itself. */
static void
check_premises (GdCheck *check)
{
  const char *code = gd_check_code (check, check->doc, "", "premises", "premises-categories", TRUE);
  GdCodeTable *table = gd_codes_get ("premises-categories");
  g_autoptr(GPtrArray) children = NULL;

  if (code == NULL)
    return;
  children = gd_code_table_children (table, code);
  if (children->len > 0)
    /* Translators: %s is a group of premises categories (九小场所) */
    gd_check_error (check, "", "premises", _("'%s' is a group: choose one of its categories"),
                    gd_codes_get_name ("premises-categories", code));
}

/* The credit code (GB 32100), registered in or above the document's village; a warning when it
 * was issued to another kind of organisation than `kind` says. */
static void
check_credit_code (GdCheck    *check,
                   const char *kind)
{
  const char *code = gd_check_string (check, check->doc, "", "credit_code", FALSE);
  const char *scope = check->village != NULL ? check->village : check->ctx->scope;
  const GdCodeItem *kind_item;
  const char *categories;
  g_autofree char *reason = NULL;
  GdCreditCode parsed;

  if (code == NULL)
    return;
  if (!gd_credit_code_parse (code, scope, &parsed, &reason))
    {
      gd_check_error (check, "", "credit_code", "%s", reason);
      return;
    }
  /* one code, two premises: possible (a business with two shops), so only a warning */
  if (check->ctx->find_credit_code_holder != NULL)
    {
      g_autofree char *holder = check->ctx->find_credit_code_holder (code, check->doc_id,
                                                                    check->ctx->user_data);
      if (holder != NULL)
        /* Translators: %s is another organisation's document id */
        gd_check_warning (check, "", "credit_code", _("%s has the same credit code"), holder);
    }
  kind_item = kind != NULL ? gd_code_table_lookup (gd_codes_get ("organisation-kinds"), kind) : NULL;
  categories = kind_item != NULL ? gd_code_item_get_string (kind_item, "credit_categories") : NULL;
  if (categories != NULL)
    {
      g_auto(GStrv) allowed = g_strsplit (categories, " ", -1);

      if (!g_strv_contains ((const char *const *) allowed, parsed.category))
        /* Translators: a category code and name from the credit code, then the kind's name */
        gd_check_warning (check, "", "credit_code",
                          _("the code's category %s (%s) is not usual for %s"), parsed.category,
                          gd_codes_get_name ("credit-code-registrars", parsed.category),
                          gd_codes_get_name ("organisation-kinds", kind));
    }
}

/* {name, phone}, the name required when the object is there. */
static void
check_person (GdCheck    *check,
              const char *member)
{
  JsonObject *person = gd_check_object (check, check->doc, "", member, FALSE);
  g_autofree char *prefix = NULL;

  if (person == NULL)
    return;
  prefix = g_strconcat (member, ".", NULL);
  gd_check_string (check, person, prefix, "name", TRUE);
  gd_check_phone (check, person, prefix, "phone", FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* An array of non-blank strings without repeats; `min` elements at least. */
static void
check_strings (GdCheck    *check,
               JsonObject *object,
               const char *prefix,
               const char *member,
               guint       min)
{
  JsonArray *array = gd_check_array (check, object, prefix, member, min > 0);
  g_autoptr(GHashTable) seen = NULL;

  if (array == NULL)
    return;
  if (json_array_get_length (array) < min)
    {
      gd_check_error (check, prefix, member, _("must name at least one"));
      return;
    }
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s%s[%u]", prefix, member, i);
      const char *text = JSON_NODE_HOLDS_VALUE (node)
                         && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (text == NULL || is_blank (text))
        gd_issues_error (check->issues, path, _("must be a non-empty string"));
      else if (!g_hash_table_add (seen, (gpointer) text))
        gd_issues_error (check->issues, path, _("'%s' is listed twice"), text);
    }
}

/* The checklist of one inspection; TRUE when it has a hazard. */
static gboolean
check_checklist (GdCheck    *check,
                 JsonObject *inspection,
                 const char *prefix)
{
  JsonArray *checklist = gd_check_array (check, inspection, prefix, "checklist", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean hazard = FALSE;

  if (checklist == NULL)
    return FALSE;
  if (json_array_get_length (checklist) == 0)
    gd_check_error (check, prefix, "checklist", _("must have at least one item"));
  for (guint i = 0; i < json_array_get_length (checklist); i++)
    {
      g_autofree char *entry_prefix = NULL;
      JsonObject *entry = gd_check_element (checklist, prefix, "checklist", i, &entry_prefix);
      const char *item, *result;

      if (entry == NULL)
        {
          gd_check_error (check, entry_prefix, NULL, _("must be an object"));
          continue;
        }
      item = gd_check_code (check, entry, entry_prefix, "item", "inspection-items", TRUE);
      if (item != NULL && !g_hash_table_add (seen, (gpointer) item))
        gd_check_error (check, entry_prefix, "item", _("'%s' is listed twice"), item);
      result = gd_check_enum (check, entry, entry_prefix, "result", inspection_results, TRUE);
      gd_check_string (check, entry, entry_prefix, "note", FALSE);
      if (g_strcmp0 (result, "hazard") == 0)
        hazard = TRUE;
      /* the incident a hazard became (gd-organisation.c) */
      if (!gd_check_absent (entry, "incident"))
        {
          const char *incident = gd_check_string (check, entry, entry_prefix, "incident", FALSE);

          if (incident != NULL && !g_str_has_prefix (incident, "incident:"))
            gd_check_error (check, entry_prefix, "incident",
                            _("must be an id of the form %s<uuid>"), "incident:");
          else if (incident != NULL && g_strcmp0 (result, "hazard") != 0)
            gd_check_error (check, entry_prefix, "incident", _("only a hazard has an incident"));
        }
    }
  return hazard;
}

static void
check_inspections (GdCheck *check)
{
  JsonArray *inspections = gd_check_id_array (check, check->doc, "", "inspections", FALSE);

  for (guint i = 0; inspections != NULL && i < json_array_get_length (inspections); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *inspection = gd_check_element (inspections, "", "inspections", i, &prefix);
      g_autoptr(GDateTime) at = NULL;
      GDate rectify_by;
      gboolean hazard, has_deadline;

      if (inspection == NULL)
        continue;
      gd_check_timestamp (check, inspection, prefix, "at", TRUE, &at);
      check_strings (check, inspection, prefix, "inspectors", 1);
      hazard = check_checklist (check, inspection, prefix);
      check_strings (check, inspection, prefix, "photos", 0);
      g_date_clear (&rectify_by, 1);
      has_deadline = gd_check_date (check, inspection, prefix, "rectify_by", FALSE, FALSE,
                                    &rectify_by);
      if (hazard && gd_check_absent (inspection, "rectify_by"))
        gd_check_error (check, prefix, "rectify_by",
                        _("is needed when the checklist has a hazard"));
      if (has_deadline && at != NULL && g_date_valid (&rectify_by))
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (at);
          g_autoptr(GDate) day = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                                                 (GDateMonth) g_date_time_get_month (local),
                                                 (GDateYear) g_date_time_get_year (local));

          if (g_date_compare (&rectify_by, day) < 0)
            gd_check_error (check, prefix, "rectify_by", _("is before the inspection"));
        }
      gd_check_refs (check, inspection, prefix, "incidents", "incident");
    }
}

/* {level, reason, by, at, inspection}: taken from an inspection, or set by a person with a
 * reason. */
static void
check_risk (GdCheck *check)
{
  JsonObject *risk = gd_check_object (check, check->doc, "", "risk", FALSE);
  const char *inspection;

  if (risk == NULL)
    return;
  gd_check_code (check, risk, "risk.", "level", "risk-levels", TRUE);
  gd_check_timestamp (check, risk, "risk.", "at", FALSE, NULL);
  inspection = gd_check_string (check, risk, "risk.", "inspection", FALSE);
  if (inspection != NULL)
    {
      JsonArray *inspections = gd_json_get_array (check->doc, "inspections");
      gboolean found = FALSE;

      for (guint i = 0; inspections != NULL && i < json_array_get_length (inspections); i++)
        {
          JsonNode *node = json_array_get_element (inspections, i);

          if (JSON_NODE_HOLDS_OBJECT (node)
              && g_strcmp0 (gd_json_get_string (json_node_get_object (node), "id"), inspection) == 0)
            found = TRUE;
        }
      if (!found)
        gd_check_error (check, "risk.", "inspection", _("no inspection has the id '%s'"),
                        inspection);
      gd_check_string (check, risk, "risk.", "reason", FALSE);
      gd_check_string (check, risk, "risk.", "by", FALSE);
      return;
    }
  /* set by hand: who and why */
  gd_check_string (check, risk, "risk.", "reason", TRUE);
  gd_check_string (check, risk, "risk.", "by", TRUE);
}

void
gd_validate_organisation (GdCheck *check)
{
  JsonObject *doc = check->doc;
  const char *kind;

  gd_check_string (check, doc, "", "name", TRUE);
  kind = gd_check_code (check, doc, "", "kind", "organisation-kinds", TRUE);
  check_premises (check);
  check_credit_code (check, kind);
  check_person (check, "representative");
  check_person (check, "safety_contact");
  gd_check_string (check, doc, "", "address", FALSE);
  gd_check_location (check, doc, "", "location", FALSE);
  gd_check_int (check, doc, "", "employees", FALSE, 0, NULL);
  gd_check_number (check, doc, "", "floor_area", FALSE, 0, NULL);
  gd_check_date (check, doc, "", "opened_at", FALSE, TRUE, NULL);
  gd_check_refs (check, doc, "", "households", "household");
  gd_check_code (check, doc, "", "status", "organisation-statuses", TRUE);
  check_inspections (check);
  check_risk (check);
}
