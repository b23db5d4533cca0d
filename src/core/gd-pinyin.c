/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-pinyin"
#include "config.h"

#include "gd-pinyin.h"

#include <string.h>

/* Defined in the generated gd-pinyin-table.c (tools/gen-pinyin-table.py). */
extern const char *const gd_pinyin_data_pool[];
extern const guint8 gd_pinyin_data_pool_common[];
extern const guint32 gd_pinyin_data_chars[];
extern const guint16 gd_pinyin_data_lists[];
extern const guint gd_pinyin_data_n_chars;
extern const char gd_pinyin_data_unihan_version[];

/* More than the table's longest list (8) plus an inserted surname reading. */
#define MAX_ALTS 12

/* Extra cost of a reading only the Hanyu Da Zidian knows (王 yu, 平 bing): it ranks behind
 * combinations that change up to this many characters to their next common reading. */
#define ARCHAIC_COST 3

/* Compound surnames, read as a unit: the two characters must start the name. Traditional
 * forms too, for records typed on a traditional-character system. */
static const struct {
  const char *chars; /* exactly two characters */
  const char *first;
  const char *second;
} compound_surnames[] = {
  { "欧阳", "ou", "yang" },      { "歐陽", "ou", "yang" },
  { "司马", "si", "ma" },        { "司馬", "si", "ma" },
  { "上官", "shang", "guan" },
  { "诸葛", "zhu", "ge" },       { "諸葛", "zhu", "ge" },
  { "东方", "dong", "fang" },    { "東方", "dong", "fang" },
  { "皇甫", "huang", "fu" },
  { "尉迟", "yu", "chi" },       { "尉遲", "yu", "chi" },
  { "公孙", "gong", "sun" },     { "公孫", "gong", "sun" },
  { "慕容", "mu", "rong" },
  { "长孙", "zhang", "sun" },    { "長孫", "zhang", "sun" },
  { "宇文", "yu", "wen" },
  { "司徒", "si", "tu" },
  { "令狐", "ling", "hu" },
  { "夏侯", "xia", "hou" },
  { "澹台", "tan", "tai" },      { "澹臺", "tan", "tai" },
  { "端木", "duan", "mu" },
  { "万俟", "mo", "qi" },        { "萬俟", "mo", "qi" },
  { "闻人", "wen", "ren" },      { "聞人", "wen", "ren" },
  { "独孤", "du", "gu" },        { "獨孤", "du", "gu" },
  { "南宫", "nan", "gong" },     { "南宮", "nan", "gong" },
  { "西门", "xi", "men" },       { "西門", "xi", "men" },
  { "轩辕", "xuan", "yuan" },    { "軒轅", "xuan", "yuan" },
  { "钟离", "zhong", "li" },     { "鍾離", "zhong", "li" },
  { "呼延", "hu", "yan" },
  { "申屠", "shen", "tu" },
  { "太史", "tai", "shi" },
  { "第五", "di", "wu" },
  { "百里", "bai", "li" },
  { "东郭", "dong", "guo" },     { "東郭", "dong", "guo" },
  { "公冶", "gong", "ye" },
  { "公羊", "gong", "yang" },
  { "谷梁", "gu", "liang" },     { "穀梁", "gu", "liang" },
  { "赫连", "he", "lian" },      { "赫連", "he", "lian" },
  { "拓跋", "tuo", "ba" },
  { "完颜", "wan", "yan" },      { "完顏", "wan", "yan" },
  { "司空", "si", "kong" },
  { "司寇", "si", "kou" },
  { "鲜于", "xian", "yu" },      { "鮮于", "xian", "yu" },
  { "闾丘", "lv", "qiu" },       { "閭丘", "lv", "qiu" },
  { "濮阳", "pu", "yang" },      { "濮陽", "pu", "yang" },
  { "淳于", "chun", "yu" },
  { "太叔", "tai", "shu" },
  { "仲孙", "zhong", "sun" },    { "仲孫", "zhong", "sun" },
  { "叔孙", "shu", "sun" },      { "叔孫", "shu", "sun" },
  { "宰父", "zai", "fu" },
  { "漆雕", "qi", "diao" },
  { "亓官", "qi", "guan" },
  { "左丘", "zuo", "qiu" },
  { "梁丘", "liang", "qiu" },
  { "东门", "dong", "men" },     { "東門", "dong", "men" },
  { "公西", "gong", "xi" },
  { "巫马", "wu", "ma" },        { "巫馬", "wu", "ma" },
  { "颛孙", "zhuan", "sun" },    { "顓孫", "zhuan", "sun" },
  { "壤驷", "rang", "si" },      { "壤駟", "rang", "si" },
  { "乐正", "yue", "zheng" },    { "樂正", "yue", "zheng" },
};

