/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl demo, stats, check, incident transition */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "gd-ctl-private.h"
#include "gd-scope.h"
#include "gd-demo.h"
#include "gd-incident-flow.h"
#include "gd-json.h"
#include "gd-stats.h"
#include "gd-store-sync.h"

static void
on_demo_progress (double   fraction,
                  gpointer user_data)
{
  fprintf (stderr, "\rgenerating demo data… %3d%%", (int) (fraction * 100));
}

int
gd_ctl_demo (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- fill an empty database with demo data");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *scale = NULL;
  gint64 seed = 1;
  GdDemoCounts counts = { 0 };
  GdDemoScale demo_scale;
  gboolean shown;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, "village (default) or town", "SCALE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Same seed, same data (default 1)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("demo takes no arguments besides its options");
  if (scale == NULL || g_str_equal (scale, "village"))
    demo_scale = GD_DEMO_VILLAGE;
  else if (g_str_equal (scale, "town"))
    demo_scale = GD_DEMO_TOWN;
  else
    return gd_ctl_usage ("--scale must be village or town, not '%s'", scale);
  if (seed < 0)
    return gd_ctl_usage ("--seed must not be negative");

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  shown = isatty (STDERR_FILENO);
  if (!gd_demo_generate (store, demo_scale, (guint64) seed, &counts,
                         shown ? on_demo_progress : NULL, NULL, NULL, &error))
    {
      if (shown)
        fprintf (stderr, "\n");
      return gd_ctl_fail (error);
    }
  if (shown)
    fprintf (stderr, "\n");
  printf ("%s %s: %u villages, %u grids, %u households, %u persons, %u incidents, "
          "%u disputes, %u patrols, %u mediators, %u components, %u organisations\n",
          gd_store_get_scope (store), gd_store_get_scope_name (store), counts.villages,
          counts.grids, counts.households, counts.persons, counts.incidents, counts.disputes,
          counts.patrols, counts.mediators, counts.components, counts.organisations);
  return 0;
}

static void
print_section (const char *title,
               JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  printf ("%s:\n", title);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value))
      printf ("  %-12s %" G_GINT64_FORMAT "\n", name, json_node_get_int (value));
}

int
gd_ctl_stats (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- counts and measures");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Period start (YYYY-MM-DD)", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Period end, inclusive (YYYY-MM-DD)", "DATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON object", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("stats takes no arguments besides its options");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (stats = gd_store_stats (store, from, to, NULL, &error)) == NULL)
    return gd_ctl_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, stats);
      gd_ctl_print_json (node, TRUE);
      return 0;
    }
  printf ("%s %s\n", gd_json_get_string (stats, "scope") ?: "-",
          gd_json_get_string (stats, "scope_name") ?: "");
  print_section ("counts", gd_json_get_object (stats, "counts"));
  print_section ("incidents", gd_json_get_object (gd_json_get_object (stats, "incidents"), "by_status"));
  print_section ("incident totals", gd_json_get_object (stats, "incidents"));
  print_section ("disputes", gd_json_get_object (gd_json_get_object (stats, "disputes"), "by_status"));
  return 0;
}

static JsonNode *
check_to_json (GdIssues *issues,
               GdStore  *store)
{
  JsonObject *result = json_object_new ();
  JsonArray *problems = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      JsonObject *problem = json_object_new ();

      json_object_set_string_member (problem, "severity",
                                     issue->severity == GD_ISSUE_ERROR ? "error" : "warning");
      json_object_set_string_member (problem, "path", issue->path);
      json_object_set_string_member (problem, "message", issue->message);
      json_array_add_object_element (problems, problem);
    }
  json_object_set_boolean_member (result, "ok", !gd_issues_has_errors (issues));
  json_object_set_int_member (result, "documents", gd_store_count (store, GD_DOC_UNKNOWN, NULL));
  json_object_set_int_member (result, "schema_version", gd_store_get_schema_version (store));
  json_object_set_array_member (result, "problems", problems);
  json_node_take_object (node, result);
  return node;
}

