#!/usr/bin/env bash
# Prepares the GPU augmentation's device check for a machine with a CUDA GPU but no .NET (the device machines some
# tasks are lent): publishes tests/SchemaGen.Gpu.DeviceCheck framework-dependent and packs this machine's .NET runtime
# (about 36 MB compressed) into .device/, which git ignores. Then, with the device tool:
#   run(command: "bash build/device-check.sh --run", carry: [".device"], timeout_s: 420)
# It prints the accelerator, CPU/device parity (within 1e-5) and images/s of crop + flip + normalize to NCHW with the
# host-to-device copy, for batches of 128, 1024 and 4096 on one and two host threads. Exit 0: parity on CUDA.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--run" ]]; then
    runtime=$(mktemp -d)
    tar xzf .device/dotnet-runtime.tgz -C "$runtime"
    DOTNET_ROOT="$runtime" "$runtime/dotnet" .device/check/SchemaGen.Gpu.DeviceCheck.dll
    exit
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
version=$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ { v = $2 } END { print v }')
rm -rf .device && mkdir -p .device
dotnet publish tests/SchemaGen.Gpu.DeviceCheck -c Release -o .device/check --nologo -v:q
tar czf .device/dotnet-runtime.tgz -C "$dotnet_root" dotnet host "shared/Microsoft.NETCore.App/$version"
du -sh .device
