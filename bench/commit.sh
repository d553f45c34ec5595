#!/usr/bin/env bash
# Storage commitment benchmark: one study of COUNT generated 512x512 16-bit CT images is stored in our
# archive (./pacs up), then all COUNT instances are committed in one N-ACTION with our commit_scu:
#   same association: the N-EVENT-REPORT comes back on the association that asked,
#   new association:  commit_scu releases its association and listens; the archive opens one to it.
# Each is run once to warm up and then timed. Printed: the time from the N-ACTION-RSP to the
# N-EVENT-REPORT (commit_scu's own lines, time-stamped as they appear) and commit_scu's whole run.
# usage: bench/commit.sh [COUNT]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
count=${1:-1000}
work="$root/bench/work"
jar="$root/dicom-tools/target/dicom-tools.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am install)
mkdir -p "$work"

dir="$work/ct-study-$count"
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$dir"
  echo "generating one study of $count CT images (512x512, 16-bit) in $dir ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$dir" "$count" 512 512 "$count"
fi

. "$root/bench/ports.sh"
now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f", (b-a)/1e6}'; }

# --- our archive, on free ports ---------------------------------------------------------------
export PACS_HOME="$work/pacs-home-commit"
export PACS_DIMSE_PORT=$(free_port) PACS_HTTP_PORT_INGEST=$(free_port) PACS_HTTP_PORT_QUERY=$(free_port)
export PACS_HTTP_PORT_RETRIEVE=$(free_port) PACS_HTTP_PORT_COMMITMENT=$(free_port)
port=$PACS_DIMSE_PORT
"$root/pacs" down > /dev/null 2>&1 || true
rm -rf "$PACS_HOME/storage"
trap '"$root/pacs" down > /dev/null 2>&1 || true' EXIT
"$root/pacs" up > "$work/pacs-up-commit.log" 2>&1 || { cat "$work/pacs-up-commit.log"; exit 1; }
props="$PACS_HOME/infra/infra.properties"
PGPASSWORD=$(sed -n 's/^db.password=//p' "$props") psql -q -h 127.0.0.1 -p "$(sed -n 's/^postgres.port=//p' "$props")" \
  -U pacs pacs -c "TRUNCATE instance, series, study, patient, outbox, commitment_transaction RESTART IDENTITY CASCADE" \
  > /dev/null 2>&1 || echo "(psql missing: the index is not emptied first)"
echo "storing $count instances ..."
t0=$(now)
"$root/bin/store_scu" -aec PACS 127.0.0.1 "$port" "$dir" > "$work/store-commit.log" 2>&1 \
  || { echo "store_scu failed:" >&2; tail -5 "$work/store-commit.log" >&2; exit 1; }
echo "  stored in $(ms "$t0" "$(now)") ms"

listen_port=$(free_port)
"$root/pacs" ae add BENCHCOMMIT 127.0.0.1 "$listen_port" > /dev/null

# commit [--listen] -> "report_ms total_ms": time-stamps commit_scu's output lines
commit() {
  local log="$work/commit_scu.log" t0 t_rsp="" t_rep="" line ts
  t0=$(now)
  : > "$log"
  while IFS= read -r line; do
    ts=$(now)
    echo "$line" >> "$log"
    case "$line" in
      "requested commitment"*) t_rsp=$ts ;;
      "N-EVENT-REPORT"*) t_rep=$ts ;;
    esac
  done < <("$root/bin/commit_scu" -aet BENCHCOMMIT -aec PACS --wait 300 "$@" 127.0.0.1 "$port" "$dir" 2>&1 || true)
  local t1; t1=$(now)
  if [ -z "$t_rep" ] || ! grep -q "event type 1, $count committed, 0 failed" "$log"; then
    echo "commit_scu did not get an all-committed report:" >&2; grep -v "^  committed" "$log" | tail -5 >&2
    echo "- -"; return
  fi
  echo "$(ms "$t_rsp" "$t_rep") $(ms "$t0" "$t1")"
}

commit > /dev/null                                  # warm-up
read -r same_rep same_total < <(commit)
commit --listen "$listen_port" > /dev/null          # warm-up
read -r new_rep new_total < <(commit --listen "$listen_port")

echo
echo "storage commitment of $count instances in one N-ACTION (commit_scu, including its JVM start):"
printf "  %-18s N-ACTION-RSP -> N-EVENT-REPORT %6s ms   whole commit_scu run %6s ms\n" \
  "same association" "$same_rep" "$same_total" "new association" "$new_rep" "$new_total"
