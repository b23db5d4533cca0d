#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-sync: GridDesk's initial pull of 100,000 household documents against a single curl of
# _all_docs?include_docs=true and PouchDB (node) replication from the same pouchdb-server, and an
# incremental sync of 100 changed documents. `make bench-sync`; never run by meson test.
#   tests/bench-sync.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-_build}
N=${2:-100000}
HERE=$(cd "$(dirname "$0")" && pwd)
CTL=$(cd "$BUILD" && pwd)/src/cli/griddesk-ctl
FLOOR=$(cd "$BUILD" && pwd)/tests/bench-sync-floor
PEER=$HERE/sync
DB=griddesk-320902101001
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

cd "$WORK"
"$PEER/node_modules/.bin/pouchdb-server" --in-memory -p "$PORT" -o 127.0.0.1 >/dev/null 2>&1 &
SERVER=$!
until curl -sf "$URL/" >/dev/null; do sleep 0.2; done
curl -sf -X PUT "$URL/$DB" >/dev/null
curl -sf -X PUT "$URL/_users/org.couchdb.user:bench" -H 'Content-Type: application/json' \
  -d '{"name":"bench","password":"bench","roles":["village-320902101001"],"type":"user"}' >/dev/null
echo "loading $N household documents ..."
node "$PEER/bench-load.js" load "$URL" "$DB" "$N"
now() { date +%s.%N; }
# pouchdb-server (node) slows down for a while after serving a whole 100 MB _all_docs (its heap
# is full of it): each contender starts after a pause, GridDesk and PouchDB before the dumps.
settle() { sleep 5; }

# the server's first pass over a freshly loaded database is slower for whoever comes first:
# one untimed read warms it for all three
curl -s -o /dev/null "$URL/$DB/_all_docs?include_docs=true"
settle
export BENCH_PASSWORD=bench
T0=$(now)
"$CTL" --db "$WORK/bench.sqlite" sync --server "$URL" --database "$DB" --user bench \
  --password-env BENCH_PASSWORD >/dev/null
T1=$(now)
GD_S=$(echo "$T1 - $T0" | bc)

# every contender must end with every document: a fast run that stopped early proves nothing
SERVER_DOCS=$(curl -sf "$URL/$DB" | sed 's/.*"doc_count":\([0-9]*\).*/\1/')
must_hold() { # NAME COUNT
  if [ "$2" != "$SERVER_DOCS" ]; then
    echo "bench-sync: $1 ended with $2 documents, the server holds $SERVER_DOCS" >&2
    exit 1
  fi
}
must_hold "GridDesk's first pull" "$("$CTL" --db "$WORK/bench.sqlite" check | sed -n 's/.* \([0-9]*\) documents.*/\1/p')"

settle
POUCH_OUT=$(node "$PEER/pouchdb-peer.js" replicate "$URL" "$DB" 100)
POUCH_S=$(echo "$POUCH_OUT" | sed 's/.*"seconds":\([0-9.]*\).*/\1/')
must_hold "PouchDB" "$(echo "$POUCH_OUT" | sed 's/.*"docs_written":\([0-9]*\).*/\1/')"

settle
CURL_S=$(curl -s -o "$WORK/all.json" -w '%{time_total}' "$URL/$DB/_all_docs?include_docs=true")
must_hold "curl" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$WORK/all.json")"
rm -f "$WORK/all.json"
BYTES=$(curl -s "$URL/$DB/_all_docs?include_docs=true" | wc -c)
echo "database: $N documents, _all_docs?include_docs=true is $((BYTES / 1000000)) MB"

# what is left of GridDesk's time once the documents themselves are stored: the register,
# search and map rows it derives from them in the same transactions
settle
FLOOR_OUT=$("$FLOOR" --server "$URL" --database "$DB" --user bench --password-env BENCH_PASSWORD \
  --db "$WORK/floor.sqlite")
FLOOR_S=$(echo "$FLOOR_OUT" | sed 's/.* in \([0-9.]*\) s$/\1/')
must_hold "the documents-only floor" "$(echo "$FLOOR_OUT" | sed 's/floor: \([0-9]*\) documents.*/\1/')"

settle
node "$PEER/bench-load.js" touch "$URL" "$DB" 100
T0=$(now)
"$CTL" --db "$WORK/bench.sqlite" sync --server "$URL" --database "$DB" --user bench \
  --password-env BENCH_PASSWORD >/dev/null
T1=$(now)
INC_S=$(echo "$T1 - $T0" | bc)
COUNT=$("$CTL" --db "$WORK/bench.sqlite" check | sed -n 's/.* \([0-9]*\) documents.*/\1/p')
must_hold "GridDesk's incremental sync" "$COUNT"

printf '%-58s %8.2f s\n' "curl, one GET _all_docs?include_docs=true (floor)" "$CURL_S"
printf '%-58s %8.2f s  (%.2fx curl)\n' "documents only into SQLite, nothing derived" "$FLOOR_S" "$(echo "$FLOOR_S / $CURL_S" | bc -l)"
printf '%-58s %8.2f s  (%.2fx curl; target <= 1.5x)\n' "GridDesk initial pull into SQLite" "$GD_S" "$(echo "$GD_S / $CURL_S" | bc -l)"
printf '%-58s %8.2f s  (GridDesk %.1fx faster; target >= 4x)\n' "PouchDB (node) replication into memory, batch_size 100" "$POUCH_S" "$(echo "$POUCH_S / $GD_S" | bc -l)"
printf '%-58s %8.2f s  (target <= 1 s)\n' "GridDesk incremental sync, 100 changed documents" "$INC_S"
echo "GridDesk store holds $COUNT documents"
