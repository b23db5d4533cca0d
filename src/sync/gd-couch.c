/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-couch"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "gd-couch-url.h"
#include "gd-couch.h"
#include "gd-error.h"
#include "gd-store-quarantine.h"

struct _GdCouch
{
  SoupSession     *session;
  char            *server;
  GTlsCertificate *county_ca;
  char            *authorization; /* "Bearer …" or "Basic …", or NULL */
  guint            attempts;
  guint            first_backoff_ms;
  guint            deadline_s; /* a whole request, headers to last byte */
  gsize            max_reply;  /* bytes of one reply read into memory */
};

/* One thread for every client's deadlines: a blocking request on any thread is cancelled
 * from here when its time is up, whether the server is silent or drips a byte a second. */
static gpointer
run_deadlines (gpointer loop)
{
  g_main_loop_run (loop);
  return NULL;
}

static GMainContext *
deadline_context (void)
{
  static gsize context;

  if (g_once_init_enter (&context))
    {
      GMainContext *made = g_main_context_new ();
      GMainLoop *loop = g_main_loop_new (made, FALSE);

      g_thread_unref (g_thread_new ("gd-couch-deadline", run_deadlines, loop));
      g_once_init_leave (&context, (gsize) made);
    }
  return (GMainContext *) context;
}

typedef struct {
  GCancellable *cancellable; /* the request's own */
  gint          expired;
} Deadline;

static gboolean
deadline_expired_cb (gpointer data)
{
  Deadline *deadline = data;

  g_atomic_int_set (&deadline->expired, 1);
  g_cancellable_cancel (deadline->cancellable);
  return G_SOURCE_REMOVE;
}

static void
deadline_clear (Deadline *deadline)
{
  g_object_unref (deadline->cancellable);
}

/* held by the request and by its timer, which may fire in the other thread meanwhile */
static void
deadline_unref (Deadline *deadline)
{
  g_atomic_rc_box_release_full (deadline, (GDestroyNotify) deadline_clear);
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *own)
{
  g_cancellable_cancel (own);
}

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
  couch->deadline_s = GD_COUCH_DEFAULT_DEADLINE;
  couch->max_reply = GD_COUCH_DEFAULT_MAX_REPLY;
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
gd_couch_set_deadline (GdCouch *couch,
                       guint    seconds)
{
  couch->deadline_s = MAX (seconds, 1);
}

void
gd_couch_set_max_reply (GdCouch *couch,
                        gsize    bytes)
{
  couch->max_reply = MAX (bytes, 1024);
}

gsize
gd_couch_get_max_reply (GdCouch *couch)
{
  return couch->max_reply;
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
  /* a redirect could lead anywhere, plain http included: it is reported, never followed */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
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

/* The server's own words: {"error": ..., "reason": ...}, escaped for a terminal */
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
  {
    g_autofree char *name = gd_sync_escape_text (
      json_object_get_string_member_with_default (object, "error", "error"), 80);
    g_autofree char *reason = gd_sync_escape_text (
      json_object_get_string_member_with_default (object, "reason", ""), GD_SYNC_REASON_CHARS);
    return g_strdup_printf ("%s: %s", name, reason);
  }
}

/* How one attempt ended, beyond its status. */
typedef enum {
  ATTEMPT_ANSWERED,  /* a whole reply, any status */
  ATTEMPT_NETWORK,   /* worth another try */
  ATTEMPT_FINAL,     /* `error` set, never retried */
} Attempt;

/* Reads the body to its end, or fails at `cap` bytes. */
static GBytes *
read_capped (GInputStream *stream,
             SoupMessage  *message,
             gsize         cap,
             GCancellable *cancellable,
             gboolean     *over,
             GError      **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  goffset announced = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  guint8 chunk[64 * 1024];

  *over = announced > 0 && (guint64) announced > cap;
  if (*over)
    return NULL;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > cap)
        {
          *over = TRUE;
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  /* a NUL after the last byte, outside the reply, as libsoup's own reader leaves one */
  {
    gsize length = buffer->len;
    g_autoptr(GBytes) whole = NULL;

    g_byte_array_append (buffer, (const guint8 *) "", 1);
    whole = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
    return g_bytes_new_from_bytes (whole, 0, length);
  }
}

