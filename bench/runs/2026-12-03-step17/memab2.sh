#!/usr/bin/env bash
# memab2.sh ROUNDS a.jar b.jar : connections 10k (2 processes) with compare.sh's flags (CDS included), alternated
ROUNDS=$1; shift
. /work/main/scripts/select-jdk.sh
JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
BASE="$(sed -e 's/#.*//' /work/main/scripts/server-jvm-options | tr '\n' ' ') -Xms64m -Xmx2g"
run() { # jar hold
  local JAR=$1 PORT=$((10000 + RANDOM % 22000)) D; D=$(mktemp -d)
  $JAVA $BASE -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=${JAR%.jar}.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" --port $PORT --data-dir $D/data > $D/server.log 2>&1 &
  local S=$!
  for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$PORT/health >/dev/null 2>&1 && break; sleep 0.2; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label mem \
    --port $PORT --scenario connections --connections $2 --processes 2 --server-pid $S --jcmd "$JAVA_HOME/bin/jcmd" > $D/gen.log 2>&1
  echo "$(basename $JAR) load $(cut -d' ' -f1 /proc/loadavg): $(grep '^RESULT' $D/gen.log | cut -c8- | tr ',' '\n' | grep -E 'KbPerSocket|RssAfter|RssBefore|failed' | tr '\n' ' ')"
  kill $S; wait $S 2>/dev/null; rm -rf $D
}
for JAR in "$@"; do rm -f ${JAR%.jar}.jsa; run $JAR 200 > /dev/null; done  # CDS training starts
for r in $(seq 1 "$ROUNDS"); do for JAR in "$@"; do echo -n "round $r "; run $JAR 10000; done; done
