#!/usr/bin/python3
"""Writes tests/data/images: encoded images and PIL's decoded pixels as the reference (the oracle of
tests/SchemaGen.Imaging.Tests and the inputs of tests/SchemaGen.Benchmarks' ImageDecodeBenchmarks).

Run with Debian's interpreter and Pillow (libjpeg-turbo 2.1.5, libpng, zlib):
    apt-get install -y python3-pil python3-numpy
    /usr/bin/python3 build/make-image-fixtures.py

Deterministic: the pictures come from a seeded numpy generator; PIL's encoders are deterministic for one
libjpeg-turbo/zlib version. manifest.json lists every file with its header and its references:
  *.rgb.gz  PIL's decode converted to RGB (im.convert('RGB')), raw HWC bytes, gzip'd
  *.l.gz    PIL's decode converted to grey (im.convert('L'): (19595 R + 38470 G + 7471 B + 32768) >> 16)
  CMYK JPEGs: *.rgb.gz is TensorFlow's jpeg_mem.cc formula (Adobe: R = K*C/255, truncated) applied to the raw ink
              values libjpeg returns (PIL reads Adobe CMYK as 'CMYK;I', so raw = 255 - PIL's values)
  16-bit PNGs: *.u16.gz, the 16-bit samples (big-endian) the PNG holds; the test derives 8 bits from them
Interop JPEGs are extracted from the TFRecord files in tests/data/interop (their image/encoded values).
"""
import gzip
import io
import json
import os
import struct
import zlib

import numpy as np
from PIL import Image, features

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "data", "images")
REFS = os.path.join(OUT, "refs")
BENCH = os.path.join(OUT, "bench")
manifest = []


