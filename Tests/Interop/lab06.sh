#!/usr/bin/env bash
# Lab 06's server against dig: A and AAAA over UDP (with dig's default EDNS cookie) and TCP,
# REFUSED outside local data, a name registered through the admin port, and the handout's
# zone file ($ORIGIN, $TTL, a multi-line SOA): it loads, and a missing name in it gets
# NXDOMAIN with the zone's SOA in the authority section (RFC 2308 §3).
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need dig dnsutils || exit 0
bin=$(build_solution 06)
zone=Handouts/examples/example.zone
workspace lab06-interop
start_server udp "$bin/lab06-dns" server --port 0 --admin-port 0 --upstream none --zone "$zone" \
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

# The zone file: relative names, @ and blank owners, and the SOA's five numbers over five lines.
soa='ns1.example.test. admin.example.test. 1 3600 600 86400 60'
check "$zone: the multi-line SOA loaded" \
  '[ "$(dig @127.0.0.1 -p "$port" example.test SOA +short)" = "$soa" ]'
check "$zone: www (relative to \$ORIGIN) is 10.0.0.1" \
  '[ "$(dig @127.0.0.1 -p "$port" www.example.test A +short)" = 10.0.0.1 ]'
check "$zone: the blank-owner MX belongs to @" \
  '[ "$(dig @127.0.0.1 -p "$port" example.test MX +short)" = "10 mail.example.test." ]'
missing=$(dig @127.0.0.1 -p "$port" nope.example.test A)
check 'a missing name in the zone: status: NXDOMAIN' 'grep -q "status: NXDOMAIN" <<< "$missing"'
check 'NXDOMAIN has the SOA in the AUTHORITY SECTION, at the negative TTL (60)' \
  'grep -A1 "^;; AUTHORITY SECTION:" <<< "$missing" | grep -Eq "^example\.test\.\s+60\s+IN\s+SOA\s+$soa$"'
nodata=$(dig @127.0.0.1 -p "$port" www.example.test MX)
check 'a name without the type: NOERROR, no answer, the SOA in authority' \
  'grep -q "status: NOERROR" <<< "$nodata" && grep -q "ANSWER: 0, AUTHORITY: 1" <<< "$nodata" \
    && grep -A1 "^;; AUTHORITY SECTION:" <<< "$nodata" | grep -q SOA'

# A --zone file that is not there is a usage error: exit 2 and one error line that names it.
set +e
error=$("$bin/lab06-dns" server --port 0 --admin-port 0 --zone no-such.zone 2>&1 >/dev/null | head -n 1)
"$bin/lab06-dns" server --port 0 --admin-port 0 --zone no-such.zone >/dev/null 2>&1; status=$?
set -e
check 'a missing --zone file: exit 2' '[ "$status" = 2 ]'
check 'a missing --zone file: "error: …" names the file' '[[ "$error" == "error: "*no-such.zone* ]]'
[ "$FAILURES" = 0 ]
