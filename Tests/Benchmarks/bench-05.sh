#!/usr/bin/env bash
# make bench LAB=05 [IMPL=solutions|labs] [BUILD=.build]
#
# Leases per second: full DORA exchanges (DISCOVER, OFFER, REQUEST, ACK) for many distinct
# clients, measured with one C load generator (built here) that keeps WINDOW exchanges in flight,
# against lab05-dhcp (release build, on loopback) and against dnsmasq (with
# --dhcp-alternate-port, across a veth pair between two network namespaces this script
# makes and removes; needs root), each with and without its lease file. Each run first fills
# HELD leases (untimed), then times LEASES more, so the figure is "with HELD leases held".
# Prints the figures and the ratios lab05-dhcp / dnsmasq (the issue's targets: at least 1.0
# without a lease file, at least 2.0 with one). dnsmasq is skipped, saying so, if it cannot
# be installed or this is not root.
#
# dnsmasq runs with --no-ping (the lab's server does not ping an address before offering it).
# A loaded machine drops datagrams: failed exchanges are reported, and not counted as leases.
#
# Knobs: HELD=2000, LEASES=2000, WINDOW=32.
set -euo pipefail

IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
HELD=${HELD:-2000}
LEASES=${LEASES:-2000}
WINDOW=${WINDOW:-32}
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh  # need, say, workspace
workspace lab05-bench

