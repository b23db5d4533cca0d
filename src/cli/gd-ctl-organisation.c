/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl organisation inspect|risk: safety inspections (安全检查) and risk levels of
 * organisations and premises (单位 · 场所). */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-ctl-private.h"
#include "gd-json.h"
#include "gd-organisation.h"

static char *
organisation_id (const char *arg)
{
  return g_str_has_prefix (arg, "organisation:") ? g_strdup (arg)
                                                  : g_strconcat ("organisation:", arg, NULL);
}

/* inspect ID [FILE|-]: the inspection {inspectors, checklist, rectify_by …} as JSON */
static int
inspect (GdCtl *ctl, const char *id_arg, const char *path, const char *by, const char *role_name,
         const char *satisfaction)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) inspection = NULL;
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autofree char *text = NULL;
  g_autofree char *id = organisation_id (id_arg);
  g_autofree char *inspection_id = NULL;
  gsize length;
  GdRole role;

  if (!gd_role_from_string (role_name ? role_name : g_getenv ("GRIDDESK_ROLE") ?: "grid_worker", &role))
    return gd_ctl_usage ("--role must be grid_worker, centre_operator, mediator or administrator");
  if (satisfaction != NULL && !g_strv_contains ((const char *const[]) { "satisfied", "basically",
                                                                         "dissatisfied", NULL },
                                                satisfaction))
    return gd_ctl_usage ("--satisfaction must be satisfied, basically or dissatisfied");
  if ((text = gd_ctl_read_input (path, &length, &error)) == NULL
      || (inspection = gd_json_parse_object (text, (gssize) length, &error)) == NULL
      || (store = gd_ctl_open_store (ctl, &error)) == NULL
      || (inspection_id = gd_organisation_inspect (store, id, inspection, rules, role, satisfaction,
                                                   gd_ctl_operator (by), NULL, &error)) == NULL)
    return gd_ctl_fail (error);
  printf ("%s %s\n", id, inspection_id);
  return 0;
}

static int
set_risk (GdCtl *ctl, const char *id_arg, const char *level, const char *reason, const char *by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *id = organisation_id (id_arg);

  if (level == NULL)
    return gd_ctl_usage ("organisation risk needs --level LEVEL and --reason TEXT");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_organisation_set_risk (store, id, level, reason, gd_ctl_operator (by), NULL, &error))
    return gd_ctl_fail (error);
  printf ("%s %s\n", id, level);
  return 0;
}

int
gd_ctl_organisation (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("inspect ID [FILE|-] | risk ID - inspect an organisation or set its risk");
  g_autofree char *by = NULL;
  g_autofree char *role = NULL;
  g_autofree char *satisfaction = NULL;
  g_autofree char *level = NULL;
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Operator name", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      "inspect: grid_worker (default), centre_operator, mediator or administrator", "ROLE" },
    { "satisfaction", 0, 0, G_OPTION_ARG_STRING, &satisfaction,
      "inspect: the operator's word on hazards now rectified (lets them be archived)", "S" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, "risk: low, medium, high or major", "LEVEL" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "risk: why, in words", "TEXT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc >= 3 && argc <= 4 && g_str_equal (argv[1], "inspect"))
    return inspect (ctl, argv[2], argc == 4 ? argv[3] : NULL, by, role, satisfaction);
  if (argc == 3 && g_str_equal (argv[1], "risk"))
    return set_risk (ctl, argv[2], level, reason, by);
  return gd_ctl_usage ("organisation needs: inspect ID [FILE|-], or risk ID --level LEVEL --reason TEXT");
}
