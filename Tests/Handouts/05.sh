#!/usr/bin/env bash
# Every command in Handouts/05-DHCP.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 05 > /dev/null

run <<'CMD'
export PATH="$(make -s bin-path LAB=05):$PATH"
CMD
# The same, for the commands below (each runs in a shell of its own).
export PATH="$(make -s bin-path LAB=05):$PATH"

serve udp <<'CMD'
lab05-dhcp server --pool 10.0.0.10-10.0.0.20 --router 10.0.0.1 --dns 10.0.0.53 --domain lab.test --lease 600 --leases dhcp.leases
CMD
first_server=$SERVER_PID
check 'the server listens where the handout says' 'grep -q "^listening on udp://127.0.0.1:6767$" "$SERVER_LOG"'
run <<'CMD'
lab05-dhcp client --mac 02:00:00:00:00:01 --hostname alice
CMD
check 'the first client gets the first address' 'last_output | grep -q "^address      10.0.0.10$"'
check 'the exchange is DORA' 'last_output | head -4 | cut -d" " -f1 | tr "\n" " " | grep -q "^DHCPDISCOVER DHCPOFFER DHCPREQUEST DHCPACK $"'
check 'T1 and T2 as the handout shows' 'last_output | grep -q "^lease        600 s (renew at 300 s, rebind at 525 s)$"'
check 'the server logs what the handout shows' 'grep -q "^DHCPREQUEST(02:00:00:00:00:01) -> DHCPACK 10.0.0.10$" "$SERVER_ERR"'
run <<'CMD'
lab05-dhcp client --mac 02:00:00:00:00:02 --json --save lease.json
CMD
check 'the JSON is the one the handout shows' "last_output | grep -qxF '{\"address\": \"10.0.0.11\", \"subnet_mask\": \"255.255.255.0\", \"router\": \"10.0.0.1\", \"dns\": [\"10.0.0.53\"], \"domain\": \"lab.test\", \"lease_seconds\": 600, \"t1\": 300, \"t2\": 525, \"server_id\": \"10.0.0.1\"}'"
check 'the saved lease has the keys renew needs' 'grep -q "\"mac\": \"02:00:00:00:00:02\"" lease.json'
run <<'CMD'
lab05-dhcp renew --lease lease.json
CMD
check 'renew says RENEWING and gets an ACK' 'last_output | head -2 | grep -q "^DHCPACK of 10.0.0.11 for 600 s$"'
run <<'CMD'
lab05-dhcp client --mac 02:00:00:00:00:03 --release
CMD
check 'the client releases its lease' 'last_output | tail -1 | grep -q "^DHCPRELEASE of 10.0.0.12 to 10.0.0.1$"'
run <<'CMD'
cat dhcp.leases
CMD
check 'the journal has the five lines' '[ "$(last_output | wc -l)" = 5 ] && last_output | tail -1 | grep -q "^lease 10.0.0.12 released [0-9.]* hw:020000000003$"'
# Stop and restart, as the handout says (Ctrl-C; here SIGTERM, since a background job of a
# script ignores SIGINT): the restarted server reads its leases.
kill -- "-$first_server" 2>/dev/null || kill "$first_server"
wait "$first_server" 2>/dev/null || true
start_server udp setsid bash -c 'exec lab05-dhcp server --pool 10.0.0.10-10.0.0.20 --router 10.0.0.1 --dns 10.0.0.53 --domain lab.test --lease 600 --leases dhcp.leases'
sleep 0.3
check 'the restarted server read three leases' 'grep -q "^read 3 leases from dhcp.leases$" "$SERVER_ERR"'
lab05-dhcp client --mac 02:00:00:00:00:01 > "$work/again.out" 2>&1
check 'the first client gets 10.0.0.10 back' 'grep -q "^address      10.0.0.10$" "$work/again.out"'
run 1 <<'CMD'
lab05-dhcp client --server 127.0.0.1:6999 --timeout 2
CMD
check 'no server: the error the handout shows' 'last_output | tail -1 | grep -q "^error: no DHCP server answered (tried 127.0.0.1:6999 for 2.0 s)$"'
check 'and it retransmitted on the backoff schedule' '[ "$(last_output | grep -c "retransmitting DHCPDISCOVER")" -ge 2 ]'
run <<'CMD'
make test LAB=05
CMD
check 'the reference passes every test' 'last_output | grep -Eq "^tests: [0-9]+ passed, 0 failed$"'
skip "slow, needs root for dnsmasq; Tests/Benchmarks/bench-05.sh is what it runs" <<'CMD'
make bench LAB=05 IMPL=solutions
CMD
finish
