/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-demo"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gd-idcard.h"
#include "gd-demo-private.h"

const char * const gd_demo_tag_codes[GD_DEMO_N_TAGS] = {
  "elderly_alone", "empty_nest", "left_behind_child", "disability", "dibao", "tekun",
  "serious_illness", "veteran", "community_correction", "mental_disorder",
};

#define MAX_MEMBERS 6

/* One member as planned before the details are drawn. */
typedef struct {
  int                 sex;
  int                 age;
  const char         *relation;  /* GB/T 4761 */
  const char         *surname;
  const char         *residence;
  const GdDemoRegion *origin;    /* where first registered; NULL: here */
  gboolean            blood;     /* of the head's line: shares ethnicity */
  guint16             tags;
} Member;

typedef struct {
  Member   m[MAX_MEMBERS];
  guint    n;
  gboolean floating;
  gboolean rural;
} Family;

static Member *
add_member (Family     *f,
            int         sex,
            int         age,
            const char *relation,
            const char *surname)
{
  Member *m;

  g_assert (f->n < MAX_MEMBERS);
  m = &f->m[f->n++];
  memset (m, 0, sizeof *m);
  m->sex = sex;
  m->age = MAX (age, 0);
  m->relation = relation;
  m->surname = surname;
  m->blood = TRUE;
  return m;
}

static int
other_sex (int sex)
{
  return sex == 1 ? 2 : 1;
}

/* Mothers and fathers are 21-38 years older than their children. */
static int
child_age (GdDemo *demo,
           int     parent_age)
{
  int max_gap = MIN (38, parent_age);
  int min_gap = MIN (21, max_gap);

  return parent_age - gd_demo_int (demo, min_gap, max_gap + 1);
}

static Member *
add_head (GdDemo *demo,
          Family *f,
          int     sex,
          int     age)
{
  return add_member (f, sex, age, "02", gd_demo_surname (demo));
}

static Member *
add_head_drawn (GdDemo *demo,
                Family *f,
                double  p_male,
                int     min_age,
                int     max_age)
{
  int sex = gd_demo_chance (demo, p_male) ? 1 : 2;

  return add_head (demo, f, sex, gd_demo_int (demo, min_age, max_age + 1));
}

static Member *
add_spouse (GdDemo *demo,
            Family *f)
{
  Member *head = &f->m[0];
  int sex = other_sex (head->sex);
  /* husbands tend to be a few years older */
  int age = head->age + (sex == 2 ? gd_demo_int (demo, -6, 3) : gd_demo_int (demo, -2, 7));
  const char *relation = gd_demo_chance (demo, 0.3) ? "10" : sex == 2 ? "12" : "11";
  const char *surname = gd_demo_surname (demo);
  /* the legal age of marriage */
  Member *m = add_member (f, sex, MAX (age, sex == 2 ? 20 : 22), relation, surname);

  m->blood = FALSE;
  return m;
}

/* The head's (or head couple's) children; relation codes say eldest/second son or daughter. */
static void
add_children (GdDemo     *demo,
              Family     *f,
              int         mother_age,
              guint       n,
              const char *surname)
{
  static const char * const sons[] = { "22", "23", "24" };
  static const char * const daughters[] = { "32", "33", "34" };
  int ages[3];
  int sexes[3];
  guint n_sons = 0, n_daughters = 0;

  g_assert (n <= 3);
  for (guint i = 0; i < n; i++)
    {
      ages[i] = child_age (demo, mother_age);
      sexes[i] = gd_demo_chance (demo, 0.52) ? 1 : 2;
    }
  /* eldest first */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (ages[j] > ages[i])
        {
          int t = ages[i]; ages[i] = ages[j]; ages[j] = t;
          t = sexes[i]; sexes[i] = sexes[j]; sexes[j] = t;
        }
  for (guint i = 0; i < n; i++)
    {
      guint same = 0;
      const char *relation;

      for (guint j = 0; j < n; j++)
        same += sexes[j] == sexes[i];
      if (n == 1)
        relation = gd_demo_chance (demo, 0.5) ? (sexes[i] == 1 ? "21" : "31")
                                              : (sexes[i] == 1 ? "20" : "30");
      else if (same == 1)
        relation = sexes[i] == 1 ? "20" : "30";
      else
        relation = sexes[i] == 1 ? sons[n_sons] : daughters[n_daughters];
      n_sons += sexes[i] == 1;
      n_daughters += sexes[i] == 2;
      add_member (f, sexes[i], ages[i], relation, surname);
    }
}

