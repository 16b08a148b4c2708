#!/usr/bin/env bash
# disc.sh JAR : after a pingpong run of PAIRS pairs (default 1,000) ends and its sockets close, the server's
# CPU per second by thread group, for SECS seconds
set -uo pipefail
. "$(dirname "$0")/common.sh"; JAR=$1; PAIRS=${PAIRS:-1000}
new_server "$JAR"
generate --label dc --scenario pingpong --pairs "$PAIRS" --rate 2000 --warmup 5 --duration 5 > "$WORK/gen1.log" 2>&1
echo "gen done: $(fields "$WORK/gen1.log" 'p99Ms|lost|connectMillis')"
hz=$(getconf CLK_TCK)
prev=""
for s in $(seq 1 "${SECS:-20}"); do
  cur=$(for t in /proc/$S/task/*; do awk -v name="$(tr -d '\n' < $t/comm | sed 's/[0-9]\+/N/g; s/ /_/g')" '{ sub(/^.*\) /, ""); split($0, f, " "); print name, f[12]+f[13] }' $t/stat 2>/dev/null; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort)
  if [ -n "$prev" ]; then
    echo "t=$s $(join <(echo "$prev") <(echo "$cur") | awk -v hz=$hz '{d=($3-$2)*1000/hz; if (d>0) printf "%s=%dms ", $1, d}')"
  fi
  prev="$cur"; sleep 1
done
stop_server; echo "log: $WORK"
