#!/usr/bin/env bash
# Writes a folder of sample lab-01 submissions, one of each kind `make grade-all` must handle.
# Their expected rows in grades.csv are Tests/Instructor/tests/expected-01.csv (grading.sh checks them).
#   bash Tests/Instructor/tests/make-submissions.sh DIR
set -euo pipefail
dir=${1:?usage: make-submissions.sh DIR}
rm -rf "$dir" && mkdir -p "$dir"
kit=$(pwd)
starter() { mkdir -p "$1/Labs" && cp -RL "$kit/Labs/01-Ping" "$1/Labs/"; }
solution() { mkdir -p "$1/Labs/01-Ping" && cp -L "$kit"/Solutions/01-Ping/*.swift "$1/Labs/01-Ping/"; }
take() { for f in "${@:2}"; do cp -L "$kit/Solutions/01-Ping/$f" "$1/Labs/01-Ping/$f"; done; }

# Ordinary ones: the untouched starter, the reference, and two partial ones (parts 1-2, 1-3).
starter "$dir/starter"
solution "$dir/solution"
starter "$dir/partial-2" && take "$dir/partial-2" PingMessage.swift RTTStatistics.swift
starter "$dir/partial-3" && take "$dir/partial-3" PingMessage.swift RTTStatistics.swift PingServer.swift
# The same partial work handed in as a zip of the lab folders (what make handin writes) and as a repository.
(cd "$dir/partial-2/Labs" && zip -q -r "$dir/zipped.zip" 01-Ping)
cp -R "$dir/solution" "$dir/repo" && git -C "$dir/repo" init -q && git -C "$dir/repo" add -A \
  && git -C "$dir/repo" -c user.name=s -c user.email=s@example.org commit -q -m "lab 01"
# Edits every test of lab 01 to pass whatever the code does: the kit's tests are used instead.
starter "$dir/edits-tests" && cp -R "$kit/Tests" "$dir/edits-tests/Tests"
for f in "$dir"/edits-tests/Tests/Lab01PingTests/*Tests.swift; do
  perl -0pi -e 's/(\@Test[^\n]*\n\s*func [^{]*\{)/$1 return;/g; s/throws \{ return;/throws { return; }\n    func _unused() throws {/g' "$f"
done
# Edits given code (Labs/Given) so that "not implemented" never throws: ignored, the kit's is used.
starter "$dir/edits-given" && take "$dir/edits-given" PingMessage.swift RTTStatistics.swift
mkdir -p "$dir/edits-given/Labs/Given" && cp -R "$kit/Labs/Given/NetLabKit" "$dir/edits-given/Labs/Given/"
echo 'public func netlabGivenWasEdited() {}' >> "$dir/edits-given/Labs/Given/NetLabKit/NotImplemented.swift"
# Does not compile.
solution "$dir/no-compile" && echo 'let broken: Int = "not a number"' >> "$dir/no-compile/Labs/01-Ping/PingTally.swift"
# Hangs: the RTT statistics never return (parts 1 and 3-5 are written, so part 2's tests hang).
solution "$dir/hangs"
perl -0pi -e 's/(public mutating func add\(_ milliseconds: Double\) throws \{)/$1\n        while milliseconds == milliseconds { sleep(1) }/' \
  "$dir/hangs/Labs/01-Ping/RTTStatistics.swift"
sed -i '1i import Glibc' "$dir/hangs/Labs/01-Ping/RTTStatistics.swift"
# Opens its server on a fixed port (12000) whatever it is asked for: in parallel without network
# namespaces, two such submissions would clash.
solution "$dir/fixed-port" && cp -R "$dir/fixed-port" "$dir/fixed-port-2"
for s in fixed-port fixed-port-2; do
  perl -0pi -e 's/try UDPSocket\(bindingTo: configuration\.address\)/try UDPSocket(bindingTo: SocketAddress(ip: "127.0.0.1", port: 12000))/' \
    "$dir/$s/Labs/01-Ping/PingServer.swift"
done
# Writes, from inside the tests, where a submission must not: the shared build that the next
# submission in its job slot reuses, its kit copy, grades.csv, /tmp. As root the tests run as
# nobody on a read-only file system, so every write fails and it is graded like the reference.
solution "$dir/tampers"
perl -0pi -e 's/(public func encode\(\) -> \[UInt8\] \{\n)(\s*)/$1$2tamper()\n$2return /' "$dir/tampers/Labs/01-Ping/PingMessage.swift"
cat >> "$dir/tampers/Labs/01-Ping/PingMessage.swift" <<'SWIFT'

import Glibc

/// Tries to write outside the tests' own folder (cwd is the slot's kit copy: OUT/.work/slot-N/kit).
func tamper() {
    for path in ["PWNED", "../scratch/PWNED", "../../../grades.csv", "/tmp/netlab-tampered"] {
        if let file = fopen(path, "a") {
            fputs("tampered\n", file)
            fclose(file)
        }
    }
}
SWIFT
echo "wrote $(ls "$dir" | wc -l) submissions to $dir"