/* The head's own father (51) and/or mother (52); a widowed parent is more often the mother. */
static void
add_head_parents (GdDemo *demo,
                  Family *f,
                  guint   n)
{
  Member *head = &f->m[0];
  int father_age = head->age + gd_demo_int (demo, 23, 36);
  int mother_age = father_age - gd_demo_int (demo, 0, 5);

  father_age = MIN (father_age, 98);
  mother_age = MIN (mother_age, 96);
  gboolean father = n == 2 || gd_demo_chance (demo, 0.35);
  gboolean mother = n == 2 || !father;

  if (father)
    add_member (f, 1, father_age, "51", head->surname);
  if (mother)
    add_member (f, 2, mother_age, "52", gd_demo_surname (demo))->blood = FALSE;
}

static const char *
family_surname (Family *f)
{
  /* children take the father's surname */
  if (f->n > 1 && f->m[0].sex == 2 && f->m[1].sex == 1 && f->m[1].relation[0] == '1')
    return f->m[1].surname;
  return f->m[0].surname;
}

static int
mother_age (Family *f)
{
  if (f->n > 1 && f->m[1].relation[0] == '1')
    return f->m[0].sex == 2 ? f->m[0].age : f->m[1].age;
  return f->m[0].age;
}

/* Grandparents head the household; a son (or daughter) and spouse live with them with their
 * children. Rural young parents often work in the cities, leaving the children behind. */
static void
plan_three_generations (GdDemo *demo,
                        Family *f,
                        guint   n_grandchildren)
{
  Member *middle, *in_law;
  gboolean son = gd_demo_chance (demo, 0.8);
  const char *line;
  gboolean away;
  int head_age = gd_demo_int (demo, 50, 76);
  int head_sex = gd_demo_chance (demo, 0.85) ? 1 : 2;
  int age;

  add_head (demo, f, head_sex, head_age);
  add_spouse (demo, f);
  line = family_surname (f);
  /* married children: at least the legal age of marriage */
  age = child_age (demo, mother_age (f));
  if (son)
    {
      middle = add_member (f, 1, MAX (age, 22), "20", line);
      age = middle->age + gd_demo_int (demo, -4, 2);
      in_law = add_member (f, 2, MAX (age, 20), "38", gd_demo_surname (demo));
    }
  else
    {
      middle = add_member (f, 2, MAX (age, 20), "30", line);
      age = middle->age + gd_demo_int (demo, -2, 5);
      in_law = add_member (f, 1, MAX (age, 22), "28", gd_demo_surname (demo));
    }
  in_law->blood = FALSE;

  away = middle->age <= 45 && gd_demo_chance (demo, f->rural ? 0.4 : 0.1);
  if (away)
    middle->residence = in_law->residence = "registered_away";

  for (guint i = 0; i < n_grandchildren; i++)
    {
      int sex = gd_demo_chance (demo, 0.52) ? 1 : 2;
      int years = child_age (demo, son ? in_law->age : middle->age);
      const char *relation = son ? (sex == 1 ? "41" : "42") : (sex == 1 ? "43" : "44");
      Member *child = add_member (f, sex, years, relation, son ? middle->surname : in_law->surname);

      if (away && years < 16)
        child->tags |= GD_DEMO_TAG_LEFT_BEHIND_CHILD;
    }
}

static void
plan_couple (GdDemo *demo,
             Family *f,
             int     min_age,
             int     max_age,
             guint   n_children,
             guint   n_parents)
{
  int sex = gd_demo_chance (demo, 0.82) ? 1 : 2;
  int age = gd_demo_int (demo, min_age, max_age + 1);

  /* parents of children need to be old enough; parents living with them not too old */
  if (n_children > 0)
    age = MAX (age, 24);
  if (n_parents > 0)
    age = MIN (age, 65);
  add_head (demo, f, sex, age);
  add_spouse (demo, f);
  add_children (demo, f, mother_age (f), n_children, family_surname (f));
  if (n_parents > 0)
    add_head_parents (demo, f, n_parents);
}

