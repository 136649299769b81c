#!/usr/bin/env python3
"""Writes tests/data/fuzz-regressions/: the minimal inputs of the hostile-input issue, one folder per fuzz target.

Standard library only. Each input is built from its wire definition (TFRecord framing with CRC-32C, protobuf wire
format, ustar headers, pickle opcodes), not from SchemaGen. Run from the repository root:
    python3 build/make-fuzz-regressions.py
"""
import gzip
import io
import os
import struct
import tarfile
from tfrecord_framing import masked_crc32c  # noqa: E402  (build/, beside this script)

ROOT = os.path.join("tests", "data", "fuzz-regressions")


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def delimited(field: int, payload: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(payload)) + payload


def int64_feature(value: int) -> bytes:
    return delimited(3, delimited(1, varint(value)))


def entry(key: str, feature: bytes) -> bytes:
    return delimited(1, delimited(1, key.encode()) + delimited(2, feature))


def write(target: str, name: str, data: bytes) -> None:
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def descending_then_first_again(n: int, field: int, value) -> bytes:
    entries = [entry(f"k{i:06d}", value(i)) for i in range(n - 1, -1, -1)]
    entries.append(entry(f"k{n - 1:06d}", value(n)))
    return delimited(field, b"".join(entries))


def ustar(members) -> bytearray:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, content in members:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(content))
    return bytearray(buffer.getvalue())


def rechecksum(tar: bytearray, header: int) -> None:
    tar[header + 148:header + 156] = b" " * 8
    total = sum(tar[header:header + 512])
    tar[header + 148:header + 156] = b"%06o\0 " % total


def main() -> None:
    # TFRecord: a zero-length record whose data checksum is wrong, then one stray byte. TensorFlow says
    # "corrupted record at 12"; every read mode must say the same.
    header = struct.pack("<Q", 0)
    write("tfrecord", "first-damage-17-bytes", header + struct.pack("<I", masked_crc32c(header)) + struct.pack("<I", masked_crc32c(b"") ^ 1) + b"\x42")

    # Example and SequenceExample: keys in descending order, then the first key again (quadratic before the fix).
    write("example", "descending-keys-then-first-again", descending_then_first_again(2000, 1, int64_feature))
    write("sequence-example", "descending-lists-then-first-again",
          descending_then_first_again(2000, 2, lambda i: delimited(1, int64_feature(i))))
    # An unknown group before the features: TensorFlow's parse_example refuses it, so does the codec.
    write("example", "unknown-group", varint(9 << 3 | 3) + varint(1 << 3 | 0) + varint(5) + varint(9 << 3 | 4)
          + delimited(1, entry("label", int64_feature(1))))

    # tar: a base-256 size field (0x80 then eleven 0xFF), and an entry of type 'S' (GNU sparse).
    tar = ustar([("cifar-10-batches-py/data_batch_1", bytes(100))])
    tar[124:136] = b"\x80" + b"\xff" * 11
    rechecksum(tar, 0)
    write("tar", "base-256-size.tar", bytes(tar))
    tar = ustar([("cifar-10-batches-py/batches.meta", bytes(10)), ("cifar-10-batches-py/data_batch_1", bytes(10))])
    tar[1024 + 156] = ord("S")
    rechecksum(tar, 1024)
    write("tar", "sparse-entry.tar", bytes(tar))
    # A 268 MB member declared in a tiny tar.gz: refused before it is allocated.
    tar = ustar([("cifar-10-batches-py/data_batch_1", bytes(100))])
    tar[124:136] = b"01777777777\0"
    rechecksum(tar, 0)
    write("tar", "declared-268-mb.tar.gz", gzip.compress(bytes(tar), mtime=0))

    # pickle: {'data': _reconstruct(ndarray, (0,), 'b'), 'labels': []} with no BUILD for the array.
    pickle = (b"\x80\x02}q\x00(U\x04dataq\x01"
              b"cnumpy.core.multiarray\n_reconstruct\nq\x02cnumpy\nndarray\nq\x03K\x00\x85q\x04U\x01bq\x05\x87q\x06Rq\x07"
              b"U\x06labelsq\x08]q\tu.")
    write("pickle", "reconstruct-without-build.pickle", pickle)


if __name__ == "__main__":
    main()
