#!/usr/bin/env bash
# What GitHub Actions runs on each push (.github/workflows/grade.yml); it runs here the same way.
# Grades your labs (LAB=NN for one), and writes the score table to the job's summary
# ($GITHUB_STEP_SUMMARY; .build/grade/summary.md when run by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v make >/dev/null || { apt-get update -qq && apt-get install -y -qq make zip unzip >/dev/null; }
mkdir -p .build/grade
make grade LAB="${LAB:-}" 2>&1 | tee .build/grade/grade.txt
summary=${GITHUB_STEP_SUMMARY:-.build/grade/summary.md}
{
  echo "## NetLab grade"
  echo
  echo '```'
  sed -n '/^Lab  Title/,/^Total/p' .build/grade/grade.txt
  echo '```'
  echo
  echo "Each part's failed tests and why are in results.json (the \"results\" artifact)."
} >> "$summary"
echo "Score table written to $summary"
