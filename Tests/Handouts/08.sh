#!/usr/bin/env bash
# Every command in Handouts/08-RUDP.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 08 > /dev/null

# The starter's score table: `make grade` on Labs/, as a student's fresh clone would run it.
IMPL=labs run <<'CMD'
make grade LAB=08
CMD
check 'a fresh starter scores 0' 'last_output | grep -q "^Total  *0.0/100.0$"'

run <<'CMD'
export PATH="$(make -s bin-path LAB=08):$PATH"
CMD
# The same, for the commands below (each runs in a shell of its own).
export PATH="$(make -s bin-path LAB=08):$PATH"

serve udp <<'CMD'
lab08-rudp server --port 2122 --root Handouts/examples/rudp-root --mss 1400
CMD
run <<'CMD'
lab08-rudp get photo.png --server 127.0.0.1:2122 -o photo.png
CMD
check 'the copy is the photo, byte for byte' 'cmp -s photo.png Handouts/examples/rudp-root/photo.png'
run <<'CMD'
lab08-rudp get photo.png --server 127.0.0.1:2122 -o photo2.png --loss 0.1 --duplicate 0.05 \
--jitter-ms 2 --seed 7 --trace trace.csv --plot cwnd.svg --pcap rudp.pcap
CMD
check 'the photo survives 10% loss and jitter' 'cmp -s photo2.png Handouts/examples/rudp-root/photo.png'
check 'the summary says what the handout says' 'last_output | grep -q "^received photo.png: 55889 bytes in"'
check 'the plot is an SVG' 'grep -q "<svg" cwnd.svg'
run 1 <<'CMD'
lab08-rudp get nothere.txt --server 127.0.0.1:2122 -o x.txt
CMD
check 'a missing file is refused' "last_output | grep -q \"^error: server: no such file 'nothere.txt'\$\""
# In a shell of its own `$?` is 0; what counts is that ls finds no x.txt (exit 2).
run 2 <<'CMD'
echo $?; ls x.txt
CMD
run <<'CMD'
head -5 trace.csv
CMD
check 'the trace starts with its header and the start event' \
  'last_output | head -1 | grep -q "^time,cwnd,ssthresh,rto,event$" && last_output | sed -n 2p | grep -q ",start$"'
skip "tshark is not installed here (make dissector installs it and checks the dissector)" <<'CMD'
tshark -X lua_script:Handouts/rudp.lua -r rudp.pcap -c 8
CMD
finish
