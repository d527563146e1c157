#!/usr/bin/env bash
# Lab 05 against other people's DHCP code, on loopback and in network namespaces this
# script makes (and removes):
#   1. tshark decodes the server's and the client's packets as DHCP, with no malformed-packet
#      or error-level expert warnings (DORA, renew, release).
#   2. A scapy-built client: DORA, renew, NAK, release, decline, INFORM, malformed packets.
#   3. dnsmasq's DHCP server gives the lab's client (LAN mode, --configure) a lease, across a
#      veth pair between two namespaces (needs root; skipped and said so otherwise).
#   4. The lab's server in LAN mode (--broadcast --interface) across a veth pair: the lab's
#      client (--configure) and busybox's udhcpc each get an address and put it on their
#      interface; a client on a second interface of the server's namespace gets no answer.
# Each part installs what it needs (apt-get, pip) and is skipped, saying so, if it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
bin=$(build_solution 05)
workspace lab05-interop
FAILURES=0

start_server udp "$bin/lab05-dhcp" server --port 0 --pool 10.0.0.10-10.0.0.50 --router 10.0.0.1 \
  --dns 10.0.0.53 --domain lab.test --lease 600 --leases "$work/leases"
port=$SERVER_PORT
client() { "$bin/lab05-dhcp" "$@"; }

# 1. tshark.
if need tshark tshark; then
  tshark -i lo -f "udp port $port" -w "$work/dhcp.pcap" -q 2> "$work/tshark.err" &
  capture=$!
  pids+=("$capture")
  for _ in $(seq 100); do grep -q "Capturing on" "$work/tshark.err" && break; sleep 0.1; done
  sleep 1  # "Capturing on" comes a moment before the capture really starts
  client client --server "127.0.0.1:$port" --port 0 --mac 02:00:00:00:05:01 --hostname alice \
    --client-id alice --save "$work/lease.json" > /dev/null
  client renew --lease "$work/lease.json" --port 0 > /dev/null
  client client --server "127.0.0.1:$port" --port 0 --mac 02:00:00:00:05:02 --release > /dev/null
  sleep 1
  kill -INT "$capture"; wait "$capture" 2>/dev/null || true
  decode=(-r "$work/dhcp.pcap" -d "udp.port==$port,dhcp")
  types=$(tshark "${decode[@]}" -Y dhcp -T fields -e dhcp.option.dhcp | tr '\n' ' ')
  say "tshark saw DHCP message types: $types"
  check 'tshark decodes DISCOVER, OFFER, REQUEST, ACK, RELEASE (1 2 3 5 7)' \
    'for t in 1 2 3 5 7; do grep -qw "$t" <<< "$types" || exit 1; done'
  check 'tshark decodes 11 DHCP packets (two DORAs, a renew, a release)' \
    '[ "$(tshark "${decode[@]}" -Y dhcp | wc -l)" = 11 ]'
  check 'no malformed packets' '[ -z "$(tshark "${decode[@]}" -Y _ws.malformed)" ]'
  check 'no error-level expert info' '[ -z "$(tshark "${decode[@]}" -Y "_ws.expert.severity >= error")" ]'
  check 'tshark reads the magic cookie, the client id and the host name' \
    'tshark "${decode[@]}" -Y "dhcp.option.hostname == \"alice\"" -V > "$work/verbose.txt" \
      && grep -q "Magic cookie: DHCP" "$work/verbose.txt" && grep -q "Client identifier" "$work/verbose.txt"'
  check 'tshark reads the lease time 600 s in the ACK' \
    '[ -n "$(tshark "${decode[@]}" -Y "dhcp.option.dhcp == 5 && dhcp.option.ip_address_lease_time == 600")" ]'
fi

# 2. A scapy client.
if python3 -c 'import scapy' 2>/dev/null || pip install -q scapy > /dev/null 2>&1; then
  if python3 - "$port" > "$work/scapy.out" 2>&1 <<'PY'
import socket, sys
from scapy.layers.dhcp import BOOTP, DHCP
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(2)
server = ("127.0.0.1", port)
failures = 0

def check(what, ok):
    global failures
    print(("ok: " if ok else "FAILED: ") + what)
    failures += 0 if ok else 1

