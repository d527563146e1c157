#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04).
# It installs the pinned Swift toolchain and make, builds the grader, and grades the starters
# once so that the given modules are built and each submission pays only for its own labs.
# (It needs the network, so it cannot be tried offline; run_autograder can, see the README.)
set -euo pipefail
SWIFT=6.3.1
apt-get update -qq
apt-get install -y -qq make zip unzip git curl binutils gcc libc6-dev libcurl4-openssl-dev \
  libedit2 libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libz3-dev pkg-config tzdata zlib1g-dev
curl -fsSL "https://download.swift.org/swift-$SWIFT-release/ubuntu2204/swift-$SWIFT-RELEASE/swift-$SWIFT-RELEASE-ubuntu22.04.tar.gz" \
  | tar -xz -C /opt
mv "/opt/swift-$SWIFT-RELEASE-ubuntu22.04" /opt/swift
export PATH=/opt/swift/usr/bin:$PATH
swift --version
cd /autograder/source/kit
make tools
# Warm the build: grade the starters (the kit itself) once, in the workspace run_autograder uses.
./.build/tools/debug/netlab grade --lab all --submission . --workspace /autograder/work \
  --results /autograder/work/results --out /tmp/starters.json >/dev/null
