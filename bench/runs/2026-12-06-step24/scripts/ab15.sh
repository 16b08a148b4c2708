#!/usr/bin/env bash
# ab.sh ROUNDS RATE name=jar[:opts] ... : NOPROF runs alternating
R=$1; RATE=$2; shift 2
for r in $(seq 1 $R); do for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; jar=${rest%%:*}; opts=""; [[ $rest == *:* ]] && opts=${rest#*:}
  echo "== round $r $name"; WIN=9 NOPROF=1 EXTRA_JAVA_OPTS="$opts" flock /tmp/bench.lock bash /work/scratch/jit.sh $jar $RATE /dev/null 15 | grep -v "server log"
done; done
