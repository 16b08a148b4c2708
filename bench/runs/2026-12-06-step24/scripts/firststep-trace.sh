#!/usr/bin/env bash
# firststep-trace.sh JAR OUT [wall|jfr] : one fresh server through the maximum-rate ladder's first step, traced from its start:
#   wall: async-profiler wall-clock samples of all threads into OUT.jfr; jfr: JFR with park.jfc (parks, GC, long compilations) into OUT
set -uo pipefail
ROOT=/work/main; JAR=$1; OUT=$2; MODE=${3:-wall}; HERE=$(cd "$(dirname "$0")" && pwd)
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -XX:+EnableDynamicAgentLoading"
[ "$MODE" = jfr ] && OPTS="$OPTS -XX:StartFlightRecording=settings=$HERE/park.jfc"
WORK=$(mktemp -d /tmp/fw.XXXXXX); PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
S=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label fl \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario maxrate --pairs 1000 --rate 500 --warmup 2 --duration 5 --drain 5 --server-pid "$S" > "$WORK/gen.log" 2>&1 &
G=$!
# the pairs connect first (~4-10 s); profile from when the first sends start: wait for the connect to finish

[ "$MODE" = wall ] && $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=wall,interval=2ms,threads,file=$OUT.jfr,jfr\"" >/dev/null
wait $G
if [ "$MODE" = wall ]; then $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop\"" >/dev/null
else $JAVA_HOME/bin/jcmd $S JFR.dump name=1 filename=$OUT >/dev/null; fi
grep -E "msg/s ->" "$WORK/gen.log"; grep -v "^WARNING" $WORK/gen.log | head -5
kill $S; wait $S 2>/dev/null; rm -rf $WORK
