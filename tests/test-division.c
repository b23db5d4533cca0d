/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-division"
#include "config.h"

#include "gd-division.h"

static void
assert_code_ok (const char *code,
                GdLevel     level)
{
  g_autofree char *reason = NULL;

  if (!gd_division_code_check (code, level, &reason))
    g_error ("%s rejected as %s: %s", code, gd_level_to_string (level), reason);
  g_assert_null (reason);
}

static void
assert_code_reason (const char *code,
                    GdLevel     level,
                    const char *expected)
{
  g_autofree char *reason = NULL;

  g_assert_false (gd_division_code_check (code, level, &reason));
  g_assert_cmpstr (reason, ==, expected);
}

static void
test_levels (void)
{
  static const struct {
    GdLevel     level;
    const char *name;
    guint       length;
  } cases[] = {
    { GD_LEVEL_COUNTY, "county", 6 },
    { GD_LEVEL_TOWN, "town", 9 },
    { GD_LEVEL_VILLAGE, "village", 12 },
    { GD_LEVEL_GRID, "grid", 15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GdLevel level = (GdLevel) -1;

      g_assert_cmpstr (gd_level_to_string (cases[i].level), ==, cases[i].name);
      g_assert_cmpuint (gd_level_code_length (cases[i].level), ==, cases[i].length);
      g_assert_true (gd_level_from_string (cases[i].name, &level));
      g_assert_cmpint (level, ==, cases[i].level);
    }
  g_assert_false (gd_level_from_string ("province", NULL));
  g_assert_false (gd_level_from_string ("Grid", NULL));
  g_assert_false (gd_level_from_string ("", NULL));
  g_assert_true (gd_level_from_string ("grid", NULL));
}

static void
test_level_from_code (void)
{
  GdLevel level = (GdLevel) -1;

  g_assert_true (gd_level_from_code ("320902", &level));
  g_assert_cmpint (level, ==, GD_LEVEL_COUNTY);
  g_assert_true (gd_level_from_code ("320902101", &level));
  g_assert_cmpint (level, ==, GD_LEVEL_TOWN);
  g_assert_true (gd_level_from_code ("320902101001", &level));
  g_assert_cmpint (level, ==, GD_LEVEL_VILLAGE);
  g_assert_true (gd_level_from_code ("320902101001003", &level));
  g_assert_cmpint (level, ==, GD_LEVEL_GRID);

  g_assert_false (gd_level_from_code ("", NULL));
  g_assert_false (gd_level_from_code ("32", NULL));
  g_assert_false (gd_level_from_code ("3209021", NULL));
  g_assert_false (gd_level_from_code ("32090210100", NULL));
  g_assert_false (gd_level_from_code ("3209021010010031", NULL));
}

static void
test_check_valid (void)
{
  assert_code_ok ("320902", GD_LEVEL_COUNTY);
  assert_code_ok ("320902101", GD_LEVEL_TOWN);
  assert_code_ok ("320902101001", GD_LEVEL_VILLAGE);
  assert_code_ok ("320902101001003", GD_LEVEL_GRID);
  assert_code_ok ("110105001002999", GD_LEVEL_GRID);
  /* 东莞 has towns directly under the prefecture-level city. */
  assert_code_ok ("441900003", GD_LEVEL_TOWN);
  assert_code_ok ("820000001", GD_LEVEL_TOWN);
}

static void
test_check_length (void)
{
  assert_code_reason ("32090210100100", GD_LEVEL_GRID, "must have 15 digits, has 14");
  assert_code_reason ("3209021010010031", GD_LEVEL_GRID, "must have 15 digits, has 16");
  assert_code_reason ("320902101001003", GD_LEVEL_VILLAGE, "must have 12 digits, has 15");
  assert_code_reason ("320902101", GD_LEVEL_VILLAGE, "must have 12 digits, has 9");
  assert_code_reason ("32090", GD_LEVEL_COUNTY, "must have 6 digits, has 5");
  assert_code_reason ("320902", GD_LEVEL_TOWN, "must have 9 digits, has 6");
  /* Characters, not bytes. */
  assert_code_reason ("３20902", GD_LEVEL_COUNTY, "only digits allowed");
  assert_code_reason ("镇320902", GD_LEVEL_COUNTY, "must have 6 digits, has 7");
}

static void
test_check_characters (void)
{
  assert_code_reason ("32090210100100A", GD_LEVEL_GRID, "only digits allowed");
  assert_code_reason ("320902 01001003", GD_LEVEL_GRID, "only digits allowed");
  assert_code_reason ("-32090", GD_LEVEL_COUNTY, "only digits allowed");
}

static void
test_check_empty (void)
{
  assert_code_reason ("", GD_LEVEL_GRID, "is empty");
  assert_code_reason (NULL, GD_LEVEL_VILLAGE, "is empty");
}

static void
test_check_province (void)
{
  assert_code_reason ("990902101001003", GD_LEVEL_GRID, "province code 99 does not exist");
  assert_code_reason ("100902", GD_LEVEL_COUNTY, "province code 10 does not exist");
  assert_code_reason ("720902101", GD_LEVEL_TOWN, "province code 72 does not exist");
}

static void
test_check_town (void)
{
  static const char *ok[] = { "001", "099", "100", "199", "200", "399", "400", "599" };
  static const char *bad[] = { "000", "600", "999" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *town = g_strconcat ("320902", ok[i], NULL);
      g_autofree char *grid = g_strconcat (town, "001001", NULL);

      assert_code_ok (town, GD_LEVEL_TOWN);
      assert_code_ok (grid, GD_LEVEL_GRID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *town = g_strconcat ("320902", bad[i], NULL);
      g_autofree char *village = g_strconcat (town, "001", NULL);
      g_autofree char *expected =
        g_strdup_printf ("town segment %s is not a township (must be 001-599)", bad[i]);

      assert_code_reason (town, GD_LEVEL_TOWN, expected);
      assert_code_reason (village, GD_LEVEL_VILLAGE, expected);
    }
}

static void
test_check_village_and_grid (void)
{
  assert_code_reason ("320902101000", GD_LEVEL_VILLAGE,
                      "village segment 000 is not a village (must be 001-999)");
  assert_code_reason ("320902101000003", GD_LEVEL_GRID,
                      "village segment 000 is not a village (must be 001-999)");
  assert_code_reason ("320902101001000", GD_LEVEL_GRID,
                      "grid sequence 000 is not a grid (must be 001-999)");
  assert_code_ok ("320902101999999", GD_LEVEL_GRID);
  /* The first failing segment is reported. */
  assert_code_reason ("320902000000000", GD_LEVEL_GRID,
                      "town segment 000 is not a township (must be 001-599)");
}

static void
test_province_exists (void)
{
  static const char *real[] = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
  };
  guint n_real = 0;

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    g_assert_true (gd_division_province_exists (real[i]));
  /* Exactly those: walk every two-digit prefix. */
  for (guint p = 0; p < 100; p++)
    {
      g_autofree char *code = g_strdup_printf ("%02u0102", p);

      if (gd_division_province_exists (code))
        n_real++;
    }
  g_assert_cmpuint (n_real, ==, G_N_ELEMENTS (real));
  g_assert_false (gd_division_province_exists (""));
  g_assert_false (gd_division_province_exists ("3"));
  g_assert_false (gd_division_province_exists ("3a"));
}

static void
test_within (void)
{
  const char *grid = "320902101001003";

  g_assert_true (gd_division_code_within (grid, "320902101001"));
  g_assert_true (gd_division_code_within (grid, "320902101"));
  g_assert_true (gd_division_code_within (grid, "320902"));
  g_assert_true (gd_division_code_within (grid, grid));
  g_assert_true (gd_division_code_within ("320902101", "320902"));

  g_assert_false (gd_division_code_within (grid, "320902101002"));
  g_assert_false (gd_division_code_within (grid, "320903"));
  g_assert_false (gd_division_code_within (grid, "320902101001004"));
  g_assert_false (gd_division_code_within ("320902", "320902101"));
  /* Prefixes that are not whole levels never count. */
  g_assert_false (gd_division_code_within (grid, "32"));
  g_assert_false (gd_division_code_within (grid, "3209021"));
  g_assert_false (gd_division_code_within (grid, "3209021010010"));
  g_assert_false (gd_division_code_within (grid, ""));
  g_assert_false (gd_division_code_within ("3209021010", "320902"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/division/levels", test_levels);
  g_test_add_func ("/division/level-from-code", test_level_from_code);
  g_test_add_func ("/division/check/valid", test_check_valid);
  g_test_add_func ("/division/check/length", test_check_length);
  g_test_add_func ("/division/check/characters", test_check_characters);
  g_test_add_func ("/division/check/empty", test_check_empty);
  g_test_add_func ("/division/check/province", test_check_province);
  g_test_add_func ("/division/check/town", test_check_town);
  g_test_add_func ("/division/check/village-and-grid", test_check_village_and_grid);
  g_test_add_func ("/division/province-exists", test_province_exists);
  g_test_add_func ("/division/within", test_within);

  return g_test_run ();
}
