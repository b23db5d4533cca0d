/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where griddesk-ctl finds a saved password: the desktop secret store (libsecret), the same
 * entry the app's preferences write. Never the database file, settings or logs. */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include "gd-ctl-private.h"
#include "gd-secret.h"

const char *
gd_ctl_lookup_password (const char *server,
                        const char *user,
                        GError    **error)
{
  static char *password; /* lives until exit, like an environment variable */

  g_clear_pointer (&password, gd_secret_free);
  password = gd_secret_lookup (server, user, error);
  if (password == NULL && error != NULL && *error == NULL)
    g_set_error (error, GD_ERROR, GD_ERROR_USAGE,
                 "no password saved for %s at %s: give --password-env VAR", user, server);
  return password;
}
