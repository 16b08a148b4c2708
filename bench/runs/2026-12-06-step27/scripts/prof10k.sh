#!/usr/bin/env bash
# prof10k.sh JAR OUT : two 10k runs on one server; async-profiler (cpu, per thread, collapsed) over 10 s of the second run's window
set -uo pipefail
ROOT=/work/main; JAR=$1; OUT=$2
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
WORK=$(mktemp -d /tmp/p10.XXXXXX); PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
S=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
for run in 1 2; do
  $GEN --label p10 --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 --server-pid $S > $WORK/gen$run.log 2>&1 &
  G=$!
  if [ $run = 2 ]; then
    sleep 18
    $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=1ms,threads\"" >/dev/null
    sleep 10
    $JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT\"" >/dev/null
  fi
  wait $G
  echo "run $run: $(grep '^RESULT' $WORK/gen$run.log | tr ',' '\n' | grep -E '"(p99Ms|lost|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit)"' | tr '\n' ' ')"
done
kill $S; wait $S 2>/dev/null; rm -rf $WORK/data
