#!/usr/bin/env bash
# jit2.sh JAR OUT : step 28's jit.sh, and the launch-relative ms at which each run's window opened and closed (OUT.windows)
set -uo pipefail
. /work/main/bench/runs/2026-12-06-step27/scripts/common.sh; JAR=$1; OUT=$2; shift 2
new_server "$JAR" "-XX:StartFlightRecording:filename=\$WORK/c.jfr,settings=none,+jdk.Compilation#enabled=true,+jdk.Compilation#threshold=0ms,+jdk.Deoptimization#enabled=true" "$@"
: > "$OUT.windows"
for run in 1 2; do
  pingpong10k jit "$WORK/gen$run.log" &
  G=$!
  for _ in $(seq 1 1200); do grep -q '^window open' "$WORK/gen$run.log" 2>/dev/null && break; sleep 0.05; done
  echo "run $run open $(( ($(date +%s%N) - T0) / 1000000 ))" >> "$OUT.windows"
  wait $G; grep -E "RssAnon|RssFile" /proc/$S/status | tr -s " \t" " " | tr "\n" " "; echo
  echo "run $run: $(fields "$WORK/gen$run.log" 'p99Ms|maxMs|lost|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit')"
done
"$JAVA_HOME/bin/jcmd" $S JFR.dump filename="$WORK/c.jfr" >/dev/null
"$JAVA_HOME/bin/jfr" print --json --events jdk.Compilation "$WORK/c.jfr" > "$WORK/c.json"
python3 /work/main/bench/runs/2026-12-06-step28/scripts/compilations.py "$WORK/c.json" "$T0" > "$OUT"
"$JAVA_HOME/bin/jfr" summary "$WORK/c.jfr" | grep -i deopt
"$JAVA_HOME/bin/jfr" print --events jdk.Deoptimization "$WORK/c.jfr" > "$OUT.deopt"
stop_server
