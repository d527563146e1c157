#!/usr/bin/env bash
# make bench LAB=02 [IMPL=solutions|labs] [BUILD=.build]
#
# Keep-alive requests per second for a small file (1 KiB), served by lab02-http (release
# build), by Python's `http.server`, and by nginx with one worker process, all on loopback,
# measured with the same load generator (wrk when it can be installed, else a small Python
# keep-alive client). Two loads: as many connections as lab02-http has workers, and many
# more (256, as wrk -c256), where only successful answers (2xx, 304) count: a 503 is cheap
# to send and must not pass for service. Prints the figures and the ratios against the
# issue's targets: at least 10x Python's server and at least half of nginx, at both loads.
#
# Knobs: DURATION=5 (seconds per run), CONNECTIONS=8, MANY=256 (the second load),
# THREADS=8 (lab02-http workers). Each run is bounded in time and sends traffic only to
# 127.0.0.1.
set -euo pipefail

IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-8}
MANY=${MANY:-256}
THREADS=${THREADS:-8}
cd "$(dirname "$0")/../.."

source Tests/Interop/common.sh  # need, say, workspace, start_server
workspace lab02-bench

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() {  # wait until something listens on 127.0.0.1:$1 (at most 10 s)
    for _ in $(seq 100); do
        python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$1)))" && return 0
        sleep 0.1
    done
    return 1
}

# --- the site: one small file ------------------------------------------------------------
mkdir -p "$work/site"
chmod a+rx "$work" "$work/site"  # nginx's worker runs as another user: it must read the file too.
python3 -c "print('<!DOCTYPE html><title>bench</title>' + 'x' * 985)" > "$work/site/index.html"
size=$(wc -c < "$work/site/index.html")

# --- the load generator ------------------------------------------------------------------
# measure URL CONNECTIONS prints two numbers: successful answers (2xx, 304) per second, and
# all answers per second.
if need wrk wrk; then
    have_wrk=1
    generator="wrk -t2 -d${DURATION}s, keep-alive; req/s counts 2xx and 304 answers only"
    measure() {
        wrk -t2 -c"$2" -d"${DURATION}s" "$1" 2>/dev/null | awk '
            / requests in / { total = $1; seconds = $4; sub(/s,?$/, "", seconds) }
            /Non-2xx or 3xx responses:/ { bad = $NF }
            END { if (seconds > 0) printf "%.2f %.2f\n", (total - bad) / seconds, total / seconds }'
    }
else
    have_wrk=""
    generator="python3 keep-alive client, one process per connection (wrk could not be installed; figures are lower)"
    measure() {
        python3 - "$1" "$2" "$DURATION" <<'PY2'
import multiprocessing, socket, sys, time, urllib.parse
url, connections, duration = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
parts = urllib.parse.urlsplit(url)
request = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()
def worker(queue):
    count, good, end = 0, 0, time.time() + duration
    sock = None
    while time.time() < end:
        if sock is None:
            sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
            buffer = b""
        sock.sendall(request)
        while b"\r\n\r\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk: break
            buffer += chunk
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")), 0)
        while len(buffer) < length:
            chunk = sock.recv(65536)
            if not chunk: break
            buffer += chunk
        buffer = buffer[length:]
        count += 1
        status = head.split(b" ")[1] if head.count(b" ") else b"0"
        good += status.startswith(b"2") or status == b"304"
        if b"connection: close" in head.lower() or b"HTTP/1.0" in head.split(b"\r\n")[0]:
            sock.close(); sock = None
    queue.put((good, count))
queue = multiprocessing.Queue()
procs = [multiprocessing.Process(target=worker, args=(queue,)) for _ in range(connections)]
for p in procs: p.start()
results = [queue.get() for _ in procs]
for p in procs: p.join()
print(f"{sum(g for g, _ in results) / duration:.2f} {sum(c for _, c in results) / duration:.2f}")
PY2
    }
fi
good() { printf '%s' "${1%% *}"; }  # the first number measure printed
all() { printf '%s' "${1##* }"; }   # the second

# cell RESULT: the successful answers per second, and all of them when some were not.
cell() {
    if [ -z "$1" ]; then printf '%18s' "not measured"; return; fi
    printf '%12s req/s' "$(good "$1")"
    [ "$(good "$1")" != "$(all "$1")" ] && printf ' (all answers: %s/s)' "$(all "$1")"
}

# row NAME "8-connection result" "256-connection result"
row() { printf '%-34s %s   %s\n' "$1" "$(cell "$2")" "$(cell "$3")"; }

# --- build lab02-http --------------------------------------------------------------------
say "building lab02-http from $IMPL (release)…"
if ! NETLAB_IMPL=$IMPL NETLAB_LABS=02 swift build -c release --scratch-path "$BUILD/$IMPL-release" --product lab02-http -q; then
    say "error: lab02-http ($IMPL) does not build" >&2
    exit 1
