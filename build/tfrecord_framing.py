"""TFRecord framing for the fixture scripts, written from TensorFlow's description of the format
(tensorflow/core/lib/io/record_writer.h, crc32c.h), not from SchemaGen's code:

    uint64 length, uint32 masked_crc32c(length), byte data[length], uint32 masked_crc32c(data)

all little-endian; CRC-32C is Castagnoli's (reflected polynomial 0x82F63B78), masked as
((crc >> 15) | (crc << 17)) + 0xA282EAD8. Imported by the build/make-*-fixtures.py scripts that need it.
"""
import struct


def _table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc32c(data):
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def framed(records):
    """The bytes of a TFRecord file holding `records`, in order."""
    out = bytearray()
    for record in records:
        length = struct.pack("<Q", len(record))
        out += length + struct.pack("<I", masked_crc32c(length)) + record + struct.pack("<I", masked_crc32c(record))
    return bytes(out)
