#!/usr/bin/env bash
# Ingest benchmark: DCMTK storescu sends COUNT generated 512x512 16-bit CT files over 1 and over 4
# associations to (a) our archive (./pacs up: durable storage + index + outbox + Kafka events),
# (b) DCMTK storescp (files only), (c) Orthanc (Debian package `orthanc`) when installed.
# Each receiver is timed RUNS times (default 3), each time on a new set of COUNT files (new UIDs, so
# every timed instance is new to it), and its best run counts, for all receivers alike (this machine's
# timings vary run to run). The receivers take turns on each set, so that a stretch of outside load
# hits all alike; the archive not being timed is stopped (SIGSTOP) meanwhile. Dirty pages are written
# back (sync) before every timed run.
# Prints instances/s for each and the ratios.
# usage: bench/ingest.sh [COUNT] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
count=${1:-1000}
runs=${2:-${RUNS:-3}}
work="$root/bench/work"
jar="$root/dicom-tools/target/dicom-tools.jar"
export TCP_NODELAY=1
command -v storescu >/dev/null || { echo "storescu not found: apt-get install dcmtk" >&2; exit 1; }
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am install)

dir="$work/ct-$count"
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$dir"
  echo "generating $count CT files (512x512, 16-bit) in $dir ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$dir" "$count" 512 512 100
