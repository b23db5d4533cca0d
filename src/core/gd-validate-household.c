/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-json.h"
#include "gd-validate-private.h"

/* Households (户) with their members, and the citizen ID check people share with disputes. */


static const char *
sex_name (GdSex sex)
{
  switch (sex)
    {
    case GD_SEX_MALE:
      return C_("sex", "male");
    case GD_SEX_FEMALE:
      return C_("sex", "female");
    case GD_SEX_UNKNOWN:
    case GD_SEX_UNSTATED:
    default:
      return C_("sex", "unknown");
    }
}

gboolean
gd_check_citizen_id (GdCheck    *check,
                     JsonObject *person,
                     const char *prefix,
                     gboolean    required,
                     GdIdCard   *out)
{
  const char *number = gd_check_string (check, person, prefix, "id_number", required);
  const char *sex = gd_json_get_string (person, "sex");
  const char *birth_date = gd_json_get_string (person, "birth_date");
  g_autofree char *reason = NULL;

  g_assert (out != NULL);
  if (number == NULL)
    return FALSE;
  if (!gd_idcard_parse (number, &check->today, out, &reason))
    {
      gd_check_error (check, prefix, "id_number", "%s",
                      reason != NULL ? reason : _("is not a citizen ID number"));
      return FALSE;
    }
  /* only a stated sex can disagree; 0 and 9 are "not known" and "not said" */
  if (sex != NULL && (g_str_equal (sex, "1") || g_str_equal (sex, "2"))
      && g_ascii_strtoll (sex, NULL, 10) != out->sex)
    /* Translators: %s is a sex ("male") here and a birth date (YYYY-MM-DD) below */
    gd_check_warning (check, prefix, "sex", _("the ID number says %s"), sex_name (out->sex));
  if (birth_date != NULL && gd_date_parse (birth_date, NULL)
      && !g_str_equal (birth_date, out->birth_date))
    gd_check_warning (check, prefix, "birth_date", _("the ID number says %s"), out->birth_date);
  return TRUE;
}

/* A list of codes from `list` without repeats. */
static void
check_code_list (GdCheck    *check,
                 JsonObject *object,
                 const char *prefix,
                 const char *member,
                 const char *list)
{
  JsonArray *array = gd_check_array (check, object, prefix, member, FALSE);
  g_autoptr(GHashTable) seen = NULL;

  if (array == NULL)
    return;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s%s[%u]", prefix, member, i);
      const char *code = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        code = json_node_get_string (node);
      if (code == NULL)
        gd_issues_error (check->issues, path, _("must be a string"));
      else if (!gd_codes_contains (list, code))
        gd_issues_error (check->issues, path, _("'%s' is not in the %s code list"), code, list);
      else if (!g_hash_table_add (seen, (gpointer) code))
        gd_issues_error (check->issues, path, _("'%s' is listed twice"), code);
    }
}

/* A name's length is one of the limits every document meets first (gd-limits.h). */
static void
check_name (GdCheck    *check,
            JsonObject *person,
            const char *prefix)
{
  gd_check_string (check, person, prefix, "name", TRUE);
}

/* The member's identity document; *out_key gets "<id_type>:<number>" to find repeats. */
static void
check_identity (GdCheck    *check,
                JsonObject *member,
                const char *prefix,
                char      **out_key)
{
  const char *id_type = gd_check_code (check, member, prefix, "id_type", "id-types", TRUE);
  const char *number;
  GdIdCard card;

  *out_key = NULL;
  if (id_type == NULL)
    return;
  if (g_str_equal (id_type, "resident_id"))
    {
      /* a legacy number and its 18-digit form are one person */
      if (gd_check_citizen_id (check, member, prefix, TRUE, &card))
        *out_key = g_strconcat (id_type, ":", card.canonical, NULL);
      return;
    }
  number = gd_check_string (check, member, prefix, "id_number", !g_str_equal (id_type, "none"));
  if (number != NULL && !g_str_equal (id_type, "none"))
    *out_key = g_strconcat (id_type, ":", number, NULL);
}

static void
check_member (GdCheck    *check,
              JsonObject *member,
              const char *prefix,
              char      **out_key)
{
  check_name (check, member, prefix);
  check_identity (check, member, prefix, out_key);
  gd_check_code (check, member, prefix, "sex", "sex", FALSE);
  gd_check_date (check, member, prefix, "birth_date", FALSE, TRUE, NULL);
  gd_check_code (check, member, prefix, "ethnicity", "ethnicity", FALSE);
  gd_check_code (check, member, prefix, "relation", "relationship", TRUE);
  gd_check_code (check, member, prefix, "education", "education", FALSE);
  gd_check_code (check, member, prefix, "political_status", "political-status", FALSE);
  gd_check_code (check, member, prefix, "residence", "residence", FALSE);
  gd_check_phone (check, member, prefix, "phone", FALSE);
  check_code_list (check, member, prefix, "tags", "care-tags");
  gd_check_string (check, member, prefix, "hukou_address", FALSE);
  gd_check_string (check, member, prefix, "occupation", FALSE);
  gd_check_string (check, member, prefix, "employer", FALSE);
  gd_check_string (check, member, prefix, "notes", FALSE);
}