def options(packet):
    return {o[0]: o[1:] for o in packet[DHCP].options if isinstance(o, tuple)}

def exchange(mac, xid, opts, ciaddr="0.0.0.0"):
    packet = BOOTP(op=1, xid=xid, chaddr=bytes(mac) + b"\0" * 10, ciaddr=ciaddr) / DHCP(options=opts + ["end"])
    s.sendto(bytes(packet), server)
    try:
        while True:
            data, _ = s.recvfrom(4096)
            reply = BOOTP(data)
            if reply.xid == xid:
                return reply
    except socket.timeout:
        return None

def kind(reply):
    return None if reply is None else options(reply).get("message-type")

mac = [2, 0, 0, 0, 0x5C, 1]
offer = exchange(mac, 0x5C01, [("message-type", "discover"), ("param_req_list", [1, 3, 6, 15])])
check("scapy: DISCOVER gets an OFFER", kind(offer) == (2,))
address = offer.yiaddr
ack = exchange(mac, 0x5C02, [("message-type", "request"), ("requested_addr", address), ("server_id", "10.0.0.1")])
check("scapy: REQUEST gets an ACK for " + address, kind(ack) == (5,))
check("scapy: the ACK has lease 600, T1 300, T2 525",
      ack is not None and options(ack).get("lease_time") == (600,) and options(ack).get("renewal_time") == (300,)
      and options(ack).get("rebinding_time") == (525,))
renew = exchange(mac, 0x5C03, [("message-type", "request")], ciaddr=address)
check("scapy: RENEWING gets an ACK", kind(renew) == (5,))
nak = exchange(mac, 0x5C04, [("message-type", "request"), ("requested_addr", "192.168.99.9")])
check("scapy: INIT-REBOOT off the subnet gets a NAK", kind(nak) == (6,))
inform = exchange([2, 0, 0, 0, 0x5C, 9], 0x5C05, [("message-type", "inform")], ciaddr="10.0.0.200")
check("scapy: INFORM gets an ACK with no lease time", kind(inform) == (5,) and "lease_time" not in options(inform))
before = exchange([2, 0, 0, 0, 0x5C, 2], 0x5C0D, [("message-type", "discover"), ("requested_addr", address)])
check("scapy: a leased address is not offered to another client who asks for it",
      before is not None and before.yiaddr != address)
s.settimeout(0.5)
exchange(mac, 0x5C06, [("message-type", "release"), ("server_id", "10.0.0.1")], ciaddr=address)
s.settimeout(2)
again = exchange([2, 0, 0, 0, 0x5C, 5], 0x5C07, [("message-type", "discover"), ("requested_addr", address)])
check("scapy: after RELEASE it is offered to another client who asks for it", again is not None and again.yiaddr == address)
mac3 = [2, 0, 0, 0, 0x5C, 3]
declined = exchange(mac3, 0x5C08, [("message-type", "discover")]).yiaddr
exchange(mac3, 0x5C09, [("message-type", "request"), ("requested_addr", declined), ("server_id", "10.0.0.1")])
s.settimeout(0.5)
exchange(mac3, 0x5C0A, [("message-type", "decline"), ("requested_addr", declined), ("server_id", "10.0.0.1")])
s.settimeout(2)
after = exchange(mac3, 0x5C0B, [("message-type", "discover")])
check("scapy: after DECLINE the client is offered another address", after is not None and after.yiaddr != declined)
cut = bytes(BOOTP(op=1, xid=1))[:239]
long_hlen = bytes(BOOTP(op=1, xid=2, hlen=17)) + b"\x63\x82\x53\x63\xff"
for junk in [b"", b"\x01" * 10, cut, long_hlen]:
    s.sendto(junk, server)
alive = exchange([2, 0, 0, 0, 0x5C, 4], 0x5C0C, [("message-type", "discover")])
check("scapy: malformed packets are dropped and the server still answers", kind(alive) == (2,))
sys.exit(1 if failures else 0)
PY
  then cat "$work/scapy.out"; else cat "$work/scapy.out"; FAILURES=$((FAILURES + 1)); fi
  check 'the server logged the malformed packets' 'grep -q "truncated" "$SERVER_ERR" && grep -q "hlen 17" "$SERVER_ERR"'
else
  say "scapy is not installed and could not be: skipping the scapy client"
