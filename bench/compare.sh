#!/usr/bin/env bash
# Side-by-side benchmark: Switchboard (fresh embedded H2 per run) vs the Node.js reference (server.js,
# Socket.IO) and the bare relay (relay.js, ws alone) of bench/node-reference, driven by the same load
# generator (dev.switchboard.bench.LoadGenerator). Every scenario runs A B C A B C ... for --rounds
# rounds, each run on a fresh server process and port; prints medians per server, the ratios
# Switchboard/Node and Switchboard/relay and the issue-3 targets. See docs/performance.md.
#
#   bench/compare.sh                  # the full run, ~40 min on 2 cores (pingpong-10k runs twice per server)
#   bench/compare.sh --quick          # small and short, ~5 min: checks the machinery, not the numbers
#   options: --rounds N  --scenarios "startup connections pingpong-2k pingpong-10k fanout maxrate hold-19900 support-10k"
#            --servers "switchboard node relay"  (which servers, in this order within a round)
#            --out DIR  --no-build
#   env: SWITCHBOARD_JAVA_OPTS (server JVM flags instead of the default: scripts/server-jvm-options
#        as ./switchboard uses them, -Xms64m -Xmx2g and the class-data-sharing flags; see docs)
#        NODE_OPTIONS_REF (flags for node), GEN_JAVA_OPTS (generator JVM flags),
#        WARMUP_SOCKETS (sockets opened and closed before the memory baseline; -1, the default: a fifth
#        of them, at most 2,000; before step 22 of docs/performance.md: 500)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ROUNDS=3
QUICK=0
BUILD=1
SCENARIOS="startup connections pingpong-2k pingpong-10k fanout maxrate"
SERVERS="switchboard node relay"
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --servers) SERVERS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
for server in $SERVERS; do
  case "$server" in switchboard|node|relay) ;; *) echo "unknown server $server (switchboard, node, relay)" >&2; exit 64 ;; esac
done

# Scenario sizes: full run, or --quick.
if [ "$QUICK" = 1 ]; then
  CONNS=1000; PAIRS=200; WARMUP=1; DURATION=3; LADDER="500,1000,2000,4000,8000"; LOW=500; HIGH=2000; TABS=100
else
  CONNS=10000; PAIRS=1000; WARMUP=15; DURATION=10; LADDER="500,1000,2000,3000,4000,5000,6000,8000,10000,12000,14000,16000,20000"; LOW=2000; HIGH=10000; TABS=1000
fi

. "$ROOT/scripts/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/target/bench-$STAMP}
mkdir -p "$OUT"
# absolute: the Node servers' start-up command changes directory before its log is written
OUT=$(cd "$OUT" && pwd)
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-bench.XXXXXX")
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
# The class-data-sharing flags are what ./switchboard passes (see there and docs/performance.md).
CDS_OPTS="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$ROOT/target/switchboard.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
# The server's own flags are what ./switchboard ships (scripts/server-jvm-options), plus a fixed
# initial and maximum heap so that runs compare.
SERVER_JVM_OPTIONS=$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ' | tr -s ' ')
SWITCHBOARD_JAVA_OPTS=${SWITCHBOARD_JAVA_OPTS-$SERVER_JVM_OPTIONS -Xms64m -Xmx2g $CDS_OPTS}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC}
WARMUP_SOCKETS=${WARMUP_SOCKETS:--1}
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

if [ "$BUILD" = 1 ]; then
  echo "== build (switchboard.jar and the generator)"
  ./mvnw -q -B package -DskipTests 2>&1 | grep -v -e 'sun.misc.Unsafe' -e '^WARNING:' || true
fi
[ -f target/switchboard.jar ] && [ -f target/test-classes/dev/switchboard/bench/LoadGenerator.class ] \
  || { echo "build first: ./mvnw -q -B package -DskipTests" >&2; exit 1; }
CP="$ROOT/target/test-classes:$ROOT/target/switchboard.jar"

echo "== node reference and relay: npm ci in $SCRATCH/node"
mkdir -p "$SCRATCH/node"
cp bench/node-reference/package.json bench/node-reference/package-lock.json bench/node-reference/server.js \
  bench/node-reference/relay.js bench/node-reference/common.js "$SCRATCH/node/"
