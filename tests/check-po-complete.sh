#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-po-complete.sh SRCDIR LANG
#
# Fails when a translatable string of the files in po/POTFILES.in has no finished
# translation in po/LANG.po (missing, untranslated or fuzzy), or when a source file
# with translatable strings is missing from po/POTFILES.in.
set -eu

srcdir=${1:?usage: check-po-complete.sh SRCDIR LANG}
lang=${2:?usage: check-po-complete.sh SRCDIR LANG}
po="$srcdir/po/$lang.po"
potfiles="$srcdir/po/POTFILES.in"
status=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1. POTFILES.in lists existing files, and every file with translatable strings.
grep -v '^[[:space:]]*#' "$potfiles" | sed '/^[[:space:]]*$/d' > "$tmp/listed"
while read -r f; do
  if [ ! -f "$srcdir/$f" ]; then
    echo "po/POTFILES.in: $f does not exist" >&2
    status=1
  fi
done < "$tmp/listed"

(
  cd "$srcdir"
  for f in src/core/*.c src/demo/*.c src/print/*.c src/sync/*.c src/cli/*.c src/session/*.c src/app/*.c src/app/*/*.c; do
    [ -f "$f" ] && grep -Eq '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|g_dpgettext2) ?\("' "$f" && echo "$f"
  done
  for f in ui/*.ui ui/*/*.ui; do
    [ -f "$f" ] && grep -q 'translatable="yes"' "$f" && echo "$f"
  done
  true
) > "$tmp/needed"
while read -r f; do
  if ! grep -qxF "$f" "$tmp/listed"; then
    echo "po/POTFILES.in: $f has translatable strings but is not listed" >&2
    status=1
  fi
done < "$tmp/needed"

# 2. The template, extracted as meson's i18n.gettext(preset: 'glib') does.
(
  cd "$srcdir"
  xgettext --files-from="$tmp/listed" --directory=. --output="$tmp/griddesk.pot" \
    --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format \
    --flag=g_print:1:c-format --flag=g_task_return_new_error:4:c-format
)

# 3. Every msgid has a finished translation (msgcmp ignores fuzzy and empty ones,
#    so it reports both as missing).
# It also warns about translations no longer used; those do not fail the check.
if ! msgcmp "$po" "$tmp/griddesk.pot" 2> "$tmp/msgcmp.log"; then
  cat "$tmp/msgcmp.log" >&2
  echo "po/$lang.po: translations above are missing, untranslated or fuzzy" >&2
  status=1
fi

# 4. No fuzzy or untranslated entries linger, not even obsolete ones.
# (msgattrib prints nothing when nothing matches, else the header entry too)
count_entries () {
  n=$(grep -c '^msgid ' || true)
  [ "$n" -gt 0 ] && n=$((n - 1))
  echo "$n"
}
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | count_entries)
untranslated=$(msgattrib --untranslated --no-obsolete "$po" | count_entries)
if [ "$fuzzy" -gt 0 ] || [ "$untranslated" -gt 0 ]; then
  msgattrib --only-fuzzy --no-obsolete "$po" >&2 || true
  msgattrib --untranslated --no-obsolete "$po" >&2 || true
  echo "po/$lang.po: $fuzzy fuzzy and $untranslated untranslated entries" >&2
  status=1
fi

if [ "$status" -eq 0 ]; then
  cat "$tmp/msgcmp.log" >&2
fi
if [ "$status" -eq 0 ]; then
  echo "po/$lang.po: $(grep -c '^msgid ' "$tmp/griddesk.pot" | awk '{print $1 - 1}') strings, all translated"
fi
exit "$status"
