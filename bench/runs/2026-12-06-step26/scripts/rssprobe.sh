#!/usr/bin/env bash
# rssprobe.sh JAR N : the connections scenario (10,000 sockets, 2 generator processes, --jcmd) on N fresh servers; while the
# sockets are held after the reading, the server's heap (GC.heap_info) and its RSS split (smaps_rollup).
# NMT=1: with -XX:NativeMemoryTracking=summary, VM.native_memory summary instead of the heap, and the sample of
# highest RSS instead of three near the end (rss-per-socket-nmt.txt)
set -uo pipefail
ROOT=/work/main; JAR=$1; N=${2:-1}
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
OPTS="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
if [ "${NMT:-0}" = 1 ]; then OPTS="$OPTS -XX:NativeMemoryTracking=summary"; INFO=(VM.native_memory summary); PICK=(-E "^-|Total")
else INFO=(GC.heap_info); PICK=(-E "total|space"); fi
GEN="$JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp /work/scratch/gen:$JAR dev.switchboard.bench.LoadGenerator"
for i in $(seq 1 $N); do
  WORK=$(mktemp -d /tmp/rp.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA $OPTS -jar "$JAR" --port "$PORT" --data-dir "$WORK/data" > "$WORK/server.log" 2>&1 &
  S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
  $GEN --label rp --port $PORT --jwt-secret "$JWT_SECRET" --scenario connections --connections 10000 --processes 2 \
    --warmup-sockets -1 --server-pid $S --jcmd $JAVA_HOME/bin/jcmd > $WORK/gen.log 2>&1 &
  G=$!
  # sample the server every second while the generator runs; the samples just before it ends are those of the "after" reading
  while kill -0 $G 2>/dev/null; do
    { date +%T; grep -E "VmRSS" /proc/$S/status; $JAVA_HOME/bin/jcmd $S "${INFO[@]}" 2>/dev/null | grep "${PICK[@]}";       grep -E "^(Rss|Anonymous|Private_Dirty)" /proc/$S/smaps_rollup; echo; } >> $WORK/samples.txt
    sleep 1
  done
  echo "server $i: $(grep '^RESULT' $WORK/gen.log | tr ',' '\n' | grep -E '"(serverRssBeforeKb|serverRssAfterKb|serverKbPerSocket)"' | tr '\n' ' ')"
  if [ "${NMT:-0}" = 1 ]; then # the sample with the highest RSS: the sockets held, near the "after" reading
    awk 'BEGIN{RS=""} {match($0,/VmRSS:[ \t]+[0-9]+/); v=substr($0,RSTART+6,RLENGTH-6)+0; if(v>m){m=v; best=$0}} END{print best "\n"}' $WORK/samples.txt
  else
    awk 'BEGIN{RS=""} {a[NR]=$0} END{for(i=NR-6;i<=NR-4;i++) if(i>0) print a[i] "\n"}' $WORK/samples.txt
  fi
  wait $G
  kill $S; wait $S 2>/dev/null; rm -rf $WORK
done
