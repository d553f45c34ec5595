# Sourced by the launchers: exports JAVA_HOME/JAVA for a JDK >= 21.
# Order: $JAVA_HOME, java on PATH, then the usual install locations.
# The JDK's release file names its version without starting a JVM (~0.1 s each); ask the JVM only without one.
_java_major() {
  local home v
  home=$(dirname "$(dirname "$1")")
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -1)
    # JDK 8 and older say 1.8
    [ "$v" = 1 ] && v=8
    [ -n "$v" ] && { echo "$v"; return; }
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1
}
_pick_jdk() {
  local cand
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
              /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    local major; major=$(_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then echo "$cand"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(_pick_jdk); then
  echo "error: no JDK 21 or newer found; install one or set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME
export JAVA="$JAVA_HOME/bin/java"
