#!/usr/bin/env bash
# second10k.sh JAR N : compare.sh's pingpong-10k twice on one server; thread dumps during the second run; prints both results
set -uo pipefail
ROOT=/work/main; JAR=$1; N=${2:-1}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/s10.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  for run in 1 2; do
    $GEN --label s10 --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 --server-pid $S > $WORK/gen$run.log 2>&1 &
    G=$!
    if [ $run = 2 ]; then
      for t in 10 20 30; do sleep 10; $JAVA_HOME/bin/jcmd $S Thread.dump_to_file -format=text $WORK/dump-$t.txt >/dev/null 2>&1; done
    fi
    wait $G
    echo "run $run: $(grep '^RESULT' $WORK/gen$run.log | tr ',' '\n' | grep -E '"(p99Ms|lost|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit)"' | tr '\n' ' ')"
  done
  echo "server log errors: $(grep -c 'ERROR\|WARN' $WORK/server.log); dumps in $WORK"
  kill $S; wait $S 2>/dev/null; cp $WORK/data/messages/LOG $WORK/rocks.LOG 2>/dev/null; ls -R $WORK/data > $WORK/files.txt; rm -rf $WORK/data
done
