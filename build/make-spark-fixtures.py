#!/usr/bin/python3
"""Writes tests/data/spark/: folders laid out as Apache Spark writes them through LinkedIn's spark-tfrecord
connector (df.write.format("tfrecord")), and tests/data/spark/expected.json, the records each part file holds.

Layout, as Spark 3.x's FileFormatWriter and Hadoop's committers leave it (spark-tfrecord's DefaultSource names the
extension ".tfrecord" + the codec's, e.g. ".tfrecord.gz" with codec org.apache.hadoop.io.compress.GzipCodec):
  part-<task:05d>-<job uuid>-c000.tfrecord[.gz|.deflate]   the data, one file per task (and partition folder)
  .part-....crc                                            Hadoop's local checksum sidecar (hidden)
  _SUCCESS, ._SUCCESS.crc, _committed_<n>, _started_<n>    job markers (hidden)
  _temporary/...                                           a failed attempt's leftovers (hidden)
  col=value/ ...                                           partitionBy folders; null is __HIVE_DEFAULT_PARTITION__,
                                                           values escaped as Hive does (/ -> %2F, = -> %3D)

Rows are serialized as spark-tfrecord's TFRecordSerializer does (IntegerType/LongType -> Int64List, DoubleType ->
FloatList narrowed to float32, StringType -> BytesList of UTF-8, ArrayType(StringType) -> BytesList, ArrayType of
ArrayType -> a SequenceExample feature list, null -> feature left out); partition columns are not in the files.
The Example classes are compiled here by protoc from src/SchemaGen.Protobuf/Protos/*.proto (TensorFlow's field
numbers); the TFRecord framing and CRC32C are written here, so nothing of SchemaGen's code is involved.

expected.json gives, per folder, the part files in sorted order and each record's values, with the partition
columns typed as Spark's partition discovery types them (int -> int64, double -> float32, else text, null -> none),
computed here independently of the C# reader.

Setup (Debian 12):  apt-get install -y python3-protobuf protobuf-compiler
Run from the repo:  /usr/bin/python3 build/make-spark-fixtures.py
"""

import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from tfrecord_framing import framed  # noqa: E402  (build/, beside this script)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTOS = os.path.join(REPO, "src", "SchemaGen.Protobuf", "Protos")
OUT = os.path.join(REPO, "tests", "data", "spark")

JOB1 = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
JOB2 = "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586"


def compile_protos(folder):
    subprocess.run(["protoc", "-I", PROTOS, "--python_out", folder,
                    os.path.join(PROTOS, "feature.proto"), os.path.join(PROTOS, "example.proto")], check=True)
    sys.path.insert(0, folder)
    import example_pb2  # noqa: E402  (generated above)
    return example_pb2


def hadoop_crc(data):
    """Hadoop ChecksumFileSystem's sidecar: 'crc\\0', bytes per checksum, then a CRC-32 per 512-byte chunk."""
    out = bytearray(b"crc\x00" + struct.pack(">I", 512))
    for i in range(0, len(data), 512):
        out += struct.pack(">I", zlib.crc32(data[i:i + 512]) & 0xFFFFFFFF)
    return bytes(out)


