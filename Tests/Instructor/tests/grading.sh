#!/usr/bin/env bash
# make test-grading: tests grading at course scale, on lab 01, as an instructor and a student would.
#   1. make grade-all on sample submissions (Tests/Instructor/tests/make-submissions.sh: one that edits
#      the tests, one that edits Labs/Given, one that does not compile, one that hangs, two that
#      open their server on a fixed port, one that writes outside its folder, partial ones, a zip
#      and a repository), with JOBS=2 and
#      JOBS=1: grades.csv as expected, and the same both times; a rerun skips them all.
#   2. make student-kit: no Solutions/ or instructor files; its README commands work there.
#   3. make gradescope: run_autograder in a simulated /autograder tree; Gradescope's fields.
# Slow (cold builds, 24 gradings): 45 min on 2 cores shared with other jobs. ONLY=1|2|3 runs one part.
set -uo pipefail
cd "$(dirname "$0")/../../.."  # the kit: this file is Tests/Instructor/tests/grading.sh
kit=$(pwd)
work=$(mktemp -d /tmp/netlab-test-grading.XXXXXX)
trap 'rm -rf "$work"' EXIT
# mktemp makes the folder 0700. As root, the sandbox runs the tests as nobody, who must be
# able to pass through every folder above a grading's workspace, or there is no sandbox.
chmod 755 "$work"
failures=0
pass() { echo "  ✓ $*"; }
fail() { echo "  ✗ $*"; failures=$((failures + 1)); }
# (without pipefail: `… | grep -q` stops reading early, and the writer's SIGPIPE is no failure)
expect() { if (set +o pipefail; eval "$2"); then pass "$1"; else fail "$1"; fi; }
step() { echo; echo "▶ $*"; }
want() { [ -z "${ONLY:-}" ] || [ "$ONLY" = "$1" ]; }

if want 1; then
  step "make grade-all: sample submissions of lab 01, JOBS=2 then JOBS=1"
  bash Tests/Instructor/tests/make-submissions.sh "$work/in" >/dev/null
  for jobs in 2 1; do
    make -s grade-all LAB=01 SUBMISSIONS="$work/in" JOBS=$jobs OUT="$work/out-$jobs" LAB_TIMEOUT=90 TIMEOUT=900 \
      > "$work/grade-all-$jobs.txt" 2>&1
    expect "JOBS=$jobs: grades.csv has a row per submission" \
      "[ \$(tail -n +2 '$work/out-$jobs/grades.csv' | wc -l) = \$(ls '$work/in' | wc -l) ]"
    # The fixed-port submissions' own tests clash with each other on port 12000 (Swift Testing
    # runs them in parallel), so their echo-server points vary from run to run: checked apart.
    grep -v -e "^fixed-port" -e "^hangs," "$work/out-$jobs/grades.csv" > "$work/rows-$jobs.csv"
    if diff -u Tests/Instructor/tests/expected-01.csv "$work/rows-$jobs.csv" > "$work/diff-$jobs.txt"; then
      pass "JOBS=$jobs: grades.csv has the expected points and status"
    else
      fail "JOBS=$jobs: grades.csv is not as expected:"; cat "$work/diff-$jobs.txt"
    fi
    for id in fixed-port fixed-port-2; do
      row=$(grep "^$id," "$work/out-$jobs/grades.csv")
      total=$(echo "$row" | cut -d, -f3)
      expect "JOBS=$jobs: $id loses echo-server points only ($row)" \
        "awk -v t='$total' 'BEGIN { exit !(t >= 85 && t <= 110) }'"
      expect "JOBS=$jobs: $id's failures are its own port clashes, never another submission's" \
        "! python3 -c \"import json,sys; d=json.load(open('$work/out-$jobs/$id/results.json'));
