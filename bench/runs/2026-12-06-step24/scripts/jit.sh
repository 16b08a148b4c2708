#!/usr/bin/env bash
# profile.sh JAR RATE OUT [WARMUP] : pingpong at RATE, async-profiler cpu 20 s inside the window, per-thread CPU same window
set -euo pipefail
ROOT=/work/main; JAR=$1; RATE=$2; OUT=$3; WARM=${4:-40}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d /tmp/prof.XXXXXX)
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g -XX:+EnableDynamicAgentLoading ${EXTRA_JAVA_OPTS:-}"
PORT=$((10000 + RANDOM % 22000))
$JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
echo "server log $WORK/server.log"
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill $GEN 2>/dev/null; rm -rf $WORK/data' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$JAR" dev.switchboard.bench.LoadGenerator --label prof \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs 1000 --rate "$RATE" \
  --warmup "$WARM" --duration ${DUR:-10} --server-pid "$SERVER" > "$WORK/gen.log" 2>&1 &
GEN=$!
for _ in $(seq 1 1800); do grep -q '^window open' "$WORK/gen.log" && break; sleep 0.1; done
UP=$($JAVA_HOME/bin/jcmd $SERVER VM.uptime | tail -1); echo "uptime at window+0: $UP"
snap() { for t in /proc/$SERVER/task/*; do n=$(tr -d '\n' < $t/comm 2>/dev/null | sed 's/[0-9]\+/N/g; s/ /_/g') || continue; s=$(cat $t/stat 2>/dev/null) || continue; s=${s##*) }; set -- $s; echo "${t##*/} $((${12}+${13})) $n"; done; }
hz=$(getconf CLK_TCK)
if [ "${NOPROF:-0}" = 0 ]; then $JAVA_HOME/bin/jcmd $SERVER JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=cpu,interval=2ms,threads\"" >/dev/null; fi
prev=$(snap); sleep ${WIN:-10}; cur=$(snap)
if [ -n "${JFRDUMP:-}" ]; then $JAVA_HOME/bin/jcmd $SERVER JFR.dump name=1 filename=$JFRDUMP >/dev/null; fi
if [ "${NOPROF:-0}" = 0 ]; then $JAVA_HOME/bin/jcmd $SERVER JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$OUT\"" >/dev/null; fi
awk -v hz=$hz -v msgs=$((RATE*${WIN:-10})) 'NR==FNR{b[$1]=$2;next} ($1 in b){d[$3]+=$2-b[$1]; t+=$2-b[$1]}
    END{printf "window total %6.1f us/msg:", 1e6*t/hz/msgs; for(g in d) if (1e6*d[g]/hz/msgs>=0.3) printf " %s %.1f", g, 1e6*d[g]/hz/msgs; printf "\n"}' <(echo "$prev") <(echo "$cur")
wait $GEN || true
grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|p99Ms|lost|duplicated|missingAcks|serverCpuUsPerDelivery)"' | tr '\n' ' '; echo
