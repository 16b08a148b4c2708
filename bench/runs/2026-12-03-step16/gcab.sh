#!/usr/bin/env bash
# gcab.sh RATE name:jar ... — one run each with a GC log, then old-gen growth, pauses, applier CPU, p99
RATE=$1; shift
for spec in "$@"; do
  name=${spec%%:*}; jar=${spec#*:}
  echo "=== $name load $(cut -d' ' -f1 /proc/loadavg) $(date +%T)"
  EXTRA_JAVA_OPTS="-Xlog:gc*=debug:file=/work/scratch/gc-$name.log:uptime" SYSCALLS=0 GEN_CP="/work/scratch/gen:$jar" \
    bash /work/main/bench/wakeups.sh "$jar" "$RATE" 1000 "$name" 2>&1 | grep -E "switchboard-app|TOTAL|achieved"
  grep -E "Pause Young \(Allocation Failure\) [0-9]+M" gc-$name.log | sed -E 's/^\[([0-9.]+)s\].* ([0-9]+)M->([0-9]+)M\(([0-9]+)M\) ([0-9.]+)ms/\1 \2 \3 \4 \5/' \
    | awk '$1>30 && $1<58 {if (!t0) {t0=$1; o0=$3}; t1=$1; o1=$3; n++; p+=$5; if ($5>mx) mx=$5} END {printf "  young pauses %d, mean %.1f ms, max %.1f ms; heap after GC %d -> %d MB in %.0f s: %.1f MB/s promoted\n", n, p/n, mx, o0, o1, t1-t0, (o1-o0)/(t1-t0)}'
  echo "  full GCs: $(grep -c 'Pause Full' gc-$name.log); old-gen expansions: $(grep -c 'Expanding ParOldGen' gc-$name.log)"
done