# The load generator, in C so that it is never the bottleneck (the Python one it replaced
# topped out near the lab server's rate): one socket, WINDOW exchanges in flight.
# $work/dora SERVER_IP SERVER_PORT BIND_IP BIND_PORT FIRST_MAC COUNT WINDOW prints the leases
# per second of COUNT exchanges (clients FIRST_MAC … FIRST_MAC+COUNT-1).
cat > "$work/dora.c" <<'C'
/* DORA load generator for bench-05: dora SERVER_IP SERVER_PORT BIND_IP BIND_PORT FIRST COUNT WINDOW
 * Runs COUNT full exchanges (DISCOVER, OFFER, REQUEST, ACK) for clients FIRST … FIRST+COUNT-1
 * (MAC 02:nn:nn:nn:nn:nn, xid 0x10000000+n), WINDOW of them in flight, from one socket, and
 * prints the leases per second. A request unanswered for 1 s is sent again, 4 tries in all. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum { IDLE, DISCOVERING, REQUESTING, DONE, FAILED };
struct client { int stage, tries; double sent; uint8_t offered[4], server[4]; };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void mac(uint8_t *out, long n) {
    out[0] = 2;
    for (int i = 0; i < 5; i++) out[1 + i] = (uint8_t)(n >> (8 * (4 - i)));
}

/* A DISCOVER (kind 1) or a REQUEST (kind 3) for client n, with the BROADCAST flag set. */
static int build(uint8_t *p, int kind, long n, const struct client *c) {
    uint32_t xid = htonl(0x10000000u + (uint32_t)n);
    memset(p, 0, 240);
    p[0] = 1, p[1] = 1, p[2] = 6;
    memcpy(p + 4, &xid, 4);
    p[10] = 0x80;
    mac(p + 28, n);
    memcpy(p + 236, "\x63\x82\x53\x63", 4);
    int i = 240;
    p[i++] = 53, p[i++] = 1, p[i++] = (uint8_t)kind;
    if (kind == 3) {
        p[i++] = 50, p[i++] = 4, memcpy(p + i, c->offered, 4), i += 4;
        p[i++] = 54, p[i++] = 4, memcpy(p + i, c->server, 4), i += 4;
    }
    p[i++] = 255;
    return i;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: dora SERVER_IP SERVER_PORT BIND_IP BIND_PORT FIRST COUNT WINDOW\n");
        return 2;
    }
    struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[4]))};
    inet_pton(AF_INET, argv[1], &server.sin_addr);
    inet_pton(AF_INET, argv[3], &local.sin_addr);
    long first = atol(argv[5]), count = atol(argv[6]), window = atol(argv[7]);
    int fd = socket(AF_INET, SOCK_DGRAM, 0), on = 1, buffer = 1 << 22;
    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
        perror("dora: bind");
        return 1;
    }
    struct client *clients = calloc((size_t)count, sizeof *clients);
    long *flight = calloc((size_t)window, sizeof *flight);
    long next = 0, inflight = 0, done = 0, failed = 0;
    uint8_t packet[600], reply[2048];
    double start = now();
    while (done + failed < count) {
        while (inflight < window && next < count) {
            struct client *c = &clients[next];
            int length = build(packet, 1, first + next, c);
            c->stage = DISCOVERING, c->tries = 1, c->sent = now();
            sendto(fd, packet, (size_t)length, 0, (struct sockaddr *)&server, sizeof server);
            flight[inflight++] = next++;
        }
        struct pollfd ready = {.fd = fd, .events = POLLIN};
        if (poll(&ready, 1, 20) > 0) {
            ssize_t got;
            while ((got = recv(fd, reply, sizeof reply, MSG_DONTWAIT)) >= 240) {
                uint32_t xid;
                memcpy(&xid, reply + 4, 4);
                long n = (long)ntohl(xid) - 0x10000000L - first;
                uint8_t expected[6];
                if (n < 0 || n >= count || reply[0] != 2) continue;
                mac(expected, first + n);
                if (memcmp(reply + 28, expected, 6) != 0) continue;
                int kind = 0;
                uint8_t server_id[4] = {0};
                for (ssize_t i = 240; i + 1 < got && reply[i] != 255;) {
                    if (reply[i] == 0) { i++; continue; }
                    uint8_t code = reply[i], size = reply[i + 1];
                    if (i + 2 + size > got) break;
                    if (code == 53 && size == 1) kind = reply[i + 2];
                    if (code == 54 && size == 4) memcpy(server_id, reply + i + 2, 4);
                    i += 2 + size;
                }
                struct client *c = &clients[n];
                if (kind == 2 && c->stage == DISCOVERING) {
                    memcpy(c->offered, reply + 16, 4);
                    memcpy(c->server, server_id, 4);
                    int length = build(packet, 3, first + n, c);
                    c->stage = REQUESTING, c->tries = 1, c->sent = now();
                    sendto(fd, packet, (size_t)length, 0, (struct sockaddr *)&server, sizeof server);
                } else if ((kind == 5 || kind == 6) && c->stage == REQUESTING) {
                    c->stage = kind == 5 ? DONE : FAILED;
                    kind == 5 ? done++ : failed++;
                }
            }
        }
        double moment = now();
        for (long k = 0; k < inflight;) {
            struct client *c = &clients[flight[k]];
            if (c->stage == DONE || c->stage == FAILED) {
                flight[k] = flight[--inflight];
                continue;
            }
            if (moment - c->sent > 1) {
                if (c->tries >= 4) {
                    c->stage = FAILED, failed++;
                    continue;
                }
                int length = build(packet, c->stage == DISCOVERING ? 1 : 3, first + flight[k], c);
                c->tries++, c->sent = moment;
                sendto(fd, packet, (size_t)length, 0, (struct sockaddr *)&server, sizeof server);
            }
            k++;
        }
    }
    double elapsed = now() - start;
    if (failed) fprintf(stderr, "%s:%s: %ld of %ld exchanges failed (no ACK after 4 tries)\n", argv[1], argv[2], failed, count);
    printf("%ld\n", (long)(done / elapsed));
    return 0;
}
C
need cc gcc || { say "no C compiler: cannot build the load generator"; exit 1; }
cc -O2 -o "$work/dora" "$work/dora.c"

say "building lab05-dhcp from $IMPL (release)…"
if ! NETLAB_IMPL=$IMPL NETLAB_LABS=05 swift build -c release --scratch-path "$BUILD/$IMPL-release" --product lab05-dhcp -q; then
  say "lab05-dhcp does not build from $IMPL: nothing to measure"; exit 1
fi
BIN="$BUILD/$IMPL-release/release/lab05-dhcp"

