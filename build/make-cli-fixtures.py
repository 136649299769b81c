#!/usr/bin/python3
"""Writes the expected `schemagen cat` output for real interop files, using Python's protobuf as the oracle.

Each fixture is what `json_format.MessageToJson(msg, indent=None)` prints for every record, one line per record.
The message classes are built here from a hand-written descriptor (TensorFlow's public field numbers), and the
TFRecord framing is read by a small reader here that checks both CRCs, so nothing of SchemaGen is involved.

Setup (Debian 12):  apt-get install -y python3-protobuf      (protobuf 4.21.12)
Run from the repo:  /usr/bin/python3 build/make-cli-fixtures.py [INTEROP_DIR]
                    INTEROP_DIR defaults to the repository's tests/data/interop, where the tests read them.

Map key order: protobuf-python's C++ backend iterates map fields in hash order, so this script uses the pure-Python
backend (set below, before protobuf is imported), which keeps the wire order of map entries, as
Google.Protobuf's MapField does. Everything else (field names, int64 as strings, base64 bytes, float32 printed as the
shortest decimal that round-trips, json.dumps separators and ASCII escaping) is the same in both backends.
"""

import gzip
import os
import random
import struct
import sys

os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory  # noqa: E402
from tfrecord_framing import masked_crc32c  # noqa: E402  (build/, beside this script)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "tests", "SchemaGen.Cli.Tests", "Fixtures")

# (fixture file, interop path, SequenceExample?, records to print or None for all)
FIXTURES = [
    ("pwnall-singles.jsonl", "pwnall-tfrecord/testdata/singles.tfrecords", False, None),
    ("pwnall-data.jsonl", "pwnall-tfrecord/data.tfrecord", False, None),
    ("pytorch-example.jsonl", "pytorch-data/test/_fakedata/tfrecord/example.tfrecord", False, None),
    ("pytorch-sequence-example.jsonl", "pytorch-data/test/_fakedata/tfrecord/sequence_example.tfrecord", True, None),
    ("tfx-penguin-eval.jsonl", "tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz", False, None),
    ("tfx-tfjs-data.jsonl", "tensorflow-tfx/tfx/examples/tfjs_next_page_prediction/data/data.tfrecord.gz", False, None),
    ("tfx-mnist-first3.jsonl", "tensorflow-tfx/tfx/examples/mnist/data/mnist.tfrecord", False, 3),
    ("tfx-external-sequence-first20.jsonl", "tensorflow-tfx/tfx/components/testdata/external/tfrecord_sequence/data_tfrecord-00000-of-00001.gz", True, 20),
    ("datumaro-tfod-train.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/train.tfrecord", False, None),
    ("datumaro-tfod-val.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/val.tfrecord", False, None),
    ("datumaro-tfod-test.jsonl", "datumaro/tests/assets/tf_detection_api_dataset/test.tfrecord", False, None),
    ("datumaro-roboflow-train.jsonl", "datumaro/tests/assets/roboflow_dataset/tfrecord/train/train.tfrecord", False, None),
    ("datumaro-roboflow-val.jsonl", "datumaro/tests/assets/roboflow_dataset/tfrecord/val/val.tfrecord", False, None),
    ("tf-benchmarks-train-00000-first4.jsonl", "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/train-00000-of-00008", False, 4),
    ("tf-benchmarks-validation-00000-first4.jsonl", "tensorflow-benchmarks/scripts/tf_cnn_benchmarks/test_data/fake_tf_record_data/validation-00000-of-00002", False, 4),
]


def records(path, limit):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    pos = 0
    while pos < len(data) and (limit is None or limit > 0):
        header = data[pos:pos + 12]
        (length,) = struct.unpack("<Q", header[:8])
        (length_crc,) = struct.unpack("<I", header[8:12])
        if masked_crc32c(header[:8]) != length_crc:
            raise ValueError(f"{path}: corrupted record at {pos}")
        payload = data[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack("<I", data[pos + 12 + length:pos + 16 + length])
        if masked_crc32c(payload) != data_crc:
            raise ValueError(f"{path}: corrupted record at {pos + 12}")
        yield payload
        pos += 16 + length
        if limit is not None:
            limit -= 1


def _message(file, name, *fields):
    msg = file.message_type.add(name=name)
    for number, field_name, label, kind, type_name, packed in fields:
        f = msg.field.add(name=field_name, number=number, label=label, type=kind)
        if type_name:
            f.type_name = type_name
        if packed:
            f.options.packed = True
    return msg


def _map_entry(msg, entry_name, value_type):
    entry = msg.nested_type.add(name=entry_name)
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, label=OPTIONAL, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING)
    entry.field.add(name="value", number=2, label=OPTIONAL, type=MESSAGE, type_name=value_type)


