#!/usr/bin/env python3
"""A client for lab 07's relay and session server, written from Handouts/07-Framing.md's
wire format alone (no NetLab code), plus the scripted HTTP origins the interop check needs.

  lab07_client.py fetch RELAY URL OUT [--framing ascii|binary]
  lab07_client.py raw RELAY HEXBYTES              (sends raw bytes, prints the answer's frames)
  lab07_client.py session SERVER --mode step|burst --count N --size S [--corrupt-every K] [--duplicate-every K]
  lab07_client.py refuse SERVER                   (a SYN with an unknown mode)
  lab07_client.py silent SERVER                   (handshake, then silence: counts KEEPALIVEs)
  lab07_client.py origin slow|huge|fail|ok        (an HTTP origin; prints `listening on tcp://…`)
"""
import socket, struct, sys, time, zlib, threading, random, argparse, socketserver


def connect(address):
    host, port = address.rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=20)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            return None if not data else b"TRUNCATED"
        data += chunk
    return data


# Framing: 10 ASCII digits, or 4 bytes big-endian.
def frame(payload, framing):
    if framing == "ascii":
        return b"%010d" % len(payload) + payload
    return struct.pack(">I", len(payload)) + payload


def read_frame(s, framing, maximum=1 << 20):
    header = recv_exact(s, 10 if framing == "ascii" else 4)
    if header is None:
        return None
    length = int(header) if framing == "ascii" else struct.unpack(">I", header)[0]
    if length > maximum:
        raise ValueError("frame too large: %d" % length)
    return recv_exact(s, length) if length else b""


# The relay's frames: kind 1 STATUS, 2 DATA, 3 END, 4 ERROR.
def relay_frames(s, framing):
    while True:
        payload = read_frame(s, framing, 70000)
        if payload is None:
            return
        kind = payload[0]
        if kind in (1, 4):
            code = struct.unpack(">H", payload[1:3])[0]
            if kind == 1 and code == 200:
                length = struct.unpack(">Q", payload[3:11])[0]
                yield ("OK", None if length == 2**64 - 1 else length, payload[11:].decode())
            else:
                yield ("STATUS" if kind == 1 else "ERROR", code, payload[3:].decode())
        elif kind == 2:
            assert 1 <= len(payload) - 1 <= 65535, "a DATA frame of %d bytes" % (len(payload) - 1)
            yield ("DATA", payload[1:])
        elif kind == 3:
            yield ("END", struct.unpack(">Q", payload[1:9])[0])
        else:
            raise ValueError("unknown kind %d" % kind)


def fetch(args):
    s = connect(args.relay)
    s.sendall(frame(b"FETCH " + args.url.encode(), args.framing))
    body, promised = b"", None
    for f in relay_frames(s, args.framing):
        if f[0] == "OK":
            promised = f[1]
        elif f[0] == "STATUS":
            print("refused %d %s" % (f[1], f[2]))
            return 1
        elif f[0] == "DATA":
            body += f[1]
        elif f[0] == "ERROR":
            print("failed %d %s (after %d bytes)" % (f[1], f[2], len(body)))
            return 1
        elif f[0] == "END":
            if f[1] != len(body) or (promised is not None and promised != len(body)):
                print("length mismatch")
                return 1
            open(args.out, "wb").write(body)
            print("ok %d bytes" % len(body))
            return 0
    print("closed without END")
    return 1


def raw(args):
    s = connect(args.relay)
    s.sendall(bytes.fromhex(args.hex))
    framing = "ascii" if 0x30 <= bytes.fromhex(args.hex)[0] <= 0x39 else "binary"
    for f in relay_frames(s, framing):
        print(f[0], f[1] if len(f) > 1 and not isinstance(f[1], bytes) else "", f[2] if len(f) > 2 else "")
    return 0


# Session messages: length(4) type(1) seq(4) crc(4) payload; the CRC over the header with a
# zero checksum field, then the payload.
SYN, SYNACK, ACK, DATA, ERROR, KEEPALIVE, DISCONNECT = range(1, 8)


def message(kind, seq=0, payload=b"", damage=False):
    header = struct.pack(">IBI", 9 + len(payload), kind, seq)
    crc = zlib.crc32(header + b"\0\0\0\0" + payload)
    wire = header + struct.pack(">I", crc) + payload
    if damage:
        wire = wire[:-1] + bytes([wire[-1] ^ 0x01])
    return wire


def read_message(s):
    header = recv_exact(s, 4)
    if header is None:
        return None
    length = struct.unpack(">I", header)[0]
    body = recv_exact(s, length)
    kind, seq, crc = struct.unpack(">BII", body[:9])
    assert zlib.crc32(header + body[:5] + b"\0\0\0\0" + body[9:]) == crc, "bad CRC from the server"
    return kind, seq, body[9:]