static guint
household_size (GdDemo   *demo,
                gboolean  floating)
{
  static const guint local_weights[] = { 10, 21, 22, 21, 16, 10 };
  static const guint floating_weights[] = { 35, 25, 25, 15 };

  if (floating)
    return 1 + gd_demo_weighted (demo, floating_weights, G_N_ELEMENTS (floating_weights));
  return 1 + gd_demo_weighted (demo, local_weights, G_N_ELEMENTS (local_weights));
}

static void
plan_family (GdDemo *demo,
             Family *f)
{
  guint size = household_size (demo, f->floating);
  double r = g_rand_double (demo->rand);
  int max_age = f->floating ? 52 : 82;

  f->n = 0;
  switch (size)
    {
    case 1:
      if (!f->floating && r < 0.45)
        add_head_drawn (demo, f, 0.4, 60, 92);
      else
        add_head_drawn (demo, f, 0.65, 19, f->floating ? 50 : 59);
      break;
    case 2:
      if (r < 0.6)
        plan_couple (demo, f, 22, max_age, 0, 0);
      else if (r < 0.85)
        {
          add_head_drawn (demo, f, 0.4, 38, max_age - 1);
          add_children (demo, f, f->m[0].age, 1, f->m[0].surname);
        }
      else
        {
          add_head_drawn (demo, f, 0.6, 25, 55);
          add_head_parents (demo, f, 1);
        }
      break;
    case 3:
      if (r < 0.8 || f->floating)
        plan_couple (demo, f, 24, MIN (max_age, 62), 1, 0);
      else
        plan_couple (demo, f, 28, 62, 0, 1);
      break;
    case 4:
      if (r < 0.5)
        plan_couple (demo, f, 26, 55, 2, 0);
      else if (r < 0.75 || f->floating)
        plan_couple (demo, f, 28, 60, 1, 1);
      else
        plan_three_generations (demo, f, 0);
      break;
    case 5:
      if (r < 0.5)
        plan_three_generations (demo, f, 1);
      else if (r < 0.8)
        plan_couple (demo, f, 30, 58, 2, 1);
      else
        plan_couple (demo, f, 32, 60, 3, 0);
      break;
    case 6:
    default:
      if (r < 0.6)
        plan_three_generations (demo, f, 2);
      else
        plan_couple (demo, f, 30, 60, 2, 2);
      break;
    }
}

/* ---- details of each person ---------------------------------------------------------------- */

static gint64
birth_time (GdDemo *demo,
            int     age)
{
  /* local midnight of a day `age` years and some days before now, never in the future */
  gint64 local_today = (GD_DEMO_NOW + GD_DEMO_CST) / GD_DEMO_DAY;
  gint64 days = (gint64) (age * 365.2425) + gd_demo_int (demo, 1, 365);

  return (local_today - days) * GD_DEMO_DAY;
}

/* A unique GB 11643 number whose birth date and sex agree with the person's. */
static void
make_id_number (GdDemo     *demo,
                const char *region,
                const char *birth_date,
                int         sex,
                char        out[19])
{
  char first17[18];

  for (;;)
    {
      /* 2 digits of the police station, then odd for men and even for women */
      int station = gd_demo_int (demo, 0, 100);
      int last = 2 * gd_demo_int (demo, 0, 5) + (sex == 1 ? 1 : 0);

      g_snprintf (first17, sizeof first17, "%s%.4s%.2s%.2s%02d%d", region, birth_date,
                  birth_date + 5, birth_date + 8, station, last);
      if (!g_hash_table_contains (demo->id_prefixes, first17))
        break;
    }
  g_hash_table_add (demo->id_prefixes, (gpointer) gd_demo_strdup (demo, first17));
  memcpy (out, first17, 17);
  out[17] = gd_idcard_check_char (first17);
  out[18] = '\0';
}

