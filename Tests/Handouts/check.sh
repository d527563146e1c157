#!/usr/bin/env bash
# make handouts [LAB=NN]: every command a handout shows runs as written.
#
# For each Handouts/NN-*.md it collects the commands (code lines that start with `$ `,
# with `\` continuation lines joined), checks that Tests/Handouts/NN.sh gives each one
# word for word, and runs that script against the reference solution.
set -euo pipefail
cd "$(dirname "$0")/../.."
labs=${1:-}
[ -n "$labs" ] || labs=$(ls Handouts/[0-9][0-9]-*.md | sed 's|Handouts/\([0-9]*\)-.*|\1|')
status=0
for lab in ${labs//,/ }; do
  handout=$(ls Handouts/"$lab"-*.md 2>/dev/null | head -n 1)
  script=Tests/Handouts/$lab.sh
  [ -n "$handout" ] || { echo "lab $lab: no handout"; status=1; continue; }
  echo "== lab $lab: $handout"
  if [ ! -f "$script" ]; then echo "lab $lab: no $script"; status=1; continue; fi
  # The handout's commands, one per line, continuation lines joined.
  commands=$(python3 - "$handout" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
in_fence = False
i = 0
while i < len(lines):
    line = lines[i]
    if line.lstrip().startswith("```"):
        in_fence = not in_fence
    code = in_fence or line.startswith("    ")
    text = line.strip()
    if code and text.startswith("$ "):
        command = text[2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command + "\n" + lines[i].strip()
        print(command.replace("\n", "\\n"))
    i += 1
PY
)
  missing=0
  while IFS= read -r command; do
    [ -n "$command" ] || continue
    if ! python3 - "$script" "$command" <<'PY'
import sys
script, command = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2].replace("\\n", "\n")
sys.exit(0 if ("\n" + command + "\nCMD") in script else 1)
PY
    then
      echo "  missing from $script: \$ ${command//\\n/ }"
      missing=$((missing + 1))
    fi
  done <<< "$commands"
  if [ "$missing" != 0 ]; then echo "lab $lab: $missing handout command(s) not in $script"; status=1; continue; fi
  if bash "$script"; then echo "lab $lab: handout ok"; else echo "lab $lab: handout FAILED"; status=1; fi
done
exit $status
