#!/usr/bin/env bash
# A real browser and a second client, both served by lab02-http with 8 workers.
#
# Headless Chromium loads a page with 12 images; it fetches them over several keep-alive
# connections and keeps those open, idle, while it stays on the page. A Python client then
# holds 4 more idle keep-alive connections. With more idle connections than workers, curl
# must still be answered at once (in under 3 s; a server whose workers wait out the idle
# timeout would make it wait 30 s).
#
# Everything runs inside a network namespace of its own (`unshare -n`): the browser sees
# only that namespace's loopback, so it cannot reach the host's resolver or anything else.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
[ "$(id -u)" = 0 ] || { echo "the browser check needs root (unshare -n): skipping"; exit 0; }
need chromium chromium || exit 0
need curl curl || exit 0
bin=$(build_solution 02)
workspace lab02-browser
mkdir -p "$work/site"
images=""
for i in $(seq 1 12); do
  head -c 20000 /dev/urandom > "$work/site/image$i.png"
  images="$images<img src=\"image$i.png\">"
done
echo "<!DOCTYPE html><title>netlab</title><h1>twelve images</h1>$images" > "$work/site/index.html"
chmod -R a+rX "$work"

unshare -n bash -s -- "$bin" "$work" <<'INSIDE'
set -euo pipefail
bin=$1 work=$2
source Tests/Interop/common.sh
pids=()
# Chromium runs as a group of processes (setsid below): stop the whole group.
trap 'for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
      wait 2>/dev/null || true' EXIT
ip link set lo up
start_server tcp "$bin/lab02-http" server --port 0 --root "$work/site" --threads 8 --idle-timeout 30 \
  --access-log "$work/access.log"
url=http://127.0.0.1:$SERVER_PORT/index.html
setsid chromium --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/chrome" \
  --remote-debugging-port=0 "$url" > "$work/chromium.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do [ "$(grep -c 'image' "$work/access.log" 2>/dev/null)" -ge 12 ] && break; sleep 0.1; done
check 'the browser fetched the page and its 12 images' '[ "$(grep -c " 200 " "$work/access.log")" -ge 13 ]'
browser=$(ss -Htn state established "( dport = :$SERVER_PORT )" | wc -l)
python3 - "$SERVER_PORT" > "$work/holder.log" 2>&1 <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
held = []
for _ in range(4):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    s.recv(65536)
    held.append(s)
print("holding", len(held), flush=True)
time.sleep(60)
PY
pids+=($!)
for _ in $(seq 100); do grep -q holding "$work/holder.log" && break; sleep 0.1; done
idle=$(ss -Htn state established "( dport = :$SERVER_PORT )" | wc -l)
echo "   idle keep-alive connections to the server: $browser from the browser, $idle in all"
start=$(date +%s.%N)
code=$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' "$url" || true)
took=$(python3 -c "import time; print(f'{time.time() - $start:.3f}')")
echo "   curl beside them: HTTP $code in $took s"
check 'more idle connections than workers (8)' '[ "$idle" -gt 8 ]'
check 'curl is answered beside them, within 3 s' '[ "$code" = 200 ]'
check 'the browser is still connected (its connections were parked, not closed)' \
  '[ "$(ss -Htn state established "( dport = :$SERVER_PORT )" | wc -l)" -ge "$idle" ]'
[ "$FAILURES" = 0 ]
INSIDE