# lab05-dhcp on loopback: lab RUN [--leases FILE]
lab() {
  local pid port rate
  "$BIN" server --port 0 --pool 10.1.0.1-10.1.250.250 --subnet-mask 255.255.0.0 --lease 86400 --offer-hold 5 "$@" \
    > "$work/lab.out" 2> /dev/null &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do grep -q "^listening on" "$work/lab.out" && break; sleep 0.1; done
  port=$(sed -n 's/^listening on udp:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/lab.out")
  "$work/dora" 127.0.0.1 "$port" 127.0.0.1 0 1 "$HELD" "$WINDOW" > /dev/null
  rate=$("$work/dora" 127.0.0.1 "$port" 127.0.0.1 0 $((HELD + 1)) "$LEASES" "$WINDOW")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$rate"
}

lab_plain=$(lab)
lab_file=$(lab --leases "$work/lab.leases")

# dnsmasq across two namespaces: the generator sends to 10.56.0.1:1067 from 10.56.0.2:1068,
# and dnsmasq broadcasts its replies (the BROADCAST flag is set) to port 1068.
dnsmasq_plain=- dnsmasq_file=-
if [ "$(id -u)" != 0 ]; then
  say "not root: dnsmasq needs a network namespace; skipping it"
elif ! need dnsmasq dnsmasq; then
  say "dnsmasq is not installed: skipping it"
else
  server_ns=lab05b-srv-$$ client_ns=lab05b-cli-$$
  remove_namespaces() { ip netns del "$server_ns" 2>/dev/null || true; ip netns del "$client_ns" 2>/dev/null || true; }
  trap 'cleanup_workspace; remove_namespaces' EXIT
  ip netns add "$server_ns"; ip netns add "$client_ns"
  ip link add veth05bs netns "$server_ns" type veth peer name veth05bc netns "$client_ns"
  ip -n "$server_ns" addr add 10.56.0.1/16 dev veth05bs; ip -n "$server_ns" link set veth05bs up
  ip -n "$client_ns" addr add 10.56.0.2/16 dev veth05bc; ip -n "$client_ns" link set veth05bc up
  dnsmasq_run() {
    local pid rate
    ip netns exec "$server_ns" dnsmasq --no-daemon --port=0 --interface=veth05bs --bind-interfaces \
      --dhcp-alternate-port --dhcp-range=10.56.1.0,10.56.250.250,255.255.0.0,86400 --dhcp-lease-max=1000000 \
      --dhcp-authoritative --quiet-dhcp --no-ping "$@" > /dev/null 2>&1 &
    pid=$!
    pids+=("$pid")
    sleep 1
    ip netns exec "$client_ns" "$work/dora" 10.56.0.1 1067 0.0.0.0 1068 1 "$HELD" "$WINDOW" > /dev/null
    rate=$(ip netns exec "$client_ns" "$work/dora" 10.56.0.1 1067 0.0.0.0 1068 $((HELD + 1)) "$LEASES" "$WINDOW")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$rate"
  }
  dnsmasq_plain=$(dnsmasq_run --leasefile-ro)
  dnsmasq_file=$(dnsmasq_run --dhcp-leasefile="$work/dnsmasq.leases")
fi

ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]; print(f'{int(a) / int(b):.2f}' if b.isdigit() and int(b) else 'n/a')" "$1" "$2"; }
say ""
say "load generator: C, $WINDOW exchanges in flight; $LEASES leases timed after $HELD held"
say ""
printf '%-18s %16s %14s %8s\n' "lease file" "lab05-dhcp l/s" "dnsmasq l/s" "ratio"
printf '%-18s %16s %14s %8s\n' "none" "$lab_plain" "$dnsmasq_plain" "$(ratio "$lab_plain" "$dnsmasq_plain")"
printf '%-18s %16s %14s %8s\n' "fsynced" "$lab_file" "$dnsmasq_file" "$(ratio "$lab_file" "$dnsmasq_file")"
say ""
say "targets: ratio >= 1.0 without a lease file, >= 2.0 with one"
