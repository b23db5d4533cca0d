/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-secret.h: county account passwords and tokens in the desktop secret store (libsecret),
 * keyed by server URL and account name. Nothing secret is written anywhere else. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The saved secret (free with gd_secret_free), or NULL: none saved (no error) or the secret
 * store could not be reached (error set). */
char    *gd_secret_lookup (const char *server, const char *user, GError **error);
gboolean gd_secret_store  (const char *server, const char *user, const char *secret, GError **error);
gboolean gd_secret_clear  (const char *server, const char *user, GError **error);
void     gd_secret_free   (char *secret);

G_END_DECLS
