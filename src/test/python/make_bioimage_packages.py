#!/usr/bin/env python3
"""Makes small bioimage.io model packages and numpy references of intensity normalisation for the tests.

Run from the project root with Debian's torch and numpy (python3-torch, python3-numpy):
    /usr/bin/python3 src/test/python/make_bioimage_packages.py

The network is a small fully convolutional encoder for 1-channel images (3x3 conv, ReLU, 3x3 conv stride 2, ReLU,
1x1 conv to 2 channels), torch's default initialisation under seed 0, exported to ONNX (opset 13) with dynamic batch,
height and width. Each package's test input is a synthetic 16-bit-range micrograph (bright blobs on a dim, noisy
background, a few hot pixels) of 40x56 pixels; its test output is torch's output for that input after the package's
preprocessing, computed here in numpy (percentiles: numpy's default, linear interpolation).

Writes to src/test/resources/org/convnetexplorer/bioimage/:
  encoder-0.5.zip       rdf.yaml format 0.5.3: axis objects (batch, channel, space y/x with size min 16 step 8),
                        preprocessing scale_range (per image, axes [y, x], 1 and 99.8 percentiles, eps 1e-6),
                        ONNX weights; test tensors float32
  encoder-0.5/          the same package unpacked (to load from its rdf.yaml)
  encoder-0.4.zip       rdf.yaml format 0.4.10: axes "bcyx", shape min/step, preprocessing scale_range (mode
                        per_sample, axes xy) then clip [0, 1]; test input uint16, test output float64
  mismatch-0.5.zip      as encoder-0.5 but its test output differs at [0, 1, 7, 9] by +0.25
  torchscript-only.zip  an rdf.yaml 0.5 whose weights are torchscript and pytorch_state_dict only
  hostile.zip           an rdf.yaml and an entry named ../escaped.txt
  postprocessed-0.5.zip as encoder-0.5 with its output's postprocessing zero_mean_unit_variance (test output after it)
  sigmoid-0.5.zip       as encoder-0.5 with its output's postprocessing sigmoid (not computed here: refused)
  external-data-0.5.zip as encoder-0.5, its ONNX tensors in an external file it lacks (planted.data holds them)
  scan-images/cells.png a 64x64 8-bit gray micrograph (another draw of the same kind)
  scan-maxima.csv       layer,unit,max: torch's per-unit maximum of the encoder's two ReLU outputs for cells.png
                        after scale_range 1..99.8 on its 8-bit values (what a scan with --normalize feeds)
  scan-display.png      cells.png as its patches are shown: its percentiles 1 and 99.8 stretched to black and white
  native-images/*.tif   16-bit gray micrographs for a scan at each image's own size through encoder-0.5.zip: 96x56
                        and 48x104 (sides the package takes: 16 + 8 k), 60x44 (not whole steps of 8) and 16x8
                        (under its least size 16)
  encoder-min32-0.5.zip encoder-0.5 taking sides of 32 + 8 k (its test tensors 40x56 fit that)
  native-maxima.csv     layer,unit,image,max: torch's per-unit maximum of the encoder's two ReLU outputs for each
                        image the package takes, after scale_range 1..99.8 on the whole image's raw 16-bit values
                        (native_scan_reference)
  display-rgb*.png      a 16x12 RGB image, and numpy's display of it per channel: over percentiles 1..99.8, and
                        over least..greatest value
  norm-input.npy        float32 [2, 37, 23]: two channels of random values with outliers
  norm-*.npy            numpy's results of the normalisations on norm-input.npy, per channel (see main)
"""
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

OUT = Path("src/test/resources/org/convnetexplorer/bioimage")
# a fixed time for every zip entry, so that the zips are the same bytes on every run
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3, padding=1)
        self.conv2 = nn.Conv2d(6, 8, 3, stride=2, padding=1)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        return self.head(torch.relu(self.conv2(torch.relu(self.conv1(x)))))


