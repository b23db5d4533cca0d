/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-pinyin"
#include "config.h"

#include "gd-pinyin.h"

#include <string.h>

/* The generated table's size for Unihan 15.0.0 (Debian 12 unicode-data); regenerating from
 * another Unihan version changes it, and this test says so. */
#define TABLE_N_CHARS 41421

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return g_strv_contains ((const char *const *) strv, s);
}

static void
assert_first (char       **strv,
              const char  *expected)
{
  g_assert_nonnull (strv);
  g_assert_nonnull (strv[0]);
  g_assert_cmpstr (strv[0], ==, expected);
}

static void
test_compound_surname (void)
{
  g_auto(GStrv) ini = gd_pinyin_initials ("欧阳玲巧", GD_PINYIN_NAME, 8);
  g_auto(GStrv) full = gd_pinyin_full ("欧阳玲巧", GD_PINYIN_NAME, 8);
  g_auto(GStrv) sima = gd_pinyin_full ("司马光", GD_PINYIN_NAME, 8);
  g_auto(GStrv) moqi = gd_pinyin_full ("万俟卨", GD_PINYIN_NAME, 8);
  g_auto(GStrv) zhangsun = gd_pinyin_full ("长孙无忌", GD_PINYIN_NAME, 8);
  g_auto(GStrv) yuchi = gd_pinyin_initials ("尉迟恭", GD_PINYIN_NAME, 8);
  g_auto(GStrv) shanyu = gd_pinyin_full ("单于平", GD_PINYIN_NAME, 8);

  assert_first (ini, "oylq");
  assert_first (full, "ouyanglingqiao");
  assert_first (sima, "simaguang");
  g_assert_true (g_str_has_prefix (moqi[0], "moqi"));
  assert_first (zhangsun, "zhangsunwuji");
  assert_first (yuchi, "ycg");
  /* 单于 is not taken as a compound: 单 reads shan as a surname */
  g_assert_true (g_str_has_prefix (shanyu[0], "shanyu"));
}

static void
test_single_surname (void)
{
  static const struct { const char *name, *initials, *full; } cases[] = {
    { "单雄信", "sxx", "shanxiongxin" },
    { "曾国藩", "zgf", "zengguofan" },
    { "解缙", "xj", "xiejin" },
    { "仇英", "qy", "qiuying" },
    { "朴树", "ps", "piaoshu" },
    { "区志强", "ozq", NULL },
    { "查良镛", "zly", "zhaliangyong" },
    { "缪云", "my", "miaoyun" },
    { "翟军", "zj", "zhaijun" },
    { "覃斌", "qb", "qinbin" },
    { "种师道", "csd", "chongshidao" },
    { "秘书", "bs", "bishu" },
    { "长风", "cf", "changfeng" },
    { "吕布", "lb", "lvbu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) ini = gd_pinyin_initials (cases[i].name, GD_PINYIN_NAME, 8);
      g_auto(GStrv) full = gd_pinyin_full (cases[i].name, GD_PINYIN_NAME, 8);

      g_test_message ("%s", cases[i].name);
      assert_first (ini, cases[i].initials);
      if (cases[i].full != NULL)
        assert_first (full, cases[i].full);
    }
}

/* The surname rule is for names only, and for the first character only. */
static void
test_name_vs_text (void)
{
  g_auto(GStrv) text = gd_pinyin_initials ("解放", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) name = gd_pinyin_initials ("解放", GD_PINYIN_NAME, 8);
  g_auto(GStrv) name_full = gd_pinyin_full ("解放", GD_PINYIN_NAME, 8);
  g_auto(GStrv) given = gd_pinyin_full ("王单", GD_PINYIN_NAME, 8);
  g_auto(GStrv) dan = gd_pinyin_full ("单", GD_PINYIN_TEXT, 8);

  assert_first (text, "jf");
  g_assert_true (strv_has (text, "xf"));
  assert_first (name, "xf");
  g_assert_true (strv_has (name, "jf")); /* a misreading still finds the person */
  assert_first (name_full, "xiefang");
  assert_first (given, "wangdan");
  g_assert_true (strv_has (given, "wangshan"));
  assert_first (dan, "dan");
}

/* Variant 0 is every character's first reading; polyphones in the given name vary. */
static void
test_given_name_polyphones (void)
{
  g_auto(GStrv) full = gd_pinyin_full ("张重阳", GD_PINYIN_NAME, 16);
  g_auto(GStrv) ini = gd_pinyin_initials ("张重阳", GD_PINYIN_NAME, 16);

  assert_first (full, "zhangzhongyang");
  g_assert_true (strv_has (full, "zhangchongyang"));
  assert_first (ini, "zzy");
  g_assert_true (strv_has (ini, "zcy"));
}

static void
test_text_polyphones (void)
{
  g_auto(GStrv) cq = gd_pinyin_initials ("重庆", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) full = gd_pinyin_full ("重庆", GD_PINYIN_TEXT, 8);

  g_assert_true (strv_has (cq, "cq"));
  g_assert_true (strv_has (cq, "zq"));
  g_assert_true (strv_has (full, "chongqing"));
  g_assert_true (strv_has (full, "zhongqing"));
}

static guint
strv_index (char       **strv,
            const char  *s)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_equal (strv[i], s))
      return i;
  g_error ("\"%s\" not among the variants", s);
}

