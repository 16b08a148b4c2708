#!/usr/bin/env bash
# univ-ab.sh: longrun 10k 300 s alternated, head vs universal compaction of the index (2 rounds)
cd /work/scratch/s21
for r in 1 2; do
  echo "## round $r head"; EXTRA_JAVA_OPTS= bash /work/main/bench/runs/2026-12-04-step19/scripts/longrun.sh /work/scratch/jars/head-7cf3918.jar 10000 300
  echo "## round $r universal"; EXTRA_JAVA_OPTS=-Dsb.exp.universal=true bash /work/main/bench/runs/2026-12-04-step19/scripts/longrun.sh /work/scratch/jars/exp-univ.jar 10000 300
done
