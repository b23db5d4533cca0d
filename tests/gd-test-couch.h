/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-test-couch.h: the real CouchDB-protocol peer for the sync tests: pouchdb-server from
 * tests/sync/node_modules (pinned by tests/sync/package-lock.json, installed by `make deps`),
 * started on a free loopback port in a fresh temp dir, and a tiny fake server for statuses
 * a real server will not produce on demand. */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "gd-couch.h"
#include "gd-test-fixtures.h"

typedef struct {
  char        *dir;
  char        *data_dir;  /* NULL: --in-memory */
  guint16      port;
  char        *url;
  GSubprocess *process;
} TestCouch;

static inline guint16
test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static inline char *
test_couch_binary (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  char *path = g_build_filename (srcdir ? srcdir : ".", "sync", "node_modules", ".bin",
                                 "pouchdb-server", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: run `make deps` (npm ci in tests/sync)", path);
  return path;
}

/* Waits until the server answers GET /. */
static inline void
test_couch_wait (TestCouch *couch)
{
  g_autoptr(GdCouch) client = gd_couch_new (couch->url, NULL);

  gd_couch_set_retries (client, 1, 0);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonNode) reply = gd_couch_request (client, "GET", "/", NULL, NULL, NULL, NULL);
      if (reply != NULL)
        return;
      g_usleep (100 * 1000);
    }
  g_error ("pouchdb-server did not start on %s", couch->url);
}

/* A test that fails aborts before its teardown: the server goes with it. */
static inline void
test_couch_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static inline void
test_couch_launch (TestCouch *couch)
{
  g_autofree char *binary = test_couch_binary ();
  g_autofree char *port = g_strdup_printf ("%u", couch->port);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;

  /* it writes config.json and log.txt into its working directory */
  g_subprocess_launcher_set_cwd (launcher, couch->dir);
  g_subprocess_launcher_set_child_setup (launcher, test_couch_child_setup, NULL, NULL);
  if (couch->data_dir != NULL)
    couch->process = g_subprocess_launcher_spawn (launcher, &error, binary, "-p", port, "-o", "127.0.0.1",
                                                  "-d", couch->data_dir, NULL);
  else
    couch->process = g_subprocess_launcher_spawn (launcher, &error, binary, "-p", port, "-o", "127.0.0.1",
                                                  "--in-memory", NULL);
  g_assert_no_error (error);
  test_couch_wait (couch);
}

/* `persistent`: data on disk (LevelDOWN), so the server can be killed and restarted. */
static inline TestCouch *
test_couch_start (gboolean persistent)
{
  TestCouch *couch = g_new0 (TestCouch, 1);
  g_autoptr(GError) error = NULL;

  couch->dir = g_dir_make_tmp ("gd-couch-XXXXXX", &error);
  g_assert_no_error (error);
  if (persistent)
    couch->data_dir = g_build_filename (couch->dir, "data", NULL);
  couch->port = test_free_port ();
  couch->url = g_strdup_printf ("http://127.0.0.1:%u", couch->port);
  test_couch_launch (couch);
  return couch;
}

static inline void
test_couch_kill (TestCouch *couch)
{
  if (couch->process == NULL)
    return;
  g_subprocess_send_signal (couch->process, SIGKILL);
  g_subprocess_wait (couch->process, NULL, NULL);
  g_clear_object (&couch->process);
}

static inline void
test_couch_restart (TestCouch *couch)
{
  test_couch_kill (couch);
  test_couch_launch (couch);
}

static inline void
test_couch_stop (TestCouch *couch)
{
  test_couch_kill (couch);
  remove_tree (couch->dir);
  g_free (couch->dir);
  g_free (couch->data_dir);
  g_free (couch->url);
  g_free (couch);
}

/* An admin-party client (pouchdb-server starts without admins). */
static inline GdCouch *
test_couch_client (TestCouch *couch)
{
  g_autoptr(GError) error = NULL;
  GdCouch *client = gd_couch_new (couch->url, &error);

  g_assert_no_error (error);
  gd_couch_set_retries (client, 1, 0);
  return client;
}

