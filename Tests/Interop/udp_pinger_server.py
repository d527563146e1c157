# The classic textbook UDP pinger server, rewritten: uppercase every datagram and drop a
# fraction of them. Used to check lab01-ping's client against a server we did not write.
# Usage: python3 udp_pinger_server.py PORT DROP_EVERY_NTH
import socket
import sys

port = int(sys.argv[1])
drop_every = int(sys.argv[2])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("127.0.0.1", port))  # port 0: any free port
print(f"listening on udp://127.0.0.1:{server.getsockname()[1]}", flush=True)
count = 0
while True:
    message, address = server.recvfrom(1024)
    count += 1
    if drop_every and count % drop_every == 0:
        continue
    server.sendto(message.upper(), address)