/* GB/T 4658 highest education, by the schooling of each generation */
static const char *
education (GdDemo *demo,
           int     age,
           int     birth_year)
{
  static const char * const levels[] = { "10", "20", "30", "40", "60", "70", "80", "90" };
  static const guint before_1955[] = { 0, 0, 1, 2, 7, 28, 42, 20 };
  static const guint before_1975[] = { 0, 2, 3, 5, 20, 45, 23, 2 };
  static const guint before_1990[] = { 1, 12, 15, 12, 25, 33, 2, 0 };
  static const guint later[] = { 3, 22, 25, 15, 20, 15, 0, 0 };
  const guint *weights;

  if (age < 7)
    return NULL;
  if (age < 13)
    return "80";
  if (age < 16)
    return "70";
  if (age < 19)
    return "60";
  if (birth_year < 1955)
    weights = before_1955;
  else if (birth_year < 1975)
    weights = before_1975;
  else if (birth_year < 1990)
    weights = before_1990;
  else
    weights = later;
  return levels[gd_demo_weighted (demo, weights, G_N_ELEMENTS (levels))];
}

/* GB/T 4762: 01 中共党员, 02 预备党员, 03 共青团员, 13 群众 */
static const char *
political_status (GdDemo *demo,
                  int     age,
                  int     sex)
{
  if (age < 14)
    return NULL;
  if (age <= 28 && gd_demo_chance (demo, 0.35))
    return "03";
  if (age >= 22 && gd_demo_chance (demo, sex == 1 ? 0.09 : 0.04))
    return "01";
  if (age >= 20 && gd_demo_chance (demo, 0.003))
    return "02";
  return "13";
}

static const char *
occupation (GdDemo     *demo,
            const Family *f,
            const Member *m,
            gboolean     *has_employer)
{
  static const char * const rural_work[] = {
    "务农", "务农", "务农", "企业职工", "企业职工", "个体经营", "建筑工人", "灵活就业", "无业",
  };
  static const char * const urban_work[] = {
    "企业职工", "企业职工", "企业职工", "个体经营", "个体经营", "公司职员", "教师", "医护人员",
    "机关事业单位人员", "灵活就业", "无业",
  };
  static const char * const floating_work[] = {
    "企业职工", "企业职工", "企业职工", "建筑工人", "个体经营", "快递员", "餐饮服务员", "灵活就业",
  };
  const char *job;

  *has_employer = FALSE;
  if (m->age < 3)
    return NULL;
  if (m->age < 6)
    return "学龄前儿童";
  if (m->age < 18 || (m->age < 23 && gd_demo_chance (demo, 0.6)))
    return "学生";
  if (g_strcmp0 (m->residence, "registered_away") == 0)
    return "外出务工";
  if (m->age >= 60)
    return f->rural ? (m->age < 72 && gd_demo_chance (demo, 0.5) ? "务农" : "无") : "退休";

  if (f->floating)
    job = gd_demo_pick (demo, floating_work);
  else if (f->rural)
    job = gd_demo_pick (demo, rural_work);
  else
    job = gd_demo_pick (demo, urban_work);
  *has_employer = g_str_equal (job, "企业职工") || g_str_equal (job, "公司职员")
                  || g_str_equal (job, "教师") || g_str_equal (job, "医护人员")
                  || g_str_equal (job, "机关事业单位人员");
  return job;
}

static const char *
tag_note (GdDemo *demo,
          guint16 tags)
{
  if (tags & GD_DEMO_TAG_ELDERLY_ALONE)
    return gd_demo_chance (demo, 0.5) ? "网格员每周上门走访一次" : "子女在外地，已安装一键呼叫设备";
  if (tags & GD_DEMO_TAG_DISABILITY)
    return gd_demo_chance (demo, 0.5) ? "肢体残疾二级，持残疾人证" : "视力残疾三级";
  if (tags & GD_DEMO_TAG_LEFT_BEHIND_CHILD)
    return "父母在外务工，由祖父母照料";
  if (tags & GD_DEMO_TAG_COMMUNITY_CORRECTION)
    return "社区矫正期内，每月报到";
  if (tags & GD_DEMO_TAG_MENTAL_DISORDER)
    return "规律服药，监护人在家";
  return NULL;
}

