#!/usr/bin/env bash
# Retrieve benchmark: one study of COUNT generated 512x512 16-bit CT images is stored in (a) our archive
# (./pacs up) and (b) Orthanc (Debian package `orthanc`, when installed); then, against each,
#   C-MOVE: DCMTK movescu asks the archive to send the study to a DCMTK storescp,
#   C-GET:  DCMTK getscu retrieves the study on its own association.
# Each is run WARMUPS times (default 5) to warm up (the archive is a long-running service: with two, C2
# was still compiling during the timed runs), then timed RUNS times (default 3); the best run counts, for
# both archives alike (this machine's timings vary run to run). Both archives are up; the timed runs
# alternate between them, the one not being timed stopped (SIGSTOP) meanwhile, so that a stretch of
# outside load hits both alike and neither pays for the other's idle work. For ours, the JIT
# compilations during the timed runs are printed.
# Prints instances/s and the ratio ours / Orthanc.
# usage: bench/retrieve.sh [COUNT] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
count=${1:-1000}
runs=${2:-3}
warmups=${WARMUPS:-5}
work="$root/bench/work"
jar="$root/dicom-tools/target/dicom-tools.jar"
export TCP_NODELAY=1
for t in storescu storescp movescu getscu dcmdump; do
  command -v $t >/dev/null || { echo "$t not found: apt-get install dcmtk" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am install)

dir="$work/ct-study-$count"
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$dir"
  echo "generating one study of $count CT images (512x512, 16-bit) in $dir ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$dir" "$count" 512 512 "$count"
