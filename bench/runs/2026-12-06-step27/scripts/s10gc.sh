#!/usr/bin/env bash
# s10gc.sh JAR N : second10k.sh with GC and safepoint logging; prints both runs, the run windows' uptimes and every pause >= GCMIN ms
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
  S=$!; T0=$(date +%s.%N)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  for run in 1 2; do
    $GEN --label s10 --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 --server-pid $S 2>&1 > $WORK/gen$run.log | while IFS= read -r l; do case "$l" in *window*) echo "  run $run $l at uptime $(echo "$(date +%s.%N) - $T0" | bc)";; esac; done
    echo "run $run: $(grep '^RESULT' $WORK/gen$run.log | tr ',' '\n' | grep -E '"(p99Ms|maxMs|lost|serverCpuUsPerDelivery|serverJitCpuMillis)"' | tr '\n' ' ')"
  done
  grep -E 'Pause|Safepoint' $WORK/gc.log | awk -v min=${GCMIN:-20} '{ms=$NF; sub(/ms/,"",ms); if (ms+0 >= min) print}' | tail -20
  echo "server log errors: $(grep -c 'ERROR\|WARN' $WORK/server.log); $WORK"
  kill $S; wait $S 2>/dev/null; rm -rf $WORK/data
done
