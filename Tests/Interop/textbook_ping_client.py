# A UDP ping client written the way the textbook assignment (Kurose & Ross, "UDP Pinger")
# asks for it: ten pings, each "Ping <n> <time.ctime()>", one second to wait for each, and
# the reply printed as it came. Used to check that lab01-ping's server answers a client
# NetLab did not write. Usage: python3 textbook_ping_client.py PORT
import socket
import sys
import time

port = int(sys.argv[1])
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(1)
for sequence in range(1, 11):
    message = f"Ping {sequence} {time.ctime()}"
    sent = time.time()
    client.sendto(message.encode(), ("127.0.0.1", port))
    try:
        reply, _ = client.recvfrom(1024)
    except socket.timeout:
        print("Request timed out")
        continue
    expected = message.upper()
    ok = "ok" if reply.decode() == expected else f"WRONG (expected {expected!r})"
    print(f"{reply.decode()}  rtt={(time.time() - sent) * 1000:.3f} ms  {ok}")
