#!/usr/bin/env python3
"""Writes the Python 3 CIFAR-batch pickles under tests/SchemaGen.Conversion.Tests/Fixtures/pickles.

Run once with numpy installed (/usr/bin/python3 with python3-numpy 1.24 made the checked-in files); the test suite
itself does not need Python. Every batch holds 3 images whose pixel (i, j) is (i * 31 + j * 7) % 256, labels
[3, 0, 9] and file names image_0.png .. image_2.png, so the tests know the contents without unpickling here.
"""
import os
import pickle
import sys
import types

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "SchemaGen.Conversion.Tests", "Fixtures", "pickles")

data = np.fromfunction(lambda i, j: (i * 31 + j * 7) % 256, (3, 3072), dtype=np.int64).astype(np.uint8)
labels = [3, 0, 9]
names = ["image_%d.png" % i for i in range(3)]


def batch(bytes_keys=False, numpy_labels=False):
    d = {
        "batch_label": "training batch 1 of 1",
        "labels": [np.int64(v) for v in labels] if numpy_labels else labels,
        "data": data,
        "filenames": [n.encode() for n in names] if bytes_keys else names,
    }
    return {k.encode(): v for k, v in d.items()} if bytes_keys else d


# numpy 2 pickles name numpy._core; numpy 1.24 is installed, so its reconstructors are re-exported under that name.
def alias(module, name, target):
    mod = sys.modules.setdefault(module, types.ModuleType(module))
    def f(*args):
        return target(*args)
    f.__module__, f.__name__, f.__qualname__ = module, name, name
    setattr(mod, name, f)
    return f


sys.modules.setdefault("numpy._core", types.ModuleType("numpy._core"))
RECONSTRUCT = alias("numpy._core.multiarray", "_reconstruct", np.core.multiarray._reconstruct)
FROMBUFFER = alias("numpy._core.numeric", "_frombuffer", np.core.numeric._frombuffer)


class Numpy2Pickler(pickle._Pickler):
    def reducer_override(self, obj):
        if type(obj) is np.ndarray:
            reduced = obj.__reduce_ex__(self.proto)
            swap = {np.core.multiarray._reconstruct: RECONSTRUCT, np.core.numeric._frombuffer: FROMBUFFER}
            return (swap.get(reduced[0], reduced[0]),) + tuple(reduced[1:])
        return NotImplemented


def write(name, obj, protocol, pickler=pickle.Pickler):
    with open(os.path.join(OUT, name), "wb") as f:
        pickler(f, protocol=protocol).dump(obj)


os.makedirs(OUT, exist_ok=True)
for protocol in (2, 3, 4, 5):
    write("py3_protocol%d_str_keys.pickle" % protocol, batch(), protocol)
write("py3_protocol2_bytes_keys.pickle", batch(bytes_keys=True), 2)
write("py3_protocol4_bytes_keys.pickle", batch(bytes_keys=True), 4)
write("py3_protocol4_numpy_int64_labels.pickle", batch(numpy_labels=True), 4)
write("py3_protocol4_numpy2.pickle", batch(), 4, Numpy2Pickler)
write("py3_protocol5_numpy2.pickle", batch(), 5, Numpy2Pickler)
