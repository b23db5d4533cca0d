#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh TARGET SEED_DIR: replays every seed, then fuzzes for GD_FUZZ_SECONDS (default
# 15) starting from them. New inputs go to a temporary folder, never into the committed
# corpus; a crash leaves its input in GD_FUZZ_ARTIFACTS (default the build's fuzz folder)
# and fails the test. Prints libFuzzer's execution count.
set -eu
target=$1
seeds=$2
seconds=${GD_FUZZ_SECONDS:-15}
artifacts=${GD_FUZZ_ARTIFACTS:-$(dirname "$target")/artifacts}
work=$(mktemp -d "${TMPDIR:-/tmp}/gd-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# every seed once, by name, so a regression names its file
"$target" -runs=0 "$seeds" >"$work/replay.log" 2>&1 || { cat "$work/replay.log"; exit 1; }
grep -E "INITED|DONE" "$work/replay.log" | tail -1
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$(basename "$target")-" \
  "$work" "$seeds" >"$work/fuzz.log" 2>&1 || { tail -60 "$work/fuzz.log"; exit 1; }
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|DONE" "$work/fuzz.log"
