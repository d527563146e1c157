#!/usr/bin/env bash
# Lab 01 against programs NetLab did not write:
#   - lab01-ping's client against a Python pinger server that capitalises and drops every
#     4th datagram: 12 pings must report exactly 25% loss and plausible RTTs;
#   - lab01-ping's server against the textbook's Python client, which stamps its pings with
#     time.ctime() ("Ping 1 Wed Dec  2 00:50:50 2026"): all 10 must come back in capitals.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need python3 python3 || exit 0
bin=$(build_solution 01)
workspace lab01-interop

start_server udp python3 -u Tests/Interop/udp_pinger_server.py 0 4
out=$("$bin/lab01-ping" client 127.0.0.1 --port "$SERVER_PORT" --count 12 --interval 0.05 --timeout 0.3)
echo "$out" | tail -3 | sed 's/^/   /'
check 'our client: 12 sent, 9 received, 25% loss' 'echo "$out" | grep -q "^12 packets transmitted, 9 received, 25% packet loss$"'
check 'our client: an rtt summary line' 'echo "$out" | grep -Eq "^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$"'

start_server udp "$bin/lab01-ping" server --port 0
replies=$(python3 -u Tests/Interop/textbook_ping_client.py "$SERVER_PORT")
echo "$replies" | head -2 | sed 's/^/   /'
check 'textbook client: 10 replies, each its ping in capitals' '[ "$(echo "$replies" | grep -c " ok$")" = 10 ]'
sleep 0.2
check 'our server logged the ctime pings as not pings' 'grep -q "not a ping" "$SERVER_ERR"'
[ "$FAILURES" = 0 ]
