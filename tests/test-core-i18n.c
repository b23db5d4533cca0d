/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core's messages come out in Chinese under zh_CN, while paths and codes stay as they are.
 * Reads the catalogue meson builds under <build>/po (GRIDDESK_LOCALEDIR). */
#define G_LOG_DOMAIN "gd-test-core-i18n"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "gd-error.h"
#include "gd-idcard.h"
#include "gd-test-fixtures.h"

/* 320902198503120016 with its last digit changed: the check character should be 6. */
#define BAD_CHECK_ID "320902198503120011"

static void
test_idcard_reason (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_MARCH, 2026);
  g_autofree char *first17 = g_strndup (BAD_CHECK_ID, 17);
  g_autofree char *expected = g_strdup_printf ("校验码应为 %c", gd_idcard_check_char (first17));
  g_autofree char *reason = NULL;

  g_assert_false (gd_idcard_parse (BAD_CHECK_ID, today, NULL, &reason));
  g_assert_cmpstr (reason, ==, expected);
}

static void
test_household_finding (StoreFixture *fixture,
                        gconstpointer data)
{
  g_autoptr(JsonObject) doc = fixture_household ("001", 1);
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  JsonObject *head = json_array_get_object_element (json_object_get_array_member (doc, "members"), 0);
  const GdIssue *issue;

  json_object_set_string_member (head, "id_number", BAD_CHECK_ID);
  id = gd_store_put (fixture->store, doc, "tester", issues, &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);

  /* the path is a JSON path: never translated */
  issue = gd_issues_find (issues, "members[0].id_number");
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->severity, ==, GD_ISSUE_ERROR);
  g_assert_nonnull (strstr (issue->message, "校验码"));
  g_assert_null (strstr (issue->message, "check digit"));

  text = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  g_assert_true (g_str_has_prefix (text, "members[0].id_number: 校验码应为 "));
  g_assert_nonnull (strstr (error->message, "members[0].id_number: 校验码"));
}

/* A store refusal, and a field name that stays in front of its translated message. */
static void
test_store_refusals (StoreFixture *fixture,
                     gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.sqlite", NULL);
  g_autoptr(GdStore) empty = NULL;
  g_autoptr(JsonObject) doc = fixture_household ("002", 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  empty = gd_store_open (path, &error);
  g_assert_no_error (error);
  id = gd_store_put (empty, doc, "tester", NULL, &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "init"));
  g_assert_null (strstr (error->message, "no village yet"));
  g_clear_error (&error);

  g_assert_false (gd_store_init_scope (empty, FIXTURE_VILLAGE, "", "tester", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "name: 不能为空");
}

/* A limit and a JSON fault in Chinese, the path and the numbers as they are. */
static void
test_limits_and_json (StoreFixture *fixture,
                      gconstpointer data)
{
  g_autoptr(JsonObject) doc = fixture_household ("003", 3);
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *id = NULL;
  JsonObject *head = json_array_get_object_element (json_object_get_array_member (doc, "members"), 0);

  for (guint i = 0; i < 21000; i++)
    g_string_append_c (name, 'a');
  json_object_set_string_member (head, "name", name->str);
  id = gd_store_put (fixture->store, doc, "tester", issues, &error);
  g_assert_null (id);
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "members[0].name: 最多 64 个字符（实际 21,000 个）");
  g_clear_error (&error);

  g_assert_null (gd_json_parse_object ("{", -1, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "JSON 文本不完整，提前结束（第 1 行第 2 列）"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GRIDDESK_LOCALEDIR");

  /* LANGUAGE picks the catalogue; glibc ignores it only in the plain C locale. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "") == NULL || g_str_equal (setlocale (LC_ALL, NULL), "C"))
    setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (localedir == NULL || *localedir == '\0')
    {
      g_printerr ("GRIDDESK_LOCALEDIR must name the build's po directory\n");
      return 1;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/core-i18n/idcard-reason", test_idcard_reason);
  g_test_add ("/core-i18n/household-finding", StoreFixture, NULL,
              store_fixture_setup, test_household_finding, store_fixture_teardown);
  g_test_add ("/core-i18n/store-refusals", StoreFixture, NULL,
              store_fixture_setup, test_store_refusals, store_fixture_teardown);
  g_test_add ("/core-i18n/limits-and-json", StoreFixture, NULL,
              store_fixture_setup, test_limits_and_json, store_fixture_teardown);
  return g_test_run ();
}
