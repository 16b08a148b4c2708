#!/usr/bin/env bash
# CPU time per thread group of a running process over a window, from /proc/<pid>/task/*/stat.
#   bench/thread-cpu.sh <pid> <seconds-to-wait> <window-seconds>
# Thread names have their digits folded (ForkJoinPool-1-worker-3 -> ForkJoinPool-N-worker-N, as far as
# Linux keeps the first 15 characters), so that pools add up. Used in docs/performance.md (step 6).
set -euo pipefail
PID=$1; WAIT=$2; LEN=$3
snapshot() {
  for t in /proc/"$PID"/task/*; do
    [ -r "$t/stat" ] || continue
    # fields after the ')' : state is 1st, utime 12th, stime 13th
    awk -v tid="${t##*/}" -v name="$(tr -d '\n' < "$t/comm" | sed 's/[0-9]\+/N/g; s/ /_/g')" \
      '{ sub(/^.*\) /, ""); split($0, f, " "); print tid, f[12] + f[13], name }' "$t/stat" 2>/dev/null || true
  done
}
sleep "$WAIT"
before=$(snapshot)
sleep "$LEN"
after=$(snapshot)
hz=$(getconf CLK_TCK)
awk -v hz="$hz" -v len="$LEN" 'NR == FNR { b[$1] = $2; next } { d[$3] += $2 - b[$1]; total += $2 - b[$1] }
  END { printf "window %ss: %.2f s of CPU (%.0f%% of one core)\n", len, total / hz, 100 * total / hz / len;
        for (n in d) if (d[n] > 0) printf "%8.2f s %5.1f%%  %s\n", d[n] / hz, 100 * d[n] / total, n }' \
  <(echo "$before") <(echo "$after") | sort -k1,1 -r | head -12
