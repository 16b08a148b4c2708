#!/usr/bin/env bash
# disc.sh JAR : after a pingpong run of PAIRS pairs ends (its sockets close), the server's CPU per second by thread group
set -uo pipefail
ROOT=/work/main; JAR=$1; PAIRS=${PAIRS:-1000}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
WORK=$(mktemp -d /tmp/dc.XXXXXX); PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
S=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
$GEN --label dc --port $PORT --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs $PAIRS --rate 2000 --warmup 5 --duration 5 --server-pid $S > $WORK/gen1.log 2>&1
echo "gen done: $(grep '^RESULT' $WORK/gen1.log | tr ',' '\n' | grep -E '"(p99Ms|lost|connectMillis)"' | tr '\n' ' ')"
hz=$(getconf CLK_TCK)
prev=""
for s in $(seq 1 ${SECS:-20}); do
  cur=$(for t in /proc/$S/task/*; do awk -v name="$(tr -d '\n' < $t/comm | sed 's/[0-9]\+/N/g; s/ /_/g')" '{ sub(/^.*\) /, ""); split($0, f, " "); print name, f[12]+f[13] }' $t/stat 2>/dev/null; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort)
  if [ -n "$prev" ]; then
    echo "t=$s $(join <(echo "$prev") <(echo "$cur") | awk -v hz=$hz '{d=($3-$2)*1000/hz; if (d>0) printf "%s=%dms ", $1, d}')"
  fi
  prev="$cur"; sleep 1
done
kill $S; wait $S 2>/dev/null; rm -rf $WORK/data; echo "log: $WORK"
