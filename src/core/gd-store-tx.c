/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store"
#include "config.h"

#include "gd-store-private.h"

/* Several writes as one: a transaction of our own, or a savepoint inside the caller's
 * batch (gd_store_begin), so a refusal undoes only what this call did. */

gboolean
gd_store_group_begin (GdStore    *store,
                      const char *name,
                      gboolean   *own,
                      GError    **error)
{
  g_autofree char *sql = NULL;

  *own = sqlite3_get_autocommit (gd_store_get_db (store));
  if (*own)
    return gd_store_exec (store, "BEGIN IMMEDIATE", error);
  sql = g_strdup_printf ("SAVEPOINT %s", name);
  return gd_store_exec (store, sql, error);
}

gboolean
gd_store_group_end (GdStore    *store,
                    const char *name,
                    gboolean    own,
                    gboolean    ok,
                    GError    **error)
{
  g_autofree char *release = g_strdup_printf ("RELEASE %s", name);
  g_autofree char *rollback = g_strdup_printf ("ROLLBACK TO %s", name);

  if (ok && gd_store_exec (store, own ? "COMMIT" : release, error))
    return TRUE;
  if (own)
    gd_store_exec (store, "ROLLBACK", NULL);
  else if (gd_store_exec (store, rollback, NULL))
    gd_store_exec (store, release, NULL);
  return FALSE;
}
