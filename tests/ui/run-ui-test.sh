#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-ui-test.sh SCRIPT [ARGS...]
#
# Runs an AT-SPI test script with Debian's python3 under a private session bus and Xvfb,
# with fresh XDG data, cache and config dirs. A missing tool fails the test: `make deps`
# installs them all, so a skip would only hide a broken machine.
set -eu

script=${1:?usage: run-ui-test.sh SCRIPT [ARGS...]}
shift

for tool in dbus-run-session xvfb-run /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool is not installed" >&2
    exit 1
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "FAIL: /usr/bin/python3 cannot import pyatspi (apt install python3-pyatspi)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/griddesk-ui.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/data" "$tmp/cache" "$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_CONFIG_HOME="$tmp/config"
export GRIDDESK_TEST_TMPDIR="$tmp"
# accessibility must be on (GTK_A11Y=none would hide the widgets from AT-SPI)
unset GTK_A11Y NO_AT_BRIDGE

# the display first, then the bus: the accessibility registry started inside the bus must see
# the display, or synthesised key presses go nowhere. Xvfb here sometimes refuses the first
# client ("cannot open display"): only then is the test run again (at most twice more), on a
# fresh server.
status=0
for attempt in 1 2 3; do
  set +e
  xvfb-run -a -n $((100 + ($$ + attempt * 7) % 400)) -s '-screen 0 1280x800x24' \
    dbus-run-session -- /usr/bin/python3 "$script" "$@" > "$tmp/output" 2>&1
  status=$?
  set -e
  cat "$tmp/output"
  # a journey that got anywhere ("ok:" lines) failed for its own reasons: never run it again
  if [ "$status" -eq 0 ] || ! grep -q "cannot open display" "$tmp/output" \
     || grep -q "^ok:" "$tmp/output"; then
    break
  fi
  echo "# the display could not be opened: running the test again on a fresh server"
done
exit "$status"
