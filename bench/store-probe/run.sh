#!/usr/bin/env bash
# Store probe: builds, then for ROUNDS rounds runs each store in turn (A B A B ...), each in a fresh
# JVM with the server's flags (scripts/server-jvm-options, -Xms64m -Xmx2g) and a fresh directory, and
# prints every result line. Knobs (env): ROUNDS=3 STORES="h2 rocksdb" RATE=2000 DURATION=40 WARMUP=20
# CONVERSATIONS=1000. See RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ROUNDS=${ROUNDS:-3}
STORES=${STORES:-"h2 rocksdb"}
. "$ROOT/scripts/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
"$ROOT/mvnw" -q -B -f pom.xml package 2>&1 | grep -v -e 'sun.misc.Unsafe' -e 'WARNING' || true
# shellcheck disable=SC2046
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g --enable-native-access=ALL-UNNAMED"
echo "date: $(date -u +%FT%TZ); nproc: $(nproc); java: $("$JAVA" -version 2>&1 | head -n 1)"
for r in $(seq 1 "$ROUNDS"); do
  for store in $STORES; do
    dir=$(mktemp -d "${TMPDIR:-/tmp}/store-probe.XXXXXX")
    # shellcheck disable=SC2086
    line=$("$JAVA" $OPTS -cp "target/classes:target/lib/*" dev.switchboard.bench.store.StoreProbe "$store" \
      "${RATE:-2000}" "${DURATION:-40}" "${WARMUP:-20}" "${CONVERSATIONS:-1000}" "$dir" | grep '^RESULT')
    echo "round $r load $(cut -d' ' -f1 /proc/loadavg) ${line#RESULT }"
    rm -rf "$dir"
  done
done
