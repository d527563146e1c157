#!/usr/bin/env bash
# Every command in Handouts/02-HTTP.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 02 > /dev/null

serve tcp <<'CMD'
make run LAB=02 ARGS="server --root Handouts/examples/site --port 8080 --threads 4 --access-log -"
CMD
run <<'CMD'
curl -si -H 'Range: bytes=0-4' http://127.0.0.1:8080/docs/notes.txt
CMD
check 'the range request gets 206 and the first five bytes' \
  'last_output | grep -q "^HTTP/1.1 206 Partial Content" && last_output | grep -q "^Content-Range: bytes 0-4/6" \
    && [ "$(last_output | tail -n 1)" = "notes" ]'
run <<'CMD'
curl -si --path-as-is 'http://127.0.0.1:8080/../etc/passwd'
CMD
check 'the traversal attempt is refused with 403' 'last_output | grep -q "^HTTP/1.1 403 Forbidden"'
run <<'CMD'
make run LAB=02 ARGS="get http://127.0.0.1:8080/style.css"
CMD
check 'the client prints the body and the head' \
  'last_output | grep -q "^h1 { color: teal; }$" && last_output | grep -q "^HTTP/1.1 200 OK"'
run <<'CMD'
curl -s http://127.0.0.1:8080/docs/
CMD
check 'the listing escapes the name with a space and an ampersand' \
  'last_output | grep -qF "<a href=\"./read%20me%20%26%20notes.txt\">read me &amp; notes.txt</a></td><td>60</td>"'
run <<'CMD'
curl -s -x http://127.0.0.1:8080 http://example.com/style.css
CMD
check 'the absolute-form request is served from the root' '[ "$(last_output)" = "h1 { color: teal; }" ]'
sleep 0.3
check 'the access log has one Common Log Format line per request' \
  '[ "$(grep -c "^127.0.0.1 - - \[.*\] \"GET .* HTTP/1.1\" [0-9]* [0-9]* active=[0-9]*$" "$SERVER_ERR")" = 5 ]'
skip "needs root, and a second terminal to send requests from" <<'CMD'
sudo tcpdump -i lo -A 'tcp port 8080'
CMD
finish
