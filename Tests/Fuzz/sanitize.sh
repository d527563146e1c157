#!/usr/bin/env bash
# `make sanitize`: bash Tests/Fuzz/sanitize.sh NN thread|address
#
# Runs lab NN's test suite against Solutions/ built with a sanitizer (`swift test
# --sanitize=…`, on its own scratch path .build/sanitize-SANITIZER, so the normal builds keep
# their caches). The lab binaries the tests start are built with it too. Every report (data
# race, heap overflow, use after free…) is printed with its stacks; any report, or a failing
# test, makes it exit 1.
set -uo pipefail
cd "$(dirname "$0")/../.."
lab=$1 sanitizer=${2:-thread}
case "$sanitizer" in thread | address) ;; *) echo "error: SANITIZER must be thread or address" >&2; exit 2 ;; esac
scratch=.build/sanitize-$sanitizer
log=$scratch/lab$lab.log
mkdir -p "$scratch"
export NETLAB_IMPL=solutions NETLAB_LABS=$lab
# Keep going after the first report so one run shows them all; no leak checks (the Swift
# runtime keeps metadata for the life of the process).
# Known false positives (Synchronization.Mutex under contention) are suppressed, each with its
# reason, in tsan-suppressions.txt; the run says how many it matched.
suppressions=$PWD/Tests/Fuzz/tsan-suppressions.txt
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 suppressions=$suppressions print_suppressions=1 ${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="detect_leaks=0 ${ASAN_OPTIONS:-}"
echo "sanitize: lab $lab, Solutions/, -sanitize=$sanitizer (the log is $log)" >&2
nice -n 10 swift build --scratch-path "$scratch" --sanitize="$sanitizer" --build-tests -q >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; echo "sanitize: the build failed" >&2; exit 1; }
timeout -s INT -k 30 1800 nice -n 10 swift test --scratch-path "$scratch" --sanitize="$sanitizer" \
    --skip-build >>"$log" 2>&1
status=$?
# Print each report: from its first line to the line of dashes or the SUMMARY that ends it.
awk '/^WARNING: ThreadSanitizer|==ERROR: AddressSanitizer/ { show = 1 } show { print }
     /^SUMMARY: / { show = 0; print "" }' "$log" >&2
matched=$(grep -A1 -E "^ThreadSanitizer: Matched [0-9]+ suppressions" "$log" | grep -oE "^ *[0-9]+ race_top" \
    | awk '{ n += $1 } END { print n + 0 }')
[ "$sanitizer" = thread ] && echo "sanitize: $matched known false positive(s) suppressed (Tests/Fuzz/tsan-suppressions.txt)"
summary=$(grep -E "Test run with .* (passed|failed)" "$log" | tail -n 1)
echo "${summary:-the test run printed no summary (status $status)}"
distinct=$(grep -cE "^SUMMARY: (Thread|Address)Sanitizer" "$log")
if [ "$distinct" -gt 0 ] || [ "$status" != 0 ]; then
    echo "sanitize: lab $lab: $distinct $sanitizer sanitizer report(s), tests exited $status (log: $log)"
    exit 1
fi
echo "sanitize: lab $lab is clean under the $sanitizer sanitizer"
