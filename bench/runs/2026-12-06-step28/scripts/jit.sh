#!/usr/bin/env bash
# jit.sh JAR OUT [JVM flags...] : two 10k runs on one fresh server recording every JIT compilation (JFR
# jdk.Compilation, no threshold); prints both runs' figures and writes the compilations, as
# "start-ms-since-launch duration-ms level bytes method", to OUT
set -uo pipefail
. "$(dirname "$0")/../../2026-12-06-step27/scripts/common.sh"; JAR=$1; OUT=$2; shift 2
new_server "$JAR" "-XX:StartFlightRecording:filename=\$WORK/c.jfr,settings=none,+jdk.Compilation#enabled=true,+jdk.Compilation#threshold=0ms" "$@"
for run in 1 2; do
  pingpong10k jit "$WORK/gen$run.log"
  echo "run $run: $(fields "$WORK/gen$run.log" 'p99Ms|maxMs|lost|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit')"
done
"$JAVA_HOME/bin/jcmd" $S JFR.dump filename="$WORK/c.jfr" >/dev/null
"$JAVA_HOME/bin/jfr" print --json --events jdk.Compilation "$WORK/c.jfr" > "$WORK/c.json"
python3 "$(dirname "$0")/compilations.py" "$WORK/c.json" "$T0" > "$OUT"
stop_server
