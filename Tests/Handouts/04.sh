#!/usr/bin/env bash
# Every command in Handouts/04-SMTP.md, as written there, against the reference.
source "$(dirname "$0")/common.sh"
build_solution 04 > /dev/null

run <<'CMD'
export PATH="$(make -s bin-path LAB=04):$PATH"
CMD
# The same, for the commands below (each runs in a shell of its own).
export PATH="$(make -s bin-path LAB=04):$PATH"

serve tcp <<'CMD'
lab04-smtp sink --port 2525 --dir mail --reject nobody@example.org
CMD
run <<'CMD'
lab04-smtp send --server 127.0.0.1:2525 --from 'Ada Lovelace <ada@example.org>' --to bob@example.org --subject 'Lab 04' --body 'Hello, Bob.' -v
CMD
check 'the dialogue is shown in swaks shape' 'last_output | grep -q "^ -> MAIL FROM:<ada@example.org> SIZE=290$"'
check 'and it was delivered' 'last_output | grep -q "^delivered to <bob@example.org>$"'
run 1 <<'CMD'
lab04-smtp send --server 127.0.0.1:2525 --from ada@example.org --to bob@example.org --to nobody@example.org \
--bcc eve@example.org --subject 'Results' --body-file Handouts/examples/mail/body.txt \
--html Handouts/examples/mail/body.html --attach Handouts/examples/mail/results.csv \
--attach Handouts/examples/rudp-root/photo.png
CMD
check 'bob and eve got it' 'last_output | grep -q "^delivered to <bob@example.org>, <eve@example.org>$"'
check 'nobody was refused with the server'"'"'s words' 'last_output | grep -q "^error: <nobody@example.org> was refused: 550 5.1.1"'
run <<'CMD'
ls mail
CMD
check 'the sink stored two messages' '[ "$(last_output | grep -c "\.eml$")" = 2 ]'
check 'the stored message has the photo and no Bcc' \
  'python3 -c "import email,email.policy,glob,sys
f=sorted(glob.glob(\"mail/*-2-*.eml\"))[0]
m=email.message_from_bytes(open(f,\"rb\").read(),policy=email.policy.strict)
p=[x for x in m.walk() if x.get_filename()==\"photo.png\"][0]
sys.exit(0 if p.get_payload(decode=True)==open(\"Handouts/examples/rudp-root/photo.png\",\"rb\").read() and m[\"Bcc\"] is None else 1)"'
rm -rf mail
run <<'CMD'
lab04-smtp compose --from 'Zoë <zoe@example.org>' --to bob@example.org --subject 'Grüße' --body 'Hallo' \
--attach 'Handouts/examples/mail/résumé.csv' > hello.eml
CMD
run <<'CMD'
grep -a -e Subject -e From -e filename hello.eml
CMD
check 'the subject is an encoded word' 'last_output | grep -qF "Subject: =?UTF-8?B?R3LDvMOfZQ==?="'
check 'the file name is an RFC 2231 parameter' "last_output | grep -q \"filename\\*0\\*=utf-8''r%C3%A9sum%C3%A9.csv\""
run 2 <<'CMD'
lab04-smtp send --server 127.0.0.1:2525 --from ada@example.org --to bob@example.org --subject $'Hi\rBcc: everyone@example.org' --body x
CMD
check 'injection is refused' 'last_output | grep -q "^error: the subject contains a line break"'
serve tcp <<'CMD'
lab04-smtp sink --port 2526 --auth ada:lab04-secret
CMD
run <<'CMD'
lab04-smtp send --server 127.0.0.1:2526 --from ada@example.org --to bob@example.org --subject 'With AUTH' \
--body 'Logged in.' --user ada --password-file Handouts/examples/mail/password.txt -v
CMD
check 'the password is masked' 'last_output | grep -q "^ -> AUTH PLAIN \*\*\*\*\*\*\*\*$" && ! last_output | grep -q "lab04-secret"'
check 'the login worked' 'last_output | grep -q "^<-  235 2.7.0"'
IMPL=labs run <<'CMD'
make grade LAB=04
CMD
check 'a fresh starter scores 0' 'last_output | grep -q "^Total  *0.0/100.0$"'
skip "needs root" <<'CMD'
sudo tcpdump -i lo -A 'tcp port 2525'
CMD
finish