/* Single-character surnames whose surname reading is not (or not surely) the character's
 * first reading in the table. Left out on purpose: the compound 单于 (chanyu), as 单 shan
 * followed by a given name starting with 于 is far more common today. */
static const struct {
  const char *ch;
  const char *reading;
} surnames[] = {
  { "单", "shan" },  { "單", "shan" },  { "曾", "zeng" },  { "解", "xie" },   { "仇", "qiu" },
  { "朴", "piao" },  { "樸", "piao" },  { "区", "ou" },    { "區", "ou" },    { "查", "zha" },
  { "盖", "ge" },    { "蓋", "ge" },    { "缪", "miao" },  { "繆", "miao" },  { "翟", "zhai" },
  { "乐", "yue" },   { "樂", "yue" },   { "尉", "yu" },    { "覃", "qin" },   { "繁", "po" },
  { "种", "chong" }, { "種", "chong" }, { "任", "ren" },   { "沈", "shen" },  { "秘", "bi" },
  { "黑", "he" },    { "员", "yun" },   { "員", "yun" },   { "过", "guo" },   { "過", "guo" },
  { "臧", "zang" },  { "纪", "ji" },    { "紀", "ji" },    { "华", "hua" },   { "華", "hua" },
  { "贾", "jia" },   { "賈", "jia" },   { "宁", "ning" },  { "寧", "ning" },  { "长", "chang" },
  { "長", "chang" }, { "召", "shao" },  { "句", "gou" },   { "谌", "chen" },  { "諶", "chen" },
  { "藏", "zang" },  { "柏", "bai" },   { "薄", "bo" },    { "卜", "bu" },    { "折", "she" },
  { "阚", "kan" },   { "闞", "kan" },   { "隗", "wei" },   { "燕", "yan" },   { "那", "na" },
  { "禚", "zhuo" },  { "郇", "huan" },  { "颉", "xie" },   { "頡", "xie" },   { "粘", "nian" },
  { "逄", "pang" },  { "洗", "xian" },  { "冼", "xian" },  { "能", "nai" },   { "都", "du" },
  { "佴", "nai" },   { "应", "ying" },  { "應", "ying" },  { "於", "yu" },    { "相", "xiang" },
  { "车", "che" },   { "車", "che" },   { "朝", "chao" },  { "厍", "she" },   { "厙", "she" },
  { "褚", "chu" },   { "蔺", "lin" },   { "藺", "lin" },   { "便", "pian" },  { "乜", "nie" },
  { "隽", "juan" },  { "雋", "juan" },  { "炅", "gui" },   { "曲", "qu" },    { "重", "chong" },
  { "盛", "sheng" }, { "行", "xing" },  { "哈", "ha" },    { "阿", "a" },     { "万", "wan" },
  { "萬", "wan" },   { "莫", "mo" },    { "石", "shi" },   { "祭", "zhai" },  { "眭", "sui" },
  { "缑", "gou" },   { "緱", "gou" },   { "叶", "ye" },    { "葉", "ye" },    { "宿", "su" },
  { "瞿", "qu" },
};

typedef struct {
  gunichar ch;     /* 0 for an ASCII letter or digit, which is `ascii` */
  char ascii;
  guint n_alts;
  const char *alts[MAX_ALTS];
  guint costs[MAX_ALTS]; /* how unlikely each reading is; 0 for the first, never decreasing */
} Slot;

