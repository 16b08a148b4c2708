#!/usr/bin/env bash
# conns.sh ROUNDS JAR...: connections scenario (10,000 idle sockets) alternated over the jars
set -uo pipefail
ROOT=/work/main; ROUNDS=$1; shift
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"; JCMD="$JAVA_HOME/bin/jcmd"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
cds() { echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/work/scratch/$(basename $1 .jar).jsa -Xlog:cds=off -Xlog:cds+dynamic=off"; }
for JAR in "$@"; do # training start: the class-data archive, as compare.sh has it
  WORK=$(mktemp -d /tmp/conns.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS $(cds $JAR) -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
  kill $SERVER; wait $SERVER 2>/dev/null; rm -rf "$WORK"
done
for r in $(seq 1 $ROUNDS); do for JAR in "$@"; do
  WORK=$(mktemp -d /tmp/conns.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS $(cds $JAR) -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label conns \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario connections --connections 10000 --processes 2 \
    --server-pid "$SERVER" --jcmd "$JCMD" > "$WORK/gen.log" 2>&1
  echo "round $r $(basename $JAR): $(grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -iE 'KbPer|failed|stillOpen|Rss' | tr '\n' ' ')"
  kill $SERVER; wait $SERVER 2>/dev/null; rm -rf "$WORK"
done; done
