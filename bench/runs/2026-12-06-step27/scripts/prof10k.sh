#!/usr/bin/env bash
# prof10k.sh JAR OUT : two 10k runs on one server; async-profiler (cpu, 1 ms, per thread, collapsed) over
# 10 s of the second run's window, into OUT
set -uo pipefail
. "$(dirname "$0")/common.sh"; JAR=$1; OUT=$2
new_server "$JAR"
for run in 1 2; do
  pingpong10k p10 "$WORK/gen$run.log" &
  G=$!
  if [ $run = 2 ]; then
    sleep 18
    "$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=1ms,threads\"" >/dev/null
    sleep 10
    "$JAVA_HOME/bin/jcmd" $S JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT\"" >/dev/null
  fi
  wait $G
  echo "run $run: $(fields "$WORK/gen$run.log" 'p99Ms|lost|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit')"
done
stop_server