print('\n'.join(l for t in d['tests'] for l in t['output'].split('\n') if 'Caught error' in l))\" \
        | grep -v 'Address already in use' | grep -q ."
    done
    # The hanging one is cut off after LAB_TIMEOUT; how many of its other tests still run in
    # what is left of its budget depends on the machine's load, so only its status is checked.
    expect "JOBS=$jobs: the hanging submission is cut off: 'hangs,… 01 timed out'" \
      "grep -q '^hangs,.*,01 timed out\$' '$work/out-$jobs/grades.csv'"
    expect "JOBS=$jobs: each submission has results.json and log.txt" \
      "[ \$(ls '$work'/out-$jobs/*/results.json | wc -l) = \$(ls '$work/in' | wc -l) ]"
    if [ "$(id -u)" = 0 ]; then
      expect "JOBS=$jobs: the tampering submission wrote nowhere (tests ran as nobody, read-only)" \
        "! ls '$work'/out-$jobs/.work/slot-*/kit/PWNED '$work'/out-$jobs/.work/slot-*/scratch/PWNED /tmp/netlab-tampered 2>/dev/null \
         && ! grep -q tampered '$work/out-$jobs/grades.csv'"
      expect "JOBS=$jobs: its report says how the tests ran" \
        "grep -q 'ran as the user nobody' '$work/out-$jobs/tampers/results.json'"
    fi
    expect "JOBS=$jobs: no grading's TMPDIR is left behind" "! ls -d '$work'/out-$jobs/.work/slot-*/tmp 2>/dev/null"
    expect "JOBS=$jobs: the progress line shows done/total, the last result and the time left" \
      "grep -q '\\[13/13\\] .* left' '$work/grade-all-$jobs.txt'"
  done
  expect "JOBS=1 and JOBS=2 give the same grades.csv (but for the fixed-port and hanging rows)" \
    "cmp -s '$work/rows-1.csv' '$work/rows-2.csv'"
  expect "the edited tests were reported and not used" \
    "grep -q 'Tests/Lab01PingTests/EchoServerTests.swift' '$work/out-2/edits-tests/results.json'"
  make -s grade-all LAB=01 SUBMISSIONS="$work/in" JOBS=2 OUT="$work/out-2" LAB_TIMEOUT=90 TIMEOUT=900 \
    > "$work/rerun.txt" 2>&1
  expect "a rerun skips every unchanged submission" "grep -q '13 unchanged' '$work/rerun.txt'"
  cat "$work/out-2/grades.csv"
fi

if want 2; then
  step "make student-kit: the student edition, and its README commands run there"
  edition="$work/edition"
  make -s student-kit DEST="$edition" > "$work/kit.txt" 2>&1
  expect "it is written ($(tail -n 2 "$work/kit.txt" | head -n 1))" "[ -f '$edition/Makefile' ]"
  expect "it has no Solutions/ and no Tests/Instructor/" "[ ! -e '$edition/Solutions' ] && [ ! -e '$edition/Tests/Instructor' ]"
  expect "no hidden test or instructor file is in it" \
    "! grep -rqs -e HiddenRTTStatistics -e make-submissions '$edition' --exclude-dir=.git"
  expect "it has no symbolic links (given files are real files)" "[ -z \"\$(find '$edition' -type l)\" ]"
  expect "given files are in it as the kit has them, and listed as given (Labs/08-RUDP/Endpoint.swift)" \
    "cmp -s '$edition/Labs/08-RUDP/Endpoint.swift' '$kit/Labs/08-RUDP/Endpoint.swift' && grep -qx Labs/08-RUDP/Endpoint.swift '$edition/Tests/given-files.txt'"
  expect "it is a git repository with one commit" "[ \$(git -C '$edition' rev-list --count HEAD) = 1 ]"
  expect "its README has no instructor section" "! grep -q 'grade-all' '$edition/README.md'"
  cd "$edition"
  expect "make list lists the labs" "make -s list 2>&1 | grep -q '01  UDP ping'"
  expect "make hint LAB=01 prints hints" "make -s hint LAB=01 | grep -q '^## Hints'"
  expect "make run LAB=01 ARGS=--help runs lab 01's program" "make -s run LAB=01 ARGS=--help 2>&1 | grep -q USAGE"
  make -s test LAB=01 > "$work/test.txt" 2>&1
  expect "make test LAB=01 grades the starter 0" "grep -q '0.0/100.0' '$work/test.txt'"
  make -s grade LAB=01 > "$work/grade.txt" 2>&1
  expect "make grade LAB=01 writes results.json under .build and says where" \
    "grep -q 'written to .build/grade/results.json' '$work/grade.txt' && [ ! -e results.json ]"
  make -s check LAB=01 > "$work/check.txt" 2>&1
  expect "make check says it is the student edition and checks what it can" \
    "grep -q 'student edition' '$work/check.txt' && grep -q 'lab 01 compiles' '$work/check.txt'"
  make -s handin > "$work/handin.txt" 2>&1
  expect "make handin says where its zip is ($(cat "$work/handin.txt"))" "grep -q '.build/handin/handin.zip' '$work/handin.txt'"
  expect "the zip holds the lab folders only" "! unzip -Z1 .build/handin/handin.zip | grep -qv '^Labs/[0-9][0-9]-'"
  LAB=01 GITHUB_STEP_SUMMARY="$work/summary.md" bash .github/grade.sh > "$work/ci.txt" 2>&1
  expect "the workflow's script puts the score table in the job summary" "grep -q '^01   UDP ping' '$work/summary.md'"
  expect "the workflow runs it and uploads results.json" \
    "grep -q 'bash .github/grade.sh' .github/workflows/grade.yml && grep -q '.build/grade/results.json' .github/workflows/grade.yml"
  cd "$kit"