/* Tags from the person alone; household-wide ones (empty nest, dibao) are set by the caller. */
static guint16
draw_tags (GdDemo       *demo,
           const Family *f,
           const Member *m)
{
  guint16 tags = m->tags;

  if (f->n == 1 && m->age >= 70)
    {
      tags |= GD_DEMO_TAG_ELDERLY_ALONE;
      if (gd_demo_chance (demo, 0.15))
        tags |= GD_DEMO_TAG_TEKUN;
    }
  if (gd_demo_chance (demo, m->age >= 60 ? 0.05 : 0.016))
    tags |= GD_DEMO_TAG_DISABILITY;
  if (m->age >= 30 && gd_demo_chance (demo, 0.012))
    tags |= GD_DEMO_TAG_SERIOUS_ILLNESS;
  if (m->sex == 1 && m->age >= 40 && gd_demo_chance (demo, 0.035))
    tags |= GD_DEMO_TAG_VETERAN;
  if (m->age >= 20 && m->age < 60 && gd_demo_chance (demo, 0.0015))
    tags |= GD_DEMO_TAG_COMMUNITY_CORRECTION;
  if (m->age >= 18 && gd_demo_chance (demo, 0.003))
    tags |= GD_DEMO_TAG_MENTAL_DISORDER;
  return tags;
}

static const char *
draw_phone (GdDemo *demo,
            int     age)
{
  double p = age < 16 ? 0.0 : age < 70 ? 0.93 : age < 80 ? 0.6 : 0.3;

  return gd_demo_chance (demo, p) ? gd_demo_mobile (demo) : NULL;
}

static const char * const minorities[] = { "03", "11", "06", "08", "15", "02" };

static JsonObject *
member_json (GdDemo        *demo,
             GdDemoVillage *village,
             const Family  *f,
             const Member  *m,
             const char    *ethnicity,
             const char    *local_address,
             const char    *hukou_abroad,
             guint          household)
{
  JsonObject *json = json_object_new ();
  GdDemoPerson person = { 0 };
  const char *region = m->origin != NULL ? m->origin->code : GD_DEMO_COUNTY_CODE;
  const char *edu, *politics, *job;
  gboolean has_employer;
  int birth_year;
  const char *note;

  gd_demo_format_date (birth_time (demo, m->age), person.birth_date);
  birth_year = atoi (person.birth_date);
  person.name = gd_demo_name (demo, m->surname, m->sex, birth_year);
  person.sex = (guint8) m->sex;
  person.age = (guint8) m->age;
  person.tags = m->tags;
  person.household = household;
  make_id_number (demo, region, person.birth_date, m->sex, person.id_number);
  person.phone = draw_phone (demo, m->age);

  gd_demo_set_uuid (demo, json, "id");
  json_object_set_string_member (json, "name", person.name);
  json_object_set_string_member (json, "id_type", "resident_id");
  json_object_set_string_member (json, "id_number", person.id_number);
  json_object_set_string_member (json, "sex", m->sex == 1 ? "1" : "2");
  json_object_set_string_member (json, "birth_date", person.birth_date);
  json_object_set_string_member (json, "ethnicity",
                                 m->blood ? ethnicity
                                          : gd_demo_chance (demo, 0.99) ? "01" : gd_demo_pick (demo, minorities));
  json_object_set_string_member (json, "relation", m->relation);
  if (person.phone != NULL)
    json_object_set_string_member (json, "phone", person.phone);
  json_object_set_string_member (json, "residence", m->residence);
  json_object_set_string_member (json, "hukou_address", hukou_abroad != NULL ? hukou_abroad : local_address);

  edu = education (demo, m->age, birth_year);
  if (edu != NULL)
    json_object_set_string_member (json, "education", edu);
  job = occupation (demo, f, m, &has_employer);
  person.occupation = job;
  if (job != NULL)
    json_object_set_string_member (json, "occupation", job);
  if (has_employer)
    json_object_set_string_member (json, "employer", gd_demo_company (demo));
  politics = political_status (demo, m->age, m->sex);
  if (politics != NULL)
    json_object_set_string_member (json, "political_status", politics);

  if (person.tags != 0)
    {
      JsonArray *tags = json_array_new ();

      for (guint i = 0; i < GD_DEMO_N_TAGS; i++)
        if (person.tags & (1 << i))
          json_array_add_string_element (tags, gd_demo_tag_codes[i]);
      json_object_set_array_member (json, "tags", tags);
      note = tag_note (demo, person.tags);
      if (note != NULL)
        json_object_set_string_member (json, "notes", note);
    }

  g_array_append_val (village->persons, person);
  return json;
}

/* ---- where the household lives ------------------------------------------------------------ */

