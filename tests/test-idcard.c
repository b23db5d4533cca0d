/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-idcard"
#include "config.h"

#include "gd-idcard.h"

#include <string.h>

/* Every test that depends on the date pins it, so the suite passes in any year. */
static GDate *
fixed_today (void)
{
  return g_date_new_dmy (15, G_DATE_MARCH, 2026);
}

/* An 18-digit number from region, YYYYMMDD and sequence, with its correct check char. */
static char *
make_id (const char *region,
         const char *date,
         const char *sequence)
{
  g_autofree char *first17 = g_strconcat (region, date, sequence, NULL);

  g_assert_cmpuint (strlen (first17), ==, 17);
  return g_strdup_printf ("%s%c", first17, gd_idcard_check_char (first17));
}

static void
assert_valid (const char *number,
              GdIdCard   *card)
{
  g_autoptr(GDate) today = fixed_today ();
  g_autofree char *reason = NULL;

  if (!gd_idcard_parse (number, today, card, &reason))
    g_error ("%s rejected: %s", number, reason);
  g_assert_null (reason);
}

static void
assert_reason (const char *number,
               const char *expected)
{
  g_autoptr(GDate) today = fixed_today ();
  g_autofree char *reason = NULL;
  GdIdCard card;

  g_assert_false (gd_idcard_parse (number, today, &card, &reason));
  g_assert_cmpstr (reason, ==, expected);
}

