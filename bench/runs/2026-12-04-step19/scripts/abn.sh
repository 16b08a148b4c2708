#!/usr/bin/env bash
# abn.sh OUT RATE ROUNDS JAR "opts A" "opts B" ... (alternates EXTRA_JAVA_OPTS on one jar)
OUT=$1; RATE=$2; ROUNDS=$3; JAR=$4; shift 4
cd /work/main
for r in $(seq 1 $ROUNDS); do for o in "$@"; do
  echo "### round $r opts [$o] load $(cut -d' ' -f1 /proc/loadavg)" >> $OUT
  EXTRA_JAVA_OPTS="$o" GEN_CP=/work/scratch/gen:$JAR WARMUP=${WARMUP:-40} SYSCALLS=0 bash bench/wakeups.sh $JAR $RATE 1000 x >> $OUT 2>&1
done; done
echo DONE >> $OUT
