#!/usr/bin/env bash
# startup-ab.sh ROUNDS name=jar ... : the generator's startup scenario (launch to first accepted connection), alternated
. /work/main/bench/runs/2026-12-06-step27/scripts/common.sh
ROUNDS=$1; shift
FLAGS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
for r in $(seq 1 "$ROUNDS"); do
  for build in "$@"; do
    name=${build%%=*}; jar=${build#*=}; PORT=$((10000 + RANDOM % 22000)); D=$(mktemp -d /tmp/st.XXXXXX)
    "$JAVA" -cp "$GEN_CP:$jar" dev.switchboard.bench.LoadGenerator --label st --port "$PORT" --jwt-secret "$JWT_SECRET" \
      --scenario startup --server-command "$JAVA $FLAGS -jar $jar --port $PORT --data-dir $D/data > $D/server.log 2>&1" > $D/gen.log 2>&1
    echo "round $r $name $(grep '^RESULT' $D/gen.log | tr ',' '\n' | grep -iE 'startup|millis' | tr '\n' ' ')"
    rm -rf $D
  done
done
