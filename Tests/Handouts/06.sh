#!/usr/bin/env bash
# Every command in Handouts/06-DNS.md, as written there, against the reference. The handout's
# server uses the fixed ports 5353 (DNS) and 5354 (admin), and dnsmasq 5400, as a student would.
source "$(dirname "$0")/common.sh"
bin=$(build_solution 06)
export PATH="$bin:$PATH"  # the handout runs `lab06-dns` from the folder `make bin-path` prints
need dig dnsutils
need dnsmasq dnsmasq

run 2 <<'CMD'
make run LAB=06 ARGS="server --zone no-such.zone"
CMD
check 'a missing zone file is a usage error that names the file' \
  'last_output | grep -q "^error: --zone: cannot open .no-such.zone.: No such file or directory"'

serve udp <<'CMD'
make run LAB=06 ARGS="server --zone Handouts/examples/example.zone --record app.netlab=127.0.0.1"
CMD
first_server=$SERVER_PID
check 'the server announces UDP, TCP and admin as the handout shows' \
  '[ "$(grep -c "^listening on" "$SERVER_LOG")" = 3 ] \
    && grep -q "^listening on udp://127.0.0.1:5354 (admin)$" "$SERVER_LOG"'
run <<'CMD'
lab06-dns query www.example.test
CMD
check 'www.example.test: NOERROR, aa, 10.0.0.1 at TTL 300' \
  'last_output | grep -q "flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0" \
    && last_output | grep -q "^www\.example\.test\.	300	IN	A	10\.0\.0\.1$"'
run <<'CMD'
lab06-dns query nope.example.test
CMD
soa='example\.test\.	60	IN	SOA	ns1\.example\.test\. admin\.example\.test\. 1 3600 600 86400 60'
check 'nope.example.test: NXDOMAIN with the SOA at TTL 60' \
  'last_output | grep -q "status: NXDOMAIN" && last_output | grep -q "^$soa$"'
run <<'CMD'
lab06-dns query www.example.test --type MX
CMD
check 'www.example.test MX: NOERROR, no answer, the SOA' \
  'last_output | grep -q "status: NOERROR" && last_output | grep -q "ANSWER: 0, AUTHORITY: 1" \
    && last_output | grep -q "^$soa$"'
run <<'CMD'
lab06-dns register api.netlab 127.0.0.2
CMD
check 'register says OK' '[ "$(last_output)" = OK ]'
run <<'CMD'
lab06-dns list
CMD
check 'list: OK 11, then the 11 records the handout shows' \
  '[ "$(last_output | head -n 1)" = "OK 11" ] && [ "$(last_output | wc -l)" = 12 ] \
    && last_output | grep -qx "www.example.test. 300 IN AAAA fd00::1"'
# "With 3000 more names registered": each one a REGISTER on the admin port, its reply awaited.
python3 - <<'PY'
import socket
admin = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
admin.settimeout(2)
for index in range(3000):
    admin.sendto(f"REGISTER host{index}.netlab 10.1.{index // 250}.{index % 250 + 1}".encode(), ("127.0.0.1", 5354))
    assert admin.recv(100) == b"OK"
PY
run <<'CMD'
lab06-dns list | head -n 1
CMD
check 'a list too big for one datagram: OK 1642 of 3011' '[ "$(last_output)" = "OK 1642 of 3011" ]'
run <<'CMD'
dig @127.0.0.1 -p 5353 api.netlab
CMD
check 'dig: NOERROR, aa, an OPT record back, api.netlab. 300 IN A 127.0.0.2' \
  'last_output | grep -q "flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1" \
    && last_output | grep -q "^; EDNS: version: 0, flags:; udp: 1232$" \
    && last_output | grep -Eq "^api\.netlab\.\s+300\s+IN\s+A\s+127\.0\.0\.2$"'
run <<'CMD'
dig @127.0.0.1 -p 5353 nope.example.test
CMD
check 'dig: NXDOMAIN with the SOA in the authority section' \
  'last_output | grep -q "status: NXDOMAIN" && last_output | grep -A1 "^;; AUTHORITY SECTION:" \
    | grep -Eq "^example\.test\.\s+60\s+IN\s+SOA\s+ns1\.example\.test\. admin\.example\.test\. 1 3600 600 86400 60$"'

# Forwarding: the first server goes, dnsmasq comes on 5400, and a server forwards to it.
kill -- "-$first_server" 2>/dev/null || true
wait "$first_server" 2>/dev/null || true
# dnsmasq says nothing on stdout: wait until it answers instead.
dnsmasq_command=$(cat <<'CMD'
dnsmasq --no-daemon --port 5400 --listen-address=127.0.0.1 --bind-interfaces \
--no-resolv --no-hosts --local-ttl=300 --address=/up.test/10.9.9.9
CMD
)
echo "\$ $dnsmasq_command"
setsid bash -c "exec $dnsmasq_command" > "$work/dnsmasq.out" 2>&1 &
pids+=("$!")
for _ in $(seq 50); do dig @127.0.0.1 -p 5400 up.test +short +tries=1 +time=1 | grep -q . && break; sleep 0.1; done
# The command ends in `&`; `wait` keeps its shell, and so its process group, until the end.
command=$(cat <<'CMD'
lab06-dns server --upstream 127.0.0.1:5400 &
CMD
)
echo "\$ $command"
start_server udp setsid bash -c "$command wait"
run <<'CMD'
dig @127.0.0.1 -p 5353 up.test +noall +answer
CMD
check 'forwarded to dnsmasq: up.test. 300 IN A 10.9.9.9' \
  'last_output | grep -Eq "^up\.test\.\s+300\s+IN\s+A\s+10\.9\.9\.9$"'
run <<'CMD'
sleep 3; dig @127.0.0.1 -p 5353 up.test +noall +answer
CMD
check 'from the cache, 3 seconds later: TTL 297' \
  'last_output | grep -Eq "^up\.test\.\s+297\s+IN\s+A\s+10\.9\.9\.9$"'

run <<'CMD'
make test LAB=06
CMD
check 'the reference passes every test' 'last_output | grep -Eq "^tests: [0-9]+ passed, 0 failed$"'
skip "needs root, and a second terminal to query from" <<'CMD'
sudo tcpdump -i lo -n -vv 'port 5353 or port 5400'
CMD
skip "a benchmark: it loads both cores for a minute; run it on a quiet machine" <<'CMD'
make bench LAB=06 IMPL=solutions
CMD
finish