typedef struct {
  const char  *address;
  JsonObject  *house;      /* urban only */
  GdDemoPoint  location;
} Home;

/* Urban grids are one residential compound of six-storey blocks: 2-3 units a block, two flats a
 * landing; households fill them in order. Rural households cluster by 村民小组. */
static void
draw_home (GdDemo     *demo,
           GdDemoGrid *grid,
           guint       index,
           double     *group_u,
           double     *group_v,
           Home       *home)
{
  const char *town = GD_DEMO_COUNTY_PLACE GD_DEMO_TOWN_NAME;

  if (grid->urban)
    {
      guint per_unit = 12;          /* 6 floors x 2 flats */
      guint units = 2 + grid->seq % 2;
      guint building = 1 + index / (per_unit * units);
      guint unit = 1 + index / per_unit % units;
      guint room = 100 * (1 + index % per_unit / 2) + 1 + index % 2;
      guint street_number = 8 + 2 * (grid->seq * 7 % 40);

      home->house = json_object_new ();
      json_object_set_string_member (home->house, "building", gd_demo_printf (demo, "%u", building));
      json_object_set_string_member (home->house, "unit", gd_demo_printf (demo, "%u", unit));
      json_object_set_string_member (home->house, "room", gd_demo_printf (demo, "%u", room));
      home->address = gd_demo_printf (demo, "%s%s%u号%s%u幢%u单元%u室", town, grid->roads[0],
                                      street_number, grid->estate, building, unit, room);
      /* blocks stand in rows across the compound */
      home->location = gd_demo_grid_point_near (demo, grid,
                                                0.15 + 0.7 * ((building * 37) % 10) / 10.0,
                                                0.15 + 0.7 * ((building * 53) % 7) / 7.0, 0.01);
    }
  else
    {
      guint group = grid->first_group + index % grid->n_groups;
      guint number = 1 + index / grid->n_groups;
      char group_name[16];

      gd_demo_cn_number (group, group_name);
      home->house = NULL;
      home->address = gd_demo_printf (demo, "%s%s%s组%u号", town, grid->village->name,
                                      group_name, number);
      home->location = gd_demo_grid_point_near (demo, grid, group_u[index % grid->n_groups],
                                                group_v[index % grid->n_groups], 0.15);
    }
}

static JsonObject *
rental_json (GdDemo *demo,
             gint64  created_at)
{
  JsonObject *rental = json_object_new ();
  gint64 since = created_at + GD_DEMO_CST - gd_demo_int (demo, 0, 30) * GD_DEMO_DAY;
  int years = gd_demo_int (demo, 1, 4);

  json_object_set_string_member (rental, "landlord", gd_demo_someone (demo, 0.6, 1950, 1990));
  json_object_set_string_member (rental, "phone", gd_demo_mobile (demo));
  gd_demo_set_date (rental, "since", since);
  gd_demo_set_date (rental, "until", since + (gint64) (years * 365.25 * GD_DEMO_DAY));
  return rental;
}

static const char *
draw_housing (GdDemo   *demo,
              gboolean  floating,
              gboolean  special)
{
  static const char * const local[] = { "owned", "rented", "lent", "collective", "other" };
  static const guint local_weights[] = { 930, 15, 40, 5, 10 };

  if (floating)
    return special && gd_demo_chance (demo, 0.5) ? "collective"
           : gd_demo_chance (demo, 0.75) ? "rented" : "lent";
  return local[gd_demo_weighted (demo, local_weights, G_N_ELEMENTS (local_weights))];
}

