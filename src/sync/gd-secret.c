/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-secret"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "gd-error.h"
#include "gd-secret.h"

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "cn.griddesk.GridDesk.CountyAccount", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static void
to_gd_error (GError **error,
             GError  *secret_error)
{
  if (g_error_matches (secret_error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN))
    g_set_error_literal (error, GD_ERROR, GD_ERROR_IO,
                         _("no secret store runs on this desktop (install and start GNOME Keyring); "
                           "passwords are kept nowhere else"));
  else
    /* Translators: the secret store's own message follows */
    g_set_error (error, GD_ERROR, GD_ERROR_IO, _("the desktop secret store: %s"), secret_error->message);
  g_error_free (secret_error);
}

char *
gd_secret_lookup (const char *server,
                  const char *user,
                  GError    **error)
{
  GError *secret_error = NULL;
  char *secret = secret_password_lookup_sync (account_schema (), NULL, &secret_error,
                                              "server", server, "user", user, NULL);

  if (secret_error != NULL)
    to_gd_error (error, secret_error);
  return secret;
}

gboolean
gd_secret_store (const char *server,
                 const char *user,
                 const char *secret,
                 GError    **error)
{
  GError *secret_error = NULL;
  g_autofree char *label = g_strdup_printf ("GridDesk: %s @ %s", user, server);

  if (secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                  NULL, &secret_error, "server", server, "user", user, NULL))
    return TRUE;
  to_gd_error (error, secret_error);
  return FALSE;
}

gboolean
gd_secret_clear (const char *server,
                 const char *user,
                 GError    **error)
{
  GError *secret_error = NULL;

  secret_password_clear_sync (account_schema (), NULL, &secret_error,
                              "server", server, "user", user, NULL);
  if (secret_error == NULL)
    return TRUE;
  to_gd_error (error, secret_error);
  return FALSE;
}

void
gd_secret_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}