int
gd_ctl_check (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- check file, indexes and documents");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  gboolean json = FALSE;
  guint errors;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON object", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("check takes no arguments besides its options");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_store_check (store, issues, &error))
    return gd_ctl_fail (error);
  errors = gd_issues_count (issues, GD_ISSUE_ERROR);
  if (json)
    {
      g_autoptr(JsonNode) node = check_to_json (issues, store);
      gd_ctl_print_json (node, TRUE);
      return errors == 0 ? 0 : 1;
    }
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      printf ("%s %s: %s\n", issue->severity == GD_ISSUE_ERROR ? "error" : "warning",
              issue->path, issue->message);
    }
  /* a cut-off first sync leaves records whose grid has not come yet: the store check tells
   * those as warnings, so only real damage is an error */
  printf ("%s: %u errors, %u warnings, %" G_GINT64_FORMAT " documents, schema version %d\n",
          errors != 0 ? "damaged"
          : gd_store_sync_first_unfinished (store) ? "unfinished first sync (the next sync finishes it)"
          : "ok", errors, gd_issues_count (issues, GD_ISSUE_WARNING),
          gd_store_count (store, GD_DOC_UNKNOWN, NULL), gd_store_get_schema_version (store));
  return errors == 0 ? 0 : 1;
}

/* A signed-in account acts in its own roles: --role (or $GRIDDESK_ROLE) only picks one of
 * them; without --role, the first of them that may make this move. */
static gboolean
acting_role (GdStore          *store,
             JsonObject       *incident,
             GdIncidentStatus  to,
             gboolean          chosen,
             GdRole           *role,
             GError          **error)
{
  GdAccount *account = gd_store_get_account (store);
  GdIncidentStatus from;

  if (account == NULL)
    return TRUE;
  if (chosen)
    {
      if (gd_account_has_role (account, *role))
        return TRUE;
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN, "%s does not hold the role %s",
                   account->name, gd_role_to_string (*role));
      return FALSE;
    }
  if (!gd_incident_status_from_string (gd_json_get_string (incident, "status"), &from))
    from = GD_INCIDENT_REGISTERED;
  *role = gd_account_role_for_transition (account, from, to);
  return TRUE;
}

int
gd_ctl_incident (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("transition ID - move an incident");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autofree char *to = NULL;
  g_autofree char *note = NULL;
  g_autofree char *by = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *saved = NULL;
  GdIncidentStatus target;
  GdRole role;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Target status", "STATUS" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "Why (required to return an incident)", "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Not recorded: the signed-in operator is (use --as NAME before the command)", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      "grid_worker, centre_operator (default), mediator or administrator", "ROLE" },
    { NULL }
  };

  if (argc >= 2 && g_str_equal (argv[1], "register"))
    return gd_ctl_incident_register (ctl, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "feedback"))
    return gd_ctl_incident_feedback (ctl, argc - 1, argv + 1);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 3 || !g_str_equal (argv[1], "transition"))
    return gd_ctl_usage ("incident needs: transition ID --to STATUS, register FILE or feedback ID");
  if (to == NULL)
    return gd_ctl_usage ("incident transition needs --to STATUS");
  if (!gd_incident_status_from_string (to, &target))
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID, "--to: unknown status '%s'", to);
      return gd_ctl_fail (error);
    }
  if (!gd_role_from_string (role_name ? role_name : g_getenv ("GRIDDESK_ROLE") ?: "centre_operator",
                            &role))
    return gd_ctl_usage ("--role must be grid_worker, centre_operator, mediator or administrator");

  id = g_str_has_prefix (argv[2], "incident:") ? g_strdup (argv[2])
                                                : g_strconcat ("incident:", argv[2], NULL);
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (incident = gd_store_get (store, id, &error)) == NULL
      || !acting_role (store, incident, target,
                       role_name != NULL || g_getenv ("GRIDDESK_ROLE") != NULL, &role, &error)
      || !gd_incident_apply_transition (incident, target, gd_ctl_operator (by), role, note, NULL, &error)
      || (saved = gd_store_put (store, incident, gd_ctl_operator (by), NULL, &error)) == NULL)
    return gd_ctl_fail (error);
  printf ("%s %s\n", saved, to);
  return 0;
}