/* Offset of the readings of `ch` in gd_pinyin_data_pool, or -1. */
static int
lookup (gunichar ch)
{
  guint lo = 0;
  guint hi = gd_pinyin_data_n_chars;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gd_pinyin_data_chars[mid] < ch)
        lo = mid + 1;
      else if (gd_pinyin_data_chars[mid] > ch)
        hi = mid;
      else
        return gd_pinyin_data_lists[mid];
    }
  return -1;
}

static int
find_readings (gunichar ch)
{
  int offset = lookup (ch);

  /* CJK compatibility ideographs mostly have no Unihan reading of their own but decompose
   * canonically to the unified ideograph that has. */
  if (offset < 0 && ch >= 0x80)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (g_unichar_fully_decompose (ch, FALSE, decomposed, G_N_ELEMENTS (decomposed)) == 1 &&
          decomposed[0] != ch)
        offset = lookup (decomposed[0]);
    }
  return offset;
}

const char *const *
gd_pinyin_readings (gunichar ch)
{
  int offset = find_readings (ch);

  return offset >= 0 ? &gd_pinyin_data_pool[offset] : NULL;
}

const guint32 *
gd_pinyin_table_chars (guint *n_chars)
{
  g_return_val_if_fail (n_chars != NULL, NULL);

  *n_chars = gd_pinyin_data_n_chars;
  return gd_pinyin_data_chars;
}

const char *
gd_pinyin_unihan_version (void)
{
  return gd_pinyin_data_unihan_version;
}

/* TRUE when NFKC leaves `text` as it is, by a quick look: ASCII and the unified CJK
 * ideographs (no decompositions) cover almost every name and address, and normalizing was
 * the larger part of working out search keys. */
static gboolean
nfkc_stable (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch;

      if ((guchar) *p < 0x80)
        continue;
      ch = g_utf8_get_char (p);
      if (!((ch >= 0x4E00 && ch <= 0x9FFF) || (ch >= 0x3400 && ch <= 0x4DBF)))
        return FALSE;
    }
  return TRUE;
}

/* Valid, NFKC-normalized UTF-8: full-width ASCII and compatibility ideographs fold. */
static char *
normalize (const char *text)
{
  g_autofree char *valid = NULL;
  char *norm;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  else if (nfkc_stable (text))
    return g_strdup (text);
  norm = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  return norm != NULL ? norm : g_strdup (text);
}

char *
gd_text_fold (const char *text)
{
  g_autofree char *norm = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  norm = normalize (text);
  out = g_string_sized_new (strlen (norm));
  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      /* Zero-width spaces and BOMs come along with pasted text and are not spaces to GLib. */
      if (g_unichar_isspace (ch) || ch == 0x200B || ch == 0xFEFF)
        continue;
      if (ch < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) ch));
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Moves `reading` to the front of the slot's readings, adding it if Unihan lacks it; the
 * other readings become one step less likely. */
static void
slot_prefer (Slot       *slot,
             const char *reading)
{
  guint i;

  for (i = 0; i < slot->n_alts; i++)
    if (strcmp (slot->alts[i], reading) == 0)
      break;
  if (i == slot->n_alts)
    {
      if (slot->n_alts == MAX_ALTS)
        slot->n_alts--; /* drop the least likely one */
      i = slot->n_alts++;
    }
  memmove (&slot->alts[1], &slot->alts[0], i * sizeof (slot->alts[0]));
  memmove (&slot->costs[1], &slot->costs[0], i * sizeof (slot->costs[0]));
  slot->alts[0] = reading;
  slot->costs[0] = 0;
  for (guint j = 1; j < slot->n_alts; j++)
    slot->costs[j]++;
}

/* The surname tables as code points, decoded once: every name meets all of them (a first
 * sync reads some 300,000 names, twice). */
typedef struct {
  gunichar compound[G_N_ELEMENTS (compound_surnames)][2];
  gunichar single[G_N_ELEMENTS (surnames)];
} SurnameChars;

