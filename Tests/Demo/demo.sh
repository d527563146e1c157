#!/usr/bin/env bash
# make demo [IMPL=labs] [PCAP=FILE] [PLOT=FILE.svg] [TIMELINE=FILE.json]
#
# The whole kit running at once, on loopback: lab 05's DHCP server, lab 06's DNS server (the
# authority for home.), lab 07's relay and lab 09's app server, then lab 09's client with
# --via all: it starts with no address, takes a lease, asks the DNS server in the lease for
# my-app.home, and fetches / over TCP, through the relay and over RUDP. It prints the
# client's timeline and the three bodies' SHA-256, then stops everything it started.
#
# Nothing but the Swift toolchain is needed. PCAP=FILE also records the loopback traffic of
# every phase with tcpdump (when it is installed; it needs root), for Wireshark or tshark.
#
# Every process it starts and its temporary folder are removed when it ends, whether it
# succeeds, fails or is stopped with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
IMPL=${IMPL:-solutions}
BUILD=${BUILD:-.build}
SWIFT=${SWIFT:-swift}
PCAP=${PCAP:-}
PLOT=${PLOT:-}
TIMELINE=${TIMELINE:-}
APP=Handouts/examples/my-app
ZONE=Handouts/examples/home.zone
NAME=my-app.home
source Tests/Demo/servers.sh

# Relative output paths are relative to where `make` was run, the repository root.
for file in "$PCAP" "$PLOT" "$TIMELINE"; do
    [ -z "$file" ] || [ -d "$(dirname "$file")" ] || { echo "error: no folder for $file" >&2; exit 2; }
done

tree=Solutions; [ "$IMPL" = labs ] && tree=Labs
say "== building labs 05, 06, 07 and 09 from $tree/ (a first build takes a few minutes)"
bin=$(build_demo_binaries "$IMPL" "$BUILD/$IMPL") || { echo "error: the build failed (above)" >&2; exit 1; }

demo_workspace demo
trap 'exit 130' INT TERM

if [ -n "$PCAP" ]; then start_capture "$PCAP" lo || PCAP=; fi

say "== starting the servers (each on a port the kernel picks where the client can be told it)"
start_network "$bin" 127.0.0.1 127.0.0.1
show_network

say "== the client: no address yet; DHCP, then DNS, then / over TCP, the relay and RUDP"
mkdir -p "$work/bodies"
extra=()
[ -z "$PLOT" ] || extra+=(--plot "$PLOT")
timeline=${TIMELINE:-$work/timeline.json}
set +e
"$bin/lab09-capstone" client --dhcp "127.0.0.1:$DHCP_PORT" --name "$NAME" --path / --via all \
    -o "$work/bodies" --timeline "$timeline" "${extra[@]}" "${CLIENT_PORTS[@]}" | tee "$work/client.out"
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
    say "error: the client failed (exit $status); what the servers said:"
    show_server_logs
    exit 1
fi

say "== the three bodies' SHA-256, the saved copy's and the file's"
checksums "$work/client.out" "$work/bodies/index.html" "$APP/index.html"
[ -z "$TIMELINE" ] || say "timeline written to $TIMELINE"
[ -z "$PLOT" ] || say "sequence diagram drawn in $PLOT"

say "== stopping the servers (the app server unregisters $NAME)"
app_lines=$(wc -l < "$work/app.out")
stop_network
tail -n +"$((app_lines + 1))" "$work/app.out" | sed 's/^/  app    /'
if [ -n "$PCAP" ]; then stop_capture; describe_capture; fi
say "demo: ok"
