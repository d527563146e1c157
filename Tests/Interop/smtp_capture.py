#!/usr/bin/env python3
"""An aiosmtpd server for lab 04's interop check: stores each message's bytes in a folder.

usage: smtp_capture.py DIR [--auth USER:PASS]
Prints `listening on tcp://127.0.0.1:PORT` once it listens, like NetLab's servers.
"""
import argparse
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.folder, f"{self.count:04d}.eml")
        with open(path, "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(path + ".rcpt", "w") as out:
            out.write("\n".join(envelope.rcpt_tos))
        return "250 OK stored"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--auth")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    # aiosmtpd's Controller cannot take port 0 (it connects to its own port to check that it
    # started), so ask the kernel for a free port first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Store(args.dir), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(f"listening on tcp://127.0.0.1:{port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
