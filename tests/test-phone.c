/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-phone"
#include "config.h"

#include "gd-phone.h"

typedef struct {
  const char *input;
  const char *expected; /* normalized form, or the reason */
} Case;

static void
assert_cases_ok (const Case *cases,
                 guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *reason = NULL;

      if (!gd_phone_check (cases[i].input, &normalized, &reason))
        g_error ("\"%s\" rejected: %s", cases[i].input, reason);
      g_assert_null (reason);
      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }
}

static void
assert_cases_rejected (const Case *cases,
                       guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *reason = NULL;

      if (gd_phone_check (cases[i].input, &normalized, &reason))
        g_error ("\"%s\" accepted as %s", cases[i].input, normalized);
      g_assert_null (normalized);
      if (g_strcmp0 (reason, cases[i].expected) != 0)
        g_error ("\"%s\": reason \"%s\", expected \"%s\"", cases[i].input, reason,
                 cases[i].expected);
    }
}

static void
test_mobile_valid (void)
{
  static const Case cases[] = {
    { "13812345678", "13812345678" },
    { "138 1234 5678", "13812345678" },
    { "138-1234-5678", "13812345678" },
    { "  13812345678 ", "13812345678" },
    { "+86 138 1234 5678", "13812345678" },
    { "+8613812345678", "13812345678" },
    { "+86-138-1234-5678", "13812345678" },
    { "8613812345678", "13812345678" },
    { "86 138 1234 5678", "13812345678" },
    { "0086 13812345678", "13812345678" },
    { "008613812345678", "13812345678" },
    { "13012345678", "13012345678" },
    { "14512345678", "14512345678" },
    { "15912345678", "15912345678" },
    { "16612345678", "16612345678" },
    { "17712345678", "17712345678" },
    { "18812345678", "18812345678" },
    { "19912345678", "19912345678" },
  };

  assert_cases_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_mobile_invalid (void)
{
  static const Case cases[] = {
    { "1381234567", "a mobile number has 11 digits, this has 10" },
    { "138 1234 567", "a mobile number has 11 digits, this has 10" },
    { "138123456789", "a mobile number has 11 digits, this has 12" },
    { "+86 1381234567", "a mobile number has 11 digits, this has 10" },
    { "13812345678-123", "a mobile number has 11 digits, this has 14" },
    { "12812345678", "a mobile number starts with 13 to 19, not 12" },
    { "11812345678", "a mobile number starts with 13 to 19, not 11" },
    { "13812345678转12", "only a landline can have an extension" },
    { "(138)12345678", "parentheses only go around the area code" },
    { "1", "a mobile number has 11 digits, this has 1" },
  };

  assert_cases_rejected (cases, G_N_ELEMENTS (cases));
}

static void
test_landline_valid (void)
{
  static const Case cases[] = {
    { "0515-88881234", "051588881234" },
    { "0515 8888 1234", "051588881234" },
    { "0515-8888-1234", "051588881234" },
    { "051588881234", "051588881234" },
    { "(0515)8888 1234", "051588881234" },
    { "(0515) 8888-1234", "051588881234" },
    { "0515-8888123", "05158888123" },
    { "010-66667777", "01066667777" },
    { "01066667777", "01066667777" },
    { "(010)6666 7777", "01066667777" },
    { "021 6666 7777", "02166667777" },
    { "+86 515 8888 1234", "051588881234" },
    { "+86 10 6666 7777", "01066667777" },
    { "+86 0515 8888 1234", "051588881234" },
    { "0086 515 88881234", "051588881234" },
  };

  assert_cases_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_landline_extension (void)
{
  static const Case cases[] = {
    { "0515-8888123-123", "05158888123-123" },
    { "0515-88881234-1", "051588881234-1" },
    { "0515 8888 1234-8001", "051588881234-8001" },
    { "(0515)88881234-123", "051588881234-123" },
    { "0515-88881234转123", "051588881234-123" },
    { "0515-88881234 转 123", "051588881234-123" },
    { "010-66667777转123456", "01066667777-123456" },
    /* The dash only makes an extension after a complete number. */
    { "0515-888-81234", "051588881234" },
  };

  assert_cases_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_landline_invalid (void)
{
  static const Case cases[] = {
    { "515-88881234", "area code must start with 0" },
    { "(515)8888 1234", "area code must start with 0" },
    { "051-88881234", "area code 051 should have 4 digits" },
    { "0101-6666777", "area code 0101 should have 3 digits" },
    { "(05)8888 1234", "area code 05 should have 4 digits" },
    { "0515-888812", "a local number has 7 or 8 digits, this has 6" },
    { "0515-888812345", "a local number has 7 or 8 digits, this has 9" },
    { "0515", "a local number has 7 or 8 digits, this has 0" },
    { "0515-08881234", "a local number cannot start with 0 or 1" },
    { "010-16667777", "a local number cannot start with 0 or 1" },
    { "0515-88881234转", "an extension has 1 to 6 digits" },
    { "0515-88881234转1234567", "an extension has 1 to 6 digits" },
    { "0515-88881234转12a", "an extension has 1 to 6 digits" },
    { "0515-88881234-1234567", "an extension has 1 to 6 digits" },
    { "88881234", "a landline needs its area code, starting with 0" },
    { "8888 123", "a landline needs its area code, starting with 0" },
    { "0515 (8888) 1234", "parentheses only go around the area code" },
    { "(0515 8888)1234", "parentheses only go around the area code" },
    { "(0515", "parentheses only go around the area code" },
    { "0515)88881234", "parentheses only go around the area code" },
    { "((0515))88881234", "parentheses only go around the area code" },
  };

  assert_cases_rejected (cases, G_N_ELEMENTS (cases));
}

static void
test_service_numbers (void)
{
  static const Case cases[] = {
    { "12345", "12345 is a service number, not a personal phone" },
    { "110", "110 is a service number, not a personal phone" },
    { "120", "120 is a service number, not a personal phone" },
    { "119", "119 is a service number, not a personal phone" },
    { "10086", "10086 is a service number, not a personal phone" },
    { "12315", "12315 is a service number, not a personal phone" },
    { "95588", "95588 is a service number, not a personal phone" },
    { "+86 12345", "12345 is a service number, not a personal phone" },
    { "400-888-8888", "400 and 800 numbers are company hotlines, not personal phones" },
    { "800 810 8888", "400 and 800 numbers are company hotlines, not personal phones" },
  };

  assert_cases_rejected (cases, G_N_ELEMENTS (cases));
}

static void
test_other_invalid (void)
{
  static const Case cases[] = {
    { "", "is empty" },
    { "   ", "is empty" },
    { "-", "has no digits" },
    { "+86", "has no digits" },
    { "abc", "only digits, spaces, dashes and parentheses allowed" },
    { "138.1234.5678", "only digits, spaces, dashes and parentheses allowed" },
    { "138１2345678", "only digits, spaces, dashes and parentheses allowed" },
    { "138+12345678", "only digits, spaces, dashes and parentheses allowed" },
    { "+1 415 555 1234", "only +86 numbers are accepted" },
    { "001 415 555 1234", "only +86 numbers are accepted" },
    { "5158888123", "is not a mobile (1 + 10 digits) or landline (0 + area code + number)" },
    { "1381234567813812345678138123456781381234567813812345678138123456781",
      "is too long for a phone number" },
  };
  g_autofree char *reason = NULL;

  assert_cases_rejected (cases, G_N_ELEMENTS (cases));
  g_assert_false (gd_phone_check (NULL, NULL, &reason));
  g_assert_cmpstr (reason, ==, "is empty");
}

static void
test_optional_outputs (void)
{
  char *normalized = (char *) "untouched";

  g_assert_true (gd_phone_check ("13812345678", NULL, NULL));
  g_assert_false (gd_phone_check ("12345", NULL, NULL));
  g_assert_false (gd_phone_check ("12345", &normalized, NULL));
  g_assert_cmpstr (normalized, ==, "untouched");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/phone/mobile/valid", test_mobile_valid);
  g_test_add_func ("/phone/mobile/invalid", test_mobile_invalid);
  g_test_add_func ("/phone/landline/valid", test_landline_valid);
  g_test_add_func ("/phone/landline/extension", test_landline_extension);
  g_test_add_func ("/phone/landline/invalid", test_landline_invalid);
  g_test_add_func ("/phone/service-numbers", test_service_numbers);
  g_test_add_func ("/phone/other-invalid", test_other_invalid);
  g_test_add_func ("/phone/optional-outputs", test_optional_outputs);

  return g_test_run ();
}
