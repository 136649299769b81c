#!/usr/bin/python3
"""The peer of tests/SchemaGen.Benchmarks' ImageDecodeBenchmarks: decode-only images/s of PIL (Debian's python3-pil,
libjpeg-turbo and libpng) on one core, for the same files.

    /usr/bin/python3 build/pil-decode-bench.py [--seconds S] FILE...

Prints one JSON object per line: {"file": name, "mode": "full" | "draft2" | "draft4", "imagesPerSecond": rate,
"pillow": version}. "full" is Image.open + load (the whole image, RGB); "draftN" asks libjpeg for 1/N scale with
Image.draft (DCT scaling, JPEG only). The rate is the median of rounds of about 0.2 s after a warm-up.
Installs python3-pil with apt-get if it is missing (the benchmark host is root, as the machines here are).
"""
import io
import json
import os
import statistics
import subprocess
import sys
import time

try:
    from PIL import Image
except ImportError:
    subprocess.run(["apt-get", "install", "-y", "-q", "python3-pil"], check=True, stdout=subprocess.DEVNULL)
    os.execv(sys.executable, [sys.executable] + sys.argv)


def full(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def draft(scale):
    def run(data):
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (image.width // scale, image.height // scale))
        image.load()
        return image
    return run


def rate(decode, data, seconds):
    for _ in range(3):
        decode(data)
    rounds = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rounds) < 3:
        count, start = 0, time.perf_counter()
        while True:
            decode(data)
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.2:
                break
        rounds.append(count / elapsed)
    return statistics.median(rounds)


def main():
    arguments = sys.argv[1:]
    seconds = 2.0
    if arguments[:1] == ["--seconds"]:
        seconds, arguments = float(arguments[1]), arguments[2:]
    for path in arguments:
        with open(path, "rb") as f:
            data = f.read()
        modes = [("full", full)]
        if data[:2] == b"\xff\xd8":
            modes += [("draft2", draft(2)), ("draft4", draft(4))]
        for mode, decode in modes:
            print(json.dumps({"file": os.path.basename(path), "mode": mode, "imagesPerSecond": rate(decode, data, seconds),
                              "pillow": Image.__version__}), flush=True)


if __name__ == "__main__":
    main()