fi
# Separate warm-up sets (new UIDs each, so they take the path of new instances): the archive is a
# long-running service and is measured warm. One set of 1,000 is not enough for that: HotSpot's C2 was
# still compiling during the timed run, ~100 methods and 1-2 CPU seconds of 2 cores' 6 per 1,000
# instances (jstat -compiler). WARM_SETS (default 3) sets are sent to each receiver before its timed
# runs, over as many associations as they use; our compilations during the timed runs are printed.
warm_sets=${WARM_SETS:-3}
quarter() { # quarter DIR: symlinks to its files in DIR.q/0..3, round robin
  rm -rf "$1.q"; mkdir -p "$1.q"/{0,1,2,3}
  local i=0 f
  for f in "$1"/*; do ln -s "$f" "$1.q/$((i % 4))/"; i=$((i+1)); done
}
for w in $(seq 1 "$warm_sets"); do
  warm="$work/warm-1000-$w"
  if [ "$(ls "$warm" 2>/dev/null | wc -l)" -ne 1000 ]; then
    rm -rf "$warm"
    "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$warm" 1000 512 512 100
  fi
  quarter "$warm"
done
# The timed sets: the first is $dir, the others are generated beside it.
timed=("$dir")
for r in $(seq 2 "$runs"); do
  t="$work/ct-$count-run$r"
  if [ "$(ls "$t" 2>/dev/null | wc -l)" -ne "$count" ]; then
    rm -rf "$t"
    "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$t" "$count" 512 512 100
  fi
  timed+=("$t")
done
for t in "${timed[@]}"; do quarter "$t"; done

. "$root/bench/ports.sh"
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (b-a)/1e9}'; }

# send AE PORT ASSOCIATIONS DIR -> seconds
send() {
  local aec=$1 port=$2 n=$3 d=$4 t0 t1
  t0=$(now)
  if [ "$n" = 1 ]; then
    storescu -aec "$aec" +sd 127.0.0.1 "$port" "$d" > "$work/storescu.log" 2>&1
  else
    local pids=()
    for q in 0 1 2 3; do storescu -aec "$aec" +sd 127.0.0.1 "$port" "$d.q/$q" > "$work/storescu-$q.log" 2>&1 & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p"; done
  fi
  t1=$(now)
  secs "$t0" "$t1"
}

# one AE PORT ASSOCIATIONS DIR -> seconds of one timed run
one() {
  cat "$4"/* > /dev/null   # the sender reads from the page cache
  sync                     # earlier runs' dirty pages are not written back on this run's time
  send "$@"
}

declare -A result
export PACS_HOME="$work/pacs-home"
. "$root/bench/pause.sh"

# --- our archive -------------------------------------------------------------------------------
ours_port=$(free_port)
reset_archive() {
  "$root/pacs" down > /dev/null 2>&1 || true
  rm -rf "$PACS_HOME/storage"
  PACS_DIMSE_PORT=$ours_port "$root/pacs" up > "$work/pacs-up.log" 2>&1 || { cat "$work/pacs-up.log"; exit 1; }
  local props="$PACS_HOME/infra/infra.properties"
  PGPASSWORD=$(sed -n 's/^db.password=//p' "$props") psql -q -h 127.0.0.1 -p "$(sed -n 's/^postgres.port=//p' "$props")" \
    -U pacs pacs -c "TRUNCATE instance, series, study, patient, outbox RESTART IDENTITY CASCADE" > /dev/null
  # The service caches index keys: restart it on the emptied index, then warm it up.
  "$root/pacs" down > /dev/null 2>&1 || true
  PACS_DIMSE_PORT=$ours_port "$root/pacs" up > "$work/pacs-up.log" 2>&1 || { cat "$work/pacs-up.log"; exit 1; }
  for w in $(seq 1 "$warm_sets"); do send PACS "$ours_port" "$1" "$work/warm-1000-$w" > /dev/null; done
}
jit() { # methods compiled so far by the front door's JVM, when jstat is at hand
  local pid; pid=$(cat "$PACS_HOME/run/dimse-ingest.pid" 2>/dev/null) || return 0
  [ -x "$JAVA_HOME/bin/jstat" ] && "$JAVA_HOME/bin/jstat" -compiler "$pid" 2>/dev/null | awk 'NR==2{print $1}'
}

# --- Orthanc, fresh for each association count -----------------------------------------------------
o="$work/orthanc"
start_orthanc() { # start_orthanc ASSOCIATIONS: a new, empty Orthanc warmed up like ours
  rm -rf "$o"; mkdir -p "$o"
  oport=$(free_port); local http; http=$(free_port)
  cat > "$o/config.json" <<EOF
{ "Name": "bench", "StorageDirectory": "$o/storage", "IndexDirectory": "$o/index", "DicomAet": "ORTHANC",
  "DicomPort": $oport, "HttpPort": $http, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomCheckCalledAet": false, "StorageCompression": false, "Plugins": [], "DicomThreadsCount": 4 }
EOF
  echo "$http" > "$o/http-port"
  Orthanc "$o/config.json" > "$o/orthanc.log" 2>&1 &
  orth=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$http/system" > /dev/null 2>&1 && break; sleep 0.2; done
  # the same warm-up as ours, so both index the timed sets on top of as many instances
  for w in $(seq 1 "$warm_sets"); do send ORTHANC "$oport" "$1" "$work/warm-1000-$w" > /dev/null; done
}
stop_orthanc() {
  [ -n "$orth" ] || return 0
  kill -CONT "$orth" 2>/dev/null || true; kill "$orth" 2>/dev/null || true; wait "$orth" 2>/dev/null || true; orth=""
}
command -v Orthanc >/dev/null || echo "Orthanc not installed (apt-get install orthanc): skipped"

# --- the runs: for each association count, every timed set goes to each receiver in turn (a stretch
# of outside load hits all alike), the archive not being timed paused; DCMTK storescp for reference.
out="$work/storescp-out"
for n in 1 4; do
  reset_archive "$n"
  ! command -v Orthanc >/dev/null || start_orthanc "$n"
  rm -rf "$out"; mkdir -p "$out"
  sport=$(free_port)
  storescp --fork -aet STORESCP -od "$out" "$sport" > "$work/storescp.log" 2>&1 &
  scp=$!; sleep 0.5
  c0=$(jit)
  for t in "${timed[@]}"; do
    label="$n association(s), $(basename "$t")"
    keep "ours-$n" "$(timed ours "$label" one PACS "$ours_port" "$n" "$t")"
    keep "storescp-$n" "$(timed storescp "$label" one STORESCP "$sport" "$n" "$t")"
    [ -z "$orth" ] || keep "orthanc-$n" "$(timed orthanc "$label" one ORTHANC "$oport" "$n" "$t")"
  done
  c1=$(jit)
  kill "$scp" 2>/dev/null || true; wait "$scp" 2>/dev/null || true
  stored=$(curl -s "http://127.0.0.1:9081/q/metrics" | sed -n 's/^pacs_instances_stored_total //p')
  echo "ours, $n association(s): best ${result[ours-$n]} s ($stored instances stored, $((warm_sets * 1000)) of them warm-up${c0:+; JIT compilations during the $runs timed runs: $((c1 - c0))})"
  echo "DCMTK storescp, $n association(s): best ${result[storescp-$n]} s ($(ls "$out" | wc -l) files)"
  if [ -n "$orth" ]; then
    stored=$(curl -s "http://127.0.0.1:$(cat "$o/http-port")/statistics" | sed -n 's/.*"CountInstances" *: *\([0-9]*\).*/\1/p')
    echo "Orthanc, $n association(s): best ${result[orthanc-$n]} s ($stored instances stored, $((warm_sets * 1000)) of them warm-up)"
    stop_orthanc
  fi
done
"$root/pacs" down > /dev/null 2>&1 || true
echo
printf "%-28s %12s %12s\n" "receiver ($count files)" "1 assoc/s" "4 assoc/s"
for r in ours storescp orthanc; do
  [ -n "${result[$r-1]:-}" ] || continue
  printf "%-28s %12.0f %12.0f\n" "$r" "$(awk -v s="${result[$r-1]}" -v n="$count" 'BEGIN{print n/s}')" \
    "$(awk -v s="${result[$r-4]}" -v n="$count" 'BEGIN{print n/s}')"
done
for r in storescp orthanc; do
  [ -n "${result[$r-1]:-}" ] || continue
  awk -v a="${result[$r-1]}" -v b="${result[ours-1]}" -v c="${result[$r-4]}" -v d="${result[ours-4]}" -v r="$r" \
    'BEGIN{printf "ours / %s throughput: %.2fx (1 association), %.2fx (4 associations)\n", r, a/b, c/d}'
done
