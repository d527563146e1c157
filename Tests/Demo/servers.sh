# The capstone's little network, shared by `make demo` (Tests/Demo/demo.sh), `make lan-demo`
# (Tests/Demo/lan-demo.sh), `make bench LAB=09` and `make interop LAB=09`: build the four
# servers, start them in the right order, read their ports from their `listening on` lines,
# and stop them again.
#
#   lab06-dns server       the authority for home. (Handouts/examples/home.zone), admin port
#   lab05-dhcp server      leases addresses; option 6 names the DNS server
#   lab07-framing relay    fetches http:// URLs for its clients (FETCH)
#   lab09-capstone app-server   serves Handouts/examples/my-app over HTTP and RUDP, and
#                          registers my-app.home with the DNS server's admin channel
#
# Everything a server prints goes to $work/NAME.out and $work/NAME.err.

say() { printf '%s\n' "$*"; }

# build_demo_binaries IMPL SCRATCH [swift build options…]: builds labs 05, 06, 07 and 09's
# programs and prints the folder that holds them.
build_demo_binaries() {
    local impl=$1 scratch=$2; shift 2
    NETLAB_IMPL=$impl NETLAB_LABS=05,06,07,09 ${SWIFT:-swift} build --scratch-path "$scratch" "$@" -q >&2 \
        || return 1
    NETLAB_IMPL=$impl NETLAB_LABS=05,06,07,09 ${SWIFT:-swift} build --scratch-path "$scratch" "$@" --show-bin-path
}

# demo_workspace NAME: a temporary folder, $work, and the EXIT trap that stops every process
# in $pids (the app server first, with SIGTERM, so that it unregisters its name) and removes
# the folder, however the script ends.
demo_workspace() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1-XXXXXX")
    pids=()
    names=()
    trap cleanup_demo EXIT
}

# The EXIT trap. Under `set -e` a failing command would end a trap early, so every step may fail.
cleanup_demo() {
    local status=$?
    set +e
    stop_network
    stop_capture
    [ "$(type -t cleanup_extra)" = function ] && cleanup_extra
    rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }
    return $status
}

# stop_network: stops the servers in the opposite order to their start, and waits for each.
# SIGTERM is a clean stop (the app server unregisters); after 3 s a server gets SIGKILL.
# (Not SIGINT: a shell script's background jobs start with SIGINT ignored.)
stop_network() {
    local i pid
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[$i]}
        kill -TERM "$pid" 2>/dev/null || continue
        for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}

# start NAME SCHEME COMMAND…: starts a server in the background and waits, up to 20 s, for its
# first `listening on SCHEME://…` line. Sets PORT to that line's port. Fails, showing what the
# server printed, if the server exits or stays silent.
start() {
    local name=$1 scheme=$2; shift 2
    : > "$work/$name.out"  # there before the server opens it: the loop below reads it at once
    "$@" > "$work/$name.out" 2> "$work/$name.err" &
    local pid=$!
    pids+=("$pid")
    names+=("$name")
    PORT=
    for _ in $(seq 200); do
        if grep -q "^listening on $scheme://" "$work/$name.out"; then
            PORT=$(listening_port "$name" "$scheme")
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    say "error: $name did not start (no 'listening on $scheme://…' line): $*" >&2
    sed "s/^/  $name: /" "$work/$name.out" "$work/$name.err" >&2
    return 1
}

# listening_port NAME SCHEME [SUFFIX]: the port of NAME's `listening on SCHEME://HOST:PORT`
# line, the one that ends with ` (SUFFIX)` when a suffix is given.
listening_port() {
    local name=$1 scheme=$2 suffix=${3:-}
    if [ -n "$suffix" ]; then
        grep -m1 "^listening on $scheme://.* ($suffix)$" "$work/$name.out" | sed 's/.*:\([0-9]*\) (.*)$/\1/'
    else
        grep -m1 "^listening on $scheme://" "$work/$name.out" | sed 's/.*:\([0-9]*\)\( (.*)\)\{0,1\}$/\1/'
    fi
}

# client_has OPTION: whether `lab09-capstone client --help` lists OPTION. The servers whose
# port the client cannot be told run on the port the client assumes (their default).
client_has() { grep -q -- "$1[ ,=]" <<< "$CLIENT_HELP"; }