static inline JsonNode *
test_couch_json (TestCouch  *couch,
                 const char *method,
                 const char *path,
                 const char *body)
{
  g_autoptr(GdCouch) client = test_couch_client (couch);
  g_autoptr(JsonNode) request = body ? json_from_string (body, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *reply = gd_couch_request (client, method, path, request, NULL, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static inline void
test_couch_user (TestCouch  *couch,
                 const char *name,
                 const char *password,
                 const char *roles_json)
{
  g_autofree char *path = g_strdup_printf ("/_users/org.couchdb.user:%s", name);
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"password\":\"%s\",\"roles\":%s,\"type\":\"user\"}",
                                           name, password, roles_json);
  g_autoptr(JsonNode) reply = test_couch_json (couch, "PUT", path, body);
}

/* Runs `command` (openssl, making a test PKI) in `dir`; it must succeed. */
static inline void
test_openssl (const char *dir,
              const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd %s && %s' ", dir, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (line, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A county PKI in `dir` (made): ca.pem, a server certificate for 127.0.0.1 issued by it
 * (server.pem, server.key), and other.pem, a CA that issued nothing here. */
static inline void
test_make_county_pki (const char *dir)
{
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  test_openssl (dir, "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
                     "-subj /CN=County-CA 2>/dev/null && "
                     "openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 "
                     "-subj /CN=Other-CA 2>/dev/null && "
                     "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
                     "-subj /CN=127.0.0.1 2>/dev/null && "
                     "printf \"subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n\" > ext.cnf && "
                     "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
                     "-out server.pem -days 2 -extfile ext.cnf 2>/dev/null");
}

/* ---- a fake server: one canned answer per request, counting requests ---- */

typedef struct {
  GThreadedSocketService *service;
  guint16                 port;
  char                   *url;
  volatile gint           requests;
  /* answer for every request: status line, content type, body; stall: never answer */
  guint                   status;
  const char             *body;
  gboolean                stall;
  /* optional: decides the body by the request line (path); returns NULL to use `body` */
  const char           *(*route) (const char *request_line, gpointer data);
  gpointer                route_data;
  GMutex                  lock;
  GCond                   ready;
  GPtrArray              *lines;  /* request lines seen */
  char                   *authorization; /* the last Authorization header */
  GTlsCertificate        *certificate;   /* set: speak TLS with this certificate */
  GMainContext           *context;
  GMainLoop              *loop;
  GThread                *thread;
} FakeServer;

static inline gboolean
fake_run_cb (GThreadedSocketService *service,
             GSocketConnection      *connection,
             GObject                *source,
             gpointer                user_data)
{
  FakeServer *fake = user_data;
  GIOStream *stream = G_IO_STREAM (connection);
  g_autoptr(GIOStream) tls = NULL;
  GInputStream *in;
  GOutputStream *out;
  g_autoptr(GDataInputStream) data = NULL;

  if (fake->certificate != NULL)
    {
      /* a client that does not trust the certificate ends the handshake */
      tls = g_tls_server_connection_new (stream, fake->certificate, NULL);
      if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
        return TRUE;
      stream = tls;
    }
  in = g_io_stream_get_input_stream (stream);
  out = g_io_stream_get_output_stream (stream);
  data = g_data_input_stream_new (in);

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  for (;;)
    {
      g_autofree char *request_line = g_data_input_stream_read_line (data, NULL, NULL, NULL);
      gsize content_length = 0;
      const char *body = fake->body;
      g_autofree char *response = NULL;

      if (request_line == NULL)
        return TRUE;
      g_strchomp (request_line);
      for (;;)
        {
          g_autofree char *header = g_data_input_stream_read_line (data, NULL, NULL, NULL);
          if (header == NULL)
            return TRUE;
          g_strchomp (header);
          if (*header == '\0')
            break;
          if (g_ascii_strncasecmp (header, "Content-Length:", 15) == 0)
            content_length = (gsize) g_ascii_strtoull (header + 15, NULL, 10);
          if (g_ascii_strncasecmp (header, "Authorization:", 14) == 0)
            {
              g_mutex_lock (&fake->lock);
              g_free (fake->authorization);
              fake->authorization = g_strdup (g_strchug (header + 14));
              g_mutex_unlock (&fake->lock);
            }
        }
      if (content_length > 0)
        {
          g_autofree char *skip = g_malloc (content_length);
          g_input_stream_read_all (G_INPUT_STREAM (data), skip, content_length, NULL, NULL, NULL);
        }
      g_atomic_int_inc (&fake->requests);
      g_mutex_lock (&fake->lock);
      g_ptr_array_add (fake->lines, g_strdup (request_line));
      g_mutex_unlock (&fake->lock);
      if (fake->stall)
        {
          g_usleep (G_USEC_PER_SEC * 10);
          return TRUE;
        }
      if (fake->route != NULL && fake->route (request_line, fake->route_data) != NULL)
        body = fake->route (request_line, fake->route_data);
      response = g_strdup_printf ("HTTP/1.1 %u Fake\r\nContent-Type: application/json\r\n"
                                  "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                                  fake->status, strlen (body), body);
      if (!g_output_stream_write_all (out, response, strlen (response), NULL, NULL, NULL))
        return TRUE;
    }
}

/* The service accepts in its own thread and main context: the test's thread is busy in
 * blocking sync calls. */
static inline gpointer
fake_server_thread (gpointer data)
{
  FakeServer *fake = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (fake->context);
  fake->service = G_THREADED_SOCKET_SERVICE (g_threaded_socket_service_new (4));
  g_socket_listener_add_address (G_SOCKET_LISTENER (fake->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (fake->service, "run", G_CALLBACK (fake_run_cb), fake);
  g_socket_service_start (G_SOCKET_SERVICE (fake->service));
  g_mutex_lock (&fake->lock);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_cond_signal (&fake->ready);
  g_mutex_unlock (&fake->lock);
  g_main_loop_run (fake->loop);
  g_socket_service_stop (G_SOCKET_SERVICE (fake->service));
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static inline FakeServer *
fake_server_start (guint status,
                   const char *body)
{
  FakeServer *fake = g_new0 (FakeServer, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->ready);
  fake->lines = g_ptr_array_new_with_free_func (g_free);
  fake->status = status;
  fake->body = body;
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  g_mutex_lock (&fake->lock);
  fake->thread = g_thread_new ("fake-server", fake_server_thread, fake);
  while (fake->port == 0)
    g_cond_wait (&fake->ready, &fake->lock);
  g_mutex_unlock (&fake->lock);
  fake->url = g_strdup_printf ("http://127.0.0.1:%u", fake->port);
  return fake;
}

static inline void
fake_server_stop (FakeServer *fake)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (fake->thread);
  /* handler threads of a stalled answer may still run: the struct is leaked on purpose */
  fake->stall = FALSE;
}
