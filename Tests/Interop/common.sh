# Shared by the interop checks (Tests/Interop) and the benchmarks (Tests/Benchmarks):
# install a missing tool, build the reference, start a server, find its port, check.
# Everything stays on 127.0.0.1.

# need COMMAND PACKAGE: installs the Debian package when the command is missing (needs root
# and apt-get); says so, and fails, when it can't. Daemons in /usr/sbin count as found.
need() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $package (apt-get)…" >&2
    (apt-get install -y -qq "$package" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; }) >/dev/null 2>&1
  fi
  command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] || { echo "$command is not installed and could not be: skipping" >&2; return 1; }
}

# Builds lab $1's reference binary and prints its folder.
build_solution() {
  NETLAB_IMPL=solutions NETLAB_LABS=$1 swift build --scratch-path .build/solutions -q >&2
  NETLAB_IMPL=solutions NETLAB_LABS=$1 swift build --scratch-path .build/solutions --show-bin-path
}

# start_server SCHEME COMMAND…: starts a server in the background and waits (up to 20 s) for
# its `listening on SCHEME://…` line. Sets SERVER_PID, SERVER_LOG (its stdout), SERVER_ERR (its
# stderr) and SERVER_PORT. The server is stopped, and its logs removed, when the script exits
# (it joins the workspace; one is made if the script has none). Fails, showing what the server
# printed, if it exits or stays silent.
start_server() {
  local scheme=$1; shift
  [ -n "${work:-}" ] || workspace netlab
  SERVER_LOG=$(mktemp "$work/server-XXXXXX.out")
  SERVER_ERR=${SERVER_LOG%.out}.err
  "$@" > "$SERVER_LOG" 2> "$SERVER_ERR" &
  SERVER_PID=$!
  pids+=("$SERVER_PID")
  SERVER_PORT=
  for _ in $(seq 200); do
    if grep -q "^listening on $scheme://" "$SERVER_LOG"; then
      SERVER_PORT=$(grep -m1 "^listening on $scheme://" "$SERVER_LOG" | sed 's/.*:\([0-9]*\)\( (.*)\)\{0,1\}$/\1/')
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server never said 'listening on $scheme://…': $*" >&2
  sed 's/^/  server: /' "$SERVER_LOG" "$SERVER_ERR" >&2
  return 1
}

# check "what" 'shell condition': prints ok or FAILED, and counts failures in $FAILURES.
FAILURES=0
check() {
  local what=$1 condition=$2
  if eval "$condition"; then echo "ok: $what"; else echo "FAILED: $what"; FAILURES=$((FAILURES + 1)); fi
}

say() { printf '%s\n' "$*"; }

# workspace NAME: makes a temporary folder, $work. On exit, every process whose PID was added
# to $pids is stopped and the folder is removed, however the script ends.
workspace() {
  work=$(mktemp -d "/tmp/$1-XXXXXX")
  pids=()
  trap cleanup_workspace EXIT
}

# The EXIT trap of `workspace`. Under `set -e` a failing command would end a trap early (a
# `kill` of a process that already exited fails), so every step here is allowed to fail.
cleanup_workspace() {
  local pid
  # A server started with setsid leads a process group of its own: stop all of it (`make run`
  # and the program it started), or just the one process.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # A program that was just stopped may still be writing into the folder: try again once.
  rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work" || true; }
}
