#!/usr/bin/env bash
# Lab 08's client and server exchanging files through an independent fault-injecting UDP
# relay (udp_relay.py: loss, duplication, reordering, corruption, and a relay that cuts
# large datagrams short), across many seeds, each copy checked by SHA-256. Then the
# client's --trace and --plot files, and a missing file. Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need python3 python3 || exit 0
bin=$(build_solution 08)
workspace lab08-interop
RELAY_PID=
mkdir -p "$work/root"
head -c 3000000 /dev/urandom > "$work/root/big.bin"
head -c 200000 /dev/urandom > "$work/root/small.bin"
head -c 1000000 /dev/urandom > "$work/root/mb.bin"
start_server udp "$bin/lab08-rudp" server --port 0 --root "$work/root"
port=$SERVER_PORT

# relay FLAGS...: starts the relay in front of the server; sets RELAY_PORT.
relay() {
  [ -z "$RELAY_PID" ] || { kill "$RELAY_PID" 2>/dev/null; wait "$RELAY_PID" 2>/dev/null || true; }
  python3 Tests/Interop/udp_relay.py --server "127.0.0.1:$port" "$@" > "$work/relay.out" 2> "$work/relay.err" &
  RELAY_PID=$!
  pids+=("$RELAY_PID")
  for _ in $(seq 200); do grep -q "^relay on" "$work/relay.out" 2>/dev/null && break; sleep 0.1; done
  RELAY_PORT=$(sed -n 's/^relay on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/relay.out")
  [ -n "$RELAY_PORT" ] || echo "   the relay did not start: $(cat "$work/relay.err")"
}

# fetch NAME: fetches through the relay; true when the copy's SHA-256 matches.
fetch() {
  rm -f "$work/copy"
  timeout 120 "$bin/lab08-rudp" get "$1" --server "127.0.0.1:$RELAY_PORT" -o "$work/copy" > "$work/get.out" 2>&1 || return 1
  [ "$(sha256sum < "$work/copy")" = "$(sha256sum < "$work/root/$1")" ]
}

faults=(
  "--loss 0.05"
  "--loss 0.3"
  "--duplicate 0.2"
  "--jitter-ms 2"
  "--corrupt 0.05"
  "--loss 0.3 --duplicate 0.1 --jitter-ms 1 --corrupt 0.01"
)
for fault in "${faults[@]}"; do
  passed=0
  for seed in 1 2 3 4 5; do
    relay --seed "$seed" $fault
    if fetch small.bin; then passed=$((passed + 1)); else echo "   seed $seed failed: $(cat "$work/get.out")"; fi
  done
  check "200 kB through a relay with $fault: 5 seeds, SHA-256 equal" '[ $passed = 5 ]'
done
# Heavy loss and nothing else: 1 MB through 30% loss in each direction. Before the retry
# budget followed the path, one seed in three gave up after about 100 s.
passed=0
for seed in 1 2 3 4 5 6 7 8; do
  relay --seed "$seed" --loss 0.3
  start=$EPOCHREALTIME
  if fetch mb.bin; then passed=$((passed + 1)); result=$(cat "$work/get.out"); else result="FAILED: $(cat "$work/get.out")"; fi
  say "   seed $seed: $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'): $result"
done
check '1 MB through a relay with --loss 0.3: 8 seeds, SHA-256 equal' '[ $passed = 8 ]'

relay --seed 7 --loss 0.05 --duplicate 0.05 --jitter-ms 0.5 --corrupt 0.01
check '3 MB through 5% loss, duplication, reordering and corruption: SHA-256 equal' 'fetch big.bin'
echo "   $(cat "$work/get.out")"
relay --seed 8 --max-size 2048 --loss 0.02
check 'a relay that cuts datagrams to 2048 bytes: the client falls back to small segments' 'fetch big.bin'
echo "   $(cat "$work/get.out")"

relay --seed 9 --loss 0.05
"$bin/lab08-rudp" get big.bin --server "127.0.0.1:$RELAY_PORT" -o "$work/copy" \
  --trace "$work/trace.csv" --plot "$work/plot.svg" > /dev/null 2>&1 || true
check '--trace writes time,cwnd,ssthresh,rto,event with loss events' \
  'head -1 "$work/trace.csv" | grep -qx "time,cwnd,ssthresh,rto,event" && grep -Eq ",(timeout|fast-retransmit)$" "$work/trace.csv"'
check '--plot writes an SVG that parses as XML' \
  "python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(0 if r.tag.endswith(\"svg\") else 1)' \"$work/plot.svg\""

check 'a missing file: exit 1, a clear error, no file saved' \
  '! "$bin/lab08-rudp" get nothere.bin --server "127.0.0.1:$RELAY_PORT" -o "$work/none" 2> "$work/err" && grep -q "nothere.bin" "$work/err" && [ ! -e "$work/none" ]'
[ "$FAILURES" = 0 ]
