#!/usr/bin/env bash
# firstladder.sh JAR N : N fresh servers, each driven through the maxrate ladder's first two steps; prints step figures and the server's longest GC pauses
set -uo pipefail
ROOT=/work/main; JAR=$1; N=$2
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/fl.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -Xlog:gc:file=$WORK/gc.log -Xlog:safepoint:file=$WORK/sp.log -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label fl \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario maxrate --pairs 1000 --rate 500,1000 --warmup 2 --duration 5 --drain 5 --server-pid "$S" > "$WORK/gen.log" 2>&1
  grep -E "msg/s ->" "$WORK/gen.log" | tr '\n' ' '
  echo " | gc max $(grep -o '[0-9.]*ms' $WORK/gc.log | tr -d 'ms' | sort -n | tail -1) ms, gcs $(grep -c Pause $WORK/gc.log)"
  kill $S; wait $S 2>/dev/null; cp $WORK/gc.log /tmp/fl-gc-$i.log; cp $WORK/gen.log /tmp/fl-gen-$i.log; rm -rf $WORK
done
