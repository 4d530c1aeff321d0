#!/usr/bin/env python3
"""Writes the torch-made deconvnet projections that DeconvNetReferenceTest compares against.

make_fixtures.py runs it; alone, run it from the project root with Debian's torch (python3-torch,
python3-pil, python3-numpy):
    /usr/bin/python3 src/test/python/make_deconv_fixture.py

The projection (Zeiler & Fergus 2013, section 2.1) is computed here by autograd: torchvision's AlexNet
features are rebuilt from F.conv2d / F.max_pool2d with a ReLU whose backward pass is the deconvnet's
rectification, relu(grad), instead of grad * [x > 0]. Backpropagating a gradient that is zero everywhere
except the chosen unit at its position, where it equals the unit's activation, gives the projection in
input space: max-pool backward routes through the forward switches (unpooling), conv backward is the
transposed filtering, and the bias takes no part.

It also writes what OcclusionSensitivityTest checks: a unit's maximum over its feature map with a square of the
mean colour (zero after normalization) over the input, the occlusion experiment of section 4.2.

Writes to src/test/resources/org/convnetexplorer/deconv/:
  projections.csv   layer,unit,image,fy,fx,activation,max_abs,file
  NAME.f32          the projection cropped to the unit's receptive field in the 224x224 input
                    (3 x size x size, CHW, little-endian float32; zero where the field leaves the input)
  occlusion.csv     layer,unit,image,x0,y0,size,max_activation (x0 = y0 = -1: no occluder)
"""
import csv
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

FIXTURES = Path("src/test/fixtures")
WEIGHTS = FIXTURES / "weights/alexnet-features-seed0.pth"
IMAGES = FIXTURES / "images/natural224"
OUT = Path("src/test/resources/org/convnetexplorer/deconv")

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)

# (features index, stride, padding, pools after), as in torchvision's alexnet().features
LAYERS = {
    "conv1": (0, 4, 2, True),
    "conv2": (3, 1, 2, True),
    "conv3": (6, 1, 1, False),
    "conv4": (8, 1, 1, False),
    "conv5": (10, 1, 1, True),
}
# Receptive field at the 224 input: (jump, start, size)
FIELDS = {
    "conv1": (4, -2, 11),
    "conv2": (8, -18, 51),
    "conv3": (16, -34, 99),
    "conv4": (16, -50, 131),
    "conv5": (16, -66, 163),
}
# (layer, unit, image, size, [(x0, y0), ...]): occluder squares; (-1, -1) is the unoccluded image
OCCLUSIONS = [("conv5", 7, "astronaut_032.png", 32, [(-1, -1), (0, 0), (96, 96), (112, 128), (192, 192)])]
# (layer, unit, image): each unit's top-1 image (and conv2's and conv5's top-2) of the reference topk.csv
CASES = [
    ("conv1", 3, "hubble_deep_field_027.png"),
    ("conv2", 10, "astronaut_016.png"),
    ("conv2", 10, "astronaut_024.png"),
    ("conv3", 5, "astronaut_024.png"),
    ("conv5", 7, "astronaut_032.png"),
    ("conv5", 7, "astronaut_016.png"),
]


class DeconvRelu(torch.autograd.Function):
    """ReLU forward; the deconvnet's rectification of the signal coming down on the way back."""

    @staticmethod
    def forward(ctx, x):
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad):
        return grad.clamp(min=0)


def forward_to(x, weights, layer):
    """The ReLU output of `layer` for NCHW input x."""
    for name, (index, stride, padding, pools) in LAYERS.items():
        x = F.conv2d(x, weights[f"features.{index}.weight"], weights[f"features.{index}.bias"], stride, padding)
        x = DeconvRelu.apply(x)
        if name == layer:
            return x
        if pools:
            x = F.max_pool2d(x, 3, 2)
    raise ValueError(layer)


def normalized(path):
    pixels = torch.from_numpy(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32).copy())
    return ((pixels.permute(2, 0, 1) / 255 - MEAN) / STD).unsqueeze(0)


def crop(projection, layer, fy, fx):
    """The receptive field box of (fy, fx), zero outside the 224x224 input."""
    jump, start, size = FIELDS[layer]
    y0, x0 = start + jump * fy, start + jump * fx
    out = np.zeros((3, size, size), dtype=np.float32)
    ys, xs = max(0, y0), max(0, x0)
    ye, xe = min(224, y0 + size), min(224, x0 + size)
    out[:, ys - y0:ye - y0, xs - x0:xe - x0] = projection[:, ys:ye, xs:xe]
    return out


def main():
    weights = {k: v.float() for k, v in torch.load(WEIGHTS, map_location="cpu").items()}
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for layer, unit, image in CASES:
        x = normalized(IMAGES / image).requires_grad_(True)
        activation = forward_to(x, weights, layer)
        unit_map = activation[0, unit]
        flat = int(torch.argmax(unit_map.flatten()))  # first maximum in row-major order, as the scan picks it
        fy, fx = divmod(flat, unit_map.shape[1])
        signal = torch.zeros_like(activation)
        signal[0, unit, fy, fx] = activation[0, unit, fy, fx].detach()
        activation.backward(signal)
        projection = crop(x.grad[0].numpy(), layer, fy, fx)
        name = f"{layer}-u{unit}-{Path(image).stem}.f32"
        projection.astype("<f4").tofile(OUT / name)
        rows.append([layer, unit, image, fy, fx, repr(float(activation[0, unit, fy, fx])),
                     repr(float(np.abs(projection).max())), name])
    with open(OUT / "projections.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["layer", "unit", "image", "fy", "fx", "activation", "max_abs", "file"])
        writer.writerows(rows)


def occlusions():
    weights = {k: v.float() for k, v in torch.load(WEIGHTS, map_location="cpu").items()}
    rows = []
    with torch.no_grad():
        for layer, unit, image, size, corners in OCCLUSIONS:
            clean = normalized(IMAGES / image)
            for x0, y0 in corners:
                x = clean.clone()
                if x0 >= 0:
                    x[:, :, y0:y0 + size, x0:x0 + size] = 0
                value = float(forward_to(x, weights, layer)[0, unit].max())
                rows.append([layer, unit, image, x0, y0, size, repr(value)])
    with open(OUT / "occlusion.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["layer", "unit", "image", "x0", "y0", "size", "max_activation"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
    occlusions()
