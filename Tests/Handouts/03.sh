#!/usr/bin/env bash
# Every command in Handouts/03-Proxy.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 02 > /dev/null
build_solution 03 > /dev/null

serve tcp <<'CMD'
make run LAB=02 ARGS="server --root Handouts/examples/site --port 8080"
CMD
serve tcp <<'CMD'
make run LAB=03 ARGS="server --port 8888 --access-log -"
CMD
run <<'CMD'
curl -si -x http://127.0.0.1:8888 http://127.0.0.1:8080/style.css
CMD
check 'the first request is a miss with Via' \
  'last_output | grep -q "^X-Cache: MISS" && last_output | grep -q "^Via: 1.1 lab03-proxy" \
    && [ "$(last_output | tail -n 1)" = "h1 { color: teal; }" ]'
run <<'CMD'
curl -si -x http://127.0.0.1:8888 http://127.0.0.1:8080/style.css
CMD
check 'the second comes from the cache (a hit, or a revalidation when the file is seconds old)' \
  'last_output | grep -Eq "^X-Cache: (HIT|REVALIDATED)" && last_output | grep -q "^Age: "'
run <<'CMD'
curl -si -x http://127.0.0.1:8888 -H 'Cache-Control: no-cache' http://127.0.0.1:8080/style.css
CMD
check 'no-cache from the client forces a revalidation' 'last_output | grep -q "^X-Cache: REVALIDATED"'
run <<'CMD'
curl -s http://127.0.0.1:8888/http://127.0.0.1:8080/docs/notes.txt
CMD
check 'the path form works' '[ "$(last_output)" = "notes" ]'
run <<'CMD'
curl -s http://127.0.0.1:8888/stats
CMD
check 'the stats count four requests and two entries' \
  'last_output | grep -q "\"requests\": 4" && last_output | grep -q "\"entries\": 2"'
run <<'CMD'
curl -si http://127.0.0.1:8888/
CMD
check 'a non-proxy request gets the usage page' \
  'last_output | grep -q "^HTTP/1.1 400 Bad Request" && last_output | grep -q "curl -x"'
sleep 0.3
check 'the access log has squid-style lines' \
  'grep -Eq "^[0-9]+\.[0-9]{3} +[0-9]+ 127.0.0.1 TCP_MISS/200 20 GET http://127.0.0.1:8080/style.css - HIER_DIRECT/127.0.0.1 text/css;charset=utf-8$" "$SERVER_ERR"'
run <<'CMD'
make test LAB=03
CMD
skip "needs root, and a second terminal to send requests from" <<'CMD'
sudo tcpdump -i lo -A 'tcp port 8888 or tcp port 8080'
CMD
finish
