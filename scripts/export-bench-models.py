#!/usr/bin/env python3
"""Exports the full-width models scripts/bench-models measures, with seeded random weights (no download).

    /usr/bin/python3 scripts/export-bench-models.py OUT_DIR

Writes into OUT_DIR (Debian's python3-torch 1.13 and python3-torchvision 0.14):
  alexnet.onnx    torchvision's AlexNet, its `features` only (conv1..conv5 and their pools), batch 1 as
                  torch.onnx.export writes by default; node names as Netron shows them (/features/features.1/Relu)
  alexnet.pth     the same weights as a state dict (features.* only), for the built-in AlexNet
  resnet18.onnx   torchvision's resnet18, whole, batch 1; eval mode, so torch folds each BatchNorm into its Conv
  layers.txt      MODEL NAME,NAME,...: the layers each model is scanned at (AlexNet's five ReLUs; resnet18: empty,
                  the engine's default layers)
"""
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torchvision

SIZE = 224
OPSET = 13


class AlexNetFeatures(nn.Module):
    """AlexNet up to conv5's ReLU (its last max-pool dropped): the part the built-in AlexNet computes."""

    def __init__(self, alexnet):
        super().__init__()
        self.features = alexnet.features[:12]

    def forward(self, x):
        return self.features(x)


def export(model, path):
    torch.onnx.export(model.eval(), torch.zeros(1, 3, SIZE, SIZE), str(path), opset_version=OPSET,
                      input_names=["input"], output_names=["output"], do_constant_folding=True)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(12)
    alexnet = torchvision.models.alexnet(weights=None).eval()
    features = AlexNetFeatures(alexnet)
    torch.save({k: v for k, v in alexnet.state_dict().items() if k.startswith("features.")}, out / "alexnet.pth")
    export(features, out / "alexnet.onnx")
    torch.manual_seed(18)
    export(torchvision.models.resnet18(weights=None), out / "resnet18.onnx")
    relus = [f"/features/features.{i}/Relu" for i in (1, 4, 7, 9, 11)]
    (out / "layers.txt").write_text("alexnet " + ",".join(relus) + "\nresnet18 \n")


if __name__ == "__main__":
    main()
