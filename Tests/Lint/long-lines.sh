#!/usr/bin/env bash
# Lists every Swift line longer than 120 columns in Labs/, Solutions/ and Tests/ (the limit
# in .swift-format), as FILE:LINE: COLUMNS. Exits 1 if there is any, 0 if there is none.
# Symlinked files (Solutions/ -> Labs/) are checked once, under Labs/.
#   bash Tests/Lint/long-lines.sh            # the whole tree
#   bash Tests/Lint/long-lines.sh Labs/Given # one folder
set -euo pipefail
cd "$(dirname "$0")/../.."
limit=120
export LC_ALL=C.UTF-8  # count characters, not bytes (a "…" is one column)
folders=("$@")
[ ${#folders[@]} -eq 0 ] && folders=(Labs Solutions Tests)
found=$(find "${folders[@]}" -name '*.swift' -type f -print0 \
    | xargs -0 -r awk -v limit="$limit" 'length > limit { printf "%s:%d: %d columns\n", FILENAME, FNR, length }')
if [ -n "$found" ]; then
    echo "$found"
    echo "$(echo "$found" | wc -l) lines over $limit columns" >&2
    exit 1
fi
