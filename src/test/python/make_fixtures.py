#!/usr/bin/env python3
"""Regenerates every torch-made test fixture of ConvNet Explorer from scratch.

Run from the project root with Debian's torch, torchvision, PIL and numpy
(apt-get install -y python3-torch python3-torchvision python3-pil):
    /usr/bin/python3 src/test/python/make_fixtures.py

It reads only committed inputs (the images in src/test/fixtures/images and
src/test/resources/org/convnetexplorer/images/ycck.jpg) and writes:
  src/test/fixtures/weights/alexnet-features-seed0.pth      torchvision AlexNet init, torch.manual_seed(0)
  src/test/fixtures/weights/alexnet-features-seed1-legacy.*  the legacy-format file as a head and a recipe
  src/test/fixtures/reference/seed0-natural224/              what torchvision computes with the seed-0 weights
and then runs the older scripts beside this one, which write the small fixtures
in src/test/resources: make_weights_fixtures.py (torch's reading of the .pth
files), make_resize_fixture.py (PIL references), make_deconv_fixture.py
(autograd deconvnet projections and occlusion maxima). What each file is:
src/test/fixtures/README.md. The Java tests never run Python.
"""
import collections
import hashlib
import io
import math
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torchvision
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_deconv_fixture  # noqa: E402
import make_resize_fixture  # noqa: E402
import make_weights_fixtures  # noqa: E402

FIXTURES = Path("src/test/fixtures")
WEIGHTS = FIXTURES / "weights"
NATURAL224 = FIXTURES / "images/natural224"
REFERENCE = FIXTURES / "reference/seed0-natural224"
SEED0 = "alexnet-features-seed0.pth"
SEED1_LEGACY = "alexnet-features-seed1-legacy.pth"
TOP = 9
# the ReLU after each conv layer in torchvision's alexnet().features
RELU_INDEX = {"conv1": 1, "conv2": 4, "conv3": 7, "conv4": 9, "conv5": 11}

# SplitMix64 (Steele, Lea & Flood 2014); src/test/java/org/convnetexplorer/SeededLegacyCheckpoint.java has the same
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def seeded_uniform(seed, first, count, fan_in):
    """Values first .. first+count-1 of the seeded stream, uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)) as float32.

    Value n: z = seed + (n + 1) * GOLDEN_GAMMA (mod 2^64), mixed by SplitMix64; u = (z >> 40) / 2^24;
    float32((2u - 1) / sqrt(fan_in)), each step exact or rounded once in IEEE double, as Java computes it.
    """
    n = np.arange(first + 1, first + count + 1, dtype=np.uint64)
    z = np.uint64(seed) + n * np.uint64(GOLDEN_GAMMA)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(40)).astype(np.float64) * 2.0 ** -24
    return ((2 * u - 1) * (1 / math.sqrt(fan_in))).astype(np.float32)


def seed0_state():
    """torchvision's AlexNet as constructed after torch.manual_seed(0), its features.* entries."""
    torch.manual_seed(0)
    state = torchvision.models.alexnet().state_dict()
    return collections.OrderedDict((k, v) for k, v in state.items() if k.startswith("features."))


def seeded_state(seed):
    """An AlexNet features state dict of seeded_uniform values, one stream over the tensors in key order.

    The bound is PyTorch's default Conv2d init bound, 1/sqrt(fan_in), for weights and biases alike.
    Returns the state dict and, per key, (first stream index, fan_in).
    """
    shapes = collections.OrderedDict((k, tuple(v.shape)) for k, v in seed0_state().items())
    state = collections.OrderedDict()
    streams = {}
    first = 0
    for key, shape in shapes.items():
        fan_in = math.prod(shapes[key.rsplit(".", 1)[0] + ".weight"][1:])
        numel = math.prod(shape)
        state[key] = torch.from_numpy(seeded_uniform(seed, first, numel, fan_in).reshape(shape))
        streams[key] = (first, fan_in)
        first += numel
    return state, streams


