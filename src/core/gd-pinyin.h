/* gd-pinyin.h: Mandarin readings for search keys (pinyin initials and full pinyin).
 *
 * The reading table (gd-pinyin-table.c) is generated from Unicode Unihan kMandarin,
 * kHanyuPinlu, kXHC1983, kTGHZ2013 and kHanyuPinyin (Debian's unicode-data package) by
 * tools/gen-pinyin-table.py. Readings are toneless with "v" for ü (吕 "lv"). Names read their surname with surname readings
 * (单 shan, 曾 zeng, 解 xie, 仇 qiu, 朴 piao, 区 ou, 查 zha ...) and know compound surnames
 * (欧阳, 司马, 诸葛, 上官, 尉迟, 万俟, 长孙 ...): 欧阳玲巧 -> "oylq" / "ouyanglingqiao".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GD_PINYIN_VARIANTS_CAP 4096

typedef enum {
  GD_PINYIN_TEXT, /* plain text (addresses): every polyphone reading counts */
  GD_PINYIN_NAME, /* a person's name: surname rules first */
} GdPinyinMode;

/* Lower-case initials variants of `text`, most likely first, at most `max_variants`
 * (polyphones multiply variants). Characters without a reading are skipped; ASCII letters and
 * digits are kept lower-cased. Returns a NULL-terminated array; free with g_strfreev.
 *
 * `text` is NFKC-normalized first (full-width "Ａ３" counts as "a3"). Variant 0 takes every
 * character's first reading (in GD_PINYIN_NAME mode the surname reading); the others follow
 * in order of how far they stray from it. Duplicates are dropped. Text with nothing readable,
 * or max_variants 0, gives an empty array. At most GD_PINYIN_VARIANTS_CAP variants whatever
 * max_variants says, as polyphones multiply combinations exponentially. */
char **gd_pinyin_initials (const char *text, GdPinyinMode mode, guint max_variants);

/* Full toneless pinyin variants, syllables joined without separator ("ouyanglingqiao"). */
char **gd_pinyin_full     (const char *text, GdPinyinMode mode, guint max_variants);

/* The toneless readings of one code point, most common first; NULL if none. Static data. */
const char *const *gd_pinyin_readings (gunichar ch);

/* The sorted code points of the reading table, *n_chars (not NULL) gets their number.
 * For tests and diagnostics. */
const guint32 *gd_pinyin_table_chars (guint *n_chars);

/* The Unicode version of the Unihan data the table was generated from, e.g. "15.0.0". */
const char *gd_pinyin_unihan_version (void);

/* Folds `text` the one way search keys are built and queried: NFKC (full-width letters and
 * digits become ASCII, compatibility ideographs become unified ones), ASCII lower-cased,
 * white space removed. Free with g_free. */
char *gd_text_fold (const char *text);

G_END_DECLS
