#!/usr/bin/env bash
# memprobe.sh JAR N: histogram + NMT at 0 and N idle sockets
set -uo pipefail
ROOT=/work/main; JAR=$1; N=$2
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"; JCMD="$JAVA_HOME/bin/jcmd"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -XX:NativeMemoryTracking=summary"
WORK=$(mktemp -d /tmp/mem.XXXXXX); PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC ${GENOPTS:-} -cp "/work/scratch/${GEN:-gen}:$JAR" dev.switchboard.bench.LoadGenerator --label conns \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario connections --connections $N --processes 2 --hold 100 \
    --server-pid "$SERVER" --jcmd "$JCMD" > "$WORK/gen.log" 2>&1 &
GEN=$!
sleep 3; $JCMD $SERVER GC.run >/dev/null; sleep 1
$JCMD $SERVER GC.class_histogram > /work/scratch/histo0.txt; $JCMD $SERVER VM.native_memory summary > /work/scratch/nmt0.txt; grep VmRSS /proc/$SERVER/status
for _ in $(seq 1 600); do [ $(ls /proc/$SERVER/fd | wc -l) -gt $((N+10)) ] && break; sleep 0.2; done
sleep 15; $JCMD $SERVER GC.run >/dev/null; sleep 6
ls /proc/$SERVER/fd | wc -l; $JCMD $SERVER GC.class_histogram > /work/scratch/histoN.txt; $JCMD $SERVER VM.native_memory summary > /work/scratch/nmtN.txt; grep VmRSS /proc/$SERVER/status; ls /proc/$SERVER/fd | wc -l
wait $GEN; grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -iE 'KbPer|failed|stillOpen|Rss' | tr '\n' ' '
kill $SERVER; wait $SERVER 2>/dev/null; rm -rf "$WORK"
