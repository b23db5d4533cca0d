/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-codes"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"

static const char * const all_lists[] = {
  "relationship", "ethnicity", "sex", "education", "political-status",
  "incident-categories", "dispute-categories", "care-tags", "housing", "residence",
  "id-types", "staff-roles", "incident-sources", "urgency", "mediation-rooms",
  "dispute-sources", "component-classes", "handling-levels", "incident-statuses",
  "dispute-statuses", "credit-code-registrars", "organisation-kinds", "organisation-statuses",
  "premises-categories", "inspection-items", "risk-levels",
};

/* Every item of a table is well formed: the loader's guarantees, checked from outside. */
static void
assert_table_sane (GdCodeTable *table)
{
  guint n = gd_code_table_get_n_items (table);

  for (guint i = 0; i < n; i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);

      g_assert_nonnull (item);
      g_assert_nonnull (item->code);
      g_assert_cmpstr (item->code, !=, "");
      g_assert_nonnull (item->name_zh);
      g_assert_true (g_utf8_validate (item->name_zh, -1, NULL));
      g_assert_nonnull (item->name_en);
      g_assert_cmpstr (item->name_en, !=, "");
      g_assert_true (gd_code_table_lookup (table, item->code) == item);
      if (item->parent != NULL)
        g_assert_nonnull (gd_code_table_lookup (table, item->parent));
    }
}

static void
test_all_lists_load (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_lists); i++)
    {
      GdCodeTable *table = gd_codes_get (all_lists[i]);

      g_test_message ("list %s", all_lists[i]);
      g_assert_nonnull (table);
      g_assert_cmpstr (gd_code_table_get_list (table), ==, all_lists[i]);
      g_assert_nonnull (gd_code_table_get_version (table));
      g_assert_cmpstr (gd_code_table_get_version (table), !=, "");
      g_assert_cmpuint (gd_code_table_get_n_items (table), >, 0);
      assert_table_sane (table);
      /* Loaded once: the same object every time. */
      g_assert_true (gd_codes_get (all_lists[i]) == table);
    }
}

static void
test_list_names (void)
{
  g_auto(GStrv) names = gd_codes_list_names ();

  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (all_lists));
  for (guint i = 0; i < G_N_ELEMENTS (all_lists); i++)
    g_assert_true (g_strv_contains ((const char * const *) names, all_lists[i]));
  for (guint i = 1; names[i] != NULL; i++)
    g_assert_cmpint (strcmp (names[i - 1], names[i]), <, 0);
  /* Every listed name loads. */
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_nonnull (gd_codes_get (names[i]));
}

static void
test_unknown (void)
{
  GdCodeTable *table = gd_codes_get ("sex");

  g_assert_null (gd_codes_get ("nope"));
  g_assert_null (gd_codes_get (""));
  g_assert_null (gd_codes_get ("../sex"));
  g_assert_null (gd_codes_get ("sex.json"));
  g_assert_null (gd_code_table_lookup (table, "3"));
  g_assert_null (gd_code_table_lookup (table, "男"));
  g_assert_null (gd_code_table_lookup (table, ""));
  g_assert_null (gd_code_table_lookup (table, NULL));
  g_assert_false (gd_codes_contains ("nope", "1"));
  g_assert_false (gd_codes_contains ("sex", "3"));
  g_assert_false (gd_codes_contains ("sex", NULL));
  g_assert_true (gd_codes_contains ("sex", "9"));
  g_assert_null (gd_codes_get_name ("sex", "7"));
  g_assert_null (gd_codes_get_name ("nope", "1"));
  g_assert_cmpstr (gd_codes_get_name ("sex", "2"), ==, "女性");
}

