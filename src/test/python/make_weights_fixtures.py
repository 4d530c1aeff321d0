#!/usr/bin/env python3
"""Writes the torch-made test fixtures of org.convnetexplorer.weights.

The Java tests compare what they read with the numbers torch itself reports
here, so the reference does not depend on the reader under test.

make_fixtures.py runs it, with the two AlexNet files it has just written
(src/test/fixtures/weights; the legacy one is rebuilt from its head and recipe),
and it writes src/test/resources/org/convnetexplorer/weights. The tests do not
need torch.
"""
import collections
import math
import random
from pathlib import Path

import torch

OUT = Path("src/test/resources/org/convnetexplorer/weights")
SAMPLES_PER_TENSOR = 8


def text(value):
    """A float as Java's Float.parseFloat reads it back exactly."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def shape_text(tensor):
    return "x".join(str(n) for n in tensor.shape)


def alexnet_references(files):
    """Per-tensor sums and a few sampled values of the AlexNet files, {fixture name: path}."""
    sums = ["fixture,key,shape,sum"]
    samples = ["fixture,key,flat_index,value"]
    picker = random.Random(0)
    for name, path in files.items():
        state = torch.load(path)
        for key, tensor in state.items():
            flat = tensor.reshape(-1)
            sums.append(f"{name},{key},{shape_text(tensor)},{text(flat.double().sum().item())}")
            n = flat.numel()
            indices = sorted([0, 1, n - 1] + picker.sample(range(2, n - 1), SAMPLES_PER_TENSOR - 3))
            for i in indices:
                samples.append(f"{name},{key},{i},{text(flat[i].item())}")
    (OUT / "alexnet-sums.csv").write_text("\n".join(sums) + "\n")
    (OUT / "alexnet-samples.csv").write_text("\n".join(samples) + "\n")


def views_state():
    """Tensors that are views of one storage: offsets, strides, a transpose, a stride-0 expand."""
    base = torch.arange(60, dtype=torch.float32).reshape(6, 10) / 4 - 3
    return collections.OrderedDict([
        ("base", base),
        ("rows", base[2:5]),
        ("strided", base[1:5, 2:8:2]),
        ("transposed", base.t()),
        ("column", base[:, 7]),
        ("expanded", base[1].expand(3, 10)),
        ("scalar", base[3, 4]),
        ("empty", base[2:2]),
        ("separate", torch.linspace(-1, 1, 5)),
    ])


def dtypes_state():
    """A half-precision module state dict (with its _metadata) plus other storage types."""
    torch.manual_seed(3)
    state = torch.nn.Conv2d(3, 4, 2).half().state_dict()
    state["special_half"] = torch.tensor(
        [0.0, -0.0, 65504.0, -65504.0, 6e-8, 1e-4, float("inf"), float("-inf"), 0.333], dtype=torch.float16)
    state["double"] = torch.linspace(-2, 2, 7, dtype=torch.float64).reshape(7, 1)
    state["bfloat16"] = torch.tensor([[1.5, -2.25], [3e38, 1e-38]], dtype=torch.bfloat16)
    state["parameter"] = torch.nn.Parameter(torch.tensor([0.5, 0.25, -8.0]))
    state["num_batches_tracked"] = torch.tensor(7)
    state["int_matrix"] = torch.tensor([[1, -2], [300, 4]], dtype=torch.int32)
    return state


def small_fixtures():
    rows = ["fixture,key,shape,values"]
    made = [
        ("views.pth", views_state(), {}),
        ("views-legacy.pth", views_state(), {"_use_new_zipfile_serialization": False}),
        ("dtypes-protocol4.pth", dtypes_state(), {"pickle_protocol": 4}),
        ("dtypes-legacy.pth", dtypes_state(), {"_use_new_zipfile_serialization": False}),
    ]
    for name, state, options in made:
        torch.save(state, OUT / name, **options)
        for key, tensor in torch.load(OUT / name).items():
            values = " ".join(text(float(v)) for v in tensor.detach().reshape(-1).tolist())
            rows.append(f"{name},{key},{shape_text(tensor)},{values}")
    (OUT / "small-fixtures.csv").write_text("\n".join(rows) + "\n")


def main(alexnet_files):
    OUT.mkdir(parents=True, exist_ok=True)
    alexnet_references(alexnet_files)
    small_fixtures()
