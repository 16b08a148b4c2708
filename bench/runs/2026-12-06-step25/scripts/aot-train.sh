#!/usr/bin/env bash
# aot-train.sh JAR CACHE [RATES] : JDK 25 training run: server with -XX:AOTCacheOutput, pingpong at each rate, then SIGTERM
set -uo pipefail
ROOT=/work/main; JAR=$1; CACHE=$2; RATES=${3:-"2000 10000"}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
WORK=$(mktemp -d /tmp/train.XXXXXX); PORT=$((10000 + RANDOM % 22000))
t0=$(date +%s.%N)
$JAVA $OPTS -XX:AOTCacheOutput=$CACHE -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
S=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
for rate in $RATES; do
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label train \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate $rate --warmup ${WARM:-10} --duration ${DUR:-10} --server-pid "$S" > "$WORK/gen-$rate.log" 2>&1
  grep '^RESULT' "$WORK/gen-$rate.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|p99Ms|lost)"' | tr '\n' ' '; echo
done
t1=$(date +%s.%N)
kill $S; wait $S; echo "server exit $?; training $(echo "$t1 - $t0" | bc) s, dump $(echo "$(date +%s.%N) - $t1" | bc) s"
tail -5 $WORK/server.log; ls -la $CACHE; rm -rf $WORK/data
