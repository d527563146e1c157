#!/usr/bin/env bash
# Lab 04 against programs NetLab did not write: the client delivers to aiosmtpd (with and
# without AUTH) and to the sink, and every captured message is parsed by Python's email
# package in strict mode and compared part by part with what was asked; swaks, a reference
# client, delivers to the sink.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tests/Interop/common.sh
need python3 python3 || exit 0
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  pip install -q aiosmtpd 2>/dev/null || pip install -q --break-system-packages aiosmtpd 2>/dev/null || true
fi
python3 -c 'import aiosmtpd' 2>/dev/null || { echo "skipped: aiosmtpd cannot be installed"; exit 0; }
bin=$(build_solution 04)
workspace lab04-interop
files=$work/files
mkdir -p "$files"
head -c 300000 /dev/urandom > "$files/noise.bin"
printf '.starts with a dot\n..two dots\nno final newline' > "$files/dots.txt"
head -c 1048576 /dev/urandom > "$files/big.png"
printf 'trial,rtt\n1,0.4\n' > "$files/résumé 日本語.csv"
printf 'Grüße, Bob!\n.A line with a dot.\n\nAda\n' > "$files/body.txt"
printf '<p>Grüße, <b>Bob</b>!</p>\n' > "$files/body.html"
subject='Grüße aus dem Labor: a long subject that has to be folded over more than one line'

# send SERVER_PORT [extra options]: the full message, with every kind of attachment.
send() {
  local port=$1; shift
  "$bin/lab04-smtp" send --server "127.0.0.1:$port" --from 'Ada Lövelace <ada@example.org>' \
    --to 'Bob <bob@example.org>' --cc carol@example.org --bcc eve@example.org --subject "$subject" \
    --body-file "$files/body.txt" --html "$files/body.html" --attach "$files/noise.bin" \
    --attach "$files/dots.txt" --attach "$files/big.png" --attach "$files/résumé 日本語.csv" "$@"
}
# check_all DIR: every .eml in DIR matches what send asked for.
check_all() {
  local dir=$1 file status=0
  for file in "$dir"/*.eml; do
    python3 Tests/Interop/check_eml.py "$file" --subject "$subject" --text "$files/body.txt" \
      --html "$files/body.html" --attach "$files/noise.bin" --attach "$files/dots.txt" \
      --attach "$files/big.png" --attach "$files/résumé 日本語.csv" --no-bcc eve@example.org || status=1
  done
  return $status
}

start_server tcp python3 Tests/Interop/smtp_capture.py "$work/plain"
check 'aiosmtpd: delivered to all three' 'send "$SERVER_PORT" > "$work/out" 2>&1 && grep -q "eve@example.org" "$work/out"'
check 'aiosmtpd: eve is in the envelope' 'grep -qx "eve@example.org" "$work/plain/0001.eml.rcpt"'
check 'aiosmtpd: strict parse, every part as asked' 'check_all "$work/plain"'

start_server tcp python3 Tests/Interop/smtp_capture.py "$work/auth" --auth ada:s3cret
echo s3cret > "$work/password"
echo wrong > "$work/wrong"
check 'aiosmtpd with AUTH: delivered after logging in' \
  'send "$SERVER_PORT" --user ada --password-file "$work/password" > "$work/out" 2>&1'
check 'aiosmtpd with AUTH: strict parse' 'check_all "$work/auth"'
# (aiosmtpd 1.4 answers a refused AUTH PLAIN late or not at all, so this waits for --timeout.)
check 'aiosmtpd with AUTH: a wrong password is exit 1, not delivered' \
  '! send "$SERVER_PORT" --user ada --password-file "$work/wrong" --timeout 3 > "$work/out" 2>&1 \
     && grep -q "not delivered" "$work/out"'

start_server tcp "$bin/lab04-smtp" sink --port 0 --dir "$work/sink" --reject nobody@example.org
sink_port=$SERVER_PORT
check 'sink: delivered' 'send "$sink_port" > "$work/out" 2>&1'
check 'sink: strict parse' 'check_all "$work/sink"'
check 'sink: --count 20 stores 20 more' \
  'send "$sink_port" --count 20 > /dev/null 2>&1 && [ "$(ls "$work/sink" | wc -l)" = 21 ] && check_all "$work/sink"'

if need swaks swaks; then
  mkdir -p "$work/swaks"
  start_server tcp "$bin/lab04-smtp" sink --port 0 --dir "$work/swaks" --auth ada:s3cret
  check 'swaks: AUTH PLAIN, pipelining and an attachment into the sink' \
    'swaks --server "127.0.0.1:$SERVER_PORT" --from ada@example.org --to bob@example.org --pipeline \
       --auth PLAIN --auth-user ada --auth-password s3cret --attach "@$files/noise.bin" > "$work/swaks.out" 2>&1'
  check 'swaks: AUTH LOGIN' \
    'swaks --server "127.0.0.1:$SERVER_PORT" --from ada@example.org --to bob@example.org \
       --auth LOGIN --auth-user ada --auth-password s3cret > "$work/swaks2.out" 2>&1'
  check 'swaks: the attachment arrived byte for byte' \
    'python3 -c "import email,email.policy,glob,sys
m=email.message_from_bytes(open(sorted(glob.glob(\"$work/swaks/*.eml\"))[0],\"rb\").read(),policy=email.policy.default)
sys.exit(0 if any(p.get_payload(decode=True)==open(\"$files/noise.bin\",\"rb\").read() for p in m.walk()) else 1)"'
  check 'swaks: a rejected recipient gets 550' \
    '! swaks --server "127.0.0.1:$sink_port" --from a@example.org --to nobody@example.org > "$work/swaks3.out" 2>&1 && grep -q "<\*\* 550 5.1.1" "$work/swaks3.out"'
fi
[ "$FAILURES" = 0 ]
