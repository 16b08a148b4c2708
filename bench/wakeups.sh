#!/usr/bin/env bash
# Per-message costs of the dispatch path under a pingpong load: CPU, context switches and system
# calls per delivered message, per thread group. One fresh server per run (fresh DATA_DIR), as
# bench/compare.sh starts it; used for the dispatch step of docs/performance.md.
#
#   bench/wakeups.sh JAR [RATE] [PAIRS] [label]     e.g. bench/wakeups.sh target/switchboard.jar 2000 1000 head
#   env: EXTRA_JAVA_OPTS (appended to the server's flags), SYSCALLS=0 skips the perf window,
#        GEN_CP (generator classpath; default target/test-classes + JAR), WARMUP (generator warm-up s, 15)
#
# Timeline: the generator connects, warms up 15 s and measures 30 s. 2 s into its measured window a 10 s
# window reads /proc/<pid>/task/*/{stat,status} (CPU, voluntary and non-voluntary switches); then,
# when perf is usable, a 5 s window counts system calls per thread and kind (`perf record -e
# raw_syscalls:sys_enter`, a separate window because recording costs the server CPU).
# Figures per message divide by RATE x window (the offered rate; the generator's RESULT line,
# printed at the end, says whether it was achieved).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(realpath "$1"); RATE=${2:-2000}; PAIRS=${3:-1000}; LABEL=${4:-run}
. "$ROOT/scripts/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wakeups.XXXXXX")
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g ${EXTRA_JAVA_OPTS:-}"
GEN_CP=${GEN_CP:-$ROOT/target/test-classes:$JAR}

SERVER=""
GEN=""
cleanup() {
  [ -n "$GEN" ] && kill "$GEN" 2>/dev/null
  [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$WORK/data"
}
trap cleanup EXIT
for attempt in 1 2 3; do # a random port may be taken: try another
  PORT=$((10000 + RANDOM % 22000)) # below the ephemeral ports (32768 up) the generator's clients use
  # shellcheck disable=SC2086
  "$JAVA" $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break 2
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.2
  done
  kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK/data"; SERVER=""
done
[ -n "$SERVER" ] || { echo "server did not start, see $WORK/server.log" >&2; exit 1; }

"$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC -cp "$GEN_CP" dev.switchboard.bench.LoadGenerator --label "$LABEL" \
  --port "$PORT" --jwt-secret "$JWT_SECRET" --scenario pingpong --pairs "$PAIRS" --rate "$RATE" \
  --warmup "${WARMUP:-15}" --duration 30 --server-pid "$SERVER" > "$WORK/gen.log" 2>&1 &
GEN=$!

# tid, cpu ticks (user, system), voluntary and non-voluntary switches, name with digits folded
snapshot() {
  for t in /proc/"$SERVER"/task/*; do
    local name stat status
    name=$(tr -d '\n' < "$t/comm" 2>/dev/null | sed 's/[0-9]\+/N/g; s/ /_/g') || continue
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    status=$(cat "$t/status" 2>/dev/null) || continue
    stat=${stat##*) }
    # shellcheck disable=SC2086
    set -- $stat
    echo "${t##*/} ${12} ${13} $(echo "$status" | awk '/^voluntary_ctxt/{v=$2} /^nonvoluntary_ctxt/{n=$2} END{print v, n}') $name"
  done
}
# inside the generator's measured window (it says when that opens; all sockets are open by then)
for _ in $(seq 1 1800); do
  grep -q '^window open' "$WORK/gen.log" && break
  kill -0 "$GEN" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '^window open' "$WORK/gen.log"; then # a generator that failed measures nothing: say so
  echo "the generator did not reach its measured window; its log ($WORK/gen.log) ends:" >&2
  tail -n 20 "$WORK/gen.log" >&2
  exit 1