fi
study=$(dcmdump +P StudyInstanceUID "$(ls -d "$dir"/* | head -1)" | sed 's/.*\[\(.*\)\].*/\1/')
cat "$dir"/* > /dev/null

. "$root/bench/ports.sh"
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (b-a)/1e9}'; }
dest_port=$(free_port)
dest_dir="$work/move-dest"
get_dir="$work/get-out"

# move AEC PORT -> seconds (checks that every instance arrived)
move() {
  rm -rf "$dest_dir"; mkdir -p "$dest_dir"
  storescp -aet BENCHDEST -od "$dest_dir" "$dest_port" > "$work/storescp.log" 2>&1 &
  local scp=$! t0 t1
  sleep 0.5
  sync   # earlier runs' dirty pages must not be written back on this run's time
  t0=$(now)
  movescu -S -aet MOVESCU -aec "$1" -aem BENCHDEST -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" \
    127.0.0.1 "$2" > "$work/movescu.log" 2>&1 || { echo "movescu failed:" >&2; cat "$work/movescu.log" >&2; }
  t1=$(now)
  kill "$scp" 2>/dev/null || true; wait "$scp" 2>/dev/null || true
  local n; n=$(ls "$dest_dir" | wc -l)
  [ "$n" -eq "$count" ] || echo "  warning: destination received $n of $count" >&2
  secs "$t0" "$t1"
}

# get AEC PORT -> seconds
get() {
  rm -rf "$get_dir"; mkdir -p "$get_dir"
  local t0 t1
  sync
  t0=$(now)
  getscu -S -aet GETSCU -aec "$1" -od "$get_dir" -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" \
    127.0.0.1 "$2" > "$work/getscu.log" 2>&1 || { echo "getscu failed:" >&2; cat "$work/getscu.log" >&2; }
  t1=$(now)
  local n; n=$(ls "$get_dir" | wc -l)
  [ "$n" -eq "$count" ] || echo "  warning: getscu received $n of $count" >&2
  secs "$t0" "$t1"
}

declare -A result

# --- our archive -------------------------------------------------------------------------------
export PACS_HOME="$work/pacs-home"
ours_port=$(free_port)
"$root/pacs" down > /dev/null 2>&1 || true
rm -rf "$PACS_HOME/storage"
PACS_DIMSE_PORT=$ours_port "$root/pacs" up > "$work/pacs-up.log" 2>&1 || { cat "$work/pacs-up.log"; exit 1; }
props="$PACS_HOME/infra/infra.properties"
PGPASSWORD=$(sed -n 's/^db.password=//p' "$props") psql -q -h 127.0.0.1 -p "$(sed -n 's/^postgres.port=//p' "$props")" \
  -U pacs pacs -c "TRUNCATE instance, series, study, patient, outbox, retrieve_job RESTART IDENTITY CASCADE" > /dev/null
storescu -aec PACS +sd 127.0.0.1 "$ours_port" "$dir" > "$work/storescu.log" 2>&1
"$root/pacs" ae add BENCHDEST 127.0.0.1 "$dest_port" > /dev/null
jit() { # methods compiled so far by the front door's and retrieve-service's JVMs, when jstat is at hand
  local s pid n=0
  [ -x "$JAVA_HOME/bin/jstat" ] || return 0
  for s in dimse-ingest retrieve-service; do
    pid=$(cat "$PACS_HOME/run/$s.pid" 2>/dev/null) || return 0
    n=$((n + $("$JAVA_HOME/bin/jstat" -compiler "$pid" 2>/dev/null | awk 'NR==2{print $1}')))
  done
  echo "$n"
}
warm() { for _ in $(seq 1 "$warmups"); do "$@" > /dev/null; done; }

. "$root/bench/pause.sh"

# --- Orthanc -------------------------------------------------------------------------------------
if command -v Orthanc >/dev/null; then
  o="$work/orthanc-retrieve"; rm -rf "$o"; mkdir -p "$o"
  port=$(free_port); http=$(free_port)
  cat > "$o/config.json" <<EOF
{ "Name": "bench", "StorageDirectory": "$o/storage", "IndexDirectory": "$o/index", "DicomAet": "ORTHANC",
  "DicomPort": $port, "HttpPort": $http, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomCheckCalledAet": false, "StorageCompression": false, "Plugins": [], "DicomThreadsCount": 4,
  "DicomAlwaysAllowMove": true, "DicomAlwaysAllowGet": true,
  "DicomModalities": { "BENCHDEST": [ "BENCHDEST", "127.0.0.1", $dest_port ],
                       "MOVESCU": [ "MOVESCU", "127.0.0.1", 104 ], "GETSCU": [ "GETSCU", "127.0.0.1", 104 ] } }
EOF
  Orthanc "$o/config.json" > "$o/orthanc.log" 2>&1 &
  orth=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$http/system" > /dev/null 2>&1 && break; sleep 0.2; done
  storescu -aec ORTHANC +sd 127.0.0.1 "$port" "$dir" > "$work/storescu-orthanc.log" 2>&1
else
  echo "Orthanc not installed (apt-get install orthanc): skipped"
fi

# Warm-ups, then RUNS rounds that alternate the archives (a burst of outside load hits both alike);
# the best run of each counts.
for op in move get; do
  warm "$op" PACS "$ours_port"
  [ -z "$orth" ] || warm "$op" ORTHANC "$port"
  c0=$(jit)
  for _ in $(seq 1 "$runs"); do
    keep "ours-$op" "$(timed ours "$op" "$op" PACS "$ours_port")"
    [ -z "$orth" ] || keep "orthanc-$op" "$(timed orthanc "$op" "$op" ORTHANC "$port")"
  done
  c1=$(jit)
  name=$([ "$op" = move ] && echo "C-MOVE to storescp" || echo "C-GET by getscu")
  echo "ours, $name: best ${result[ours-$op]} s${c0:+ (JIT compilations during the timed runs: $((c1 - c0)))}"
  [ -z "$orth" ] || echo "Orthanc, $name: best ${result[orthanc-$op]} s"
done
"$root/pacs" down > /dev/null 2>&1 || true
if [ -n "$orth" ]; then kill "$orth" 2>/dev/null || true; wait "$orth" 2>/dev/null || true; orth=""; fi
echo
printf "%-26s %12s %12s\n" "archive ($count instances)" "C-MOVE i/s" "C-GET i/s"
for r in ours orthanc; do
  [ -n "${result[$r-move]:-}" ] || continue
  printf "%-26s %12.0f %12.0f\n" "$r" "$(awk -v s="${result[$r-move]}" -v n="$count" 'BEGIN{print n/s}')" \
    "$(awk -v s="${result[$r-get]}" -v n="$count" 'BEGIN{print n/s}')"
done
if [ -n "${result[orthanc-move]:-}" ]; then
  awk -v a="${result[orthanc-move]}" -v b="${result[ours-move]}" -v c="${result[orthanc-get]}" -v d="${result[ours-get]}" \
    'BEGIN{printf "ours / Orthanc throughput: %.2fx (C-MOVE), %.2fx (C-GET)\n", a/b, c/d}'
fi
