#!/usr/bin/env bash
# firststep.sh JAR N: N fresh servers, each: 1000 pairs, maxrate ladder "500" only (the first step), with gc log
set -uo pipefail
ROOT=/work/main; JAR=$1; N=$2
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
for i in $(seq 1 $N); do
  WORK=/tmp/firststep-$i; rm -rf $WORK; mkdir -p $WORK; PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -Xlog:gc:file=$WORK/gc.log:uptime -Xlog:safepoint:file=$WORK/sp.log:uptime -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label fs \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario maxrate --pairs 1000 --rate 500,1000 \
    --warmup 2 --duration 5 --drain 5 --server-pid "$SERVER" > "$WORK/gen.log" 2>&1
  echo "run $i: $(grep -E 'msg/s ->' $WORK/gen.log | tr '\n' ' ')"
  kill $SERVER; wait $SERVER 2>/dev/null; rm -rf $WORK/data
done
