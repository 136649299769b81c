#!/usr/bin/env bash
# Sums the per-project "Passed!/Failed!" lines of a `dotnet test` log into one closing line
# ("Tests: N passed, N failed, N skipped") that CI tooling reads.
set -euo pipefail
log=${1:?usage: test-summary.sh LOG}
grep -E '^(Passed|Failed)!' "$log" | sed -E 's/[^0-9]+/ /g' | awk '
  { failed += $1; passed += $2; skipped += $3 }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }'
