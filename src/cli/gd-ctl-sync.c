/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl sync, conflicts, resolve */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gd-couch.h"
#include "gd-county.h"
#include "gd-ctl-private.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-store-sync.h"
#include "gd-sync.h"

static JsonObject *
report_to_json (const char         *database,
                const GdSyncReport *report)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "database", database);
  json_object_set_int_member (object, "pulled", report->pulled);
  json_object_set_int_member (object, "merged", report->merged);
  json_object_set_int_member (object, "conflicts", report->conflicts);
  json_object_set_int_member (object, "pushed", report->pushed);
  json_object_set_int_member (object, "rejected", report->rejected);
  json_object_set_int_member (object, "skipped", report->skipped);
  json_object_set_int_member (object, "quarantined", report->quarantined);
  json_object_set_int_member (object, "attachments_up", report->attachments_up);
  json_object_set_int_member (object, "attachments_down", report->attachments_down);
  json_object_set_boolean_member (object, "server_reset", report->server_reset);
  return object;
}

int
gd_ctl_sync (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- synchronise with the county platform");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdCouch) couch = NULL;
  g_autoptr(GPtrArray) databases = NULL;
  g_autoptr(JsonArray) reports = json_array_new ();
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_env = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *ca_file = NULL;
  g_auto(GStrv) named = NULL;
  int timeout = 60;
  int retries = 5;
  int page = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "County server URL (https)", "URL" },
    { "database", 0, 0, G_OPTION_ARG_STRING_ARRAY, &named, "Database to sync (repeatable; default: the village's)", "NAME" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Account name (cookie login)", "NAME" },
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_env, "Environment variable holding the password", "VAR" },
    { "token-env", 0, 0, G_OPTION_ARG_STRING, &token_env, "Environment variable holding a JWT bearer token", "VAR" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "Also trust the county CA in this PEM file", "FILE" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Seconds without progress before a request fails (default 60)", "S" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries, "Attempts on network and server errors (default 5)", "N" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "Documents per request (default: 2500 per first-sync page, 1000 otherwise)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON report", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("sync takes no arguments besides options");
  if (server == NULL)
    return gd_ctl_usage ("sync needs --server URL");
  if (user == NULL && token_env == NULL)
    return gd_ctl_usage ("sync needs --user NAME (or --token-env VAR for a JWT)");
  if (timeout <= 0 || retries <= 0 || page < 0)
    return gd_ctl_usage ("--timeout and --retries must be positive");

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (couch = gd_couch_new (server, &error)) == NULL
      || (ca_file != NULL && !gd_couch_set_ca_file (couch, ca_file, &error))
      || (databases = gd_sync_databases (store, (const char *const *) named, &error)) == NULL)
    return gd_ctl_fail (error);
  gd_couch_set_timeout (couch, (guint) timeout);
  gd_couch_set_retries (couch, (guint) retries, 500);

  if (token_env != NULL)
    {
      const char *token = gd_ctl_secret_from_env (token_env, &error);
      if (token == NULL)
        return gd_ctl_fail (error);
      gd_couch_set_bearer (couch, token);
    }
  else
    {
      const char *password = password_env ? gd_ctl_secret_from_env (password_env, &error)
                                          : gd_ctl_lookup_password (server, user, &error);
      if (password == NULL || !gd_couch_login (couch, user, password, NULL, &error))
        return gd_ctl_fail (error);
    }

  for (guint i = 0; i < databases->len; i++)
    {
      const char *database = databases->pdata[i];
      GdSyncReport report = { 0 };
      GdSyncOptions options = { .page_size = (gsize) page };

      if (!gd_sync_run (store, couch, database, &options, &report, NULL, &error))
        return gd_ctl_fail (error);
      if (gd_store_get_scope (store) == NULL && g_str_has_prefix (database, "griddesk-")
          && !gd_store_sync_adopt_scope (store, database + strlen ("griddesk-"), &error))
        {
          /* the records are here; only local edits wait for the village's grid document */
          fprintf (stderr, "griddesk-ctl: note: %s\n", error->message);
          g_clear_error (&error);
        }
      json_array_add_object_element (reports, report_to_json (database, &report));
      if (!json)
        printf ("%s: pulled %u, pushed %u, merged %u, conflicts %u, rejected %u, skipped %u, "
                "quarantined %u, attachments %u up %u down%s\n",
                database, report.pulled, report.pushed, report.merged, report.conflicts,
                report.rejected, report.skipped, report.quarantined, report.attachments_up,
                report.attachments_down,
                report.server_reset ? " (the server database had been reset: everything sent again)" : "");
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, reports);
      gd_ctl_print_json (node, FALSE);
    }
  return 0;
}

