/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-demo"
#include "config.h"

#include <string.h>

#include "gd-demo-private.h"

/* Surnames weighted by their share of the population (in 0.01 %, rounded from the national
 * household-register statistics); the tail is flattened to keep the table short. */
typedef struct {
  const char *surname;
  guint       weight;
} Surname;

static const Surname surnames[] = {
  { "王", 710 }, { "李", 700 }, { "张", 670 }, { "刘", 540 }, { "陈", 460 }, { "杨", 320 },
  { "黄", 250 }, { "赵", 240 }, { "吴", 200 }, { "周", 190 }, { "徐", 150 }, { "孙", 150 },
  { "马", 140 }, { "朱", 130 }, { "胡", 130 }, { "郭", 110 }, { "何", 110 }, { "林", 100 },
  { "高", 100 }, { "罗", 100 }, { "郑", 98 }, { "梁", 86 }, { "谢", 80 }, { "宋", 76 },
  { "唐", 76 }, { "许", 67 }, { "韩", 66 }, { "冯", 65 }, { "邓", 64 }, { "曹", 63 },
  { "彭", 60 }, { "曾", 58 }, { "肖", 56 }, { "田", 55 }, { "董", 54 }, { "袁", 53 },
  { "潘", 51 }, { "于", 50 }, { "蒋", 50 }, { "蔡", 49 }, { "余", 48 }, { "杜", 47 },
  { "叶", 46 }, { "程", 45 }, { "苏", 43 }, { "魏", 42 }, { "吕", 42 }, { "丁", 41 },
  { "任", 40 }, { "沈", 39 }, { "姚", 38 }, { "卢", 37 }, { "姜", 36 }, { "崔", 35 },
  { "钟", 35 }, { "谭", 34 }, { "陆", 33 }, { "汪", 32 }, { "范", 31 }, { "金", 31 },
  { "石", 30 }, { "廖", 29 }, { "贾", 28 }, { "夏", 27 }, { "韦", 27 }, { "付", 26 },
  { "方", 25 }, { "白", 25 }, { "邹", 24 }, { "孟", 24 }, { "熊", 23 }, { "秦", 23 },
  { "邱", 22 }, { "江", 22 }, { "尹", 21 }, { "薛", 21 }, { "闫", 20 }, { "段", 20 },
  { "雷", 19 }, { "侯", 19 }, { "龙", 18 }, { "史", 18 }, { "陶", 17 }, { "黎", 17 },
  { "贺", 17 }, { "顾", 16 }, { "毛", 16 }, { "郝", 16 }, { "龚", 15 }, { "邵", 15 },
  { "万", 15 }, { "钱", 14 }, { "严", 14 }, { "覃", 14 }, { "武", 14 }, { "戴", 13 },
  { "莫", 13 }, { "孔", 13 }, { "向", 12 }, { "汤", 12 }, { "常", 12 }, { "温", 11 },
  { "康", 11 }, { "施", 11 }, { "文", 11 }, { "牛", 11 }, { "樊", 10 }, { "葛", 10 },
  { "邢", 10 }, { "安", 9 }, { "齐", 9 }, { "易", 9 }, { "乔", 9 }, { "伍", 9 },
  { "庞", 9 }, { "颜", 8 }, { "倪", 8 }, { "庄", 8 }, { "聂", 8 }, { "章", 8 },
  { "鲁", 7 }, { "岳", 7 }, { "翟", 7 }, { "殷", 7 }, { "詹", 7 }, { "申", 7 },
  { "欧", 7 }, { "耿", 6 }, { "关", 6 }, { "兰", 6 }, { "焦", 6 }, { "俞", 6 },
  { "左", 6 }, { "柳", 6 }, { "甘", 5 }, { "祝", 5 }, { "包", 5 }, { "宁", 5 },
  { "尚", 5 }, { "符", 5 }, { "舒", 5 }, { "阮", 5 }, { "柯", 5 }, { "纪", 5 },
  { "梅", 5 }, { "童", 5 }, { "凌", 4 }, { "毕", 4 }, { "单", 4 }, { "季", 4 },
  { "裴", 4 }, { "霍", 4 }, { "涂", 4 }, { "成", 4 }, { "苗", 4 }, { "谷", 4 },
  { "盛", 4 }, { "曲", 4 }, { "翁", 4 }, { "冉", 4 }, { "骆", 4 }, { "蓝", 4 },
  { "路", 4 }, { "游", 4 }, { "辛", 4 }, { "靳", 4 }, { "管", 3 }, { "柴", 3 },
  { "鲍", 3 }, { "华", 3 }, { "喻", 3 }, { "祁", 3 }, { "房", 3 }, { "滕", 3 },
  { "缪", 2 }, { "仲", 2 }, { "卞", 2 }, { "臧", 2 },
  /* compound surnames are rare */
  { "欧阳", 2 }, { "司马", 1 }, { "上官", 1 }, { "诸葛", 1 },
};

