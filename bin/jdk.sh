# Sourced by the launchers: exports JAVA_HOME/JAVA for a JDK >= 21.
# Order: $JAVA_HOME, java on PATH, then the usual install locations.
# The JDK's release file names its version without starting a JVM (~0.1 s each); ask the JVM only without one.
# Sets _major from the release file of the JDK at $1, without starting a process; fails without one.
_release_major() {
  local line
  _major=""
  [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case $line in JAVA_VERSION=*) _major=${line#JAVA_VERSION=\"}; _major=${_major%%[!0-9]*}; break ;; esac
  done < "$1/release"
  # JDK 8 and older say 1.8
  [ "$_major" = 1 ] && _major=8
  [ -n "$_major" ]
}
_java_major() {
  if _release_major "${1%/bin/java}"; then
    echo "$_major"
    return
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
# Without JAVA_HOME, the JDK found last time is used while it is still there and still 21 or newer (the
# search above costs ~25 ms of processes, which every tool start would pay); checked without a process.
_jdk_cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/cloudpacs/jdk-home"
_cached_jdk_ok() {
  local home=""
  [ -r "$_jdk_cache" ] && read -r home < "$_jdk_cache" || return 1
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] && _release_major "$home" || return 1
  [ "$_major" -ge 21 ] || return 1
  JAVA_HOME=$home
}
if [ -n "${JAVA_HOME:-}" ] || ! _cached_jdk_ok; then
  _user_java_home=${JAVA_HOME:-}
  if ! JAVA_HOME=$(_pick_jdk); then
    echo "error: no JDK 21 or newer found; install one or set JAVA_HOME" >&2
    exit 1
  fi
  if [ -z "$_user_java_home" ]; then
    { mkdir -p "${_jdk_cache%/*}" && printf '%s\n' "$JAVA_HOME" > "$_jdk_cache"; } 2>/dev/null || true
  fi
fi
export JAVA_HOME
export JAVA="$JAVA_HOME/bin/java"
