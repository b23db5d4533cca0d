/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GdIssues: plain issues keep working; coded issues carry their code and arguments; the
 * household rules report "no members" and "not exactly one head" by code. */
#include "config.h"

#include "gd-codes.h"
#include "gd-issues.h"
#include "gd-test-fixtures.h"
#include "gd-validate.h"

static void
test_plain (void)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  const GdIssue *issue;

  gd_issues_error (issues, "members[0].name", "is required (%d)", 1);
  issue = gd_issues_get_item (issues, 0);
  g_assert_cmpstr (issue->path, ==, "members[0].name");
  g_assert_cmpstr (issue->message, ==, "is required (1)");
  g_assert_null (issue->code);
  g_assert_null (issue->args);
}

static void
test_coded (void)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autofree char *count = g_strdup ("3");
  const char *args[] = { count, NULL };
  const GdIssue *issue;

  gd_issues_add_code (issues, GD_ISSUE_WARNING, "members", GD_ISSUE_CODE_HEADS, args,
                      "has %s heads", count);
  g_clear_pointer (&count, g_free); /* the issue has its own copy */
  issue = gd_issues_get_item (issues, 0);
  g_assert_cmpint (issue->severity, ==, GD_ISSUE_WARNING);
  g_assert_cmpstr (issue->message, ==, "has 3 heads");
  g_assert_cmpstr (issue->code, ==, GD_ISSUE_CODE_HEADS);
  g_assert_cmpuint (g_strv_length (issue->args), ==, 1);
  g_assert_cmpstr (issue->args[0], ==, "3");
  g_assert_false (gd_issues_has_errors (issues));
}

/* The household's "members" issue, after setting every member's relation to `relation`
 * (NULL: no members at all). */
static const GdIssue *
members_issue (GdIssues *issues, const char *relation)
{
  g_autoptr(JsonObject) doc = fixture_household ("0001", 1);
  JsonArray *members = json_object_get_array_member (doc, "members");

  for (guint i = 0; relation != NULL && i < json_array_get_length (members); i++)
    json_object_set_string_member (json_array_get_object_element (members, i), "relation", relation);
  if (relation == NULL)
    json_object_set_array_member (doc, "members", json_array_new ());
  gd_validate_document (doc, NULL, issues);
  return gd_issues_find (issues, "members");
}

static void
test_household_heads (void)
{
  g_autoptr(GdIssues) none = gd_issues_new ();
  g_autoptr(GdIssues) two = gd_issues_new ();
  g_autoptr(GdIssues) empty = gd_issues_new ();
  g_autoptr(GdIssues) fine = gd_issues_new ();
  g_autoptr(JsonObject) doc = fixture_household ("0001", 1);
  const GdIssue *issue;

  issue = members_issue (none, "10");
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->code, ==, GD_ISSUE_CODE_HEADS);
  g_assert_cmpstr (issue->args[0], ==, "0");

  issue = members_issue (two, HEAD_RELATION);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->code, ==, GD_ISSUE_CODE_HEADS);
  g_assert_cmpstr (issue->args[0], ==, "2");

  issue = members_issue (empty, NULL);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->code, ==, GD_ISSUE_CODE_NO_MEMBERS);
  g_assert_null (issue->args);

  /* one head: no issue about the members */
  gd_validate_document (doc, NULL, fine);
  g_assert_null (gd_issues_find (fine, "members"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/issues/plain", test_plain);
  g_test_add_func ("/issues/coded", test_coded);
  g_test_add_func ("/issues/household-heads", test_household_heads);
  return g_test_run ();
}
