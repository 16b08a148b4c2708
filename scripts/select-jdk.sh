# Sourced (POSIX sh) by mvnw, run.sh and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Keeps JAVA_HOME when it already names one; otherwise tries `java` on the PATH, then the
# JDKs installed under /usr/lib/jvm and /opt (newest first). Fails loudly when none is found.
sb_java_major() { # $1 = path to a java binary; prints its feature version, e.g. 21
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
sb_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(sb_java_major "$JAVA_HOME/bin/java")
    [ -n "$v" ] && [ "$v" -ge 21 ] && return 0
  fi
  j=$(command -v javac 2>/dev/null || true)
  if [ -n "$j" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$j")")")
    v=$(sb_java_major "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  case $- in *f*) sb_noglob=1; set +f ;; *) sb_noglob= ;; esac
  best= bestv=0
  for home in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(sb_java_major "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$home bestv=$v; fi
  done
  [ -n "$sb_noglob" ] && set -f
  if [ -z "$best" ]; then
    echo "Switchboard needs a JDK 21 or newer: install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
sb_select_jdk
