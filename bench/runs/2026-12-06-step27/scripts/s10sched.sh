#!/usr/bin/env bash
# s10sched.sh JAR N : second10k.sh's two 10k runs, sampling the event loop thread's schedstat every 50 ms
# (time on CPU, time runnable but waiting for a CPU); prints each run and the 100 ms intervals in which
# the loop waited >= 20 ms for a CPU, and its total wait per window
set -uo pipefail
ROOT=/work/main; JAR=$1; N=${2:-1}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/s10.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -Xlog:gc,safepoint:file=$WORK/gc.log:uptime ${EXTRA_JAVA_OPTS:-}"
  $JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!; T0=$(date +%s%N)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  LOOP=$(for t in /proc/$S/task/*; do grep -q multiThreadIoEv $t/comm && echo ${t##*/}; done | head -1)
  ( while kill -0 $S 2>/dev/null; do echo "$(( ($(date +%s%N) - T0) / 1000000 )) $(cat /proc/$S/task/$LOOP/schedstat 2>/dev/null)"; sleep 0.05; done ) > $WORK/sched.txt &
  SAMPLER=$!
  if [ -n "${RENICE:-}" ]; then # lower the priority of the background threads (by name), again every 2 s for new ones
    ( while kill -0 $S 2>/dev/null; do for t in /proc/$S/task/*; do grep -qE "${RENICE_NAMES:-^(switchboard-app|rocksdb:|C1 CompilerThre|C2 CompilerThre|MVStore|H2)}" $t/comm 2>/dev/null && renice -n $RENICE -p ${t##*/} >/dev/null 2>&1; done; sleep 2; done ) &
  fi
  for run in 1 2; do
    $GEN --label s10 --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 --server-pid $S 2>&1 > $WORK/gen$run.log | while IFS= read -r l; do case "$l" in *"window open"*) echo "$(( ($(date +%s%N) - T0) / 1000000 ))" > $WORK/window$run;; esac; done
    W=$(cat $WORK/window$run)
    echo "run $run (window at ${W} ms${RENICE:+, background threads at nice $RENICE}): $(grep '^RESULT' $WORK/gen$run.log | tr ',' '\n' | grep -E '"(p99Ms|maxMs|serverCpuUsPerDelivery|serverJitCpuMillis)"' | tr '\n' ' ')"
    awk -v min=${SCHEDMIN:-20} -v a=$W -v b=$((W + 10000)) 'NF==4 && $1>=a && $1<=b { if (p) { dw=($3-pw)/1e6; dr=($2-pr)/1e6; tw+=dw; tr+=dr; if (dw>=min) printf "  at %d ms: waited %.0f ms for a CPU, ran %.0f ms (in %d ms)\n", $1-a, dw, dr, $1-pt } p=1; pt=$1; pw=$3; pr=$2 } END { printf "  window: the loop ran %.0f ms and waited %.0f ms for a CPU\n", tr, tw }' $WORK/sched.txt
  done
  [ -n "${RENICE:-}" ] && echo "  reniced: $(ps -L -o ni=,comm= -p $S | awk -v n=$RENICE '$1==n {$1=""; print}' | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
  kill $S; wait $S 2>/dev/null; kill $SAMPLER 2>/dev/null; rm -rf $WORK/data; echo "  $WORK"
done
