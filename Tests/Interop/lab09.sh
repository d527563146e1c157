#!/usr/bin/env bash
# Lab 09 against programs NetLab did not write, inside a network namespace of its own
# (`unshare -n`: its loopback only, so nothing can reach the host's network):
#
#   1. A real browser (headless Chromium driven by Selenium, Tests/Interop/lab09_browser.py)
#      loads the demo app through the app server's HTTP port and through the RUDP gateway:
#      the page, its CSS, its PNG and SVG images and its script; the video's metadata
#      (readyState >= 1, duration > 0); a seek.
#   2. `make demo PCAP=…` records every phase with tcpdump, and tshark (with the kit's
#      dissectors, Handouts/relay.lua and rudp.lua) finds in that capture the DHCP exchange,
#      the DNS query and answer, the admin channel's REGISTER, HTTP, the relay's frames and
#      the RUDP handshake, data and FIN.
#
# Installs what it needs: Debian's chromium, chromium-driver, tcpdump and tshark (apt-get),
# and Selenium (pip). Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh  # need, check
[ "$(id -u)" = 0 ] || { echo "lab 09's interop check needs root (unshare -n): skipping"; exit 0; }
need chromium chromium || exit 0
need chromedriver chromium-driver || exit 0
need tcpdump tcpdump || exit 0
need tshark tshark || exit 0
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "installing selenium (pip)…" >&2
  python3 -m pip install -q selenium >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages selenium \
    >/dev/null 2>&1 || { echo "selenium could not be installed (pip install selenium): skipping"; exit 0; }
fi
bin=$(NETLAB_IMPL=solutions NETLAB_LABS=05,06,07,09 swift build --scratch-path .build/solutions -q >&2 \
  && NETLAB_IMPL=solutions NETLAB_LABS=05,06,07,09 swift build --scratch-path .build/solutions --show-bin-path)

echo "== a browser, through the app server and through the RUDP gateway"
unshare -n bash -s -- "$bin" <<'INSIDE' || FAILURES=$((FAILURES + 1))
set -euo pipefail
bin=$1
APP=Handouts/examples/my-app ZONE=Handouts/examples/home.zone NAME=my-app.home
source Tests/Demo/servers.sh
ip link set lo up
demo_workspace lab09-browser
start_network "$bin" 127.0.0.1
start gateway tcp "$bin/lab09-capstone" gateway --port 0 --dhcp "127.0.0.1:$DHCP_PORT" --name "$NAME" \
  "${GATEWAY_PORTS[@]}"
GATEWAY_PORT=$PORT
show_network
# Chromium writes its profile under HOME; keep it in the workspace.
HOME=$work python3 Tests/Interop/lab09_browser.py "app-server=http://127.0.0.1:$HTTP_PORT" \
  "gateway=http://127.0.0.1:$GATEWAY_PORT"
INSIDE

echo "== make demo PCAP=…, decoded by tshark"
work=$(mktemp -d /tmp/lab09-interop-XXXXXX)
trap 'rm -rf "$work"' EXIT
unshare -n bash -c 'ip link set lo up && IMPL=solutions PCAP="$1" bash Tests/Demo/demo.sh' _ "$work/demo.pcap" \
  > "$work/demo.out" 2>&1 || { sed 's/^/  demo: /' "$work/demo.out"; echo "FAILED: make demo PCAP=…"; exit 1; }
grep '^PCAP:' "$work/demo.out" | sed 's/^/   /'
read -ra options <<< "$(grep -o 'tshark -X.* -r' "$work/demo.out" | sed 's/^tshark //; s/ -r$//')"
decoded=$(tshark "${options[@]}" -r "$work/demo.pcap" 2>/dev/null)
sed 's/^/   /' <<< "$decoded" | grep -E 'DHCP|DNS|HTTP|RELAY|RUDP' | grep -v '\[ACK\] conn' | head -24
has() { grep -q -- "$1" <<< "$decoded"; }
for step in Discover Offer Request ACK; do check "tshark: DHCP $step" "has 'DHCP $step'"; done
check 'tshark: the DNS query for my-app.home' "has 'Standard query 0x[0-9a-f]* A my-app.home\$'"
check 'tshark: its answer, A 127.0.0.1' "has 'Standard query response 0x[0-9a-f]* A my-app.home A 127.0.0.1'"
admin=$(tshark -r "$work/demo.pcap" -T fields -e data.data 2>/dev/null \
  | python3 -c 'import sys; [print(bytes.fromhex(l.strip()).decode("ascii", "replace").replace("\0", "")) for l in sys.stdin if l.strip()]')
check 'the admin channel carries REGISTER my-app.home and then UNREGISTER' \
  'grep -q "^REGISTER my-app.home 127.0.0.1$" <<< "$admin" && grep -q "^UNREGISTER my-app.home$" <<< "$admin"'
check 'tshark: HTTP GET / and 200 OK (text/html)' "has 'HTTP.* GET / HTTP/1.1' && has 'HTTP/1.1 200 OK'"
check 'tshark (relay.lua): FETCH, STATUS 200, DATA, END' \
  "has 'RELAY.* FETCH http://127.0.0.1:' && has 'RELAY.* STATUS 200' && has 'RELAY.* DATA len=' && has 'RELAY.* END total='"
check 'tshark (rudp.lua): SYN, SYN+ACK, DATA, FIN' \
  "has 'RUDP.* \[SYN\]' && has 'RUDP.* \[SYN,ACK\]' && has 'RUDP.*DATA\]' && has 'RUDP.*FIN\]'"
[ "$FAILURES" = 0 ]
