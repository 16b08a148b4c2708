#!/usr/bin/env bash
# support.sh JAR RATE... : one fresh server; for each RATE in turn, 1,000 new pairs talking in support chats
# (--chats support: native chat:send_message, each customer routed to its own agent), 15 s warm-up,
# 10 s window; prints each run's figures and the set-up time (connect + routing)
set -uo pipefail
. "$(dirname "$0")/../../2026-12-06-step27/scripts/common.sh"; JAR=$1; shift
new_server "$JAR"
for rate in "$@"; do
  generate --label support --scenario pingpong --chats support --pairs 1000 --rate "$rate" --warmup 15 --duration 10 \
    > "$WORK/gen-$rate.log" 2>&1
  echo "support $rate: $(fields "$WORK/gen-$rate.log" 'connectMillis|achievedRate|p99Ms|maxMs|ackP99Ms|lost|duplicated|missingAcks|ackErrors|serverCpuUsPerDelivery|serverJitCpuMillis|serverCpuUsPerDeliveryNoJit|genCpuPercent')"
  grep -m1 -i "exception\|error" "$WORK/gen-$rate.log" | cut -c1-300
done
stop_server