static const SurnameChars *
surname_chars (void)
{
  static SurnameChars chars;
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < G_N_ELEMENTS (compound_surnames); i++)
        {
          const char *c = compound_surnames[i].chars;

          chars.compound[i][0] = g_utf8_get_char (c);
          chars.compound[i][1] = g_utf8_get_char (g_utf8_next_char (c));
        }
      for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
        chars.single[i] = g_utf8_get_char (surnames[i].ch);
      g_once_init_leave (&ready, 1);
    }
  return &chars;
}

static void
apply_surname (GArray *slots)
{
  const SurnameChars *chars = surname_chars ();
  Slot *s = (Slot *) slots->data;

  if (slots->len == 0 || s[0].ch == 0)
    return;

  if (slots->len >= 2 && s[1].ch != 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (compound_surnames); i++)
        if (chars->compound[i][0] == s[0].ch && chars->compound[i][1] == s[1].ch)
          {
            slot_prefer (&s[0], compound_surnames[i].first);
            slot_prefer (&s[1], compound_surnames[i].second);
            return;
          }
    }

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    if (chars->single[i] == s[0].ch)
      {
        slot_prefer (&s[0], surnames[i].reading);
        return;
      }
}

/* For initials only the first letter of each reading counts: 重 zhong/chong/tong gives z, c, t. */
static void
slot_to_initials (Slot *slot)
{
  guint n = 0;

  for (guint i = 0; i < slot->n_alts; i++)
    {
      gboolean dup = FALSE;

      for (guint j = 0; j < n && !dup; j++)
        dup = slot->alts[j][0] == slot->alts[i][0];
      if (!dup)
        {
          /* costs never decrease, so the first of a letter is its cheapest */
          slot->costs[n] = slot->costs[i];
          slot->alts[n++] = slot->alts[i];
        }
    }
  slot->n_alts = n;
}

static GArray *
build_slots (const char   *text,
             GdPinyinMode  mode,
             gboolean      initials)
{
  g_autofree char *norm = normalize (text);
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (Slot));

  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      Slot slot = { 0, };

      if (ch < 0x80)
        {
          if (!g_ascii_isalnum ((char) ch))
            continue;
          slot.ascii = g_ascii_tolower ((char) ch);
          slot.n_alts = 1;
        }
      else
        {
          int offset = find_readings (ch);
          const char *const *readings;
          guint n_common;

          if (offset < 0)
            continue;
          readings = &gd_pinyin_data_pool[offset];
          n_common = gd_pinyin_data_pool_common[offset];
          slot.ch = ch;
          /* Keep one place free for a surname reading Unihan may lack. */
          for (guint i = 0; readings[i] != NULL && i < MAX_ALTS - 1; i++)
            {
              slot.alts[i] = readings[i];
              slot.costs[i] = i < n_common ? i : i + ARCHAIC_COST;
              slot.n_alts++;
            }
        }
      g_array_append_val (slots, slot);
    }

  if (mode == GD_PINYIN_NAME)
    apply_surname (slots);
  if (initials)
    for (guint i = 0; i < slots->len; i++)
      if (g_array_index (slots, Slot, i).ch != 0)
        slot_to_initials (&g_array_index (slots, Slot, i));
  return slots;
}

typedef struct {
  const Slot *slots;
  guint n_slots;
  gboolean initials;
  guint *choice;     /* per slot: index into its alts */
  guint *poly;       /* the slots with more than one alternative */
  guint n_poly;
  guint *suffix_max; /* suffix_max[k]: the most cost poly[k..] can add */
  GPtrArray *out;
  GHashTable *seen;
  guint max;
  guint budget;      /* combinations left to try; only duplicates could waste them */
  GString *buf;
} Enumerator;

/* A handful of variants (names) are compared one by one; a hash table only pays for many. */
#define FEW_VARIANTS 16

