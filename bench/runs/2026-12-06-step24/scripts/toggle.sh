#!/usr/bin/env bash
# toggle.sh JAR RATE "v1 v2 ..." ROUNDS : one server, phases of 10 s with /tmp/sb-coalesce set to each value in turn
set -euo pipefail
ROOT=/work/main; JAR=$1; RATE=$2; VALUES=$3; ROUNDS=${4:-3}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d /tmp/tog.XXXXXX)
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
PORT=$((10000 + RANDOM % 22000))
rm -f /tmp/sb-coalesce
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill $GEN 2>/dev/null; rm -rf $WORK/data; rm -f /tmp/sb-coalesce' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
NV=$(echo $VALUES | wc -w)
DUR=$(( ROUNDS * NV * 12 + 10 ))
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label tog \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate "$RATE" \
  --warmup ${WARM:-40} --duration $DUR --server-pid "$SERVER" > "$WORK/gen.log" 2>&1 &
GEN=$!
for _ in $(seq 1 1800); do grep -q '^window open' "$WORK/gen.log" && break; sleep 0.1; done
snap() { for t in /proc/$SERVER/task/*; do n=$(tr -d '\n' < $t/comm 2>/dev/null | sed 's/[0-9]\+/N/g; s/ /_/g') || continue; s=$(cat $t/stat 2>/dev/null) || continue; s=${s##*) }; set -- $s; echo "${t##*/} $((${12}+${13})) $n"; done; }
hz=$(getconf CLK_TCK)
for r in $(seq 1 $ROUNDS); do for v in $VALUES; do
  echo $v > /tmp/sb-coalesce; sleep 2
  prev=$(snap); sleep 10; cur=$(snap)
  awk -v hz=$hz -v msgs=$((RATE*10)) -v lab="r$r v=$v" 'NR==FNR{b[$1]=$2;next} ($1 in b){d[$3]+=$2-b[$1]; t+=$2-b[$1]}
    END{printf "%-12s total %6.1f us/msg:", lab, 1e6*t/hz/msgs; for(g in d) if (1e6*d[g]/hz/msgs>=0.5) printf " %s %.1f", g, 1e6*d[g]/hz/msgs; printf "\n"}' <(echo "$prev") <(echo "$cur")
done; done
wait $GEN || true
grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|p99Ms|maxMs|lost|duplicated|missingAcks)"' | tr '\n' ' '; echo
