#!/usr/bin/env bash
# Adds every public member the build reports as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt.
# Usage: build/public-api-add.sh src/SchemaGen.Runtime   (review the diff: it is the change to the public surface)
set -euo pipefail
project=${1:?project folder}
unshipped="$project/PublicAPI.Unshipped.txt"
[ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
[ -f "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
added=$(dotnet build "$project" -c Release 2>&1 | grep 'error RS0016' \
  | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)
{ head -n 1 "$unshipped"; { tail -n +2 "$unshipped"; [ -z "$added" ] || printf '%s\n' "$added"; } | LC_ALL=C sort -u; } > "$unshipped.tmp"
mv "$unshipped.tmp" "$unshipped"
echo "$(printf '%s' "$added" | grep -c . || true) members added to $unshipped"
