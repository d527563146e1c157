# Shared by the handout scripts (Tests/Handouts/NN.sh), which run every command a handout
# shows, exactly as it is written there, from the top of the kit, against the reference.
#
# A script gives each command in a here-document, so its text is the handout's, byte for byte
# (check.sh makes sure of that):
#
#   serve tcp <<'CMD'          # a server: started in the background; waits for its
#   make run LAB=02 ARGS="…"   # `listening on tcp://…` line; stopped when the script ends
#   CMD
#   run <<'CMD'                # runs and must exit 0 (`run 1 <<'CMD'`: must exit 1)
#   curl -si http://127.0.0.1:8080/
#   CMD
#   skip "needs root" <<'CMD'  # shown in the handout but not run here, and why
#   sudo tcpdump -i lo udp port 12000
#   CMD
#
# What a command prints goes to $work/out.N, for the script's own checks (`last_output`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source Tests/Interop/common.sh
export IMPL=solutions  # `make run` then runs the reference
workspace handout
STEP=0

# Files the commands create (copies, traces, captures) are removed when the script ends.
untracked_before=$(git ls-files --others --exclude-standard | sort)
remove_new_files() {
  comm -13 <(echo "$untracked_before") <(git ls-files --others --exclude-standard | sort) \
    | while read -r file; do rm -f -- "$file"; done
}
trap 'remove_new_files; cleanup_workspace' EXIT

# Reads a command from the here-document; joins `\` continuation lines as bash would.
read_command() { cat; }

serve() {
  local scheme=$1 command
  command=$(read_command)
  STEP=$((STEP + 1))
  echo "\$ $command"
  # In a process group of its own, so that stopping it stops `make` and the server it ran.
  start_server "$scheme" setsid bash -c "exec $command"
  sleep 0.3
}

run() {
  local expected=${1:-0} command status
  command=$(read_command)
  STEP=$((STEP + 1))
  echo "\$ $command"
  set +e
  bash -c "$command" > "$work/out.$STEP" 2>&1
  status=$?
  set -e
  sed 's/^/    /' "$work/out.$STEP" | head -20
  if [ "$status" != "$expected" ]; then
    echo "FAILED: exit $status, expected $expected: $command"
    FAILURES=$((FAILURES + 1))
  fi
}

skip() {
  local why=$1 command
  command=$(read_command)
  echo "(not run here: $why) \$ $command"
}

# What the last command printed (stdout and stderr).
last_output() { cat "$work/out.$STEP"; }

finish() {
  if [ "$FAILURES" = 0 ]; then echo "handout: every command ran"; else echo "handout: $FAILURES command(s) failed"; exit 1; fi
}
