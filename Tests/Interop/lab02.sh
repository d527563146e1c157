#!/usr/bin/env bash
# Lab 02's server against curl and wget: bodies byte for byte, HEAD, ranges,
# conditional GET, keep-alive reuse, and traversal refused; then a real browser beside curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need curl curl || exit 0
need wget wget || exit 0
bin=$(build_solution 02)
workspace lab02-interop
root=$work/root
mkdir -p "$root"
head -c 200000 /dev/urandom > "$root/blob.bin"
echo '<h1>hello</h1>' > "$root/index.html"
start_server tcp "$bin/lab02-http" server --port 0 --root "$root"
port=$SERVER_PORT
url=http://127.0.0.1:$port
check 'curl GET: 200000 bytes intact' 'curl -sf "$url/blob.bin" | cmp - "$root/blob.bin"'
check 'wget GET: 200000 bytes intact' 'wget -q -O - "$url/blob.bin" | cmp - "$root/blob.bin"'
check 'curl HEAD: text/html' 'curl -sfI "$url/index.html" | grep -qi '\''^content-type: text/html'\'''
check 'curl range 10-19: 10 bytes' '[ "$(curl -sf -r 10-19 "$url/blob.bin" | wc -c)" = 10 ]'
modified=$(curl -sfI "$url/index.html" | sed -n 's/^[Ll]ast-[Mm]odified: //p' | tr -d '\r')
check 'conditional GET: 304' '[ "$(curl -s -o /dev/null -w '\''%{http_code}'\'' -H "If-Modified-Since: $modified" "$url/index.html")" = 304 ]'
check 'keep-alive: second request reused the connection' '[ "$(curl -s -o /dev/null -w '\''%{num_connects}'\'' "$url/index.html" "$url/index.html" | tail -c 1)" = 0 ]'
code=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$url/../../etc/passwd")
check "traversal refused (HTTP $code)" '[ "$code" = 400 ] || [ "$code" = 403 ] || [ "$code" = 404 ]'
# A real browser (headless Chromium, in a network namespace of its own) and curl beside it.
bash Tests/Interop/browser-02.sh || FAILURES=$((FAILURES + 1))
[ "$FAILURES" = 0 ]