fi
bin=$(NETLAB_IMPL=$IMPL NETLAB_LABS=02 swift build -c release --scratch-path "$BUILD/$IMPL-release" --show-bin-path)/lab02-http

say "file: index.html, $size bytes; load: $generator"
say

# --- lab02-http --------------------------------------------------------------------------
# The default queue (64): with more connections than that, what a user would get, 503s
# included. The idle timeout outlasts a run, so no connection is closed under wrk.
if ! start_server tcp "$bin" server --port 0 --root "$work/site" --threads "$THREADS" --idle-timeout 30; then
    say "error: lab02-http ($IMPL) did not start"
    exit 1
fi
pids+=("$SERVER_PID")
rm -f "$SERVER_LOG"  # The port is read; the server's stdout has nothing more to say.
lab_port=$SERVER_PORT
if ! curl_check=$(python3 -c "import urllib.request; print(len(urllib.request.urlopen('http://127.0.0.1:$lab_port/index.html', timeout=5).read()))" 2>&1) || [ "$curl_check" != "$size" ]; then
    say "error: lab02-http ($IMPL) does not serve the file correctly (got: $curl_check)"
    exit 1
fi
say "$(printf '%-34s %18s   %18s' "" "$CONNECTIONS connections" "$MANY connections")"
lab=$(measure "http://127.0.0.1:$lab_port/index.html" "$CONNECTIONS")
lab_many=""
[ -n "$have_wrk" ] && lab_many=$(measure "http://127.0.0.1:$lab_port/index.html" "$MANY")
row "lab02-http ($IMPL, $THREADS threads)" "$lab" "$lab_many"

# --- Python http.server ------------------------------------------------------------------
python=""
if command -v python3 >/dev/null 2>&1; then
    py_port=$(free_port)
    python3 -m http.server "$py_port" --bind 127.0.0.1 --directory "$work/site" > /dev/null 2>&1 &
    pids+=($!)
    if wait_port "$py_port"; then
        python=$(measure "http://127.0.0.1:$py_port/index.html" "$CONNECTIONS")
        row "python3 -m http.server" "$python" ""
    else
        say "python3 -m http.server did not start: skipped"
    fi
else
    say "python3 is not installed: Python comparison skipped"
fi

# --- nginx, one worker -------------------------------------------------------------------
nginx=""
nginx_many=""
if need nginx nginx; then
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    ng_port=$(free_port)
    mkdir -p "$work/nginx/logs"
    mime=""
    [ -f /etc/nginx/mime.types ] && mime="include /etc/nginx/mime.types;"
    cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    $mime
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$ng_port;
        root $work/site;
    }
}
CONF
    "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" > /dev/null 2>&1 &
    pids+=($!)
    if wait_port "$ng_port"; then
        nginx=$(measure "http://127.0.0.1:$ng_port/index.html" "$CONNECTIONS")
        nginx_many=""
        [ -n "$have_wrk" ] && nginx_many=$(measure "http://127.0.0.1:$ng_port/index.html" "$MANY")
        row "nginx (worker_processes 1)" "$nginx" "$nginx_many"
    else
        say "nginx did not start: skipped ($(tail -1 "$work/nginx/logs/error.log" 2>/dev/null))"
    fi
else
    say "nginx is not installed and could not be: nginx comparison skipped"
fi

# --- ratios ------------------------------------------------------------------------------
say
ratio() { python3 -c "a,b=float('$1' or 0),float('$2' or 0); print(f'{a/b:.2f}' if b > 0 else 'n/a')"; }
verdict() { python3 -c "import sys; r='$1'; print('meets' if r!='n/a' and float(r) >= $2 else 'below')"; }
if [ -n "$python" ]; then
    r=$(ratio "$(good "$lab")" "$(good "$python")")
    say "lab02-http / python http.server         = ${r}x   (target >= 10x: $(verdict "$r" 10))"
fi
if [ -n "$nginx" ]; then
    r=$(ratio "$(good "$lab")" "$(good "$nginx")")
    say "lab02-http / nginx, $CONNECTIONS connections      = ${r}x   (target >= 0.5x: $(verdict "$r" 0.5))"
fi
if [ -n "$nginx_many" ] && [ -n "$lab_many" ]; then
    r=$(ratio "$(good "$lab_many")" "$(good "$nginx_many")")
    say "lab02-http / nginx, $MANY connections    = ${r}x   (target >= 0.5x: $(verdict "$r" 0.5); 2xx/304 only)"
elif [ -z "$have_wrk" ]; then
    say "the $MANY-connection load needs wrk, which could not be installed: skipped"
fi
exit 0
