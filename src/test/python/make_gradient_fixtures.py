#!/usr/bin/env python3
"""Torch autograd references for feature visualisation's gradients (org.convnetexplorer.visualize).

Run from the project root with Debian's torch 1.13 / torchvision 0.14:
    /usr/bin/python3 src/test/python/make_gradient_fixtures.py

For one fixed image (src/test/fixtures/reference/seed0-natural224/activations/astronaut_000-input-chw3x224x224.f32,
the normalised astronaut_000.png) and one unit of a layer, writes the gradient of the unit's objective with respect to
the normalised input, CHW float32 little-endian, gzip-compressed, to src/test/resources/org/convnetexplorer/visualize/:
  gradient-MODEL-LAYER-OBJECTIVE-uUNIT.f32.gz

Objectives as ObjectiveHead defines them: "channel" is the unit's mean over the feature map, "neuron" its value at
(H // 2, W // 2); where the layer's last operation is a ReLU (not ReLU6) and the unit fires nowhere (neuron: not at
the centre), the value before the ReLU instead.
Models: the built-in AlexNet with the seed-0 weights (src/test/fixtures/weights/alexnet-features-seed0.pth), and
resnet18 and mobilenet_v2 of make_onnx_models.py, rebuilt here by its own functions (same seeds, same BatchNorm
randomisation), so they are the networks in resnet18.onnx and mobilenet_v2.onnx.
"""
import gzip
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, str(Path(__file__).parent))
import make_onnx_models as onnx_models  # noqa: E402

INPUT = Path("src/test/fixtures/reference/seed0-natural224/activations/astronaut_000-input-chw3x224x224.f32")
SEED0 = Path("src/test/fixtures/weights/alexnet-features-seed0.pth")
OUT = Path("src/test/resources/org/convnetexplorer/visualize")


def image():
    return torch.from_numpy(np.fromfile(INPUT, dtype="<f4").reshape(1, 3, 224, 224))


def objective(values, kind, unit, relu):
    """values: the layer before its ReLU where relu, else the layer. The ReLU's output where the unit fires (anywhere
    for channel, at the centre for neuron), else the value before it."""
    plane = values[0, unit]
    if kind == "neuron":
        plane = plane[plane.shape[0] // 2: plane.shape[0] // 2 + 1, plane.shape[1] // 2: plane.shape[1] // 2 + 1]
    if relu and bool((plane > 0).any()):
        plane = torch.relu(plane)
    return plane.mean()


def alexnet_pre_relu(layer_index):
    """The seed-0 AlexNet features up to the conv before the ReLU at layer_index (conv1..conv5: 1, 4, 7, 9, 11)."""
    model = torchvision.models.alexnet()
    model.features.load_state_dict({k[len("features."):]: v for k, v in torch.load(SEED0).items()})
    return model.features[:layer_index].eval()


def captured_input(model, module_path, call):
    """A function of the input: what module_path receives on its call-th call (a ReLU's input: before it)."""
    module = dict(model.named_modules())[module_path]
    seen = []
    module.register_forward_pre_hook(lambda m, inputs: seen.append(inputs[0]))

    def run(x):
        seen.clear()
        model(x)
        return seen[call]
    return run


def captured_output(model, module_path):
    module = dict(model.named_modules())[module_path]
    seen = []
    module.register_forward_hook(lambda m, inputs, output: seen.append(output))

    def run(x):
        seen.clear()
        model(x)
        return seen[0]
    return run


def onnx_model(name):
    make, seed = {"resnet18": (onnx_models.NarrowResNet18, 2), "mobilenet_v2": (onnx_models.narrow_mobilenet_v2, 3)}[name]
    model = onnx_models.make_model(make, seed, onnx_models.image_batch())
    for module in model.modules():
        if isinstance(module, nn.ReLU):
            module.inplace = False  # the value before a ReLU must survive it
    return model


def write(name, layer, kind, unit, values_of, relu=True):
    x = image().requires_grad_(True)
    objective(values_of(x), kind, unit, relu).backward()
    gradient = x.grad.detach().numpy().astype("<f4")
    path = OUT / f"gradient-{name}-{layer}-{kind}-u{unit}.f32.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(gradient.tobytes())
    print(path, path.stat().st_size, "range", float(gradient.max() - gradient.min()))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    torch.set_grad_enabled(True)
    write("alexnet", "conv3", "channel", 17, alexnet_pre_relu(7))
    write("alexnet", "conv5", "neuron", 7, alexnet_pre_relu(11))
    resnet = onnx_model("resnet18").eval()
    # layer3's output is its last BasicBlock's ReLU of (branch + shortcut); that ReLU module runs twice per block
    write("resnet18", "layer3", "channel", 5, captured_input(resnet, "layer3.1.relu", 1))
    mobilenet = onnx_model("mobilenet_v2").eval()
    write("mobilenet_v2", "features.2.depthwise", "channel", 3, captured_output(mobilenet, "features.2.conv.1"),
          relu=False)


if __name__ == "__main__":
    main()
