#!/usr/bin/env bash
# connsettle.sh JAR GENDIR N : the connections scenario (10,000 sockets, 2 generator processes, --jcmd) on N fresh servers, generator from GENDIR
set -uo pipefail
ROOT=/work/main; JAR=$1; GENDIR=$2; N=${3:-1}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp $GENDIR:$JAR dev.switchboard.bench.LoadGenerator"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/cs.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  START=$(date +%s)
  $GEN --label cs --port $PORT --jwt-secret "$JWT_SECRET" --scenario connections --connections 10000 --processes 2 \
    --warmup-sockets -1 --server-pid $S --jcmd $JAVA_HOME/bin/jcmd > $WORK/gen.log 2>&1
  echo "server $i ($(( $(date +%s) - START )) s): $(grep '^RESULT' $WORK/gen.log | tr ',' '\n' | grep -E '"(serverRssBeforeKb|serverRssAfterKb|serverKbPerSocket|settles)"' | tr '\n' ' ')"
  kill $S; wait $S 2>/dev/null; rm -rf $WORK
done
