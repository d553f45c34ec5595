#!/usr/bin/env bash
# Storage benchmark: C-STORE of COUNT generated 512x512 16-bit CT files over loopback, one association,
# in the four pairings of DCMTK 3.6.7 and our tools:
#   DCMTK storescu -> DCMTK storescp    (the reference pair)
#   our store_scu  -> DCMTK storescp
#   DCMTK storescu -> our store_scp
#   our store_scu  -> our store_scp
# and our store_scp with --fsync (its default, like storescp, is not to force files to disk); then both
# receivers once more after a first, untimed association with COUNT other objects (a receiver that has
# been running a while: ours is a JVM, and its first association also pays for compiling its code).
# Our tools run through their bin/ launchers (JVM flags as shipped). Senders are timed as whole processes (our JVM start included); receivers are started beforehand and
# write into a fresh directory under bench/work for each run. All DCMTK processes get TCP_NODELAY=1
# (Debian's DCMTK otherwise waits for a delayed ACK, ~40 ms, per message).
# Received files are deleted only after the last run: on ext4 without a journal, creating a file within
# a minute (up to five) of deleting many others scans past every recently deleted inode, which made
# whichever receiver came after a cleanup pay for it. Start the script at least five minutes after
# deleting many files (an earlier run of it included) for undisturbed figures.
# usage: bench/store.sh [COUNT] [RUNS]   (best of RUNS per pairing; defaults 1000 and 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
count=${1:-${COUNT:-1000}}
runs=${2:-${RUNS:-3}}
jar="$root/dicom-tools/target/dicom-tools.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl dicom-tools -am package)
for t in storescu storescp; do
  command -v "$t" >/dev/null || { echo "$t not found: apt-get install dcmtk" >&2; exit 1; }
done
export TCP_NODELAY=1

