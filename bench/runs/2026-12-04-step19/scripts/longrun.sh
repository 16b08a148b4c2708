#!/usr/bin/env bash
# longrun.sh JAR RATE SECONDS: one server, pingpong at RATE for SECONDS; per-minute CPU per message by thread group
# (EXTRA_JAVA_OPTS, if set, go before the server's flags; step 29)
set -euo pipefail
ROOT=/work/main; JAR=$1; RATE=$2; SECS=$3
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d /tmp/longrun.XXXXXX)
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="${EXTRA_JAVA_OPTS:-} $(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill $GEN 2>/dev/null; rm -rf $WORK/data' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label long \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate "$RATE" \
  --warmup 30 --duration "$SECS" --server-pid "$SERVER" > "$WORK/gen.log" 2>&1 &
GEN=$!
for _ in $(seq 1 1800); do grep -q '^window open' "$WORK/gen.log" && break; sleep 0.1; done
snap() { for t in /proc/$SERVER/task/*; do n=$(tr -d '\n' < $t/comm 2>/dev/null | sed 's/[0-9]\+/N/g; s/ /_/g') || continue; s=$(cat $t/stat 2>/dev/null) || continue; s=${s##*) }; set -- $s; echo "${t##*/} $((${12}+${13})) $n"; done; }
hz=$(getconf CLK_TCK); prev=$(snap); t0=$(date +%s)
for m in $(seq 1 $((SECS/60))); do
  sleep 60; cur=$(snap)
  awk -v hz=$hz -v msgs=$((RATE*60)) -v m=$m -v du="$(du -sm $WORK/data | cut -f1)" 'NR==FNR{b[$1]=$2;next} ($1 in b){d[$3]+=$2-b[$1]; t+=$2-b[$1]}
    END{printf "min %2d disk %5d MB total %6.1f us:", m, du, 1e6*t/hz/msgs; for(g in d) if (1e6*d[g]/hz/msgs>=0.5) printf " %s %.1f", g, 1e6*d[g]/hz/msgs; printf "\n"}' <(echo "$prev") <(echo "$cur")
  prev=$cur
done
wait $GEN || true
grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|p99Ms|lost|duplicated|missingAcks|serverCpuUsPerDelivery)"' | tr '\n' ' '; echo