OPTIONAL = descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
REPEATED = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
MESSAGE = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE


def message_classes():
    t = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(name="fixture_example.proto", package="tensorflow", syntax="proto3")
    _message(file, "BytesList", (1, "value", REPEATED, t.TYPE_BYTES, None, False))
    _message(file, "FloatList", (1, "value", REPEATED, t.TYPE_FLOAT, None, True))
    _message(file, "Int64List", (1, "value", REPEATED, t.TYPE_INT64, None, True))
    feature = _message(
        file, "Feature",
        (1, "bytes_list", OPTIONAL, MESSAGE, ".tensorflow.BytesList", False),
        (2, "float_list", OPTIONAL, MESSAGE, ".tensorflow.FloatList", False),
        (3, "int64_list", OPTIONAL, MESSAGE, ".tensorflow.Int64List", False))
    feature.oneof_decl.add(name="kind")
    for f in feature.field:
        f.oneof_index = 0
    features = _message(file, "Features", (1, "feature", REPEATED, MESSAGE, ".tensorflow.Features.FeatureEntry", False))
    _map_entry(features, "FeatureEntry", ".tensorflow.Feature")
    _message(file, "FeatureList", (1, "feature", REPEATED, MESSAGE, ".tensorflow.Feature", False))
    lists = _message(file, "FeatureLists",
                     (1, "feature_list", REPEATED, MESSAGE, ".tensorflow.FeatureLists.FeatureListEntry", False))
    _map_entry(lists, "FeatureListEntry", ".tensorflow.FeatureList")
    _message(file, "Example", (1, "features", OPTIONAL, MESSAGE, ".tensorflow.Features", False))
    _message(file, "SequenceExample",
             (1, "context", OPTIONAL, MESSAGE, ".tensorflow.Features", False),
             (2, "feature_lists", OPTIONAL, MESSAGE, ".tensorflow.FeatureLists", False))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    return tuple(factory.GetPrototype(pool.FindMessageTypeByName("tensorflow." + name))
                 for name in ("Example", "SequenceExample", "FloatList"))


def find_interop():
    return os.path.join(REPO, "tests", "data", "interop")


def float32_cases():
    """Bit patterns of float32 values whose JSON text the float formatting must reproduce."""
    bits = {0x00000000, 0x80000000, 0x00000001, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000}
    for e in range(-45, 38):
        for mantissa in (1, 2, 5, 9.99):
            bits.add(struct.unpack("<I", struct.pack("<f", float(f"{mantissa}e{e}")))[0])
    for e in range(-149, 128):
        bits.add(struct.unpack("<I", struct.pack("<f", 2.0 ** e))[0])
    rng = random.Random(20240611)
    while len(bits) < 3000:  # uniform over bit patterns: every exponent, subnormals included
        b = rng.getrandbits(32)
        if (b >> 23) & 0xFF != 0xFF:
            bits.add(b)
    while len(bits) < 4000:  # short decimals, the values people actually store
        text = f"{rng.randrange(1, 10 ** rng.randrange(1, 9))}e{rng.randrange(-50, 31)}"
        bits.add(struct.unpack("<I", struct.pack("<f", float(text)))[0])
    return sorted(bits)


def write_float32_table(float_list):
    cases = float32_cases()
    msg = float_list(value=[struct.unpack("<f", struct.pack("<I", b))[0] for b in cases])
    texts = json_format.MessageToJson(msg, indent=None)[len('{"value": ['):-len("]}")].split(", ")
    assert len(texts) == len(cases)
    with open(os.path.join(OUT_DIR, "float32-json.tsv"), "w", encoding="ascii", newline="\n") as f:
        f.write("# float32 bits (hex)\tjson_format.MessageToJson text of FloatList.value[i]\n")
        f.writelines(f"{b:08x}\t{t}\n" for b, t in zip(cases, texts))
    print(f"float32-json.tsv: {len(cases)} values")


