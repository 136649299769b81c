#!/usr/bin/env bash
# Fuzzes the readers, parsers and converter inputs (tests/SchemaGen.Fuzz) and fails on any finding.
#
#   build/fuzz.sh [--seconds N] [--findings DIR] [TARGET...]
#       Each target (all by default) for N seconds (default 15) with the harness's own mutator, seeded from
#       $FUZZ_SEED (default: random, printed). Findings are saved under DIR (default artifacts/fuzz-findings).
#   build/fuzz.sh --afl TARGET [--seconds N]
#       One target under afl++ with coverage feedback: installs afl++ (Debian) and the sharpfuzz tool when missing,
#       instruments SchemaGen's assemblies, and runs afl-fuzz for N seconds (default 3600). Crashes and hangs are
#       findings (artifacts/fuzz-afl/TARGET/out/default/crashes, …/hangs).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
findings=artifacts/fuzz-findings
afl=false
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --findings) findings=$2; shift 2 ;;
    --afl) afl=true; shift ;;
    *) targets+=("$1"); shift ;;
  esac
done

dotnet build tests/SchemaGen.Fuzz -c Release -v q --nologo -clp:NoSummary
bin=tests/SchemaGen.Fuzz/bin/Release/net10.0
fuzz() { dotnet "$bin/SchemaGen.Fuzz.dll" "$@"; }

if [ "$afl" = false ]; then
  [ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(fuzz list)
  seed=${FUZZ_SEED:-$RANDOM}
  status=0
  for target in "${targets[@]}"; do
    fuzz run "$target" --seconds "${seconds:-15}" --seed "$seed" --findings "$findings" || status=1
  done
  [ $status -eq 0 ] || echo "fuzz: findings under $findings (replay: dotnet $bin/SchemaGen.Fuzz.dll replay TARGET FILE)" >&2
  exit $status
fi

[ ${#targets[@]} -eq 1 ] || { echo "fuzz: --afl takes one TARGET" >&2; exit 2; }
target=${targets[0]}
if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && apt-get install -y -qq afl++
fi
tools=artifacts/tools
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

work=artifacts/fuzz-afl/$target
rm -rf "$work/bin" && mkdir -p "$work" && cp -r "$bin" "$work/bin"
# Coverage comes from instrumenting the code under test (not the harness, not the framework).
for assembly in SchemaGen.Runtime.dll SchemaGen.Conversion.dll SchemaGen.Protobuf.dll Razorvine.Pickle.dll; do
  "$tools/sharpfuzz" "$work/bin/$assembly"
done
# Seeds come from the uninstrumented build: instrumented code runs only under afl-fuzz.
fuzz seeds "$target" "$work/in"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
timeout --preserve-status "${seconds:-3600}" \
  afl-fuzz -i "$work/in" -o "$work/out" -t 10000 -m none -- dotnet "$work/bin/SchemaGen.Fuzz.dll" afl "$target" || true
[ -f "$work/out/default/fuzzer_stats" ] || { echo "fuzz: afl-fuzz did not start (see its output above)" >&2; exit 1; }
crashes=$(find "$work/out" -path '*/crashes/id:*' -o -path '*/hangs/id:*' 2>/dev/null | wc -l)
grep -h -E 'execs_done|execs_per_sec|run_time' "$work"/out/*/fuzzer_stats 2>/dev/null || true
echo "fuzz: $target under afl++: $crashes crashes and hangs"
[ "$crashes" -eq 0 ]
