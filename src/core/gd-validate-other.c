/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-validate-private.h"

/* The smaller types: patrols (三查), components (部件) and the mediator roster. */

#define COMPONENT_CODE_LENGTH 16

static const char *const patrol_kinds[] = { "daily", "weekly", "monthly", NULL };
static const char *const route_types[] = { "LineString", NULL };
static const char *const component_states[] = { "intact", "damaged", "lost", "removed", NULL };
static const char *const mediator_kinds[] = {
  "party_member", "village_sage", "part_time", "professional", NULL
};

void
gd_validate_patrol (GdCheck *check)
{
  JsonObject *doc = check->doc;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) ended = NULL;

  gd_check_enum (check, doc, "", "kind", patrol_kinds, TRUE);
  gd_check_string (check, doc, "", "patroller", TRUE);
  gd_check_timestamp (check, doc, "", "started_at", TRUE, &started);
  gd_check_timestamp (check, doc, "", "ended_at", FALSE, &ended);
  gd_check_not_before (check, "", "ended_at", ended, started, "started_at");
  gd_check_geometry (check, doc, "", "route", route_types);
  gd_check_refs (check, doc, "", "visited_households", "household");
  gd_check_refs (check, doc, "", "visited_organisations", "organisation");
  gd_check_refs (check, doc, "", "findings", "incident");
  gd_check_string (check, doc, "", "notes", FALSE);
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* county 6 + class 2 + subclass 2 + serial 6 (GB/T 30428.2) */
static void
check_component_code (GdCheck    *check,
                      const char *class_code)
{
  const char *code = gd_check_string (check, check->doc, "", "code", TRUE);
  g_autofree char *county = NULL;

  if (code == NULL)
    return;
  if (strlen (code) != COMPONENT_CODE_LENGTH || !all_digits (code))
    {
      gd_check_error (check, "", "code",
                      _("must have %d digits (county 6, class 2, subclass 2, serial 6)"),
                      COMPONENT_CODE_LENGTH);
      return;
    }
  if (check->village != NULL)
    {
      county = g_strndup (check->village, gd_level_code_length (GD_LEVEL_COUNTY));
      if (!g_str_has_prefix (code, county))
        {
          gd_check_error (check, "", "code", _("must start with %s, the county of village %s"),
                          county, check->village);
          return;
        }
    }
  /* numeric class codes are digits 7-8 of the component code */
  if (class_code != NULL && strlen (class_code) == 2 && all_digits (class_code)
      && strncmp (code + 6, class_code, 2) != 0)
    gd_check_error (check, "", "code", _("digits 7-8 must be the class %s"), class_code);
}

static const char *
check_component_class (GdCheck *check)
{
  const char *class_code = gd_check_string (check, check->doc, "", "class", TRUE);
  GdCodeTable *table = gd_codes_get ("component-classes");
  const GdCodeItem *item;

  if (class_code == NULL)
    return NULL;
  item = table != NULL ? gd_code_table_lookup (table, class_code) : NULL;
  if (item == NULL || item->parent != NULL)
    {
      gd_check_error (check, "", "class",
                      _("'%s' is not a top-level class of the %s code list"),
                      class_code, "component-classes");
      return NULL;
    }
  return class_code;
}

void
gd_validate_component (GdCheck *check)
{
  JsonObject *doc = check->doc;

  check_component_code (check, check_component_class (check));
  gd_check_string (check, doc, "", "name", TRUE);
  gd_check_location (check, doc, "", "location", FALSE);
  gd_check_string (check, doc, "", "owner_unit", FALSE);
  gd_check_string (check, doc, "", "maintainer_unit", FALSE);
  gd_check_enum (check, doc, "", "state", component_states, TRUE);
}

void
gd_validate_mediator (GdCheck *check)
{
  JsonObject *doc = check->doc;

  gd_check_string (check, doc, "", "name", TRUE);
  gd_check_phone (check, doc, "", "phone", FALSE);
  gd_check_enum (check, doc, "", "kind", mediator_kinds, TRUE);
  gd_check_code (check, doc, "", "room", "mediation-rooms", FALSE);
  gd_check_boolean (check, doc, "", "active", FALSE, NULL);
}
