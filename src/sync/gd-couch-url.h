/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-couch-url.h: county platform addresses (SYNC.md): one database per village,
 * "griddesk-<12-digit village code>", on a server reached over TLS. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "griddesk-320902101001"; NULL if `village` is not a 12-digit code. */
char    *gd_couch_database_name (const char *village);

/* Checks a server address before any credential goes near it: https, or plain http only to
 * a loopback host (the test server); no user or password inside the URL (they belong in the
 * secret store); no query or fragment. On success returns the URL without a trailing slash. */
char    *gd_couch_server_url    (const char *url, GError **error);

/* Whether a checked server URL (gd_couch_server_url) names this computer. */
gboolean gd_couch_server_is_loopback (const char *url);

/* "<server>/<database>/<escaped doc id>"; the id's ':' and '/' escaped for a path segment. */
char    *gd_couch_document_url  (const char *server, const char *database, const char *doc_id);

G_END_DECLS
