#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# gen-pinyin-table.py: generate src/core/gd-pinyin-table.c from Unihan readings.
#
# Usage: tools/gen-pinyin-table.py [UNIHAN_READINGS] [OUTPUT]
#   UNIHAN_READINGS defaults to /usr/share/unicode/Unihan_Readings.txt.bz2 (Debian's
#   `unicode-data` package; plain .txt works too), OUTPUT to src/core/gd-pinyin-table.c
#   next to this script.
#
# Python 3 standard library only; the output depends only on the input file, so running it
# twice gives identical bytes (the generated table is committed, not built).
#
# Readings per code point, most likely first, toneless, "v" for ü (as Chinese IMEs type it):
#   kMandarin    the most common reading(s), in Unihan's order
#   kHanyuPinlu  readings with corpus frequencies, most frequent first
#   kXHC1983     Xiandai Hanyu Cidian, modern readings (e.g. 单 shan, 解 xie)
#   kTGHZ2013    Tongyong Guifan Hanzi Zidian, modern readings
#   kHanyuPinyin Hanyu Da Zidian, adds archaic readings, so it comes last
# The modern dictionaries go before kHanyuPinyin because search variants are cut off at
# max_variants: readings people actually use must come before the archaic ones. Readings
# only kHanyuPinyin has (王 yu, 平 pian/bing/beng) are counted as archaic: the table records
# how many of a list's readings are common, and gd-pinyin.c ranks the rest far behind.

import bz2
import os
import re
import sys
import unicodedata

FIELDS = ('kMandarin', 'kHanyuPinlu', 'kXHC1983', 'kTGHZ2013', 'kHanyuPinyin')
ARCHAIC_FIELDS = ('kHanyuPinyin',)
SYLLABLE_WIDTH = 8  # "zhuang" + NUL fits; keep a power of two for the array stride
SYLLABLE_RE = re.compile(r'^[a-z]+$')

here = os.path.dirname(os.path.abspath(__file__))
src_path = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/unicode/Unihan_Readings.txt.bz2'
out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, '..', 'src', 'core',
                                                             'gd-pinyin-table.c')


def open_source(path):
    if path.endswith('.bz2'):
        return bz2.open(path, 'rt', encoding='utf-8')
    return open(path, 'rt', encoding='utf-8')


def strip_tone(reading):
    """'lǚ' -> 'lv', 'zhòng' -> 'zhong', 'ê̄' -> 'e', 'ǹg' -> 'ng'."""
    out = []
    for c in unicodedata.normalize('NFD', reading.strip().lower()):
        if c == '\u0308':  # diaeresis: ü
            out.append('v')
        elif unicodedata.combining(c):
            continue
        else:
            out.append(c)
    s = ''.join(out)
    # NFD puts the diaeresis after the u: "u" + "v" is how ü came out
    s = s.replace('uv', 'v')
    if not SYLLABLE_RE.match(s) or len(s) >= SYLLABLE_WIDTH:
        sys.exit('gen-pinyin-table: unexpected reading %r -> %r' % (reading, s))
    return s


def field_readings(field, value):
    """The readings of one field value, in the field's own order of preference."""
    if field == 'kMandarin':
        return value.split()
    if field == 'kHanyuPinlu':
        # "lè(283) yuè(54)": order by frequency, stable for ties
        items = []
        for n, item in enumerate(value.split()):
            m = re.match(r'^(.+)\((\d+)\)$', item)
            if not m:
                sys.exit('gen-pinyin-table: bad kHanyuPinlu %r' % value)
            items.append((-int(m.group(2)), n, m.group(1)))
        return [r for _, _, r in sorted(items)]
    # kHanyuPinyin / kXHC1983 / kTGHZ2013: "loc[,loc...]:r1[,r2...] loc:r3 ..."
    out = []
    for item in value.split():
        if ':' not in item:
            sys.exit('gen-pinyin-table: bad %s %r' % (field, value))
        out.extend(item.rsplit(':', 1)[1].split(','))
    return out


version = None
date = None
raw = {}  # code point -> {field: value}
with open_source(src_path) as f:
    for line in f:
        if line.startswith('#'):
            m = re.match(r'^#\s*Unicode version:\s*(\S+)', line)
            if m:
                version = m.group(1)
            m = re.match(r'^#\s*Date:\s*(.+?)\s*$', line)
            if m:
                date = m.group(1)
            continue
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 3 or parts[1] not in FIELDS:
            continue
        cp = int(parts[0][2:], 16)
        raw.setdefault(cp, {})[parts[1]] = parts[2]

if not version:
    sys.exit('gen-pinyin-table: no "Unicode version:" line in %s' % src_path)

readings = {}  # code point -> [syllable, ...]
n_common = {}  # code point -> how many of its readings come before the archaic ones
for cp in sorted(raw):
    seen = []
    common = 0
    for field in FIELDS:
        if field in raw[cp]:
            for r in field_readings(field, raw[cp][field]):
                s = strip_tone(r)
                if s not in seen:
                    seen.append(s)
        if field not in ARCHAIC_FIELDS:
            common = len(seen)
    if seen:
        readings[cp] = seen
        # a code point known only to the Hanyu Da Zidian has nothing better to offer
        n_common[cp] = common or len(seen)

