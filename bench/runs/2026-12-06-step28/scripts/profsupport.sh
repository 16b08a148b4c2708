#!/usr/bin/env bash
# profsupport.sh JAR RATE OUT : one fresh server, support-chat pingpong at RATE (1,000 pairs, 15 s warm-up, 10 s
# window); async-profiler (cpu, 1 ms, per thread, collapsed) over 8 s of the window, into OUT; and a wall-clock
# profile of the same 8 s (what threads wait for) into OUT.wall
set -uo pipefail
. "$(dirname "$0")/../../2026-12-06-step27/scripts/common.sh"; JAR=$1; RATE=$2; OUT=$3
new_server "$JAR"
generate --label support --scenario pingpong --chats support --pairs 1000 --rate "$RATE" --warmup 15 --duration 10 \
  > "$WORK/gen.log" 2>&1 &
G=$!
AP=/tmp/ap/linux-x64/libasyncProfiler.so
sleep 24
"$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load $AP "\"start,event=cpu,interval=1ms,threads\"" >/dev/null
sleep 8
"$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load $AP "\"stop,collapsed,file=$OUT\"" >/dev/null
wait $G
echo "support $RATE: $(fields "$WORK/gen.log" 'achievedRate|p99Ms|lost|serverCpuUsPerDelivery|serverCpuUsPerDeliveryNoJit')"
stop_server
