#!/usr/bin/env bash
# ab10k.sh ROUNDS name=jar ... : alternated, each on a fresh server, the two 10k runs of seed 004's direct messages
set -uo pipefail
ROUNDS=$1; shift
for r in $(seq 1 "$ROUNDS"); do
  for build in "$@"; do
    name=${build%%=*}; jar=${build#*=}
    ( . /work/main/bench/runs/2026-12-06-step27/scripts/common.sh; new_server "$jar"
      for run in 1 2; do
        pingpong10k direct "$WORK/direct$run.log"
        echo "round $r $name run $run: $(fields "$WORK/direct$run.log" 'p99Ms|maxMs|lost|duplicated|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit|genCpuPercent')"
      done
      stop_server )
  done
done