def micrograph(rng, height, width):
    """Blobs of 300..3000 counts on a background of ~100, Poisson-like noise, two hot pixels."""
    yy, xx = np.mgrid[0:height, 0:width]
    image = np.full((height, width), 100.0)
    for _ in range(6):
        cy, cx = rng.uniform(0, height), rng.uniform(0, width)
        radius = rng.uniform(2.5, 6.0)
        image += rng.uniform(300, 3000) * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * radius ** 2))
    image += rng.normal(0, 15, size=image.shape)
    image[3, 5] = 20000
    image[30, 40] = 15000
    return np.clip(np.round(image), 0, 65535)


def scale_range(x, axes, low, high, eps=1e-6):
    lo = np.percentile(x, low, axis=axes, keepdims=True)
    hi = np.percentile(x, high, axis=axes, keepdims=True)
    return (x - lo) / (hi - lo + eps)


def zero_mean_unit_variance(x, axes, eps=1e-6):
    return (x - x.mean(axis=axes, keepdims=True)) / (x.std(axis=axes, keepdims=True) + eps)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def onnx_bytes(model):
    buffer = io.BytesIO()
    torch.onnx.export(model, torch.zeros(1, 1, 32, 32), buffer, opset_version=13, input_names=["raw"],
                      output_names=["features"], dynamic_axes={"raw": {0: "b", 2: "y", 3: "x"},
                                                               "features": {0: "b", 2: "y", 3: "x"}})
    return buffer.getvalue()


def sha(data):
    return hashlib.sha256(data).hexdigest()


RDF_05 = """format_version: 0.5.3
type: model
name: tiny conv encoder
description: A small fully convolutional encoder for ConvNet Explorer's tests (seed 0, untrained).
authors:
  - name: ConvNet Explorer tests
cite:
  - text: ConvNet Explorer
    url: https://example.org/convnet-explorer
license: MIT
documentation: README.md
inputs:
  - id: raw
    description: a 1-channel micrograph
    axes:
      - type: batch
      - type: channel
        channel_names: [nuclei]
      - type: space
        id: y
        size: {{min: 16, step: 8}}
      - type: space
        id: x
        size: {{min: 16, step: 8}}
    test_tensor:
      source: test_input.npy
      sha256: {input_sha}
    data:
      type: float32
    preprocessing:
      - id: scale_range
        kwargs:
          axes: [y, x]
          min_percentile: 1.0
          max_percentile: 99.8
          eps: 1.0e-6
outputs:
  - id: features
    axes:
      - type: batch
      - type: channel
        channel_names: [a, b]
      - type: space
        id: y
        size: {{tensor_id: raw, axis_id: y}}
        scale: 2.0
      - type: space
        id: x
        size: {{tensor_id: raw, axis_id: x}}
        scale: 2.0
    test_tensor:
      source: test_output.npy
      sha256: {output_sha}
weights:
  onnx:
    source: {weights}
    sha256: {weights_sha}
    opset_version: 13
"""

RDF_04 = """format_version: 0.4.10
type: model
name: tiny conv encoder
description: A small fully convolutional encoder for ConvNet Explorer's tests (seed 0, untrained).
authors:
  - name: ConvNet Explorer tests
cite:
  - text: ConvNet Explorer
    doi: 10.5281/zenodo.0000000
license: MIT
documentation: README.md
timestamp: 2026-01-01T00:00:00
test_inputs: [test_input.npy]
test_outputs: [test_output.npy]
inputs:
  - name: raw
    axes: bcyx
    data_type: uint16
    data_range: [0, 65535]
    shape:
      min: [1, 1, 16, 16]
      step: [0, 0, 8, 8]
    preprocessing:
      - name: scale_range
        kwargs:
          mode: per_sample
          axes: xy
          min_percentile: 1
          max_percentile: 99.8
      - name: clip
        kwargs: {{min: 0.0, max: 1.0}}
outputs:
  - name: features
    axes: bcyx
    data_type: float32
    shape:
      reference_tensor: raw
      scale: [1, 1, 0.5, 0.5]
      offset: [0, 1, 0, 0]
weights:
  onnx:
    source: ./{weights}
    sha256: {weights_sha}
    opset_version: 13
"""

