# common.sh: sourced by this step's scripts. The JDK, the bench secrets, the generator, and
#   new_server JAR [JVM flags...]  a fresh server (the flags of scripts/server-jvm-options, -Xms64m -Xmx2g, the
#                                  given ones, then EXTRA_JAVA_OPTS) in a new $WORK on a random $PORT, waited for
#                                  until /health answers; $S is its pid, $T0 its start in ns. Flags may use $WORK.
#   pingpong10k LABEL LOG          1,000 pairs at 10,000 msg/s, 15 s warm-up, 10 s window, on that server
#   fields LOG NAMES               the RESULT line's fields NAMES (a regular expression) on one line
#   stop_server                    stops it and deletes its data (logs stay in $WORK)
ROOT=/work/main
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
GEN_CP=/work/scratch/gen

new_server() {
  local jar=$1; shift
  WORK=$(mktemp -d /tmp/s28.XXXXXX); PORT=$((10000 + RANDOM % 22000)); GEN_JAR=$jar
  local flags; flags="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g $(eval echo "$*") ${EXTRA_JAVA_OPTS:-}"
  # shellcheck disable=SC2086
  $JAVA $flags -jar "$jar" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!; T0=$(date +%s%N)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
}

generate() {
  "$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC -cp "$GEN_CP:$GEN_JAR" dev.switchboard.bench.LoadGenerator \
    --port "$PORT" --jwt-secret "$JWT_SECRET" --server-pid "$S" "$@"
}

pingpong10k() {
  generate --label "$1" --scenario pingpong --pairs 1000 --rate 10000 --warmup 15 --duration 10 > "$2" 2>&1
}

fields() {
  grep '^RESULT' "$1" | tr ',' '\n' | grep -E "\"($2)\"" | tr '\n' ' '
}

stop_server() {
  kill "$S"; wait "$S" 2>/dev/null; rm -rf "$WORK/data"
}
