#!/usr/bin/env bash
# make lan-demo [IMPL=labs] [PCAP=FILE]   (needs root: it makes network namespaces)
#
# The capstone across a small LAN, built on this machine out of network namespaces:
#
#   netlab-srv-N  eth0 10.77.0.1/24   DHCP on 67 (--broadcast), DNS on 53, relay, app server
#        |
#   netlab-lan-N  br0, a bridge: the LAN's switch
#        |
#   netlab-cli-N  eth0, up with NO address
#
# The client namespace starts with nothing but a link. lab05-dhcp client --broadcast takes a
# lease by broadcast (from 0.0.0.0:68 to 255.255.255.255:67) and --configure puts the address
# on eth0; then lab09-capstone client --broadcast runs the same sequence as `make demo`
# (its own broadcast DHCP exchange, DNS, three fetches), across the bridge. Every namespace
# (and with it every link and the bridge) and every process is removed when the script
# ends, however it ends. Nothing touches the host's own network.
set -euo pipefail
cd "$(dirname "$0")/../.."
IMPL=${IMPL:-solutions}
BUILD=${BUILD:-.build}
PCAP=${PCAP:-}
APP=Handouts/examples/my-app
ZONE=Handouts/examples/home.zone
NAME=my-app.home
SERVER_IP=10.77.0.1
LAN_POOL=10.77.0.100-10.77.0.199
MAC=02:00:00:00:00:09  # the client machine's hardware address, for both DHCP clients
source Tests/Demo/servers.sh

[ "$(id -u)" = 0 ] || { echo "error: make lan-demo makes network namespaces: run it as root (sudo make lan-demo)" >&2; exit 2; }
command -v ip >/dev/null || { echo "error: needs ip (Debian/Ubuntu: apt-get install iproute2)" >&2; exit 2; }

tree=Solutions; [ "$IMPL" = labs ] && tree=Labs
say "== building labs 05, 06, 07 and 09 from $tree/"
bin=$(build_demo_binaries "$IMPL" "$BUILD/$IMPL") || { echo "error: the build failed (above)" >&2; exit 1; }

SRV=netlab-srv-$$ LAN=netlab-lan-$$ CLI=netlab-cli-$$
# Runs after the servers are stopped (cleanup_demo): whatever is left in our namespaces, then
# the namespaces themselves, which takes their links and the bridge with them.
cleanup_extra() {
    local ns pid
    for ns in "$CLI" "$SRV" "$LAN"; do
        ip netns pids "$ns" 2>/dev/null | while read -r pid; do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    return 0
}
demo_workspace lan-demo
trap 'exit 130' INT TERM

say "== the LAN: namespaces $SRV and $CLI, joined by bridge br0 in $LAN"
ip netns add "$LAN"
ip netns add "$SRV"
ip netns add "$CLI"
ip -n "$LAN" link add br0 type bridge
ip -n "$LAN" link set br0 up
for end in srv:"$SRV" cli:"$CLI"; do
    port=${end%%:*} ns=${end#*:}
    ip -n "$LAN" link add "$port" type veth peer name eth0 netns "$ns"
    ip -n "$LAN" link set "$port" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
done
ip -n "$SRV" addr add "$SERVER_IP/24" dev eth0
# A machine with an address sends 255.255.255.255 out of the interface its routes pick; with no
# default route there is none, so name the interface for the limited broadcast in both.
ip -n "$SRV" route add 255.255.255.255 dev eth0
ip -n "$CLI" route add 255.255.255.255 dev eth0
say "  client eth0 before DHCP: $(ip -n "$CLI" -4 -o addr show dev eth0 | awk '{print $4}' | tr '\n' ' ')(no address)"

# Record on the bridge: every frame of the LAN passes there.
if [ -n "$PCAP" ]; then start_capture "$PCAP" br0 "ip netns exec $LAN" || PCAP=; fi

say "== starting the servers in $SRV"
# start_network runs each server as "$bin/NAME …": here, small wrappers that run it inside $SRV.
mkdir -p "$work/bin"
for program in lab05-dhcp lab06-dns lab07-framing lab09-capstone; do
    printf '#!/bin/sh\nexec ip netns exec %s "%s" "$@"\n' "$SRV" "$bin/$program" > "$work/bin/$program"
    chmod +x "$work/bin/$program"
done
start_network "$work/bin" "$SERVER_IP" lan
show_network

say "== the client in $CLI: a broadcast DHCP exchange, then the address goes on eth0"
in_client() { ip netns exec "$CLI" "$@"; }
in_client "$bin/lab05-dhcp" client --broadcast --interface eth0 --configure --mac "$MAC" --timeout 15 --json \
    > "$work/lease.json" 2> "$work/lease.err" || {
    say "error: the broadcast DHCP exchange failed:" >&2
    sed 's/^/  client: /' "$work/lease.err" >&2
    show_server_logs
    exit 1
}
sed 's/^/  /' "$work/lease.err"
say "  client eth0 after DHCP: $(ip -n "$CLI" -4 -o addr show dev eth0 | awk '{print $4}')"

say "== the client in $CLI: DHCP, DNS, then / over TCP, the relay and RUDP, across the bridge"
mkdir -p "$work/bodies"
# run_client DHCP_OPTIONS…: the capstone's client, in the client namespace; its output is kept.
run_client() {
    set +e
    in_client "$bin/lab09-capstone" client "$@" --name "$NAME" --path / --via all \
        -o "$work/bodies" --timeline "$work/timeline.json" "${CLIENT_PORTS[@]}" 2>&1 | tee "$work/client.out"
    local status=${PIPESTATUS[0]}
    set -e
    return "$status"
}
# The capstone's client does DHCP as lab05-dhcp client --broadcast did above: from 0.0.0.0:68
# to 255.255.255.255:67. With the same MAC it gets the same address back.
run_client --broadcast --mac "$MAC" || {
    say "error: the client failed; what the servers said:" >&2
    show_server_logs
    exit 1
}

say "== the three bodies' SHA-256, the saved copy's and the file's"
checksums "$work/client.out" "$work/bodies/index.html" "$APP/index.html"
say "== stopping the servers and removing the namespaces"
stop_network
if [ -n "$PCAP" ]; then stop_capture; describe_capture; fi
say "lan-demo: ok"
