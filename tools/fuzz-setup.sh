#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz-setup.sh BUILD_DIR: a build of the GTK-free libraries and the fuzz targets with clang,
# libFuzzer's coverage, AddressSanitizer and UndefinedBehaviorSanitizer.
# (clang counts a printf-style helper that forwards its format as -Wformat-nonliteral; gcc
# does not: a warning here, not an error.)
set -eu
build=${1:?usage: fuzz-setup.sh BUILD_DIR}
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dapp=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args='-fsanitize=fuzzer-no-link -Wno-error=format-nonliteral' >/dev/null
fi
ninja -C "$build" >/dev/null
