#!/usr/bin/env bash
# make bench LAB=04 [IMPL=solutions|labs] [BUILD=.build]
#
# 1,000 small messages over one connection (RSET between them) to lab04-smtp's sink: sent
# by lab04-smtp send --count 1000 (release build, PIPELINING), and by Python's smtplib doing
# the same (RSET, MAIL, RCPT, DATA per message, one command at a time, as smtplib does).
# Prints messages per second for each, the ratio (the issue's target: at least 3x smtplib),
# and which side limits: a sink that keeps up (sink CPU well under the client's wall time)
# is not the bottleneck. Both are timed over the same COUNT-1 messages, without process
# start-up, connect or EHLO, best of ROUNDS rounds taken in turn (a shared machine is noisy).
# Knobs: COUNT=1000, ROUNDS=5. Traffic goes only to 127.0.0.1.
set -euo pipefail

IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
COUNT=${COUNT:-1000}
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
workspace lab04-bench

case "$IMPL" in
labs) tree=labs ;;
solutions) tree=solutions ;;
*) echo "error: IMPL must be labs or solutions" >&2; exit 2 ;;
esac
NETLAB_IMPL=$tree NETLAB_LABS=04 swift build -c release --scratch-path "$BUILD/$tree-release" --product lab04-smtp -q >&2
bin=$(NETLAB_IMPL=$tree NETLAB_LABS=04 swift build -c release --scratch-path "$BUILD/$tree-release" --show-bin-path)

# The sink stores nothing (no --dir): disk writes and fsync would be the bottleneck, not SMTP.
start_server tcp "$bin/lab04-smtp" sink --port 0
port=$SERVER_PORT
sink_pid=$SERVER_PID

sink_cpu() {  # user+system CPU seconds the sink has used so far
    awk '{ printf "%.3f\n", ($14 + $15) / 100 }' "/proc/$sink_pid/stat"
}

ROUNDS=${ROUNDS:-5}
send() {  # send N: one run of lab04-smtp send --count N; prints its wall seconds
    local t0=$EPOCHREALTIME
    "$bin/lab04-smtp" send --server "127.0.0.1:$port" --from ada@example.org --to bob@example.org \
        --subject 'bench' --body 'A small message for the benchmark.' --count "$1" > "$work/ours.out"
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$EPOCHREALTIME"
}

# Both sides are timed over the same COUNT-1 messages: from the first message's 250 to the
# last one's, so neither pays for starting a process (a Swift binary, a Python interpreter),
# connecting or EHLO. For lab04-smtp that is the time of --count COUNT minus that of --count 1.
cat > "$work/smtplib_bench.py" <<'PY'
import smtplib, sys, time
from email.message import EmailMessage
port, count = int(sys.argv[1]), int(sys.argv[2])
message = EmailMessage()
message["From"], message["To"], message["Subject"] = "ada@example.org", "bob@example.org", "bench"
message.set_content("A small message for the benchmark.")
with smtplib.SMTP("127.0.0.1", port) as client:
    client.send_message(message)
    start = time.time()
    for index in range(1, count):
        client.rset()
        client.send_message(message)
    print(time.time() - start)
PY

echo "$COUNT messages over one connection, RSET between; best of $ROUNDS rounds, taken in turn"
echo "lab04-smtp ($IMPL, release, PIPELINING) and Python smtplib (one command at a time)"
best() { python3 -c "import sys; print(min(map(float, sys.argv[1:])))" "$@"; }
ones=() manys=() theirs_walls=() ours_sinks=() theirs_sinks=()
for _ in $(seq "$ROUNDS"); do
    ones+=("$(send 1)")
    cpu0=$(sink_cpu)
    manys+=("$(send "$COUNT")")
    cpu1=$(sink_cpu)
    ours_sinks+=("$(python3 -c "print($cpu1 - $cpu0)")")
    python3 "$work/smtplib_bench.py" "$port" "$COUNT" > "$work/smtplib.out"
    cpu2=$(sink_cpu)
    theirs_walls+=("$(cat "$work/smtplib.out")")
    theirs_sinks+=("$(python3 -c "print($cpu2 - $cpu1)")")
done
# The fastest start-up (--count 1) taken from the fastest --count COUNT run.
ours_wall=$(python3 -c "print($(best "${manys[@]}") - $(best "${ones[@]}"))")
theirs_wall=$(best "${theirs_walls[@]}")
ours_sink=$(best "${ours_sinks[@]}")
theirs_sink=$(best "${theirs_sinks[@]}")
ours=$(python3 -c "print(f'{($COUNT - 1) / $ours_wall:.0f}')")
theirs=$(python3 -c "print(f'{($COUNT - 1) / $theirs_wall:.0f}')")

printf '\n%-32s %10s %10s %14s\n' "client" "msgs/s" "wall s" "sink CPU s"
printf '%-32s %10s %10.3f %14.3f\n' "lab04-smtp --count (pipelined)" "$ours" "$ours_wall" "$ours_sink"
printf '%-32s %10s %10.3f %14.3f\n' "Python smtplib" "$theirs" "$theirs_wall" "$theirs_sink"
ratio=$(python3 -c "print(f'{$ours / $theirs:.1f}')")
echo
echo "ratio: lab04-smtp is ${ratio}x smtplib (target: at least 3x)"
python3 - "$ours_wall" "$ours_sink" "$theirs_wall" "$theirs_sink" <<'PY'
import sys
ours_wall, ours_sink, theirs_wall, theirs_sink = map(float, sys.argv[1:])
for name, wall, sink in (("lab04-smtp", ours_wall, ours_sink), ("smtplib", theirs_wall, theirs_sink)):
    share = sink / wall if wall else 0
    side = "the sink" if share > 0.8 else "the client and the round trips"
    print(f"{name}: the sink was busy {share:.0%} of the wall time: {side} limit(s)")
PY
