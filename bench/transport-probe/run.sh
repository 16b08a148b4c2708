#!/usr/bin/env bash
# Transport probe: builds, then for ROUNDS rounds runs every server in turn (A B C D A B C D ...),
# each in a fresh JVM driven by a fresh LoadDriver JVM, and prints a table of medians.
# Knobs (env): ROUNDS=3 SERVERS="netty jetty vertx helidon" IDLE=5000 BATCH=250 ACTIVE=1000
#              RATE=10000 DURATION=10 WARMUP=5 BASE_PORT=19100
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ROUNDS=${ROUNDS:-3}
SERVERS=${SERVERS:-"netty jetty vertx helidon"}
IDLE=${IDLE:-5000}
BATCH=${BATCH:-250}
ACTIVE=${ACTIVE:-1000}
RATE=${RATE:-10000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
BASE_PORT=${BASE_PORT:-19100}
# Identical for every server. SerialGC: no concurrent GC threads muddying CPU/msg on 2 cores, and
# GC.heap_info after a full GC gives the live heap precisely.
SERVER_JVM_FLAGS=(-Xms64m -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)
DRIVER_JVM_FLAGS=(-Xms256m -Xmx1g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)

. "$ROOT/scripts/select-jdk.sh"   # sets JAVA_HOME to a JDK >= 21 (JDK 25 here)
JAVA="$JAVA_HOME/bin/java"

echo "== build"
"$ROOT/mvnw" -q -B -f pom.xml package 2>&1 | grep -v -e 'sun.misc.Unsafe' -e 'WARNING: Please consider' || true
CP="target/classes:target/lib/*"

OUT=${OUT:-target/results-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
RAW="$OUT/raw.txt"
: > "$RAW"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "kernel: $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "ulimit -n: $(ulimit -n)"
  echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "server flags: ${SERVER_JVM_FLAGS[*]}"
  echo "params: idle=$IDLE batch=$BATCH active=$ACTIVE rate=$RATE seconds=$DURATION warmup=$WARMUP rounds=$ROUNDS"
} | tee "$OUT/machine.txt"

run=0
for round in $(seq 1 "$ROUNDS"); do
  for s in $SERVERS; do
    run=$((run + 1))
    port=$((BASE_PORT + run))   # fresh port per run: no clash with TIME_WAIT sockets of earlier runs
    log="$OUT/server-$s-r$round.log"
    "$JAVA" "${SERVER_JVM_FLAGS[@]}" -cp "$CP" dev.switchboard.probe.ProbeServer "$s" "$port" > "$log" 2>&1 &
    spid=$!
    for _ in $(seq 1 150); do grep -q '^READY' "$log" && break; sleep 0.2; done
    if ! grep -q '^READY' "$log"; then echo "server $s did not start:"; cat "$log"; kill "$spid" || true; exit 1; fi
    echo "== round $round: $s (pid $spid, port $port, loadavg $(cut -d' ' -f1 /proc/loadavg))"
    set +e
    "$JAVA" "${DRIVER_JVM_FLAGS[@]}" -cp "$CP" dev.switchboard.probe.LoadDriver \
      --label "$s" --port "$port" --pid "$spid" --jcmd "$JAVA_HOME/bin/jcmd" \
      --idle "$IDLE" --batch "$BATCH" --active "$ACTIVE" --rate "$RATE" \
      --seconds "$DURATION" --warmup "$WARMUP" > "$OUT/driver-$s-r$round.log" 2>&1
    rc=$?
    set -e
    grep '^RESULT' "$OUT/driver-$s-r$round.log" | tee -a "$RAW" || true
    [ $rc -eq 0 ] || { echo "driver failed (rc=$rc):"; tail -n 20 "$OUT/driver-$s-r$round.log"; }
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    sleep 1
  done
done

echo
echo "== medians over $ROUNDS rounds (ratio = server / netty)"
"$JAVA" -cp "$CP" dev.switchboard.probe.Summarize "$RAW" | tee "$OUT/table.md"
echo "raw results: $OUT"