static void
test_sex (void)
{
  GdCodeTable *table = gd_codes_get ("sex");
  static const char * const codes[] = { "0", "1", "2", "9" };

  g_assert_cmpuint (gd_code_table_get_n_items (table), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpstr (gd_code_table_get_item (table, i)->code, ==, codes[i]);
  g_assert_cmpstr (gd_code_table_lookup (table, "1")->name_zh, ==, "男性");
  /* Same numbering as the GdSex enum the rest of the core uses. */
  g_assert_cmpint (atoi (gd_code_table_lookup (table, "9")->code), ==, GD_SEX_UNSTATED);
}

static void
test_relationship (void)
{
  GdCodeTable *table = gd_codes_get ("relationship");
  const GdCodeItem *item;
  guint n_expected = 0;

  g_assert_cmpstr (gd_code_table_get_version (table), ==, "GB/T 4761-2008");

  /* 01, 02, 10–12, then full decades 20–79, 80–97, 99. */
  for (int code = 1; code <= 99; code++)
    {
      char buf[3];
      gboolean expected;

      g_snprintf (buf, sizeof buf, "%02d", code);
      expected = code == 1 || code == 2 || (code >= 10 && code <= 12)
                 || (code >= 20 && code <= 97) || code == 99;
      g_assert_true ((gd_code_table_lookup (table, buf) != NULL) == expected);
      if (expected)
        n_expected++;
    }
  g_assert_cmpuint (n_expected, ==, 84);
  g_assert_cmpuint (gd_code_table_get_n_items (table), ==, n_expected);

  g_assert_cmpstr (gd_code_table_lookup (table, "01")->name_zh, ==, "本人");
  g_assert_cmpstr (gd_code_table_lookup (table, "02")->name_zh, ==, "户主");
  g_assert_cmpstr (gd_code_table_lookup (table, "12")->name_zh, ==, "妻");
  g_assert_cmpstr (gd_code_table_lookup (table, "28")->name_zh, ==, "女婿");
  g_assert_cmpstr (gd_code_table_lookup (table, "38")->name_zh, ==, "儿媳");
  g_assert_cmpstr (gd_code_table_lookup (table, "92")->name_zh, ==, "表兄弟、表姐妹");
  g_assert_cmpstr (gd_code_table_lookup (table, "97")->name_zh, ==, "其他亲属");
  g_assert_cmpstr (gd_code_table_lookup (table, "99")->name_zh, ==, "非亲属");
  g_assert_null (gd_code_table_lookup (table, "98"));
  g_assert_null (gd_code_table_lookup (table, "1"));

  /* Sub-codes hang under their group, groups and singles are top-level. */
  g_assert_cmpstr (gd_code_table_lookup (table, "11")->parent, ==, "10");
  g_assert_cmpstr (gd_code_table_lookup (table, "21")->parent, ==, "20");
  g_assert_cmpstr (gd_code_table_lookup (table, "41")->parent, ==, "40");
  g_assert_cmpstr (gd_code_table_lookup (table, "69")->parent, ==, "60");
  g_assert_cmpstr (gd_code_table_lookup (table, "90")->parent, ==, "80");
  g_assert_cmpstr (gd_code_table_lookup (table, "97")->parent, ==, "80");
  g_assert_null (gd_code_table_lookup (table, "01")->parent);
  g_assert_null (gd_code_table_lookup (table, "02")->parent);
  g_assert_null (gd_code_table_lookup (table, "50")->parent);
  g_assert_null (gd_code_table_lookup (table, "99")->parent);

  item = gd_code_table_lookup (table, "02");
  g_assert_cmpstr (item->name_en, ==, "Head of household");
}

static void
test_ethnicity (void)
{
  GdCodeTable *table = gd_codes_get ("ethnicity");

  g_assert_cmpuint (gd_code_table_get_n_items (table), ==, 58);
  /* Standard order: item i carries code i+1 for the 56 nationalities. */
  for (guint i = 0; i < 56; i++)
    {
      g_autofree char *code = g_strdup_printf ("%02u", i + 1);
      const GdCodeItem *item = gd_code_table_get_item (table, i);

      g_assert_cmpstr (item->code, ==, code);
      g_assert_true (g_str_has_suffix (item->name_zh, "族"));
      g_assert_nonnull (gd_code_item_get_string (item, "alpha"));
      g_assert_cmpuint (strlen (gd_code_item_get_string (item, "alpha")), ==, 2);
    }
  g_assert_cmpstr (gd_code_table_lookup (table, "01")->name_zh, ==, "汉族");
  g_assert_cmpstr (gd_code_table_lookup (table, "02")->name_zh, ==, "蒙古族");
  g_assert_cmpstr (gd_code_table_lookup (table, "05")->name_zh, ==, "维吾尔族");
  g_assert_cmpstr (gd_code_table_lookup (table, "10")->name_zh, ==, "朝鲜族");
  g_assert_cmpstr (gd_code_table_lookup (table, "23")->name_zh, ==, "高山族");
  g_assert_cmpstr (gd_code_table_lookup (table, "37")->name_zh, ==, "仡佬族");
  g_assert_cmpstr (gd_code_table_lookup (table, "56")->name_zh, ==, "基诺族");
  g_assert_cmpstr (gd_code_table_lookup (table, "97")->name_zh, ==, "其他");
  g_assert_cmpstr (gd_code_table_lookup (table, "98")->name_zh, ==, "外国血统中国籍人士");
  g_assert_cmpstr (gd_code_item_get_string (gd_code_table_lookup (table, "01"), "alpha"), ==, "HA");
  g_assert_null (gd_code_table_lookup (table, "57"));
  g_assert_null (gd_code_table_lookup (table, "00"));
}

static void
test_education (void)
{
  GdCodeTable *table = gd_codes_get ("education");
  static const char * const groups[] = { "10", "20", "30", "40", "60", "70", "80", "90" };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      const GdCodeItem *group = gd_code_table_lookup (table, groups[i]);

      g_assert_nonnull (group);
      g_assert_null (group->parent);
    }
  g_assert_cmpstr (gd_code_table_lookup (table, "11")->name_zh, ==, "博士研究生毕业");
  g_assert_cmpstr (gd_code_table_lookup (table, "11")->parent, ==, "10");
  g_assert_cmpstr (gd_code_table_lookup (table, "21")->parent, ==, "20");
  g_assert_cmpstr (gd_code_table_lookup (table, "61")->parent, ==, "60");
  g_assert_cmpstr (gd_code_table_lookup (table, "81")->parent, ==, "80");
  g_assert_null (gd_code_table_lookup (table, "50"));
}

