#!/usr/bin/env bash
# topladder.sh ROUNDS JAR...: maxrate 10000,14000,16000,20000 on fresh servers, alternated
set -uo pipefail
ROOT=/work/main; ROUNDS=$1; shift
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
for r in $(seq 1 $ROUNDS); do for JAR in "$@"; do
  WORK=$(mktemp -d /tmp/top.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -Xlog:gc:file=$WORK/gc.log:uptime -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label top \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario maxrate --pairs 1000 --rate 500,2000,5000,10000,14000,16000,20000 \
    --warmup 2 --duration 5 --drain 5 --server-pid "$SERVER" > "$WORK/gen.log" 2>&1
  echo "round $r $(basename $JAR): $(grep -E 'msg/s ->' $WORK/gen.log | sed 's/maxrate top: //; s/, lost 0, achieved [0-9.]*//' | tr '\n' ' ') | full GCs $(grep -c 'Pause Full' $WORK/gc.log), max young $(grep 'Pause Young' $WORK/gc.log | awk '{v=$NF; sub(/ms/,"",v); if (v+0>m) m=v+0} END{print m}') ms"
  kill $SERVER; wait $SERVER 2>/dev/null; rm -rf "$WORK"
done; done
