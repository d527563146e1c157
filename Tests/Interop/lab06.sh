#!/usr/bin/env bash
# Lab 06's server against dig: A and AAAA over UDP (with dig's default EDNS cookie) and TCP,
# NXDOMAIN-free REFUSED outside local data, and a name registered through the admin port.
set -euo pipefail
source Tests/Interop/common.sh
need dig dnsutils || exit 0
bin=$(build_solution 06)
SERVER_PID=; SERVER_LOG=
trap 'kill $SERVER_PID 2>/dev/null; rm -f "$SERVER_LOG"' EXIT
start_server udp "$bin/lab06-dns" server --port 0 --admin-port 0 --upstream none \
  --record www.netlab.test=10.0.0.7 --record www.netlab.test=fd00::7
port=$SERVER_PORT
admin=$(grep -m1 "(admin)" "$SERVER_LOG" | sed 's/.*:\([0-9]*\) (admin)$/\1/')
check 'dig A over UDP: 10.0.0.7' '[ "$(dig @127.0.0.1 -p "$port" www.netlab.test A +short)" = 10.0.0.7 ]'
check 'dig AAAA: fd00::7' '[ "$(dig @127.0.0.1 -p "$port" www.netlab.test AAAA +short)" = fd00::7 ]'
check 'dig +tcp: 10.0.0.7' '[ "$(dig @127.0.0.1 -p "$port" www.netlab.test A +tcp +short)" = 10.0.0.7 ]'
check 'dig sees the AA flag' 'dig @127.0.0.1 -p "$port" www.netlab.test A | grep -q "flags: qr aa"'
check 'outside local data with --upstream none: REFUSED' 'dig @127.0.0.1 -p "$port" elsewhere.example A | grep -q "status: REFUSED"'
"$bin/lab06-dns" register app.netlab.test 10.0.0.9 --admin-port "$admin" >/dev/null
check 'registered through the admin port: 10.0.0.9' '[ "$(dig @127.0.0.1 -p "$port" app.netlab.test A +short)" = 10.0.0.9 ]'
[ "$FAILURES" = 0 ]
