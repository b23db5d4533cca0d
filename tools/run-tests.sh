#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the whole test suite and ends with one line "N passed, N failed", counting every
# GTest case (TAP "ok"/"not ok") and every non-TAP test, so CI reads the real count.
#
# Three passes: everything in the normal build; the core, CLI and sync tests again in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer (leaks, overflows, undefined
# behaviour); the libFuzzer targets for a short budget each. Each pass's log is removed first, so a failed build or rebuild can never be
# counted from an earlier run's log.
set -u
build=${1:-_build}
asan=${build}-asan
status=0

rm -f "$build/meson-logs/testlog.json" "$asan/meson-logs/testlog.json"

meson test -C "$build" --print-errorlogs --num-processes 2 || status=1

if [ ! -f "$asan/build.ninja" ]; then
  meson setup "$asan" -Dapp=false -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || status=1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# fontconfig's, pango's and cairo's process-lifetime caches (see the file), not leaks of ours
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp"
if ninja -C "$asan" >/dev/null; then
  meson test -C "$asan" --suite core --suite sync --print-errorlogs --num-processes 2 || status=1
else
  echo "the sanitizer build failed" >&2
  status=1
fi

# The fuzz targets (fuzz/, clang + libFuzzer + ASan/UBSan): the committed seed corpus
# replayed, then a short budget each (GD_FUZZ_SECONDS; `make fuzz` gives them minutes).
fuzz=${build}-fuzz
rm -f "$fuzz/meson-logs/testlog.json"
if "$(dirname "$0")/fuzz-setup.sh" "$fuzz"; then
  meson test -C "$fuzz" --suite fuzz --print-errorlogs --num-processes 2 || status=1
else
  echo "the fuzzing build failed" >&2
  status=1
fi

python3 "$(dirname "$0")/count-tests.py" \
  "$build/meson-logs/testlog.json" "$asan/meson-logs/testlog.json" \
  "$fuzz/meson-logs/testlog.json" || status=1
exit $status
