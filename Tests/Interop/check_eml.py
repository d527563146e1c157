#!/usr/bin/env python3
"""Parses a stored message with Python's email package in strict mode and compares it, part
by part, with what lab04-smtp was asked to send.

usage: check_eml.py FILE --subject S --text FILE [--html FILE] [--attach FILE]... [--no-bcc ADDR]
Exits 0 when everything matches, 1 (saying what differs) otherwise.
"""
import argparse
import email
import email.policy
import sys


def normalized(text):
    return text.replace("\r\n", "\n").rstrip("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--subject", required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--html")
    parser.add_argument("--attach", action="append", default=[])
    parser.add_argument("--no-bcc")
    args = parser.parse_args()
    raw = open(args.file, "rb").read()
    problems = []
    if b"\n" in raw.replace(b"\r\n", b"") or b"\r" in raw.replace(b"\r\n", b""):
        problems.append("a bare CR or LF")
    if any(len(line) > 998 for line in raw.split(b"\r\n")):
        problems.append("a line over 998 octets")
    message = email.message_from_bytes(raw, policy=email.policy.strict)
    if message["Subject"] != args.subject:
        problems.append(f"subject {message['Subject']!r}")
    for name in ("Date", "Message-ID", "MIME-Version", "From"):
        if message[name] is None:
            problems.append(f"no {name}")
    if message.defects:
        problems.append(f"defects {message.defects}")
    if args.no_bcc and (message["Bcc"] is not None or args.no_bcc.encode() in raw):
        problems.append("the Bcc address is in the message")
    body = message.get_body(preferencelist=("plain",))
    if body is None or normalized(body.get_content()) != normalized(open(args.text, encoding="utf-8").read()):
        problems.append("the text differs")
    if args.html:
        html = message.get_body(preferencelist=("html",))
        if html is None or normalized(html.get_content()) != normalized(open(args.html, encoding="utf-8").read()):
            problems.append("the HTML differs")
    files = [part for part in message.iter_attachments()]
    for path, part in zip(args.attach, files):
        name = path.rsplit("/", 1)[-1]
        if part.get_filename() != name:
            problems.append(f"file name {part.get_filename()!r}, expected {name!r}")
        if part.get_payload(decode=True) != open(path, "rb").read():
            problems.append(f"{name} differs")
        for defect in part.defects:
            problems.append(f"{name}: {defect!r}")
    if len(files) != len(args.attach):
        problems.append(f"{len(files)} attachments, expected {len(args.attach)}")
    if problems:
        print(f"{args.file}: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
