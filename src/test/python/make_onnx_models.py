#!/usr/bin/env python3
"""Exports narrowed torchvision classifiers to ONNX and writes torch's references for the ONNX engine's tests.

Run from the project root with Debian's torch 1.13 / torchvision 0.14 (python3-torch, python3-torchvision):
    /usr/bin/python3 src/test/python/make_onnx_models.py
(`... make_onnx_models.py only NAME...` remakes those models and their rows, keeping the other models' rows.)

Each model keeps torchvision's topology and operators (built from torchvision's own classes and blocks) but fewer
channels, so that all of them stay small. Weights are torch's default initialisation under a fixed seed; every
BatchNorm then gets a random weight and bias and running statistics near the test batch's own, randomly
perturbed (so that folding them matters, and few units die or saturate). The chosen layers are
exported as extra named graph outputs (named like the CSV's layer column), so the tests can ask for them by those
names.

Writes to src/test/resources/org/convnetexplorer/onnx/:
  MODEL.onnx          alexnet (opset 11), vgg11 (12), resnet18 (13), mobilenet_v2 (14), googlenet (17): batch 1;
                      resnet18 and googlenet keep their BatchNormalization nodes (the others: folded by torch);
                      ops (14, dynamic batch): operators and attributes the others lack (OpsNet);
                      modern (13, dynamic batch): operators of later architectures (ModernOpsNet);
                      alexnet_dynamic (13): same weights as alexnet, dynamic batch axis, flattened with
                      x.view(x.size(0), -1), which torch writes as Shape/Gather/Unsqueeze/Concat/Reshape;
                      efficientnet_b0 (13, dynamic), mobilenet_v3_large (17), regnet_y_400mf (14), shufflenet_v2
                      (13, dynamic), convnext_tiny (13; and convnext_tiny_opset17_dynamic: 17, dynamic, same weights
                      and rows), densenet121 (17): later torchvision architectures, narrowed
  layers.csv          model,layer,units,map_h,map_w: the chosen layers and their output shapes at 224x224
  maxima.csv          model,layer,image,unit,max,argmax,ties: torch's per-unit spatial maximum of each test image
                      (batch of all IMAGES at once), its first row-major position, and every position whose value
                      is within 1e-5 relative of the maximum (space separated; equal ties included; "*" where the maximum is 0: any zero position)
  fields.csv          model,layer,unit,fy,fx,y0,y1,x0,x1: the bounding box (half-open, input pixels, clipped to the
                      224x224 input) of the support of d unit(fy,fx) / d input in a positive linear copy of the
                      model (max-pool as average pool of the same geometry, activations as identity, |weights|,
                      BatchNorm scale |gamma / sqrt(var + eps)|), in float64: measured, independent of the analytic
                      fields; squeeze-and-excitation gates held constant there (a gated unit's support is its
                      ungated path's); empty y0..x1 where the unit sees only padding

With the argument `natural224` (or none), also, from the photos of src/test/fixtures/images/natural224 (torchvision's
ToTensor and Normalize, no resizing: what the CLI feeds a 224x224 model):
  topk-natural224.csv model,layer,unit,rank,image,activation,fy,fx: torch's top 12 images per unit (one position per
                      image, its first row-major maximum; activation > 0; ties by image name) of resnet18's chosen
                      layers and three of googlenet's (whose Inception units have fields of different sizes); the
                      CLI's topk.csv keeps the first 9, the rest show where a near-tie may swap in
  alexnet_features.onnx torchvision's alexnet().features with the seed-0 weights of
                      src/test/fixtures/weights/alexnet-features-seed0.pth (opset 13, batch 1), its ReLU outputs as
                      graph outputs conv1..conv5 and its last max-pool as pool5: the built-in AlexNet through ONNX

With the argument `segmentation` (alone), instead: unet_transposed and unet_bilinear (NarrowUNet, 1 channel, at 64x64
and channel 0 of the test images), fcn_resnet50 (FcnOut, at 96x96) and transposed_ops (TransposedOps, 1 channel, at
32x32), dynamic batch, height and width, with
segmentation-layers.csv, segmentation-maxima.csv (as above) and segmentation-fields.csv (model,height,width, then
as fields.csv, measured at the test size and at a second, non-square one).

The test images are made here from integer arithmetic alone (image_bytes), so the Java test can make the same
uint8 pixels and normalise them with the same float32 operations.
"""
import csv
from pathlib import Path

import torch
import torch.nn as nn
import importlib
from torchvision.models import mobilenetv2 as tv_mobilenet
from torchvision.models import resnet as tv_resnet
from torchvision.models import vgg as tv_vgg
from torchvision.ops.misc import Conv2dNormActivation

# torchvision.models.alexnet and .googlenet are the builder functions; the modules hold the classes.
tv_alexnet = importlib.import_module("torchvision.models.alexnet")
tv_googlenet = importlib.import_module("torchvision.models.googlenet")

OUT = Path("src/test/resources/org/convnetexplorer/onnx")
SIZE = 224
IMAGES = 4
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
TIE = 1e-5