def write_seed1_legacy(full_file):
    """Writes the legacy-format seed-1 file to full_file and, committed, its torch-written head and its recipe.

    A legacy torch.save file is pickles (magic number, protocol, sys info, the state dict, the storage keys)
    followed by each storage as an int64 element count and its raw bytes. The storages are seeded_uniform
    values, so the committed head plus the recipe (one row per storage, in file order) rebuild the file
    byte for byte; the tests do that in Java and check the sha256 recorded here.
    """
    state, streams = seeded_state(1)
    buffer = io.BytesIO()
    torch.save(state, buffer, _use_new_zipfile_serialization=False)
    data = buffer.getvalue()
    at = {}
    for key, tensor in state.items():
        raw = tensor.numpy().astype("<f4").tobytes()
        offset = data.find(raw)
        assert offset > 8 and data.find(raw, offset + 1) < 0, key
        assert struct.unpack("<q", data[offset - 8:offset])[0] == tensor.numel(), key
        at[offset] = key
    order = [at[offset] for offset in sorted(at)]
    head_end = min(at) - 8
    rebuilt = bytearray(data[:head_end])
    rows = ["key,seed,first,numel,fan_in"]
    for key in order:
        first, fan_in = streams[key]
        numel = state[key].numel()
        rebuilt += struct.pack("<q", numel) + seeded_uniform(1, first, numel, fan_in).astype("<f4").tobytes()
        rows.append(f"{key},1,{first},{numel},{fan_in}")
    assert bytes(rebuilt) == data, "head + recipe must rebuild torch's file"
    stem = SEED1_LEGACY[:-len(".pth")]
    (WEIGHTS / f"{stem}.head").write_bytes(data[:head_end])
    (WEIGHTS / f"{stem}.recipe.csv").write_text("\n".join(rows) + "\n")
    (WEIGHTS / f"{stem}.sha256").write_text(f"{hashlib.sha256(data).hexdigest()}  {SEED1_LEGACY}\n")
    full_file.write_bytes(data)


def normalized(path):
    """torchvision's preprocessing without resizing: ToTensor, then Normalize with the ImageNet mean and std."""
    to_tensor = torchvision.transforms.ToTensor()
    normalize = torchvision.transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    return normalize(to_tensor(Image.open(path).convert("RGB")))


def g6(value):
    return f"{value:.6g}"


def write_reference(weights_file):
    """maxima.csv, topk.csv and activations/ for the seed-0 weights on natural224 (see the fixtures README)."""
    model = torchvision.models.alexnet()
    model.features.load_state_dict({k[len("features."):]: v for k, v in torch.load(weights_file).items()})
    model.eval()
    (REFERENCE / "activations").mkdir(parents=True, exist_ok=True)
    images = sorted(p.name for p in NATURAL224.iterdir())
    maxima = {layer: [] for layer in RELU_INDEX}  # per layer: per image, per unit (value, fy, fx)
    with torch.no_grad():
        for image in images:
            x = normalized(NATURAL224 / image)
            if image == "astronaut_000.png":
                write_f32(x, f"astronaut_000-input-chw{shape_text(x)}.f32")
            out = x.unsqueeze(0)
            for index, module in enumerate(model.features):
                out = module(out)
                layer = next((name for name, relu in RELU_INDEX.items() if relu == index), None)
                if layer is None:
                    continue
                maps = out[0]
                if image == "astronaut_000.png":
                    write_f32(maps, f"astronaut_000-{layer}-chw{shape_text(maps)}.f32")
                flat = maps.flatten(1)
                first = torch.argmax(flat, dim=1)  # the first maximum in row-major order
                values = flat.gather(1, first[:, None])[:, 0]
                width = maps.shape[2]
                maxima[layer].append([(float(v), int(p) // width, int(p) % width) for v, p in zip(values, first)])
    rows = ["layer,unit,image,activation,fy,fx"]
    for layer, per_image in maxima.items():
        for image, units in zip(images, per_image):
            for unit, (value, fy, fx) in enumerate(units):
                rows.append(f"{layer},{unit},{image},{g6(value)},{fy},{fx}")
    (REFERENCE / "maxima.csv").write_text("\n".join(rows) + "\n")
    rows = ["layer,unit,rank,image,activation,fy,fx,x0,y0,x1,y1"]
    for layer, per_image in maxima.items():
        jump, start, size = make_deconv_fixture.FIELDS[layer]
        for unit in range(len(per_image[0])):
            entries = [(units[unit], image) for image, units in zip(images, per_image) if units[unit][0] > 0]
            entries.sort(key=lambda entry: (-entry[0][0], entry[1]))
            for rank, ((value, fy, fx), image) in enumerate(entries[:TOP], start=1):
                x0, y0 = start + jump * fx, start + jump * fy
                rows.append(f"{layer},{unit},{rank},{image},{g6(value)},{fy},{fx},{x0},{y0},{x0 + size},{y0 + size}")
    (REFERENCE / "topk.csv").write_text("\n".join(rows) + "\n")


def shape_text(tensor):
    return "x".join(str(n) for n in tensor.shape)


def write_f32(tensor, name):
    tensor.contiguous().numpy().astype("<f4").tofile(REFERENCE / "activations" / name)


def main():
    started = time.monotonic()
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    WEIGHTS.mkdir(parents=True, exist_ok=True)
    torch.save(seed0_state(), WEIGHTS / SEED0)
    with tempfile.TemporaryDirectory() as scratch:
        legacy = Path(scratch) / SEED1_LEGACY
        write_seed1_legacy(legacy)
        write_reference(WEIGHTS / SEED0)
        make_weights_fixtures.main({SEED0: WEIGHTS / SEED0, SEED1_LEGACY: legacy})
    make_resize_fixture.main()
    make_deconv_fixture.main()
    make_deconv_fixture.occlusions()
    print(f"make_fixtures: done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
