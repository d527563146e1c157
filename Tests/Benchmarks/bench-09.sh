#!/usr/bin/env bash
# Lab 09 benchmark (release builds, loopback, one machine, one run): the capstone's client
# against lab 05's DHCP server, lab 06's DNS server, lab 07's relay and lab 09's app server.
#
#   1. boot time: the client's DHCP exchange plus its DNS query, until the first request could
#      be sent (the dhcp and dns phases of its --timeline);
#   2. a 10 MB file of random bytes fetched over TCP, through the relay and over RUDP, in one
#      client run (--via all), each copy checked; goodput from the phases' times.
#
#   make bench LAB=09 IMPL=solutions      (IMPL and BUILD come from the Makefile)
#
# Targets from the issue: boot under 20 ms; RUDP at least 0.5× TCP; the relay at least 0.8× TCP.
set -euo pipefail
IMPL=${IMPL:-labs}
BUILD=${BUILD:-.build}
RUNS=${RUNS:-5}
SIZE=${SIZE:-10000000}
cd "$(dirname "$0")/../.."
ZONE=Handouts/examples/home.zone
NAME=my-app.home
source Tests/Demo/servers.sh
command -v python3 >/dev/null || { echo "error: python3 reads the client's timelines" >&2; exit 1; }

echo "== building labs 05, 06, 07 and 09 ($IMPL, release)"
bin=$(build_demo_binaries "$IMPL" "$BUILD/$IMPL-release" -c release) || { echo "error: the build failed" >&2; exit 1; }

demo_workspace lab09-bench
# The app, with a 10 MB file beside its pages.
APP=$work/app
cp -R Handouts/examples/my-app "$APP"
head -c "$SIZE" /dev/urandom > "$APP/static/big.bin"
start_network "$bin" 127.0.0.1 > /dev/null
echo "== $SIZE bytes of random data; $(nproc) cores; $RUNS runs, best shown (and the median)"

# One client run: boot, then the file three ways. Prints the timeline's phases as
# "name elapsed_ms" lines; fails if the client fails or a copy differs.
run_client() {
    rm -rf "$work/bodies" && mkdir -p "$work/bodies"
    "$bin/lab09-capstone" client --dhcp "127.0.0.1:$DHCP_PORT" --name "$NAME" --path /static/big.bin \
        --via all -o "$work/bodies" --timeline "$work/timeline.json" "${CLIENT_PORTS[@]}" \
        > "$work/client.out" 2> "$work/client.err" || { cat "$work/client.out" "$work/client.err" >&2; return 1; }
    checksums "$work/client.out" "$work/bodies/big.bin" "$APP/static/big.bin" > /dev/null || { echo "error: a copy differs" >&2; return 1; }
    python3 -c '
import json, sys
for phase in json.load(open(sys.argv[1]))["phases"]:
    print(phase["name"], phase["elapsed_ms"])' "$work/timeline.json"
}

run_client > /dev/null  # a warm-up run, not counted: page faults and cold caches
for run in $(seq "$RUNS"); do
    run_client > "$work/run.$run" || exit 1
    echo "   run $run: $(awk '{ printf "%s%s %s ms", sep, $1, $2; sep = ", " }' "$work/run.$run")" >&2
done

python3 - "$SIZE" "$work" "$RUNS" <<'PY'
import statistics, sys
size, work, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
phases = {}
for run in range(1, runs + 1):
    for line in open(f"{work}/run.{run}"):
        name, ms = line.split()
        phases.setdefault(name, []).append(float(ms))
boot = [d + n for d, n in zip(phases["dhcp"], phases["dns"])]
rate = {t: [size / (ms / 1000) / 1e6 for ms in phases[t]] for t in ("tcp", "relay", "rudp")}
best = {t: max(v) for t, v in rate.items()}
median = {t: statistics.median(v) for t, v in rate.items()}
print(f"{'':28} {'best':>10} {'median':>10}   target")
print(f"{'boot (DHCP + DNS)':28} {min(boot):7.2f} ms {statistics.median(boot):7.2f} ms   under 20 ms")
print(f"{'  of which DHCP':28} {min(phases['dhcp']):7.2f} ms {statistics.median(phases['dhcp']):7.2f} ms")
print(f"{'  of which DNS':28} {min(phases['dns']):7.2f} ms {statistics.median(phases['dns']):7.2f} ms")
for t, label in (("tcp", "10 MB over TCP"), ("relay", "10 MB through the relay"), ("rudp", "10 MB over RUDP")):
    print(f"{label:28} {best[t]:5.1f} MB/s {median[t]:5.1f} MB/s")
print(f"{'relay / TCP':28} {best['relay'] / best['tcp']:8.2f}× {median['relay'] / median['tcp']:8.2f}×   at least 0.8×")
print(f"{'RUDP / TCP':28} {best['rudp'] / best['tcp']:8.2f}× {median['rudp'] / median['tcp']:8.2f}×   at least 0.5×")
met = min(boot) < 20 and best["relay"] >= 0.8 * best["tcp"] and best["rudp"] >= 0.5 * best["tcp"]
print("targets: " + ("all met (best runs)" if met else "NOT all met (best runs)"))
PY