def handshake(s, mode, size, window, client_id=b"python"):
    s.sendall(message(SYN, 0, struct.pack(">BBIHB", 1, mode, size, window, len(client_id)) + client_id))
    kind, _, payload = read_message(s)
    assert kind == SYNACK, "expected a SYN-ACK, got type %d" % kind
    status, session, packet, mode, window, keepalive = struct.unpack(">BQIBHI", payload[:20])
    if status != 0:
        return None, payload[20:].decode()
    s.sendall(message(ACK, 0, struct.pack(">Q", session)))
    return (session, packet, mode, window, keepalive), None


def session(args):
    s = connect(args.server)
    mode = 1 if args.mode == "step" else 2
    params, reason = handshake(s, mode, args.size, args.window)
    if params is None:
        print("refused:", reason)
        return 1
    session_id, packet, mode, window, keepalive = params
    rng = random.Random(7)
    messages = [bytes(rng.getrandbits(8) for _ in range(packet)) for _ in range(args.count)]
    acked, errors, seq = 0, 0, 1
    pending = []
    damaged_once = set()
    while acked < args.count:
        while seq <= args.count and len(pending) < window:
            damage = args.corrupt_every and seq % args.corrupt_every == 0 and seq not in damaged_once
            if damage:
                damaged_once.add(seq)
            s.sendall(message(DATA, seq, messages[seq - 1], damage=bool(damage)))
            if args.duplicate_every and seq % args.duplicate_every == 0 and not damage:
                s.sendall(message(DATA, seq, messages[seq - 1]))
            pending.append(seq)
            seq += 1
        answer = read_message(s)
        assert answer is not None, "the server closed"
        kind, number, _ = answer
        if kind == ACK:
            acked = max(acked, number)
            pending = [p for p in pending if p > number]
        elif kind == ERROR:
            errors += 1
            # Go back to the damaged message: resend it and everything after it.
            for p in [p for p in pending if p >= number]:
                s.sendall(message(DATA, p, messages[p - 1]))
    s.sendall(message(DISCONNECT, args.count + 1))
    goodbye = None
    while True:
        answer = read_message(s)
        if answer is None or (answer[0] == ACK and answer[1] == args.count + 1):
            goodbye = answer
            break
    crc = zlib.crc32(b"".join(messages))
    print("session %016x packet %d window %d: acked %d, errors %d, crc32 %08x, %s" % (
        session_id, packet, window, acked, errors, crc, "disconnected" if goodbye else "no ACK for DISCONNECT"))
    return 0


def refuse(args):
    s = connect(args.server)
    params, reason = handshake(s, 9, 1024, 8)
    print("refused:", reason) if params is None else print("accepted!")
    return 0 if params is None else 1


def silent(args):
    s = connect(args.server)
    params, _ = handshake(s, 2, 1024, 8)
    interval = params[4] / 1000
    start, keepalives = time.time(), 0
    while True:
        answer = read_message(s)
        if answer is None:
            break
        if answer[0] == KEEPALIVE:
            keepalives += 1
    print("interval %.1f s: %d keep-alives, closed after %.1f s" % (interval, keepalives, time.time() - start))
    return 0


def origin(args):
    body = bytes(random.Random(3).getrandbits(8) for _ in range(300000)) if args.kind == "ok" else b""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                request += chunk
            s = self.request
            try:
                if args.kind == "slow":
                    s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                    for _ in range(1000):
                        s.sendall(b"x")
                        time.sleep(0.01)
                elif args.kind == "huge":
                    s.sendall(b"HTTP/1.1 200 OK\r\n\r\n")  # no length: the body ends at close
                    block = b"y" * 65536
                    for _ in range(2000):
                        s.sendall(block)
                elif args.kind == "fail":
                    s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"z" * 30000)
                else:
                    s.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-test\r\nContent-Length: %d\r\n\r\n"
                              % len(body) + body)
            except OSError:
                pass

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    print("listening on tcp://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


parser = argparse.ArgumentParser()
sub = parser.add_subparsers(dest="command", required=True)
p = sub.add_parser("fetch"); p.add_argument("relay"); p.add_argument("url"); p.add_argument("out")
p.add_argument("--framing", default="binary")
p = sub.add_parser("raw"); p.add_argument("relay"); p.add_argument("hex")
p = sub.add_parser("session"); p.add_argument("server"); p.add_argument("--mode", default="burst")
p.add_argument("--count", type=int, default=100); p.add_argument("--size", type=int, default=1024)
p.add_argument("--window", type=int, default=8)
p.add_argument("--corrupt-every", type=int, default=0); p.add_argument("--duplicate-every", type=int, default=0)
p = sub.add_parser("refuse"); p.add_argument("server")
p = sub.add_parser("silent"); p.add_argument("server")
p = sub.add_parser("origin"); p.add_argument("kind")
args = parser.parse_args()
sys.exit({"fetch": fetch, "raw": raw, "session": session, "refuse": refuse, "silent": silent,
          "origin": origin}[args.command](args) or 0)
