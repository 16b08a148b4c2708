#!/usr/bin/env bash
# burstprof.sh JAR OUT : fresh server, 2k pingpong (1,000 pairs, 10 s + 5 s), then async-profiler (cpu, all threads)
# over the first seconds of a 10k run with 1,000 new pairs (the burst of new conversations)
set -uo pipefail
ROOT=/work/main; JAR=$1; OUT=$2
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -XX:+EnableDynamicAgentLoading"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
WORK=$(mktemp -d /tmp/bp.XXXXXX); PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
S=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
$GEN --label warm --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 2000 --warmup 10 --duration 5 > $WORK/warm.log 2>&1
echo "warm-up: $(grep '^RESULT' $WORK/warm.log | grep -o '"p99Ms":[0-9.]*')"
$GEN --label burst --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 --warmup 3 --duration 5 --server-pid $S > $WORK/gen.log 2>&1 &
G=$!
# from the ramp (new sockets; their frames are told apart by their stacks) through the first messages' burst
sleep 0.5
$JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=1ms,threads\"" >/dev/null
sleep ${PROF_SECONDS:-8}
$JAVA_HOME/bin/jcmd $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT.collapsed\"" >/dev/null
wait $G
echo "burst run: $(grep '^RESULT' $WORK/gen.log | tr ',' '\n' | grep -E '"(connectMillis|p99Ms|lost|serverCpuUsPerDelivery)"' | tr '\n' ' ')"
kill $S; wait $S 2>/dev/null; rm -rf $WORK
