#!/usr/bin/env bash
# Per-request latency, as a new user's scripts see it: every operation is a new DCMTK process with a new
# association, against our archive (./pacs up, its own PACS_HOME) and Orthanc (Debian package `orthanc`)
# holding the same one-image study:
#   C-ECHO (echoscu), study-level C-FIND (findscu), C-MOVE of the image to a DCMTK storescp (movescu),
#   C-GET of the image (getscu).
# Each operation is warmed up WARMUP times (default 100: the archive is a long-running service, measured warm) on both, then run RUNS times (default 50) with
# ours and Orthanc alternating, the one not being timed stopped meanwhile (bench/pause.sh). Prints p50
# and p95 per operation and archive, and the ratio of the p50s (ours / Orthanc; at most 1.00 is the target).
# usage: bench/latency.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
runs=${1:-50}
warmup=${WARMUP:-100}
work="$root/bench/work/latency"
jar="$root/dicom-tools/target/dicom-tools.jar"
export TCP_NODELAY=1
for t in echoscu findscu movescu getscu storescu storescp dcmdump; do
  command -v $t >/dev/null || { echo "$t not found: apt-get install dcmtk" >&2; exit 1; }
done
command -v Orthanc >/dev/null || { echo "Orthanc not found: apt-get install orthanc" >&2; exit 1; }
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am install)
rm -rf "$work"; mkdir -p "$work"

. "$root/bench/ports.sh"
now() { date +%s%N; }

"$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$work/study" 1 512 512 1 > /dev/null
image=$(ls -d "$work"/study/* | head -1)
study=$(dcmdump +P StudyInstanceUID "$image" | sed 's/.*\[\(.*\)\].*/\1/')

# --- the move destination: one storescp for both archives -------------------------------------------
dest_port=$(free_port)
mkdir -p "$work/dest"
storescp -aet BENCHDEST -od "$work/dest" "$dest_port" > "$work/storescp.log" 2>&1 &
dest=$!

# --- ours -----------------------------------------------------------------------------------------
export PACS_HOME="$work/pacs-home"
export PACS_DIMSE_PORT=$(free_port)
ours_port=$PACS_DIMSE_PORT
. "$root/bench/pause.sh" # sets orth="" and pause/resume/timed
cleanup() {
  resume ours; resume orthanc
  "$root/pacs" down > /dev/null 2>&1 || true
  [ -z "$orth" ] || { kill -CONT "$orth" 2>/dev/null; kill "$orth" 2>/dev/null; wait "$orth" 2>/dev/null; } || true
  kill "$dest" 2>/dev/null || true
}
trap cleanup EXIT
echo "starting our archive (./pacs up) and Orthanc..."
"$root/pacs" up > "$work/pacs-up.log" 2>&1 || { cat "$work/pacs-up.log"; exit 1; }
"$root/pacs" ae add BENCHDEST 127.0.0.1 "$dest_port" > /dev/null
storescu -aec PACS 127.0.0.1 "$ours_port" "$image" > "$work/storescu-ours.log" 2>&1

# --- Orthanc --------------------------------------------------------------------------------------
o="$work/orthanc"; mkdir -p "$o"
orthanc_port=$(free_port); http=$(free_port)
cat > "$o/config.json" <<EOF
{ "Name": "latency", "StorageDirectory": "$o/storage", "IndexDirectory": "$o/index", "DicomAet": "ORTHANC",
  "DicomPort": $orthanc_port, "HttpPort": $http, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomCheckCalledAet": false, "Plugins": [], "DicomAlwaysAllowFind": true, "DicomAlwaysAllowMove": true,
  "DicomAlwaysAllowGet": true, "DicomAlwaysAllowEcho": true,
  "DicomModalities": { "BENCHDEST": [ "BENCHDEST", "127.0.0.1", $dest_port ] } }
EOF
Orthanc "$o/config.json" > "$o/orthanc.log" 2>&1 &
orth=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$http/system" > /dev/null 2>&1 && break; sleep 0.2; done
storescu -aec ORTHANC 127.0.0.1 "$orthanc_port" "$image" > "$work/storescu-orthanc.log" 2>&1

# op NAME AEC PORT: runs one operation with a new DCMTK process; fails loudly when it does not succeed.
op() {
  local name=$1 aec=$2 port=$3 log="$work/$1-$2.log"
  case "$name" in
    echo) echoscu -aet LATENCY -aec "$aec" 127.0.0.1 "$port" > "$log" 2>&1 ;;
    find) findscu -S -aet LATENCY -aec "$aec" -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" \
            -k PatientID 127.0.0.1 "$port" > "$log" 2>&1 ;;
    move) movescu -S -aet LATENCY -aec "$aec" -aem BENCHDEST -k QueryRetrieveLevel=STUDY \
            -k StudyInstanceUID="$study" 127.0.0.1 "$port" > "$log" 2>&1 ;;
    get)  rm -rf "$work/get"; mkdir -p "$work/get"
          getscu -S -aet LATENCY -aec "$aec" -od "$work/get" -k QueryRetrieveLevel=STUDY \
            -k StudyInstanceUID="$study" 127.0.0.1 "$port" > "$log" 2>&1
          [ "$(ls "$work/get" | wc -l)" -eq 1 ] ;;
  esac || { echo "$name against $aec failed:" >&2; cat "$log" >&2; exit 1; }
}
# timed_op WHO NAME AEC PORT -> milliseconds, the other archive paused meanwhile
timed_op() {
  local who=$1 other t0 t1
  shift
  for other in ours orthanc; do [ "$other" = "$who" ] || pause "$other"; done
  t0=$(now); op "$@"; t1=$(now)
  for other in ours orthanc; do [ "$other" = "$who" ] || resume "$other"; done
  echo $(( (t1 - t0) / 1000 ))
}
# pct FILE P -> the P-th percentile (nearest rank) of the microsecond values in FILE, in ms
pct() { sort -n "$1" | awk -v p="$2" '{v[NR]=$1} END{i=int((p/100)*NR+0.999999); if(i<1)i=1; printf "%.1f", v[i]/1000}'; }

printf "\n%-8s %10s %10s %12s %12s %14s\n" "op ($runs)" "ours p50" "ours p95" "Orthanc p50" "Orthanc p95" "p50 ours/Orth"
for name in echo find move get; do
  for _ in $(seq 1 "$warmup"); do op "$name" PACS "$ours_port"; op "$name" ORTHANC "$orthanc_port"; done
  : > "$work/$name-ours.us"; : > "$work/$name-orthanc.us"
  for _ in $(seq 1 "$runs"); do
    timed_op ours "$name" PACS "$ours_port" >> "$work/$name-ours.us"
    timed_op orthanc "$name" ORTHANC "$orthanc_port" >> "$work/$name-orthanc.us"
  done
  a=$(pct "$work/$name-ours.us" 50); b=$(pct "$work/$name-ours.us" 95)
  c=$(pct "$work/$name-orthanc.us" 50); d=$(pct "$work/$name-orthanc.us" 95)
  printf "%-8s %8s ms %8s ms %10s ms %10s ms %14s\n" "$name" "$a" "$b" "$c" "$d" \
    "$(awk -v x="$a" -v y="$c" 'BEGIN{printf "%.2f", x/y}')"
done
echo "(per-run figures in $work/*.us, microseconds)"
