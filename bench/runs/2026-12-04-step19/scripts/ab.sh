#!/usr/bin/env bash
# ab.sh OUT RATE ROUNDS JAR_A JAR_B ...  (alternates jars through bench/wakeups.sh)
OUT=$1; RATE=$2; ROUNDS=$3; shift 3
cd /work/main
for r in $(seq 1 $ROUNDS); do for j in "$@"; do
  echo "### round $r $(basename $j) load $(cut -d' ' -f1 /proc/loadavg)" >> $OUT
  GEN_CP=/work/scratch/gen:$j WARMUP=${WARMUP:-40} SYSCALLS=0 bash bench/wakeups.sh $j $RATE 1000 $(basename $j) >> $OUT 2>&1
done; done
echo DONE >> $OUT
