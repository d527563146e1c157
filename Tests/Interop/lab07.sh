#!/usr/bin/env bash
# Lab 07's relay and session server against a client written in Python from the handout's
# wire format alone (lab07_client.py), with scripted origins: a normal one, one that trickles,
# one too big, one that breaks off. Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need python3 python3 || exit 0
bin=$(build_solution 07)
workspace lab07-interop
client="python3 Tests/Interop/lab07_client.py"

declare -A origins
for kind in ok slow huge fail; do
  start_server tcp python3 Tests/Interop/lab07_client.py origin "$kind"
  origins[$kind]=$SERVER_PORT
done
ok=${origins[ok]} slow=${origins[slow]} huge=${origins[huge]} fail=${origins[fail]}
start_server tcp "$bin/lab07-framing" relay --port 0 --timeout 2 --max-bytes 10000000
relay=127.0.0.1:$SERVER_PORT

for framing in binary ascii; do
  out=$($client fetch "$relay" "http://127.0.0.1:$ok/x" "$work/copy.$framing" --framing "$framing" || true)
  say "   $framing: $out"
  check "a Python client fetches 300000 bytes over $framing framing" '[ "$out" = "ok 300000 bytes" ]'
done
python3 -c "import random,sys; sys.stdout.buffer.write(bytes(random.Random(3).getrandbits(8) for _ in range(300000)))" > "$work/expected"
check 'the body is byte for byte the origin'"'"'s' 'cmp -s "$work/copy.binary" "$work/expected"'
out=$($client fetch "$relay" file:///etc/passwd "$work/x" || true); say "   file://: $out"
check 'file:// is refused with 501' '[[ "$out" == "refused 501 "* ]]'
out=$($client fetch "$relay" http://192.0.2.1/ "$work/x" || true); say "   foreign host: $out"
check 'a foreign host is refused with 403' '[[ "$out" == "refused 403 "* ]]'
out=$($client fetch "$relay" "http://127.0.0.1:$slow/" "$work/x" || true); say "   slow origin: $out"
check 'a trickling origin ends in a 504 ERROR frame after --timeout' '[[ "$out" == "failed 504 "* ]]'
# A relay of its own for the huge origin: a limit of 1 MB is passed in well under its 30 s
# timeout even on a busy machine (with the first relay's 2 s, a slow Python origin could run
# into the timeout before it sent 10 MB).
start_server tcp "$bin/lab07-framing" relay --port 0 --timeout 30 --max-bytes 1000000
limited=127.0.0.1:$SERVER_PORT
out=$($client fetch "$limited" "http://127.0.0.1:$huge/" "$work/x" || true); say "   huge origin: $out"
check 'a body past --max-bytes ends in a 413 ERROR frame' '[[ "$out" == "failed 413 "* ]]'
out=$($client fetch "$relay" "http://127.0.0.1:$fail/" "$work/x" || true); say "   broken origin: $out"
check 'an origin that breaks off ends in a 502 ERROR frame' '[[ "$out" == "failed 502 "* ]]'
out=$($client raw "$relay" 0010000041 || true); say "   a huge request frame: $out"
check 'a request frame claiming 1 MiB gets STATUS 414' '[[ "$out" == "STATUS 414 "* ]]'

start_server tcp "$bin/lab07-framing" session-server --port 0 --keepalive 0.3 --ack-delay-ms 1
server=127.0.0.1:$SERVER_PORT
for mode in step burst; do
  out=$($client session "$server" --mode "$mode" --count 100 --size 2000 || true); say "   $mode: $out"
  check "$mode mode: 100 messages acknowledged, DISCONNECT acknowledged" \
    '[[ "$out" == *"acked 100, errors 0"*"disconnected" ]] && [[ "$out" == *"packet 1024"* ]]'
done
out=$($client session "$server" --mode burst --count 60 --corrupt-every 7 --duplicate-every 5 || true)
say "   damaged and duplicated: $out"
check 'every damaged frame gets an ERROR (8 of 60), and everything is delivered' '[[ "$out" == *"acked 60, errors 8"* ]]'
sleep 0.3
crc=$(echo "$out" | sed 's/.*crc32 \([0-9a-f]*\).*/\1/')
check 'the server delivered each message once: the same CRC-32' 'grep -q "60 messages, 61440 bytes, crc32 $crc" "$SERVER_LOG"'
out=$($client refuse "$server" || true); say "   unknown mode: $out"
check 'an unknown mode is refused with a reason' '[[ "$out" == "refused: unknown mode 9" ]]'
out=$(timeout 20 $client silent "$server" || true); say "   silent client: $out"
check 'a silent client gets keep-alives, then is dropped after three intervals' \
  '[[ "$out" == "interval 0.3 s: "* ]] && [[ "$out" != *": 0 keep-alives"* ]]'
[ "$FAILURES" = 0 ]
