/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: three documents (base, mine, theirs: the input split at two NUL bytes) merged
 * field by field as sync does. Nothing may crash; merging a document with itself changes
 * nothing and finds no conflict. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <string.h>

#include "gd-json.h"
#include "gd-merge.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  const char *first = memchr (text, '\0', size);
  const char *second = first ? memchr (first + 1, '\0', size - (first + 1 - text)) : NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) same = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_merge_conflict_free);

  if (second == NULL)
    return 0;
  base = gd_json_parse_object (text, first - text, NULL);
  mine = gd_json_parse_object (first + 1, second - first - 1, NULL);
  theirs = gd_json_parse_object (second + 1, size - (second + 1 - text), NULL);
  if (mine == NULL || theirs == NULL)
    return 0;
  merged = gd_merge_documents (base, mine, theirs, conflicts);
  g_assert_nonnull (merged);

  g_ptr_array_set_size (conflicts, 0);
  same = gd_merge_documents (mine, mine, mine, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_true (gd_merge_same_content (same, mine));
  return 0;
}
