#!/usr/bin/env bash
# upgrade.sh OLDJAR NEWJAR SECONDS: fill a store with OLDJAR at 10k msg/s for SECONDS, stop it, start NEWJAR on it
set -euo pipefail
ROOT=/work/main; OLD=$1; NEW=$2; SECS=$3
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
WORK=/tmp/upgrade-run; rm -rf $WORK; mkdir -p $WORK
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$OLD" --port "$PORT" --data-dir "$WORK/data" > "$WORK/old.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$OLD" dev.switchboard.bench.LoadGenerator --label fill \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 \
  --warmup 10 --duration "$SECS" --server-pid "$SERVER" > "$WORK/gen.log" 2>&1 || true
grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|lost|duplicated)"' | tr '\n' ' '; echo
kill $SERVER; wait $SERVER || true
echo "old store: $(du -sm $WORK/data/messages | cut -f1) MB"
T0=$(date +%s%N)
$JAVA $OPTS -jar "$NEW" --port "$PORT" --data-dir "$WORK/data" > "$WORK/new.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 3000); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
echo "new server healthy after $(( ($(date +%s%N) - T0) / 1000000 )) ms"
grep -h "rewritten\|message store" $WORK/new.log | cut -c1-250
echo "new store: $(du -sm $WORK/data/messages | cut -f1) MB"
kill $SERVER; wait $SERVER || true