/* Readings only the Hanyu Da Zidian has (平 pian, 王 yu) come after the modern ones. */
static void
test_archaic_last (void)
{
  g_auto(GStrv) v = gd_pinyin_full ("和平", GD_PINYIN_TEXT, 64);
  g_auto(GStrv) wang = gd_pinyin_initials ("王乐乐", GD_PINYIN_NAME, 4);

  assert_first (v, "heping");
  g_assert_cmpuint (strv_index (v, "huoping"), <, strv_index (v, "hepian"));
  g_assert_cmpuint (strv_index (v, "huping"), <, strv_index (v, "hebing"));
  g_assert_cmpuint (g_strv_length (wang), ==, 4);
  for (guint i = 0; wang[i] != NULL; i++)
    g_assert_true (wang[i][0] == 'w');
}

static void
test_max_variants (void)
{
  /* five polyphones: far more than 3 combinations */
  const char *text = "重长行乐还";
  g_auto(GStrv) all = gd_pinyin_full (text, GD_PINYIN_TEXT, 1000);
  g_auto(GStrv) three = gd_pinyin_full (text, GD_PINYIN_TEXT, 3);
  g_auto(GStrv) one = gd_pinyin_initials (text, GD_PINYIN_TEXT, 1);
  g_auto(GStrv) none = gd_pinyin_initials (text, GD_PINYIN_TEXT, 0);

  g_assert_cmpuint (g_strv_length (all), >, 3);
  g_assert_cmpuint (g_strv_length (three), ==, 3);
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* the bounded list is the start of the full one, most likely first */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (three[i], ==, all[i]);

  /* no duplicates */
  for (guint i = 0; all[i] != NULL; i++)
    for (guint j = i + 1; all[j] != NULL; j++)
      g_assert_cmpstr (all[i], !=, all[j]);
}

/* Many polyphones must neither blow up nor exceed the cap. */
static void
test_many_polyphones (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) v = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "重");
  v = gd_pinyin_initials (text->str, GD_PINYIN_TEXT, G_MAXUINT);
  g_assert_cmpuint (g_strv_length (v), ==, GD_PINYIN_VARIANTS_CAP);
  g_assert_cmpuint (strlen (v[0]), ==, 200);
}

static void
test_lv (void)
{
  g_auto(GStrv) lv = gd_pinyin_full ("吕", GD_PINYIN_TEXT, 4);
  g_auto(GStrv) nv = gd_pinyin_full ("女", GD_PINYIN_TEXT, 4);
  g_auto(GStrv) lve = gd_pinyin_full ("略", GD_PINYIN_TEXT, 4);
  const char *const *r = gd_pinyin_readings (0x5415); /* 吕 */

  assert_first (lv, "lv");
  assert_first (nv, "nv");
  assert_first (lve, "lve");
  g_assert_nonnull (r);
  g_assert_cmpstr (r[0], ==, "lv");
}

static void
test_readings (void)
{
  const char *const *zhong = gd_pinyin_readings (0x91CD); /* 重 */
  const char *const *wan = gd_pinyin_readings (0x4E07);   /* 万: wan, mo */

  g_assert_nonnull (zhong);
  g_assert_cmpstr (zhong[0], ==, "zhong");
  g_assert_true (g_strv_contains (zhong, "chong"));
  g_assert_nonnull (wan);
  g_assert_cmpstr (wan[0], ==, "wan");
  g_assert_true (g_strv_contains (wan, "mo"));

  g_assert_null (gd_pinyin_readings ('a'));
  g_assert_null (gd_pinyin_readings (0x3002)); /* 。 */
  g_assert_null (gd_pinyin_readings (0x10FFFF));
  g_assert_null (gd_pinyin_readings (0));

  /* U+F900 豈 is a compatibility ideograph for U+8C48 豈 */
  g_assert_nonnull (gd_pinyin_readings (0xF900));
  g_assert_cmpstr (gd_pinyin_readings (0xF900)[0], ==, gd_pinyin_readings (0x8C48)[0]);
}

/* Supplementary planes: Extension B and later. */
static void
test_supplementary (void)
{
  const char *const *r = gd_pinyin_readings (0x20000); /* 𠀀 hē */
  const char *const *r2 = gd_pinyin_readings (0x20001); /* 𠀁 qī */
  g_auto(GStrv) v = gd_pinyin_full ("𠀀", GD_PINYIN_TEXT, 4);
  guint n_supp = 0;
  guint n;
  const guint32 *chars = gd_pinyin_table_chars (&n);

  g_assert_nonnull (r);
  g_assert_cmpstr (r[0], ==, "he");
  g_assert_nonnull (r2);
  g_assert_cmpstr (r2[0], ==, "qi");
  assert_first (v, "he");

  for (guint i = 0; i < n; i++)
    if (chars[i] > 0xFFFF)
      n_supp++;
  g_assert_cmpuint (n_supp, >, 1000);
}

