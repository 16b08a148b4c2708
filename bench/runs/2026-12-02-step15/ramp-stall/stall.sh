#!/usr/bin/env bash
# start a server, run pingpong 500 msg/s with 1 s warm-up, take thread dumps every second
JAR=${1:?jar}
. /work/main/scripts/select-jdk.sh
export JWT_SECRET=bench-jwt-secret-0123456789-abcdefghijklmnop REFRESH_TOKEN_SECRET=bench-refresh-secret-0123456789-abcdefghij
OPTS="$(sed -e 's/#.*//' /work/main/scripts/server-jvm-options | tr '\n' ' ') -Xms64m -Xmx2g"
D=$(mktemp -d); OUT=${OUT:-/tmp/stall}; rm -rf $OUT; mkdir -p $OUT
$JAVA_HOME/bin/java $OPTS -jar $JAR --port 18556 --data-dir $D/data > $OUT/server.log 2>&1 &
pid=$!
until curl -sf http://127.0.0.1:18556/health >/dev/null 2>&1; do sleep 0.05; done
$JAVA_HOME/bin/java -Xms256m -Xmx1g -XX:+UseSerialGC -cp ${GEN_DIR:?}:$JAR dev.switchboard.bench.LoadGenerator --label sb --port 18556 --scenario pingpong --pairs 1000 --rate 500 --warmup 1 --duration 8 --server-pid $pid > $OUT/gen.log 2>&1 &
gen=$!
for i in $(seq 1 16); do sleep 1; $JAVA_HOME/bin/jcmd $pid Thread.print > $OUT/dump-$i.txt 2>/dev/null; echo "$(date +%T.%N | cut -c1-12) dump $i" >> $OUT/times.txt; done
wait $gen
kill $pid; wait $pid 2>/dev/null; rm -rf $D
grep RESULT $OUT/gen.log | cut -c1-400
