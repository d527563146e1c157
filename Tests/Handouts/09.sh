#!/usr/bin/env bash
# Every command in Handouts/09-Capstone.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
for lab in 05 06 07 09; do build_solution "$lab" > /dev/null; done

run <<'CMD'
make demo
CMD
check 'the demo boots, fetches three times and ends ok' \
  'last_output | grep -q "^all 3 bodies match$" && last_output | grep -qx "demo: ok"'
check 'and leaves no temporary folder behind' '[ -z "$(find /tmp -maxdepth 1 -type d -name "demo-??????")" ]'

serve udp <<'CMD'
make run LAB=06 ARGS="server --zone Handouts/examples/home.zone"
CMD
serve udp <<'CMD'
make run LAB=05 ARGS="server --pool 127.0.0.100-127.0.0.199 --dns 127.0.0.1 --domain home"
CMD
serve tcp <<'CMD'
make run LAB=07 ARGS="relay"
CMD
serve tcp <<'CMD'
make run LAB=09 ARGS="app-server --dns 127.0.0.1:5354"
CMD
APP_LOG=$SERVER_LOG APP_ERR=$SERVER_ERR APP_PID=$SERVER_PID
for _ in $(seq 50); do grep -q '^registered' "$APP_LOG" && break; sleep 0.1; done
check 'the app server registers its name' 'grep -qx "registered my-app.home A 127.0.0.1 with 127.0.0.1:5354" "$APP_LOG"'

run <<'CMD'
export PATH="$(make -s bin-path LAB=09):$PATH"
CMD
# The same, for the commands below (each runs in a shell of its own).
export PATH="$(make -s bin-path LAB=09):$PATH"

run <<'CMD'
lab09-capstone client --dns-port 5353 --timeline boot.json --plot boot.svg
CMD
check 'five phases, in order' \
  '[ "$(last_output | awk "/ ms /{print \$1}" | tr "\n" " ")" = "dhcp dns tcp relay rudp " ]'
check 'the three bodies match' 'last_output | grep -qx "all 3 bodies match"'
check 'boot.json holds the phases' 'python3 -c "import json; assert len(json.load(open(\"boot.json\"))[\"phases\"]) == 5"'
check 'boot.svg is an SVG with the five columns' \
  'python3 -c "import sys; s = open(\"boot.svg\").read(); sys.exit(0 if \"<svg\" in s and all(\">%s<\" % a in s
    for a in (\"client\", \"dhcp\", \"dns\", \"relay\", \"app server\")) else 1)"'

run <<'CMD'
lab06-dns query my-app.home --port 5353
CMD
check 'DNS answers the registered name' 'last_output | grep -Eq "^my-app\.home\.\s+300\s+IN\s+A\s+127\.0\.0\.1$"'

run <<'CMD'
lab09-capstone client --dns-port 5353 --via rudp --path /media/ball.webm
CMD
want=$(sha256sum Handouts/examples/my-app/media/ball.webm | cut -d' ' -f1)
check 'the video over RUDP, byte for byte' 'last_output | grep -qx "sha256 rudp  $want"'

run 1 <<'CMD'
lab09-capstone client --dhcp 127.0.0.1:6999 --timeout 1
CMD
check 'no DHCP answer: the phase, what it tried, for how long' \
  'last_output | grep -qx "error: dhcp failed: tried DISCOVER to 127.0.0.1:6999 for 1.0 s: no DHCP server answered"'
run 1 <<'CMD'
lab09-capstone client --dns-port 5353 --name nothere.home
CMD
check 'an unknown name: NXDOMAIN' \
  'last_output | grep -q "^error: dns failed: tried nothere.home A from 127.0.0.1:5353 for .*: NXDOMAIN"'
run 1 <<'CMD'
lab09-capstone client --dns-port 5353 --http-port 8099 --via tcp
CMD
check 'the app server down: connection refused' \
  'last_output | grep -q "^error: tcp failed: tried GET http://127.0.0.1:8099/ for .*Connection refused"'
run 1 <<'CMD'
lab09-capstone client --dns-port 5353 --path /nothere.html --via rudp
CMD
check 'a missing page: 404 over RUDP' 'last_output | grep -q "^error: rudp failed: .*404 Not Found$"'

serve tcp <<'CMD'
lab09-capstone gateway --dns-port 5353
CMD
run <<'CMD'
curl -s -r 1000-1999 -o /dev/null -w '%{http_code} %{content_type} %{size_download}' http://127.0.0.1:8000/media/bars.webm
CMD
check 'the gateway answers a range with 206 and 1000 bytes' 'last_output | grep -qx "206 video/webm 1000"'
run <<'CMD'
curl -sI http://127.0.0.1:8000/static/style.css
CMD
check 'the gateway serves the CSS' \
  'last_output | grep -q "^Content-Type: text/css" && last_output | grep -q "^Server: lab09-capstone gateway"'
check 'the app server logs RUDP requests' 'grep -q "rudp \"GET /media/bars.webm\" 206" "$APP_ERR"'

# Ctrl-C on the app server: it unregisters, and the name is gone.
kill -INT -- "-$APP_PID" 2>/dev/null || kill -INT "$APP_PID"
for _ in $(seq 50); do grep -q '^unregistered' "$APP_LOG" && break; sleep 0.1; done
check 'Ctrl-C: the app server unregisters' 'grep -qx "unregistered my-app.home from 127.0.0.1:5354" "$APP_LOG"'
check 'and the name is gone (NXDOMAIN)' \
  '"$(make -s bin-path LAB=09)/lab06-dns" query my-app.home --port 5353 | grep -q "status: NXDOMAIN"'

IMPL=labs run <<'CMD'
make grade LAB=09
CMD
check 'a fresh starter scores 0' 'last_output | grep -q "^Total  *0.0/100.0$"'

if [ "$(id -u)" = 0 ] && command -v tcpdump >/dev/null; then
  run <<'CMD'
make demo PCAP=demo.pcap
CMD
  check 'the capture holds this run'"'"'s packets' 'last_output | grep -q "^PCAP: [1-9][0-9]* packets in demo.pcap"'
  rm -f demo.pcap
else
  skip "needs root and tcpdump" <<'CMD'
make demo PCAP=demo.pcap
CMD
fi
skip "release builds, several minutes: make bench LAB=09 measures it" <<'CMD'
make bench LAB=09 IMPL=solutions
CMD
finish
