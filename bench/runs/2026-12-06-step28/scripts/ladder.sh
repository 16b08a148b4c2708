#!/usr/bin/env bash
# ladder.sh JAR RATES : one fresh server, the maxrate ladder in support chats (1,000 pairs; each step 2 s warm-up,
# 5 s measured; stops at the first step with p99 > 50 ms, anything lost, or < 95 % achieved)
set -uo pipefail
. "$(dirname "$0")/../../2026-12-06-step27/scripts/common.sh"; JAR=$1; RATES=$2
new_server "$JAR"
generate --label support --scenario maxrate --chats support --pairs 1000 --rate "$RATES" > "$WORK/ladder.log" 2>&1
grep "^maxrate" "$WORK/ladder.log"
echo "maxSustainedRate: $(grep '^RESULT' "$WORK/ladder.log" | grep -o '"maxSustainedRate":[0-9]*')"
stop_server
