#!/usr/bin/env bash
# Checks the one C boundary:
#   1. `#if canImport(Glibc/Darwin)` appears only in the platform shim (NetLabKit's
#      Platform.swift and NetLabSystem's one file). The grader's FoundationXML is allowed.
#   2. NetLabKit does not hand libc to its users: a file that imports only NetLabKit
#      must not see `recvfrom` or `errno`. Needs a build; give its scratch path:
#        bash Tests/Lint/c-boundary.sh .build/solutions
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
outside=$(grep -rn 'canImport' Labs Solutions Tests --include='*.swift' \
    | grep -v -e '^Labs/Given/NetLabKit/Platform.swift:' -e '^Labs/Given/NetLabSystem/' \
        -e '^Tests/Grader/SwiftRunner.swift:.*canImport(FoundationXML)' || true)
if [ -n "$outside" ]; then
    echo "canImport outside the platform shim:"
    echo "$outside"
    status=1
fi
if [ $# -ge 1 ]; then
    modules="$1/debug/Modules"
    if [ ! -e "$modules/NetLabKit.swiftmodule" ]; then
        echo "error: no NetLabKit module under $modules: build first" >&2
        exit 2
    fi
    probe=$(mktemp -d)
    trap 'rm -rf "$probe"' EXIT
    printf 'import NetLabKit\nlet leaked = recvfrom\n' > "$probe/probe.swift"
    if swiftc -typecheck -I "$modules" "$probe/probe.swift" 2>/dev/null; then
        echo "NetLabKit re-exports libc: a file importing only NetLabKit sees recvfrom"
        status=1
    fi
fi
[ $status -eq 0 ] && echo "C boundary: ok"
exit $status
