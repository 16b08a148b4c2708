#!/usr/bin/env bash
# startup-cds-ab.sh ROUNDS name=jar ... : the generator's start-up scenario with compare.sh's class-data flags (an
# archive per jar, written by one unmeasured start first), alternated
. /work/main/bench/runs/2026-12-06-step27/scripts/common.sh
ROUNDS=$1; shift
FLAGS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
start() { # jar label
  local jar=$1 D; PORT=$((10000 + RANDOM % 22000)); D=$(mktemp -d /tmp/st.XXXXXX)
  local cds="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=${jar%.jar}.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  "$JAVA" -cp "$GEN_CP:$jar" dev.switchboard.bench.LoadGenerator --label st --port "$PORT" --jwt-secret "$JWT_SECRET" \
    --scenario startup --server-command "$JAVA $FLAGS $cds -jar $jar --port $PORT --data-dir $D/data > $D/server.log 2>&1" > $D/gen.log 2>&1
  echo "$2 $(grep -o '"startupMillis":[0-9]*' $D/gen.log) $(grep -o 'started in [0-9]* ms' $D/server.log) phases: $(grep -v ' config ' $D/server.log | grep -E 'event loops|database jdbc|RocksDB.s native|routing restored|listening on' | awk '{split($1,t,":"); ms=(t[1]*3600+t[2]*60+t[3])*1000; if (p) printf "%d ", ms-p; p=ms}')"
  rm -rf $D
}
for build in "$@"; do jar=${build#*=}; rm -f "${jar%.jar}.jsa"; start "$jar" "training ${build%%=*}" > /dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  for build in "$@"; do start "${build#*=}" "round $r ${build%%=*}"; done
done
