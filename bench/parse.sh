#!/usr/bin/env bash
# Parse benchmark: our parser (one JVM, header parsed, pixel data by reference) against
# `dcmdump +sd +r DIR > /dev/null` on the same 1,000 generated 512x512 16-bit CT files.
# usage: bench/parse.sh [COUNT] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
count=${1:-1000}
runs=${2:-3}
jar="$root/dicom-tools/target/dicom-tools.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am package)
command -v dcmdump >/dev/null || { echo "dcmdump not found: apt-get install dcmtk" >&2; exit 1; }

dir="$root/bench/work/ct-$count"
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$dir"
  echo "generating $count CT files (512x512, 16-bit) in $dir ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$dir" "$count" 512 512 100
fi
cat "$dir"/* > /dev/null   # warm the page cache for both contenders

best() { # best wall time in seconds of $runs runs of a command
  local b=""
  for _ in $(seq "$runs"); do
    local t0 t1; t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N)
    local s; s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    if [ -z "$b" ] || awk -v x="$s" -v y="$b" 'BEGIN{exit !(x<y)}'; then b=$s; fi
  done
  echo "$b"
}

ours=$(best "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" dev.cloudpacs.dicom.tools.bench.ParseBenchmark "$dir" 1)
theirs=$(best dcmdump +sd +r "$dir")
echo "steady state in one JVM (5 rounds):"
"$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.ParseBenchmark "$dir" 5 | sed 's/^/  /'
awk -v o="$ours" -v t="$theirs" -v n="$count" 'BEGIN{
  printf "files: %d (512x512 16-bit CT), best of runs\n", n;
  printf "ours (whole process, JVM start included): %6.3f s  %7.0f files/s\n", o, n/o;
  printf "dcmdump +sd +r > /dev/null:                %6.3f s  %7.0f files/s\n", t, n/t;
  printf "ratio dcmdump time / our time: %.2fx\n", t/o }'
