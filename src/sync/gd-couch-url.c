/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-couch-url"
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "gd-couch-url.h"
#include "gd-division.h"
#include "gd-error.h"

char *
gd_couch_database_name (const char *village)
{
  g_return_val_if_fail (village != NULL, NULL);
  if (!gd_division_code_check (village, GD_LEVEL_VILLAGE, NULL))
    return NULL;
  return g_strconcat ("griddesk-", village, NULL);
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = host ? g_inet_address_new_from_string (host) : NULL;

  /* an address, not a name that starts like one: "127.example.cn" is somewhere else */
  return g_strcmp0 (host, "localhost") == 0
         || (address != NULL && g_inet_address_get_is_loopback (address));
}

char *
gd_couch_server_url (const char *url,
                     GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;
  g_autofree char *text = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "server: %s is not a URL", url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "server: %s names no host", url);
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           "server: do not put a user name or password in the address; "
                           "GridDesk keeps them in the secret store");
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "server: %s must not have ?query or #fragment", url);
      return NULL;
    }
  /* personal data never crosses a network in clear; loopback is only the test server */
  if (g_strcmp0 (scheme, "https") != 0
      && !(g_strcmp0 (scheme, "http") == 0 && is_loopback (g_uri_get_host (uri))))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   "server: %s must use https (plain http is allowed only to this computer)", url);
      return NULL;
    }
  text = g_uri_to_string (uri);
  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';
  return g_steal_pointer (&text);
}

gboolean
gd_couch_server_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && is_loopback (g_uri_get_host (uri));
}

char *
gd_couch_document_url (const char *server,
                       const char *database,
                       const char *doc_id)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (server != NULL && database != NULL && doc_id != NULL, NULL);
  /* design documents keep their one literal slash: "_design/griddesk" */
  if (g_str_has_prefix (doc_id, "_design/"))
    {
      g_autofree char *name = g_uri_escape_string (doc_id + strlen ("_design/"), NULL, FALSE);
      return g_strdup_printf ("%s/%s/_design/%s", server, database, name);
    }
  escaped = g_uri_escape_string (doc_id, NULL, FALSE);
  return g_strdup_printf ("%s/%s/%s", server, database, escaped);
}