const char *
gd_demo_surname (GdDemo *demo)
{
  /* the app generates its demo village on a worker thread */
  static gsize total = 0;
  guint pick;

  if (g_once_init_enter (&total))
    {
      gsize sum = 0;
      for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
        sum += surnames[i].weight;
      g_once_init_leave (&total, sum);
    }

  pick = (guint) gd_demo_int (demo, 0, (int) total);
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (pick < surnames[i].weight)
        return surnames[i].surname;
      pick -= surnames[i].weight;
    }
  return surnames[0].surname;
}

/* Given names follow fashions, so they are split by generation (birth year) and sex. */
typedef struct {
  int                 until_year;
  const char * const *male;
  guint               n_male;
  const char * const *female;
  guint               n_female;
} Generation;

static const char * const male_old[] = {
  "建国", "建军", "国强", "国庆", "志明", "德明", "文华", "卫东", "红兵", "建华", "永福", "长生",
  "福生", "海波", "金龙", "桂林", "根宝", "春生", "宝山", "正华", "明华", "家才", "有才", "学文",
  "玉林", "宏伟", "加林", "德胜", "其昌", "兆丰", "广", "荣", "福", "贵", "祥", "财",
};
static const char * const female_old[] = {
  "秀英", "桂兰", "秀兰", "桂英", "玉兰", "凤英", "秀珍", "玉珍", "淑珍", "桂珍", "兰英", "素珍",
  "翠英", "桂芳", "红梅", "金凤", "美华", "爱华", "秀云", "玉梅", "凤兰", "冬梅", "春花", "月英",
  "菊香", "巧云", "彩霞", "兰", "英", "芳", "珍",
};
static const char * const male_mid[] = {
  "伟", "勇", "军", "磊", "涛", "斌", "强", "刚", "杰", "波", "辉", "鹏", "明", "超", "俊", "剑",
  "峰", "亮", "海涛", "志强", "建峰", "晓东", "永刚", "文斌", "国栋", "立新", "春雷", "卫国",
  "红军", "小龙", "建平", "宏亮", "海军", "云飞",
};
static const char * const female_mid[] = {
  "丽", "芳", "娟", "敏", "静", "燕", "艳", "霞", "玲", "红", "慧", "琴", "萍", "丽娟", "秀梅",
  "海燕", "晓燕", "春燕", "丽华", "美玲", "雪梅", "晓红", "红霞", "小红", "玉华", "桂香",
};
static const char * const male_young[] = {
  "浩", "宇", "鑫", "帅", "晨", "凯", "浩然", "子豪", "俊杰", "宇航", "家豪", "文博", "天宇",
  "志豪", "明轩", "思远", "嘉伟", "博文", "振宇", "鹏飞", "晨阳", "一鸣", "子健", "昊天",
};
static const char * const female_young[] = {
  "婷婷", "雪", "倩", "佳", "琳", "悦", "颖", "璐", "欣怡", "雨婷", "思雨", "晓雯", "梦瑶",
  "佳怡", "诗涵", "静怡", "心怡", "丹丹", "婉婷", "雨欣", "梦琪", "子怡",
};
static const char * const male_new[] = {
  "浩然", "梓轩", "宇轩", "子墨", "一诺", "沐宸", "浩宇", "俊熙", "皓轩", "宇泽", "梓睿", "奕辰",
  "思源", "子轩", "博宇", "铭泽", "睿哲", "承泽", "梓豪", "子涵", "煜祺", "锦程",
};
static const char * const female_new[] = {
  "梓萱", "子涵", "一诺", "欣妍", "语桐", "诗涵", "可馨", "雨涵", "若汐", "梓涵", "依诺", "沐瑶",
  "思彤", "芷若", "语嫣", "梓晴", "欣然", "紫萱", "佳琪", "安琪", "诗琪", "语汐",
};