static void
test_ascii_mix (void)
{
  g_auto(GStrv) ini = gd_pinyin_initials ("A栋3单元", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) full = gd_pinyin_full ("A栋3单元", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) wide = gd_pinyin_initials ("Ａ栋３单元 1201室", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) empty = gd_pinyin_initials ("。、—— !?", GD_PINYIN_TEXT, 8);
  g_auto(GStrv) empty2 = gd_pinyin_full ("", GD_PINYIN_NAME, 8);

  assert_first (ini, "ad3dy");
  g_assert_true (strv_has (full, "adong3danyuan"));
  assert_first (wide, "ad3dy1201s");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpuint (g_strv_length (empty2), ==, 0);
}

/* A name beginning with Latin letters has no surname rule to apply. */
static void
test_name_not_hanzi_first (void)
{
  g_auto(GStrv) v = gd_pinyin_initials ("Li单", GD_PINYIN_NAME, 8);

  assert_first (v, "lid");
}

static void
test_invalid_utf8 (void)
{
  g_auto(GStrv) v = gd_pinyin_initials ("\xff王\xfe五", GD_PINYIN_TEXT, 8);
  g_autofree char *f = gd_text_fold ("\xff" "Ab");

  assert_first (v, "ww");
  g_assert_nonnull (f);
  g_assert_true (g_utf8_validate (f, -1, NULL));
}

static void
test_text_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "", "" },
    { "  Hello World ", "helloworld" },
    { "Ａ栋　３单元", "a栋3单元" },        /* full-width letters, digit, ideographic space */
    { "王\t五\n", "王五" },
    { "ﬁ", "fi" },                          /* NFKC ligature */
    { "\xe8\xb1\x88", "\xe8\xb1\x88" },     /* unified 豈 unchanged */
    { "\xef\xa4\x80", "\xe8\xb1\x88" },     /* U+F900 compatibility 豈 becomes U+8C48 */
    { "e\xcc\x81", "\xc3\xa9" },            /* composed: e + acute -> é */
    { "ÉCOLE", "École" },                   /* only ASCII is lower-cased */
    { "a\xe2\x80\x8b" "b", "ab" },          /* zero-width space */
    { "ＡＢＣ-12", "abc-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *f = gd_text_fold (cases[i].in);

      g_assert_cmpstr (f, ==, cases[i].out);
    }

  /* folding twice changes nothing */
  {
    g_autofree char *once = gd_text_fold (" Ａ栋３单元 ");
    g_autofree char *twice = gd_text_fold (once);

    g_assert_cmpstr (once, ==, twice);
  }
}

static void
test_table_sorted (void)
{
  guint n = 0;
  const guint32 *chars = gd_pinyin_table_chars (&n);

  g_assert_nonnull (chars);
  g_assert_cmpuint (n, ==, TABLE_N_CHARS);
  g_assert_cmpuint (n, >, 20000);
  for (guint i = 1; i < n; i++)
    if (chars[i - 1] >= chars[i])
      g_error ("table not sorted at %u: U+%04X >= U+%04X", i, chars[i - 1], chars[i]);

  /* every entry has at least one reading, made of lower-case ASCII letters */
  for (guint i = 0; i < n; i++)
    {
      const char *const *r = gd_pinyin_readings (chars[i]);

      g_assert_nonnull (r);
      g_assert_nonnull (r[0]);
      for (guint j = 0; r[j] != NULL; j++)
        {
          g_assert_cmpuint (strlen (r[j]), >, 0);
          for (const char *p = r[j]; *p; p++)
            g_assert_true (*p >= 'a' && *p <= 'z');
        }
    }

  g_assert_cmpstr (gd_pinyin_unihan_version (), ==, "15.0.0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pinyin/name/compound-surname", test_compound_surname);
  g_test_add_func ("/pinyin/name/single-surname", test_single_surname);
  g_test_add_func ("/pinyin/name/name-vs-text", test_name_vs_text);
  g_test_add_func ("/pinyin/name/given-name-polyphones", test_given_name_polyphones);
  g_test_add_func ("/pinyin/name/latin-first", test_name_not_hanzi_first);
  g_test_add_func ("/pinyin/text/polyphones", test_text_polyphones);
  g_test_add_func ("/pinyin/text/archaic-last", test_archaic_last);
  g_test_add_func ("/pinyin/text/max-variants", test_max_variants);
  g_test_add_func ("/pinyin/text/many-polyphones", test_many_polyphones);
  g_test_add_func ("/pinyin/text/ascii-mix", test_ascii_mix);
  g_test_add_func ("/pinyin/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/pinyin/readings/lv", test_lv);
  g_test_add_func ("/pinyin/readings/basic", test_readings);
  g_test_add_func ("/pinyin/readings/supplementary", test_supplementary);
  g_test_add_func ("/pinyin/table/sorted", test_table_sorted);
  g_test_add_func ("/pinyin/fold", test_text_fold);

  return g_test_run ();
}
