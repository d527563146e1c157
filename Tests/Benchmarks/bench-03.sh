#!/usr/bin/env bash
# make bench LAB=03 [IMPL=solutions|labs] [BUILD=.build]
#
# Requests per second through lab03-proxy (release build) and through squid (memory cache
# of the same size: cache_mem 1 MB, 100 KB objects), both in front of the same origin
# (nginx when it can be installed, else lab02-http), with the same load generator (wrk) at
# the same concurrency:
#   hits    one small file, heuristically fresh (modified two days ago): every request a hit;
#   misses  a new query string per request (a Lua script), so every request goes to the origin;
#   direct  the origin alone, for the misses' ratio.
# Prints figures and ratios. The issue's targets on 2 cores: hits and misses each at least
# 1x squid (aim for 1.5x). Skips squid, saying so, when it cannot be installed.
#
# Knobs: DURATION=5 (seconds per run), CONNECTIONS=16, THREADS=16 (proxy workers).
# Traffic goes only to 127.0.0.1.
set -euo pipefail

IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-16}
cd "$(dirname "$0")/../.."

source Tests/Interop/common.sh  # need, say, workspace, start_server
workspace lab03-bench
chmod a+rwx "$work"  # squid and nginx workers run as other users

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

if ! need wrk wrk; then
    say "wrk is not installed and could not be: the benchmark needs it, skipping"
    exit 0
fi

# --- the site: one 1 KiB file, modified two days ago -------------------------------------
mkdir -p "$work/site"
chmod a+rx "$work/site"
python3 -c "print('<!DOCTYPE html><title>bench</title>' + 'x' * 985)" > "$work/site/index.html"
touch -d '2 days ago' "$work/site/index.html"
chmod a+r "$work/site/index.html"

# --- wrk scripts: absolute-form requests, as a client configured with a proxy sends -------
# proxied ORIGIN_PORT MODE prints a Lua script for wrk; MODE is hit or miss.
proxied() {
    cat <<LUA
local n = 0
request = function()
    n = n + 1
    local path = "http://127.0.0.1:$1/index.html"
    if "$2" == "miss" then path = path .. "?n=" .. n .. "-" .. math.random(1, 1000000000) end
    return wrk.format("GET", path)
end
LUA
}

# measure URL [SCRIPT] prints successful answers per second (2xx and 304 only).
measure() {
    local script=()
    [ -n "${2:-}" ] && script=(-s "$2")
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "${script[@]}" "$1" 2>/dev/null | awk '
        / requests in / { total = $1; seconds = $4; sub(/s,?$/, "", seconds) }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        END { if (seconds > 0) printf "%.0f\n", (total - bad) / seconds; else print 0 }'
}

ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}x' if b else '-')" "$1" "$2"; }

# --- build -------------------------------------------------------------------------------
say "building lab03-proxy from $IMPL (release)…"
if ! NETLAB_IMPL=$IMPL NETLAB_LABS=03 swift build -c release --scratch-path "$BUILD/$IMPL-release" --product lab03-proxy -q; then
    say "error: lab03-proxy ($IMPL) does not build" >&2
    exit 1
fi
proxy_bin=$(NETLAB_IMPL=$IMPL NETLAB_LABS=03 swift build -c release --scratch-path "$BUILD/$IMPL-release" --show-bin-path)/lab03-proxy

# --- the origin --------------------------------------------------------------------------
origin_port=$(free_port)
if need nginx nginx; then
    mkdir -p "$work/nginx/logs"
    cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server { listen 127.0.0.1:$origin_port; root $work/site; }
}
CONF
    "$(command -v nginx || echo /usr/sbin/nginx)" -p "$work/nginx" -c "$work/nginx/nginx.conf" > /dev/null 2>&1 &
    pids+=($!)
    origin_name="nginx (1 worker)"
