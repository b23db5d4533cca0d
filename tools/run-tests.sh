#!/bin/sh
# Runs the whole test suite and ends with one line "N passed, N failed", counting every
# GTest case (TAP "ok"/"not ok") and every non-TAP test, so CI reads the real count.
set -u
build=${1:-_build}
meson test -C "$build" --print-errorlogs --num-processes 2
status=$?
python3 "$(dirname "$0")/count-tests.py" "$build/meson-logs/testlog.json" || status=1
exit $status
