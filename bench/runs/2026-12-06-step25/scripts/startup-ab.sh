#!/usr/bin/env bash
# startup-ab.sh N name=jar:opts ... : the generator's startup scenario, alternated
set -uo pipefail
ROOT=/work/main; N=$1; shift
. "$ROOT/scripts/select-jdk.sh"; JAVA="$JAVA_HOME/bin/java"
export JWT_SECRET="bench-jwt-secret-0123456789-abcdefghijklmnop"
export REFRESH_TOKEN_SECRET="bench-refresh-secret-0123456789-abcdefghij"
BASE="$(sed -e 's/#.*//' "$ROOT/scripts/server-jvm-options" | tr '\n' ' ') -Xms64m -Xmx2g"
for r in $(seq 1 $N); do for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; jar=${rest%%:*}; opts=""; [[ $rest == *:* ]] && opts=${rest#*:}
  WORK=$(mktemp -d /tmp/su.XXXXXX); PORT=$((10000 + RANDOM % 22000))
  $JAVA -Xms256m -Xmx1g -XX:+UseSerialGC -cp "/work/scratch/gen:$jar" dev.switchboard.bench.LoadGenerator --label su --port $PORT --scenario startup \
    --server-command "exec $JAVA $BASE $opts -jar $jar --port $PORT --data-dir $WORK/data > $WORK/server.log 2>&1" > $WORK/gen.log 2>&1
  echo "$name r$r: $(grep '^RESULT' $WORK/gen.log | grep -o '"startupMillis":[0-9.]*') $(grep -ci 'warn\|error' $WORK/server.log) warn/err lines"
  grep -i 'aot\|cds\|shar' $WORK/server.log | head -3
  rm -rf $WORK
done; done
