#!/usr/bin/env python3
"""Writes samples/Cifar10/data/cifar-10-python-mini.tar.gz: synthetic images in exactly the layout of the real
cifar-10-python.tar.gz (https://www.cs.toronto.edu/~kriz/cifar.html).

The archive holds cifar-10-batches-py/{data_batch_1..5, test_batch, batches.meta, readme.html}. Each batch is what
Python 2's cPickle wrote at protocol 2 for the real files: a dict of byte-string keys 'batch_label', 'labels' (list of
ints), 'data' (a numpy uint8 array of N x 3072, pickled through numpy.core.multiarray._reconstruct with its pixels as
one byte string, planes R, G, B, each 32x32 row-major) and 'filenames'; batches.meta holds 'num_cases_per_batch',
'label_names' and 'num_vis'. The opcodes are emitted here directly, so neither Python 2 nor numpy is needed.

The images are not CIFAR's: each class is a colour scheme and a shape, moved and tinted per image, with noise, so a
linear classifier learns them well but not perfectly. Deterministic: the same script always writes the same bytes.
Run: python3 build/make-cifar10-mini.py
"""
import gzip
import io
import os
import random
import struct
import tarfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "Cifar10", "data", "cifar-10-python-mini.tar.gz")
TRAIN_BATCHES, PER_BATCH, TEST_IMAGES = 5, 200, 200
LABEL_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class Py2Pickle:
    """Protocol 2 opcodes as cPickle wrote them for str (byte strings), int, bool, None, list, tuple and dict."""

    def __init__(self):
        self.out = io.BytesIO()
        self.memo = 0

    def op(self, b):
        self.out.write(b)

    def put(self):
        self.memo += 1
        self.op(b"q" + bytes([self.memo]) if self.memo < 256 else b"r" + struct.pack("<I", self.memo))

    def str(self, s):
        b = s if isinstance(s, bytes) else s.encode("ascii")
        self.op(b"U" + bytes([len(b)]) + b if len(b) < 256 else b"T" + struct.pack("<i", len(b)) + b)
        self.put()

    def int(self, v):
        if 0 <= v < 256:
            self.op(b"K" + bytes([v]))
        elif 0 <= v < 65536:
            self.op(b"M" + struct.pack("<H", v))
        else:
            self.op(b"J" + struct.pack("<i", v))

    def glob(self, module, name):
        self.op(b"c" + module.encode() + b"\n" + name.encode() + b"\n")
        self.put()

    def value(self, v):
        if v is None:
            self.op(b"N")
        elif v is True or v is False:
            self.op(b"\x88" if v else b"\x89")
        elif isinstance(v, int):
            self.int(v)
        elif isinstance(v, (str, bytes)):
            self.str(v)
        elif isinstance(v, list):
            self.op(b"]")
            self.put()
            for start in range(0, len(v), 1000):  # cPickle appends in batches of 1000
                self.op(b"(")
                for item in v[start:start + 1000]:
                    self.value(item)
                self.op(b"e")
        elif isinstance(v, tuple):
            self.tuple(lambda: [self.value(item) for item in v], len(v))
        elif isinstance(v, dict):
            self.op(b"}")
            self.put()
            self.op(b"(")
            for key, item in v.items():
                self.value(key)
                self.value(item)
            self.op(b"u")
        elif isinstance(v, UInt8Rows):
            self.array(v)
        else:
            raise TypeError(type(v))

    def tuple(self, items, n):
        if 1 <= n <= 3:
            items()
            self.op(bytes([0x84 + n]))  # TUPLE1..TUPLE3
        else:
            self.op(b"(")
            items()
            self.op(b"t")
        self.put()

    def array(self, rows):
        # ndarray.__reduce__: (_reconstruct, (ndarray, (0,), 'b'), (1, shape, dtype, is_fortran, raw bytes))
        self.glob("numpy.core.multiarray", "_reconstruct")
        self.glob("numpy", "ndarray")
        self.tuple(lambda: self.int(0), 1)
        self.str("b")
        self.op(b"\x87")
        self.put()
        self.op(b"R")
        self.put()

        def state():
            self.int(1)
            self.tuple(lambda: (self.int(rows.count), self.int(3072)), 2)
            # dtype.__reduce__: (dtype, ('u1', 0, 1), (3, '|', None, None, None, -1, -1, 0))
            self.glob("numpy", "dtype")
            self.tuple(lambda: (self.str("u1"), self.int(0), self.int(1)), 3)
            self.op(b"R")
            self.put()
            self.tuple(lambda: [self.value(x) for x in (3, "|", None, None, None, -1, -1, 0)], 8)
            self.op(b"b")
            self.value(False)
            self.str(bytes(rows.data))

        self.tuple(state, 5)
        self.op(b"b")

    def dumps(self, v):
        self.op(b"\x80\x02")
        self.value(v)
        self.op(b".")
        return self.out.getvalue()


