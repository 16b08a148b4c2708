#!/usr/bin/env bash
# rssjournal.sh JAR : one 10k run; every 5 s the resident KB of the journal's mappings (smaps) and the RssFile of the process
. /work/main/bench/runs/2026-12-06-step27/scripts/common.sh; JAR=$1
new_server "$JAR"
pingpong10k rss "$WORK/gen.log" &
G=$!
while kill -0 $G 2>/dev/null; do
  echo "$(( ($(date +%s%N) - T0) / 1000000000 )) s: journal mappings $(awk '/journal/ {j=1; next} /^[0-9a-f]+-[0-9a-f]+ / {j=0} j && /^Rss:/ {s+=$2} END{print s+0}' /proc/$S/smaps) KB, $(grep RssFile /proc/$S/status | tr -s ' \t' ' '), files $(ls -la $WORK/data/journal | awk 'NR>1 && $5>0 {printf "%s:%dMB ", substr($9,15), $5/1048576}')"
  sleep 5
done
echo "$(fields "$WORK/gen.log" 'p99Ms|lost|serverCpuUsPerDelivery')"
stop_server