RDF_TORCHSCRIPT = """format_version: 0.5.3
type: model
name: torchscript only
inputs:
  - id: raw
    axes:
      - type: batch
      - type: channel
        channel_names: [nuclei]
      - type: space
        id: y
        size: 64
      - type: space
        id: x
        size: 64
    test_tensor: {source: test_input.npy}
outputs:
  - id: out
    axes: [{type: batch}, {type: channel, channel_names: [a]}]
    test_tensor: {source: test_output.npy}
weights:
  pytorch_state_dict:
    source: weights.pt
    architecture: {callable: Net, source: net.py}
  torchscript:
    source: weights_torchscript.pt
"""


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def packages():
    torch.manual_seed(0)
    model = Encoder().eval()
    weights = onnx_bytes(model)
    rng = np.random.default_rng(0)
    raw = micrograph(rng, 40, 56)[None, None]  # b, c, y, x

    def run(preprocessed):
        with torch.no_grad():
            return model(torch.from_numpy(preprocessed.astype(np.float32))).numpy()

    readme = b"A tiny test package made by src/test/python/make_bioimage_packages.py.\n"
    test_in = npy_bytes(raw.astype(np.float32))
    test_out = run(scale_range(raw, (2, 3), 1.0, 99.8))
    out_bytes = npy_bytes(test_out.astype(np.float32))
    rdf = RDF_05.format(input_sha=sha(test_in), output_sha=sha(out_bytes), weights="encoder.onnx",
                        weights_sha=sha(weights)).encode()
    entries = {"rdf.yaml": rdf, "encoder.onnx": weights, "test_input.npy": test_in, "test_output.npy": out_bytes,
               "README.md": readme}
    write_zip(OUT / "encoder-0.5.zip", entries)
    folder = OUT / "encoder-0.5"
    folder.mkdir(exist_ok=True)
    for name, data in entries.items():
        (folder / name).write_bytes(data)

    wrong = test_out.copy()
    wrong[0, 1, 7, 9] += 0.25
    wrong_bytes = npy_bytes(wrong.astype(np.float32))
    write_zip(OUT / "mismatch-0.5.zip", dict(entries, **{"test_output.npy": wrong_bytes, "rdf.yaml": RDF_05.format(
        input_sha=sha(test_in), output_sha=sha(wrong_bytes), weights="encoder.onnx", weights_sha=sha(weights))
        .encode()}))

    clipped = np.clip(scale_range(raw.astype(np.float64), (2, 3), 1.0, 99.8), 0.0, 1.0)
    write_zip(OUT / "encoder-0.4.zip", {
        "rdf.yaml": RDF_04.format(weights="encoder.onnx", weights_sha=sha(weights)).encode(),
        "encoder.onnx": weights, "test_input.npy": npy_bytes(raw.astype(np.uint16)),
        "test_output.npy": npy_bytes(run(clipped).astype(np.float64)), "README.md": readme})

    write_zip(OUT / "torchscript-only.zip", {
        "rdf.yaml": RDF_TORCHSCRIPT.encode(), "weights.pt": b"not a real checkpoint",
        "weights_torchscript.pt": b"not a real checkpoint", "net.py": b"# no network here\n",
        "test_input.npy": npy_bytes(np.zeros((1, 1, 64, 64), np.float32)),
        "test_output.npy": npy_bytes(np.zeros((1, 1), np.float32))})

    write_zip(OUT / "hostile.zip", {"rdf.yaml": rdf, "encoder.onnx": weights, "test_input.npy": test_in,
                                   "test_output.npy": out_bytes, "../escaped.txt": b"outside\n"})


def postprocessed_packages():
    """encoder-0.5 with its output's postprocessing: one computed here, one refused."""
    torch.manual_seed(0)
    model = Encoder().eval()
    weights = onnx_bytes(model)
    raw = micrograph(np.random.default_rng(0), 40, 56)[None, None]
    with torch.no_grad():
        out = model(torch.from_numpy(scale_range(raw, (2, 3), 1.0, 99.8).astype(np.float32))).numpy()
    test_in = npy_bytes(raw.astype(np.float32))
    tensor = "      sha256: {output_sha}\n"
    for name, step, expected in (
            ("postprocessed-0.5.zip", "      - id: zero_mean_unit_variance\n        kwargs: {{axes: [y, x]}}\n",
             zero_mean_unit_variance(out.astype(np.float64), (2, 3))),
            ("sigmoid-0.5.zip", "      - id: sigmoid\n", 1 / (1 + np.exp(-out.astype(np.float64))))):
        out_bytes = npy_bytes(expected.astype(np.float32))
        rdf = RDF_05.replace(tensor, tensor + "    postprocessing:\n" + step, 1)
        write_zip(OUT / name, {"rdf.yaml": rdf.format(input_sha=sha(test_in), output_sha=sha(out_bytes),
                                                      weights="encoder.onnx", weights_sha=sha(weights)).encode(),
                               "encoder.onnx": weights, "test_input.npy": test_in, "test_output.npy": out_bytes})


