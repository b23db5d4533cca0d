/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a server's _all_docs/_changes page through the rows parser, the splitter and the
 * scanner. They must agree on the number of rows, and nothing may crash. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <string.h>

#include "gd-couch-rows.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) parsed = gd_couch_rows_parse (text, size, NULL);
  g_autoptr(GPtrArray) split = gd_couch_rows_split (text, size, NULL);
  g_autofree char *last_key = NULL;
  guint n_rows = 0;
  gboolean scanned = gd_couch_rows_scan (text, size, &n_rows, &last_key, NULL);

  if (parsed != NULL && split != NULL)
    g_assert_cmpuint (parsed->len, ==, split->len);
  if (parsed != NULL && scanned)
    g_assert_cmpuint (parsed->len, ==, n_rows);
  for (guint i = 0; split != NULL && i < split->len; i++)
    {
      GdCouchRow *row = split->pdata[i];
      g_autoptr(JsonObject) doc = NULL;

      if (row->body != NULL)
        doc = gd_couch_doc_parse (row->body, strlen (row->body), NULL);
    }
  return 0;
}
