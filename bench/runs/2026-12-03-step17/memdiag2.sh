#!/usr/bin/env bash
# memdiag2.sh RUNS JAR : connections 10k with CDS + NMT; NMT diff against a baseline taken before the ramp
RUNS=$1; JAR=$2
. /work/main/scripts/select-jdk.sh
JAVA="$JAVA_HOME/bin/java"; JCMD="$JAVA_HOME/bin/jcmd"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
BASE="$(sed -e 's/#.*//' /work/main/scripts/server-jvm-options | tr '\n' ' ') -Xms64m -Xmx2g -XX:NativeMemoryTracking=summary -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=${JAR%.jar}.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
for r in $(seq 1 "$RUNS"); do
  PORT=$((10000 + RANDOM % 22000)); D=$(mktemp -d)
  $JAVA $BASE -jar "$JAR" --port $PORT --data-dir $D/data > $D/server.log 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$PORT/health >/dev/null 2>&1 && break; sleep 0.2; done
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label mem \
    --port $PORT --scenario connections --connections 10000 --processes 2 --hold 40 --server-pid $S --jcmd "$JCMD" > $D/gen.log 2>&1 &
  G=$!
  sleep 3; $JCMD $S GC.run >/dev/null; $JCMD $S VM.native_memory baseline >/dev/null; R0=$(grep VmRSS /proc/$S/status | awk '{print $2}')
  sleep 30
  $JCMD $S GC.run >/dev/null; sleep 1
  R1=$(grep VmRSS /proc/$S/status | awk '{print $2}')
  echo "=== run $r rss $R0 -> $R1 kB (+$(( (R1-R0)/1024 )) MB)"
  $JCMD $S VM.native_memory summary.diff | grep -E "^-" | grep -E "committed=[0-9]+KB [+-]" | sed 's/^ *//' | cut -c1-120
  grep -E "^(Rss|Anonymous|Shared_Clean|Private_Dirty|Private_Clean)" /proc/$S/smaps_rollup | tr '\n' ' '; echo
  wait $G
  echo "result: $(grep '^RESULT' $D/gen.log | cut -c8- | tr ',' '\n' | grep -E 'KbPerSocket|RssAfter|RssBefore' | tr '\n' ' ')"
  kill $S; wait $S 2>/dev/null; rm -rf $D
done