static void
test_check_char (void)
{
  /* Computed independently of this code; they cover X, 0 and several digits. */
  g_assert_cmpint (gd_idcard_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (gd_idcard_check_char ("44052418800101001"), ==, '4');
  g_assert_cmpint (gd_idcard_check_char ("32090219900307123"), ==, '2');
  g_assert_cmpint (gd_idcard_check_char ("32090220000229004"), ==, '1');
  g_assert_cmpint (gd_idcard_check_char ("11010119800101001"), ==, '0');
  g_assert_cmpint (gd_idcard_check_char ("32090219850615567"), ==, '9');
  /* Only the first 17 characters count. */
  g_assert_cmpint (gd_idcard_check_char ("11010519491231002X"), ==, 'X');
}

static void
test_valid_literals (void)
{
  GdIdCard card;

  assert_valid ("11010519491231002X", &card);
  g_assert_false (card.legacy);
  g_assert_cmpstr (card.normalized, ==, "11010519491231002X");
  g_assert_cmpstr (card.region, ==, "110105");
  g_assert_cmpstr (card.birth_date, ==, "1949-12-31");
  g_assert_cmpint (card.sex, ==, GD_SEX_FEMALE);

  assert_valid ("320902199003071232", &card);
  g_assert_cmpstr (card.region, ==, "320902");
  g_assert_cmpstr (card.birth_date, ==, "1990-03-07");
  g_assert_cmpint (card.sex, ==, GD_SEX_MALE);

  assert_valid ("110101198001010010", &card);
  g_assert_cmpstr (card.birth_date, ==, "1980-01-01");
  g_assert_cmpint (card.sex, ==, GD_SEX_MALE);

  assert_valid ("320902198506155679", &card);
  g_assert_cmpint (card.sex, ==, GD_SEX_MALE);

  assert_valid ("620102197001011234", &card);
  g_assert_cmpint (card.sex, ==, GD_SEX_MALE);
}

static void
test_standard_example_before_1900 (void)
{
  /* The GB 11643 example: its check digit is right, but nobody alive was born in 1880. */
  g_assert_cmpint (gd_idcard_check_char ("44052418800101001"), ==, '4');
  assert_reason ("440524188001010014", "birth date 1880-01-01 is before 1900-01-01");
  assert_reason ("110105189912310015", "birth date 1899-12-31 is before 1900-01-01");

  {
    g_autofree char *first_day = make_id ("110105", "19000101", "001");
    GdIdCard card;

    assert_valid (first_day, &card);
    g_assert_cmpstr (card.birth_date, ==, "1900-01-01");
  }
}

static void
test_lower_case_x (void)
{
  GdIdCard card;

  assert_valid ("11010519491231002x", &card);
  g_assert_cmpstr (card.normalized, ==, "11010519491231002X");

  /* x is only a check char: anywhere else it is a letter. */
  assert_reason ("1101051949123100x2", "only digits allowed, with X as the last character");
  assert_reason ("X10105194912310021", "only digits allowed, with X as the last character");
}

/* A legacy 15-digit number and its 18-digit form: "19" inserted, the check char computed. */
static void
test_legacy_forms (void)
{
  GdIdCard card;
  char full[19];
  char old[16];

  gd_idcard_upgrade ("110105491231002", full);
  g_assert_cmpstr (full, ==, "11010519491231002X");
  g_assert_true (gd_idcard_legacy_form ("11010519491231002X", old));
  g_assert_cmpstr (old, ==, "110105491231002");
  g_assert_true (gd_idcard_legacy_form ("11010519491231002x", old));
  g_assert_cmpstr (old, ==, "110105491231002");
  /* born in 2001: it never had a 15-digit form */
  g_assert_false (gd_idcard_legacy_form ("110105200112310028", old));
  g_assert_false (gd_idcard_legacy_form ("110105491231002", old));

  assert_valid ("110105491231002", &card);
  g_assert_true (card.legacy);
  g_assert_cmpstr (card.normalized, ==, "110105491231002");
  g_assert_cmpstr (card.canonical, ==, "11010519491231002X");
  assert_valid ("11010519491231002x", &card);
  g_assert_cmpstr (card.canonical, ==, "11010519491231002X");
}

static void
test_wrong_check_digit (void)
{
  assert_reason ("110105194912310021", "check digit should be X");
  assert_reason ("320902199003071233", "check digit should be 2");
  assert_reason ("32090219900307123X", "check digit should be 2");
  assert_reason ("320902198506155670", "check digit should be 9");
  assert_reason ("44052419800101001x", "check digit should be 3");

  /* A single changed digit in the body is caught by the check char. */
  assert_reason ("11010519491231003X", "check digit should be 8");
}

static void
test_leap_days (void)
{
  g_autofree char *y2000 = make_id ("320902", "20000229", "004");
  g_autofree char *y2004 = make_id ("320902", "20040229", "005");
  g_autofree char *y2023 = make_id ("320902", "20230229", "005");
  g_autofree char *y1900 = make_id ("320902", "19000229", "005");
  g_autofree char *y2100 = make_id ("320902", "21000229", "005");
  GdIdCard card;

  g_assert_cmpstr (y2000, ==, "320902200002290041");
  assert_valid (y2000, &card);
  g_assert_cmpstr (card.birth_date, ==, "2000-02-29");
  g_assert_cmpint (card.sex, ==, GD_SEX_FEMALE);
  assert_valid (y2004, &card);
  g_assert_cmpstr (card.birth_date, ==, "2004-02-29");

  assert_reason (y2023, "birth date 2023-02-29 is not a real date");
  assert_reason (y1900, "birth date 1900-02-29 is not a real date");
  /* 2100 is no leap year either, and that is found before the future. */
  assert_reason (y2100, "birth date 2100-02-29 is not a real date");
}

static void
test_impossible_dates (void)
{
  static const struct {
    const char *date;
    const char *reason;
  } cases[] = {
    { "19900230", "birth date 1990-02-30 is not a real date" },
    { "19900431", "birth date 1990-04-31 is not a real date" },
    { "19901301", "birth date 1990-13-01 is not a real date" },
    { "19900001", "birth date 1990-00-01 is not a real date" },
    { "19900100", "birth date 1990-01-00 is not a real date" },
    { "19901232", "birth date 1990-12-32 is not a real date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = make_id ("110105", cases[i].date, "001");

      assert_reason (number, cases[i].reason);
    }
}

static void
test_future (void)
{
  g_autofree char *today_birth = make_id ("110105", "20260315", "001");
  g_autofree char *tomorrow = make_id ("110105", "20260316", "001");
  g_autofree char *far = make_id ("110105", "20900101", "001");
  g_autoptr(GDate) later = g_date_new_dmy (1, G_DATE_JANUARY, 2091);
  g_autofree char *reason = NULL;
  GdIdCard card;

  /* Born today is fine: a newborn is registered on the day. */
  assert_valid (today_birth, &card);
  assert_reason (tomorrow, "birth date 2026-03-16 is in the future");
  assert_reason (far, "birth date 2090-01-01 is in the future");

  /* The same number is fine once that day has come. */
  g_assert_true (gd_idcard_parse (far, later, &card, &reason));
  g_assert_null (reason);
}

static void
test_today_defaults_to_now (void)
{
  g_autofree char *far = make_id ("110105", "29991231", "001");
  g_autofree char *reason = NULL;
  GdIdCard card;

  g_assert_false (gd_idcard_parse (far, NULL, &card, &reason));
  g_assert_cmpstr (reason, ==, "birth date 2999-12-31 is in the future");
  g_clear_pointer (&reason, g_free);

  g_assert_true (gd_idcard_parse ("11010519491231002X", NULL, &card, &reason));
  g_assert_null (reason);
}

static void
test_legacy (void)
{
  GdIdCard card;

  assert_valid ("110105491231002", &card);
  g_assert_true (card.legacy);
  g_assert_cmpstr (card.normalized, ==, "110105491231002");
  g_assert_cmpstr (card.region, ==, "110105");
  g_assert_cmpstr (card.birth_date, ==, "1949-12-31");
  g_assert_cmpint (card.sex, ==, GD_SEX_FEMALE);

  assert_valid ("320902850615567", &card);
  g_assert_true (card.legacy);
  g_assert_cmpstr (card.birth_date, ==, "1985-06-15");
  g_assert_cmpint (card.sex, ==, GD_SEX_MALE);

  /* YY is always 19YY: 00 is 1900, not a leap year; 96 is. */
  assert_valid ("320902960229001", &card);
  g_assert_cmpstr (card.birth_date, ==, "1996-02-29");
  assert_valid ("320902000101001", &card);
  g_assert_cmpstr (card.birth_date, ==, "1900-01-01");
  assert_reason ("320902000229001", "birth date 1900-02-29 is not a real date");
  assert_reason ("320902970229001", "birth date 1997-02-29 is not a real date");
  assert_reason ("110105900230001", "birth date 1990-02-30 is not a real date");
  assert_reason ("110105901301001", "birth date 1990-13-01 is not a real date");

  /* No check char in a legacy number, so X has no place. */
  assert_reason ("11010549123100X", "only digits allowed");
  assert_reason ("11010549123100x", "only digits allowed");
  assert_reason ("1101054912A1002", "only digits allowed");
  assert_reason ("990105491231002", "region code 99 is not a province");
}

static void
test_length (void)
{
  assert_reason ("11010519491231002", "must have 18 characters (or 15 for a legacy number), has 17");
  assert_reason ("11010519491231002XX", "must have 18 characters (or 15 for a legacy number), has 19");
  assert_reason ("1101054912310", "must have 18 characters (or 15 for a legacy number), has 13");
  assert_reason ("1101054912310021", "must have 18 characters (or 15 for a legacy number), has 16");
  assert_reason ("1", "must have 18 characters (or 15 for a legacy number), has 1");
  /* Spaces are not trimmed here: they are part of what was typed. */
  assert_reason (" 11010519491231002X", "must have 18 characters (or 15 for a legacy number), has 19");
  /* Characters, not bytes: a full-width digit counts once. */
  assert_reason ("１1010519491231002X", "only digits allowed, with X as the last character");
  assert_reason ("中1010519491231002", "must have 18 characters (or 15 for a legacy number), has 17");
}

static void
test_characters (void)
{
  assert_reason ("1101051949A231002X", "only digits allowed, with X as the last character");
  assert_reason ("110105 94912310021", "only digits allowed, with X as the last character");
  assert_reason ("110105-9491231002X", "only digits allowed, with X as the last character");
  assert_reason ("11010519491231002Y", "only digits allowed, with X as the last character");
}

static void
test_empty (void)
{
  assert_reason ("", "is empty");
  assert_reason (NULL, "is empty");
}

static void
test_province (void)
{
  static const char *real[] = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
  };
  static const char *unreal[] = {
    "00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72",
    "80", "83", "90", "99",
  };

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    {
      g_autofree char *region = g_strconcat (real[i], "0102", NULL);
      g_autofree char *number = make_id (region, "19900307", "123");
      GdIdCard card;

      assert_valid (number, &card);
      g_assert_cmpstr (card.region, ==, region);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unreal); i++)
    {
      g_autofree char *region = g_strconcat (unreal[i], "0102", NULL);
      g_autofree char *number = make_id (region, "19900307", "123");
      g_autofree char *expected = g_strdup_printf ("region code %s is not a province", unreal[i]);

      assert_reason (number, expected);
    }
}