/* A citizen ID belongs to one household: never twice here, never also elsewhere. */
static void
check_id_unique (GdCheck    *check,
                 GHashTable *seen,
                 char       *key,
                 const char *prefix,
                 guint       index)
{
  const GdValidateContext *ctx = check->ctx;
  gpointer first;
  const char *number;
  g_autofree char *holder = NULL;

  if (g_hash_table_lookup_extended (seen, key, NULL, &first))
    {
      g_autofree char *other = g_strdup_printf ("members[%u]", GPOINTER_TO_UINT (first));

      /* Translators: %s is where the number was first used, e.g. members[0] */
      gd_check_error (check, prefix, "id_number", _("same ID number as %s"), other);
      g_free (key);
      return;
    }
  g_hash_table_insert (seen, key, GUINT_TO_POINTER (index));

  if (!g_str_has_prefix (key, "resident_id:") || ctx->find_id_holder == NULL)
    return;
  number = key + strlen ("resident_id:");
  holder = ctx->find_id_holder (number, check->doc_id, ctx->user_data);
  if (holder != NULL && g_strcmp0 (holder, check->doc_id) != 0)
    /* Translators: %s is the other household's document id */
    gd_check_error (check, prefix, "id_number", _("already registered in household %s"), holder);
}

static void
check_members (GdCheck *check)
{
  JsonArray *members = gd_check_id_array (check, check->doc, "", "members", TRUE);
  g_autoptr(GHashTable) seen = NULL;
  guint heads = 0;
  guint n;

  if (members == NULL)
    return;
  n = json_array_get_length (members);
  if (n == 0)
    {
      gd_issues_add_code (check->issues, GD_ISSUE_ERROR, "members", GD_ISSUE_CODE_NO_MEMBERS, NULL,
                          "%s", _("a household needs at least one member"));
      return;
    }
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *member = gd_check_element (members, "", "members", i, &prefix);
      char *key = NULL;

      if (member == NULL)
        continue;
      check_member (check, member, prefix, &key);
      if (key != NULL)
        check_id_unique (check, seen, key, prefix, i);
      if (g_strcmp0 (gd_json_get_string (member, "relation"), HEAD_RELATION) == 0)
        heads++;
    }
  if (heads != 1)
    {
      g_autofree char *count = g_strdup_printf ("%u", heads);
      const char *args[] = { count, NULL };

      gd_issues_add_code (check->issues, GD_ISSUE_ERROR, "members", GD_ISSUE_CODE_HEADS, args,
                          _("a household needs exactly one head (relation 02 户主), has %u"), heads);
    }
}

static void
check_rental (GdCheck    *check,
              const char *housing)
{
  JsonObject *rental = gd_check_object (check, check->doc, "", "rental", FALSE);
  GDate since, until;
  gboolean have_since, have_until;

  if (rental == NULL)
    {
      /* a rental of the wrong type was reported already */
      if (g_strcmp0 (housing, "rented") == 0 && gd_check_absent (check->doc, "rental"))
        gd_check_error (check, "", "rental", _("is required for a rented household (出租房)"));
      return;
    }
  gd_check_string (check, rental, "rental.", "landlord", TRUE);
  gd_check_phone (check, rental, "rental.", "phone", FALSE);
  have_since = gd_check_date (check, rental, "rental.", "since", TRUE, FALSE, &since);
  have_until = gd_check_date (check, rental, "rental.", "until", FALSE, FALSE, &until);
  if (have_since && have_until && g_date_compare (&until, &since) < 0)
    gd_check_error (check, "rental.", "until", _("is earlier than %s"), "rental.since");
}

void
gd_validate_household (GdCheck *check)
{
  JsonObject *doc = check->doc;
  JsonObject *house;
  const char *housing;

  gd_check_string (check, doc, "", "number", TRUE);
  gd_check_string (check, doc, "", "address", TRUE);

  house = gd_check_object (check, doc, "", "house", FALSE);
  gd_check_string (check, house, "house.", "building", FALSE);
  gd_check_string (check, house, "house.", "unit", FALSE);
  gd_check_string (check, house, "house.", "room", FALSE);

  gd_check_location (check, doc, "", "location", FALSE);
  housing = gd_check_code (check, doc, "", "housing", "housing", FALSE);
  check_rental (check, housing);
  check_members (check);
}
