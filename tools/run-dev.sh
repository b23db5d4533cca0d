#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Opens GridDesk from the build tree: compiled schemas, translations and the user's
# data dir (the demo village is created there on first run).
set -eu
build=${1:-_build}
export GSETTINGS_SCHEMA_DIR="$build/data"
export GRIDDESK_LOCALEDIR="$build/po"
exec "$build/src/app/griddesk"
