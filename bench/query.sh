#!/usr/bin/env bash
# Query benchmark: study-level C-FIND and QIDO-RS latency (p50/p99 of 4 query kinds: PatientID,
# PatientName prefix, one-month StudyDate range + ModalitiesInStudy=CT, AccessionNumber), with the
# keys of every query drawn from the loaded data (bench/IndexLoader.java writes them).
#   (i)   our archive (./pacs up: dimse-ingest + query-service over the PostgreSQL index), the index
#         truncated and filled by COPY with a SMALL corpus (default 20000 instances, ~2000 studies);
#   (ii)  Orthanc (Debian package `orthanc`, plus `orthanc-dicomweb` for QIDO-RS) when installed, fed
#         the SAME corpus as tiny Part 10 files (no pixel data) with storescu; ours vs Orthanc;
#   (iii) our index filled up to INSTANCES (default 1000000, ~100000 studies) and measured again,
#         each p99 checked against the 50 ms target.
# usage: bench/query.sh [INSTANCES]
# env:   SMALL (20000), RUNS (500), WARMUP (300 per query kind), SEED (42),
#        QIDO_URL (our QIDO-RS base, default http://127.0.0.1:8082/dicomweb), PACS_DIMSE_PORT (default: a free port)
# Results (machine-readable, label kind matches p50 p99 max): bench/work/query-results.tsv
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
instances=${1:-1000000}
small=${SMALL:-20000}
runs=${RUNS:-500}
# The archive is a long-running service: measured warm (JIT compiled), like bench/ingest.sh does.
warmup=${WARMUP:-300}
seed=${SEED:-42}
work="$root/bench/work"
jar="$root/dicom-tools/target/dicom-tools.jar"
results="$work/query-results.tsv"
export TCP_NODELAY=1
mkdir -p "$work"
: > "$results"