def write(relative, data):
    path = os.path.join(OUT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    folder, name = os.path.split(path)
    with open(os.path.join(folder, "." + name + ".crc"), "wb") as f:
        f.write(hadoop_crc(data))


def compress(codec, data):
    if codec == ".gz":
        return gzip.compress(data, mtime=0)
    if codec == ".deflate":
        return zlib.compress(data)  # Hadoop's DefaultCodec: a zlib stream
    return data


def f32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


# ---- Spark's partition discovery, for the expected values ----

def unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "%" and i + 2 < len(text):
            try:
                code = int(text[i + 1:i + 3], 16)
            except ValueError:
                code = -1
            if code >= 0:
                out.append(chr(code))
                i += 3
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def infer(raw):
    if raw == "__HIVE_DEFAULT_PARTITION__":
        return "null"
    try:
        v = int(raw)
        if -2**63 <= v < 2**63 and raw.strip() == raw:
            return "int"
    except ValueError:
        pass
    try:
        float(raw)
        return "double"
    except ValueError:
        return "string"


def widen(a, b):
    if a == "null":
        return b
    if b == "null":
        return a
    if "string" in (a, b):
        return "string"
    return "double" if "double" in (a, b) else "int"


def typed(raw, kind):
    if raw == "__HIVE_DEFAULT_PARTITION__":
        return None
    if kind == "int":
        return int(raw)
    if kind == "double":
        return f32(float(raw))
    return unescape(raw)


def partition_values(files):
    """files: relative paths. Returns {path: {column: value}} typed across all files."""
    parsed = {}
    kinds = {}
    for path in files:
        cols = [seg.split("=", 1) for seg in path.split("/")[:-1] if "=" in seg]
        parsed[path] = cols
        for name, raw in cols:
            kinds[unescape(name)] = widen(kinds.get(unescape(name), "null"), infer(raw))
    return {path: {unescape(n): typed(r, kinds[unescape(n)]) for n, r in cols} for path, cols in parsed.items()}


# ---- the folders ----

def people(pb):
    """partitionBy("year", "lang"); Example; one appended job wrote its part with GzipCodec."""
    rows = [  # id, name, age (LongType, nullable), score (DoubleType), tags (ArrayType(StringType)), year, lang
        (1, "ann", 34, 0.1, ["a", "b"], "2023", "en"),
        (2, "bo", None, 2.5, [], "2023", "en"),
        (3, "c\u00e9", 51, -1.25, ["x"], "2023", "fr%2FBE"),
        (4, "dan", 29, 1e-3, ["q", "r", "s"], "2024", "en"),
        (5, "eve", 40, 3.3, ["t"], "2024", "__HIVE_DEFAULT_PARTITION__"),
        (6, "fay", 22, 0.5, [], "__HIVE_DEFAULT_PARTITION__", "de"),
        (7, "gus", 60, 7.0, ["u"], "2024", "en"),
    ]
    # (task, job, codec) per partition folder; (2024, en) has two files: job 1's and job 2's gzipped append.
    layout = [("2023", "en", 0, JOB1, "", [1, 2]), ("2023", "fr%2FBE", 1, JOB1, "", [3]),
              ("2024", "en", 0, JOB1, "", [4]), ("2024", "en", 0, JOB2, ".gz", [7]),
              ("2024", "__HIVE_DEFAULT_PARTITION__", 2, JOB1, "", [5]),
              ("__HIVE_DEFAULT_PARTITION__", "de", 3, JOB1, "", [6])]
    by_id = {row[0]: row for row in rows}
    files = {}
    for year, lang, task, job, codec, ids in layout:
        relative = f"year={year}/lang={lang}/part-{task:05d}-{job}-c000.tfrecord{codec}"
        records = []
        for i in ids:
            _, name, age, score, tags, _, _ = by_id[i]
            ex = pb.Example()
            f = ex.features.feature
            f["id"].int64_list.value.append(i)
            f["name"].bytes_list.value.append(name.encode())
            if age is not None:
                f["age"].int64_list.value.append(age)
            f["score"].float_list.value.append(score)
            f["tags"].bytes_list.SetInParent()
            f["tags"].bytes_list.value.extend(t.encode() for t in tags)
            records.append(ex.SerializeToString(deterministic=True))
        write("people/" + relative, compress(codec, framed(records)))
        files[relative] = ids
    for marker in ["_SUCCESS", "_committed_7031", "_started_7031"]:
        write("people/" + marker, b"")
    # A failed attempt's file: read, it would add a record 99.
    ex = pb.Example()
    ex.features.feature["id"].int64_list.value.append(99)
    write(f"people/_temporary/0/_temporary/attempt_202412060000_0001_m_000000_0/year=2023/lang=en/part-00000-{JOB1}-c000.tfrecord",
          framed([ex.SerializeToString()]))

    order = sorted(files)
    partitions = partition_values(order)
    records = []
    for relative in order:
        for i in files[relative]:
            _, name, age, score, tags, _, _ = by_id[i]
            records.append({"file": relative, "id": i, "name": name, "age": age, "score": f32(score), "tags": tags,
                            **partitions[relative]})
    return {"files": order, "columns": ["year", "lang"], "records": records}


def events(pb):
    """SequenceExample with GzipCodec, partitionBy("day") (dates stay text); a task with no rows left an empty gzip."""
    rows = {  # id, user, clicks (ArrayType(ArrayType(LongType)) -> feature list)
        "2024-01-02": [(1, "u1", [[1, 2], [3, 4]]), (2, "u2", [[5, 6]])],
        "2024-01-03": [(3, "u3", [[7, 8], [9, 10], [11, 12]])],
    }
    files = {}
    expected = {}
    for task, (day, items) in enumerate(sorted(rows.items())):
        relative = f"day={day}/part-{task:05d}-{JOB1}-c000.tfrecord.gz"
        records = []
        for i, user, clicks in items:
            se = pb.SequenceExample()
            se.context.feature["id"].int64_list.value.append(i)
            se.context.feature["user"].bytes_list.value.append(user.encode())
            fl = se.feature_lists.feature_list["clicks"]
            for step in clicks:
                feature = fl.feature.add()
                feature.int64_list.SetInParent()
                feature.int64_list.value.extend(step)
            records.append(se.SerializeToString(deterministic=True))
        write("events/" + relative, gzip.compress(framed(records), mtime=0))
        files[relative] = items
    # The empty task of a gzipped write: an empty gzip member.
    empty = f"day=2024-01-03/part-00007-{JOB1}-c000.tfrecord.gz"
    write("events/" + empty, gzip.compress(b"", mtime=0))
    files[empty] = []
    write("events/_SUCCESS", b"")
    order = sorted(files)
    partitions = partition_values(order)
    records = [{"file": r, "id": i, "user": u, "clicks": c, **partitions[r]} for r in order for i, u, c in files[r]]
    return {"files": order, "columns": ["day"], "records": records}


def typed_folders(pb):
    """Partition typing: n (ints and a null) -> int64, x (a double among ints) -> float, s (007 and text) -> text."""
    layout = [("n=1/x=1.5/s=007", 1), ("n=2/x=2/s=a%3Db", 2), ("n=__HIVE_DEFAULT_PARTITION__/x=-3e2/s=__HIVE_DEFAULT_PARTITION__", 3)]
    files = {}
    for task, (folder, i) in enumerate(layout):
        relative = f"{folder}/part-{task:05d}-{JOB1}-c000.tfrecord"
        ex = pb.Example()
        ex.features.feature["id"].int64_list.value.append(i)
        write("typed/" + relative, framed([ex.SerializeToString()]))
        files[relative] = i
    write("typed/_SUCCESS", b"")
    order = sorted(files)
    partitions = partition_values(order)
    return {"files": order, "columns": ["n", "x", "s"],
            "records": [{"file": r, "id": files[r], **partitions[r]} for r in order]}


def main():
    # The generated folders go and come back; the README beside them is written by hand and stays.
    for name in ("people", "events", "typed"):
        shutil.rmtree(os.path.join(OUT, name), ignore_errors=True)
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pb = compile_protos(folder)
        expected = {"people": people(pb), "events": events(pb), "typed": typed_folders(pb)}
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
