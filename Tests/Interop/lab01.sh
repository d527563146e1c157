#!/usr/bin/env bash
# Lab 01 against an independent server: a Python pinger that capitalises and drops every
# 4th datagram. 12 pings must report exactly 25% loss and plausible RTTs.
set -euo pipefail
command -v python3 >/dev/null || { echo "python3 is not installed: skipping"; exit 0; }
bin=$(NETLAB_IMPL=solutions NETLAB_LABS=01 swift build --scratch-path .build/solutions --show-bin-path)
NETLAB_IMPL=solutions NETLAB_LABS=01 swift build --scratch-path .build/solutions --product lab01-ping -q
log=$(mktemp)
python3 -u Tests/Interop/udp_pinger_server.py 0 4 > "$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$log" && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$log")
out=$("$bin/lab01-ping" client 127.0.0.1 --port "$port" --count 12 --interval 0.05 --timeout 0.3)
echo "$out" | tail -3
echo "$out" | grep -q "^12 packets transmitted, 9 received, 25% packet loss$"
echo "$out" | grep -Eq "^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$"