static char *
size_words (gsize bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

static Attempt
attempt_once (GdCouch      *couch,
              SoupMessage  *message,
              const char   *method,
              const char   *path,
              gsize         cap,
              gboolean     *too_big,
              GBytes      **out_bytes,
              GCancellable *cancellable,
              GError      **network_error,
              GError      **error)
{
  Deadline *deadline = g_atomic_rc_box_new0 (Deadline);
  g_autoptr(GSource) timer = g_timeout_source_new_seconds (couch->deadline_s);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  gulong handler = 0;
  gboolean over = FALSE;
  gboolean expired;
  guint status;
  Attempt how = ATTEMPT_ANSWERED;

  deadline->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                     g_object_ref (deadline->cancellable), g_object_unref);
  g_source_set_callback (timer, deadline_expired_cb, g_atomic_rc_box_acquire (deadline),
                         (GDestroyNotify) deadline_unref);
  g_source_attach (timer, deadline_context ());

  stream = soup_session_send (couch->session, message, deadline->cancellable, &local_error);
  status = soup_message_get_status (message);
  if (stream != NULL && SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                           "Location");
      g_autofree char *target = gd_sync_escape_text (location ? location : "?", 200);
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: HTTP method, path, HTTP status, then the address it points to */
                   _("%s %s: the server answered %u, a redirect to %s; GridDesk does not follow "
                     "redirects (check the server address with county IT)"),
                   method, path, status, target);
      how = ATTEMPT_FINAL;
    }
  else if (stream != NULL)
    {
      *out_bytes = read_capped (stream, message, cap, deadline->cancellable, &over, &local_error);
      if (over)
        {
          g_autofree char *limit = size_words (cap);
          if (too_big != NULL)
            *too_big = TRUE;
          g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                       /* Translators: HTTP method, path, then a size such as "64.0 MiB" */
                       _("%s %s: the server's answer is larger than %s, more than GridDesk reads "
                         "at once (a server that does not stop, or one document that big)"),
                       method, path, limit);
          how = ATTEMPT_FINAL;
        }
    }
  g_source_destroy (timer);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  expired = g_atomic_int_get (&deadline->expired);
  deadline_unref (deadline);
  if (how == ATTEMPT_FINAL || *out_bytes != NULL)
    return how;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return ATTEMPT_FINAL;
    }
  if (expired)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: HTTP method, path, then seconds */
                   _("%s %s: no complete answer within %u s (the server is too slow or never "
                     "finishes its reply)"),
                   method, path, couch->deadline_s);
      return ATTEMPT_FINAL;
    }
  g_propagate_error (network_error, g_steal_pointer (&local_error));
  return ATTEMPT_NETWORK;
}

/* Sends with retries; returns the body (at most `cap` bytes), `*status` set. 4xx is returned,
 * not retried; redirects are never followed (a 3xx is an error naming its target). */
static GBytes *
send_with_retries (GdCouch      *couch,
                   const char   *method,
                   const char   *path,
                   GBytes       *body,
                   const char   *content_type,
                   gsize         cap,
                   gboolean     *too_big,
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
      if (attempt_once (couch, message, method, path, cap, too_big, &bytes, cancellable, &local_error,
                        error) == ATTEMPT_FINAL)
        return NULL;
      *status = soup_message_get_status (message);
      if (bytes != NULL && *status < 500)
        {
          if (out_content_type != NULL)
            *out_content_type = g_strdup (soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (message), NULL));
          return g_steal_pointer (&bytes);
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
  response = send_with_retries (couch, method, path, request, "application/json",
                                couch->max_reply, NULL, &status, NULL, cancellable, error);
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
  return gd_couch_request_capped (couch, method, path, body, content_type, couch->max_reply,
                                  NULL, cancellable, error);
}

GBytes *
gd_couch_request_capped (GdCouch      *couch,
                         const char   *method,
                         const char   *path,
                         GBytes       *body,
                         char        **content_type,
                         gsize         max_length,
                         gboolean     *too_big,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr(GBytes) response = NULL;
  guint status = 0;

  response = send_with_retries (couch, method, path, body,
                                content_type && *content_type ? *content_type : NULL, max_length, too_big, &status,
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
