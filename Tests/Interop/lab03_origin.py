"""An origin for lab 03's squid comparison: each path answers with chosen caching headers.

    python3 lab03_origin.py PORT      prints "listening on tcp://127.0.0.1:PORT" when ready

/case/NAME answers with the headers of CASES[NAME], a body naming the case, and 304 to a
conditional request whose If-None-Match or If-Modified-Since matches (both proxies then
revalidate the same way).
"""
import sys
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOW = time.time()
TWO_DAYS_AGO = formatdate(NOW - 2 * 86400, usegmt=True)
HOUR_AGO = formatdate(NOW - 3600, usegmt=True)
IN_AN_HOUR = formatdate(NOW + 3600, usegmt=True)

# name: headers. The comparison script requests each twice and compares the second answer.
CASES = {
    "max-age": [("Cache-Control", "max-age=600")],
    "s-maxage": [("Cache-Control", "s-maxage=600, max-age=0")],
    "expires-future": [("Expires", IN_AN_HOUR)],
    "heuristic": [("Last-Modified", TWO_DAYS_AGO)],
    "no-store": [("Cache-Control", "no-store")],
    "private": [("Cache-Control", "private, max-age=600")],
    "vary-star": [("Cache-Control", "max-age=600"), ("Vary", "*")],
    "no-cache-etag": [("Cache-Control", "no-cache"), ("ETag", '"nc1"')],
    "max-age-0-etag": [("Cache-Control", "max-age=0"), ("ETag", '"ma0"')],
    "expires-past-lm": [("Expires", HOUR_AGO), ("Last-Modified", TWO_DAYS_AGO)],
    "max-age-0-no-validator": [("Cache-Control", "max-age=0")],
}


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        name = self.path.rsplit("/", 1)[-1]
        headers = CASES.get(name)
        if headers is None:
            self.send_error(404)
            return
        etag = dict(headers).get("ETag")
        modified = dict(headers).get("Last-Modified")
        conditional = (etag and self.headers.get("If-None-Match") == etag) or (
            modified and self.headers.get("If-Modified-Since") == modified)
        body = f"case {name}\n".encode()
        self.send_response(304 if conditional else 200)
        for key, value in headers:
            self.send_header(key, value)
        if not conditional:
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not conditional:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Origin)
print(f"listening on tcp://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
