#!/usr/bin/env bash
# s10sched.sh JAR N : second10k.sh's two 10k runs on N fresh servers with -Xlog:gc,safepoint, sampling the event
# loop thread's schedstat every 50 ms (time on a core, time runnable but waiting for one). Prints each run, the
# sample intervals in which the loop waited >= SCHEDMIN ms (default 20) and its whole wait per window; with
# GCMIN=n, also every collection pause of n ms or more (second10k-gc-pauses.txt). RENICE=n sets nice n on the
# background threads whose names match RENICE_NAMES (a regular expression), again every 2 s for new ones
# (loop-cpu-wait-*.txt).
set -uo pipefail
. "$(dirname "$0")/common.sh"; JAR=$1; N=${2:-1}
for i in $(seq 1 "$N"); do
  new_server "$JAR" '-Xlog:gc,safepoint:file=$WORK/gc.log:uptime'
  LOOP=$(for t in /proc/$S/task/*; do grep -q multiThreadIoEv $t/comm && echo ${t##*/}; done | head -1)
  ( while kill -0 $S 2>/dev/null; do echo "$(( ($(date +%s%N) - T0) / 1000000 )) $(cat /proc/$S/task/$LOOP/schedstat 2>/dev/null)"; sleep 0.05; done ) > $WORK/sched.txt &
  SAMPLER=$!
  if [ -n "${RENICE:-}" ]; then
    ( while kill -0 $S 2>/dev/null; do for t in /proc/$S/task/*; do grep -qE "${RENICE_NAMES:-^(switchboard-app|rocksdb:|C1 CompilerThre|C2 CompilerThre|MVStore|H2)}" $t/comm 2>/dev/null && renice -n $RENICE -p ${t##*/} >/dev/null 2>&1; done; sleep 2; done ) &
  fi
  for run in 1 2; do
    generate --label s10 --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 2>&1 > $WORK/gen$run.log \
      | while IFS= read -r l; do case "$l" in *"window open"*) echo "$(( ($(date +%s%N) - T0) / 1000000 ))" > $WORK/window$run;; esac; done
    W=$(cat $WORK/window$run)
    echo "run $run (window at ${W} ms${RENICE:+, background threads at nice $RENICE}): $(fields $WORK/gen$run.log 'p99Ms|maxMs|serverCpuUsPerDelivery|serverJitCpuMillis')"
    awk -v min=${SCHEDMIN:-20} -v a=$W -v b=$((W + 10000)) 'NF==4 && $1>=a && $1<=b { if (p) { dw=($3-pw)/1e6; dr=($2-pr)/1e6; tw+=dw; tr+=dr; if (dw>=min) printf "  at %d ms: waited %.0f ms for a CPU, ran %.0f ms (in %d ms)\n", $1-a, dw, dr, $1-pt } p=1; pt=$1; pw=$3; pr=$2 } END { printf "  window: the loop ran %.0f ms and waited %.0f ms for a CPU\n", tr, tw }' $WORK/sched.txt
  done
  [ -n "${RENICE:-}" ] && echo "  reniced: $(ps -L -o ni=,comm= -p $S | awk -v n=$RENICE '$1==n {$1=""; print}' | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
  [ -n "${GCMIN:-}" ] && grep -E 'Pause' $WORK/gc.log | awk -v min=$GCMIN '{ms=$NF; sub(/ms/,"",ms); if (ms+0 >= min) print}'
  stop_server; kill $SAMPLER 2>/dev/null; echo "  $WORK"
done
