#!/usr/bin/env bash
# Lab 03's proxy used by real clients: curl -x, wget with http_proxy, Python's httpx, and
# curl through a CONNECT tunnel; lab 02's reference server is the origin.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need curl curl || exit 0
need wget wget || exit 0
build_solution 02 > /dev/null
bin=$(build_solution 03)
workspace lab03-interop
root=$work/root
mkdir -p "$root"
head -c 300000 /dev/urandom > "$root/big.bin"
head -c 20000 /dev/urandom > "$root/small.bin"
echo '<h1>hello</h1>' > "$root/index.html"
touch -d '2 days ago' "$root"/*
start_server tcp "$bin/lab02-http" server --port 0 --root "$root"
origin=http://127.0.0.1:$SERVER_PORT
origin_port=$SERVER_PORT
start_server tcp "$bin/lab03-proxy" server --port 0 --connect-ports "$origin_port" --access-log -
proxy=http://127.0.0.1:$SERVER_PORT
log=$SERVER_ERR

check 'curl -x: 300000 bytes intact (over --max-object, streamed)' \
  'curl -sf -x "$proxy" "$origin/big.bin" | cmp - "$root/big.bin"'
check 'curl -x: small file intact, first a MISS' \
  '[ "$(curl -sf -x "$proxy" -o /dev/null -w "%header{x-cache}" "$origin/small.bin")" = MISS ]'
check 'curl -x: the second request is a HIT' \
  '[ "$(curl -sf -x "$proxy" -o /dev/null -w "%header{x-cache}" "$origin/small.bin")" = HIT ]'
check 'wget with http_proxy: intact, and a HIT' \
  'http_proxy=$proxy wget -q -S -O "$work/w.bin" "$origin/small.bin" 2>"$work/w.err" && cmp "$work/w.bin" "$root/small.bin" \
    && grep -q "X-Cache: HIT" "$work/w.err"'
check 'curl -x: keep-alive to the proxy (second request reuses the connection)' \
  '[ "$(curl -s -x "$proxy" -o /dev/null -o /dev/null -w "%{num_connects}\n" "$origin/index.html" "$origin/index.html" | tail -n 1)" = 0 ]'
check 'curl -p (CONNECT tunnel) through to the origin' \
  'curl -sf -p -x "$proxy" "$origin/index.html" | grep -q hello'
if python3 -c 'import httpx' 2>/dev/null || pip install -q httpx >/dev/null 2>&1; then
  check 'httpx with a proxy: intact' \
    'python3 -c "import httpx,sys; r=httpx.get(sys.argv[1], proxy=sys.argv[2]); sys.stdout.buffer.write(r.content)" \
       "$origin/small.bin" "$proxy" | cmp - "$root/small.bin"'
else
  say "skip: httpx is not installed and pip could not install it"
fi
check 'the access log has TCP_HIT and TCP_TUNNEL lines' 'grep -q " TCP_HIT/200 " "$log" && grep -q " TCP_TUNNEL/200 " "$log"'
[ "$FAILURES" = 0 ]
