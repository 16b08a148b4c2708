#!/usr/bin/env bash
# jitab.sh JAR N : second10k.sh alternated without and with higher C2 thresholds (EXTRA_JAVA_OPTS), N times each
J=$1; N=${2:-3}
B="-XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000"
for i in $(seq 1 $N); do
  echo "## default"; EXTRA_JAVA_OPTS="" bash /work/scratch/second10kj.sh $J 1
  echo "## tier4 x3: $B"; EXTRA_JAVA_OPTS="$B" bash /work/scratch/second10kj.sh $J 1
done
