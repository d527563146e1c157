#!/usr/bin/env bash
# Checks lab 07's Wireshark dissector (Handouts/session.lua) with tshark; `make dissector`
# runs it after lab 08's check.
#
# It captures a real session on loopback (dumpcap, needs root): the Python client of the
# interop check sends DATA in bursts, damaging one message in seven and repeating one in
# five, then says goodbye. Passing means tshark, with the dissector loaded:
#   - decodes every message type the session used (SYN, SYN-ACK, ACK, DATA, ERROR, DISCONNECT);
#   - flags exactly the damaged DATA messages as bad (the dissector recomputes the CRC-32);
#   - shows the handshake's fields (mode, packet size, session id).
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need tshark tshark || exit 0
command -v dumpcap > /dev/null || { echo "dumpcap is not installed: skipping"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "capturing on loopback needs root: skipping"; exit 0; }
bin=$(build_solution 07)
workspace lab07-dissector
start_server tcp "$bin/lab07-framing" session-server --port 0
port=$SERVER_PORT
dumpcap -q -i lo -f "tcp port $port" -w "$work/session.pcap" > /dev/null 2>&1 &
capture=$!
pids+=("$capture")
sleep 1.5
python3 Tests/Interop/lab07_client.py session "127.0.0.1:$port" --mode burst --count 60 --size 200 \
  --corrupt-every 7 --duplicate-every 5 | sed 's/^/   /'
sleep 1
kill -INT "$capture"; wait "$capture" 2>/dev/null || true

lua=Handouts/session.lua
shark() { tshark -X "lua_script:$lua" -d "tcp.port==$port,netlab_session" -r "$work/session.pcap" "$@" 2>/dev/null; }
shark -Y netlab_session -c 4 | sed 's/^/   /'
for type in 1 2 3 4 5 7; do
  check "tshark shows type $type messages" '[ "$(shark -Y "netlab_session.type == $type" | wc -l)" -gt 0 ]'
done
bad=$(shark -T fields -e netlab_session.checksum_bad -Y netlab_session | tr ',' '\n' | grep -cxE '1|True' || true)
say "   $bad messages with a bad checksum"
check 'the dissector flags the 8 damaged messages as bad, and only them' '[ "$bad" = 8 ]'
check 'it shows the negotiated packet size' '[ -n "$(shark -Y "netlab_session.type == 2 && netlab_session.max_packet == 200")" ]'
check 'it shows the session id' '[ -n "$(shark -T fields -e netlab_session.session_id -Y "netlab_session.type == 2")" ]'
[ "$FAILURES" = 0 ]
