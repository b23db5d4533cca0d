/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl account add|edit|list|disable|enable|passwd: operator accounts (gd-accounts.h).
 * Passwords come from --password-env VAR or a terminal prompt, never an argument. The
 * first account of a store is an administrator and needs no --as; every later change needs
 * --as an administrator (an operator may change their own password). */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gd-accounts.h"
#include "gd-ctl-private.h"
#include "gd-scope.h"

static JsonObject *
account_to_json (const GdAccount *account)
{
  JsonObject *object = json_object_new ();
  JsonArray *roles = json_array_new ();
  JsonArray *grids = json_array_new ();

  for (GdRole role = GD_ROLE_GRID_WORKER; role <= GD_ROLE_ADMINISTRATOR; role++)
    if (gd_account_has_role (account, role))
      json_array_add_string_element (roles, gd_role_to_string (role));
  for (char **grid = account->grids; grid && *grid; grid++)
    json_array_add_string_element (grids, *grid);
  json_object_set_string_member (object, "name", account->name);
  json_object_set_string_member (object, "display_name", account->display_name);
  json_object_set_array_member (object, "roles", roles);
  json_object_set_array_member (object, "grids", grids);
  json_object_set_boolean_member (object, "disabled", account->disabled);
  json_object_set_string_member (object, "created_at", account->created_at);
  json_object_set_string_member (object, "created_by", account->created_by);
  json_object_set_string_member (object, "changed_at", account->changed_at);
  json_object_set_string_member (object, "changed_by", account->changed_by);
  return object;
}

static gboolean
parse_roles (char     **names,
             GdRoleSet *roles,
             GError   **error)
{
  GdRole role;

  *roles = 0;
  for (char **name = names; name && *name; name++)
    {
      if (!gd_role_from_string (*name, &role))
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       "roles: unknown role '%s' (expected grid_worker, centre_operator, mediator "
                       "or administrator)", *name);
          return FALSE;
        }
      *roles |= GD_ROLE_BIT (role);
    }
  return TRUE;
}

static int
account_add (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME - add an operator account");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdAccount) account = NULL;
  g_auto(GStrv) role_names = NULL;
  g_auto(GStrv) grids = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *password_env = NULL;
  g_autofree char *password = NULL;
  GdAccountSpec spec = { 0 };
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &role_names, "grid_worker, centre_operator, mediator or administrator (repeat for several)", "ROLE" },
    { "grid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &grids, "A grid served (repeat for several)", "CODE" },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, "The name shown (default: NAME)", "TEXT" },
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_env, "Environment variable holding the password (default: ask)", "VAR" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || role_names == NULL)
    return gd_ctl_usage ("account add needs NAME and --role ROLE");
  if (!parse_roles (role_names, &spec.roles, &error))
    return gd_ctl_fail (error);
  spec.name = argv[1];
  spec.display_name = display_name;
  spec.grids = (const char *const *) grids;
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  /* the first account of a store: made by the local user, on the record as such */
  if (gd_store_get_operator (store) == NULL)
    {
      g_autofree char *local = g_strdup_printf ("local:%s", g_get_user_name ());
      gd_store_set_local_user (store, local, TRUE);
    }
  if ((password = gd_ctl_read_password (password_env, "Password: ", TRUE, &error)) == NULL
      || (account = gd_accounts_add (store, &spec, password, &error)) == NULL)
    return gd_ctl_fail (error);
  printf ("%s\n", account->name);
  return 0;
}

/* Roles, grids or display name changed; what is not given stays. */
static int
account_edit (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME - change an operator account");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdAccount) account = NULL;
  g_auto(GStrv) role_names = NULL;
  g_auto(GStrv) grids = NULL;
  g_autofree char *display_name = NULL;
  GdAccountSpec spec = { 0 };
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &role_names, "The roles it holds from now on (repeat for several)", "ROLE" },
    { "grid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &grids, "The grids served from now on (repeat for several)", "CODE" },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, "The name shown", "TEXT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || (role_names == NULL && grids == NULL && display_name == NULL))
    return gd_ctl_usage ("account edit needs NAME and --role, --grid or --display-name");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (account = gd_accounts_get (store, argv[1], &error)) == NULL)
    return gd_ctl_fail (error);
  spec.name = account->name;
  spec.display_name = display_name;
  spec.roles = account->roles;
  spec.grids = grids ? (const char *const *) grids : (const char *const *) account->grids;
  if ((role_names != NULL && !parse_roles (role_names, &spec.roles, &error))
      || !gd_accounts_edit (store, &spec, &error))
    return gd_ctl_fail (error);
  return 0;
}

static int
account_list (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- list operator accounts");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON array", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("account list takes no arguments");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (accounts = gd_accounts_list (store, &error)) == NULL)
    return gd_ctl_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < accounts->len; i++)
        json_array_add_object_element (array, account_to_json (accounts->pdata[i]));
      json_node_take_array (node, array);
      gd_ctl_print_json (node, TRUE);
      return 0;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      const GdAccount *account = accounts->pdata[i];
      g_autofree char *roles = gd_role_set_to_string (account->roles);
      g_autofree char *grids = g_strjoinv (",", account->grids);

      printf ("%s\t%s\t%s\t%s%s\n", account->name, account->display_name, roles,
              *grids ? grids : "-", account->disabled ? "\tdisabled" : "");
    }
  return 0;
}

static int
account_set_disabled (GdCtl *ctl, int argc, char **argv, gboolean disabled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;

  if (argc != 2)
    return gd_ctl_usage ("account %s needs NAME", argv[0]);
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_accounts_set_disabled (store, argv[1], disabled, &error))
    return gd_ctl_fail (error);
  return 0;
}

static int
account_passwd (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME - set a new password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *password_env = NULL;
  g_autofree char *password = NULL;
  const GOptionEntry entries[] = {
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_env, "Environment variable holding the new password (default: ask)", "VAR" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return gd_ctl_usage ("account passwd needs NAME");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (password = gd_ctl_read_password (password_env, "New password: ", TRUE, &error)) == NULL
      || !gd_accounts_set_password (store, argv[1], password, &error))
    return gd_ctl_fail (error);
  return 0;
}

int
gd_ctl_account (GdCtl *ctl, int argc, char **argv)
{
  if (argc < 2)
    return gd_ctl_usage ("account needs add, edit, list, disable, enable or passwd");
  if (g_str_equal (argv[1], "add"))
    return account_add (ctl, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "edit"))
    return account_edit (ctl, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return account_list (ctl, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "disable"))
    return account_set_disabled (ctl, argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "enable"))
    return account_set_disabled (ctl, argc - 1, argv + 1, FALSE);
  if (g_str_equal (argv[1], "passwd"))
    return account_passwd (ctl, argc - 1, argv + 1);
  return gd_ctl_usage ("unknown account command '%s'", argv[1]);
}
