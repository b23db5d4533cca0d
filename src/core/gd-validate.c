/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-json.h"
#include "gd-limits.h"
#include "gd-phone.h"
#include "gd-validate-private.h"

/* The envelope of every document, then the validator of its type. */

static GdDocType
check_type_and_id (GdCheck *check)
{
  const char *type_name = gd_check_string (check, check->doc, "", "type", TRUE);
  const char *id = gd_check_string (check, check->doc, "", "_id", TRUE);
  GdDocType type = gd_doc_type_from_string (type_name);
  const char *colon;

  if (type_name != NULL && type == GD_DOC_UNKNOWN)
    {
      g_autofree char *expected = gd_doc_type_list ();
      gd_check_error (check, "", "type", _("unknown type '%s' (expected %s)"), type_name, expected);
    }
  if (id == NULL)
    return type;

  colon = strchr (id, ':');
  if (colon == NULL || colon == id || colon[1] == '\0')
    gd_check_error (check, "", "_id", _("'%s' is not of the form <type>:<uuid>"), id);
  else if (type != GD_DOC_UNKNOWN
           && (strncmp (id, type_name, (gsize) (colon - id)) != 0
               || strlen (type_name) != (gsize) (colon - id)))
    gd_check_error (check, "", "_id", _("'%s' does not start with '%s:' as its type says"),
                    id, type_name);
  else
    check->doc_id = id;
  return type;
}

/* A division level in words, for messages (gd_level_to_string() gives the code). */
static const char *
level_words (GdLevel level)
{
  switch (level)
    {
    case GD_LEVEL_COUNTY:
      return C_("division level", "county");
    case GD_LEVEL_TOWN:
      return C_("division level", "town");
    case GD_LEVEL_VILLAGE:
      return C_("division level", "village");
    case GD_LEVEL_GRID:
    default:
      return C_("division level", "grid");
    }
}

static const char *
scope_level_name (const char *scope)
{
  GdLevel level;

  return gd_level_from_code (scope, &level) ? level_words (level) : C_("division level", "area");
}

static void
check_village (GdCheck *check,
               gboolean required)
{
  const char *village = gd_check_string (check, check->doc, "", "village", required);
  const char *scope = check->ctx->scope;
  g_autofree char *reason = NULL;

  if (village == NULL)
    return;
  if (!gd_division_code_check (village, GD_LEVEL_VILLAGE, &reason))
    gd_check_error (check, "", "village", "%s", reason);
  else if (scope != NULL && !gd_division_code_within (village, scope))
    /* Translators: a village code, then the database's level ("town" …) and code */
    gd_check_error (check, "", "village", _("village %s is outside this database's %s %s"),
                    village, scope_level_name (scope), scope);
  else
    check->village = village;
}

static void
check_grid_ref (GdCheck *check)
{
  const char *grid = gd_check_string (check, check->doc, "", "grid", TRUE);
  const GdValidateContext *ctx = check->ctx;
  g_autofree char *reason = NULL;
  g_autofree char *village = NULL;
  GdLevel level;

  if (grid == NULL)
    return;
  if (!gd_division_code_check (grid, GD_LEVEL_GRID, &reason))
    {
      gd_check_error (check, "", "grid", "%s", reason);
      return;
    }
  if (check->village != NULL && !gd_division_code_within (grid, check->village))
    {
      gd_check_error (check, "", "grid", _("grid %s is outside village %s"), grid, check->village);
      return;
    }
  village = g_strndup (grid, gd_level_code_length (GD_LEVEL_VILLAGE));
  if (ctx->lookup_grid != NULL
      && (!ctx->lookup_grid (grid, &level, ctx->user_data) || level != GD_LEVEL_GRID))
    {
      const char *args[] = { grid, NULL };

      gd_issues_add_code (check->issues, GD_ISSUE_ERROR, "grid", GD_ISSUE_CODE_NO_GRID, args,
                          _("grid %s does not exist in village %s"), grid, village);
    }
}

static void
check_envelope (GdCheck  *check,
                GdDocType type)
{
  /* town and county grid documents have no village; the grid rules decide */
  check_village (check, type != GD_DOC_GRID);
  if (type != GD_DOC_GRID && type != GD_DOC_UNKNOWN)
    check_grid_ref (check);
  gd_check_int (check, check->doc, "", "schema", TRUE, 1, NULL);
  /* no ordering between the two: workstation clocks disagree and sync must not stall on it */
  gd_check_timestamp (check, check->doc, "", "created_at", TRUE, NULL);
  gd_check_timestamp (check, check->doc, "", "updated_at", TRUE, NULL);
  gd_check_string (check, check->doc, "", "created_by", TRUE);
  gd_check_string (check, check->doc, "", "updated_by", TRUE);
  gd_check_string (check, check->doc, "", "_rev", FALSE);
  gd_check_object (check, check->doc, "", "_attachments", FALSE);
}

typedef void (*GdTypeValidator) (GdCheck *check);

static const GdTypeValidator type_validators[] = {
  [GD_DOC_UNKNOWN] = NULL,
  [GD_DOC_GRID] = gd_validate_grid,
  [GD_DOC_HOUSEHOLD] = gd_validate_household,
  [GD_DOC_INCIDENT] = gd_validate_incident,
  [GD_DOC_DISPUTE] = gd_validate_dispute,
  [GD_DOC_PATROL] = gd_validate_patrol,
  [GD_DOC_COMPONENT] = gd_validate_component,
  [GD_DOC_MEDIATOR] = gd_validate_mediator,
  [GD_DOC_ORGANISATION] = gd_validate_organisation,
};

G_STATIC_ASSERT (G_N_ELEMENTS (type_validators) == GD_DOC_TYPE_LAST + 1);

static void
set_today (GdCheck *check)
{
  if (check->ctx->today != NULL && g_date_valid (check->ctx->today))
    {
      g_date_clear (&check->today, 1);
      check->today = *check->ctx->today;
      return;
    }
  gd_china_today (&check->today);
}

void
gd_validate_document (JsonObject              *doc,
                      const GdValidateContext *ctx,
                      GdIssues                *issues)
{
  static const GdValidateContext no_context = { NULL, };
  GdCheck check = { 0, };
  gboolean deleted = FALSE;
  GdDocType type;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (issues != NULL);

  /* nothing else looks at a document over a limit: its size is the problem */
  if (!gd_limits_check_document (doc, 0, issues))
    return;

  check.doc = doc;
  check.ctx = ctx != NULL ? ctx : &no_context;
  check.issues = issues;
  set_today (&check);

  type = check_type_and_id (&check);
  gd_check_boolean (&check, doc, "", "_deleted", FALSE, &deleted);
  check_envelope (&check, type);
  /* a tombstone keeps only what filtered feeds need */
  if (type == GD_DOC_UNKNOWN || deleted)
    return;
  type_validators[type] (&check);
}