# start_network BIN HOST [lan]: starts the four servers bound to HOST (127.0.0.1 on loopback,
# the server namespace's address in LAN mode). Sets DHCP_PORT, DNS_PORT, ADMIN_PORT,
# RELAY_PORT, HTTP_PORT, RUDP_PORT, and CLIENT_PORTS (GATEWAY_PORTS): the options that tell
# the client (the gateway) the ports it cannot learn from DHCP and DNS.
start_network() {
    local bin=$1 host=$2 mode=${3:-loopback}
    CLIENT_HELP=$("$bin/lab09-capstone" client --help 2>&1 || true)
    CLIENT_PORTS=()
    local dns_port=5353 http_port=8080 rudp_port=8081 relay_port=2121
    client_has --dns-port && dns_port=0
    client_has --http-port && http_port=0
    client_has --rudp-port && rudp_port=0
    client_has --relay && relay_port=0
    [ "$mode" = lan ] && dns_port=53

    # The admin channel takes commands from loopback only. In LAN mode the DNS server listens on
    # every address of its machine, so the app server, on the same machine, registers over 127.0.0.1.
    local dns_host=$host admin_host=$host
    [ "$mode" = lan ] && dns_host=0.0.0.0 admin_host=127.0.0.1
    start dns udp "$bin/lab06-dns" server --host "$dns_host" --port "$dns_port" --admin-port 0 --zone "$ZONE" \
        --upstream none
    DNS_PORT=$PORT
    ADMIN_PORT=$(listening_port dns udp admin)

    if [ "$mode" = lan ]; then
        start dhcp udp "$bin/lab05-dhcp" server --broadcast --pool "$LAN_POOL" --subnet-mask 255.255.255.0 \
            --router "$host" --dns "$host" --domain home --lease 600 --server-id "$host"
    else
        start dhcp udp "$bin/lab05-dhcp" server --host "$host" --port 0 --pool 127.0.0.100-127.0.0.199 \
            --router "$host" --dns "$host" --domain home --lease 600
    fi
    DHCP_PORT=$PORT

    start relay tcp "$bin/lab07-framing" relay --host "$host" --port "$relay_port" --allow "$host"
    RELAY_PORT=$PORT

    start app tcp "$bin/lab09-capstone" app-server --host "$host" --http-port "$http_port" \
        --rudp-port "$rudp_port" --root "$APP" --dns "$admin_host:$ADMIN_PORT" --domain "$NAME" --register-as "$host"
    HTTP_PORT=$PORT
    RUDP_PORT=$(grep -m1 "^listening on udp://" "$work/app.out" | sed 's/.*:\([0-9]*\)\( (.*)\)\{0,1\}$/\1/')

    client_has --dns-port && CLIENT_PORTS+=(--dns-port "$DNS_PORT")
    client_has --http-port && CLIENT_PORTS+=(--http-port "$HTTP_PORT")
    client_has --rudp-port && CLIENT_PORTS+=(--rudp-port "$RUDP_PORT")
    # The gateway takes the same ports, but no relay: it fetches over RUDP only.
    GATEWAY_PORTS=("${CLIENT_PORTS[@]}")
    client_has --relay && CLIENT_PORTS+=(--relay "$host:$RELAY_PORT")
    return 0
}

# show_network: one line per server, where it listens.
show_network() {
    local name
    for name in "${names[@]}"; do
        sed "s/^/  $(printf '%-6s' "$name") /" "$work/$name.out"
    done
}

# show_server_logs: what each server wrote on stderr (its log), for a failure's report.
show_server_logs() {
    local name
    for name in "${names[@]}"; do sed "s/^/  $name: /" "$work/$name.err" >&2; done
}

# sha256 FILE: the file's SHA-256 in hex (sha256sum on Linux, shasum on macOS).
sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# checksums CLIENT_OUTPUT SAVED ORIGINAL: the SHA-256 of each body, as the client printed it
# (`sha256 tcp   HEX`), of the copy it saved, and of the file the app server served; fails
# unless there are three and they are all the same.
checksums() {
    local output=$1 saved=$2 original=$3 want count bad
    want=$(sha256 "$original")
    count=$(grep -c '^sha256 ' "$output" || true)
    bad=$(grep '^sha256 ' "$output" | awk -v want="$want" '$3 != want' | wc -l)
    sed -n 's/^sha256 \([a-z]*\) *\([0-9a-f]*\)$/  \2  \1 (as the client computed it)/p' "$output"
    printf '  %s  %s (the copy the client saved)\n' "$(sha256 "$saved")" "$saved"
    printf '  %s  %s (the file the app server read)\n' "$want" "$original"
    if [ "$count" != 3 ]; then say "error: the client printed $count checksums, not 3" >&2; return 1; fi
    if [ "$bad" != 0 ] || [ "$(sha256 "$saved")" != "$want" ]; then
        say "error: the bodies differ from the file" >&2
        return 1
    fi
    say "  all the same bytes"
}

