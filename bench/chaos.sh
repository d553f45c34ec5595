#!/usr/bin/env bash
# Fault run (not part of the test suite): for MINUTES, SENDERS associations store new instances into the
# archive (./pacs up, its own PACS_HOME) while a loop kill -9s a random part of it every few seconds
# (one of the four services, PostgreSQL or Kafka) and brings it back with ./pacs up. At the end every
# instance a sender saw acknowledged must be indexed with its object and checksum, no row may point at a
# missing object, and every acknowledged instance must have its dicom.instance.stored event.
#   bench/chaos.sh [MINUTES=10] [SENDERS=4] [FAULT_EVERY_SECONDS=5]
# Prints the counts (acknowledged, lost, corrupt, duplicates, faults injected); exits 1 on any loss.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/jdk.sh"
minutes=${1:-10}; senders=${2:-4}; every=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/pacs-chaos.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as nobody when started by root: it must enter the directory
export PACS_HOME="$work/pacs-home"
m2="$HOME/.m2/repository"
newest() { ls $1 2>/dev/null | grep -v -e sources -e javadoc | sort -V | tail -1; }
tools="$root/dicom-tools/target/dicom-tools.jar"
pgjdbc=$(newest "$m2/org/postgresql/postgresql/*/postgresql-*.jar")
kafka=$(newest "$m2/org/apache/kafka/kafka-clients/*/kafka-clients-*.jar")
slf4j=$(newest "$m2/org/slf4j/slf4j-api/2.*/slf4j-api-*.jar")
for j in "$tools" "$pgjdbc" "$kafka" "$slf4j"; do
  [ -f "$j" ] || { echo "missing $j: build the project once (./pacs build)" >&2; exit 1; }
done

cp="$tools:$pgjdbc:$kafka:$slf4j"
cleanup() { "$root/pacs" down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
echo "starting the archive under $PACS_HOME..."
"$root/pacs" up > "$work/up.log" 2>&1 || { cat "$work/up.log"; exit 1; }
prop() { sed -n "s/^$1=//p" "$PACS_HOME/infra/infra.properties" | tail -1; }

"$JAVA" -cp "$cp" "$root/bench/Chaos.java" send 127.0.0.1 "${PACS_DIMSE_PORT:-11112}" $((minutes * 60)) "$senders" \
  "$work/acked.txt" > "$work/send.log" 2>&1 &
sender=$!

targets=(dimse-ingest query-service retrieve-service commitment-service postgres kafka)
faults=0
end=$((SECONDS + minutes * 60))
while [ $SECONDS -lt $((end - every)) ] && kill -0 "$sender" 2>/dev/null; do
  sleep $((every / 2 + RANDOM % (every + 1)))
  t=${targets[RANDOM % ${#targets[@]}]}
  case "$t" in
    postgres) pid=$(prop postgres.pid) ;;
    kafka) pid=$(prop kafka.pid) ;;
    *) pid=$(cat "$PACS_HOME/run/$t.pid" 2>/dev/null || true) ;;
  esac
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
  kill -9 "$pid" 2>/dev/null || continue
  faults=$((faults + 1))
  echo "$(date +%T) fault $faults: kill -9 $t (pid $pid)"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done # gone before ./pacs up looks
  sleep $((1 + RANDOM % 3))
  "$root/pacs" up >> "$work/up.log" 2>&1 || echo "$(date +%T) ./pacs up failed (retried after the next fault)"
done
wait "$sender" || true
cat "$work/send.log"
"$root/pacs" up >> "$work/up.log" 2>&1
echo "checking (waits up to 120 s for the outbox to drain)..."
rc=0
"$JAVA" -cp "$cp" "$root/bench/Chaos.java" check \
  "jdbc:postgresql://127.0.0.1:$(prop postgres.port)/$(prop db.name)" "$(prop db.user)" "$(prop db.password)" \
  "$PACS_HOME/storage" "127.0.0.1:$(prop kafka.port)" "$work/acked.txt" 2>"$work/check.err" || rc=$?
echo "faults injected: $faults over $minutes min ($senders senders)"
[ $rc -eq 0 ] && echo "result: 0 lost" || { echo "result: FAILED (see above)"; tail -5 "$work/check.err" >&2; }
exit $rc