static const Generation generations[] = {
  { 1964, male_old, G_N_ELEMENTS (male_old), female_old, G_N_ELEMENTS (female_old) },
  { 1989, male_mid, G_N_ELEMENTS (male_mid), female_mid, G_N_ELEMENTS (female_mid) },
  { 2004, male_young, G_N_ELEMENTS (male_young), female_young, G_N_ELEMENTS (female_young) },
  { G_MAXINT, male_new, G_N_ELEMENTS (male_new), female_new, G_N_ELEMENTS (female_new) },
};

/* Characters outside the BMP (CJK Extensions B-E) that real names use: the register must keep
 * them whole, so every few thousand people one turns up. */
static const char * const rare_chars[] = { "𣵦", "𠮷", "𬱖", "𬍛", "𫟼" };
#define RARE_EVERY 1500

const char *
gd_demo_name (GdDemo     *demo,
              const char *surname,
              int         sex,
              int         birth_year)
{
  const Generation *gen = &generations[G_N_ELEMENTS (generations) - 1];
  const char *given;
  const char *second = "";

  for (guint i = 0; i < G_N_ELEMENTS (generations); i++)
    if (birth_year <= generations[i].until_year)
      {
        gen = &generations[i];
        break;
      }

  if (sex == 1)
    given = gen->male[gd_demo_int (demo, 0, (int) gen->n_male)];
  else
    given = gen->female[gd_demo_int (demo, 0, (int) gen->n_female)];

  demo->person_serial++;
  if (demo->person_serial % RARE_EVERY == 0)
    {
      /* the rare character replaces a one-character given name or follows a longer one */
      given = gd_demo_pick (demo, rare_chars);
      if (gd_demo_chance (demo, 0.5))
        second = sex == 1 ? "明" : "华";
    }
  else if (birth_year >= 2005 && gd_demo_chance (demo, 0.02))
    {
      /* a few young parents give a three-character given name (mother's surname first) */
      second = given;
      given = gd_demo_surname (demo);
      if (g_utf8_strlen (given, -1) > 1)
        given = "陈";
    }

  return gd_demo_printf (demo, "%s%s%s", surname, given, second);
}

/* Draws one at a time: the order of random draws is what makes a seed reproducible, and C
 * leaves the order of function arguments open. */
const char *
gd_demo_someone (GdDemo *demo,
                 double  p_male,
                 int     first_year,
                 int     last_year)
{
  const char *surname = gd_demo_surname (demo);
  int sex = gd_demo_chance (demo, p_male) ? 1 : 2;
  int year = gd_demo_int (demo, first_year, last_year + 1);

  return gd_demo_name (demo, surname, sex, year);
}

const char *
gd_demo_mobile (GdDemo *demo)
{
  static const char * const prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "157", "158", "159", "180", "181", "182", "183", "187", "188", "189",
  };

  const char *prefix = gd_demo_pick (demo, prefixes);

  return gd_demo_printf (demo, "%s%08d", prefix, gd_demo_int (demo, 0, 100000000));
}

const char *
gd_demo_landline (GdDemo *demo)
{
  /* 0515 is Yancheng's area code */
  return gd_demo_printf (demo, "0515-88%06d", gd_demo_int (demo, 0, 1000000));
}

void
gd_demo_cn_number (guint n,
                   char  out[16])
{
  static const char * const digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

  g_assert (n >= 1 && n <= 99);
  if (n < 10)
    g_strlcpy (out, digits[n], 16);
  else
    g_snprintf (out, 16, "%s十%s", n >= 20 ? digits[n / 10] : "", digits[n % 10]);
}

typedef struct {
  const char *name;
  gboolean    community;
} VillageName;

/* The town's villages and communities; the first is the demo village. */
static const VillageName village_names[] = {
  { "新兴村", FALSE }, { "幸福社区", TRUE }, { "永丰村", FALSE }, { "东升村", FALSE },
  { "红旗村", FALSE }, { "振兴社区", TRUE }, { "立新村", FALSE }, { "三圩村", FALSE },
  { "联合村", FALSE }, { "双河村", FALSE }, { "友爱村", FALSE }, { "先锋村", FALSE },
  { "建设村", FALSE }, { "胜利村", FALSE }, { "前进村", FALSE }, { "团结村", FALSE },
};

const char *
gd_demo_village_name (guint     index,
                      gboolean *community)
{
  const VillageName *v = &village_names[index % G_N_ELEMENTS (village_names)];

  if (community != NULL)
    *community = v->community;
  return v->name;
}