else
    say "nginx could not be installed: lab02-http ($IMPL) is the origin"
    NETLAB_IMPL=$IMPL NETLAB_LABS=02 swift build -c release --scratch-path "$BUILD/$IMPL-release" --product lab02-http -q
    lab02=$(NETLAB_IMPL=$IMPL NETLAB_LABS=02 swift build -c release --scratch-path "$BUILD/$IMPL-release" --show-bin-path)/lab02-http
    "$lab02" server --port "$origin_port" --root "$work/site" --threads 8 --idle-timeout 30 > /dev/null 2>&1 &
    pids+=($!)
    origin_name="lab02-http"
fi
wait_port "$origin_port" || { say "error: the origin did not start"; exit 1; }

proxied "$origin_port" hit > "$work/hit.lua"
proxied "$origin_port" miss > "$work/miss.lua"

# --- lab03-proxy -------------------------------------------------------------------------
start_server tcp "$proxy_bin" server --port 0 --threads "$THREADS" || { say "error: lab03-proxy did not start"; exit 1; }
lab_port=$SERVER_PORT
cache=$(curl -s -o /dev/null -w '%header{x-cache}' -x "http://127.0.0.1:$lab_port" "http://127.0.0.1:$origin_port/index.html"; \
        curl -s -o /dev/null -w '%header{x-cache}' -x "http://127.0.0.1:$lab_port" "http://127.0.0.1:$origin_port/index.html")
[ "$cache" = "MISSHIT" ] || say "warning: lab03-proxy did not answer MISS then HIT (got '$cache')"

say "origin: $origin_name; file: 1 KiB; load: wrk -t2 -c$CONNECTIONS -d${DURATION}s, keep-alive, 2xx/304 only"
say
direct=$(measure "http://127.0.0.1:$origin_port/index.html")
lab_hits=$(measure "http://127.0.0.1:$lab_port/" "$work/hit.lua")
lab_misses=$(measure "http://127.0.0.1:$lab_port/" "$work/miss.lua")

# --- squid -------------------------------------------------------------------------------
squid_hits="" squid_misses=""
if need squid squid; then
    squid_port=$(free_port)
    cat > "$work/squid.conf" <<CONF
http_port 127.0.0.1:$squid_port
http_access allow all
cache_mem 1 MB
maximum_object_size_in_memory 100 KB
pid_filename $work/squid.pid
access_log none
cache_log $work/squid-cache.log
cache_store_log none
coredump_dir $work
shutdown_lifetime 0 seconds
CONF
    squid_bin=$(command -v squid || echo /usr/sbin/squid)
    "$squid_bin" -N -f "$work/squid.conf" > "$work/squid.out" 2>&1 &
    pids+=($!)
    if wait_port "$squid_port"; then
        curl -s -o /dev/null -x "http://127.0.0.1:$squid_port" "http://127.0.0.1:$origin_port/index.html" || true
        squid_hits=$(measure "http://127.0.0.1:$squid_port/" "$work/hit.lua")
        squid_misses=$(measure "http://127.0.0.1:$squid_port/" "$work/miss.lua")
    else
        say "squid did not start: skipped ($(tail -1 "$work/squid-cache.log" 2>/dev/null))"
    fi
else
    say "squid is not installed and could not be: the squid comparison is skipped"
fi

printf '%-28s %14s %14s\n' "" "hits req/s" "misses req/s"
printf '%-28s %14s %14s\n' "lab03-proxy ($IMPL)" "$lab_hits" "$lab_misses"
[ -n "$squid_hits" ] && printf '%-28s %14s %14s\n' "squid" "$squid_hits" "$squid_misses"
printf '%-28s %14s %14s\n' "direct to the origin" "-" "$direct"
say
say "misses vs direct: lab03-proxy $(ratio "$lab_misses" "$direct")$([ -n "$squid_misses" ] && echo ", squid $(ratio "$squid_misses" "$direct")")"
if [ -n "$squid_hits" ]; then
    say "lab03-proxy vs squid: hits $(ratio "$lab_hits" "$squid_hits"), misses $(ratio "$lab_misses" "$squid_misses") (target: at least 1x, aim 1.5x)"
fi
