#!/usr/bin/env bash
# fanab.sh ROUNDS a.jar b.jar : fanout 1,000 tabs at 10 msg/s, alternated, fresh server each
ROUNDS=$1; shift
. /work/main/scripts/select-jdk.sh
JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
BASE="$(sed -e 's/#.*//' /work/main/scripts/server-jvm-options | tr '\n' ' ') -Xms64m -Xmx2g"
for r in $(seq 1 "$ROUNDS"); do
  for JAR in "$@"; do
    PORT=$((10000 + RANDOM % 22000)); D=$(mktemp -d)
    $JAVA $BASE -jar "$JAR" --port $PORT --data-dir $D/data > $D/server.log 2>&1 &
    S=$!
    for _ in $(seq 1 300); do curl -sf http://127.0.0.1:$PORT/health >/dev/null 2>&1 && break; sleep 0.2; done
    $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label fan \
      --port $PORT --scenario fanout --tabs 1000 --rate 10 --warmup 2 --duration 10 --server-pid $S > $D/gen.log 2>&1
    echo "round $r $(basename $JAR) load $(cut -d' ' -f1 /proc/loadavg): $(grep '^RESULT' $D/gen.log | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|deliveriesPerSecond|p50Ms|p99Ms|maxMs|lost|duplicated|serverCpuUsPerDelivery|serverCpuUsPerDeliveryNoJit)"' | tr '\n' ' ')"
    kill $S; wait $S 2>/dev/null; rm -rf $D
  done
done