static gboolean
already_emitted (Enumerator *e,
                 const char *variant)
{
  if (e->seen != NULL)
    return g_hash_table_contains (e->seen, variant);
  for (guint i = 0; i < e->out->len; i++)
    if (strcmp (e->out->pdata[i], variant) == 0)
      return TRUE;
  return FALSE;
}

static void
emit (Enumerator *e)
{
  g_string_truncate (e->buf, 0);
  for (guint i = 0; i < e->n_slots; i++)
    {
      const Slot *slot = &e->slots[i];

      if (slot->ch == 0)
        g_string_append_c (e->buf, slot->ascii);
      else if (e->initials)
        g_string_append_c (e->buf, slot->alts[e->choice[i]][0]);
      else
        g_string_append (e->buf, slot->alts[e->choice[i]]);
    }
  e->budget--;
  if (!already_emitted (e, e->buf->str))
    {
      char *s = g_strndup (e->buf->str, e->buf->len);

      g_ptr_array_add (e->out, s);
      if (e->seen != NULL)
        g_hash_table_add (e->seen, s);
    }
}

/* All choices for poly[k..] whose costs add up to exactly `cost`, later characters varying
 * first: a surname misreading comes after given-name variants of the same cost. */
static void
enumerate (Enumerator *e,
           guint       k,
           guint       cost)
{
  const Slot *slot;

  if (e->out->len >= e->max || e->budget == 0)
    return;
  if (k == e->n_poly)
    {
      if (cost == 0)
        emit (e);
      return;
    }
  if (cost > e->suffix_max[k])
    return;

  slot = &e->slots[e->poly[k]];
  for (guint i = 0; i < slot->n_alts && slot->costs[i] <= cost; i++)
    {
      e->choice[e->poly[k]] = i;
      enumerate (e, k + 1, cost - slot->costs[i]);
    }
  e->choice[e->poly[k]] = 0;
}

static char **
variants (const char   *text,
          GdPinyinMode  mode,
          guint         max_variants,
          gboolean      initials)
{
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autofree guint *choice = NULL;
  g_autofree guint *poly = NULL;
  g_autofree guint *suffix_max = NULL;
  Enumerator e = { 0, };

  max_variants = MIN (max_variants, GD_PINYIN_VARIANTS_CAP);
  slots = build_slots (text, mode, initials);
  if (slots->len > 0 && max_variants > 0)
    {
      e.slots = (const Slot *) slots->data;
      e.n_slots = slots->len;
      e.initials = initials;
      e.choice = choice = g_new0 (guint, slots->len);
      e.poly = poly = g_new0 (guint, slots->len);
      e.suffix_max = suffix_max = g_new0 (guint, slots->len + 1);
      for (guint i = 0; i < slots->len; i++)
        if (e.slots[i].n_alts > 1)
          poly[e.n_poly++] = i;
      for (guint k = e.n_poly; k > 0; k--)
        {
          const Slot *slot = &e.slots[poly[k - 1]];

          suffix_max[k - 1] = suffix_max[k] + slot->costs[slot->n_alts - 1];
        }
      e.out = out;
      e.seen = seen = max_variants > FEW_VARIANTS ? g_hash_table_new (g_str_hash, g_str_equal) : NULL;
      e.max = max_variants;
      e.budget = max_variants * 8 + 256;
      e.buf = buf;

      /* Cheapest combinations first: a combination costs the sum of its readings' costs. */
      for (guint cost = 0; cost <= suffix_max[0] && out->len < max_variants && e.budget > 0;
           cost++)
        enumerate (&e, 0, cost);
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

char **
gd_pinyin_initials (const char   *text,
                    GdPinyinMode  mode,
                    guint         max_variants)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (mode == GD_PINYIN_TEXT || mode == GD_PINYIN_NAME, NULL);

  return variants (text, mode, max_variants, TRUE);
}

char **
gd_pinyin_full (const char   *text,
                GdPinyinMode  mode,
                guint         max_variants)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (mode == GD_PINYIN_TEXT || mode == GD_PINYIN_NAME, NULL);

  return variants (text, mode, max_variants, FALSE);
}
