#define G_LOG_DOMAIN "gd-couch"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "gd-couch-url.h"
#include "gd-couch.h"
#include "gd-error.h"

struct _GdCouch
{
  SoupSession     *session;
  char            *server;
  GTlsCertificate *county_ca;
  char            *authorization; /* "Bearer …" or "Basic …", or NULL */
  guint            attempts;
  guint            first_backoff_ms;
};

GdCouch *
gd_couch_new (const char *server,
              GError    **error)
{
  g_autofree char *url = gd_couch_server_url (server, error);
  GdCouch *couch;

  if (url == NULL)
    return NULL;
  couch = g_new0 (GdCouch, 1);
  couch->server = g_steal_pointer (&url);
  couch->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                  "user-agent", "GridDesk/" PACKAGE_VERSION, NULL);
  soup_session_add_feature_by_type (couch->session, SOUP_TYPE_COOKIE_JAR);
  /* Compressed replies save a slow county link most of its bytes, but on this computer there
   * are no bytes to save: the server would spend a core gzipping (0.6 s of 2 s for a
   * 100,000-household _all_docs from pouchdb-server) and we another unzipping it. */
  if (gd_couch_server_is_loopback (couch->server))
    soup_session_remove_feature_by_type (couch->session, SOUP_TYPE_CONTENT_DECODER);
  couch->attempts = 5;
  couch->first_backoff_ms = 500;
  return couch;
}

void
gd_couch_free (GdCouch *couch)
{
  if (couch == NULL)
    return;
  g_clear_object (&couch->session);
  g_clear_object (&couch->county_ca);
  if (couch->authorization != NULL)
    memset (couch->authorization, 0, strlen (couch->authorization));
  g_free (couch->authorization);
  g_free (couch->server);
  g_free (couch);
}

const char *
gd_couch_get_server (GdCouch *couch)
{
  return couch->server;
}

void
gd_couch_set_timeout (GdCouch *couch,
                      guint    seconds)
{
  g_object_set (couch->session, "timeout", seconds, NULL);
}

void
gd_couch_set_retries (GdCouch *couch,
                      guint    attempts,
                      guint    first_backoff_ms)
{
  couch->attempts = MAX (attempts, 1);
  couch->first_backoff_ms = first_backoff_ms;
}

gboolean
gd_couch_set_ca_file (GdCouch    *couch,
                      const char *path,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *ca = g_tls_certificate_new_from_file (path, &local_error);

  if (ca == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("county CA %s: %s"), path, local_error->message);
      return FALSE;
    }
  g_clear_object (&couch->county_ca);
  couch->county_ca = ca;
  return TRUE;
}

static void
set_authorization (GdCouch *couch,
                   char    *value)
{
  if (couch->authorization != NULL)
    memset (couch->authorization, 0, strlen (couch->authorization));
  g_free (couch->authorization);
  couch->authorization = value;
}

void
gd_couch_set_bearer (GdCouch    *couch,
                     const char *token)
{
  set_authorization (couch, token ? g_strconcat ("Bearer ", token, NULL) : NULL);
}

void
gd_couch_set_basic (GdCouch    *couch,
                    const char *user,
                    const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  set_authorization (couch, g_strconcat ("Basic ", encoded, NULL));
  memset (pair, 0, strlen (pair));
}

char *
gd_couch_doc_path (const char *database,
                   const char *doc_id)
{
  g_autofree char *escaped = NULL;

  if (g_str_has_prefix (doc_id, "_design/") || g_str_has_prefix (doc_id, "_local/"))
    {
      const char *slash = strchr (doc_id, '/');
      g_autofree char *prefix = g_strndup (doc_id, slash - doc_id);
      escaped = g_uri_escape_string (slash + 1, NULL, FALSE);
      return g_strdup_printf ("/%s/%s/%s", database, prefix, escaped);
    }
  escaped = g_uri_escape_string (doc_id, NULL, FALSE);
  return g_strdup_printf ("/%s/%s", database, escaped);
}

/* The system refused the certificate: accept it only if the county CA issued it for this
 * host. Verification is never switched off. */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GdCouch *couch = user_data;
  g_autoptr(GSocketConnectable) identity = NULL;
  GUri *uri = soup_message_get_uri (message);

  if (couch->county_ca == NULL)
    return FALSE;
  identity = g_network_address_new (g_uri_get_host (uri), (guint16) g_uri_get_port (uri));
  return g_tls_certificate_verify (certificate, identity, couch->county_ca) == 0;
}

static SoupMessage *
new_message (GdCouch    *couch,
             const char *method,
             const char *path,
             GBytes     *body,
             const char *content_type)
{
  g_autofree char *url = g_strconcat (couch->server, path, NULL);
  SoupMessage *message = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (couch->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", couch->authorization);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), couch);
  return message;
}

static gboolean
sleep_cancellable (guint         ms,
                   GCancellable *cancellable)
{
  for (guint waited = 0; waited < ms; waited += 50)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (50 * 1000);
    }
  return !g_cancellable_is_cancelled (cancellable);
}

