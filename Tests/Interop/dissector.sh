#!/usr/bin/env bash
# make dissector: checks lab 08's Wireshark dissector (Handouts/rudp.lua) with tshark, then
# lab 07's (Handouts/session.lua, Tests/Interop/dissector-07.sh).
#
# It records a pcap of a real transfer through a lossy, corrupting channel (lab08-rudp's
# --pcap flag), then asks tshark, with the dissector loaded, to decode it. Passing means:
#   - tshark knows the protocol (netlab_rudp) and decodes at least 99% of the frames (a
#     flipped bit in the version or length byte can make a datagram unrecognisable);
#   - the dissector recomputes the CRC and flags the corrupted segments as bad, and only
#     those: every good frame's checksum verifies;
#   - it shows every flag the transfer used (SYN, ACK, DATA, FIN).
# tshark is installed with apt-get when missing; without it the check is skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need tshark tshark || exit 0
bin=$(build_solution 08)
workspace lab08-dissector
mkdir -p "$work/root"
head -c 3000000 /dev/urandom > "$work/root/file.bin"
start_server udp "$bin/lab08-rudp" server --port 0 --root "$work/root"
"$bin/lab08-rudp" get file.bin --server "127.0.0.1:$SERVER_PORT" -o "$work/copy.bin" \
  --corrupt 0.03 --loss 0.02 --seed 2 --pcap "$work/capture.pcap" > /dev/null 2>&1
cmp -s "$work/copy.bin" "$work/root/file.bin" || { echo "FAILED: the transfer itself"; exit 1; }

lua=Handouts/rudp.lua
shark() { tshark -X "lua_script:$lua" -r "$work/capture.pcap" "$@" 2>/dev/null; }
frames=$(tshark -r "$work/capture.pcap" 2>/dev/null | wc -l)
decoded=$(shark -Y netlab_rudp | wc -l)
bad=$(shark -Y "netlab_rudp.checksum_bad == 1" | wc -l)
dropped=$(tshark -r "$work/capture.pcap" -Y "ip.ttl == 0" 2>/dev/null | wc -l)
echo "   $frames frames: $decoded decoded as RUDP, $bad with a bad checksum, $dropped dropped by the channel"
shark -Y netlab_rudp -c 3 | sed 's/^/   /'
check 'tshark decodes at least 99% of the frames as netlab_rudp' '[ $((decoded * 100)) -ge $((frames * 99)) ]'
check 'the dissector flags corrupted segments (bad CRC)' '[ "$bad" -gt 0 ]'
check 'and only a few: at most 5% of the frames' '[ $((bad * 100)) -le $((frames * 5)) ]'
for flag in syn ack data fin; do
  check "it shows the ${flag^^} flag" '[ "$(shark -Y "netlab_rudp.flags.$flag == 1" | wc -l)" -gt 0 ]'
done
# Lab 07's session dissector (Handouts/session.lua) has a check of its own.
echo "== lab 07: Handouts/session.lua"
bash Tests/Interop/dissector-07.sh || FAILURES=$((FAILURES + 1))
[ "$FAILURES" = 0 ]
