#!/usr/bin/env bash
# Lab 03's proxy used by real clients: curl -x, wget with http_proxy, Python's httpx, and
# curl through a CONNECT tunnel; lab 02's reference server is the origin. Then the same
# freshness cases sent through squid and through the proxy, their HIT/MISS/REVALIDATED
# decisions compared; then headless Chromium (inside `unshare -n`, so it sees only a
# loopback of its own) loading a page with CSS, JS and an image through the proxy.
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
check 'an HTTP/1.0 client (curl -0) gets the body whole and no chunked coding' \
  'curl -sf -0 -x "$proxy" -D "$work/h10" "$origin/big.bin" | cmp - "$root/big.bin" && ! grep -qi "^transfer-encoding" "$work/h10"'
check 'the origin'"'"'s Server header reaches the client (the proxy adds Via, not Server)' \
  'curl -sf -x "$proxy" -D - -o /dev/null "$origin/index.html" | grep -qi "^server: lab02-http"'

# --- cache decisions beside squid's ------------------------------------------------------
# The same freshness cases, each requested twice, through squid (memory cache, heuristic
# 10% of the Last-Modified age capped at a day, as RFC 9111 §4.2.2 suggests and the proxy
# does) and through lab03-proxy. The second request's decision must match. Both logs are in
# squid's native format; TCP_*HIT → HIT, TCP_REFRESH_UNMODIFIED → REVALIDATED, others MISS.
decision() {  # a squid-format result code → HIT, MISS or REVALIDATED
  case "$1" in
    *REFRESH_UNMODIFIED*) echo REVALIDATED ;;
    *HIT*) echo HIT ;;
    *) echo MISS ;;
  esac
}
if need squid squid; then
  start_server tcp python3 Tests/Interop/lab03_origin.py 0
  corpus=http://127.0.0.1:$SERVER_PORT
  start_server tcp "$bin/lab03-proxy" server --port 0 --access-log "$work/lab03-access.log"
  lab_proxy=http://127.0.0.1:$SERVER_PORT
  squid_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chmod a+rwx "$work"
  cat > "$work/squid.conf" <<CONF
http_port 127.0.0.1:$squid_port
http_access allow all
cache_mem 1 MB
maximum_object_size_in_memory 100 KB
refresh_pattern . 0 10% 1440
pid_filename $work/squid.pid
access_log stdio:$work/squid-access.log squid
cache_log $work/squid-cache.log
cache_store_log none
coredump_dir $work
shutdown_lifetime 0 seconds
CONF
  "$(command -v squid || echo /usr/sbin/squid)" -N -f "$work/squid.conf" > "$work/squid.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null -x "http://127.0.0.1:$squid_port" "$corpus/case/max-age" && break; sleep 0.1; done
  cases=$(python3 -c 'import sys; sys.argv=["x"]; exec(open("Tests/Interop/lab03_origin.py").read().split("class Origin")[0]); print(" ".join(CASES))')
  printf '   %-26s %-12s %-12s\n' "case (second request)" "squid" "lab03-proxy"
  agree=0 total=0
  for name in $cases; do
    for attempt in 1 2; do
      curl -s -o /dev/null -x "http://127.0.0.1:$squid_port" "$corpus/case/$name"
      curl -s -o /dev/null -x "$lab_proxy" "$corpus/case/$name"
    done
    sleep 0.2  # squid writes its log line after the answer
    theirs=$(decision "$(grep " $corpus/case/$name\$\| $corpus/case/$name " "$work/squid-access.log" | tail -1 | awk '{print $4}')")
    ours=$(decision "$(grep " $corpus/case/$name\$\| $corpus/case/$name " "$work/lab03-access.log" | tail -1 | awk '{print $4}')")
    total=$((total + 1))
    [ "$theirs" = "$ours" ] && agree=$((agree + 1))
    printf '   %-26s %-12s %-12s%s\n' "$name" "$theirs" "$ours" "$([ "$theirs" = "$ours" ] || echo '  <- differs')"
  done
  check "lab03-proxy's cache decisions match squid's ($agree of $total cases)" '[ "$agree" = "$total" ]'
else
  say "skip: squid is not installed and could not be: no comparison of cache decisions"
fi

# --- a real browser through the proxy ------------------------------------------------------
if [ "$(id -u)" = 0 ] && need chromium chromium; then
  site=$work/site
  mkdir -p "$site"
  cat > "$site/page.html" <<'HTML'
<!DOCTYPE html><html><head><title>netlab proxy</title><link rel="stylesheet" href="style.css">
<script src="app.js"></script></head><body><h1>through the proxy</h1><img id="logo" src="logo.png">
<p id="result">not run</p></body></html>
HTML
  echo 'h1 { color: rgb(1, 2, 3); }' > "$site/style.css"
  cat > "$site/app.js" <<'JS'
window.addEventListener("load", () => {
  const color = getComputedStyle(document.querySelector("h1")).color;
  const width = document.getElementById("logo").naturalWidth;
  document.getElementById("result").textContent = `css=${color} img=${width}`;
});
JS
  # A 1x1 PNG.
  printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82' \
    > "$site/logo.png"
  chmod -R a+rX "$work"
  unshare -n bash -s -- "$bin" "$work" > "$work/browser.out" 2>&1 <<'INSIDE' || true
set -euo pipefail
bin=$1 work=$2
source Tests/Interop/common.sh
pids=()
trap 'for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
      wait 2>/dev/null || true' EXIT
ip link set lo up
start_server tcp "$bin/lab02-http" server --port 0 --root "$work/site"
page=http://127.0.0.1:$SERVER_PORT/page.html
start_server tcp "$bin/lab03-proxy" server --port 0 --access-log "$work/browser-access.log"
# <-loopback> undoes Chromium's rule that 127.0.0.1 never goes through a proxy.
timeout 60 chromium --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/chrome" \
  --proxy-server="http://127.0.0.1:$SERVER_PORT" --proxy-bypass-list='<-loopback>' \
  --virtual-time-budget=5000 --dump-dom "$page" > "$work/dom.html" 2> "$work/chromium.log"
INSIDE
  check 'headless Chromium loaded the page through the proxy: CSS applied, JS ran, image decoded' \
    'grep -q "css=rgb(1, 2, 3) img=1" "$work/dom.html"'
  for asset in page.html style.css app.js logo.png; do
    check "the proxy's access log has Chromium's request for $asset" \
      'grep -q " GET http://127.0.0.1:[0-9]*/$asset " "$work/browser-access.log"'
  done
  [ "$FAILURES" = 0 ] || { sed 's/^/   browser: /' "$work/browser.out" "$work/chromium.log" 2>/dev/null | tail -20; }
else
  say "skip: the browser check needs root (unshare -n) and Debian's chromium"
fi
[ "$FAILURES" = 0 ]