static void
test_political_status (void)
{
  GdCodeTable *table = gd_codes_get ("political-status");

  g_assert_cmpuint (gd_code_table_get_n_items (table), ==, 13);
  g_assert_cmpstr (gd_code_table_lookup (table, "01")->name_zh, ==, "中共党员");
  g_assert_cmpstr (gd_code_table_lookup (table, "03")->name_zh, ==, "共青团员");
  g_assert_cmpstr (gd_code_table_lookup (table, "13")->name_zh, ==, "群众");
}

static void
test_incident_categories (void)
{
  GdCodeTable *table = gd_codes_get ("incident-categories");
  static const char * const grid_areas[] = { "GZ", "MD", "ZA", "AQ" };
  static const struct { const char *name; guint min; } gbt_classes[] = {
    { "市容环境", 6 }, { "宣传广告", 4 }, { "施工管理", 4 },
    { "街面秩序", 6 }, { "突发事件", 7 }, { "其他事件", 3 },
  };
  g_autoptr(GPtrArray) top = gd_code_table_children (table, NULL);
  guint n_gbt = 0;

  g_assert_cmpuint (top->len, ==, G_N_ELEMENTS (grid_areas) + G_N_ELEMENTS (gbt_classes));

  for (guint i = 0; i < G_N_ELEMENTS (grid_areas); i++)
    {
      const GdCodeItem *area = gd_code_table_lookup (table, grid_areas[i]);
      g_autoptr(GPtrArray) subs = gd_code_table_children (table, grid_areas[i]);

      g_assert_nonnull (area);
      g_assert_null (area->parent);
      g_assert_cmpstr (gd_code_item_get_string (area, "scheme"), ==, "grid");
      g_assert_cmpuint (subs->len, >=, 5);
    }
  g_assert_cmpstr (gd_code_table_lookup (table, "GZ")->name_zh, ==, "关注人员服务管理");
  g_assert_cmpstr (gd_code_table_lookup (table, "MD")->name_zh, ==, "矛盾纠纷");
  g_assert_cmpstr (gd_code_table_lookup (table, "ZA")->name_zh, ==, "治安问题");
  g_assert_cmpstr (gd_code_table_lookup (table, "AQ")->name_zh, ==, "公共安全隐患");

  for (guint i = 0; i < G_N_ELEMENTS (gbt_classes); i++)
    {
      const GdCodeItem *class = NULL;
      g_autoptr(GPtrArray) subs = NULL;

      for (guint j = 0; j < top->len; j++)
        {
          const GdCodeItem *candidate = g_ptr_array_index (top, j);

          if (g_strcmp0 (candidate->name_zh, gbt_classes[i].name) == 0)
            class = candidate;
        }
      g_test_message ("class %s", gbt_classes[i].name);
      g_assert_nonnull (class);
      g_assert_cmpstr (gd_code_item_get_string (class, "scheme"), ==, "gbt30428");
      n_gbt++;

      subs = gd_code_table_children (table, class->code);
      g_assert_cmpuint (subs->len, >=, gbt_classes[i].min);
      for (guint j = 0; j < subs->len; j++)
        {
          const GdCodeItem *sub = g_ptr_array_index (subs, j);

          /* Sub-class code = class code + two digits. */
          g_assert_cmpstr (sub->parent, ==, class->code);
          g_assert_true (gd_code_table_lookup (table, sub->parent) == class);
          g_assert_true (g_str_has_prefix (sub->code, class->code));
          g_assert_cmpuint (strlen (sub->code), ==, strlen (class->code) + 2);
          g_assert_true (g_ascii_isdigit (sub->code[strlen (class->code)]));
          g_assert_true (g_ascii_isdigit (sub->code[strlen (class->code) + 1]));
        }
    }
  g_assert_cmpuint (n_gbt, ==, 6);

  /* A few sub-classes by name, under the expected class. */
  g_assert_cmpstr (gd_code_table_lookup (table, "SR01")->name_zh, ==, "私搭乱建");
  g_assert_cmpstr (gd_code_table_lookup (table, "SR01")->parent, ==, "SR");
  g_assert_cmpstr (gd_code_table_lookup (table, "XG01")->name_zh, ==, "非法小广告");
  g_assert_cmpstr (gd_code_table_lookup (table, "JM02")->name_zh, ==, "占道经营");
  g_assert_cmpstr (gd_code_table_lookup (table, "AQ04")->name_zh, ==, "电动车违规充电");
  g_assert_true (gd_code_item_is_sensitive (gd_code_table_lookup (table, "GZ05")));
  g_assert_false (gd_code_item_is_sensitive (gd_code_table_lookup (table, "GZ03")));
  g_assert_false (gd_code_item_is_sensitive (gd_code_table_lookup (table, "SR01")));
}

