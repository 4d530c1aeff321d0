#!/usr/bin/env python3
"""Torch references for deconvnet projections and guided backpropagation through ONNX models (ModelDeconvNetReferenceTest).

Run from the project root with Debian's torch 1.13 / torchvision 0.14:
    /usr/bin/python3 src/test/python/make_model_deconv_fixture.py

The networks are resnet18, googlenet, mobilenet_v2 and densenet121 of make_onnx_models.py, rebuilt here by its own functions (same
seeds, same BatchNorm randomisation), so they are the networks in resnet18.onnx, googlenet.onnx and mobilenet_v2.onnx
(densenet121.onnx: its transitions' average pools are passed as autograd's, their gradient).
The rules are torch autograd's with one change: every ReLU (torch.nn.functional.relu, which nn.ReLU and torchvision's
blocks call) is a function whose backward pass is the method's:
  deconvnet  relu(grad)                   (Zeiler & Fergus 2013: the signal rectified, whatever the forward pass did)
  guided     relu(grad) * [input > 0]     (Springenberg et al. 2014: also the ReLU's own gradient mask)
and so is every ReLU6 (torch.nn.functional.hardtanh from 0, which nn.ReLU6 calls; the ONNX model has it as Clip), its
guided mask being its own gradient's, [0 < input < 6], and every LeakyReLU (ops.onnx's act1): relu(grad), guided
times its gradient (1 where input > 0, else the slope), and every Hardswish (act2) likewise: relu(grad), guided times
its gradient (0 below -3, input / 3 + 1/2 up to 3, 1 above). ops.onnx's pool1 is an average pool with padding,
ceil_mode and count_include_pad, passed as autograd's.
Everything else is autograd's own backward: max-pools route each value to their window's first maximum (the forward
pass's switches), convolutions are transposed with the forward weights (the bias takes no part), BatchNorm in eval
mode scales by weight / sqrt(running_var + eps), additions pass the signal to both summands, concatenations cut it.

A selection is a unit at the first row-major maximum of its map in one image: the signal at the layer is zero except
there, where it is the unit's activation; its backward pass down to the normalised input is the projection.

Inputs: astronaut_000 (src/test/fixtures/reference/seed0-natural224/activations/astronaut_000-input-chw3x224x224.f32,
already there) and chelsea_001.png of src/test/fixtures/images/natural224 normalised as torchvision's ToTensor and
Normalize do, written here as chelsea_001-input.f32.gz.

Writes to src/test/resources/org/convnetexplorer/deconv/models/:
  projections.csv         model,layer,method,unit,image,fy,fx,activation,max_abs,file
  chelsea_001-input.f32.gz the second input (3x224x224 CHW float32 little-endian, gzip)
  FILE                    a projection: 3x224x224 CHW float32 little-endian, gzip
  hardtanh.onnx           a Conv and a Clip from -1 to 1 (torch's Hardtanh), output "clipped": a Clip whose backward
                          rule is refused (only a Clip from 0, as ReLU6, has one)
"""
import csv
import gzip
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).parent))
import make_onnx_models as onnx_models  # noqa: E402

FIRST = Path("src/test/fixtures/reference/seed0-natural224/activations/astronaut_000-input-chw3x224x224.f32")
SECOND = Path("src/test/fixtures/images/natural224/chelsea_001.png")
OUT = Path("src/test/resources/org/convnetexplorer/deconv/models")
IMAGES = ["astronaut_000", "chelsea_001"]

# (model, layer as make_onnx_models names it, module path whose output it is, image index, first unit tried)
CASES = [
    ("resnet18", "stem", "relu", 0, 3),
    ("resnet18", "layer1", "layer1", 1, 5),
    ("resnet18", "layer2", "layer2", 0, 7),
    ("resnet18", "layer3", "layer3", 1, 11),
    ("googlenet", "conv3", "conv3", 1, 4),
    ("googlenet", "inception3a", "inception3a", 0, 20),
    ("googlenet", "inception3b", "inception3b", 1, 100),
    ("mobilenet_v2", "features.0", "features.0", 0, 2),
    ("mobilenet_v2", "features.2.depthwise", "features.2.conv.1", 1, 9),
    ("mobilenet_v2", "features.7", "features.7", 0, 6),
    ("densenet121", "conv0", "features.relu0", 1, 3),
    ("densenet121", "transition1", "features.transition1", 0, 5),
    ("densenet121", "block2", "features.denseblock2", 1, 30),
    ("ops", "pad", "pad", 0, 1),
    ("ops", "act1", "act1", 1, 2),
    ("ops", "act2", "act2", 0, 4),
    ("ops", "pool1", "pool1", 1, 7),
]
METHODS = ["deconvnet", "guided"]
ORIGINAL_RELU = F.relu
ORIGINAL_HARDTANH = F.hardtanh
ORIGINAL_LEAKY_RELU = F.leaky_relu
ORIGINAL_HARDSWISH = F.hardswish


