/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-credit-code"
#include "config.h"

#include <string.h>

#include "gd-codes.h"
#include "gd-credit-code.h"

/* Codes computed outside this code (a separate script of the two GB formulas); the first is the
 * sample printed with GB 32100-2015. One per category of every registration authority. */
static const char *const valid_codes[] = {
  "91350100M000100Y43",
  "113209020141044256", "123209024660057198", "13100000500001122A", "19320900MB1C3D2E2D",
  "21110000MA0AB12360", "29110000710934123T",
  "31320902MD0123KL7Q", "32320902466123459W", "33320902MD0247PQ2W", "343209003143210939",
  "35320900MB0877RT40", "39320902MD1111UW13",
  "41110000MA00XY122X", "49110000MA01HJ344P",
  "5132090250987654XG", "52320902MJ8765NP8K", "53320000500123453K", "59320902MJ0000QR6Y",
  "61110000MA0PQR566K", "62110000MA0TUW784C", "69110000MA0XY9007M",
  "71320902MC1234AB94", "72320000MC0987CD88", "79320902MC0555EF1M",
  "81320902MC2468GH7L", "89320902MC1357JKXM",
  "91320902MA1MXK2L8D", "92320902MA1NPQ3R7A", "93320902MA1TUW4X1L",
  "A1100000MA0001Y57Q", "A9100000MA0002X610",
  "N1320902MF1234L779", "N2320902MF5678M85M", "N3320902MF9012N92F", "N9320902MF3456P07R",
  "Y1320902MH7890Q15M",
  "91320902100000040T", /* organisation code check 11 -> 0 */
};

static void
assert_reason (const char *code,
               const char *scope,
               const char *expected)
{
  g_autofree char *reason = NULL;
  GdCreditCode parsed;

  g_test_message ("%s", code);
  g_assert_false (gd_credit_code_parse (code, scope, &parsed, &reason));
  g_assert_cmpstr (reason, ==, expected);
}

static void
test_check_chars (void)
{
  g_assert_cmpint (gd_credit_code_check_char ("91350100M000100Y4"), ==, '3');
  g_assert_cmpint (gd_credit_code_check_char ("A9100000MA0002X61"), ==, '0'); /* 31 -> 0 */
  g_assert_cmpint (gd_credit_code_check_char ("5132090250987654X"), ==, 'G');
  g_assert_cmpint (gd_credit_code_check_char ("91350100M000100I4"), ==, '\0');
  g_assert_cmpint (gd_credit_code_org_check_char ("M000100Y"), ==, '4');
  g_assert_cmpint (gd_credit_code_org_check_char ("50987654"), ==, 'X'); /* 10 -> X */
  g_assert_cmpint (gd_credit_code_org_check_char ("10000004"), ==, '0'); /* 11 -> 0 */
  g_assert_cmpint (gd_credit_code_org_check_char ("1000000a"), ==, '\0');
}

/* Every category of the registrars' list has a valid code here, and each parses. */
static void
test_valid_each_category (void)
{
  GdCodeTable *table = gd_codes_get ("credit-code-registrars");
  guint n_categories = 0;

  g_assert_nonnull (table);
  for (guint i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      g_autofree char *reason = NULL;
      GdCreditCode parsed;

      if (!gd_credit_code_parse (valid_codes[i], NULL, &parsed, &reason))
        g_error ("%s rejected: %s", valid_codes[i], reason);
      g_assert_null (reason);
      g_assert_cmpint (parsed.authority[0], ==, valid_codes[i][0]);
      g_assert_cmpint (strncmp (parsed.category, valid_codes[i], 2), ==, 0);
      g_assert_cmpint (strncmp (parsed.division, valid_codes[i] + 2, 6), ==, 0);
      g_assert_cmpint (strncmp (parsed.org_code, valid_codes[i] + 8, 9), ==, 0);
      g_assert_true (gd_credit_code_looks_like (valid_codes[i]));
    }
  for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);
      gboolean covered = FALSE;

      if (item->parent == NULL)
        continue;
      n_categories++;
      for (guint j = 0; j < G_N_ELEMENTS (valid_codes); j++)
        covered |= strncmp (valid_codes[j], item->code, 2) == 0;
      if (!covered)
        g_error ("no valid code of category %s", item->code);
    }
  g_assert_cmpuint (n_categories, ==, 36);
}