command -v storescu >/dev/null || echo "note: storescu (dcmtk) not found: the Orthanc comparison will be skipped" >&2
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am install)
pgjdbc=$(ls "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v -e sources -e javadoc | sort -V | tail -1)
[ -n "$pgjdbc" ] || { echo "no PostgreSQL JDBC driver under ~/.m2/repository/org/postgresql/postgresql (build the project once)" >&2; exit 1; }

. "$root/bench/ports.sh"

# --- cleanup: stop whatever this script started -------------------------------------------------
export PACS_HOME="$work/pacs-home"
export PACS_DIMSE_PORT=${PACS_DIMSE_PORT:-$(free_port)}
qido=${QIDO_URL:-http://127.0.0.1:8082/dicomweb}
orth_pid=""
pacs_started=""
cleanup() {
  if [ -n "$orth_pid" ]; then kill "$orth_pid" 2>/dev/null || true; wait "$orth_pid" 2>/dev/null || true; fi
  if [ -n "$pacs_started" ]; then "$root/pacs" down > /dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bench LABEL TARGET KEYS: one QueryBenchmark run; on failure says so and goes on.
bench() {
  local label=$1 target=$2 keys=$3
  echo "--- $label"
  # A fresh token of the reader for each run (they live ten minutes); Orthanc's runs ignore it.
  PACS_TOKEN=$("$root/pacs" token --role pacs-read 2>/dev/null || true)
  if ! PACS_TOKEN="$PACS_TOKEN" "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.QueryBenchmark --keys "$keys" --runs "$runs" \
      --warmup "$warmup" --label "$label" --out "$results" "$target" 2> "$work/$label.err"; then
    echo "!!! $label failed: $(grep -m1 '^QueryBenchmark:' "$work/$label.err" || tail -1 "$work/$label.err")"
  fi
}

prop() { sed -n "s/^$1=//p" "$PACS_HOME/infra/infra.properties" | tail -1; }
# load COUNT [OPTIONS...]: IndexLoader adds COUNT instances to our index
load() {
  "$JAVA" -cp "$pgjdbc" "$root/bench/IndexLoader.java" "${@:2}" \
    "jdbc:postgresql://127.0.0.1:$(prop postgres.port)/$(prop db.name)" "$(prop db.user)" "$(prop db.password)" "$1" "$seed"
}
index_count() {
  PGPASSWORD=$(prop db.password) psql -tAq -h 127.0.0.1 -p "$(prop postgres.port)" -U "$(prop db.user)" "$(prop db.name)" \
    -c "SELECT count(*) FROM instance"
}

# --- (i) ours, SMALL corpus -----------------------------------------------------------------------
echo "=== (i) our archive, $small instances"
"$root/pacs" down > /dev/null 2>&1 || true
pacs_started=1
"$root/pacs" up > "$work/pacs-up.log" 2>&1 || { cat "$work/pacs-up.log"; exit 1; }
keys_small="$work/query-keys-small.txt"
dcm="$work/query-small-dcm"
rm -rf "$dcm"
# --truncate: primary keys restart at 1, so the Part 10 files written alongside carry the same UIDs.
load "$small" --truncate --keys="$keys_small" --dicom-dir="$dcm"
# Ours queries the index directly (no cache to restart); measured warm, like the others.
bench ours-cfind-small "dimse://127.0.0.1:$PACS_DIMSE_PORT/PACS" "$keys_small"
bench ours-qido-small "$qido" "$keys_small"

# --- (ii) Orthanc, the same SMALL corpus --------------------------------------------------------------
if command -v Orthanc > /dev/null && command -v storescu > /dev/null; then
  echo "=== (ii) Orthanc $(dpkg-query -W -f '${Version}' orthanc 2>/dev/null || true), the same $small instances"
  o="$work/orthanc-query"; rm -rf "$o"; mkdir -p "$o"
  dport=$(free_port); hport=$(free_port)
  while [ "$hport" = "$dport" ]; do hport=$(free_port); done
  plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
  plugins="[]"; [ -f "$plugin" ] && plugins="[ \"$plugin\" ]"
  cat > "$o/config.json" <<EOF
{ "Name": "querybench", "StorageDirectory": "$o/storage", "IndexDirectory": "$o/index",
  "DicomAet": "ORTHANC", "DicomPort": $dport, "HttpPort": $hport,
  "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomCheckCalledAet": false, "DicomAlwaysAllowFind": true, "DicomAlwaysAllowStore": true,
  "DicomModalities": { "querybench": [ "QUERYBENCH", "127.0.0.1", 104 ] },
  "StorageCompression": false, "LimitFindResults": 0, "LimitFindInstances": 0,
  "DicomThreadsCount": 4, "Plugins": $plugins,
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
EOF
  Orthanc "$o/config.json" > "$o/orthanc.log" 2>&1 &
  orth_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$hport/system" > /dev/null 2>&1 && break; sleep 0.2; done
  t0=$(date +%s)
  storescu -aet QUERYBENCH -aec ORTHANC +sd +r 127.0.0.1 "$dport" "$dcm" > "$o/storescu.log" 2>&1 \
    || echo "!!! storescu into Orthanc reported errors (see $o/storescu.log)"
  count=$(curl -s "http://127.0.0.1:$hport/statistics" | sed -n 's/.*"CountInstances" *: *\([0-9]*\).*/\1/p')
  echo "Orthanc holds $count instances (sent in $(( $(date +%s) - t0 )) s)"
  bench orthanc-cfind-small "dimse://127.0.0.1:$dport/ORTHANC" "$keys_small"
  if [ -f "$plugin" ]; then
    # orthanc-qido: Orthanc 1.10 does not percent-decode query values (see QueryBenchmark).
    bench orthanc-qido-small "orthanc-qido:http://127.0.0.1:$hport/dicom-web" "$keys_small"
  else
    echo "orthanc-dicomweb plugin not installed ($plugin; apt-get install orthanc-dicomweb): Orthanc QIDO-RS skipped"
  fi
  bench orthanc-rest-small "orthanc-rest:http://127.0.0.1:$hport" "$keys_small"
  kill "$orth_pid" 2>/dev/null || true; wait "$orth_pid" 2>/dev/null || true; orth_pid=""
else
  echo "=== (ii) Orthanc or storescu not installed (apt-get install orthanc orthanc-dicomweb dcmtk): comparison skipped"
fi

# row LABEL KIND FIELD: a value from the results (FIELD 3 matches, 4 p50, 5 p99, 6 max)
row() { awk -F'\t' -v l="$1" -v k="$2" -v f="$3" '$1==l && $2==k {print $f}' "$results"; }
kinds=(PatientID PatientName StudyDate+CT AccessionNumber)

compare() { # compare OURS_LABEL THEIR_LABEL TITLE
  local ours=$1 theirs=$2 kind
  [ -n "$(row "$theirs" PatientID 4)" ] || return 0
  echo
  echo "$3 ($small instances): ours vs Orthanc, ms (ratio = Orthanc / ours; >1 means ours is faster)"
  printf "%-17s %9s %9s %9s %9s %9s %9s %9s %9s\n" query "ours n" "ours p50" "ours p99" "orth n" "orth p50" "orth p99" "p50 x" "p99 x"
  for kind in "${kinds[@]}"; do
    local a50 a99 b50 b99
    a50=$(row "$ours" "$kind" 4); a99=$(row "$ours" "$kind" 5); b50=$(row "$theirs" "$kind" 4); b99=$(row "$theirs" "$kind" 5)
    printf "%-17s %9s %9s %9s %9s %9s %9s %9s %9s\n" "$kind" "$(row "$ours" "$kind" 3)" "${a50:--}" "${a99:--}" \
      "$(row "$theirs" "$kind" 3)" "$b50" "$b99" \
      "$(awk -v a="$a50" -v b="$b50" 'BEGIN{ if (a > 0) printf "%.2f", b/a; else print "-" }')" \
      "$(awk -v a="$a99" -v b="$b99" 'BEGIN{ if (a > 0) printf "%.2f", b/a; else print "-" }')"
  done
}

# --- (iii) ours, up to INSTANCES ----------------------------------------------------------------------
large=""
have=$(index_count)
if [ "$instances" -gt "$have" ]; then
  echo "=== (iii) our archive, index filled up to $instances instances (has $have)"
  keys_large="$work/query-keys-large.txt"
  load "$((instances - have))" --keys="$keys_large"
  bench ours-cfind-large "dimse://127.0.0.1:$PACS_DIMSE_PORT/PACS" "$keys_large"
  bench ours-qido-large "$qido" "$keys_large"
  large=1
fi
"$root/pacs" down > /dev/null 2>&1 || true; pacs_started=""

compare ours-cfind-small orthanc-cfind-small "C-FIND"
compare ours-qido-small orthanc-qido-small "QIDO-RS"
if [ -n "$large" ]; then
  echo
  echo "ours at $(printf "%'d" "$instances" 2>/dev/null || echo "$instances") instances: p50 / p99 in ms, target p99 < 50 ms"
  printf "%-9s %-17s %9s %9s %9s %s\n" api query matches p50 p99 "p99<50ms"
  for api in cfind qido; do
    for kind in "${kinds[@]}"; do
      p99=$(row "ours-$api-large" "$kind" 5)
      if [ -z "$p99" ]; then printf "%-9s %-17s %9s\n" "$api" "$kind" "(failed)"; continue; fi
      printf "%-9s %-17s %9s %9s %9s %s\n" "$api" "$kind" "$(row "ours-$api-large" "$kind" 3)" \
        "$(row "ours-$api-large" "$kind" 4)" "$p99" "$(awk -v p="$p99" 'BEGIN{print (p < 50) ? "yes" : "NO"}')"
    done
  done
fi
echo
echo "raw results: $results"
