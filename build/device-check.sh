#!/usr/bin/env bash
# Prepares the GPU augmentation's device checks for a machine with a CUDA GPU but no .NET (the device machines some
# tasks are lent): publishes tests/SchemaGen.Gpu.DeviceCheck and tests/SchemaGen.Benchmarks framework-dependent and
# packs them with this machine's .NET runtime into .device/ (about 43 MB), which git ignores. Then, with the device tool:
#   run(command: "bash build/device-check.sh --run", carry: [".device"], timeout_s: 480)
# It prints the accelerator, CPU/device parity (within 1e-5, also through a dataset) and the upload's ceiling, then
# runs the augmentation benchmarks in process (BenchmarkDotNet's in-process toolchain needs no SDK): the device path
# for batches of 128, 1024 and 4096 on one and two workers, and the CPU path as the peer, on the same machine.
# Exit 0: parity on CUDA and the benchmarks ran. Results are also written under $OUT when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--run" ]]; then
    work=$(mktemp -d)
    tar xzf .device/dotnet-runtime.tgz -C "$work"
    tar xzf .device/app.tgz -C "$work"
    export DOTNET_ROOT="$work" DOTNET_CLI_TELEMETRY_OPTOUT=1
    out="${OUT:-$work/out}" && mkdir -p "$out"
    nvidia-smi --query-gpu=name,driver_version,pcie.link.gen.current,pcie.link.width.current --format=csv 2>&1 || true
    ldconfig -p | grep -E 'libcuda\.so' || echo "no libcuda in the loader cache"
    nproc
    set +e
    # Fully optimized code from the first call, so the check's short timings are not of tier-0 code.
    DOTNET_TieredCompilation=0 "$work/dotnet" "$work/app/SchemaGen.Gpu.DeviceCheck.dll" 2>&1 | tee "$out/device-check.txt"
    check=${PIPESTATUS[0]}
    set -e
    [[ $check == 0 ]] || { echo "device check exited $check"; exit "$check"; }
    cd "$out"
    "$work/dotnet" "$work/app/SchemaGen.Benchmarks.dll" --filter '*AugmentationBenchmarks*' --job short --inProcess \
        --artifacts "$out/bdn" 2>&1 | tee "$out/benchmarks.txt" | grep -E '^\||Accelerator|Error|Exception' || true
    cp "$out"/bdn/results/*-report-github.md "$out/" 2>/dev/null || true
    exit 0
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
version=$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ { v = $2 } END { print v }')
app=$(mktemp -d)/app
rm -rf .device && mkdir -p .device
dotnet publish tests/SchemaGen.Gpu.DeviceCheck -c Release -o "$app" --nologo -v:q
dotnet publish tests/SchemaGen.Benchmarks -c Release -o "$app" --nologo -v:q
# BenchmarkDotNet's diagnostics bring Windows and Arm binaries the device machine has no use for.
rm -rf "$app"/{amd64,arm64,x86} && find "$app/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' ! -name 'unix' -exec rm -rf {} +
tar czf .device/app.tgz -C "$(dirname "$app")" app
tar czf .device/dotnet-runtime.tgz -C "$dotnet_root" dotnet host "shared/Microsoft.NETCore.App/$version"
du -sh .device/*