static void
test_care_tags (void)
{
  GdCodeTable *table = gd_codes_get ("care-tags");
  static const char * const sensitive[] = {
    "community_correction", "mental_disorder", "released_prisoner", "drug_rehab",
  };
  static const char * const plain[] = {
    "elderly_alone", "empty_nest", "left_behind_child", "disability", "dibao", "tekun",
    "serious_illness", "veteran",
  };
  guint n_sensitive = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sensitive); i++)
    g_assert_true (gd_code_item_is_sensitive (gd_code_table_lookup (table, sensitive[i])));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (gd_code_item_is_sensitive (gd_code_table_lookup (table, plain[i])));
  for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
    if (gd_code_item_is_sensitive (gd_code_table_get_item (table, i)))
      n_sensitive++;
  g_assert_cmpuint (n_sensitive, ==, G_N_ELEMENTS (sensitive));
  g_assert_cmpstr (gd_codes_get_name ("care-tags", "elderly_alone"), ==, "独居老人");
}

/* The enumerations DATA-MODEL.md fixes in documents must all be in their tables. */
static void
test_document_enums (void)
{
  static const struct { const char *list; const char *codes; guint n; } enums[] = {
    { "housing", "owned rented lent collective other", 5 },
    { "residence", "registered registered_away floating overseas", 4 },
    { "id-types", "resident_id passport hk_macao taiwan foreign_permanent none", 6 },
    { "staff-roles", "full_time part_time party_member volunteer", 4 },
    { "incident-sources", "patrol resident hotline_12345 county_dispatch town_dispatch other", 6 },
    { "urgency", "normal urgent critical", 3 },
    { "mediation-rooms", "party_member village_sage village town_centre professional", 5 },
    { "dispute-sources", "party_applied proactive police_referral court_referral "
                         "petition_referral government_referral", 6 },
    { "handling-levels", "grid village town county enforcement", 5 },
    { "incident-statuses", "registered dispatched escalated in_progress verifying feedback "
                           "archived returned", 8 },
    { "dispute-statuses", "received accepted mediating agreed failed referred closed", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_auto(GStrv) codes = g_strsplit (enums[i].codes, " ", -1);

      g_test_message ("list %s", enums[i].list);
      g_assert_cmpuint (gd_code_table_get_n_items (gd_codes_get (enums[i].list)), ==, enums[i].n);
      for (guint j = 0; codes[j] != NULL; j++)
        g_assert_true (gd_codes_contains (enums[i].list, codes[j]));
    }

  g_assert_true (gd_codes_contains ("dispute-categories", "marriage_family"));
  g_assert_true (gd_codes_contains ("dispute-categories", "neighbour"));
  g_assert_true (gd_codes_contains ("dispute-categories", "other"));
  g_assert_cmpuint (gd_code_table_get_n_items (gd_codes_get ("dispute-categories")), ==, 18);
}

static void
test_component_classes (void)
{
  GdCodeTable *table = gd_codes_get ("component-classes");
  g_autoptr(GPtrArray) top = gd_code_table_children (table, NULL);

  g_assert_cmpuint (top->len, ==, 6);
  for (guint i = 0; i < top->len; i++)
    {
      const GdCodeItem *class = g_ptr_array_index (top, i);
      g_autoptr(GPtrArray) subs = gd_code_table_children (table, class->code);
      g_autofree char *code = g_strdup_printf ("%02u", i + 1);

      g_assert_cmpstr (class->code, ==, code);
      g_assert_cmpuint (subs->len, >=, 3);
      for (guint j = 0; j < subs->len; j++)
        {
          const GdCodeItem *sub = g_ptr_array_index (subs, j);

          g_assert_cmpuint (strlen (sub->code), ==, 4);
          g_assert_true (g_str_has_prefix (sub->code, class->code));
        }
    }
  g_assert_cmpstr (gd_code_table_lookup (table, "0101")->name_zh, ==, "上水井盖");
  g_assert_cmpstr (gd_code_table_lookup (table, "04")->name_zh, ==, "园林绿化");
}

static void
test_children (void)
{
  GdCodeTable *table = gd_codes_get ("relationship");
  g_autoptr(GPtrArray) top = gd_code_table_children (table, NULL);
  g_autoptr(GPtrArray) spouse = gd_code_table_children (table, "10");
  g_autoptr(GPtrArray) others = gd_code_table_children (table, "80");
  g_autoptr(GPtrArray) none = gd_code_table_children (table, "11");
  g_autoptr(GPtrArray) unknown = gd_code_table_children (table, "nope");

  /* 01 02 10 20 30 40 50 60 70 80 99, in table order. */
  g_assert_cmpuint (top->len, ==, 11);
  g_assert_cmpstr (((const GdCodeItem *) g_ptr_array_index (top, 0))->code, ==, "01");
  g_assert_cmpstr (((const GdCodeItem *) g_ptr_array_index (top, 1))->code, ==, "02");
  g_assert_cmpstr (((const GdCodeItem *) g_ptr_array_index (top, 10))->code, ==, "99");
  g_assert_cmpuint (spouse->len, ==, 2);
  g_assert_cmpstr (((const GdCodeItem *) g_ptr_array_index (spouse, 0))->code, ==, "11");
  g_assert_cmpstr (((const GdCodeItem *) g_ptr_array_index (spouse, 1))->code, ==, "12");
  g_assert_cmpuint (others->len, ==, 17);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (unknown->len, ==, 0);
}

static GdCodeTable *
parse (const char *text,
       GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return gd_code_table_new_from_bytes (bytes, error);
}

static void
test_from_bytes (void)
{
  g_autoptr(GdCodeTable) table = NULL;
  const GdCodeItem *item;

  table = parse ("{\"list\": \"t\", \"version\": \"1\", \"items\": ["
                 " {\"code\": \"b\", \"name_zh\": \"乙\", \"parent\": \"a\", \"sensitive\": true,"
                 "  \"note\": \"x\"},"
                 " {\"code\": \"a\", \"name_zh\": \"甲\", \"name_en\": \"A\"}]}", NULL);
  g_assert_nonnull (table);
  g_assert_cmpstr (gd_code_table_get_list (table), ==, "t");
  g_assert_cmpuint (gd_code_table_get_n_items (table), ==, 2);
  item = gd_code_table_lookup (table, "b");
  g_assert_cmpstr (item->parent, ==, "a");
  g_assert_null (item->name_en);
  g_assert_true (gd_code_item_is_sensitive (item));
  g_assert_cmpstr (gd_code_item_get_string (item, "note"), ==, "x");
  g_assert_null (gd_code_item_get_string (item, "sensitive"));
  g_assert_null (gd_code_item_get_string (item, "missing"));
  g_assert_false (gd_code_item_is_sensitive (gd_code_table_lookup (table, "a")));
}

static void
test_malformed (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "{\"list\": \"t\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\"}]}",
    "{\"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": []}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": {}}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [1]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"name_zh\": \"甲\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"\", \"name_zh\": \"甲\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": 1, \"name_zh\": \"甲\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\"},"
    " {\"code\": \"a\", \"name_zh\": \"乙\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\","
    " \"parent\": \"z\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\","
    " \"parent\": \"a\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": ["
    " {\"code\": \"a\", \"name_zh\": \"甲\", \"parent\": \"b\"},"
    " {\"code\": \"b\", \"name_zh\": \"乙\", \"parent\": \"a\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\","
    " \"sensitive\": \"yes\"}]}",
    "{\"list\": \"t\", \"version\": \"1\", \"items\": [{\"code\": \"a\", \"name_zh\": \"甲\","
    " \"name_en\": 3}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GdCodeTable *table;

      g_test_message ("bad table %u", i);
      table = parse (bad[i], &error);
      g_assert_null (table);
      g_assert_nonnull (error);
      if (i >= 2)
        g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
    }
}