def image_bytes(index):
    """uint8 CHW pixels of test image `index`: smooth ramps, blocks and a hashed texture, integers only."""
    y = torch.arange(SIZE, dtype=torch.int64).view(SIZE, 1)
    x = torch.arange(SIZE, dtype=torch.int64).view(1, SIZE)
    channels = []
    for c in range(3):
        v = ((x * (index + 2) + y * (3 - c) + (x // 32) * (y // 32) * (31 + 7 * index)
              + ((x * 131 + y * 71 + c * 17 + index * 29) ^ (y * 13 + x)) % 61 + 40 * c + 53 * index) % 256)
        channels.append(v)
    return torch.stack(channels).to(torch.uint8)


def image_batch():
    """The normalised float32 batch: (v / 255 - mean) / std, each step in float32 as the Java test does it."""
    images = torch.stack([image_bytes(i) for i in range(IMAGES)]).to(torch.float32)
    mean = torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(STD, dtype=torch.float32).view(1, 3, 1, 1)
    return (images / torch.tensor(255.0, dtype=torch.float32) - mean) / std


def randomize_batchnorm(model, batch, generator):
    """Random BatchNorm parameters and statistics near the batch's own, so that few units die or saturate."""
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    for m in norms:
        m.weight.data.copy_(torch.rand(m.num_features, generator=generator) + 0.5)
        m.bias.data.copy_(torch.randn(m.num_features, generator=generator) * 0.2)
        m.momentum = 1.0  # the next forward pass sets the running statistics to the batch's
        m.train()
    with torch.no_grad():
        model(batch)
    for m in norms:
        n = m.num_features
        m.running_mean.add_(torch.randn(n, generator=generator) * 0.2 * m.running_var.sqrt())
        m.running_var.mul_(torch.rand(n, generator=generator) + 0.6)
        m.momentum = 0.1
        m.eval()


# ---- narrowed torchvision models -------------------------------------------------------------------------------

def narrow_alexnet():
    model = tv_alexnet.AlexNet(num_classes=10)
    model.features = nn.Sequential(
        nn.Conv2d(3, 16, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(16, 24, kernel_size=5, padding=2), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(24, 32, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(32, 32, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(32, 32, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2))
    model.classifier = nn.Sequential(
        nn.Dropout(), nn.Linear(32 * 6 * 6, 64), nn.ReLU(inplace=True),
        nn.Dropout(), nn.Linear(64, 64), nn.ReLU(inplace=True), nn.Linear(64, 10))
    return model


class ViewFlattenAlexNet(tv_alexnet.AlexNet):
    """AlexNet flattened as older code does, x.view(x.size(0), -1): the exporter's Shape/Gather/Unsqueeze pattern."""

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.classifier(x.view(x.size(0), -1))


def narrow_vgg11():
    cfg = [8, "M", 16, "M", 32, 32, "M", 32, 32, "M", 32, 32, "M"]
    model = tv_vgg.VGG(tv_vgg.make_layers(cfg, batch_norm=False), num_classes=10)
    model.classifier = nn.Sequential(
        nn.Linear(32 * 7 * 7, 64), nn.ReLU(True), nn.Dropout(),
        nn.Linear(64, 64), nn.ReLU(True), nn.Dropout(), nn.Linear(64, 10))
    return model


class NarrowResNet18(tv_resnet.ResNet):
    """torchvision's ResNet-18 (BasicBlock, [2, 2, 2, 2]) with widths 8, 16, 32, 64 instead of 64..512."""

    def __init__(self, widths=(8, 16, 32, 64), num_classes=10):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = widths[0]
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(tv_resnet.BasicBlock, widths[0], 2)
        self.layer2 = self._make_layer(tv_resnet.BasicBlock, widths[1], 2, stride=2)
        self.layer3 = self._make_layer(tv_resnet.BasicBlock, widths[2], 2, stride=2)
        self.layer4 = self._make_layer(tv_resnet.BasicBlock, widths[3], 2, stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3], num_classes)


def narrow_mobilenet_v2():
    model = tv_mobilenet.MobileNetV2(num_classes=10, width_mult=0.25)
    # torchvision keeps the last 1x1 conv at 1280 channels whatever the width: narrowed too.
    inputs = model.features[-1][0].in_channels
    model.features[-1] = Conv2dNormActivation(inputs, 64, kernel_size=1, norm_layer=nn.BatchNorm2d,
                                              activation_layer=nn.ReLU6)
    model.classifier[1] = nn.Linear(64, 10)
    return model


class NarrowGoogLeNet(tv_googlenet.GoogLeNet):
    """torchvision's GoogLeNet (BasicConv2d, Inception, its ceil-mode pools) with a quarter of the channels."""

    def __init__(self, num_classes=10):
        nn.Module.__init__(self)
        conv, inception = tv_googlenet.BasicConv2d, tv_googlenet.Inception
        self.aux_logits = False
        self.transform_input = False
        self.conv1 = conv(3, 16, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.conv2 = conv(16, 16, kernel_size=1)
        self.conv3 = conv(16, 48, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a = inception(48, 16, 24, 32, 4, 8, 8)
        self.inception3b = inception(64, 32, 32, 48, 8, 24, 16)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a = inception(120, 48, 24, 52, 4, 12, 16)
        self.inception4b = inception(128, 40, 28, 56, 6, 16, 16)
        self.inception4c = inception(128, 32, 32, 64, 6, 16, 16)
        self.inception4d = inception(128, 28, 36, 72, 8, 16, 16)
        self.inception4e = inception(132, 64, 40, 80, 8, 32, 32)
        self.maxpool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.inception5a = inception(208, 64, 40, 80, 8, 32, 32)
        self.inception5b = inception(208, 96, 48, 96, 12, 32, 32)
        self.aux1 = None
        self.aux2 = None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=0.2)
        self.fc = nn.Linear(256, num_classes)


class SqueezeExcite(nn.Module):
    """x times a per-channel gate computed from x's spatial mean: each unit then depends on the whole input."""

    def __init__(self, channels):
        super().__init__()
        self.squeeze = nn.Conv2d(channels, channels, 1)
        self.gate = nn.Sigmoid()

    def forward(self, x):
        return x * self.gate(self.squeeze(x.mean((2, 3), keepdim=True)))


class OpsNet(nn.Module):
    """Operators and attributes the torchvision models above do not use: asymmetric and reflection padding, dilation,
    groups, per-axis strides, average pools with ceil_mode and both count_include_pad settings, LeakyReLU, Hardswish,
    Hardsigmoid, Tanh, Sub and Div by constants, and a squeeze-and-excitation gate (whose units have no box field)."""

    def __init__(self):
        super().__init__()
        self.pad = nn.ZeroPad2d((1, 2, 0, 1))
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, dilation=2)
        self.act1 = nn.LeakyReLU(0.1)
        self.conv2 = nn.Conv2d(8, 12, 3, padding=(1, 2), groups=4)
        self.act2 = nn.Hardswish()
        self.pool1 = nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=True)
        self.reflect = nn.ReflectionPad2d(1)
        self.conv3 = nn.Conv2d(12, 12, 3, stride=(1, 2))
        self.act3 = nn.Hardsigmoid()
        self.pool2 = nn.AvgPool2d(2, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        self.conv4 = nn.Conv2d(12, 16, 3, padding=1, groups=2)
        self.act4 = nn.Tanh()
        self.pool3 = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.se = SqueezeExcite(16)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.act1(self.conv1(self.pad(x)))
        x = self.pool1(self.act2(self.conv2(x)))
        x = (self.act3(self.conv3(self.reflect(x))) - 0.5) / 2
        x = self.pool3(self.act4(self.conv4(self.pool2(x))))
        x = self.se(x)
        return self.fc(x.mean((2, 3)))


class ChannelsFirstLayerNorm(nn.Module):
    """ConvNeXt's LayerNorm over the channels of NCHW data, written out: opset 13 has it as ReduceMean, Sub, Pow, Sqrt,
    Div over channels."""

    def __init__(self, channels, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(1 + 0.1 * torch.randn(channels))
        self.bias = nn.Parameter(0.1 * torch.randn(channels))
        self.eps = eps

    def forward(self, x):
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + self.eps)
        return self.weight[:, None, None] * x + self.bias[:, None, None]


class ChannelSplit(nn.Module):
    """ShuffleNetV2's split: half the channels pass, the other half go through a branch (Split of computed data)."""

    def __init__(self, channels):
        super().__init__()
        self.half = channels // 2
        self.branch = nn.Sequential(nn.Conv2d(self.half, self.half, 3, padding=1), nn.ReLU())

    def forward(self, x):
        a, b = torch.split(x, [self.half, self.half], dim=1)
        return torch.cat((a, self.branch(b)), 1)


class ChannelShuffle(nn.Module):
    """ShuffleNetV2's channel shuffle (torchvision's channel_shuffle): Reshape to groups, Transpose, Reshape back."""

    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        b, c, h, w = x.size()
        x = x.view(b, self.groups, c // self.groups, h, w)
        return torch.transpose(x, 1, 2).contiguous().view(b, -1, h, w)


class ChannelSlice(nn.Module):
    """A range of channels of computed data (Slice)."""

    def __init__(self, start, end):
        super().__init__()
        self.start, self.end = start, end

    def forward(self, x):
        return x[:, self.start:self.end]


class SingleConcat(nn.Module):
    """DenseNet's torch.cat of a one-tensor list: a Concat of one input."""

    def forward(self, x):
        return torch.cat([x], 1)


class ModernOpsNet(nn.Module):
    """Operators of later architectures: GELU (Erf), a channels-first LayerNorm (ReduceMean, Sub, Pow, Sqrt, Div over
    channels), a channel split (Split), a channel shuffle, a Slice of channels, a Concat of one input, Softmax over
    channels."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.gelu = nn.GELU()
        self.norm = ChannelsFirstLayerNorm(16)
        self.split = ChannelSplit(16)
        self.shuffle = ChannelShuffle(2)
        self.slice = ChannelSlice(4, 12)
        self.single = SingleConcat()
        self.conv2 = nn.Conv2d(8, 12, 3, stride=2, padding=1)
        self.softmax = nn.Softmax(dim=1)
        self.fc = nn.Linear(12, 10)

    def forward(self, x):
        x = self.norm(self.gelu(self.conv1(x)))
        x = self.single(self.slice(self.shuffle(self.split(x))))
        x = self.softmax(self.conv2(x))
        return self.fc(x.mean((2, 3)))



# ---- narrowed later torchvision architectures (issue 20): torchvision's own classes, fewer and narrower stages ----

def narrow_efficientnet_b0():
    """EfficientNet-B0's MBConv blocks (SiLU, squeeze-and-excitation gates, stochastic depth), a quarter wide, half deep."""
    tv_efficientnet = importlib.import_module("torchvision.models.efficientnet")
    setting, last = tv_efficientnet._efficientnet_conf("efficientnet_b0", width_mult=0.25, depth_mult=0.5)
    return tv_efficientnet.EfficientNet(setting, 0.2, num_classes=10, last_channel=last)


def narrow_mobilenet_v3_large():
    """MobileNetV3-Large (Hardswish, Hardsigmoid squeeze-and-excitation gates), a quarter wide."""
    tv_mobilenet_v3 = importlib.import_module("torchvision.models.mobilenetv3")
    setting, last = tv_mobilenet_v3._mobilenet_v3_conf("mobilenet_v3_large", width_mult=0.25)
    return tv_mobilenet_v3.MobileNetV3(setting, last, num_classes=10)


def narrow_regnet_y_400mf():
    """RegNetY's grouped bottlenecks with squeeze-and-excitation gates, 400MF's shape parameters on fewer, narrower blocks."""
    tv_regnet = importlib.import_module("torchvision.models.regnet")
    params = tv_regnet.BlockParams.from_init_params(depth=6, w_0=16, w_a=8.0, w_m=2.09, group_width=8, se_ratio=0.25)
    return tv_regnet.RegNet(params, num_classes=10, stem_width=16)


def narrow_shufflenet_v2():
    """ShuffleNetV2 x1.0's units (channel split, channel shuffle), fewer and narrower."""
    tv_shufflenet = importlib.import_module("torchvision.models.shufflenetv2")
    return tv_shufflenet.ShuffleNetV2([2, 3, 2], [8, 16, 32, 64, 128], num_classes=10)


def narrow_convnext_tiny():
    """ConvNeXt-Tiny's blocks (7x7 depthwise conv, channels-last LayerNorm, Linear, GELU, Linear, layer scale) and its
    LayerNorm2d downsampling, narrower and shallower; layer scales random near 0.5, not 1e-6, so blocks matter."""
    tv_convnext = importlib.import_module("torchvision.models.convnext")
    config = tv_convnext.CNBlockConfig
    model = tv_convnext.ConvNeXt([config(16, 32, 2), config(32, 64, 2), config(64, 128, 2), config(128, None, 1)],
                                 num_classes=10)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, tv_convnext.CNBlock):
                m.layer_scale.copy_(torch.rand_like(m.layer_scale) * 0.5 + 0.25)
            elif isinstance(m, nn.LayerNorm):
                m.weight.copy_(torch.rand_like(m.weight) + 0.5)
                m.bias.copy_(torch.randn_like(m.bias) * 0.2)
            elif isinstance(m, nn.Linear):
                nn.init.kaiming_uniform_(m.weight, a=5 ** 0.5)
    return model


def narrow_densenet121():
    """DenseNet-121's dense blocks (each layer's Concat of all before it: of one input for the first) and transitions."""
    tv_densenet = importlib.import_module("torchvision.models.densenet")
    return tv_densenet.DenseNet(growth_rate=8, block_config=(2, 3, 4, 2), num_init_features=16, bn_size=2,
                                num_classes=10)

# (name, make model, seed, opset, dynamic batch, {layer: module path whose output it is})
MODELS = [
    ("alexnet", narrow_alexnet, 0, 11, False,
     {"conv1": "features.1", "conv2": "features.4", "conv3": "features.7", "conv4": "features.9",
      "conv5": "features.11", "pool5": "features.12", "fc6": "classifier.2"}),
    ("vgg11", narrow_vgg11, 1, 12, False,
     {"conv1": "features.1", "conv3": "features.7", "conv5": "features.12", "conv8": "features.19",
      "fc1": "classifier.1"}),
    ("resnet18", NarrowResNet18, 2, 13, False,
     {"stem": "relu", "layer1": "layer1", "layer2.0": "layer2.0", "layer2": "layer2", "layer3": "layer3",
      "layer4": "layer4", "pooled": "avgpool"}),
    ("mobilenet_v2", narrow_mobilenet_v2, 3, 14, False,
     {"features.0": "features.0", "features.1": "features.1", "features.2.expand": "features.2.conv.0",
      "features.2.depthwise": "features.2.conv.1", "features.3": "features.3", "features.7": "features.7",
      "features.14": "features.14", "features.18": "features.18"}),
    ("googlenet", NarrowGoogLeNet, 4, 17, False,
     {"conv1": "conv1", "conv3": "conv3", "inception3a": "inception3a", "inception3b": "inception3b",
      "inception4a": "inception4a", "inception4e": "inception4e", "inception5b": "inception5b"}),
    ("ops", OpsNet, 5, 14, True,
     {"pad": "pad", "act1": "act1", "act2": "act2", "pool1": "pool1", "act3": "act3", "pool2": "pool2",
      "act4": "act4", "pool3": "pool3", "se": "se"}),
    ("modern", ModernOpsNet, 6, 13, True,
     {"gelu": "gelu", "norm": "norm", "split": "split", "shuffle": "shuffle", "slice": "slice", "single": "single",
      "softmax": "softmax"}),
    ("efficientnet_b0", narrow_efficientnet_b0, 7, 13, True,
     {"stem": "features.0", "features.1.se": "features.1.0.block.1", "features.1": "features.1",
      "features.2.expand": "features.2.0.block.0", "features.2.se": "features.2.0.block.2", "features.2": "features.2",
      "features.4": "features.4", "features.6": "features.6", "head": "features.8"}),
    ("mobilenet_v3_large", narrow_mobilenet_v3_large, 8, 17, False,
     {"stem": "features.0", "features.1": "features.1", "features.3": "features.3",
      "features.4.se": "features.4.block.2", "features.4": "features.4", "features.7": "features.7",
      "features.12.se": "features.12.block.2", "features.15": "features.15", "head": "features.16"}),
    ("regnet_y_400mf", narrow_regnet_y_400mf, 9, 14, False,
     {"stem": "stem", "block1.a": "trunk_output.block1.block1-0.f.a", "block1.se": "trunk_output.block1.block1-0.f.se",
      "block1": "trunk_output.block1", "block2": "trunk_output.block2", "block3": "trunk_output.block3",
      "block3.se": "trunk_output.block3.block3-0.f.se"}),
    ("shufflenet_v2", narrow_shufflenet_v2, 10, 13, True,
     {"conv1": "conv1", "maxpool": "maxpool", "stage2.0": "stage2.0", "stage2": "stage2", "stage3.1": "stage3.1",
      "stage3": "stage3", "stage4": "stage4", "conv5": "conv5"}),
    ("convnext_tiny", narrow_convnext_tiny, 11, 13, False,
     {"stem": "features.0", "block1.0.dw": "features.1.0.block.0", "block1.0.norm": "features.1.0.block.2",
      "block1.0.gelu": "features.1.0.block.4", "block1.0": "features.1.0", "block1": "features.1",
      "down2": "features.2", "block3": "features.3", "block5.1.gelu": "features.5.1.block.4", "block5": "features.5",
      "block7": "features.7"}),
    ("densenet121", narrow_densenet121, 12, 17, False,
     {"conv0": "features.relu0", "pool0": "features.pool0", "block1.layer1": "features.denseblock1.denselayer1",
      "block1": "features.denseblock1", "transition1": "features.transition1", "block2": "features.denseblock2",
      "block3.layer2.conv1": "features.denseblock3.denselayer2.relu2", "block4": "features.denseblock4",
      "final": "features.norm5"}),
]

# Layers ConvNeXt computes channels last ([N, H, W, C]): their rows are of the units along the last axis.
CHANNELS_LAST = {("convnext_tiny", "block1.0.norm"), ("convnext_tiny", "block1.0.gelu"),
                 ("convnext_tiny", "block5.1.gelu")}


def channels_first(model_name, names, outputs):
    """The outputs with each channels-last layer's units moved to dim 1, as the rows have them."""
    return [o.permute(0, 3, 1, 2) if (model_name, n) in CHANNELS_LAST else o for n, o in zip(names, outputs)]


# Other exports of a model above, against its rows: (file name, opset, dynamic batch).
REEXPORTS = {"convnext_tiny": [("convnext_tiny_opset17_dynamic", 17, True)]}


class WithLayerOutputs(nn.Module):
    """The model, returning its logits and the chosen modules' outputs (cloned: later in-place ops must not change them)."""

    def __init__(self, model, layers):
        super().__init__()
        self.model = model
        self.paths = list(layers.values())
        self.captured = {}
        modules = dict(model.named_modules())
        for path in self.paths:
            modules[path].register_forward_hook(self._hook(path))

    def _hook(self, path):
        def hook(module, inputs, output):
            self.captured[path] = output.clone()
        return hook

    def forward(self, x):
        self.captured = {}
        logits = self.model(x)
        return (logits,) + tuple(self.captured[p] for p in self.paths)


def make_model(make, seed, batch):
    torch.manual_seed(seed)
    model = make().eval()
    randomize_batchnorm(model, batch, torch.Generator().manual_seed(1000 + seed))
    return model


# torch.onnx.export folds each BatchNorm into its Conv in eval mode; these models keep their BatchNormalization nodes
# (TrainingMode.PRESERVE on a model in eval mode), so that the importer's own folding is tested too.
KEEP_BATCHNORM = {"resnet18", "googlenet"}


def export(name, wrapper, layers, opset, dynamic):
    path = OUT / (name + ".onnx")
    names = list(layers.keys())
    dynamic_axes = {n: {0: "batch"} for n in ["input", "logits"] + names} if dynamic else None
    training = torch.onnx.TrainingMode.PRESERVE if name in KEEP_BATCHNORM else torch.onnx.TrainingMode.EVAL
    torch.onnx.export(wrapper, torch.zeros(1, 3, SIZE, SIZE), str(path), opset_version=opset,
                      input_names=["input"], output_names=["logits"] + names, dynamic_axes=dynamic_axes,
                      do_constant_folding=True, training=training)
    return path


def maxima_rows(model_name, outputs, names):
    rows = []
    for name, act in zip(names, outputs):
        if act.dim() == 2:
            act = act.view(act.shape[0], act.shape[1], 1, 1)
        n, c, h, w = act.shape
        flat = act.reshape(n, c, h * w)
        values, positions = flat.max(dim=2)
        for i in range(n):
            for u in range(c):
                m = values[i, u].item()
                first = int(torch.argmax(flat[i, u]).item())
                if m == 0:
                    ties = "*"  # a unit silent on the image (after ReLU): every zero position ties
                else:
                    ties = " ".join(str(t) for t in (flat[i, u] >= m - TIE * abs(m)).nonzero().flatten().tolist())
                rows.append([model_name, name, i, u, "%.9g" % m, first, ties])
    return rows


def linear_positive_copy(model):
    """The model made linear and positive: activations as identity, max-pools as average pools, |weights|."""
    import copy
    lin = copy.deepcopy(model).double()
    for parent in lin.modules():
        for child_name, child in list(parent.named_children()):
            if isinstance(child, (nn.ReLU, nn.ReLU6, nn.Dropout, nn.Hardswish, nn.Hardsigmoid, nn.Sigmoid, nn.LeakyReLU,
                                  nn.Tanh, nn.GELU, nn.Softmax, ChannelsFirstLayerNorm, nn.SiLU, nn.LayerNorm)):
                setattr(parent, child_name, nn.Identity())
            elif isinstance(child, nn.MaxPool2d):
                setattr(parent, child_name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                         ceil_mode=child.ceil_mode))
            elif isinstance(child, nn.BatchNorm2d):
                # scale |gamma / sqrt(var + eps)|, no shift: positive and linear
                scale = (child.weight / torch.sqrt(child.running_var + child.eps)).abs().detach()
                child.running_mean.zero_()
                child.running_var.fill_(1.0 - child.eps)
                child.weight.data.copy_(scale)
                child.bias.data.zero_()
    for p in lin.parameters():
        p.data.abs_()
    hold_gates(lin)
    return lin


def hold_gates(model):
    """Each squeeze-and-excitation gate (torchvision.ops' SqueezeExcitation) held constant in the backward pass: a gated
    unit's gradient support is then that of its ungated path, the field the importer gives it. The held gate is divided
    by its maximum (it stays positive: same support), since the linear copy's gates, x times a linear function of x,
    would square the values at every block until they overflow."""
    from torchvision.ops.misc import SqueezeExcitation
    for m in model.modules():
        if isinstance(m, SqueezeExcitation):
            m.forward = lambda x, m=m: x * held(m._scale(x))


def held(gate):
    gate = gate.detach()
    return gate / gate.max()


def bounding_box(grad):
    """y0, y1, x0, x1 of the nonzero gradient; all "" where there is none (a unit that sees only padding)."""
    support = (grad.abs().sum(dim=(0, 1)) > 0).nonzero()
    if support.numel() == 0:
        return "", "", "", ""
    ys, xs = support[:, 0], support[:, 1]
    return ys.min().item(), ys.max().item() + 1, xs.min().item(), xs.max().item() + 1


def field_rows(model_name, model, layers, shapes, input_shape=(3, SIZE, SIZE), odd_positions=False):
    lin = linear_positive_copy(model)
    wrapper = WithLayerOutputs(lin, layers)
    rows = []
    for index, (name, shape) in enumerate(zip(layers.keys(), shapes)):
        if len(shape) != 4 or shape[2] == 1 and shape[3] == 1 or (model_name, name) in NO_BOX:
            continue  # no box: a global pooling, a fully connected layer, a gate
        c, h, w = shape[1], shape[2], shape[3]
        units = sorted({0, c // 3, c // 2, (2 * c) // 3, c - 1} | BRANCH_STARTS.get((model_name, name), set()))
        positions = sorted({(0, 0), (h - 1, w - 1), (h // 2, w // 2), (1, w - 2), (h - 2, 1)}
                           | ({(h // 2 + 1, w // 2 - 1), (h // 3, w // 3)} if odd_positions else set()))
        for unit in units:
            for fy, fx in positions:
                x = torch.ones(1, *input_shape, dtype=torch.float64, requires_grad=True)
                out = channels_first(model_name, [name], [wrapper(x)[1 + index]])[0]
                out[0, unit, fy, fx].backward()
                y0, y1, x0, x1 = bounding_box(x.grad)
                rows.append([model_name, name, unit, fy, fx, y0, y1, x0, x1])
    return rows


# Layers whose units see the whole input (the tests check that they say so instead of giving a box).
NO_BOX = {("ops", "se")}

# GoogLeNet's Inception concatenates branches whose fields differ: measure a unit at each branch's first channel.
BRANCH_STARTS = {}


def inception_branch_starts(model, layers):
    for name, path in layers.items():
        module = dict(model.named_modules())[path]
        if isinstance(module, tv_googlenet.Inception):
            widths = [module.branch1.conv.out_channels, module.branch2[1].conv.out_channels,
                      module.branch3[1].conv.out_channels, module.branch4[1].conv.out_channels]
            starts, total = set(), 0
            for width in widths:
                starts |= {total, total + width - 1}
                total += width
            BRANCH_STARTS[("googlenet", name)] = starts


def main(only=None):
    """All models, or only those named in `only`, whose rows then replace theirs in the CSV files."""
    OUT.mkdir(parents=True, exist_ok=True)
    batch = image_batch()
    layer_rows, maxima, fields = [], [], []
    for model_name, make, seed, opset, dynamic, layers in MODELS:
        if only is not None and model_name not in only:
            continue
        model = make_model(make, seed, batch)
        wrapper = WithLayerOutputs(model, layers).eval()
        with torch.no_grad():
            outputs = channels_first(model_name, list(layers), wrapper(batch)[1:])
        export(model_name, wrapper, layers, opset, dynamic)
        for file_name, other_opset, other_dynamic in REEXPORTS.get(model_name, []):
            export(file_name, wrapper, layers, other_opset, other_dynamic)
        if model_name == "alexnet":
            dyn = make_model(lambda: narrow_alexnet_as(ViewFlattenAlexNet), seed, batch)
            dyn.load_state_dict(model.state_dict())
            export("alexnet_dynamic", WithLayerOutputs(dyn, layers).eval(), layers, 13, True)
        shapes = [tuple(o.shape) for o in outputs]
        for name, shape in zip(layers.keys(), shapes):
            h, w = (shape[2], shape[3]) if len(shape) == 4 else (1, 1)
            layer_rows.append([model_name, name, shape[1], h, w])
        maxima += maxima_rows(model_name, outputs, list(layers.keys()))
        inception_branch_starts(model, layers)
        fields += field_rows(model_name, model, layers, shapes)
        print(model_name, "done", flush=True)
    if only is not None:
        layer_rows, maxima, fields = (kept_rows(name, only) + rows for name, rows in
                                      [("layers.csv", layer_rows), ("maxima.csv", maxima), ("fields.csv", fields)])
    write(OUT / "layers.csv", ["model", "layer", "units", "map_h", "map_w"], layer_rows)
    write(OUT / "maxima.csv", ["model", "layer", "image", "unit", "max", "argmax", "ties"], maxima)
    write(OUT / "fields.csv", ["model", "layer", "unit", "fy", "fx", "y0", "y1", "x0", "x1"], fields)
    for f in sorted(OUT.glob("*")):
        print(f.name, f.stat().st_size)


NATURAL224 = Path("src/test/fixtures/images/natural224")
SEED0 = Path("src/test/fixtures/weights/alexnet-features-seed0.pth")
TOPK_KEPT = 12
# (model, its chosen layers scanned over natural224): those with box fields
TOPK_LAYERS = {"resnet18": ["stem", "layer1", "layer2.0", "layer2", "layer3", "layer4"],
               "googlenet": ["conv3", "inception3a", "inception3b"]}


def natural224_batch():
    """The photos in file-name order, as ToTensor and Normalize make them (float32), and their names."""
    from PIL import Image
    import torchvision.transforms as T
    names = sorted(p.name for p in NATURAL224.glob("*.png"))
    transform = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])
    return torch.stack([transform(Image.open(NATURAL224 / n).convert("RGB")) for n in names]), names


def topk_rows(model_name, outputs, layer_names, images):
    """Per unit, the images ranked by their maximum (first row-major position), activation > 0, ties by name."""
    rows = []
    for name, act in zip(layer_names, outputs):
        n, c, h, w = act.shape
        flat = act.reshape(n, c, h * w)
        values, positions = flat.max(dim=2)
        for u in range(c):
            ranked = sorted((i for i in range(n) if values[i, u].item() > 0), key=lambda i: (-values[i, u].item(), i))
            for rank, i in enumerate(ranked[:TOPK_KEPT], start=1):
                p = int(positions[i, u].item())
                rows.append([model_name, name, u, rank, images[i], "%.9g" % values[i, u].item(), p // w, p % w])
    return rows


def export_alexnet_features():
    import torchvision
    features = torchvision.models.alexnet().features
    state = torch.load(str(SEED0))
    features.load_state_dict({k[len("features."):]: v for k, v in state.items()})
    layers = {"conv1": "1", "conv2": "4", "conv3": "7", "conv4": "9", "conv5": "11"}
    wrapper = WithLayerOutputs(features.eval(), layers).eval()
    torch.onnx.export(wrapper, torch.zeros(1, 3, SIZE, SIZE), str(OUT / "alexnet_features.onnx"), opset_version=13,
                      input_names=["input"], output_names=["pool5"] + list(layers), do_constant_folding=True)


def natural224_references():
    batch, images = natural224_batch()
    rows = []
    for model_name, make, seed, opset, dynamic, layers in MODELS:
        if model_name not in TOPK_LAYERS:
            continue
        model = make_model(make, seed, image_batch())
        chosen = {name: layers[name] for name in TOPK_LAYERS[model_name]}
        with torch.no_grad():
            outputs = WithLayerOutputs(model, chosen).eval()(batch)[1:]
        rows += topk_rows(model_name, outputs, list(chosen), images)
    write(OUT / "topk-natural224.csv", ["model", "layer", "unit", "rank", "image", "activation", "fy", "fx"], rows)
    export_alexnet_features()


def narrow_alexnet_as(cls):
    narrow = narrow_alexnet()
    model = cls(num_classes=10)
    model.features, model.classifier = narrow.features, narrow.classifier
    return model


def kept_rows(name, remade):
    """The rows of OUT/name (header left out) of the models not in `remade`, as they are."""
    with open(OUT / name, newline="") as f:
        return [r for r in list(csv.reader(f))[1:] if r[0] not in remade]


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


# ---- segmentation networks: U-Nets (1 channel) and FCN exported whole, decoders that upsample ----------------------
#
# `... make_onnx_models.py segmentation` writes, besides the models' .onnx files (dynamic batch, height and width):
#   segmentation-layers.csv  model,layer,units,map_h,map_w at the model's own test size (SEGMENTATION_SIZES)
#   segmentation-maxima.csv  as maxima.csv, on the test images at that size (U-Nets: channel 0 of image_bytes, its
#                            top-left SIZE x SIZE corner, normalised with MEAN[0], STD[0])
#   segmentation-fields.csv  model,height,width, then as fields.csv: gradient supports at the test size and at a
#                            second, non-square one (the fields must hold at any input size)

class DoubleConv(nn.Sequential):
    """U-Net's block: twice conv 3x3 (padding 1), BatchNorm, ReLU."""

    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class SkipConcat(nn.Module):
    """U-Net's skip connection: the upsampled decoder map, then the encoder's (torch.cat along channels)."""

    def forward(self, up, skip):
        return torch.cat((up, skip), 1)


class NarrowUNet(nn.Module):
    """A 1-channel U-Net, two levels deep, widths 8, 16, 32. Decoder "transposed": ConvTranspose2d (kernel 2 stride 2,
    then kernel 3 stride 2 padding 1 output_padding 1); "bilinear": nn.Upsample(scale 2, bilinear, align_corners=False)
    and a 1x1 conv, as the U-Nets bioimage users run do it."""

    def __init__(self, decoder):
        super().__init__()
        self.enc1, self.pool1 = DoubleConv(1, 8), nn.MaxPool2d(2)
        self.enc2, self.pool2 = DoubleConv(8, 16), nn.MaxPool2d(2)
        self.bottom = DoubleConv(16, 32)
        if decoder == "transposed":
            self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
            self.up1 = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)
        else:
            self.up2 = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                                     nn.Conv2d(32, 16, 1))
            self.up1 = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                                     nn.Conv2d(16, 8, 1))
        self.cat2, self.dec2 = SkipConcat(), DoubleConv(32, 16)
        self.cat1, self.dec1 = SkipConcat(), DoubleConv(16, 8)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool1(e1))
        b = self.bottom(self.pool2(e2))
        d2 = self.dec2(self.cat2(self.up2(b), e2))
        d1 = self.dec1(self.cat1(self.up1(d2), e1))
        return self.head(d1)


class TransposedOps(nn.Module):
    """ConvTranspose2d attributes the U-Nets lack: groups (2, then one input pair per output), dilation, per-axis
    strides and pads, output_padding along both axes, no bias."""

    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.t1 = nn.ConvTranspose2d(8, 8, 3, stride=(2, 3), padding=(1, 2), output_padding=(1, 2), groups=2,
                                     dilation=(2, 1))
        self.relu1 = nn.ReLU()
        self.t2 = nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1, groups=4, bias=False)

    def forward(self, x):
        return self.t2(self.relu1(self.t1(self.down(x))))


class NarrowResNet50(tv_resnet.ResNet):
    """torchvision's ResNet-50 (Bottleneck, [3, 4, 6, 3]) with widths 4..32 (outputs 16..128), layer3 and layer4
    dilated instead of strided, as fcn_resnet50's backbone."""

    def __init__(self, widths=(4, 8, 16, 32)):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes, self.dilation, self.groups, self.base_width = widths[0], 1, 1, 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(tv_resnet.Bottleneck, widths[0], 3)
        self.layer2 = self._make_layer(tv_resnet.Bottleneck, widths[1], 4, stride=2)
        self.layer3 = self._make_layer(tv_resnet.Bottleneck, widths[2], 6, stride=2, dilate=True)
        self.layer4 = self._make_layer(tv_resnet.Bottleneck, widths[3], 3, stride=2, dilate=True)


class FcnOut(nn.Module):
    """torchvision's FCN (fcn_resnet50's backbone, FCNHead, bilinear upsampling to the input size), its "out" map."""

    def __init__(self):
        super().__init__()
        from torchvision.models._utils import IntermediateLayerGetter
        from torchvision.models.segmentation.fcn import FCN, FCNHead
        backbone = IntermediateLayerGetter(NarrowResNet50(), return_layers={"layer4": "out"})
        self.fcn = FCN(backbone, FCNHead(128, 3), None)

    def forward(self, x):
        return self.fcn(x)["out"]


UNET_LAYERS = {"enc1": "enc1", "pool1": "pool1", "enc2": "enc2", "bottom": "bottom", "up2": "up2", "cat2": "cat2",
               "dec2": "dec2", "up1": "up1", "cat1": "cat1", "dec1": "dec1", "head": "head"}
UNET_BILINEAR_LAYERS = dict(UNET_LAYERS, **{"upsampled2": "up2.0", "upsampled1": "up1.0"})
# (name, make model, seed, opset, {layer: module path}, channels, test size, second size (h, w) for fields)
SEGMENTATION = [
    ("unet_transposed", lambda: NarrowUNet("transposed"), 20, 13, UNET_LAYERS, 1, 64, (48, 80)),
    ("unet_bilinear", lambda: NarrowUNet("bilinear"), 21, 11, UNET_BILINEAR_LAYERS, 1, 64, (48, 80)),
    ("fcn_resnet50", FcnOut, 22, 17,
     {"stem": "fcn.backbone.relu", "layer1": "fcn.backbone.layer1", "layer2": "fcn.backbone.layer2",
      "layer4": "fcn.backbone.layer4", "head": "fcn.classifier", "out": ""}, 3, 96, (80, 112)),
    ("transposed_ops", TransposedOps, 23, 13, {"down": "down", "t1": "t1", "relu1": "relu1", "t2": "t2"}, 1, 32,
     (24, 40)),
]


def segmentation_batch(channels, size):
    """The test images at `size`: channel 0 of image_bytes' top-left corner (1 channel), or image_batch's corner."""
    if channels == 3:
        return image_batch()[:, :, :size, :size].contiguous()
    pixels = torch.stack([image_bytes(i)[:1, :size, :size] for i in range(IMAGES)]).to(torch.float32)
    return (pixels / torch.tensor(255.0, dtype=torch.float32) - MEAN[0]) / torch.tensor(STD[0], dtype=torch.float32)


def segmentation_references():
    layer_rows, maxima, fields = [], [], []
    for model_name, make, seed, opset, layers, channels, size, second in SEGMENTATION:
        batch = segmentation_batch(channels, size)
        model = make_model(make, seed, batch)
        wrapper = WithLayerOutputs(model, layers).eval()
        with torch.no_grad():
            outputs = wrapper(batch)[1:]
        names = list(layers.keys())
        axes = {n: {0: "batch", 2: "height", 3: "width"} for n in ["input", "logits"] + names}
        torch.onnx.export(wrapper, torch.zeros(1, channels, size, size), str(OUT / (model_name + ".onnx")),
                          opset_version=opset, input_names=["input"], output_names=["logits"] + names,
                          dynamic_axes=axes, do_constant_folding=True)
        shapes = [tuple(o.shape) for o in outputs]
        layer_rows += [[model_name, n, s[1], s[2], s[3]] for n, s in zip(names, shapes)]
        maxima += maxima_rows(model_name, outputs, names)
        for cat, up, skip in [("cat2", "up2", "enc2"), ("cat1", "up1", "enc1")]:
            if cat in layers:
                width = shapes[names.index(up)][1]
                BRANCH_STARTS[(model_name, cat)] = {width - 1, width}
        for h, w in [(size, size), second]:
            with torch.no_grad():
                at = [tuple(o.shape) for o in wrapper(torch.zeros(1, channels, h, w))[1:]]
            fields += [[r[0], h, w] + r[1:] for r in field_rows(model_name, model, layers, at, (channels, h, w), True)]
        print(model_name, "done", flush=True)
    write(OUT / "segmentation-layers.csv", ["model", "layer", "units", "map_h", "map_w"], layer_rows)
    write(OUT / "segmentation-maxima.csv", ["model", "layer", "image", "unit", "max", "argmax", "ties"], maxima)
    write(OUT / "segmentation-fields.csv",
          ["model", "height", "width", "layer", "unit", "fy", "fx", "y0", "y1", "x0", "x1"], fields)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["segmentation"]:
        segmentation_references()  # the U-Nets and FCN only
        sys.exit(0)
    if sys.argv[1:2] == ["only"]:
        main(set(sys.argv[2:]))  # e.g. `only modern`: remakes that model and its rows, keeping the others'
        sys.exit(0)
    if sys.argv[1:] != ["natural224"]:
        main()
    natural224_references()
