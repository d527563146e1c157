#!/usr/bin/env bash
# Every command in Handouts/07-Framing.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 07 > /dev/null
build_solution 02 > /dev/null  # the origin server below

# The starter's score table: `make grade` on Labs/, as a student's fresh clone would run it.
IMPL=labs run <<'CMD'
make grade LAB=07
CMD
check 'a fresh starter scores 0' 'last_output | grep -q "^Total  *0.0/100.0$"'

run <<'CMD'
export PATH="$(make -s bin-path LAB=07):$PATH"
CMD
# The same, for the commands below (each runs in a shell of its own).
export PATH="$(make -s bin-path LAB=07):$PATH"

serve tcp <<'CMD'
make run LAB=02 ARGS="server --root Handouts/examples/site --port 8087"
CMD
serve tcp <<'CMD'
lab07-framing relay
CMD
RELAY_ERR=$SERVER_ERR
run <<'CMD'
lab07-framing fetch http://127.0.0.1:8087/logo.png --relay 127.0.0.1:2121 -o logo.png
CMD
check 'the logo arrives whole' 'cmp -s logo.png Handouts/examples/site/logo.png'
check 'and the summary is the handout'"'"'s' 'last_output | grep -qx "saved logo.png: 78 bytes (image/png)"'
run <<'CMD'
lab07-framing fetch http://127.0.0.1:8087/index.html --relay 127.0.0.1:2121 -o index.html --framing ascii
CMD
check 'the page arrives whole over ASCII framing' 'cmp -s index.html Handouts/examples/site/index.html'
run 1 <<'CMD'
lab07-framing fetch file:///etc/passwd --relay 127.0.0.1:2121 -o passwd
CMD
check 'file:// is refused with 501' 'last_output | grep -q "^error: relay: 501 " && [ ! -e passwd ]'
run 1 <<'CMD'
lab07-framing fetch http://example.com/ --relay 127.0.0.1:2121 -o example.html
CMD
check 'a foreign host is refused with 403' 'last_output | grep -q "^error: relay: 403 " && [ ! -e example.html ]'
run 1 <<'CMD'
lab07-framing fetch http://127.0.0.1:8087/nothere --relay 127.0.0.1:2121 -o nothere.html
CMD
check 'a missing file is a 502 naming the origin'"'"'s 404' \
  'last_output | grep -q "^error: relay: 502 the origin answered 404" && [ ! -e nothere.html ]'
check 'the relay logs one line per request' '[ "$(grep -c "^relay: FETCH" "$RELAY_ERR")" = 5 ]'

serve tcp <<'CMD'
lab07-framing session-server --ack-delay-ms 1 --dir /tmp
CMD
SESSION_LOG=$SERVER_LOG
run <<'CMD'
lab07-framing session-client --server 127.0.0.1:2323 --mode step --messages 200 --client-id alice
CMD
check 'step mode: window 1, 200 messages' \
  'last_output | grep -q "step, packet 1024 bytes, window 1" && last_output | grep -q "^sent 200 messages, 204800 bytes"'
run <<'CMD'
lab07-framing session-client --server 127.0.0.1:2323 --mode burst --messages 200 --client-id alice
CMD
check 'burst mode: window 8, the same CRC' \
  'last_output | grep -q "burst, packet 1024 bytes, window 8" && last_output | grep -qx "crc32 fa8191cc"'
run <<'CMD'
lab07-framing session-client --server 127.0.0.1:2323 --mode burst --send Handouts/examples/rudp-root/photo.png --client-id bob
CMD
crc=$(python3 -c "import zlib; print('%08x' % zlib.crc32(open('Handouts/examples/rudp-root/photo.png', 'rb').read()))")
check 'the photo'"'"'s CRC-32 is zlib'"'"'s' 'last_output | grep -qx "crc32 $crc"'
session=$(last_output | head -1 | sed 's/^session \([0-9a-f]*\):.*/\1/')
sleep 0.5
check 'the server saved the photo under its session id' 'cmp -s "/tmp/$session" Handouts/examples/rudp-root/photo.png'
check 'and printed the same CRC-32' 'grep "^session $session " "$SESSION_LOG" | grep -q "crc32 $crc"'
rm -f "/tmp/$session"
for id in $(grep -o "^session [0-9a-f]*" "$SESSION_LOG" | cut -d' ' -f2); do rm -f "/tmp/$id"; done
run 1 <<'CMD'
lab07-framing session-client --server 127.0.0.1:2323 --mode step --messages 1 --max-packet 8
CMD
check 'a packet size of 8 is refused, with the reason' \
  'last_output | grep -qx "error: the server refused the session: packet size 8 is under the smallest, 16"'
finish
