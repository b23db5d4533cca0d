#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/screenshot.sh: run the built app under Xvfb and save a PNG of the screen.
#
#   tools/screenshot.sh [-b BUILDDIR] [-l LANGUAGE] [-d DB] [-o OUT.png]
#                       [-w SECONDS] [-s WIDTHxHEIGHT] [-a ACTION] [-- GRIDDESK-ARGS...]
#
# -a activates an application action (about) over D-Bus before the shot; this works for
# the default database only (with -d the instance is not unique and not on the bus).
# Defaults: -b _build (or $BUILDDIR), -l zh_CN, -o griddesk-<lang>.png, -w 15, -s 1100x720.
# Without -d the app opens its default database in a fresh temp XDG_DATA_HOME and creates
# the demo village there, so the wait (-w) must cover the few seconds that takes.
# Needs xvfb-run, dbus-run-session and ImageMagick's import; a CJK font for Chinese.
set -eu

builddir=${BUILDDIR:-_build}
lang=zh_CN
db=
out=
wait=15
size=1100x720
action=

while getopts b:l:d:o:w:s:a: opt; do
  case $opt in
    b) builddir=$OPTARG ;;
    l) lang=$OPTARG ;;
    d) db=$OPTARG ;;
    o) out=$OPTARG ;;
    w) wait=$OPTARG ;;
    s) size=$OPTARG ;;
    a) action=$OPTARG ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

for tool in xvfb-run dbus-run-session import; do
  command -v "$tool" >/dev/null 2>&1 || { echo "screenshot.sh: $tool is not installed" >&2; exit 3; }
done

builddir=$(cd "$builddir" && pwd)
app="$builddir/src/app/griddesk"
[ -x "$app" ] || { echo "screenshot.sh: $app is not built" >&2; exit 3; }
[ -n "$out" ] || out="griddesk-$lang.png"
case $out in /*) ;; *) out="$(pwd)/$out" ;; esac

width=${size%x*}
height=${size#*x}
screen_w=$((width + 80))
screen_h=$((height + 80))

tmp=$(mktemp -d "${TMPDIR:-/tmp}/griddesk-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/data" "$tmp/cache" "$tmp/config/glib-2.0/settings"

# A keyfile settings backend, so the window opens at the requested size and the first-start
# operator question does not cover the shot.
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"/\1/p' "$builddir/config.h")
cat > "$tmp/config/glib-2.0/settings/keyfile" <<KEYFILE
[$(echo "$app_id" | tr . /)]
window-width=$width
window-height=$height
window-maximized=false
operator-name='王小梅'
operator-role='centre_operator'
KEYFILE

export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/data"
export GRIDDESK_LOCALEDIR="$builddir/po" LANGUAGE="$lang" LANG=C.UTF-8
export GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 GTK_USE_PORTAL=0
export APP_ID="$app_id" ACTION="$action"
export APP="$app" DB="$db" OUT="$out" WAIT="$wait" GEOMETRY="${width}x${height}+0+0"

xvfb-run -a -n $((500 + $$ % 400)) -s "-screen 0 ${screen_w}x${screen_h}x24" dbus-run-session -- sh -c '
  if [ -n "$DB" ]; then set -- --db "$DB" "$@"; fi
  "$APP" "$@" &
  pid=$!
  sleep "$WAIT"
  if [ -n "$ACTION" ]; then
    gdbus call --session --dest "$APP_ID" --object-path "/$(echo "$APP_ID" | tr . /)" \
      --method org.gtk.Actions.Activate "$ACTION" "[]" "{}" >/dev/null
    sleep 2
  fi
  # the window is at the top left corner (no window manager): crop it out of the screen
  import -window root -crop "$GEOMETRY" +repage "$OUT"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
' sh "$@"

echo "$out"