static gboolean
household_generate (GdDemo     *demo,
                    GdDemoGrid *grid,
                    guint       index,
                    double     *group_u,
                    double     *group_v,
                    GError    **error)
{
  GdDemoVillage *village = grid->village;
  GdDemoHousehold household = { 0 };
  Family f = { 0 };
  Home home = { 0 };
  JsonObject *doc;
  JsonArray *members;
  const char *housing;
  const char *ethnicity;
  const char *hukou_abroad = NULL;
  gboolean all_elderly = TRUE;
  gint64 created_at;
  guint index_in_village = village->households->len;

  f.rural = !grid->urban;
  /* about a tenth of the people are floating population, most in the market town */
  f.floating = gd_demo_chance (demo, grid->special ? 0.5 : grid->urban ? 0.2 : 0.12);
  plan_family (demo, &f);
  draw_home (demo, grid, index, group_u, group_v, &home);

  if (f.floating)
    {
      const GdDemoRegion *origin = gd_demo_origin_far (demo);

      hukou_abroad = gd_demo_origin_street (demo, origin);
      for (guint i = 0; i < f.n; i++)
        {
          f.m[i].origin = origin;
          f.m[i].residence = "floating";
        }
    }
  else
    {
      for (guint i = 0; i < f.n; i++)
        {
          Member *m = &f.m[i];

          /* some spouses married in from the neighbouring counties and kept their numbers */
          if (!m->blood && gd_demo_chance (demo, 0.3))
            m->origin = gd_demo_origin_near (demo);
          if (m->residence == NULL)
            m->residence = m->age >= 20 && m->age <= 45 && gd_demo_chance (demo, 0.004) ? "overseas"
                           : m->age >= 18 && m->age <= 45 && gd_demo_chance (demo, 0.04) ? "registered_away"
                           : "registered";
        }
    }

  for (guint i = 0; i < f.n; i++)
    {
      f.m[i].tags = draw_tags (demo, &f, &f.m[i]);
      all_elderly &= f.m[i].age >= 60;
    }
  if (all_elderly && !(f.n == 1 && f.m[0].age >= 70))
    for (guint i = 0; i < f.n; i++)
      f.m[i].tags |= GD_DEMO_TAG_EMPTY_NEST;
  if (!f.floating && gd_demo_chance (demo, 0.03))
    for (guint i = 0; i < f.n; i++)
      f.m[i].tags |= GD_DEMO_TAG_DIBAO;

  created_at = f.floating ? gd_demo_work_time (demo, gd_demo_int (demo, 5, 700))
                          : gd_demo_work_time (demo, gd_demo_int (demo, 300, 1200));
  household.doc_id = gd_demo_doc_id (demo, "household");
  household.number = gd_demo_printf (demo, "%03u%03u%04u", village->seq, grid->seq, index + 1);
  household.address = home.address;
  household.location = home.location;
  household.grid = grid->seq - 1;
  household.first_person = village->persons->len;
  household.n_persons = f.n;

  doc = gd_demo_envelope (demo, "household", household.doc_id, grid, created_at);
  json_object_set_string_member (doc, "number", household.number);
  json_object_set_string_member (doc, "address", home.address);
  if (home.house != NULL)
    json_object_set_object_member (doc, "house", home.house);
  json_object_set_object_member (doc, "location", gd_demo_location_new (home.location, NULL));
  housing = draw_housing (demo, f.floating, grid->special);
  json_object_set_string_member (doc, "housing", housing);
  if (g_str_equal (housing, "rented"))
    json_object_set_object_member (doc, "rental", rental_json (demo, created_at));

  ethnicity = gd_demo_chance (demo, f.floating ? 0.92 : 0.985) ? "01" : gd_demo_pick (demo, minorities);
  members = json_array_sized_new (f.n);
  for (guint i = 0; i < f.n; i++)
    json_array_add_object_element (members,
                                   member_json (demo, village, &f, &f.m[i], ethnicity, home.address,
                                                hukou_abroad, index_in_village));
  json_object_set_array_member (doc, "members", members);

  g_array_append_val (village->households, household);
  g_array_append_val (grid->households, index_in_village);
  demo->counts.households++;
  demo->counts.persons += f.n;
  return gd_demo_put (demo, doc, error);
}

gboolean
gd_demo_households_generate (GdDemo     *demo,
                             GdDemoGrid *grid,
                             GError    **error)
{
  double group_u[8], group_v[8];

  /* where each 村民小组's houses cluster */
  for (guint i = 0; i < G_N_ELEMENTS (group_u); i++)
    {
      group_u[i] = gd_demo_double (demo, 0.15, 0.85);
      group_v[i] = gd_demo_double (demo, 0.15, 0.85);
    }

  grid->households = g_array_sized_new (FALSE, FALSE, sizeof (guint), grid->n_households);
  for (guint i = 0; i < grid->n_households; i++)
    if (!household_generate (demo, grid, i, group_u, group_v, error))
      return FALSE;
  return TRUE;
}
