# Sourced by bench/ingest.sh and bench/retrieve.sh. While one archive is timed, the other is stopped
# (SIGSTOP, for one run of a few seconds, well within Kafka's session timeouts), so that neither pays
# for the other's idle timers, polls and heartbeats. Needs PACS_HOME (ours) and orth (Orthanc's pid,
# empty when it does not run).
orth=""
ours_pids() { # our services, Kafka, PostgreSQL and its backends
  cat "$PACS_HOME"/run/*.pid 2>/dev/null
  local p
  for p in $(pgrep -f "$PACS_HOME/infra"); do echo "$p"; pgrep -P "$p"; done
}
pause() { # pause ours|orthanc
  if [ "$1" = ours ]; then kill -STOP $(ours_pids) 2>/dev/null || true; elif [ -n "$orth" ]; then kill -STOP "$orth"; fi
}
resume() { # resume ours|orthanc
  if [ "$1" = ours ]; then kill -CONT $(ours_pids) 2>/dev/null || true; elif [ -n "$orth" ]; then kill -CONT "$orth"; fi
}
# timed WHO LABEL COMMAND... -> the seconds COMMAND prints, every archive but WHO paused meanwhile
timed() {
  local who=$1 label=$2 other t
  shift 2
  for other in ours orthanc; do [ "$other" = "$who" ] || pause "$other"; done
  t=$("$@")
  for other in ours orthanc; do [ "$other" = "$who" ] || resume "$other"; done
  echo "    $who, $label: $t s" >&2
  echo "$t"
}
# keep NAME SECONDS: result[NAME] becomes the shorter of the two
keep() {
  if [ -z "${result[$1]:-}" ] || awk -v a="$2" -v b="${result[$1]}" 'BEGIN{exit !(a < b)}'; then result[$1]=$2; fi
}
trap 'resume ours; resume orthanc' EXIT
