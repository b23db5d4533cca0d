/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-couch.h: a CouchDB HTTP client (libsoup 3, json-glib) for the sync engine.
 *
 * TLS verification stays on; an extra county CA may be trusted beside the system's.
 * Network errors and 5xx responses are retried with backoff, 4xx never. Credentials are
 * held in memory only and never logged. Blocking calls: run them off the main thread. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _GdCouch GdCouch;

/* `server` is checked with gd_couch_server_url() (https, or http to loopback only). */
GdCouch    *gd_couch_new          (const char *server, GError **error);
void        gd_couch_free         (GdCouch *couch);
const char *gd_couch_get_server   (GdCouch *couch);

/* Seconds without progress before a request fails (default 60). */
void        gd_couch_set_timeout  (GdCouch *couch, guint seconds);
/* Seconds a whole request may take, first byte sent to last byte read, however steadily
 * the server sends (default GD_COUCH_DEFAULT_DEADLINE); then it fails, never retried. */
#define GD_COUCH_DEFAULT_DEADLINE 600
void        gd_couch_set_deadline (GdCouch *couch, guint seconds);
/* The most bytes one reply may have (default GD_COUCH_DEFAULT_MAX_REPLY): a longer one fails
 * as it arrives, never retried (the sync then asks for smaller pages). A first sync page of
 * 2,500 households is about 2.5 MB; three pages are in flight, each also as a tree. */
#define GD_COUCH_DEFAULT_MAX_REPLY (16 * 1024 * 1024)
void        gd_couch_set_max_reply (GdCouch *couch, gsize bytes);
gsize       gd_couch_get_max_reply (GdCouch *couch);
/* Attempts for network errors and 5xx (default 5), the first backoff in ms (default 500,
 * doubling each time). */
void        gd_couch_set_retries  (GdCouch *couch, guint attempts, guint first_backoff_ms);
/* Also trusts certificates issued by the county CA in this PEM file. */
gboolean    gd_couch_set_ca_file  (GdCouch *couch, const char *path, GError **error);
/* JWT bearer token from the county identity provider. */
void        gd_couch_set_bearer   (GdCouch *couch, const char *token);
/* Cookie login: POST /_session; the session cookie is kept for later requests. */
gboolean    gd_couch_login        (GdCouch      *couch,
                                   const char   *user,
                                   const char   *password,
                                   GCancellable *cancellable,
                                   GError      **error);
/* Basic authentication for admin tasks (county provision). */
void        gd_couch_set_basic    (GdCouch *couch, const char *user, const char *password);

/* One request; `path` starts with "/" and is already escaped. `body` may be NULL.
 * With `out_status` NULL any non-2xx is an error (GD_ERROR_NETWORK with the server's reason);
 * with it, a 4xx response is returned (its JSON) with the status for the caller to judge. */
JsonNode   *gd_couch_request      (GdCouch      *couch,
                                   const char   *method,
                                   const char   *path,
                                   JsonNode     *body,
                                   guint        *out_status,
                                   GCancellable *cancellable,
                                   GError      **error);
/* Raw bytes (attachments). `content_type` is in for PUT, out for GET (may be NULL). */
GBytes     *gd_couch_request_bytes (GdCouch      *couch,
                                    const char   *method,
                                    const char   *path,
                                    GBytes       *body,
                                    char        **content_type,
                                    GCancellable *cancellable,
                                    GError      **error);

/* gd_couch_request_bytes() with its own cap on the reply (attachments: their upload limit);
 * `too_big` (optional) is set TRUE when the reply failed for being longer. */
GBytes     *gd_couch_request_capped (GdCouch      *couch,
                                     const char   *method,
                                     const char   *path,
                                     GBytes       *body,
                                     char        **content_type,
                                     gsize         max_length,
                                     gboolean     *too_big,
                                     GCancellable *cancellable,
                                     GError      **error);

/* "/<db>/<escaped id>" (design documents keep their slash). */
char       *gd_couch_doc_path     (const char *database, const char *doc_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdCouch, gd_couch_free)

G_END_DECLS
