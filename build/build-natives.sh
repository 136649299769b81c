#!/bin/bash
# Builds src/SchemaGen.Imaging/runtimes/linux-x64/native/libschemagen_jpeg.so: the JPEG shim
# (src/SchemaGen.Imaging/native/schemagen_jpeg.c) with libjpeg-turbo 2.1.5 linked in statically, SIMD (NASM) on.
#
# The libjpeg-turbo source is Debian bookworm's libjpeg-turbo 1:2.1.5-2 (the library Debian's python3-pil, the
# benchmarks' peer, uses), fetched with `apt-get source` and checked against the SHA-256 sums below; dpkg-source
# applies Debian's patches. The result depends on nothing but glibc (no libjpeg.so at run time).
#
# Run on Debian bookworm x86-64 as root (installs the tools):
#   build/build-natives.sh
# Needs a deb-src line for bookworm (the script adds one under /etc/apt/sources.list.d if apt has none).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NATIVE="$ROOT/src/SchemaGen.Imaging/native"
OUT="$ROOT/src/SchemaGen.Imaging/runtimes/linux-x64/native"
WORK="${WORK:-$(mktemp -d)}"
VERSION="1:2.1.5-2"
ORIG_SHA256="254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c"
DEBIAN_SHA256="cdb2433c2f7101345c1ffa14efb943787c675b86354691a32490845fe4bc9237"

if ! grep -rqs "^Types: deb-src\|^deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/schemagen-deb-src.sources <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi
apt-get update -qq
apt-get install -y -qq nasm cmake gcc make dpkg-dev > /dev/null

cd "$WORK"
apt-get source --download-only "libjpeg-turbo=$VERSION" > /dev/null
echo "$ORIG_SHA256  libjpeg-turbo_2.1.5.orig.tar.gz" | sha256sum -c -
echo "$DEBIAN_SHA256  libjpeg-turbo_2.1.5-2.debian.tar.xz" | sha256sum -c -
rm -rf libjpeg-turbo-2.1.5
dpkg-source -x libjpeg-turbo_2.1.5-2.dsc > /dev/null

# Static, position-independent (it goes into a shared library), SIMD required (the build fails without NASM).
cmake -S libjpeg-turbo-2.1.5 -B ljt-build -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release \
  -DENABLE_SHARED=OFF -DENABLE_STATIC=ON -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DWITH_TURBOJPEG=OFF \
  -DWITH_SIMD=ON -DREQUIRE_SIMD=ON -DWITH_ARITH_DEC=ON -DWITH_ARITH_ENC=OFF -DWITH_JPEG8=OFF > /dev/null
make -C ljt-build -j"$(nproc)" jpeg-static > /dev/null

mkdir -p "$OUT"
# -ffile-prefix-map and no build id: the same bytes from the same sources and compiler.
gcc -O2 -fPIC -shared -fvisibility=hidden -ffile-prefix-map="$WORK"=. -ffile-prefix-map="$ROOT"=. \
  -I ljt-build -I libjpeg-turbo-2.1.5 \
  "$NATIVE/schemagen_jpeg.c" ljt-build/libjpeg.a \
  -Wl,--version-script="$NATIVE/libschemagen_jpeg.map" -Wl,--exclude-libs,ALL -Wl,-z,noexecstack -Wl,-z,relro,-z,now \
  -Wl,--build-id=none -s -o "$OUT/libschemagen_jpeg.so"

echo "built $OUT/libschemagen_jpeg.so"
sha256sum "$OUT/libschemagen_jpeg.so"
objdump -T "$OUT/libschemagen_jpeg.so" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 | sed 's/^/needs glibc symbols up to /'