fi

# Namespaces made here, removed when the script ends however it ends.
namespaces=()
remove_namespaces() { local ns; for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done; }
# make_lan SERVER_NS SERVER_IF SERVER_CIDR CLIENT_NS CLIENT_IF: two namespaces (made if new) joined
# by a veth pair; the server's end has an address, the client's none (DHCP gives it one). The
# client has no route either: its broadcasts leave by the interface its socket is tied to.
make_lan() {
  local ns
  for ns in "$1" "$4"; do
    if ! ip netns list | grep -qw "$ns"; then
      ip netns add "$ns"; namespaces+=("$ns"); ip -n "$ns" link set lo up
    fi
  done
  ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
  ip -n "$1" addr add "$3" dev "$2"
  ip -n "$1" link set "$2" up
  ip -n "$4" link set "$5" up
}
trap 'cleanup_workspace; remove_namespaces' EXIT

# 3. dnsmasq gives the lab's client a lease, across a veth pair between two namespaces.
if [ "$(id -u)" != 0 ]; then
  say "not root: skipping dnsmasq in a network namespace"
elif need dnsmasq dnsmasq; then
  server_ns=lab05-srv-$$ client_ns=lab05-cli-$$
  make_lan "$server_ns" veth05s 10.55.0.1/24 "$client_ns" veth05c
  ip netns exec "$server_ns" dnsmasq --no-daemon --port=0 --interface=veth05s --bind-interfaces \
    --dhcp-range=10.55.0.100,10.55.0.150,255.255.255.0,600 --dhcp-option=3,10.55.0.1 \
    --dhcp-option=6,10.55.0.53 --dhcp-leasefile="$work/dnsmasq.leases" --dhcp-authoritative \
    > "$work/dnsmasq.out" 2>&1 &
  pids+=("$!")
  sleep 1
  set +e
  ip netns exec "$client_ns" "$bin/lab05-dhcp" client --broadcast --interface veth05c --configure --json \
    --mac 02:00:00:00:55:01 --timeout 20 > "$work/lan.json" 2> "$work/lan.err"
  status=$?
  set -e
  cat "$work/lan.err"
  check 'dnsmasq leases the lab client an address (exit 0)' '[ "$status" = 0 ]'
  check 'the lease is from dnsmasq'"'"'s range, with its router' \
    'grep -q "\"address\": \"10.55.0.1[0-5][0-9]\"" "$work/lan.json" && grep -q "\"router\": \"10.55.0.1\"" "$work/lan.json"'
  check '--configure put the address on the interface' \
    'ip -n "$client_ns" -4 addr show veth05c | grep -q "inet 10.55.0.1[0-5][0-9]/24"'
  check 'dnsmasq logged DHCPACK to our MAC' 'grep -q "DHCPACK(veth05s).*02:00:00:00:55:01" "$work/dnsmasq.out"'
fi
# 4. The lab's server in LAN mode, on one interface of its namespace (SO_BINDTODEVICE), with
# no default route: its broadcasts to 255.255.255.255 leave only because the socket is tied
# to veth05l. A second veth (veth05x) joins the same namespace to a third one, whose client
# must get no answer.
if [ "$(id -u)" != 0 ]; then
  say "not root: skipping the LAN-mode server in a network namespace"
