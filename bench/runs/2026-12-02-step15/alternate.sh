#!/usr/bin/env bash
# How rocksdb-vs-h2-2000.txt was made: bench/wakeups.sh on two jars in turn (A B A B ...), the generator
# from a copy of target/test-classes so that rebuilding does not disturb it.
#   GEN_DIR=/path/to/test-classes-copy alternate.sh ROUNDS RATE PAIRS old.jar new.jar
ROUNDS=$1; RATE=$2; PAIRS=$3; shift 3
WAKEUPS="$(cd "$(dirname "$0")/../.." && pwd)/wakeups.sh"
for r in $(seq 1 "$ROUNDS"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar)
    echo "=== round $r $name load $(cut -d' ' -f1 /proc/loadavg) $(date +%T)"
    SYSCALLS=0 GEN_CP="${GEN_DIR:?}:$jar" bash "$WAKEUPS" "$jar" "$RATE" "$PAIRS" "$name" 2>&1
  done
done