/* Personal numbers in a conflict are shown masked, as in every list. */
static char *
shown_value (const char *path,
             const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return g_strdup ("(none)");
  node = json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (g_str_has_suffix (path, "id_number"))
        return gd_mask_id_number (json_node_get_string (node));
      if (g_str_has_suffix (path, "phone"))
        return gd_mask_phone (json_node_get_string (node));
    }
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("{…}");
  return g_strdup (text);
}

int
gd_ctl_conflicts (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- true conflicts waiting for a person");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("conflicts takes no arguments besides options");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (conflicts = gd_store_sync_conflicts (store, NULL, &error)) == NULL
      || (rejections = gd_store_sync_rejections (store, &error)) == NULL
      || (quarantined = gd_store_sync_quarantined (store, &error)) == NULL)
    return gd_ctl_fail (error);

  for (guint i = 0; i < conflicts->len; i++)
    {
      GdSyncConflict *c = conflicts->pdata[i];
      g_autofree char *mine = shown_value (c->path, c->mine);
      g_autofree char *theirs = shown_value (c->path, c->theirs);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "kind", "conflict");
      json_object_set_string_member (object, "id", c->doc_id);
      json_object_set_string_member (object, "type", c->doc_type);
      json_object_set_string_member (object, "label", c->label);
      json_object_set_string_member (object, "field", c->path);
      json_object_set_string_member (object, "mine", mine);
      json_object_set_string_member (object, "theirs", theirs);
      json_object_set_string_member (object, "server_rev", c->server_rev);
      json_object_set_string_member (object, "detected_at", c->detected_at);
      json_array_add_object_element (array, object);
      if (!json)
        printf ("%s\t%s\t%s\tmine: %s\ttheirs: %s\n", c->doc_id, c->label ? c->label : "",
                c->path, mine, theirs);
    }
  for (guint i = 0; i < rejections->len; i++)
    {
      GdSyncRejection *r = rejections->pdata[i];
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "kind", "rejected");
      json_object_set_string_member (object, "id", r->doc_id);
      json_object_set_string_member (object, "type", r->doc_type);
      json_object_set_string_member (object, "label", r->label);
      json_object_set_string_member (object, "error", r->error);
      json_object_set_string_member (object, "reason", r->reason);
      json_object_set_string_member (object, "rejected_at", r->rejected_at);
      json_array_add_object_element (array, object);
      if (!json)
        printf ("%s\t%s\trejected by the server (%s): %s\n", r->doc_id, r->label ? r->label : "",
                r->error, r->reason ? r->reason : "");
    }
  for (guint i = 0; i < quarantined->len; i++)
    {
      GdSyncQuarantined *q = quarantined->pdata[i];
      JsonObject *object = json_object_new ();
      /* the server's id and reason may hold anything: escaped for the terminal */
      g_autofree char *shown_id = gd_sync_escape_text (q->doc_id, 200);
      g_autofree char *shown_reason = gd_sync_escape_text (q->reason, GD_SYNC_REASON_CHARS);

      json_object_set_string_member (object, "kind", "quarantined");
      json_object_set_string_member (object, "id", q->doc_id);
      json_object_set_string_member (object, "server_rev", q->rev);
      json_object_set_string_member (object, "reason", q->reason);
      json_object_set_string_member (object, "codes_version", q->codes_version);
      json_object_set_string_member (object, "quarantined_at", q->quarantined_at);
      json_array_add_object_element (array, object);
      if (!json)
        printf ("%s\t%s\tnot stored from the server: %s\n", shown_id, q->rev ? q->rev : "",
                shown_reason);
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
      gd_ctl_print_json (node, FALSE);
    }
  else if (conflicts->len == 0 && rejections->len == 0 && quarantined->len == 0)
    printf ("no conflicts\n");
  return 0;
}

