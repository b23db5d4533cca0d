/* gd-address-prefix.c: the part every address of a scope shares.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Addresses are written in full (江苏省盐城市亭湖区新兴镇幸福路22号…): in a list of one
 * village every row repeats the same four names. The common start of the first and the last
 * household's address (by grid: the scope's two ends) is taken for all of them, and cut back
 * to the end of a division name so that a shared street name (幸福路2…) stays in the rows;
 * an address that does not start with it is shown in full.
 */

#define G_LOG_DOMAIN "gd-address-prefix"

#include "config.h"

#include <string.h>

#include "gd-address-prefix.h"
#include "gd-store-private.h"

/* the last characters of division names, from province down to town */
static const char * const division_ends[] = {
  "省", "市", "区", "县", "旗", "镇", "乡", "街道", "自治州", "盟",
};

static gboolean
ends_division (const char *text,
               gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (division_ends); i++)
    {
      gsize n = strlen (division_ends[i]);

      if (length >= n && memcmp (text + length - n, division_ends[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
gd_address_prefix_common (const char *a,
                          const char *b)
{
  const char *p = a, *q = b;
  gsize best = 0;

  if (a == NULL || b == NULL)
    return g_strdup ("");

  /* whole characters only */
  while (*p != '\0' && *q != '\0')
    {
      const char *next_p = g_utf8_next_char (p);
      gsize n = next_p - p;

      if ((gsize) (g_utf8_next_char (q) - q) != n || memcmp (p, q, n) != 0)
        break;
      p = next_p;
      q += n;
      if (ends_division (a, p - a))
        best = p - a;
    }
  return g_strndup (a, best);
}

/* The address of the household first (or last) by grid and number: two steps down the
 * households_by_grid index, where min(address) would read the whole table (2 s on a town
 * with a cold cache, on the window's thread). */
static char *
edge_address (GdStore    *store,
              const char *sql)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return gd_store_column_dup (stmt, 0);
}

char *
gd_store_address_prefix (GdStore *store)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  first = edge_address (store, "SELECT address FROM households ORDER BY grid, number LIMIT 1");
  last = edge_address (store, "SELECT address FROM households ORDER BY grid DESC, number DESC LIMIT 1");
  return gd_address_prefix_common (first, last);
}

const char *
gd_address_prefix_strip (const char *address,
                         const char *prefix)
{
  gsize n;

  if (address == NULL || prefix == NULL || *prefix == '\0')
    return address;
  n = strlen (prefix);
  if (strncmp (address, prefix, n) == 0 && address[n] != '\0')
    return address + n;
  return address;
}
