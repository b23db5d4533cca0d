/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl search, idcheck */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-codes.h"
#include "gd-credit-code.h"
#include "gd-ctl-private.h"
#include "gd-idcard.h"
#include "gd-mask.h"
#include "gd-search.h"

static JsonObject *
hit_to_json (GdSearchHit *hit,
             gboolean     reveal)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id_number = reveal ? g_strdup (hit->id_number) : gd_mask_id_number (hit->id_number);
  g_autofree char *phone = reveal ? g_strdup (hit->phone) : gd_mask_phone (hit->phone);

  if (hit->kind == GD_HIT_ORGANISATION)
    {
      /* an organisation's code and its representative's phone are not personal data */
      json_object_set_string_member (object, "kind", "organisation");
      json_object_set_string_member (object, "organisation", hit->doc_id);
      json_object_set_string_member (object, "name", hit->name);
      json_object_set_string_member (object, "address", hit->address);
      json_object_set_string_member (object, "grid", hit->grid);
      if (hit->credit_code != NULL)
        json_object_set_string_member (object, "credit_code", hit->credit_code);
      if (phone != NULL)
        json_object_set_string_member (object, "phone", phone);
      json_object_set_string_member (object, "matched", hit->matched);
      return object;
    }
  json_object_set_string_member (object, "kind", hit->kind == GD_HIT_PERSON ? "person" : "household");
  json_object_set_string_member (object, "household", hit->doc_id);
  if (hit->member_id != NULL)
    json_object_set_string_member (object, "member", hit->member_id);
  json_object_set_string_member (object, "name", hit->name);
  json_object_set_string_member (object, "number", hit->household_number);
  json_object_set_string_member (object, "address", hit->address);
  json_object_set_string_member (object, "grid", hit->grid);
  if (id_number != NULL)
    json_object_set_string_member (object, "id_number", id_number);
  if (phone != NULL)
    json_object_set_string_member (object, "phone", phone);
  json_object_set_string_member (object, "matched", hit->matched);
  return object;
}

int
gd_ctl_search (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("QUERY - find persons, households and organisations");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  int limit = 20;
  gboolean json = FALSE;
  gboolean reveal = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N hits (default 20)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, "Show ID and phone numbers unmasked (audit-logged)", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return gd_ctl_usage ("search needs one QUERY (quote it if it has spaces)");
  if (limit <= 0)
    return gd_ctl_usage ("--limit must be positive");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (hits = gd_store_search (store, argv[1], (guint) limit, &error)) == NULL)
    return gd_ctl_fail (error);
  if (reveal)
    {
      /* the log says what was revealed, never the number searched for in clear */
      g_autofree char *query = gd_mask_numbers_in_text (argv[1]);
      g_autoptr(GString) detail = g_string_new (NULL);

      g_string_append_printf (detail, "griddesk-ctl search --reveal '%s' (%u hits", query,
                              hits->len);
      for (guint i = 0; i < hits->len; i++)
        {
          GdSearchHit *hit = hits->pdata[i];
          g_string_append_printf (detail, "%s%s%s%s", i == 0 ? ": " : ", ", hit->doc_id,
                                  hit->member_id ? "#" : "", hit->member_id ? hit->member_id : "");
        }
      g_string_append_c (detail, ')');
      if (!gd_ctl_audit_reveal (store, detail->str, &error))
        return gd_ctl_fail (error);
    }

  for (guint i = 0; i < hits->len; i++)
    json_array_add_object_element (array, hit_to_json (hits->pdata[i], reveal));
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
      gd_ctl_print_json (node, FALSE);
      return 0;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *hit = json_array_get_object_element (array, i);
      gboolean organisation = json_object_has_member (hit, "organisation");

      /* organisations: the credit code where a person's ID number goes */
      printf ("%s\t%s\t%s\t%s\t%s\t%s\n",
              json_object_get_string_member (hit, "kind"),
              json_object_get_string_member_with_default (hit, "name", "-"),
              json_object_get_string_member_with_default (hit, organisation ? "credit_code" : "id_number", "-"),
              json_object_get_string_member_with_default (hit, "number", "-"),
              json_object_get_string_member_with_default (hit, "address", "-"),
              json_object_get_string_member (hit, organisation ? "organisation" : "household"));
    }
  if (hits->len == 0)
    fprintf (stderr, "no match for '%s'\n", argv[1]);
  return 0;
}

static const char *
sex_name (GdSex sex)
{
  return sex == GD_SEX_MALE ? "male" : sex == GD_SEX_FEMALE ? "female" : "unknown";
}

/* One citizen ID number into `result`; TRUE when valid. */
static gboolean
check_id_number (const char *number,
                 JsonObject *result)
{
  g_autofree char *reason = NULL;
  GdIdCard card;
  gboolean valid = gd_idcard_parse (number, NULL, &card, &reason);

  json_object_set_string_member (result, "number", number);
  json_object_set_string_member (result, "kind", "id_number");
  json_object_set_boolean_member (result, "valid", valid);
  if (valid)
    {
      json_object_set_null_member (result, "reason");
      json_object_set_string_member (result, "birth_date", card.birth_date);
      json_object_set_string_member (result, "sex", sex_name (card.sex));
      json_object_set_boolean_member (result, "legacy", card.legacy);
    }
  else
    {
      json_object_set_string_member (result, "reason", reason);
      json_object_set_null_member (result, "birth_date");
      json_object_set_null_member (result, "sex");
    }
  return valid;
}

/* One unified social credit code into `result`; TRUE when valid. */
static gboolean
check_credit_code (const char *code,
                   JsonObject *result)
{
  g_autofree char *reason = NULL;
  GdCreditCode parsed;
  gboolean valid = gd_credit_code_parse (code, NULL, &parsed, &reason);

  json_object_set_string_member (result, "number", code);
  json_object_set_string_member (result, "kind", "credit_code");
  json_object_set_boolean_member (result, "valid", valid);
  if (valid)
    json_object_set_null_member (result, "reason");
  else
    json_object_set_string_member (result, "reason", reason);
  /* the ID members, null, so every element has the same shape */
  json_object_set_null_member (result, "birth_date");
  json_object_set_null_member (result, "sex");
  if (valid)
    {
      json_object_set_string_member (result, "category", parsed.category);
      json_object_set_string_member (result, "category_name",
                                     gd_codes_get_name ("credit-code-registrars", parsed.category));
      json_object_set_string_member (result, "division", parsed.division);
      json_object_set_string_member (result, "org_code", parsed.org_code);
    }
  return valid;
}

int
gd_ctl_idcheck (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (
    "NUMBER... - check citizen ID numbers and unified social credit codes");
  g_autoptr(JsonArray) results = json_array_new ();
  gboolean json = FALSE;
  gboolean all_valid = TRUE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    return gd_ctl_usage ("idcheck needs at least one NUMBER");

  for (int i = 1; i < argc; i++)
    {
      gboolean credit = gd_credit_code_looks_like (argv[i]);
      JsonObject *result = json_object_new ();
      gboolean valid = credit ? check_credit_code (argv[i], result)
                              : check_id_number (argv[i], result);

      all_valid &= valid;
      json_array_add_object_element (results, result);
      if (json)
        continue;
      /* ID lines as they always were; credit-code lines say what they checked */
      if (valid)
        printf ("%s valid%s\n", argv[i], credit ? " credit_code" : "");
      else
        printf ("%s invalid %s%s\n", argv[i], credit ? "credit_code: " : "",
                json_object_get_string_member (result, "reason"));
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, results);
      gd_ctl_print_json (node, FALSE);
    }
  return all_valid ? 0 : 1;
}