def external_data_package():
    """encoder-0.5 whose ONNX weights keep their tensors in an external file the zip lacks: a file of that name
    wherever the weights are unpacked must not be read (the test plants planted.data there)."""
    import tempfile
    import onnx
    from onnx.external_data_helper import convert_model_to_external_data
    torch.manual_seed(0)
    model = Encoder().eval()
    proto = onnx.load_from_string(onnx_bytes(model))
    with tempfile.TemporaryDirectory() as folder:
        convert_model_to_external_data(proto, all_tensors_to_one_file=True, location=PLANTED, size_threshold=0)
        onnx.save_model(proto, str(Path(folder) / "encoder.onnx"))
        weights = (Path(folder) / "encoder.onnx").read_bytes()
        (OUT / "planted.data").write_bytes((Path(folder) / PLANTED).read_bytes())
    raw = micrograph(np.random.default_rng(0), 40, 56)[None, None]
    with torch.no_grad():
        out = model(torch.from_numpy(scale_range(raw, (2, 3), 1.0, 99.8).astype(np.float32))).numpy()
    test_in, out_bytes = npy_bytes(raw.astype(np.float32)), npy_bytes(out.astype(np.float32))
    rdf = RDF_05.format(input_sha=sha(test_in), output_sha=sha(out_bytes), weights="encoder.onnx",
                        weights_sha=sha(weights)).encode()
    write_zip(OUT / "external-data-0.5.zip", {"rdf.yaml": rdf, "encoder.onnx": weights, "test_input.npy": test_in,
                                             "test_output.npy": out_bytes})


PLANTED = "convnet-explorer-planted-tensors.data"


def scan_reference():
    from PIL import Image
    torch.manual_seed(0)
    model = Encoder().eval()
    rng = np.random.default_rng(2)
    counts = micrograph(rng, 64, 64)
    pixels = np.clip(np.round(counts / counts.max() * 255 * 4), 0, 255).astype(np.uint8)  # the brightest saturate
    (OUT / "scan-images").mkdir(exist_ok=True)
    Image.fromarray(pixels, mode="L").save(OUT / "scan-images" / "cells.png")
    x = torch.from_numpy(scale_range(pixels.astype(np.float64)[None, None], (2, 3), 1.0, 99.8).astype(np.float32))
    low, high = np.percentile(pixels.astype(np.float64), (1.0, 99.8))
    shown = np.round(np.clip((pixels - low) / (high - low), 0, 1) * 255).astype(np.uint8)
    Image.fromarray(shown, mode="L").save(OUT / "scan-display.png")
    with torch.no_grad():
        relu1 = torch.relu(model.conv1(x))
        relu2 = torch.relu(model.conv2(relu1))
    with open(OUT / "scan-maxima.csv", "w") as f:
        f.write("layer,unit,max\n")
        for name, activation in (("/Relu_output_0", relu1), ("/Relu_1_output_0", relu2)):
            for unit, value in enumerate(activation[0].amax(dim=(1, 2)).tolist()):
                f.write(f"{name},{unit},{value!r}\n")