def synthetic_messages(example, sequence_example):
    """(name, message) pairs made here, for what the interop files lack: non-ASCII and control characters in keys,
    extreme int64 and float32 values, empty lists, features with no kind, empty messages, empty keys."""
    e = example()
    f = e.features.feature
    f["\u00e9t\u00e9"].bytes_list.value.append(bytes(range(256)))
    f["\U0001F600"].float_list.value.extend([-0.0, 1.401298464324817e-45, 3.4028234663852886e+38, 1e-05, 1e+16, 0.1, -1.5])
    f["\ue000"].int64_list.value.extend([-9223372036854775808, 9223372036854775807, -1, 0])
    f["tab\tnew\nline\"quote\\back"].float_list.SetInParent()
    f["\x7f<>&='/\x01"].SetInParent()
    f["empty bytes"].bytes_list.value.append(b"")
    f["empty int64"].int64_list.SetInParent()
    f["a"].bytes_list.value.extend([b"a", b"bc", b"def"])
    yield "escapes-and-extremes", e

    yield "no-features", example()

    e = example()
    e.features.SetInParent()
    yield "empty-features", e

    e = example()
    e.features.feature["special"].float_list.value.extend([float("nan"), float("inf"), float("-inf"), 0.5])
    yield "nan-and-infinities", e

    e = example()
    e.features.feature[""].bytes_list.value.append(b"x")
    e.features.feature["b"].int64_list.value.append(1)
    yield "empty-key", e

    s = sequence_example()
    s.context.feature["id"].bytes_list.value.append(b"seq-1")
    s.context.feature["no kind"].SetInParent()
    lists = s.feature_lists.feature_list
    lists["tokens"].feature.add().int64_list.value.extend([1, 2, 3])
    lists["tokens"].feature.add().int64_list.value.extend([-4])
    lists["tokens"].feature.add()
    lists["empty"].SetInParent()
    lists["\u00fcber"].feature.add().float_list.value.extend([2.5, 1e-10])
    yield "sequence", s

    yield "empty-sequence", sequence_example()

    s = sequence_example()
    s.feature_lists.feature_list[""].feature.add().bytes_list.value.append(b"y")
    yield "sequence-empty-key", s


def write_synthetic(example, sequence_example):
    with open(os.path.join(OUT_DIR, "synthetic.tsv"), "w", encoding="ascii", newline="\n") as f:
        f.write("# case\tmessage\tSerializeToString(deterministic=True) (hex)\t"
                "MessageToJson(indent=None) of the message parsed back from those bytes\n")
        for name, msg in synthetic_messages(example, sequence_example):
            payload = msg.SerializeToString(deterministic=True)
            parsed = type(msg)()
            parsed.ParseFromString(payload)
            json_text = json_format.MessageToJson(parsed, indent=None)
            f.write(f"{name}\t{type(msg).DESCRIPTOR.name}\t{payload.hex()}\t{json_text}\n")
    print("synthetic.tsv written")


def main():
    interop = sys.argv[1] if len(sys.argv) > 1 else find_interop()
    if not os.path.isfile(os.path.join(interop, "MANIFEST.md")):
        sys.exit(f"no MANIFEST.md in {interop}; pass the interop folder as the first argument")
    example, sequence_example, float_list = message_classes()
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, relative, is_sequence, limit in FIXTURES:
        lines = []
        for payload in records(os.path.join(interop, relative), limit):
            msg = (sequence_example if is_sequence else example)()
            msg.ParseFromString(payload)
            lines.append(json_format.MessageToJson(msg, indent=None) + "\n")
        with open(os.path.join(OUT_DIR, name), "w", encoding="ascii", newline="\n") as f:
            f.writelines(lines)
        print(f"{name}: {len(lines)} records from {relative}")
    write_float32_table(float_list)
    write_synthetic(example, sequence_example)


if __name__ == "__main__":
    main()
