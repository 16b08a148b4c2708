#!/usr/bin/env bash
# ab.sh ROUNDS name=jar ... : alternates the builds ROUNDS times (A B A B ...), each on a fresh server:
# support.sh JAR 5000 10000 (support chats), then two 10k runs of seed 004's direct messages (step 27's second10k)
set -uo pipefail
DIR=$(dirname "$0"); ROUNDS=$1; shift
for r in $(seq 1 "$ROUNDS"); do
  for build in "$@"; do
    name=${build%%=*}; jar=${build#*=}
    bash "$DIR/support.sh" "$jar" 5000 10000 | grep '^support' | sed "s/^/round $r $name /"
    ( . "$DIR/../../2026-12-06-step27/scripts/common.sh"; new_server "$jar"
      for run in 1 2; do
        pingpong10k direct "$WORK/direct$run.log"
        echo "round $r $name direct 10000 run $run: $(fields "$WORK/direct$run.log" 'p99Ms|maxMs|lost|duplicated|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit|genCpuPercent')"
      done
      stop_server )
  done
done
