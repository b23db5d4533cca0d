/* gd-pinyin.h: Mandarin readings for search keys (pinyin initials and full pinyin).
 *
 * The reading table (gd-pinyin-table.c) is generated from Unicode Unihan kMandarin /
 * kHanyuPinyin by tools/gen-pinyin-table.py. Names read their surname with surname readings
 * (单 shan, 曾 zeng, 解 xie, 仇 qiu, 朴 piao, 区 ou, 查 zha ...) and know compound surnames
 * (欧阳, 司马, 诸葛, 上官, 尉迟, 万俟, 长孙 ...): 欧阳玲巧 -> "oylq" / "ouyanglingqiao".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_PINYIN_TEXT, /* plain text (addresses): every polyphone reading counts */
  GD_PINYIN_NAME, /* a person's name: surname rules first */
} GdPinyinMode;

/* Lower-case initials variants of `text`, most likely first, at most `max_variants`
 * (polyphones multiply variants). Characters without a reading are skipped; ASCII letters and
 * digits are kept lower-cased. Returns a NULL-terminated array; free with g_strfreev. */
char **gd_pinyin_initials (const char *text, GdPinyinMode mode, guint max_variants);

/* Full toneless pinyin variants, syllables joined without separator ("ouyanglingqiao"). */
char **gd_pinyin_full     (const char *text, GdPinyinMode mode, guint max_variants);

/* The toneless readings of one code point, most common first; NULL if none. Static data. */
const char *const *gd_pinyin_readings (gunichar ch);

G_END_DECLS