# start_capture FILE INTERFACE [PREFIX]: records INTERFACE with tcpdump into FILE until
# stop_capture (PREFIX, such as "ip netns exec NS", runs it elsewhere). Without tcpdump, or
# without root, it says how to get them and fails (the demo goes on without).
start_capture() {
    local file=$1 interface=$2 prefix=${3:-}
    CAPTURE_PID=
    if ! command -v tcpdump >/dev/null 2>&1 && [ ! -x /usr/sbin/tcpdump ]; then
        say "PCAP: tcpdump is not installed, so this run records nothing. Install it and run again:" >&2
        say "  Debian/Ubuntu: sudo apt-get install tcpdump    Fedora: sudo dnf install tcpdump" >&2
        say "  (macOS has it; there, capture with: sudo tcpdump -i lo0 -w $file)" >&2
        return 1
    fi
    if [ "$(id -u)" != 0 ]; then
        say "PCAP: capturing needs root: run sudo make demo PCAP=$file (this run records nothing)" >&2
        return 1
    fi
    local tcpdump; tcpdump=$(command -v tcpdump || echo /usr/sbin/tcpdump)
    # -U writes each packet as it comes, so the file is whole even if the demo is cut short.
    # Everything on the interface goes to a first file; describe_capture keeps this run's part.
    # --immediate-mode: without it, packets wait in the kernel's ring buffer for up to a second
    # and those still there when tcpdump is stopped are lost (on a quiet loopback, all of them).
    CAPTURE_FILE=$file
    : > "$work/tcpdump.err"
    $prefix "$tcpdump" --immediate-mode -Z root -i "$interface" -n -U -s 0 -w "$work/all.pcap" > "$work/tcpdump.out" 2> "$work/tcpdump.err" &
    CAPTURE_PID=$!
    for _ in $(seq 100); do grep -q "listening on" "$work/tcpdump.err" && break; sleep 0.05; done
    say "PCAP: recording $interface into $file"
}

# stop_capture: stops tcpdump (SIGINT: it writes what it holds and exits) and waits for it.
stop_capture() {
    [ -n "${CAPTURE_PID:-}" ] || return 0
    sleep 0.3  # the last packets' way through the kernel to tcpdump
    kill -INT "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=
}

# describe_capture: keeps, of what was recorded, the packets to or from this run's servers
# (another program's traffic on the same interface is left out), saves them in the file
# asked for, and says how to open it with the kit's dissectors.
describe_capture() {
    local file=$CAPTURE_FILE filter="" port count
    for port in "$DHCP_PORT" "$DNS_PORT" "$ADMIN_PORT" "$RELAY_PORT" "$HTTP_PORT" "$RUDP_PORT"; do
        filter+="${filter:+ or }port $port"
    done
    [ "$DHCP_PORT" != 67 ] || filter+=" or port 68"
    local tcpdump; tcpdump=$(command -v tcpdump || echo /usr/sbin/tcpdump)
    "$tcpdump" -Z root -r "$work/all.pcap" -w "$file" "$filter" 2> /dev/null \
        || { say "PCAP: could not write $file" >&2; return 1; }
    count=$("$tcpdump" -r "$file" -n 2> /dev/null | wc -l)
    say "PCAP: $count packets in $file (DHCP, DNS and its admin channel, HTTP, the relay, RUDP)"
    say "  open it: wireshark $(decode_options) $file"
    say "  or:      tshark $(decode_options) -r $file"
}

# The tshark/Wireshark options that name this run's ports: DHCP, DNS, the relay's frames and
# RUDP (with the kit's dissectors, Handouts/relay.lua and Handouts/rudp.lua).
decode_options() {
    local options="-X lua_script:Handouts/rudp.lua -X lua_script:Handouts/relay.lua"
    [ "$DHCP_PORT" = 67 ] || options+=" -d udp.port==$DHCP_PORT,dhcp"
    [ "$DNS_PORT" = 53 ] || options+=" -d udp.port==$DNS_PORT,dns"
    options+=" -d udp.port==$RUDP_PORT,netlab_rudp -d tcp.port==$RELAY_PORT,netlab_relay"
    [ "$HTTP_PORT" = 80 ] || options+=" -d tcp.port==$HTTP_PORT,http"
    printf '%s' "$options"
}