static const char * const roads[] = {
  "幸福路", "人民路", "建设路", "解放路", "新华路", "文化路", "育才路", "振兴路", "兴业路",
  "团结路", "和平路", "青年路", "长江路", "黄河路", "希望大道", "世纪大道", "东进路", "开放大道",
  "盐渎路", "迎宾路", "富民路", "朝阳路", "康居路", "光明路", "跃进路", "新洋路", "通榆路",
  "范公路", "串场河路", "丹顶鹤路",
};

const char *
gd_demo_road (guint index)
{
  return roads[index % G_N_ELEMENTS (roads)];
}

static const char * const estates[] = {
  "幸福家园", "阳光花园", "翠竹苑", "锦绣华庭", "金色港湾", "和谐小区", "新兴花苑", "康居新村",
  "丽景湾", "怡景苑", "名都世家", "书香门第", "河滨花园", "紫薇苑", "春华小区", "泰和园",
};

const char *
gd_demo_estate (guint index)
{
  return estates[index % G_N_ELEMENTS (estates)];
}

static const char * const special_names[] = {
  "新兴中心小学专属网格", "新兴工业园区专属网格", "镇卫生院专属网格", "新兴初级中学专属网格",
  "农贸市场专属网格", "物流园专属网格",
};

const char *
gd_demo_special_name (guint index)
{
  return special_names[index % G_N_ELEMENTS (special_names)];
}

/* Home counties of the floating population (people come to Yancheng's factories from
 * northern Jiangsu, Anhui, Henan, Sichuan …); codes are real GB/T 2260 counties. */
static const GdDemoRegion far_regions[] = {
  { "341221", "安徽省阜阳市临泉县" },
  { "341222", "安徽省阜阳市太和县" },
  { "342401", "安徽省六安市裕安区" },
  { "341323", "安徽省宿州市灵璧县" },
  { "412722", "河南省周口市商水县" },
  { "411523", "河南省信阳市新县" },
  { "510322", "四川省自贡市富顺县" },
  { "511321", "四川省南充市南部县" },
  { "522422", "贵州省毕节市大方县" },
  { "320321", "江苏省徐州市丰县" },
  { "321322", "江苏省宿迁市沭阳县" },
  { "320826", "江苏省淮安市涟水县" },
  { "370826", "山东省济宁市微山县" },
  { "362121", "江西省赣州市赣县区" },
};

/* Neighbouring counties brides and grooms marry in from. */
static const GdDemoRegion near_regions[] = {
  { "320923", "江苏省盐城市阜宁县" },
  { "320924", "江苏省盐城市射阳县" },
  { "320925", "江苏省盐城市建湖县" },
  { "320981", "江苏省盐城市东台市" },
  { "320904", "江苏省盐城市大丰区" },
  { "320903", "江苏省盐城市盐都区" },
  { "321084", "江苏省扬州市高邮市" },
};

const GdDemoRegion *
gd_demo_origin_far (GdDemo *demo)
{
  return &far_regions[gd_demo_int (demo, 0, G_N_ELEMENTS (far_regions))];
}

const GdDemoRegion *
gd_demo_origin_near (GdDemo *demo)
{
  return &near_regions[gd_demo_int (demo, 0, G_N_ELEMENTS (near_regions))];
}

const char *
gd_demo_origin_street (GdDemo             *demo,
                       const GdDemoRegion *region)
{
  static const char * const towns[] = {
    "城关镇", "新集镇", "王庄乡", "李集镇", "河口镇", "高桥镇", "马庄乡", "柳树镇", "石桥镇",
  };
  static const char * const villages[] = {
    "东风村", "前进村", "张庄村", "李楼村", "王湾村", "新农村", "和平村", "大桥村", "小河村",
  };
  const char *town = gd_demo_pick (demo, towns);
  const char *village = gd_demo_pick (demo, villages);
  int number = gd_demo_int (demo, 1, 80);
  char group[16];

  gd_demo_cn_number ((guint) gd_demo_int (demo, 1, 13), group);
  return gd_demo_printf (demo, "%s%s%s%s组%d号", region->place, town, village, group, number);
}

const char *
gd_demo_company (GdDemo *demo)
{
  static const char * const companies[] = {
    "盐城市新兴纺织有限公司", "江苏恒达机械制造有限公司", "盐城市亭湖区新兴中心小学",
    "新兴镇人民政府", "盐城市鑫源汽车配件有限公司", "江苏绿野农业发展有限公司",
    "盐城市华宇电子科技有限公司", "新兴镇卫生院", "盐城市亭湖区新兴农贸市场",
    "江苏顺通物流有限公司", "盐城市金港建材有限公司", "新兴镇供销合作社",
  };

  return gd_demo_pick (demo, companies);
}
