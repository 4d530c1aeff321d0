#!/usr/bin/python3
"""Makes the inputs of scripts/bench-native (not a test fixture): a folder of synthetic 16-bit micrographs and a small
U-Net trained on them for a minute to tell cells from background, exported to ONNX with its layers as outputs.

usage: export-bench-unet.py OUT [--images N] [--size PX]
  OUT/unet.onnx          U-Net (1 channel in; 16, 32, 64 channels; two 2x2 max-pools, two 2x2 transposed
                         convolutions), opset 13, height and width open; layers enc1, enc2, bottom, dec2, dec1, mask
                         are graph outputs; trained on (v / 65535 - MEAN) / STD, so scan it with --mean 0.01 --std 0.02
  OUT/images/cellsNN.tif N 16-bit gray TIFFs of SIZE x SIZE: round and elongated cells of varied brightness with a
                         brighter rim, a slow background gradient, shot noise (camera-like, values ~100..4000)
  OUT/small/cellsNN.tif  the same kind at 384 x 384, for the tiled-against-untiled check
Seeded: the same files on every run (torch 1.13, numpy 1.24).
"""
import argparse
import math
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

MEAN, STD = 0.01, 0.02


def cells(rng, size):
    """A micrograph (uint16) and its cell mask (bool)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    signal = np.zeros((size, size), np.float32)
    mask = np.zeros((size, size), bool)
    count = int(rng.integers(40, 70) * (size / 512) ** 2)
    for _ in range(count):
        cy, cx = rng.uniform(0, size, 2)
        a = rng.uniform(6, 22)
        b = a * rng.uniform(0.45, 1.0)
        t = rng.uniform(0, math.pi)
        r = max(a, b) + 3
        y0, y1, x0, x1 = [int(max(0, min(size, v))) for v in (cy - r, cy + r + 1, cx - r, cx + r + 1)]
        if y0 >= y1 or x0 >= x1:
            continue
        dy, dx = yy[y0:y1, x0:x1] - cy, xx[y0:y1, x0:x1] - cx
        u = (dx * math.cos(t) + dy * math.sin(t)) / a
        v = (-dx * math.sin(t) + dy * math.cos(t)) / b
        d = np.sqrt(u * u + v * v)
        inside = d <= 1
        body = rng.uniform(300, 2500)
        shade = np.clip(1 - d, 0, 1) ** 0.3 * body + np.exp(-((d - 0.9) / 0.12) ** 2) * body * 0.6
        signal[y0:y1, x0:x1] = np.maximum(signal[y0:y1, x0:x1], shade * (d <= 1.15))
        mask[y0:y1, x0:x1] |= inside
    background = 150 + 60 * (xx / size) + 40 * (yy / size)
    photons = rng.poisson(np.maximum(signal + background, 0)).astype(np.float32)
    reads = rng.normal(0, 8, (size, size))
    return np.clip(photons + reads, 0, 65535).astype(np.uint16), mask


class UNet(nn.Module):
    def __init__(self):
        super().__init__()

        def block(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.ReLU(), nn.Conv2d(o, o, 3, padding=1), nn.ReLU())

        self.enc1, self.enc2, self.bottom = block(1, 16), block(16, 32), block(32, 64)
        self.up2, self.dec2 = nn.ConvTranspose2d(64, 32, 2, stride=2), block(64, 32)
        self.up1, self.dec1 = nn.ConvTranspose2d(32, 16, 2, stride=2), block(32, 16)
        self.head = nn.Conv2d(16, 1, 1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        b = self.bottom(self.pool(e2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return e1, e2, b, d2, d1, self.head(d1)


def normalised(image):
    return (torch.from_numpy(image.astype(np.float32)) / 65535 - MEAN) / STD


def train(rng, steps):
    torch.manual_seed(0)
    model = UNet()
    optimiser = torch.optim.Adam(model.parameters(), 2e-3)
    loss = nn.BCEWithLogitsLoss()
    pool = [cells(rng, 256) for _ in range(24)]
    for step in range(steps):
        batch = [pool[i] for i in rng.integers(0, len(pool), 8)]
        crops = []
        for image, mask in batch:
            y, x = rng.integers(0, 256 - 128, 2)
            crops.append((normalised(image[y:y + 128, x:x + 128]), torch.from_numpy(mask[y:y + 128, x:x + 128])))
        x = torch.stack([c[0] for c in crops])[:, None]
        target = torch.stack([c[1] for c in crops])[:, None].float()
        value = loss(model(x)[-1], target)
        optimiser.zero_grad()
        value.backward()
        optimiser.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"step {step}: loss {value.item():.4f}", flush=True)
    return model.eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--images", type=int, default=8)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    torch.set_num_threads(2)
    rng = np.random.default_rng(0)
    model = train(rng, args.steps)
    names = ["enc1", "enc2", "bottom", "dec2", "dec1", "mask"]
    axes = {n: {2: "height", 3: "width"} for n in ["input"] + names}
    args.out.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, 1, 64, 64), str(args.out / "unet.onnx"), opset_version=13,
                      input_names=["input"], output_names=names, dynamic_axes=axes)
    for folder, count, size in (("images", args.images, args.size), ("small", 3, 384)):
        (args.out / folder).mkdir(exist_ok=True)
        for i in range(count):
            Image.fromarray(cells(rng, size)[0]).save(args.out / folder / f"cells{i:02d}.tif")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
