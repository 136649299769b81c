#!/usr/bin/python3
"""Writes tests/data/images/scaled: PIL's DCT-scaled JPEG decodes, the oracle of the reduced-window tests
(tests/SchemaGen.Imaging.Tests/ScaledWindowAgainstPilTests.cs).

PIL's Image.draft(mode, (w, h)) sets libjpeg's scale_denom to the largest of 1/2, 1/4, 1/8 that keeps the image at
least w x h, as tf.image.decode_jpeg(ratio=...) does; the decode is then the whole reduced image. For every fixture
JPEG below and scale 2, 4 and 8 this writes NAME.sS.rgb.gz (im.convert('RGB'), raw HWC bytes; CMYK by TensorFlow's
jpeg_mem.cc formula as in make-image-fixtures.py) and NAME.sS.l.gz (that converted to 'L'), and scaled.json with
each reduced size. A window of the reduced image decoded by ImageDecoder.DecodeInto must equal the same region here.

Also scaled/jpeg-cmyk-no-adobe-48x32.jpg: jpeg-cmyk-48x32.jpg without its Adobe APP14 segment (libjpeg then reads
the four components as plain CMYK), with its reference by TensorFlow's non-Adobe formula R = (255-K)(255-C)/255,
truncated, on the raw values (PIL reads every CMYK JPEG as 'CMYK;I', Adobe marker or not: raw = 255 - PIL's).

Run with Debian 12's interpreter and Pillow (libjpeg-turbo 2.1.5):
    apt-get install -y python3-pil python3-numpy
    /usr/bin/python3 build/make-jpeg-scaled-fixtures.py
"""
import gzip
import io
import json
import os
import struct

import numpy as np
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
IMAGES = os.path.join(ROOT, "tests", "data", "images")
OUT = os.path.join(IMAGES, "scaled")
FILES = [
    "jpeg-420-q90-203x157.jpg",
    "jpeg-420-progressive-81x57.jpg",
    "jpeg-422-q85-64x48.jpg",
    "jpeg-444-q95-65x33.jpg",
    "jpeg-grey-50x37.jpg",
    "jpeg-cmyk-48x32.jpg",
]


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        # mtime=0 and no file name: the same bytes every run.
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(data)
    return name


def main():
    os.makedirs(OUT, exist_ok=True)
    entries = []
    for file in FILES:
        for scale in (2, 4, 8):
            im = Image.open(os.path.join(IMAGES, file))
            width, height = im.size
            # draft() picks the largest scale with width // size >= scale; libjpeg then rounds up: ceil(width / scale).
            im.draft(im.mode, (width // scale, height // scale))
            im.load()
            assert im.size == ((width + scale - 1) // scale, (height + scale - 1) // scale), (file, scale, im.size)
            if im.mode == "CMYK":
                raw = 255 - np.asarray(im, np.int32)  # PIL un-inverts Adobe CMYK; libjpeg's raw values are inverted
                c, m, y, k = (raw[..., i] for i in range(4))
                rgb = Image.fromarray(np.stack([(k * c) // 255, (k * m) // 255, (k * y) // 255], -1).astype(np.uint8), "RGB")
            else:
                rgb = im.convert("RGB")
            stem = f"{os.path.splitext(file)[0]}.s{scale}"
            entries.append({
                "file": file, "scale": scale, "width": im.size[0], "height": im.size[1],
                "rgb": write(f"{stem}.rgb.gz", rgb.tobytes()),
                "l": write(f"{stem}.l.gz", rgb.convert("L").tobytes()),
            })
    no_adobe = cmyk_without_adobe()
    with open(os.path.join(OUT, "scaled.json"), "w") as f:
        json.dump({"generator": "build/make-jpeg-scaled-fixtures.py", "images": entries, "cmykWithoutAdobe": no_adobe}, f, indent=1)
        f.write("\n")


def cmyk_without_adobe():
    with open(os.path.join(IMAGES, "jpeg-cmyk-48x32.jpg"), "rb") as f:
        data = f.read()
    # Walk the marker segments before the first scan and drop APP14 (FF EE) segments.
    out, position = bytearray(data[:2]), 2
    while data[position + 1] != 0xDA:
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if data[position + 1] != 0xEE:
            out += data[position:position + 2 + length]
        position += 2 + length
    out += data[position:]
    assert len(out) < len(data), "the fixture has an Adobe segment"
    name = "jpeg-cmyk-no-adobe-48x32.jpg"
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(out)
    im = Image.open(io.BytesIO(bytes(out)))
    im.load()
    assert im.mode == "CMYK" and "adobe" not in im.info, im.info
    raw = 255 - np.asarray(im, np.int32)  # PIL inverts every CMYK JPEG ('CMYK;I'), marker or not
    c, m, y, k = (raw[..., i] for i in range(4))
    rgb = np.stack([((255 - k) * (255 - c)) // 255, ((255 - k) * (255 - m)) // 255, ((255 - k) * (255 - y)) // 255], -1).astype(np.uint8)
    return {"file": "scaled/" + name, "width": im.size[0], "height": im.size[1],
            "rgb": write("jpeg-cmyk-no-adobe-48x32.rgb.gz", rgb.tobytes()),
            "l": write("jpeg-cmyk-no-adobe-48x32.l.gz", np.asarray(Image.fromarray(rgb, "RGB").convert("L")).tobytes())}


main()