else
  lan_server=lab05-lsrv-$$ lan_client=lab05-lcli-$$ other_client=lab05-lother-$$
  make_lan "$lan_server" veth05l 10.57.0.1/24 "$lan_client" veth05m
  make_lan "$lan_server" veth05x 10.58.0.1/24 "$other_client" veth05y
  ip netns exec "$lan_server" "$bin/lab05-dhcp" server --broadcast --interface veth05l \
    --pool 10.57.0.100-10.57.0.150 --router 10.57.0.1 --dns 10.57.0.53 --domain lan.test --lease 600 \
    > "$work/lan-server.out" 2> "$work/lan-server.err" &
  pids+=("$!")
  for _ in $(seq 100); do grep -q "^listening on" "$work/lan-server.out" && break; sleep 0.1; done
  check 'the LAN-mode server listens on udp://0.0.0.0:67' 'grep -qx "listening on udp://0.0.0.0:67" "$work/lan-server.out"'
  set +e
  ip netns exec "$lan_client" "$bin/lab05-dhcp" client --broadcast --interface veth05m --configure --json \
    --mac 02:00:00:00:57:01 --timeout 20 > "$work/lan-lab.json" 2> "$work/lan-lab.err"
  status=$?
  set -e
  sed 's/^/  lab client: /' "$work/lan-lab.err"
  check 'the lab client gets a lease from the lab server in LAN mode (exit 0)' '[ "$status" = 0 ]'
  check 'its lease is from the pool, with the router, DNS and domain' \
    'grep -q "\"address\": \"10.57.0.1[0-5][0-9]\"" "$work/lan-lab.json" && grep -q "\"router\": \"10.57.0.1\"" \
      "$work/lan-lab.json" && grep -q "10.57.0.53" "$work/lan-lab.json" && grep -q "lan.test" "$work/lan-lab.json"'
  check '--configure put the address on veth05m' \
    'ip -n "$lan_client" -4 addr show veth05m | grep -q "inet 10.57.0.1[0-5][0-9]/24"'
  lab_address=$(sed -n 's/.*"address": "\([0-9.]*\)".*/\1/p' "$work/lan-lab.json")
  if need ping iputils-ping; then
    check 'the configured client reaches the server from its new address (ping)' \
      'ip netns exec "$lan_client" ping -c 1 -W 2 10.57.0.1 > /dev/null'
  fi
  ip -n "$lan_client" addr flush dev veth05m
  if need busybox busybox; then
    cat > "$work/udhcpc.sh" <<'SH'
#!/bin/sh
# udhcpc's hook: record what it was given, and configure the interface when bound.
echo "$1 ip=$ip subnet=$subnet mask=$mask router=$router dns=$dns domain=$domain lease=$lease serverid=$serverid" \
  >> "$UDHCPC_LOG"
if [ "$1" = bound ]; then ip addr add "$ip/$mask" dev "$interface"; fi
SH
    chmod +x "$work/udhcpc.sh"
    set +e
    UDHCPC_LOG=$work/udhcpc.log ip netns exec "$lan_client" busybox udhcpc -i veth05m -f -q -n -t 5 -T 2 \
      -s "$work/udhcpc.sh" > "$work/udhcpc.out" 2>&1
    status=$?
    set -e
    sed 's/^/  udhcpc: /' "$work/udhcpc.out" "$work/udhcpc.log" 2>/dev/null || true
    check 'busybox udhcpc gets a lease from the lab server in LAN mode (exit 0)' '[ "$status" = 0 ]'
    check 'udhcpc was given a pool address other than the lab client'"'"'s, with mask, router, DNS, domain, lease' \
      'grep "^bound" "$work/udhcpc.log" | grep "ip=10.57.0.1[0-5][0-9] subnet=255.255.255.0 .*router=10.57.0.1 " \
        | grep -q "dns=10.57.0.53 domain=lan.test lease=600 serverid=10.57.0.1" \
        && ! grep -q "ip=$lab_address " "$work/udhcpc.log"'
    check 'udhcpc configured the address on veth05m' \
      'ip -n "$lan_client" -4 addr show veth05m | grep -q "inet 10.57.0.1[0-5][0-9]/24"'
  fi
  set +e
  ip netns exec "$other_client" "$bin/lab05-dhcp" client --broadcast --interface veth05y --json \
    --mac 02:00:00:00:58:01 --timeout 3 > /dev/null 2> "$work/other.err"
  status=$?
  set -e
  check 'a client on the server namespace'"'"'s other interface gets no answer (--interface veth05l)' \
    '[ "$status" = 1 ] && grep -q "no DHCP server answered" "$work/other.err"'
  set +e
  ip netns exec "$lan_server" "$bin/lab05-dhcp" server --broadcast --interface nosuch0 --pool 10.57.0.100-10.57.0.150 \
    > /dev/null 2> "$work/nosuch.err"
  status=$?
  set -e
  check 'a server told to use a missing interface says so and exits 1' \
    '[ "$status" = 1 ] && grep -q "cannot use interface .nosuch0." "$work/nosuch.err"'
  sed 's/^/  lab server: /' "$work/lan-server.err"
fi
[ "$FAILURES" = 0 ]
