#!/usr/bin/env python3
"""Fixtures for scanning at each image's own size (--input-size native): a small fully convolutional ONNX model, the
same for 2 channels and with a fixed input, 16-bit and 32-bit TIFFs of different sizes, an ImageJ hyperstack, and
torch's references at native size.

Run from the project root with Debian's torch (python3-torch):
    /usr/bin/python3 src/test/python/make_native_fixtures.py

Writes to src/test/resources/org/convnetexplorer/native/:
  fcn1.onnx, fcn2.onnx  Fcn(1 or 2 input channels), opset 13, batch, height and width dynamic; layers as graph
                        outputs c1 (3x3 conv, jump 1), c2 (after a 2x2 max-pool, jump 2), c3 (after another, jump 4,
                        5x5 conv: field 26 px)
  fcn1_fixed.onnx       fcn1's weights with a fixed 64x64 input (refused for native scans)
  images/*.tif          16-bit gray TIFFs of 97x75, 150x122 and 64x180 pixels, a 32-bit float one of 81x66, and
                        stack.tif: an ImageJ hyperstack of 2 channels x 3 slices of 90x70, 16-bit (one image
                        directory; planes in ImageJ's order, channel fastest)
  maxima.csv            model,image,channels,plane,layer,unit,max,fy,fx,ties: torch's per-unit maximum over the whole
                        image at its own size and its first row-major position; ties: every position "fy:fx" within
                        1e-5 relative of the maximum. Input: each sample v as float32 divided by the type's range
                        (65535 for 16-bit, 1 for 32-bit float), mean 0, std 1
  maxima-scale-range.csv  as maxima.csv for fcn1 and the 16-bit gray TIFFs normalised by bioimage.io's scale_range
                        (percentiles 1 and 99.8 of the whole image's raw samples, numpy's linear method, eps 1e-6,
                        float64 then float32), as --normalize scale_range:1,99.8 gives them (scale_range_maxima)
  scale-range-display.csv  image,low,high: those percentiles, the samples its patches show black and white
  perimage.csv          model,image,layer,unit,rank,value,fy,fx: torch's winners with at most 3 per image (greedy:
                        highest first, then the highest whose field overlaps none chosen by more than half of the
                        smaller field's area; ties by row-major position; value > 0)
"""
import csv
import struct
from pathlib import Path

import torch
import torch.nn as nn

OUT = Path("src/test/resources/org/convnetexplorer/native")
TIE = 1e-5
PER_IMAGE = 3
# (jump, start, size) of each layer's fields, by hand from Fcn's geometry
FIELDS = {"c1": (1, -1, 3), "c2": (2, -3, 8), "c3": (4, -11, 26)}


class Fcn(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 6, 3, padding=1)
        self.conv2 = nn.Conv2d(6, 8, 3, padding=1)
        self.conv3 = nn.Conv2d(8, 10, 5, padding=2)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        c1 = torch.relu(self.conv1(x))
        c2 = torch.relu(self.conv2(self.pool(c1)))
        c3 = torch.relu(self.conv3(self.pool(c2)))
        return c1, c2, c3


def make_fcn(channels, seed):
    torch.manual_seed(seed)
    model = Fcn(channels).eval()
    with torch.no_grad():  # biases that leave most units alive on [0, 1] inputs
        for conv in (model.conv1, model.conv2, model.conv3):
            conv.bias.uniform_(-0.05, 0.1)
    return model


def export(model, channels, name, dynamic):
    axes = {n: {0: "batch", 2: "height", 3: "width"} for n in ["input", "c1", "c2", "c3"]} if dynamic else None
    torch.onnx.export(model, torch.zeros(1, channels, 64, 64), str(OUT / name), opset_version=13,
                      input_names=["input"], output_names=["c1", "c2", "c3"], dynamic_axes=axes)


def smooth_noise(generator, planes, height, width):
    """Blobs: seeded noise, smoothed, in [0, 1]."""
    noise = torch.rand(planes, 1, height + 8, width + 8, generator=generator)
    smooth = nn.functional.avg_pool2d(noise, 9, stride=1)
    low, high = smooth.amin(dim=(2, 3), keepdim=True), smooth.amax(dim=(2, 3), keepdim=True)
    return ((smooth - low) / (high - low)).view(planes, height, width)


