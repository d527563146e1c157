#!/usr/bin/env bash
# make bench LAB=06 [IMPL=solutions|labs] [BUILD=.build]
#
# Queries per second for local names and for cached (forwarded once, then cached) names,
# answered by lab06-dns (release build) and by dnsmasq serving the same names, both on
# loopback, measured with the same load generator: dnsperf when it can be installed, else
# a small Python load generator that keeps OUTSTANDING queries in flight.
# Prints the figures and the ratio lab06-dns / dnsmasq (the issue's target: at least 1.0).
#
# Knobs: DURATION=5 (seconds per run), NAMES=20, OUTSTANDING=64.
# Every run is bounded in time and sends traffic only to 127.0.0.1.
set -euo pipefail

IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
DURATION=${DURATION:-5}
NAMES=${NAMES:-20}
OUTSTANDING=${OUTSTANDING:-64}
cd "$(dirname "$0")/../.."

source Tests/Interop/common.sh  # need, say, workspace
workspace lab06-bench

free_port() {
    python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Asks 127.0.0.1:$1 for $2 until it answers (at most 10 s).
wait_dns() {
    python3 - "$1" "$2" <<'PY'
import socket, struct, sys, time
port, name = int(sys.argv[1]), sys.argv[2]
q = struct.pack(">HHHHHH", 1, 0x0100, 1, 0, 0, 0) + b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0\0\1\0\1"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.2)
end = time.time() + 10
while time.time() < end:
    try:
        s.sendto(q, ("127.0.0.1", port)); s.recvfrom(4096); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

# --- the load generator --------------------------------------------------------------------
# run_load PORT FILE → prints queries per second.
if need dnsperf dnsperf; then
    say "load generator: dnsperf ($DURATION s per run, $OUTSTANDING queries outstanding)"
    run_load() {
        dnsperf -s 127.0.0.1 -p "$1" -d "$2" -l "$DURATION" -q "$OUTSTANDING" -c 4 2>/dev/null \
            | awk '/Queries per second/ { printf "%.0f\n", $4 }'
    }
else
    say "dnsperf is not installed and could not be (needs root and apt); using a Python load generator"
    run_load() {
        python3 - "$1" "$2" "$DURATION" "$OUTSTANDING" <<'PY'
import random, socket, struct, sys, time, select
port, names, duration, outstanding = int(sys.argv[1]), [l.split()[0] for l in open(sys.argv[2])], float(sys.argv[3]), int(sys.argv[4])
def query(i, name):
    return struct.pack(">HHHHHH", i & 0xFFFF, 0x0100, 1, 0, 0, 0) + b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0\0\1\0\1"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.setblocking(False)
s.connect(("127.0.0.1", port))
sent = answered = 0; end = time.time() + duration; inflight = 0
while time.time() < end:
    while inflight < outstanding:
        s.send(query(sent, names[sent % len(names)])); sent += 1; inflight += 1
    r, _, _ = select.select([s], [], [], 0.1)
    if not r: inflight = 0; continue   # lost: refill
    try:
        while True: s.recv(4096); answered += 1; inflight -= 1
    except BlockingIOError: pass
print(int(answered / duration))
PY
    }
fi

# --- the servers ---------------------------------------------------------------------------
if ! need dnsmasq dnsmasq; then
    say "dnsmasq is not installed and could not be (needs root and apt): no reference figures"
fi
DNSMASQ=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)

say "building lab06-dns from $IMPL (release)…"
if ! NETLAB_IMPL=$IMPL NETLAB_LABS=06 swift build -c release --scratch-path "$BUILD/$IMPL-release" --product lab06-dns -q; then
    say "error: lab06-dns did not build"; exit 1
fi
BIN="$BUILD/$IMPL-release/release/lab06-dns"

: > "$work/local.txt"; : > "$work/cached.txt"
records=(); addresses=(); upstream_addresses=()
for i in $(seq 1 "$NAMES"); do
    echo "bench$i.netlab A" >> "$work/local.txt"
    echo "up$i.bench.test A" >> "$work/cached.txt"
    records+=(--record "bench$i.netlab=10.0.0.$i")
    addresses+=("--address=/bench$i.netlab/10.0.0.$i")
    upstream_addresses+=("--address=/up$i.bench.test/10.1.0.$i")
done

dnsmasq_common=(--no-daemon --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces --local-ttl=300 --cache-size=10000 --log-facility=/dev/null)
have_dnsmasq=0
if [ -x "$DNSMASQ" ]; then
    # The upstream both servers forward the "cached" names to.
    upstream=$(free_port)
    "$DNSMASQ" "${dnsmasq_common[@]}" --port "$upstream" "${upstream_addresses[@]}" >"$work/upstream.log" 2>&1 &
    pids+=($!)
    # The reference: local names as --address, the rest forwarded and cached.
    reference=$(free_port)
    "$DNSMASQ" "${dnsmasq_common[@]}" --port "$reference" "${addresses[@]}" --server="127.0.0.1#$upstream" >"$work/reference.log" 2>&1 &
    pids+=($!)
    wait_dns "$upstream" up1.bench.test && wait_dns "$reference" bench1.netlab && have_dnsmasq=1
    if [ "$have_dnsmasq" != 1 ]; then say "dnsmasq did not start: $(cat "$work/reference.log")"; fi
fi

port=$(free_port)
upstream_option=none
if [ "$have_dnsmasq" = 1 ]; then upstream_option="127.0.0.1:$upstream"; fi
"$BIN" server --port "$port" --admin-port 0 --upstream "$upstream_option" "${records[@]}" >"$work/lab.log" 2>&1 &
pids+=($!)
if ! wait_dns "$port" bench1.netlab; then
    say "error: lab06-dns server did not answer: $(tail -3 "$work/lab.log")"; exit 1
fi

# Warm both caches: one query per forwarded name.
for i in $(seq 1 "$NAMES"); do
    if [ "$have_dnsmasq" = 1 ]; then
        wait_dns "$port" "up$i.bench.test"
        wait_dns "$reference" "up$i.bench.test"
    fi
done

ratio() { python3 -c "a, b = $1, $2; print(f'{a / b:.2f}' if b else 'n/a')"; }

say ""
printf '%-16s %14s %14s %8s\n' "names" "lab06-dns q/s" "dnsmasq q/s" "ratio"
for kind in local cached; do
    if [ "$kind" = cached ] && [ "$have_dnsmasq" != 1 ]; then
        printf '%-16s %14s %14s %8s\n' "$kind" "-" "-" "n/a (no upstream without dnsmasq)"
        continue
    fi
    lab=$(run_load "$port" "$work/$kind.txt")
    if [ "$have_dnsmasq" = 1 ]; then
        ref=$(run_load "$reference" "$work/$kind.txt")
        printf '%-16s %14s %14s %8s\n' "$kind" "${lab:-0}" "${ref:-0}" "$(ratio "${lab:-0}" "${ref:-0}")"
    else
        printf '%-16s %14s %14s %8s\n' "$kind" "${lab:-0}" "-" "n/a"
    fi
done
say ""
say "target: lab06-dns at least as many queries per second as dnsmasq (ratio >= 1.0)"
