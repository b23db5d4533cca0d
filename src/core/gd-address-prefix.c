/* gd-address-prefix.c: the part every address of a scope shares.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Addresses are written in full (江苏省盐城市亭湖区新兴镇幸福路22号…): in a list of one
 * village every row repeats the same four names. The common start of the smallest and the
 * largest address in text order is the common start of all of them; it is cut back to the
 * end of a division name so that a shared street name (幸福路2…) stays in the rows.
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

char *
gd_store_address_prefix (GdStore *store)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = gd_store_prepare (store,
                           "SELECT min(address), max(address) FROM households "
                           "WHERE address IS NOT NULL AND address != ''", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("");
  return gd_address_prefix_common ((const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1));
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
