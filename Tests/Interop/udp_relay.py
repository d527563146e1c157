#!/usr/bin/env python3
"""A fault-injecting UDP relay that NetLab did not write in Swift: an independent check on
lab 08's transport.

    udp_relay.py --server 127.0.0.1:2122 [--seed 1] [--loss 0.1] [--duplicate 0.05]
                 [--corrupt 0.01] [--delay-ms 1] [--jitter-ms 2] [--max-size 65535]

Clients send to the relay's port (printed as "relay on 127.0.0.1:PORT"). For each client
the relay opens its own socket towards the server, so the server sees one address per
client and replies to it. Every datagram, in both directions, may be dropped, duplicated,
have one bit flipped, or be held back for a random delay (which reorders). --max-size cuts
datagrams longer than that short, as a relay with a small receive buffer would.
Everything is seeded, and everything stays on 127.0.0.1.
"""
import argparse
import heapq
import random
import select
import signal
import socket
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loss", type=float, default=0.0)
    parser.add_argument("--duplicate", type=float, default=0.0)
    parser.add_argument("--corrupt", type=float, default=0.0)
    parser.add_argument("--delay-ms", type=float, default=0.0)
    parser.add_argument("--jitter-ms", type=float, default=0.0)
    parser.add_argument("--max-size", type=int, default=65535)
    args = parser.parse_args()
    host, port = args.server.rsplit(":", 1)
    server = (host, int(port))
    assert host.startswith("127."), "the relay only forwards to loopback"
    rng = random.Random(args.seed)
    counts = {"forwarded": 0, "dropped": 0, "duplicated": 0, "corrupted": 0, "truncated": 0}

    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(("127.0.0.1", 0))
    backs = {}       # client address -> socket towards the server
    clients = {}     # that socket -> client address
    pending = []     # (due, order, socket, destination, bytes)
    order = 0

    def stop(*_):
        print("relay: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"relay on 127.0.0.1:{front.getsockname()[1]}", flush=True)

    def schedule(data, via, destination):
        nonlocal order
        if len(data) >= args.max_size:
            counts["truncated"] += 1
        if rng.random() < args.loss:
            counts["dropped"] += 1
            return
        copies = 1
        if rng.random() < args.duplicate:
            copies = 2
            counts["duplicated"] += 1
        now = time.monotonic()
        for _ in range(copies):
            copy = bytearray(data)
            if copy and rng.random() < args.corrupt:
                bit = rng.randrange(len(copy) * 8)
                copy[bit // 8] ^= 1 << (bit % 8)
                counts["corrupted"] += 1
            delay = (args.delay_ms + rng.uniform(0, args.jitter_ms)) / 1000
            order += 1
            heapq.heappush(pending, (now + delay, order, via, destination, bytes(copy)))

    while True:
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, via, destination, data = heapq.heappop(pending)
            try:
                via.sendto(data, destination)
                counts["forwarded"] += 1
            except OSError:
                pass  # a full buffer: lost, as on a real link
        timeout = max(0.0, pending[0][0] - now) if pending else 1.0
        readable, _, _ = select.select([front] + list(clients), [], [], timeout)
        for sock in readable:
            try:
                data, sender = sock.recvfrom(args.max_size)
            except OSError:
                continue
            if sock is front:
                back = backs.get(sender)
                if back is None:
                    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    back.bind(("127.0.0.1", 0))
                    backs[sender] = back
                    clients[back] = sender
                schedule(data, back, server)
            else:
                schedule(data, front, clients[sock])


if __name__ == "__main__":
    main()