syllables = sorted({s for rs in readings.values() for s in rs})
syl_index = {s: i for i, s in enumerate(syllables)}

# Distinct reading lists go into one NULL-separated pool, in order of first use; each code
# point stores its list's offset into the pool.
pool = []
list_offset = {}
chars = sorted(readings)
offsets = []
pool_common = []  # parallel to pool: at a list's start, its number of common readings
for cp in chars:
    key = (tuple(syl_index[s] for s in readings[cp]), n_common[cp])
    if key not in list_offset:
        list_offset[key] = len(pool)
        pool.extend(key[0])
        pool.append(None)
        pool_common.extend([key[1]] + [0] * len(key[0]))
    offsets.append(list_offset[key])

if len(pool) > 0xffff:
    sys.exit('gen-pinyin-table: pool too big for guint16 offsets (%d)' % len(pool))
max_readings = max(len(rs) for rs in readings.values())


def wrap(items, per_line):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append('  ' + ' '.join(items[i:i + per_line]))
    return '\n'.join(lines)


src_name = os.path.basename(src_path)
out = []
out.append('''/* gd-pinyin-table.c: toneless Mandarin readings of CJK code points.
 *
 * GENERATED FILE, DO NOT EDIT. Generated by tools/gen-pinyin-table.py from
 * %s (Unihan database, Unicode %s, %s),
 * as shipped by Debian's unicode-data package. Fields: kMandarin, kHanyuPinlu, kXHC1983,
 * kTGHZ2013, kHanyuPinyin; tones stripped, "v" for u-umlaut.
 *
 * %d code points, %d syllables, %d distinct reading lists, at most %d readings a code point.
 * Unihan data: Copyright (c) Unicode, Inc., https://www.unicode.org/terms_of_use.html
 */
#define G_LOG_DOMAIN "gd-pinyin"
#include "config.h"

#include <glib.h>

#define GD_PINYIN_N_SYLLABLES %d
#define GD_PINYIN_N_CHARS %d

/* Declared again in gd-pinyin.c, the only user. */
extern const char gd_pinyin_data_syllables[GD_PINYIN_N_SYLLABLES][%d];
extern const char *const gd_pinyin_data_pool[];
extern const guint8 gd_pinyin_data_pool_common[];
extern const guint32 gd_pinyin_data_chars[GD_PINYIN_N_CHARS];
extern const guint16 gd_pinyin_data_lists[GD_PINYIN_N_CHARS];
extern const guint gd_pinyin_data_n_chars;
extern const char gd_pinyin_data_unihan_version[];

const char gd_pinyin_data_unihan_version[] = "%s";
const guint gd_pinyin_data_n_chars = GD_PINYIN_N_CHARS;
''' % (src_name, version, date or 'no date', len(chars), len(syllables), len(list_offset),
       max_readings, len(syllables), len(chars), SYLLABLE_WIDTH, version))

out.append('const char gd_pinyin_data_syllables[GD_PINYIN_N_SYLLABLES][%d] = {' % SYLLABLE_WIDTH)
out.append(wrap(['"%s",' % s for s in syllables], 10))
out.append('};\n')

out.append('#define S(i) gd_pinyin_data_syllables[i]')
out.append('/* Reading lists, each NULL-terminated: what gd_pinyin_readings() returns. */')
out.append('const char *const gd_pinyin_data_pool[] = {')
out.append(wrap(['S(%d),' % i if i is not None else 'NULL,' for i in pool], 12))
out.append('};')
out.append('#undef S\n')

out.append('/* Parallel to gd_pinyin_data_pool: at the start of each list, how many of its readings')
out.append(' * are common (the rest only the Hanyu Da Zidian has); 0 elsewhere. */')
out.append('const guint8 gd_pinyin_data_pool_common[] = {')
out.append(wrap(['%d,' % n for n in pool_common], 24))
out.append('};\n')

out.append('/* Sorted, for binary search. */')
out.append('const guint32 gd_pinyin_data_chars[GD_PINYIN_N_CHARS] = {')
out.append(wrap(['0x%x,' % cp for cp in chars], 12))
out.append('};\n')

out.append('/* Offset into gd_pinyin_data_pool of each code point\'s readings. */')
out.append('const guint16 gd_pinyin_data_lists[GD_PINYIN_N_CHARS] = {')
out.append(wrap(['%d,' % o for o in offsets], 16))
out.append('};')

text = '\n'.join(out) + '\n'
with open(out_path, 'w', encoding='utf-8', newline='\n') as f:
    f.write(text)
print('gen-pinyin-table: %d code points, %d syllables, %d lists (%d pool slots), %d bytes'
      % (len(chars), len(syllables), len(list_offset), len(pool), len(text.encode())))