work="$root/bench/work"
dir="$work/ct-$count"
if [ "$(ls "$dir" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$dir"
  echo "generating $count CT files (512x512, 16-bit) in $dir ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$dir" "$count" 512 512 100
fi
# Other objects for the association that warms a receiver up in the "warm" rows.
warmup="$work/ct-$count-warmup"
if [ "$(ls "$warmup" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$warmup"
  echo "generating $count other CT files in $warmup ..."
  "$JAVA" -cp "$jar" dev.cloudpacs.dicom.tools.bench.CtGenerator "$warmup" "$count" 512 512 100
fi
cat "$dir"/* "$warmup"/* > /dev/null   # warm the page cache for every sender
mb=$(du -sm --apparent-size "$dir" | cut -f1)

. "$root/bench/ports.sh"
wait_port() { # wait up to 20 s for a listener on $1
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2; return 1
}

recv_root="$work/recv"
rm -rf "$recv_root"
mkdir -p "$recv_root"
scp_pid=""
stop_scp() {
  if [ -n "$scp_pid" ]; then
    kill "$scp_pid" 2>/dev/null || true
    wait "$scp_pid" 2>/dev/null || true
    scp_pid=""
  fi
}
trap 'stop_scp; rm -rf "$recv_root"' EXIT

# start_scp KIND PORT DIR: a receiver in the background (dcmtk, ours or ours-fsync)
start_scp() {
  local log="$3.log"
  case "$1" in
    dcmtk) storescp -aet STORESCP -od "$3" "$2" > "$log" 2>&1 & ;;
    ours) "$root/bin/store_scp" -b 127.0.0.1 -aet STORESCP -p "$2" -od "$3" > "$log" 2>&1 & ;;
    ours-fsync) "$root/bin/store_scp" --fsync -b 127.0.0.1 -aet STORESCP -p "$2" -od "$3" > "$log" 2>&1 & ;;
  esac
  scp_pid=$!
  wait_port "$2"
}

# send KIND PORT [DIR]: one association with every file (of the timed set unless DIR is given)
send() {
  if [ "$1" = dcmtk ]; then
    storescu -aec STORESCP +sd 127.0.0.1 "$2" "${3:-$dir}"
  else
    "$root/bin/store_scu" -aec STORESCP 127.0.0.1 "$2" "${3:-$dir}"
  fi
}

proc_cpu() { # user+system CPU seconds used so far by process $1 (Linux)
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# run_once SENDER RECEIVER [warm]: one association with every file into a fresh directory, to a receiver
# just started or, with "warm", one that has received the warm-up set (untimed) first;
# prints "wall-seconds sender-cpu receiver-cpu"
run_once() {
  local port out t0 t1 r0 r1 cpu_s n expect=$count
  port=$(free_port)
  out="$recv_root/$1-to-$2-$(date +%s%N)"
  mkdir -p "$out"
  start_scp "$2" "$port" "$out"
  if [ "${3:-}" = warm ]; then
    send "$1" "$port" "$warmup" > "$out.warm.log" 2>&1 || { echo "warm-up $1 -> $2 failed:" >&2; cat "$out.warm.log" >&2; exit 1; }
    expect=$((2 * count))
  fi
  sync   # earlier runs' dirty pages must not be written back on this run's time
  r0=$(proc_cpu "$scp_pid")
  t0=$(date +%s%N)
  { TIMEFORMAT='%U %S'; time send "$1" "$port" > "$out.send.log" 2>&1; } 2> "$out.time" \
    || { echo "$1 -> $2 failed:" >&2; cat "$out.send.log" >&2; exit 1; }
  t1=$(date +%s%N)
  r1=$(proc_cpu "$scp_pid")
  stop_scp
  n=$(find "$out" -type f | wc -l)
  [ "$n" -eq "$expect" ] || { echo "$1 -> $2: $n of $expect files received" >&2; exit 1; }
  grep -h 'instances/s' "$out.send.log" | sed "s/^/    [$1 -> $2, timed inside the sender] /" >&2 || true
  cpu_s=$(awk '{printf "%.2f", $1 + $2}' "$out.time")
  rm -f "$out.log" "$out.send.log" "$out.warm.log" "$out.time"   # the received files stay until the end (see above)
  awk -v a="$t0" -v b="$t1" -v cs="$cpu_s" -v r0="$r0" -v r1="$r1" 'BEGIN{printf "%.3f %s %.2f\n", (b-a)/1e9, cs, r1-r0}'
}

pairs=("dcmtk dcmtk" "ours dcmtk" "dcmtk ours" "ours ours" "dcmtk ours-fsync" "ours ours-fsync"
       "dcmtk dcmtk warm" "dcmtk ours warm")
names=("DCMTK storescu -> DCMTK storescp" "our store_scu  -> DCMTK storescp" "DCMTK storescu -> our store_scp"
       "our store_scu  -> our store_scp" "DCMTK storescu -> ours --fsync" "our store_scu  -> ours --fsync"
       "storescu -> storescp, 2nd assoc." "storescu -> store_scp, 2nd assoc.")
# Our tools keep a class-data-sharing archive per tool, made by its first run after a build: that run
# (untimed, a few files) happens here, as DCMTK's binaries are installed and loaded once already.
prime="$recv_root/prime"
mkdir -p "$prime"
prime_port=$(free_port)
start_scp ours "$prime_port" "$prime"
"$root/bin/store_scu" -aec STORESCP 127.0.0.1 "$prime_port" "$warmup"/ct0000[0-9].dcm > /dev/null 2>&1 || true
stop_scp

declare -a best
echo "C-STORE of $count files ($mb MB, 512x512 16-bit CT, explicit VR LE) over loopback, best of $runs run(s):"
for r in $(seq "$runs"); do   # rounds interleave the pairings, so a burst of outside load hits them alike
  for i in "${!pairs[@]}"; do
    result=$(run_once ${pairs[$i]})
    echo "    [round $r] ${names[$i]}: ${result%% *} s" >&2
    if [ -z "${best[$i]:-}" ] || awk -v x="${result%% *}" -v y="${best[$i]%% *}" 'BEGIN{exit !(x<y)}'; then
      best[$i]=$result
    fi
  done
done
ref=${best[0]%% *}
printf "  %-34s %7s %8s %7s %9s %9s  %s\n" "sender -> receiver" "wall s" "inst/s" "MB/s" "CPU snd s" "CPU rcv s" \
  "DCMTK-pair time / this time"
for i in "${!pairs[@]}"; do
  [ "$i" -eq 6 ] && echo "  receivers that have already received $count other objects (the first row is the reference for these two):"
  [ "$i" -eq 6 ] && ref=${best[6]%% *}
  read -r t cs cr <<< "${best[$i]}"
  awk -v name="${names[$i]}" -v t="$t" -v cs="$cs" -v cr="$cr" -v n="$count" -v mb="$mb" -v ref="$ref" \
    'BEGIN{printf "  %-34s %7.3f %8.0f %7.0f %9.2f %9.2f  %5.2fx\n", name, t, n/t, mb/t, cs, cr, ref/t}'
done