(cd "$SCRATCH/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "java: $("$JAVA" -version 2>&1 | head -n 1); node: $(node --version)"
  echo "ulimit -n: $(ulimit -n); loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "switchboard flags: ${SWITCHBOARD_JAVA_OPTS:-(none)}; generator flags: $GEN_JAVA_OPTS; warm-up sockets: $WARMUP_SOCKETS"
  echo "rounds: $ROUNDS; scenarios: $SCENARIOS; servers: $SERVERS; quick: $QUICK"
} | tee "$OUT/machine.txt"

# Server ports below the kernel's ephemeral range: the generator's thousands of client sockets take
# their local ports from that range, and a server port among them can be in use when it binds.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
PORT=$((10000 + RANDOM % (EPHEMERAL_LOW - 10500)))
next_port() { PORT=$((PORT + 1)); }

server_cmd() { # $1 = switchboard|node|relay, $2 = port, $3 = data dir
  case "$1" in
    switchboard) echo "exec '$JAVA' $SWITCHBOARD_JAVA_OPTS -jar '$ROOT/target/switchboard.jar' --port $2 --data-dir '$3'" ;;
    node) echo "cd '$SCRATCH/node' && exec node ${NODE_OPTIONS_REF:-} server.js --port $2" ;;
    relay) echo "cd '$SCRATCH/node' && exec node ${NODE_OPTIONS_REF:-} relay.js --port $2" ;;
  esac
}

start_server() { # $1 = server, $2 = log; three tries, each on a fresh port (one may have been taken)
  for attempt in 1 2 3; do
    next_port
    local data="$SCRATCH/data-$PORT"
    sh -c "$(server_cmd "$1" "$PORT" "$data")" > "$2" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
      curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.2
    done
    echo "server $1 did not come up on port $PORT (try $attempt of 3); log $2:" >&2; tail -n 20 "$2" >&2
    stop_server
  done
  return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 75); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

generate() { # $1 = round, $2 = server, $3 = scenario name, $4 = log, rest: generator flags
  local round=$1 server=$2 name=$3 log=$4; shift 4
  set +e
  # shellcheck disable=SC2086
  timeout 600 "$JAVA" $GEN_JAVA_OPTS -cp "$CP" dev.switchboard.bench.LoadGenerator --label "$server" \
    --port "$PORT" --run-id "r$round$server$RANDOM" "$@" > "$log" 2>&1
  set -e
  local line
  line=$(grep '^RESULT ' "$log" | tail -n 1 | cut -c8-)
  [ -n "$line" ] || line="{\"error\":\"no result, see $log\"}"
  echo "{\"round\":$round,\"server\":\"$server\",\"name\":\"$name\",\"result\":$line}" >> "$RESULTS"
  echo "   $(echo "$line" | cut -c1-220)"
}

warm_up() { # $1 = log, rest: generator flags; a run whose result is not recorded
  local log=$1; shift
  # shellcheck disable=SC2086
  timeout 600 "$JAVA" $GEN_JAVA_OPTS -cp "$CP" dev.switchboard.bench.LoadGenerator --label warm-up \
    --port "$PORT" --run-id "w$RANDOM" "$@" > "$log" 2>&1 || echo "   (warm-up failed, see $log)"
}