def photo(width, height, seed, smooth=1.0):
    """A photo-like picture: smooth colour fields at several scales, edges, and sensor-like noise."""
    rng = np.random.RandomState(seed)
    image = np.zeros((height, width, 3), np.float64)
    for cells, weight in ((3, 90.0), (9, 45.0), (27, 20.0)):
        field = rng.rand(cells, cells, 3) * 255
        small = Image.fromarray(field.astype(np.uint8), "RGB")
        image += (np.asarray(small.resize((width, height), Image.BICUBIC), np.float64) - 128) * weight / 128
    image += 128
    # A few hard-edged rectangles: JPEG blocks with high-frequency content.
    for _ in range(6):
        x0, y0 = rng.randint(0, width), rng.randint(0, height)
        x1, y1 = x0 + rng.randint(width // 8 + 1, width // 3 + 2), y0 + rng.randint(height // 8 + 1, height // 3 + 2)
        image[y0:y1, x0:x1] = rng.rand(3) * 255
    image += rng.normal(0, 6.0 * smooth, image.shape)
    return Image.fromarray(np.clip(image, 0, 255).astype(np.uint8), "RGB")


def write_ref(name, suffix, data):
    path = os.path.join(REFS, f"{name}.{suffix}.gz")
    with open(path, "wb") as f:
        # mtime=0 and no file name: the same bytes every run.
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(data)
    return f"refs/{name}.{suffix}.gz"


def add(name, data, fmt, color, reference=True, folder=OUT, **extra):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    entry = {"file": os.path.relpath(path, OUT), "format": fmt, "colorType": color}
    if reference:
        im = Image.open(io.BytesIO(data))
        im.load()
        entry["width"], entry["height"] = im.size
        entry["pilMode"] = im.mode
        if im.mode == "CMYK":
            raw = 255 - np.asarray(im, np.int32)  # PIL un-inverts Adobe CMYK; libjpeg's raw values are inverted
            c, m, y, k = (raw[..., i] for i in range(4))
            rgb = np.stack([(k * c) // 255, (k * m) // 255, (k * y) // 255], -1).astype(np.uint8)
            entry["rgb"] = write_ref(name, "rgb", rgb.tobytes())
            entry["l"] = write_ref(name, "l", np.asarray(Image.fromarray(rgb, "RGB").convert("L")).tobytes())
        elif im.mode.startswith("I;16") or im.mode == "I":
            pass
        else:
            entry["rgb"] = write_ref(name, "rgb", im.convert("RGB").tobytes())
            entry["l"] = write_ref(name, "l", im.convert("RGB").convert("L").tobytes())
    entry.update(extra)
    manifest.append(entry)


def jpeg(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def png16(samples, color_type):
    """A 16-bit PNG written by hand (PIL writes no 16-bit RGB): filter 0 rows of big-endian samples."""
    height, width = samples.shape[:2]
    rows = samples.astype(">u2").reshape(height, -1).view(np.uint8).reshape(height, -1)
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b"")


def png(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def exif_orientation(value):
    """A minimal little-endian EXIF block with one IFD0 entry: Orientation (0x0112) = value."""
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + struct.pack("<HHII", 0x0112, 3, 1, value) + struct.pack("<I", 0)
    return b"Exif\x00\x00" + tiff


def tfrecord_records(path):
    with open(path, "rb") as f:
        data = f.read()
    position = 0
    while position < len(data):
        (length,) = struct.unpack_from("<Q", data, position)
        yield data[position + 12: position + 12 + length]
        position += 12 + length + 4


def embedded_jpeg(record):
    """The JPEG held in a bytes_list value: its start (FF D8 FF) is preceded by its varint length."""
    start = record.find(b"\xff\xd8\xff")
    for width in (1, 2, 3):
        value, shift, ok = 0, 0, True
        for i, b in enumerate(record[start - width: start]):
            value |= (b & 0x7F) << shift
            shift += 7
            if ((b & 0x80) == 0) != (i == width - 1):
                ok = False
        # The varint follows the tag of BytesList.value (field 1, length-delimited: 0x0A).
        if ok and record[start - width - 1] == 0x0A and start + value <= len(record):
            return record[start: start + value]
    raise ValueError("no length-prefixed JPEG")


def main():
    os.makedirs(REFS, exist_ok=True)
    os.makedirs(BENCH, exist_ok=True)
    os.makedirs(os.path.join(OUT, "interop"), exist_ok=True)

    # JPEGs: odd sizes, subsampling 4:2:0 / 4:2:2 / 4:4:4, progressive, greyscale, CMYK, EXIF-rotated.
    add("jpeg-420-q90-97x61.jpg", jpeg(photo(97, 61, 1), quality=90, subsampling=2), "Jpeg", "Rgb")
    add("jpeg-422-q85-64x48.jpg", jpeg(photo(64, 48, 2), quality=85, subsampling=1), "Jpeg", "Rgb")
    add("jpeg-444-q95-65x33.jpg", jpeg(photo(65, 33, 3), quality=95, subsampling=0), "Jpeg", "Rgb")
    add("jpeg-420-q75-1x1.jpg", jpeg(photo(1, 1, 4), quality=75), "Jpeg", "Rgb")
    add("jpeg-420-progressive-81x57.jpg", jpeg(photo(81, 57, 5), quality=90, progressive=True), "Jpeg", "Rgb")
    add("jpeg-grey-50x37.jpg", jpeg(photo(50, 37, 6).convert("L"), quality=90), "Jpeg", "Grey")
    add("jpeg-cmyk-48x32.jpg", jpeg(photo(48, 32, 7).convert("CMYK"), quality=95), "Jpeg", "Cmyk")
    add("jpeg-exif-orientation6-60x40.jpg", jpeg(photo(60, 40, 8), quality=90, exif=exif_orientation(6)), "Jpeg", "Rgb", exifOrientation=6)
    # The window and scaling tests' image: ImageNet-like size and quality.
    add("jpeg-420-q90-203x157.jpg", jpeg(photo(203, 157, 9), quality=90), "Jpeg", "Rgb")

    # PNGs: every colour type, 16-bit, interlaced.
    add("png-rgb-37x23.png", png(photo(37, 23, 10)), "Png", "Rgb")
    rgba = photo(31, 17, 11).convert("RGBA")
    rgba.putalpha(Image.fromarray((np.arange(31 * 17) % 256).astype(np.uint8).reshape(17, 31), "L"))
    add("png-rgba-31x17.png", png(rgba), "Png", "Rgba")
    add("png-grey-29x19.png", png(photo(29, 19, 12).convert("L")), "Png", "Grey")
    add("png-greyalpha-21x15.png", png(photo(21, 15, 13).convert("LA")), "Png", "GreyAlpha")
    add("png-palette-33x21.png", png(photo(33, 21, 14).convert("P", palette=Image.ADAPTIVE, colors=16)), "Png", "Palette")
    rng = np.random.RandomState(16)
    grey16 = rng.randint(0, 65536, (13, 23)).astype(np.uint16)
    rgb16 = rng.randint(0, 65536, (11, 19, 3)).astype(np.uint16)
    for name, samples, color_type, color in (("png-grey16-23x13.png", grey16, 0, "Grey"), ("png-rgb16-19x11.png", rgb16, 2, "Rgb")):
        data = png16(samples, color_type)
        add(name, data, "Png", color, reference=False, width=samples.shape[1], height=samples.shape[0],
            u16=write_ref(name, "u16", samples.astype(">u2").tobytes()))

    # Other formats the codec reads.
    add("gif-20x14.gif", _save(photo(20, 14, 17).convert("P", palette=Image.ADAPTIVE, colors=32), "GIF"), "Gif", "Palette")
    add("bmp-rgb-22x13.bmp", _save(photo(22, 13, 18), "BMP"), "Bmp", "Rgb")
    add("webp-lossless-24x16.webp", _save(photo(24, 16, 19), "WEBP", lossless=True), "Webp", "Rgb")

    # Damaged files: no reference; the tests expect an ImageDecodeException of the stated kind.
    good = jpeg(photo(97, 61, 1), quality=90, subsampling=2)
    add("bad-jpeg-truncated-half.jpg", good[: len(good) // 2], "Jpeg", "Rgb", reference=False, error="Truncated")
    add("bad-jpeg-truncated-header.jpg", good[:100], "Jpeg", "Rgb", reference=False, error="Truncated")
    progressive = jpeg(photo(81, 57, 5), quality=90, progressive=True)
    add("bad-jpeg-progressive-truncated.jpg", progressive[: len(progressive) * 2 // 3], "Jpeg", "Rgb", reference=False, error="Truncated")
    # A Huffman table whose code counts exceed 256 symbols: libjpeg's "Bogus Huffman table definition".
    dht = good.find(b"\xff\xc4")
    bogus = bytearray(good)
    bogus[dht + 5: dht + 21] = b"\xff" * 16
    add("bad-jpeg-bogus-huffman.jpg", bytes(bogus), "Jpeg", "Rgb", reference=False, error="Corrupt")
    # Entropy-coded bytes overwritten with noise: libjpeg may warn and go on, or fail; never crash.
    noisy = bytearray(good)
    sos = good.find(b"\xff\xda")
    noise = np.random.RandomState(20).randint(0, 255, 200).astype(np.uint8).tobytes()
    noisy[sos + 40: sos + 240] = noise
    add("bad-jpeg-noise-in-scan.jpg", bytes(noisy), "Jpeg", "Rgb", reference=False, error="Any")
    goodpng = png(photo(37, 23, 10))
    add("bad-png-truncated.png", goodpng[: len(goodpng) // 2], "Png", "Rgb", reference=False, error="Truncated")
    corrupt_png = bytearray(goodpng)
    idat = goodpng.find(b"IDAT")
    corrupt_png[idat + 4: idat + 14] = b"\x00" * 10  # breaks the zlib stream (and the chunk CRC)
    add("bad-png-corrupt-idat.png", bytes(corrupt_png), "Png", "Rgb", reference=False, error="Corrupt")
    add("bad-random-bytes.bin", np.random.RandomState(21).randint(0, 255, 64).astype(np.uint8).tobytes(), None, None, reference=False, error="UnknownFormat")
    # Headers declaring 50000 x 50000 pixels (2.5 G), with only a little data behind them.
    huge = bytearray(good)
    sof = good.find(b"\xff\xc0")
    huge[sof + 5: sof + 9] = struct.pack(">HH", 50000, 50000)
    add("huge-jpeg-50000x50000.jpg", bytes(huge), "Jpeg", "Rgb", reference=False, width=50000, height=50000, error="TooManyPixels")
    ihdr = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    huge_png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + png_chunk(b"IEND", b"")
    add("huge-png-50000x50000.png", huge_png, "Png", "Rgb", reference=False, width=50000, height=50000, error="TooManyPixels")

    # Interop: JPEGs that TensorFlow and Datumaro wrote into TFRecord files, extracted from them.
    interop = os.path.join(ROOT, "tests", "data", "interop")
    sources = [
        ("tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/train-00000-of-00008", [0, 1, 2, 3]),
        ("tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/validation-00000-of-00002", [0]),
        ("datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", [0]),
        ("datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", [0]),
        ("datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", [0]),
    ]
    for source, indices in sources:
        records = list(tfrecord_records(os.path.join(interop, source)))
        for index in indices:
            data = embedded_jpeg(records[index])
            name = f"{source.split('/')[0]}-{os.path.basename(source)}-{index}.jpg"
            add(name, data, "Jpeg", "Rgb", folder=os.path.join(OUT, "interop"), source=source, record=index)

    # Benchmark inputs (no reference; noise raised so the files are about as large as ImageNet photos, ~110 KB at
    # 500x375): an ImageNet-like 500x375 q90 4:2:0 JPEG, a 1024x768 one, a 256x256 PNG.
    add("photo-500x375-q90-420.jpg", jpeg(photo(500, 375, 30, smooth=3.0), quality=90), "Jpeg", "Rgb", reference=False, folder=BENCH)
    add("photo-1024x768-q90-420.jpg", jpeg(photo(1024, 768, 31, smooth=3.0), quality=90), "Jpeg", "Rgb", reference=False, folder=BENCH)
    add("photo-256x256.png", png(photo(256, 256, 32, smooth=0.5)), "Png", "Rgb", reference=False, folder=BENCH)

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"pillow": Image.__version__, "libjpeg": features.version("jpg"), "zlib": features.version("zlib"),
                   "images": manifest}, f, indent=1)
        f.write("\n")


def _save(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