static void
test_scope (void)
{
  /* the county itself, its city, its province and a national registration all lie above a
   * village of county 320902 */
  const char *village = "320902101001";

  g_assert_true (gd_credit_code_parse ("91320902MA1MXK2L8D", village, NULL, NULL));
  g_assert_true (gd_credit_code_parse ("19320900MB1C3D2E2D", village, NULL, NULL));
  g_assert_true (gd_credit_code_parse ("53320000500123453K", village, NULL, NULL));
  g_assert_true (gd_credit_code_parse ("A1100000MA0001Y57Q", village, NULL, NULL));
  g_assert_true (gd_credit_code_parse ("91320902MA1MXK2L8D", "320902", NULL, NULL));
  assert_reason ("91350100M000100Y43", village, "division code 350100 is neither in nor above "
                                                "320902101001");
  assert_reason ("21110000MA0AB12360", "320902101", "division code 110000 is neither in nor "
                                                    "above 320902101");
}

static void
test_each_failure (void)
{
  assert_reason ("", NULL, "is empty");
  assert_reason (NULL, NULL, "is empty");
  assert_reason ("91350100M000100Y4", NULL, "must have 18 characters, has 17");
  assert_reason ("91350100M000100Y433", NULL, "must have 18 characters, has 19");
  assert_reason ("91350100M000100Y4单", NULL, "only digits and upper-case letters allowed");
  assert_reason ("91350100m000100Y43", NULL, "character 9 'm' must be an upper-case letter");
  for (const char *c = "IOSVZ"; *c != '\0'; c++)
    {
      g_autofree char *code = g_strdup ("91350100M000100Y43");
      g_autofree char *expected = g_strdup_printf ("character 9 '%c' is not allowed "
                                                   "(no I, O, S, V or Z)", *c);
      code[8] = *c;
      assert_reason (code, NULL, expected);
    }
  assert_reason ("91350100M000100-43", NULL, "character 16 is not a digit or a letter");
  assert_reason ("B1350100M000100Y43", NULL, "registration authority code 'B' does not exist");
  assert_reason ("94350100M000100Y43", NULL,
                 "category code '4' does not exist under registration authority '9' (工商)");
  assert_reason ("54350100M000100Y43", NULL,
                 "category code '4' does not exist under registration authority '5' (民政)");
  assert_reason ("Y2350100M000100Y43", NULL,
                 "category code '2' does not exist under registration authority 'Y' (其他)");
  assert_reason ("913501A0M000100Y43", NULL, "division code 3501A0 must have 6 digits");
  assert_reason ("91990100M000100Y43", NULL, "division code 990100 is not in a province");
  assert_reason ("91350100M000100Y53", NULL, "organisation code check character should be 4");
  assert_reason ("91350100M000100Y44", NULL, "check character should be 3");
  /* one character changed in the organisation code breaks its own check first */
  assert_reason ("91350100M000200Y43", NULL, "organisation code check character should be X");
}

static void
test_looks_like (void)
{
  g_assert_false (gd_credit_code_looks_like ("11010519491231002X")); /* a citizen ID */
  g_assert_false (gd_credit_code_looks_like ("110105194912310021")); /* a bad citizen ID */
  g_assert_false (gd_credit_code_looks_like ("110105491231002")); /* 15 digits */
  g_assert_true (gd_credit_code_looks_like ("91350100M000100Y44")); /* a bad credit code */
  g_assert_true (gd_credit_code_looks_like ("123209024660057198")); /* all digits, valid */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/credit-code/check-chars", test_check_chars);
  g_test_add_func ("/credit-code/valid-each-category", test_valid_each_category);
  g_test_add_func ("/credit-code/scope", test_scope);
  g_test_add_func ("/credit-code/each-failure", test_each_failure);
  g_test_add_func ("/credit-code/looks-like", test_looks_like);
  return g_test_run ();
}