int
gd_ctl_resolve (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("ID - decide one conflict");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *field = NULL;
  g_autofree char *take = NULL;
  g_autofree char *by = NULL;
  GdSyncTake choice;
  const GOptionEntry entries[] = {
    { "field", 0, 0, G_OPTION_ARG_STRING, &field, "The conflicting field, as `conflicts` prints it", "PATH" },
    { "take", 0, 0, G_OPTION_ARG_STRING, &take, "Keep this workstation's value or the server's", "mine|theirs" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Not recorded: the signed-in operator is (use --as NAME before the command)", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return gd_ctl_usage ("resolve needs one document ID");
  if (field == NULL || take == NULL)
    return gd_ctl_usage ("resolve needs --field PATH and --take mine|theirs");
  if (g_str_equal (take, "mine"))
    choice = GD_SYNC_TAKE_MINE;
  else if (g_str_equal (take, "theirs"))
    choice = GD_SYNC_TAKE_THEIRS;
  else
    return gd_ctl_usage ("--take must be mine or theirs, not '%s'", take);

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_store_sync_resolve (store, argv[1], field, choice, NULL, gd_ctl_operator (by), &error))
    return gd_ctl_fail (error);
  return 0;
}

int
gd_ctl_county (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("provision - set up a village database");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdCouch) couch = NULL;
  g_autofree char *server = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *password_env = NULL;
  g_autofree char *village = NULL;
  g_autofree char *account_env = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *account = NULL;
  const char *password;
  const char *account_password;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "County server URL (https)", "URL" },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, "Server admin account", "NAME" },
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_env, "Environment variable holding the admin password", "VAR" },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, "12-digit village code", "CODE" },
    { "account-password-env", 0, 0, G_OPTION_ARG_STRING, &account_env,
      "Environment variable holding the village account's password (default: a new random one, printed once)", "VAR" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "Also trust the county CA in this PEM file", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || !g_str_equal (argv[1], "provision"))
    return gd_ctl_usage ("county knows one subcommand: provision");
  if (server == NULL || admin == NULL || password_env == NULL || village == NULL)
    return gd_ctl_usage ("county provision needs --server URL --admin NAME --password-env VAR --village CODE");

  if ((password = gd_ctl_secret_from_env (password_env, &error)) == NULL
      || (account_env != NULL && gd_ctl_secret_from_env (account_env, &error) == NULL)
      || (couch = gd_couch_new (server, &error)) == NULL
      || (ca_file != NULL && !gd_couch_set_ca_file (couch, ca_file, &error)))
    return gd_ctl_fail (error);
  if (account_env != NULL)
    account_password = g_getenv (account_env);
  else
    account_password = generated = gd_uuid_new ();
  gd_couch_set_basic (couch, admin, password);
  if (!gd_county_provision (couch, village, account_password, NULL, &error))
    return gd_ctl_fail (error);
  account = gd_county_village_account (village);
  printf ("griddesk-%s: database, _design/griddesk and _security installed; account %s\n", village, account);
  if (generated != NULL)
    /* the only copy: county IT hands it to the village; it is stored nowhere */
    printf ("password of %s (shown once): %s\n", account, generated);
  return 0;
}
