#!/usr/bin/env bash
# `make fuzz`: bash Tests/Fuzz/run.sh "LAB" SECONDS IMPL
#
# Builds (Tests/Fuzz/build.sh) and runs every libFuzzer target of one lab, or of every lab
# with a Tests/Fuzz/NN folder, for SECONDS each, then prints a table. Each target keeps its
# growing corpus in .build/fuzz-IMPL/corpus/NN/TARGET and starts from the seeds in
# Tests/Fuzz/NN/corpus/TARGET. A crash, a failed property or a timeout saves the input in
# .build/fuzz-IMPL/crashes/, prints the command that replays it, and makes the run exit 1.
#
# Adding a lab's targets: see Tests/Fuzz/README.md (one .swift file per target, a seed folder).
set -uo pipefail
cd "$(dirname "$0")/../.."
labs=${1:-} seconds=${2:-60} impl=${3:-solutions}
out=.build/fuzz-$impl
if [ -z "$labs" ]; then
    labs=$(for d in Tests/Fuzz/[0-9][0-9]; do n=$(basename "$d"); grep -qE "^ *Lab\(number: \"$n\"" Package.swift && echo "$n"; done)
fi
mkdir -p "$out/crashes" "$out/logs"
rows=() failed=0
demangle() { if swift demangle --simplified </dev/null >/dev/null 2>&1; then swift demangle --simplified; else cat; fi; }
for lab in $labs; do
    if [ ! -d "Tests/Fuzz/$lab" ]; then echo "error: lab $lab has no fuzz targets (Tests/Fuzz/$lab)" >&2; exit 2; fi
    if ! nice -n 10 bash Tests/Fuzz/build.sh "$lab" "$impl" "$out"; then
        rows+=("$lab/*|-|-|-|does not build"); failed=1; continue
    fi
    for harness in Tests/Fuzz/"$lab"/*.swift; do
        target=$(basename "$harness" .swift)
        corpus="$out/corpus/$lab/$target" seeds="Tests/Fuzz/$lab/corpus/$target"
        log="$out/logs/$lab-$target.log" prefix="$out/crashes/$lab-$target-"
        mkdir -p "$corpus" "$seeds"
        echo "fuzz: $lab/$target for ${seconds}s ($impl)" >&2
        before=$(ls "$out/crashes" | wc -l)
        # libFuzzer writes new inputs into the first folder and only reads the second.
        SWIFT_BACKTRACE=enable=no nice -n 10 "$out/$lab/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 \
            -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$prefix" >"$log" 2>&1
        status=$?
        speed=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -n 1)
        features=$(grep -oE ' ft: [0-9]+' "$log" | tail -n 1 | tr -dc 0-9)
        size=$(ls "$corpus" | wc -l)
        result=ok
        if [ "$status" != 0 ]; then
            failed=1
            artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -n 1)
            kind=crash; grep -q "ERROR: libFuzzer: timeout" "$log" && kind=timeout
            grep -q "out-of-memory" "$log" && kind=out-of-memory
            result="$kind: $artifact"
            echo "fuzz: $lab/$target found a $kind. What it said:" >&2
            # The error and the stack without libFuzzer's own frames, names demangled.
            grep -E "Fatal error|fuzz property|ERROR: (AddressSanitizer|libFuzzer)|^ +#[0-9]+ .* in " "$log" \
                | grep -vE "compiler-rt/lib|libc_start|LLVMFuzzerTestOneInput| in _start" | demangle \
                | sed -E 's/ 0x[0-9a-f]+ in / /; s/ \(BuildId: [0-9a-f]+\)//' | head -n 12 >&2
            echo "fuzz: the whole log is $log; replay the input with:" >&2
            echo "  $out/$lab/$target $artifact" >&2
        fi
        rows+=("$lab/$target|${speed:-?}|${features:-?}|$size|$result")
    done
done
echo
printf '%-26s %9s %9s %8s  %s\n' target "exec/s" features corpus result
printf '%s\n' "------------------------------------------------------------------------"
for row in "${rows[@]}"; do
    IFS='|' read -r t s f c r <<<"$row"
    printf '%-26s %9s %9s %8s  %s\n' "$t" "$s" "$f" "$c" "$r"
done
echo "(exec/s under nice -n 10 on a shared machine; features = libFuzzer's coverage features)"
exit $failed