def rule(method):
    class Relu(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x.clamp(min=0)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            down = grad.clamp(min=0)
            return down if method == "deconvnet" else down * (x > 0).to(down.dtype)

    return lambda x, inplace=False: Relu.apply(x)


def relu6_rule(method):
    """ReLU6 (nn.ReLU6 calls F.hardtanh(x, 0, 6)) as a ReLU of the method; guided's mask is its gradient's: 0 < x < 6."""
    class Relu6(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, top):
            ctx.save_for_backward(x)
            ctx.top = top
            return x.clamp(min=0, max=top)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            down = grad.clamp(min=0)
            if method == "guided":
                down = down * ((x > 0) & (x < ctx.top)).to(down.dtype)
            return down, None

    def hardtanh(x, min_val=-1.0, max_val=1.0, inplace=False):
        if min_val != 0:
            raise ValueError("no rule for hardtanh from %g" % min_val)
        return Relu6.apply(x, max_val)

    return hardtanh


def rectifier(method, function, gradient):
    """A rectifier other than ReLU: function forward; backward relu(grad), guided times gradient(input)."""
    class Rectifier(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return function(x)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            down = grad.clamp(min=0)
            return down if method == "deconvnet" else down * gradient(x)

    return Rectifier.apply


def leaky_relu_rule(method):
    """LeakyReLU rectified as a ReLU; guided multiplies by its gradient, 1 where x > 0, else the negative slope."""
    def leaky_relu(x, negative_slope=0.01, inplace=False):
        return rectifier(method, lambda v: torch.where(v > 0, v, v * negative_slope),
                         lambda v: torch.where(v > 0, torch.ones_like(v), torch.full_like(v, negative_slope)))(x)

    return leaky_relu


def hardswish_rule(method):
    """Hardswish rectified as a ReLU; guided multiplies by its gradient as torch's hardswish_backward has it."""
    def hardswish(x, inplace=False):
        return rectifier(method, lambda v: v * (v + 3).clamp(0, 6) / 6,
                         lambda v: torch.where(v < -3, torch.zeros_like(v),
                                               torch.where(v <= 3, v / 3 + 0.5, torch.ones_like(v))))(x)

    return hardswish


def inputs():
    first = torch.from_numpy(np.fromfile(FIRST, dtype="<f4").reshape(1, 3, 224, 224))
    from PIL import Image
    import torchvision.transforms as T
    transform = T.Compose([T.ToTensor(), T.Normalize(onnx_models.MEAN, onnx_models.STD)])
    second = transform(Image.open(SECOND).convert("RGB")).unsqueeze(0).contiguous()
    return [first, second]


def model(name):
    make, seed = {"resnet18": (onnx_models.NarrowResNet18, 2), "googlenet": (onnx_models.NarrowGoogLeNet, 4),
                  "mobilenet_v2": (onnx_models.narrow_mobilenet_v2, 3),
                  "densenet121": (onnx_models.narrow_densenet121, 12), "ops": (onnx_models.OpsNet, 5)}[name]
    return onnx_models.make_model(make, seed, onnx_models.image_batch()).eval()


def layer_output(net, path, x):
    """The module's output on its first call (the stem's ReLU is called once; blocks' own ReLUs are others)."""
    seen = []
    handle = dict(net.named_modules())[path].register_forward_hook(lambda m, i, o: seen.append(o))
    try:
        net(x)
    finally:
        handle.remove()
    return seen[0]


def project(net, path, x, unit, method):
    """The projection of unit's first row-major maximum in image x, and (fy, fx, activation)."""
    torch.nn.functional.relu = rule(method)
    torch.nn.functional.hardtanh = relu6_rule(method)
    torch.nn.functional.leaky_relu = leaky_relu_rule(method)
    torch.nn.functional.hardswish = hardswish_rule(method)
    try:
        x = x.clone().requires_grad_(True)
        activation = layer_output(net, path, x)
        plane = activation[0, unit]
        flat = int(torch.argmax(plane.flatten()))
        fy, fx = divmod(flat, plane.shape[1])
        value = activation[0, unit, fy, fx].detach()
        signal = torch.zeros_like(activation)
        signal[0, unit, fy, fx] = value
        activation.backward(signal)
        return x.grad[0].detach().numpy().astype("<f4"), fy, fx, float(value)
    finally:
        torch.nn.functional.relu = ORIGINAL_RELU
        torch.nn.functional.hardtanh = ORIGINAL_HARDTANH
        torch.nn.functional.leaky_relu = ORIGINAL_LEAKY_RELU
        torch.nn.functional.hardswish = ORIGINAL_HARDSWISH


def firing_unit(net, path, x, first):
    """The first unit from `first` on (cyclically) whose map has a positive maximum in x."""
    with torch.no_grad():
        activation = layer_output(net, path, x)
    units = activation.shape[1]
    for k in range(units):
        u = (first + k) % units
        if float(activation[0, u].max()) > 0:
            return u
    raise ValueError(path + " fires nowhere")


def write_gz(path, array):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(np.ascontiguousarray(array, dtype="<f4").tobytes())


def write_hardtanh_model():
    torch.manual_seed(7)
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.Hardtanh()).eval()
    torch.onnx.export(net, torch.zeros(1, 3, 224, 224), str(OUT / "hardtanh.onnx"), opset_version=14,
                      input_names=["input"], output_names=["clipped"])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_hardtanh_model()
    images = inputs()
    write_gz(OUT / "chelsea_001-input.f32.gz", images[1][0].numpy())
    nets = {}
    rows = []
    for model_name, layer, path, image, first in CASES:
        net = nets.setdefault(model_name, model(model_name))
        unit = firing_unit(net, path, images[image], first)
        for method in METHODS:
            projection, fy, fx, value = project(net, path, images[image], unit, method)
            name = "%s-%s-%s-u%d.f32.gz" % (model_name, layer, method, unit)
            write_gz(OUT / name, projection)
            rows.append([model_name, layer, method, unit, IMAGES[image], fy, fx, "%.9g" % value,
                         "%.9g" % float(np.abs(projection).max()), name])
    with open(OUT / "projections.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "layer", "method", "unit", "image", "fy", "fx", "activation", "max_abs", "file"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