class UInt8Rows:
    def __init__(self, data, count):
        self.data, self.count = data, count


# Per class: background colour, shape colour, shape.
SCHEMES = [
    ((90, 140, 210), (230, 230, 235), "cross"),    # airplane: pale cross on blue sky
    ((120, 120, 120), (200, 30, 30), "box"),       # automobile: red box on grey road
    ((110, 170, 90), (60, 50, 40), "dot"),         # bird: dark dot on green
    ((200, 170, 130), (120, 80, 40), "ring"),      # cat: brown ring on beige
    ((70, 120, 50), (150, 100, 50), "vbar"),       # deer: brown vertical bar on forest
    ((180, 180, 160), (60, 40, 20), "blob"),       # dog: large dark blob on light
    ((50, 90, 40), (110, 200, 60), "dot"),         # frog: bright green dot on dark green
    ((150, 130, 90), (90, 50, 30), "hbar"),        # horse: dark horizontal bar on sand
    ((30, 60, 140), (220, 220, 220), "hbar"),      # ship: white hull on deep blue
    ((110, 110, 120), (40, 80, 180), "box"),       # truck: blue box on grey
]


def inside(shape, x, y, cx, cy, size):
    dx, dy = x - cx, y - cy
    if shape == "cross":
        return (abs(dx) < 2 and abs(dy) < size) or (abs(dy) < 2 and abs(dx) < size + 3)
    if shape == "box":
        return abs(dx) < size + 2 and abs(dy) < size - 2
    if shape == "dot":
        return dx * dx + dy * dy < (size * 0.6) ** 2
    if shape == "ring":
        return (size * 0.5) ** 2 < dx * dx + dy * dy < size * size
    if shape == "vbar":
        return abs(dx) < 3 and abs(dy) < size + 4
    if shape == "hbar":
        return abs(dy) < 3 and abs(dx) < size + 4
    if shape == "blob":
        return dx * dx / 1.5 + dy * dy < (size * 1.1) ** 2
    raise ValueError(shape)


def image(label, rng):
    background, foreground, shape = SCHEMES[label]
    tint = [rng.randint(-35, 35) for _ in range(3)]
    shade = rng.randint(-25, 25)
    cx, cy, size = 16 + rng.randint(-5, 5), 16 + rng.randint(-5, 5), rng.randint(6, 10)
    # Noise on 4x4 blocks, 4 levels: enough that no single pixel decides, little enough to keep the archive small.
    grain = [rng.getrandbits(2) * 12 - 18 for _ in range(64)]
    planes = [bytearray(1024) for _ in range(3)]
    for y in range(32):
        for x in range(32):
            on = inside(shape, x, y, cx, cy, size)
            base = foreground if on else background
            g = grain[(y // 4) * 8 + x // 4]
            for c in range(3):
                v = base[c] + (shade if on else tint[c]) + g
                planes[c][y * 32 + x] = max(0, min(255, v))
    return planes[0] + planes[1] + planes[2]


def batch(name, count, rng, first):
    labels = [rng.randrange(10) for _ in range(count)]
    data = bytearray()
    for label in labels:
        data += image(label, rng)
    filenames = ["%s_s_%06d.png" % (LABEL_NAMES[label], first + i) for i, label in enumerate(labels)]
    return Py2Pickle().dumps({
        b"batch_label": name,
        b"labels": labels,
        b"data": UInt8Rows(data, count),
        b"filenames": filenames,
    })


def main():
    rng = random.Random(20240611)
    members = []
    for i in range(TRAIN_BATCHES):
        members.append(("data_batch_%d" % (i + 1), batch("training batch %d of %d" % (i + 1, TRAIN_BATCHES), PER_BATCH, rng, i * PER_BATCH)))
    members.append(("test_batch", batch("testing batch 1 of 1", TEST_IMAGES, rng, TRAIN_BATCHES * PER_BATCH)))
    members.append(("batches.meta", Py2Pickle().dumps({b"num_cases_per_batch": PER_BATCH, b"label_names": LABEL_NAMES, b"num_vis": 3072})))
    members.append(("readme.html", b"<meta HTTP-EQUIV=\"REFRESH\" content=\"0; url=http://www.cs.toronto.edu/~kriz/cifar.html\">\n"
                                    b"<!-- SchemaGen's synthetic stand-in: not CIFAR's images (build/make-cifar10-mini.py). -->\n"))

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        def add(name, data, is_dir=False):
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = 1234567890, 1000, 1000, "kriz", "kriz"
            if is_dir:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
        add("cifar-10-batches-py", None, is_dir=True)
        for name, data in members:
            add("cifar-10-batches-py/" + name, data)
    with open(OUT, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    print("%s: %d bytes" % (os.path.normpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
