#!/usr/bin/env bash
# Every command in Handouts/01-Ping.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 01 > /dev/null

serve udp <<'CMD'
make run LAB=01 ARGS="server --loss 0.3 --seed 7"
CMD
run <<'CMD'
make run LAB=01 ARGS="client 127.0.0.1 --count 10 --interval 0.2 --timeout 0.5"
CMD
check 'the seeded server drops the same 3 of 10 pings as in the handout' \
  'last_output | grep -q "^10 packets transmitted, 7 received, 30% packet loss$"'
run <<'CMD'
python3 Tests/Interop/textbook_ping_client.py 12000
CMD
check 'the textbook client gets its replies (one dropped, as in the handout)' \
  '[ "$(last_output | grep -c " ok$")" -ge 8 ]'
check 'the server says the textbook pings are not pings' 'grep -q "not a ping" "$SERVER_ERR"'

serve udp <<'CMD'
make run LAB=01 ARGS="heartbeat-server --gone-after 1"
CMD
run <<'CMD'
make run LAB=01 ARGS="heartbeat-client 127.0.0.1 --count 6 --interval 0.1 --skip 3 --skip 4"
CMD
sleep 1.5
check 'the heartbeat server reports 3-4 lost, then the client gone' \
  'grep -q "lost heartbeats 3-4" "$SERVER_LOG" && grep -q "gone: no heartbeat for" "$SERVER_LOG"'

run <<'CMD'
make test LAB=01
CMD
skip "needs root, and a second terminal to ping from" <<'CMD'
sudo tcpdump -i lo -A udp port 12000
CMD
finish