fi

if want 3; then
  step "make gradescope: run_autograder in a simulated /autograder tree"
  make -s gradescope LAB=01 BUILD="$work/build" > "$work/gradescope.txt" 2>&1
  zip="$work/build/gradescope/autograder.zip"
  expect "autograder.zip has setup.sh, run_autograder and the kit" \
    "unzip -Z1 '$zip' | grep -qx setup.sh && unzip -Z1 '$zip' | grep -qx run_autograder && unzip -Z1 '$zip' | grep -qx kit/Makefile"
  expect "it has no Solutions/" "! unzip -Z1 '$zip' | grep -q '^kit/Solutions/'"
  expect "it has the hidden tests" "unzip -Z1 '$zip' | grep -q '^kit/Tests/Instructor/HiddenTests/hidden.json'"
  root="$work/autograder"
  mkdir -p "$root/source" "$root/submission"
  unzip -q "$zip" -d "$root/source"
  cp "$root/source/run_autograder" "$root/run_autograder"
  # A sample submission, as a student would upload it: the zip make handin writes (parts 1 and 2).
  bash Tests/Instructor/tests/make-submissions.sh "$work/samples" >/dev/null
  cp "$work/samples/zipped.zip" "$root/submission/handin.zip"
  AUTOGRADER_ROOT="$root" "$root/run_autograder" > "$work/autograder.txt" 2>&1
  expect "it wrote results/results.json" "[ -s '$root/results/results.json' ]"
  python3 - "$root/results/results.json" <<'PY' && pass "results.json has Gradescope's documented fields, and the expected score" || fail "results.json"
import json, sys
# Gradescope's documented fields (autograder specifications: "Output format").
top = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
       "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
test = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
        "visibility", "extra_data"}
visibility = {"hidden", "after_due_date", "after_published", "visible"}
d = json.load(open(sys.argv[1]))
problems = [f"unknown top-level field {k}" for k in d if k not in top]
problems += [f"{k} missing" for k in ("score", "execution_time", "output", "tests") if k not in d]
for t in d["tests"]:
    problems += [f"unknown test field {k}" for k in t if k not in test]
    problems += [f"test without {k}" for k in ("name", "score", "max_score", "output", "visibility") if k not in t]
    if t.get("visibility") not in visibility: problems.append(f"bad visibility {t.get('visibility')}")
    if not isinstance(t["score"], (int, float)) or not isinstance(t["max_score"], (int, float)): problems.append("score type")
if d.get("visibility") not in visibility: problems.append("bad top-level visibility")
if abs(sum(t["score"] for t in d["tests"]) - d["score"]) > 0.01: problems.append("score is not the sum of the tests")
if d["score"] != 35: problems.append(f"score {d['score']}, expected 35 (parts 1, 2 and the hidden part)")
hidden = [t for t in d["tests"] if t["name"].endswith("Hidden: RTT statistics on other samples")]
if not hidden or hidden[0]["visibility"] != "after_published": problems.append("the hidden part is not after_published")
if not isinstance(d.get("execution_time"), (int, float)): problems.append("execution_time is not a number")
print("\n".join(problems) or f"score {d['score']}, {len(d['tests'])} tests")
sys.exit(1 if problems else 0)
PY
  expect "its TMPDIR is removed" "[ ! -e '$root/work/tmp' ]"
fi

echo
if [ "$failures" = 0 ]; then echo "make test-grading: all passed."; else echo "make test-grading: $failures failed."; fi
[ "$failures" = 0 ]