typedef struct {
  const char *list;
  GdCodeTable *table;
} ThreadData;

static gpointer
load_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  data->table = gd_codes_get (data->list);
  g_assert_nonnull (gd_code_table_lookup (data->table, "AQ01"));
  return NULL;
}

static void
test_threads (void)
{
  ThreadData data[8];
  GThread *threads[8];

  /* A list nobody has loaded yet in this process, raced by several threads. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].list = "incident-categories";
      data[i].table = NULL;
      threads[i] = g_thread_new ("codes", load_in_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (data[i].table == data[0].table);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so the table is loaded by racing threads rather than an earlier test. */
  g_test_add_func ("/codes/threads", test_threads);
  g_test_add_func ("/codes/all-lists-load", test_all_lists_load);
  g_test_add_func ("/codes/list-names", test_list_names);
  g_test_add_func ("/codes/unknown", test_unknown);
  g_test_add_func ("/codes/sex", test_sex);
  g_test_add_func ("/codes/relationship", test_relationship);
  g_test_add_func ("/codes/ethnicity", test_ethnicity);
  g_test_add_func ("/codes/education", test_education);
  g_test_add_func ("/codes/political-status", test_political_status);
  g_test_add_func ("/codes/incident-categories", test_incident_categories);
  g_test_add_func ("/codes/care-tags", test_care_tags);
  g_test_add_func ("/codes/document-enums", test_document_enums);
  g_test_add_func ("/codes/component-classes", test_component_classes);
  g_test_add_func ("/codes/children", test_children);
  g_test_add_func ("/codes/from-bytes", test_from_bytes);
  g_test_add_func ("/codes/malformed", test_malformed);

  return g_test_run ();
}
