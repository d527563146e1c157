#!/usr/bin/env bash
# Measures grading throughput on this machine, in one run, from cold builds:
#   N single `make grade SUBMISSION=` runs one after another, then `make grade-all` with JOBS=1
#   and JOBS=2, on N copies of the starters and N of the solutions.
#   bash Tests/Instructor/tests/measure.sh [N=10] [LAB=01]
set -euo pipefail
n=${1:-10}
lab=${2:-01}
folder=$(ls -d Labs/$lab-* | head -n 1)
dir=$(mktemp -d /tmp/netlab-measure.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"  # As root, the sandbox's user nobody must reach grade-all's workspaces in it.
for i in $(seq -w 1 "$n"); do
  mkdir -p "$dir/in/starter-$i/Labs" "$dir/in/solution-$i/$folder"
  cp -RL "$folder" "$dir/in/starter-$i/Labs/"
  cp -L Solutions/${folder#Labs/}/* "$dir/in/solution-$i/$folder/"
done
total=$((2 * n))
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / (s / 60) }'; }

rm -rf .build/submission
start=$(date +%s)
for entry in "$dir"/in/*; do make -s grade LAB="$lab" SUBMISSION="$entry" >/dev/null 2>&1; done
singles=$(( $(date +%s) - start ))
echo "single make grade runs, one after another: $total in ${singles} s = $(rate $total $singles) per minute"

for jobs in 1 2; do
  start=$(date +%s)
  make -s grade-all LAB="$lab" SUBMISSIONS="$dir/in" JOBS=$jobs OUT="$dir/out-$jobs" >/dev/null 2>&1
  took=$(( $(date +%s) - start ))
  echo "make grade-all JOBS=$jobs: $total in ${took} s = $(rate $total $took) per minute"
done
cmp -s "$dir/out-1/grades.csv" "$dir/out-2/grades.csv" && echo "grades.csv: the same with JOBS=1 and JOBS=2" \
  || { echo "grades.csv differs between JOBS=1 and JOBS=2:"; diff "$dir/out-1/grades.csv" "$dir/out-2/grades.csv" || true; }