static void
test_sex (void)
{
  for (guint seq = 0; seq < 20; seq++)
    {
      g_autofree char *sequence = g_strdup_printf ("%03u", 100 + seq);
      g_autofree char *number = make_id ("320902", "19900307", sequence);
      g_autofree char *legacy = g_strdup_printf ("320902900307%s", sequence);
      GdIdCard card;

      assert_valid (number, &card);
      g_assert_cmpint (card.sex, ==, seq % 2 == 1 ? GD_SEX_MALE : GD_SEX_FEMALE);
      assert_valid (legacy, &card);
      g_assert_cmpint (card.sex, ==, seq % 2 == 1 ? GD_SEX_MALE : GD_SEX_FEMALE);
    }
}

static void
test_optional_outputs (void)
{
  g_autoptr(GDate) today = fixed_today ();
  GdIdCard card;

  /* out and reason may both be NULL. */
  g_assert_true (gd_idcard_parse ("11010519491231002X", today, NULL, NULL));
  g_assert_false (gd_idcard_parse ("110105194912310021", today, NULL, NULL));

  /* A rejected number leaves out alone. */
  memset (&card, 0x5a, sizeof card);
  g_assert_false (gd_idcard_parse ("110105194912310021", today, &card, NULL));
  g_assert_cmpint (card.normalized[0], ==, 0x5a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/check-char", test_check_char);
  g_test_add_func ("/idcard/valid-literals", test_valid_literals);
  g_test_add_func ("/idcard/before-1900", test_standard_example_before_1900);
  g_test_add_func ("/idcard/lower-case-x", test_lower_case_x);
  g_test_add_func ("/idcard/legacy-forms", test_legacy_forms);
  g_test_add_func ("/idcard/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/idcard/leap-days", test_leap_days);
  g_test_add_func ("/idcard/impossible-dates", test_impossible_dates);
  g_test_add_func ("/idcard/future", test_future);
  g_test_add_func ("/idcard/today-defaults-to-now", test_today_defaults_to_now);
  g_test_add_func ("/idcard/legacy", test_legacy);
  g_test_add_func ("/idcard/length", test_length);
  g_test_add_func ("/idcard/characters", test_characters);
  g_test_add_func ("/idcard/empty", test_empty);
  g_test_add_func ("/idcard/province", test_province);
  g_test_add_func ("/idcard/sex", test_sex);
  g_test_add_func ("/idcard/optional-outputs", test_optional_outputs);

  return g_test_run ();
}