fi
sleep 2
before=$(snapshot); sleep 10; after=$(snapshot)
hz=$(getconf CLK_TCK); msgs=$((RATE * 10))
echo "== $LABEL: 10 s window, $msgs messages offered (per message: CPU us user+sys, voluntary / non-voluntary switches)"
awk -v hz="$hz" -v msgs="$msgs" 'NR == FNR { u[$1] = $2; s[$1] = $3; v[$1] = $4; n[$1] = $5; next }
  ($1 in u) { g = $6; du[g] += $2 - u[$1]; ds[g] += $3 - s[$1]; dv[g] += $4 - v[$1]; dn[g] += $5 - n[$1]; cnt[g]++ }
  END { for (g in du) { tu += du[g]; ts += ds[g]; tv += dv[g]; tn += dn[g]
          if (du[g] + ds[g] + dv[g] + dn[g] > 0)
            printf "  %-24s %3d thr  cpu %7.1f us (usr %6.1f sys %6.1f)  vol %6.3f  invol %6.3f\n", g, cnt[g],
              1e6 * (du[g] + ds[g]) / hz / msgs, 1e6 * du[g] / hz / msgs, 1e6 * ds[g] / hz / msgs, dv[g] / msgs, dn[g] / msgs }
        printf "  %-24s          cpu %7.1f us (usr %6.1f sys %6.1f)  vol %6.3f  invol %6.3f\n", "TOTAL",
          1e6 * (tu + ts) / hz / msgs, 1e6 * tu / hz / msgs, 1e6 * ts / hz / msgs, tv / msgs, tn / msgs }' \
  <(echo "$before") <(echo "$after") | sort -t'u' -k1,1 | sort -k5,5 -rn -t' ' | sed 's/^/ /' || true

if [ "${SYSCALLS:-1}" = 1 ] && command -v perf >/dev/null; then
  # thread names (perf's comm is the same 15 characters), then every syscall entry for 5 s
  if perf record -q -e raw_syscalls:sys_enter -p "$SERVER" -o "$WORK/perf.data" -- sleep 5 >/dev/null 2>&1; then
    msgs=$((RATE * 5))
    echo "== $LABEL: system calls per message (5 s window, $msgs messages offered)"
    perf script -i "$WORK/perf.data" -F comm,trace 2>/dev/null \
      | awk -v msgs="$msgs" 'BEGIN { split("0 read 1 write 3 close 7 poll 8 lseek 9 mmap 10 mprotect 11 munmap 16 ioctl 17 pread64 18 pwrite64 20 writev 24 sched_yield 28 madvise 35 nanosleep 39 getpid 74 fsync 75 fdatasync 186 gettid 202 futex 228 clock_gettime 230 clock_nanosleep 232 epoll_wait 233 epoll_ctl 281 epoll_pwait 441 epoll_pwait2 44 sendto 45 recvfrom 46 sendmsg 47 recvmsg", m, " ")
          for (i = 1; i < length(m); i += 2) sys[m[i]] = m[i + 1] }
        { c = $1; gsub(/[0-9]+/, "N", c); id = $0; sub(/.*NR /, "", id); sub(/ .*/, "", id)
          if (id in sys) id = sys[id]; n[c " " id]++; t[c]++; all++ }
        END { for (k in n) if (n[k] / msgs >= 0.02) printf "  %-40s %6.3f\n", k, n[k] / msgs
              for (c in t) printf "  %-40s %6.3f\n", c " (all)", t[c] / msgs
              printf "  %-40s %6.3f\n", "TOTAL", all / msgs }' | sort
  fi
fi
wait "$GEN" || true
GEN=""
grep -q '^RESULT' "$WORK/gen.log" || { echo "the generator printed no RESULT line; see $WORK/gen.log" >&2; exit 1; }
grep '^RESULT' "$WORK/gen.log" | cut -c8- | tr ',' '\n' | grep -E '"(achievedRate|p50Ms|p99Ms|lost|ackErrors|missingAcks|serverCpuUsPerDelivery|serverCpuPercent|genCpuPercent)"' | tr '\n' ' '
echo
