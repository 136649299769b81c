#!/usr/bin/python3
"""Writes tests/data/fixtures/empty-key-records.tsv: random Examples and SequenceExamples that
each hold an empty map key, with the bytes protobuf's C++ serializer (the one TensorFlow writes with) gives them.

TensorFlow's C++ protobuf writes a map entry's key field even when the key is empty (`0A 00` inside the entry);
Google.Protobuf leaves it out. These rows are the oracle for SchemaGen's writers on that point.

The message classes are compiled here by protoc from the repository's own src/SchemaGen.Protobuf/Protos/*.proto
(TensorFlow's field numbers), so nothing of SchemaGen's code is involved. Each row is made with the C++ backend
(`SerializeToString(deterministic=True)`, map entries sorted by key) and checked against the pure-Python backend,
run in a child process: both must give the same bytes.

Setup (Debian 12):  apt-get install -y python3-protobuf protobuf-compiler      (protobuf 4.21.12, protoc 3.21.12)
Run from the repo:  /usr/bin/python3 build/make-empty-key-fixtures.py
"""

import json
import os
import random
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTOS = os.path.join(REPO, "src", "SchemaGen.Protobuf", "Protos")
OUT = os.path.join(REPO, "tests", "data", "fixtures", "empty-key-records.tsv")

EXAMPLES = 300
SEQUENCE_EXAMPLES = 100

# Key pieces as the C# generators use them: ASCII, 2-, 3- and 4-byte UTF-8, a private-use character.
KEY_PIECES = ["a", "b", "z", "A", "/", "_", "0", "\u00e9", "\u00fc", "\u4e2d", "\U0001F600", "\ue000", "image", "label"]
INT64S = [-9223372036854775808, 9223372036854775807, -1, 0, 1, 127, 128, 16383, 16384, 2147483647, 4294967296]
FLOATS = [0.0, -0.0, 1.5, -2.25, 1e-45, 3.4028234663852886e+38, float("inf"), float("-inf"), 0.1]


def compile_protos(folder):
    subprocess.run(["protoc", "-I", PROTOS, "--python_out", folder,
                    os.path.join(PROTOS, "feature.proto"), os.path.join(PROTOS, "example.proto")], check=True)
    sys.path.insert(0, folder)
    import example_pb2  # noqa: E402  (generated above)
    return example_pb2


def random_key(rng):
    return "".join(rng.choice(KEY_PIECES) for _ in range(rng.randrange(1, 4)))


def fill_feature(rng, feature):
    kind = rng.randrange(4)
    if kind == 0:
        return  # a Feature with no kind: an empty message
    if kind == 1:
        feature.bytes_list.SetInParent()
        for _ in range(rng.randrange(4)):
            feature.bytes_list.value.append(bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 5, 200]))))
    elif kind == 2:
        feature.float_list.SetInParent()
        for _ in range(rng.randrange(6)):
            feature.float_list.value.append(rng.choice(FLOATS) if rng.random() < 0.5 else rng.uniform(-1e6, 1e6))
    else:
        feature.int64_list.SetInParent()
        for _ in range(rng.randrange(6)):
            feature.int64_list.value.append(rng.choice(INT64S) if rng.random() < 0.5 else rng.randrange(-300, 300))


def fill_features(rng, features, with_empty_key):
    keys = {random_key(rng) for _ in range(rng.randrange(6))}
    if with_empty_key:
        keys.add("")
    features.SetInParent()
    for key in sorted(keys):
        fill_feature(rng, features.feature[key])


def fill_feature_lists(rng, lists, with_empty_key):
    keys = {random_key(rng) for _ in range(rng.randrange(4))}
    if with_empty_key:
        keys.add("")
    lists.SetInParent()
    for key in sorted(keys):
        steps = lists.feature_list[key]
        steps.SetInParent()
        for _ in range(rng.randrange(4)):
            fill_feature(rng, steps.feature.add())


def messages(pb):
    rng = random.Random(20261214)
    for _ in range(EXAMPLES):
        example = pb.Example()
        fill_features(rng, example.features, with_empty_key=True)
        yield example
    for _ in range(SEQUENCE_EXAMPLES):
        sequence = pb.SequenceExample()
        where = rng.randrange(3)  # the empty key in the context, the feature lists, or both
        fill_features(rng, sequence.context, with_empty_key=where != 1)
        fill_feature_lists(rng, sequence.feature_lists, with_empty_key=where != 0)
        yield sequence


def rows(pb):
    """(message type, deterministic bytes in hex, MessageToJson of the message) for every message."""
    from google.protobuf import json_format
    for message in messages(pb):
        payload = message.SerializeToString(deterministic=True)
        text = json.dumps(json.loads(json_format.MessageToJson(message, indent=None)), sort_keys=True)
        yield type(message).DESCRIPTOR.name, payload.hex(), text


def main():
    from google.protobuf.internal import api_implementation
    with tempfile.TemporaryDirectory() as folder:
        made = list(rows(compile_protos(folder)))
    if "--print" in sys.argv:
        sys.stdout.writelines("\t".join(row) + "\n" for row in made)
        return
    if api_implementation.Type() == "python":
        sys.exit("run this with protobuf's C++ backend (Debian's python3-protobuf default)")
    python = subprocess.run([sys.executable, __file__, "--print"], check=True, capture_output=True, text=True,
                            env={**os.environ, "PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION": "python"}).stdout
    if python != "".join("\t".join(row) + "\n" for row in made):
        sys.exit("the C++ and pure-Python backends disagree")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii", newline="\n") as f:
        f.write("# message\tSerializeToString(deterministic=True) (hex), C++ and pure-Python backends alike\t"
                "json_format.MessageToJson(indent=None), object keys sorted\n")
        f.writelines("\t".join(row) + "\n" for row in made)
    print(f"{os.path.relpath(OUT, REPO)}: {len(made)} messages ({api_implementation.Type()} backend, "
          "checked against the pure-Python one)")


if __name__ == "__main__":
    main()