run_one() { # $1 = round, $2 = server, $3 = scenario
  local round=$1 server=$2 name=$3 log="$OUT/$3-$2-r$1"
  local jcmd_flag=()
  [ "$server" = switchboard ] && jcmd_flag=(--jcmd "$JCMD")
  echo "== round $round: $name on $server (loadavg $(cut -d' ' -f1 /proc/loadavg))"
  case "$name" in
    startup)
      next_port
      generate "$round" "$server" "$name" "$log.gen.log" --scenario startup \
        --server-command "$(server_cmd "$server" "$PORT" "$SCRATCH/data-start-$PORT") > '$log.server.log' 2>&1"
      return ;;
    support-10k)
      if [ "$server" != switchboard ]; then echo "   (support chats: Switchboard only, skipped)"; return; fi ;;
  esac
  start_server "$server" "$log.server.log"
  case "$name" in
    connections)
      generate "$round" "$server" "$name" "$log.gen.log" --scenario connections --connections "$CONNS" \
        --processes 2 --warmup-sockets "$WARMUP_SOCKETS" --server-pid "$SERVER_PID" "${jcmd_flag[@]}" ;;
    hold-19900)
      generate "$round" "$server" "$name" "$log.gen.log" --scenario connections --connections 19900 \
        --processes 3 --batch 500 --warmup-sockets "$WARMUP_SOCKETS" --server-pid "$SERVER_PID" "${jcmd_flag[@]}" ;;
    pingpong-2k)
      generate "$round" "$server" "$name" "$log.gen.log" --scenario pingpong --pairs "$PAIRS" --rate "$LOW" \
        --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID" ;;
    pingpong-10k) # then again on the same server, with new pairs: the same rate once the JIT has settled
      generate "$round" "$server" "$name" "$log.gen.log" --scenario pingpong --pairs "$PAIRS" --rate "$HIGH" \
        --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID"
      generate "$round" "$server" "$name-warm" "$OUT/$name-warm-$server-r$round.gen.log" --scenario pingpong \
        --pairs "$PAIRS" --rate "$HIGH" --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID" ;;
    support-10k) # as pingpong-10k, twice, in support chats through the native API (the Node servers have none)
      generate "$round" "$server" "$name" "$log.gen.log" --scenario pingpong --chats support --pairs "$PAIRS" \
        --rate "$HIGH" --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID"
      generate "$round" "$server" "$name-warm" "$OUT/$name-warm-$server-r$round.gen.log" --scenario pingpong --chats support \
        --pairs "$PAIRS" --rate "$HIGH" --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID" ;;
    fanout) # one agent to one customer with TABS tabs, 10 messages a second: 10 x TABS deliveries a second
      generate "$round" "$server" "$name" "$log.gen.log" --scenario fanout --tabs "$TABS" --rate 10 \
        --warmup 2 --duration "$DURATION" --server-pid "$SERVER_PID" ;;
    maxrate) # the ladder starts on a server that has run the 2k load for a while (unmeasured)
      warm_up "$log.warm-up.gen.log" --scenario pingpong --pairs "$PAIRS" --rate "$LOW" --warmup "$WARMUP" --duration 5 \
        --server-pid "$SERVER_PID"
      generate "$round" "$server" "$name" "$log.gen.log" --scenario maxrate --pairs "$PAIRS" --rate "$LADDER" \
        --warmup 2 --duration 5 --drain 5 --server-pid "$SERVER_PID" ;;
    *) echo "unknown scenario $name" >&2 ;;
  esac
  stop_server
}

# One unmeasured start with a connection, as any earlier run of ./switchboard, so that the class-data
# archive exists (the JVM writes it when that server exits; it is rewritten after a rebuild).
if [[ " $SERVERS " == *" switchboard "* && "$SWITCHBOARD_JAVA_OPTS" == *SharedArchiveFile* ]]; then
  echo "== class-data archive: one unmeasured start of switchboard"
  # an archive older than the jar does not match it; as ./switchboard does, start from none
  [ target/switchboard.jar -nt target/switchboard.jsa ] && rm -f target/switchboard.jsa
  next_port
  timeout 120 "$JAVA" $GEN_JAVA_OPTS -cp "$CP" dev.switchboard.bench.LoadGenerator --label cds-training \
    --port "$PORT" --scenario startup \
    --server-command "$(server_cmd switchboard "$PORT" "$SCRATCH/data-cds-$PORT") > '$OUT/cds-training.server.log' 2>&1" \
    > "$OUT/cds-training.gen.log" 2>&1 || echo "   (training start failed, see $OUT/cds-training.*.log)"
fi

START=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
  for name in $SCENARIOS; do
    for server in $SERVERS; do
      run_one "$round" "$server" "$name"
      sleep 1
    done
  done
done
echo "== finished in $(( $(date +%s) - START )) s; loadavg now $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
echo
"$JAVA" -cp "$CP" dev.switchboard.bench.CompareReport "$RESULTS" "$OUT/machine.txt" | tee "$OUT/table.md"
echo "raw results: $RESULTS"