def native_scan_reference():
    """native-images/ and native-maxima.csv: the encoder package at each image's own size."""
    from PIL import Image
    torch.manual_seed(0)
    model = Encoder().eval()
    rng = np.random.default_rng(4)
    folder = OUT / "native-images"
    folder.mkdir(exist_ok=True)
    rows = ["layer,unit,image,max"]
    for name, (width, height) in (("wide.tif", (96, 56)), ("tall.tif", (48, 104)), ("odd.tif", (60, 44)),
                                  ("small.tif", (16, 8))):
        raw = micrograph(rng, height, width) if min(width, height) > 40 else rng.integers(90, 4000, (height, width))
        Image.fromarray(raw.astype(np.uint16)).save(folder / name)
        if width % 8 or height % 8 or min(width, height) < 16:
            continue
        x = torch.from_numpy(scale_range(raw.astype(np.float64)[None, None], (2, 3), 1.0, 99.8).astype(np.float32))
        with torch.no_grad():
            relu1 = torch.relu(model.conv1(x))
            relu2 = torch.relu(model.conv2(relu1))
        for layer, activation in (("/Relu_output_0", relu1), ("/Relu_1_output_0", relu2)):
            for unit, value in enumerate(activation[0].amax(dim=(1, 2)).tolist()):
                rows.append(f"{layer},{unit},{name},{value!r}")
    (OUT / "native-maxima.csv").write_text("\n".join(rows) + "\n")
    raw = micrograph(np.random.default_rng(0), 40, 56)[None, None]
    with torch.no_grad():
        out = model(torch.from_numpy(scale_range(raw, (2, 3), 1.0, 99.8).astype(np.float32))).numpy()
    weights, test_in, out_bytes = onnx_bytes(model), npy_bytes(raw.astype(np.float32)), npy_bytes(out)
    rdf = RDF_05.replace("{{min: 16, step: 8}}", "{{min: 32, step: 8}}").format(
        input_sha=sha(test_in), output_sha=sha(out_bytes), weights="encoder.onnx", weights_sha=sha(weights))
    write_zip(OUT / "encoder-min32-0.5.zip", {"rdf.yaml": rdf.encode(), "encoder.onnx": weights,
                                              "test_input.npy": test_in, "test_output.npy": out_bytes})


def display_references():
    """An RGB image and numpy's display of it: per channel over percentiles 1 and 99.8, and over least to greatest."""
    from PIL import Image
    rgb = np.random.default_rng(3).gamma(2.0, 30.0, size=(12, 16, 3)).clip(0, 255).astype(np.uint8)
    Image.fromarray(rgb, mode="RGB").save(OUT / "display-rgb.png")
    values = rgb.astype(np.float64)
    for name, (low, high) in (("display-rgb-scale-range.png", np.percentile(values, (1.0, 99.8), axis=(0, 1))),
                              ("display-rgb-min-max.png", (values.min(axis=(0, 1)), values.max(axis=(0, 1))))):
        shown = np.round(np.clip((values - low) / (high - low), 0, 1) * 255).astype(np.uint8)
        Image.fromarray(shown, mode="RGB").save(OUT / name)


def normalisation_references():
    rng = np.random.default_rng(1)
    x = rng.gamma(2.0, 300.0, size=(2, 37, 23)).astype(np.float32)
    x[1] = x[1] * 0.01 + 5  # a channel on another scale: per-channel statistics matter
    x[0, 4, 7] = 60000      # outliers the percentiles must not follow
    x[1, 20, 3] = -40
    np.save(OUT / "norm-input.npy", x)
    data = x.astype(np.float64)
    # per channel: statistics over y and x
    np.save(OUT / "norm-percentiles.npy", np.stack([np.percentile(data, q, axis=(1, 2))
                                                    for q in (0.0, 1.0, 3.3, 50.0, 99.8, 100.0)]))
    np.save(OUT / "norm-scale-range.npy", scale_range(data, (1, 2), 1.0, 99.8).astype(np.float32))
    np.save(OUT / "norm-zero-mean-unit-variance.npy", zero_mean_unit_variance(data, (1, 2)).astype(np.float32))
    # scale_range over all channels together (axes c, y, x), then clip
    np.save(OUT / "norm-scale-range-joint-clip.npy",
            np.clip(scale_range(data, (0, 1, 2), 2.0, 98.0, eps=1e-3), 0.0, 1.0).astype(np.float32))
    np.save(OUT / "norm-scale-linear.npy", (data * 0.5 - 3.0).astype(np.float32))


if __name__ == "__main__":
    import sys
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["native_scan_reference"]:
        native_scan_reference()
        sys.exit()
    packages()
    postprocessed_packages()
    external_data_package()
    scan_reference()
    display_references()
    normalisation_references()
    native_scan_reference()
