#!/usr/bin/env bash
# make bench LAB=04 [IMPL=solutions|labs] [BUILD=.build]
#
# 1,000 small messages over one connection (RSET between them) to lab04-smtp's sink: sent
# by lab04-smtp send --count 1000 (release build, PIPELINING), and by Python's smtplib doing
# the same (RSET, MAIL, RCPT, DATA per message, one command at a time, as smtplib does).
# Prints messages per second for each, the ratio (the issue's target: at least 3x smtplib),
# and which side limits: a sink that keeps up (sink CPU well under the client's wall time)
# is not the bottleneck. Knob: COUNT=1000. Traffic goes only to 127.0.0.1.
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

now() { python3 -c 'import time; print(time.time())'; }

echo "lab04-smtp ($IMPL, release): $COUNT messages over one connection, RSET between"
cpu0=$(sink_cpu)
start=$(now)
"$bin/lab04-smtp" send --server "127.0.0.1:$port" --from ada@example.org --to bob@example.org \
    --subject 'bench' --body 'A small message for the benchmark.' --count "$COUNT" > "$work/ours.out"
end=$(now)
cpu1=$(sink_cpu)
ours=$(python3 -c "print(f'{$COUNT / ($end - $start):.0f}')")
ours_wall=$(python3 -c "print(f'{$end - $start:.3f}')")
ours_sink=$(python3 -c "print(f'{$cpu1 - $cpu0:.3f}')")

echo "Python smtplib: the same $COUNT messages, one command at a time"
python3 - "$port" "$COUNT" > "$work/smtplib.out" <<'PY'
import smtplib, sys, time
from email.message import EmailMessage
port, count = int(sys.argv[1]), int(sys.argv[2])
message = EmailMessage()
message["From"], message["To"], message["Subject"] = "ada@example.org", "bob@example.org", "bench"
message.set_content("A small message for the benchmark.")
start = time.time()
with smtplib.SMTP("127.0.0.1", port) as client:
    for index in range(count):
        if index:
            client.rset()
        client.send_message(message)
print(time.time() - start)
PY
cpu2=$(sink_cpu)
theirs_wall=$(cat "$work/smtplib.out")
theirs=$(python3 -c "print(f'{$COUNT / $theirs_wall:.0f}')")
theirs_sink=$(python3 -c "print(f'{$cpu2 - $cpu1:.3f}')")

printf '\n%-32s %10s %10s %14s\n' "client" "msgs/s" "wall s" "sink CPU s"
printf '%-32s %10s %10s %14s\n' "lab04-smtp --count (pipelined)" "$ours" "$ours_wall" "$ours_sink"
printf '%-32s %10s %10.3f %14s\n' "Python smtplib" "$theirs" "$theirs_wall" "$theirs_sink"
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
