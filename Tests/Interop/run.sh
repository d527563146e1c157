#!/usr/bin/env bash
# make interop [LAB=NN]: checks the reference solutions against programs NetLab did not
# write (a Python pinger, curl, dig, …). Each lab's check is Tests/Interop/labNN.sh; it may
# install what it needs with apt-get. Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
labs=${1:-}
if [ -z "$labs" ]; then labs=$(ls Tests/Interop/lab*.sh | sed 's/.*lab\([0-9]*\)\.sh/\1/'); fi
status=0
for lab in $labs; do
  script=Tests/Interop/lab$lab.sh
  if [ ! -f "$script" ]; then echo "lab $lab: no interop check"; continue; fi
  echo "== lab $lab"
  if bash "$script"; then echo "lab $lab: interop ok"; else echo "lab $lab: interop FAILED"; status=1; fi
done
exit $status