def write_tiff(path, planes, sample_format, description=None):
    """Classic little-endian TIFF, one image directory, every plane after it in one contiguous strip run."""
    count, height, width = planes.shape
    bits = 16 if sample_format == 1 else 32
    data = planes.numpy().astype("<u2" if bits == 16 else "<f4").tobytes()
    desc = (description + "\0").encode("ascii") if description else None
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, bits), (259, 3, 1, 1), (262, 3, 1, 1)]
    if desc:
        entries.append((270, 2, len(desc), None))
    entries += [(273, 4, 1, None), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, height * width * bits // 8),
                (339, 3, 1, sample_format)]
    ifd_size = 2 + 12 * len(entries) + 4
    desc_offset = 8 + ifd_size
    data_offset = desc_offset + (len(desc) if desc else 0)
    out = bytearray(b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
    for tag, kind, n, value in entries:
        if tag == 270:
            value = desc_offset
        if tag == 273:
            value = data_offset
        out += struct.pack("<HHI", tag, kind, n)
        out += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
    out += struct.pack("<I", 0)
    if desc:
        out += desc
    path.write_bytes(bytes(out) + data)


def make_images(generator):
    """name -> (CHW float32 input as the Java scan makes it, channels text, plane); writes the TIFFs."""
    images = OUT / "images"
    images.mkdir(parents=True, exist_ok=True)
    inputs = {}
    for name, (w, h) in {"a97x75.tif": (97, 75), "b150x122.tif": (150, 122), "c64x180.tif": (64, 180)}.items():
        v = (smooth_noise(generator, 1, h, w) * 60000 + 500).round().to(torch.int32)
        write_tiff(images / name, v, 1)
        inputs[name] = v.to(torch.float32) / torch.tensor(65535.0)
    v = smooth_noise(generator, 1, 66, 81) * 2.5 - 0.5
    write_tiff(images / "d81x66-float.tif", v, 3)
    inputs["d81x66-float.tif"] = v
    stack = (smooth_noise(generator, 6, 70, 90) * 50000 + 1000).round().to(torch.int32)  # (slice, channel) order
    write_tiff(images / "stack.tif", stack, 1,
               "ImageJ=1.54f\nimages=6\nchannels=2\nslices=3\nhyperstack=true\nmode=composite\n")
    planes = stack.to(torch.float32) / torch.tensor(65535.0)
    return inputs, planes


def maxima_rows(model_name, image, channels, plane, outputs):
    rows = []
    for layer, act in zip(["c1", "c2", "c3"], outputs):
        c, h, w = act.shape[1:]
        flat = act[0].reshape(c, h * w)
        for u in range(c):
            m = flat[u].max().item()
            first = int(torch.argmax(flat[u]).item())
            ties = [p for p in range(h * w) if flat[u, p].item() >= m - TIE * abs(m)]
            rows.append([model_name, image, channels, plane, layer, u, repr(m), first // w, first % w,
                         " ".join("%d:%d" % (p // w, p % w) for p in ties) if m > 0 else "*"])
    return rows


def overlap_more_than_half(a, b, jump, size):
    """Fields of one layer at map positions a and b (fy, fx): intersection area > half of the field's area."""
    dy = max(0, size - abs(a[0] - b[0]) * jump)
    dx = max(0, size - abs(a[1] - b[1]) * jump)
    return 2 * dy * dx > size * size


def per_image_rows(model_name, image, outputs):
    rows = []
    for layer, act in zip(["c1", "c2", "c3"], outputs):
        jump, _, size = FIELDS[layer]
        c, h, w = act.shape[1:]
        for u in range(c):
            flat = act[0, u].reshape(-1)
            order = sorted(range(h * w), key=lambda p: (-flat[p].item(), p))
            chosen = []
            for p in order:
                if len(chosen) == PER_IMAGE or not flat[p].item() > 0:
                    break
                here = (p // w, p % w)
                if all(not overlap_more_than_half(here, other, jump, size) for other in chosen):
                    chosen.append(here)
            for rank, (fy, fx) in enumerate(chosen, 1):
                rows.append([model_name, image, layer, u, rank, repr(act[0, u, fy, fx].item()), fy, fx])
    return rows


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    fcn1, fcn2 = make_fcn(1, 0), make_fcn(2, 1)
    export(fcn1, 1, "fcn1.onnx", True)
    export(fcn2, 2, "fcn2.onnx", True)
    export(fcn1, 1, "fcn1_fixed.onnx", False)
    inputs, planes = make_images(torch.Generator().manual_seed(23))
    maxima, winners = [], []
    with torch.no_grad():
        for name, x in inputs.items():
            outputs = fcn1(x.unsqueeze(0))
            maxima += maxima_rows("fcn1", name, "", 0, outputs)
            if name != "d81x66-float.tif":
                winners += per_image_rows("fcn1", name, outputs)
        # stack.tif: channel 1 of slice 2 into fcn1; channels 0,1 of slice 1 into fcn2
        maxima += maxima_rows("fcn1", "stack.tif", "1", 2, fcn1(planes[2 * 2 + 1].view(1, 1, 70, 90)))
        maxima += maxima_rows("fcn2", "stack.tif", "0 1", 1, fcn2(planes[2:4].view(1, 2, 70, 90)))
    write(OUT / "maxima.csv", ["model", "image", "channels", "plane", "layer", "unit", "max", "fy", "fx", "ties"],
          maxima)
    write(OUT / "perimage.csv", ["model", "image", "layer", "unit", "rank", "value", "fy", "fx"], winners)
    for f in sorted(OUT.rglob("*")):
        print(f.relative_to(OUT), f.stat().st_size)


def scale_range_maxima():
    """maxima-scale-range.csv from the TIFFs and fcn1.onnx main() wrote (read back, not remade)."""
    import numpy as np
    import onnx
    from onnx import numpy_helper
    from PIL import Image
    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())
               for t in onnx.load(str(OUT / "fcn1.onnx")).graph.initializer}
    fcn1 = Fcn(1).eval()
    fcn1.load_state_dict(weights)
    rows, ranges = [], []
    with torch.no_grad():
        for name in ["a97x75.tif", "b150x122.tif", "c64x180.tif"]:
            raw = np.array(Image.open(OUT / "images" / name)).astype(np.float64)
            low, high = np.percentile(raw, 1), np.percentile(raw, 99.8)
            ranges.append([name, repr(low), repr(high)])
            x = ((raw - low) / (high - low + 1e-6)).astype(np.float32)
            rows += maxima_rows("fcn1", name, "", 0, fcn1(torch.from_numpy(x).view(1, 1, *x.shape)))
    write(OUT / "maxima-scale-range.csv", ["model", "image", "channels", "plane", "layer", "unit", "max", "fy", "fx",
                                           "ties"], rows)
    write(OUT / "scale-range-display.csv", ["image", "low", "high"], ranges)


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["scale_range_maxima"]:
        scale_range_maxima()
    else:
        main()
        scale_range_maxima()