/* The server's own words: {"error": ..., "reason": ...} */
static char *
server_reason (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;
  JsonObject *object;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  return g_strdup_printf ("%s: %s",
                          json_object_get_string_member_with_default (object, "error", "error"),
                          json_object_get_string_member_with_default (object, "reason", ""));
}

/* Sends with retries; returns the body, `*status` set. 4xx is returned, not retried. */
static GBytes *
send_with_retries (GdCouch      *couch,
                   const char   *method,
                   const char   *path,
                   GBytes       *body,
                   const char   *content_type,
                   guint        *status,
                   char        **out_content_type,
                   GCancellable *cancellable,
                   GError      **error)
{
  guint backoff = couch->first_backoff_ms;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessage) message = new_message (couch, method, path, body, content_type);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (message == NULL)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("cannot make a request for %s"), path);
          return NULL;
        }
      bytes = soup_session_send_and_read (couch->session, message, cancellable, &local_error);
      *status = soup_message_get_status (message);
      if (bytes != NULL && *status < 500)
        {
          if (out_content_type != NULL)
            *out_content_type = g_strdup (soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (message), NULL));
          return g_steal_pointer (&bytes);
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (attempt >= couch->attempts || !sleep_cancellable (backoff, cancellable))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (local_error != NULL)
            /* Translators: HTTP method, path, then the network error */
            g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("%s %s: %s (after %u attempts)"),
                         method, path, local_error->message, attempt);
          else
            {
              g_autofree char *reason = server_reason (bytes);
              /* Translators: HTTP method, path, HTTP status, the server's reason */
              g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("%s %s: server error %u %s (after %u attempts)"),
                           method, path, *status, reason ? reason : "", attempt);
            }
          return NULL;
        }
      g_debug ("%s %s failed (%s), retrying in %u ms", method, path,
               local_error ? local_error->message : "5xx", backoff);
      backoff = MIN (backoff * 2, 30000);
    }
}

static void
set_status_error (GError    **error,
                  const char *method,
                  const char *path,
                  guint       status,
                  GBytes     *bytes)
{
  g_autofree char *reason = server_reason (bytes);

  if (status == 401)
    g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                 _("the server did not accept the user name or password (%s)"),
                 reason ? reason : "401");
  else if (status == 403)
    g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                 _("the server refused access to %s (%s)"), path, reason ? reason : "403");
  else
    /* Translators: HTTP method, path, status, the server's reason */
    g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("%s %s: the server answered %u %s"),
                 method, path, status, reason ? reason : "");
}

JsonNode *
gd_couch_request (GdCouch      *couch,
                  const char   *method,
                  const char   *path,
                  JsonNode     *body,
                  guint        *out_status,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  guint status = 0;
  gsize length;
  const char *data;

  if (body != NULL)
    {
      gsize size;
      char *text = json_to_string (body, FALSE);
      size = strlen (text);
      request = g_bytes_new_take (text, size);
    }
  response = send_with_retries (couch, method, path, request, "application/json", &status,
                                NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  if (out_status != NULL)
    *out_status = status;
  if ((status < 200 || status >= 300) && out_status == NULL)
    {
      set_status_error (error, method, path, status, response);
      return NULL;
    }
  data = g_bytes_get_data (response, &length);
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) length, &parse_error)
      || json_parser_get_root (parser) == NULL)
    {
      /* Translators: HTTP method, path, then the parser's message */
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("%s %s: the server sent malformed JSON (%s)"),
                   method, path, parse_error ? parse_error->message : _("empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

GBytes *
gd_couch_request_bytes (GdCouch      *couch,
                        const char   *method,
                        const char   *path,
                        GBytes       *body,
                        char        **content_type,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(GBytes) response = NULL;
  guint status = 0;

  response = send_with_retries (couch, method, path, body,
                                content_type && *content_type ? *content_type : NULL, &status,
                                g_str_equal (method, "GET") ? content_type : NULL,
                                cancellable, error);
  if (response == NULL)
    return NULL;
  if (status < 200 || status >= 300)
    {
      set_status_error (error, method, path, status, response);
      return NULL;
    }
  return g_steal_pointer (&response);
}

gboolean
gd_couch_login (GdCouch      *couch,
                const char   *user,
                const char   *password,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  reply = gd_couch_request (couch, "POST", "/_session", body, &status, cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (status == 401 || status == 403)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   _("the server did not accept the user name or password of %s"), user);
      return FALSE;
    }
  if (status < 200 || status >= 300)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("logging in: the server answered %u"), status);
      return FALSE;
    }
  return TRUE;
}
