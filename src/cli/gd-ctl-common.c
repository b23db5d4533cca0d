/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gd-accounts.h"
#include "gd-ctl-private.h"
#include "gd-scope.h"

/* the operator the opened store works for; NULL until a store is opened */
static char *signed_in;

gboolean
gd_ctl_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      gd_ctl_usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sign_in (GdCtl   *ctl,
         GdStore *store,
         GError **error)
{
  g_autofree char *password = NULL;
  g_autoptr(GdAccount) account = NULL;
  GStatBuf st;
  gboolean own_file;

  if (ctl->as_name != NULL)
    {
      g_autofree char *prompt = g_strdup_printf ("Password for %s: ", ctl->as_name);

      if ((password = gd_ctl_read_password (ctl->password_env, prompt, FALSE, error)) == NULL
          || (account = gd_accounts_sign_in (store, ctl->as_name, password, error)) == NULL)
        return FALSE;
      gd_store_set_account (store, account);
    }
  else
    {
      g_autofree char *local = g_strdup_printf ("local:%s", g_get_user_name ());

      /* county IT maintenance: the whole store only in a file of the user's own */
      own_file = g_stat (ctl->db_path, &st) == 0 && st.st_uid == getuid ();
      gd_store_set_local_user (store, local, own_file);
    }
  g_free (signed_in);
  signed_in = g_strdup (gd_store_get_operator (store));
  return TRUE;
}

GdStore *
gd_ctl_open_store (GdCtl   *ctl,
                   GError **error)
{
  g_autoptr(GdStore) store = NULL;

  if (ctl->db_path == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE, "%s needs --db FILE", ctl->command);
      return NULL;
    }
  store = gd_store_open (ctl->db_path, error);
  if (store == NULL || !sign_in (ctl, store, error))
    return NULL;
  return g_steal_pointer (&store);
}

char *
gd_ctl_read_input (const char *path,
                   gsize      *length,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      GString *in = g_string_new (NULL);
      char buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (in, buffer, (gssize) n);
      if (ferror (stdin))
        {
          g_string_free (in, TRUE);
          g_set_error_literal (error, GD_ERROR, GD_ERROR_IO, "cannot read standard input");
          return NULL;
        }
      *length = in->len;
      return g_string_free (in, FALSE);
    }
  if (!g_file_get_contents (path, &contents, length, &local_error))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return contents;
}

void
gd_ctl_print_json (JsonNode *node,
                   gboolean  pretty)
{
  g_autofree char *text = json_to_string (node, pretty);
  printf ("%s\n", text);
}

const char *
gd_ctl_operator (const char *by)
{
  const char *env = g_getenv ("GRIDDESK_OPERATOR");

  if (signed_in != NULL)
    {
      static gboolean warned;

      if (by != NULL && *by != '\0' && !g_str_equal (by, signed_in) && !warned)
        {
          warned = TRUE;
          fprintf (stderr, "griddesk-ctl: --by %s is not recorded: the operator is %s "
                           "(sign in with --as NAME)\n", by, signed_in);
        }
      return signed_in;
    }
  if (by != NULL && *by != '\0')
    return by;
  if (env != NULL && *env != '\0')
    return env;
  return g_get_user_name ();
}

gboolean
gd_ctl_audit_reveal (GdStore    *store,
                     const char *detail,
                     GError    **error)
{
  GdAccount *account = gd_store_get_account (store);

  /* the role decides, as in the app: mediators work on cases, not the register */
  if (account != NULL && !gd_account_may_reveal (account))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   "%s may not see full ID and phone numbers", account->name);
      return FALSE;
    }
  return gd_store_audit (store, gd_ctl_operator (NULL), "reveal", NULL, detail, error);
}
