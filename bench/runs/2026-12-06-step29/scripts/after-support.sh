#!/usr/bin/env bash
# after-support.sh JAR OUT : one server; two support-chat runs at 10k, then seed 004's direct messages at 10k (new pairs),
# async-profiler (cpu, 1 ms, per thread) over the first 40 s of the direct run (connect + warm-up + window)
. /work/main/bench/runs/2026-12-06-step27/scripts/common.sh; JAR=$1; OUT=$2
new_server "$JAR"
for r in 1 2; do generate --label support --scenario pingpong --chats support --pairs 1000 --rate 10000 --warmup 15 --duration 10 > "$WORK/support.log" 2>&1; echo "support $r: $(fields "$WORK/support.log" 'connectMillis|p99Ms|lost|serverCpuUsPerDelivery')"; done
sleep 3
"$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=1ms,threads\"" >/dev/null
pingpong10k direct "$WORK/direct.log" &
G=$!
sleep 40
"$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT\"" >/dev/null
wait $G
echo "direct: $(fields "$WORK/direct.log" 'connectMillis|achievedRate|p99Ms|lost|missingAcks|serverCpuUsPerDelivery')"
curl -s "http://127.0.0.1:$PORT/health"; echo
stop_server
