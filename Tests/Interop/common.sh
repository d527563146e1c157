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

# Starts a server in the background (its stdout in $SERVER_LOG) and waits for its
# `listening on SCHEME://…` line; sets SERVER_PID, SERVER_LOG and SERVER_PORT.
start_server() {
  local scheme=$1; shift
  SERVER_LOG=$(mktemp)
  "$@" > "$SERVER_LOG" 2>/dev/null &
  SERVER_PID=$!
  for _ in $(seq 100); do grep -q "^listening on $scheme://" "$SERVER_LOG" && break; sleep 0.1; done
  SERVER_PORT=$(grep -m1 "^listening on $scheme://" "$SERVER_LOG" | sed 's/.*:\([0-9]*\)$/\1/')
  [ -n "$SERVER_PORT" ] || { echo "the server never said 'listening on $scheme://…'"; return 1; }
}

# check "what" 'shell condition': prints ok or FAILED, and counts failures in $FAILURES.
FAILURES=0
check() {
  local what=$1 condition=$2
  if eval "$condition"; then echo "ok: $what"; else echo "FAILED: $what"; FAILURES=$((FAILURES + 1)); fi
}

say() { printf '%s\n' "$*"; }

# workspace NAME: makes a temporary folder, $work. On exit, every process whose PID was added
# to $pids is stopped and the folder is removed.
workspace() {
  work=$(mktemp -d "/tmp/$1-XXXXXX")
  pids=()
  # `|| true`: under `set -e` a failing kill (a process already gone) would end the trap early.
  trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
}
