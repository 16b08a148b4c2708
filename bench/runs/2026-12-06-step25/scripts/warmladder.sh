#!/usr/bin/env bash
# warmladder.sh JAR OUT [N] : as compare.sh's maxrate: fresh server, 2k pingpong warm-up (15 s + 5 s), then the ladder's
# first steps (500,1000); async-profiler cpu on all threads during the ladder (OUT.collapsed) unless NOPROF=1
set -uo pipefail
ROOT=/work/main; JAR=$1; OUT=$2; N=${3:-1}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -XX:+EnableDynamicAgentLoading ${EXTRA_JAVA_OPTS:-}"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/wl.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  $GEN --label warm --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 2000 --warmup 15 --duration 5 --server-pid $S > $WORK/warm.log 2>&1
  echo "warm-up: $(grep '^RESULT' $WORK/warm.log | grep -o '"p99Ms":[0-9.]*')"
  [ "${NOPROF:-0}" = 0 ] && $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=2ms,threads\"" >/dev/null
  $GEN --label fl --port $PORT --jwt-secret "$JWT_SECRET" --scenario maxrate --pairs 1000 --rate ${RATES:-500,1000} --warmup 2 --duration 5 --drain 5 --server-pid $S > $WORK/gen.log 2>&1
  [ "${NOPROF:-0}" = 0 ] && $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT-$i.collapsed\"" >/dev/null
  grep -E "msg/s ->" $WORK/gen.log | tr '\n' ' '; echo
  kill $S; wait $S 2>/dev/null; rm -rf $WORK
done
