/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a document's text through the JSON reader and the whole validation, as `put`
 * and a pull read it. Nothing may crash, leak or recurse without bound. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include "gd-issues.h"
#include "gd-json.h"
#include "gd-validate.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(JsonObject) doc = gd_json_parse_object ((const char *) data, (gssize) size, NULL);
  g_autoptr(GdIssues) issues = gd_issues_new ();
  GdValidateContext ctx = { 0 };

  if (doc == NULL)
    return 0;
  gd_validate_document (doc, &ctx, issues);
  g_free (gd_issues_to_string (issues, GD_ISSUE_ERROR));
  g_free (gd_json_to_string (doc, FALSE));
  return 0;
}
