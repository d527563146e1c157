"""A DHCP relay for `make lan-demo`: lab09-capstone's DHCP client speaks from 127.0.0.1 only.

    python3 dhcp_forwarder.py LISTEN_PORT SERVER_IP

Listens on 127.0.0.1:LISTEN_PORT. Each datagram that comes there is sent on to SERVER_IP:67
from 0.0.0.0:68, with SO_BROADCAST, as a DHCP client with no address would send it. Every
reply that comes back to port 68 (the server broadcasts them while the client has no
address, RFC 2131 §4.1) goes back to whoever sent the last request. Prints
`listening on udp://127.0.0.1:PORT` when ready, and one line per datagram on stderr.
"""
import select
import socket
import sys

listen_port, server_ip = int(sys.argv[1]), sys.argv[2]
inside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
inside.bind(("127.0.0.1", listen_port))
outside = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
outside.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
outside.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
outside.bind(("0.0.0.0", 68))
print(f"listening on udp://127.0.0.1:{inside.getsockname()[1]}", flush=True)
client = None
while True:
    ready, _, _ = select.select([inside, outside], [], [])
    if inside in ready:
        data, client = inside.recvfrom(2048)
        outside.sendto(data, (server_ip, 67))
        print(f"forwarder: {len(data)} bytes from {client[0]}:{client[1]} to {server_ip}:67", file=sys.stderr, flush=True)
    if outside in ready:
        data, sender = outside.recvfrom(2048)
        if client is not None and sender[1] == 67:
            inside.sendto(data, client)
            print(f"forwarder: {len(data)} bytes from {sender[0]}:67 back to the client", file=sys.stderr, flush=True)
