#!/usr/bin/env python3
"""Train ConvNet Explorer's demo network: AlexNet conv1..conv5 learned by
self-supervised rotation prediction on a folder of photos.

    python3 scripts/train-demo-network.py PHOTOS OUT.pth --minutes 7 --device cuda
    /usr/bin/python3 scripts/train-demo-network.py PHOTOS OUT.pth --epochs 2 --device cpu

Runs with Debian 12's torch 1.13 on the CPU or with a current torch on a GPU.
PHOTOS is a folder of JPEG/PNG photos (scripts/collect-demo-photos.py makes
one).  Every step cuts random square crops (random scale, position, mirror,
mild colour jitter), resizes them to 128 px, shows the network each crop
rotated by 0/90/180/270 degrees and trains it to tell which rotation it saw.
No labels are needed; to solve the task the convolutions must learn edges,
textures and object parts that have a natural "up".

The network is torchvision's `alexnet().features` layout (conv 11/4/2, pool,
conv 5 pad 2, pool, conv 3 x3, pool) with two training-only additions:

* BatchNorm after every conv.  Plain AlexNet trained from scratch for a few
  minutes barely moves its first layer; BN keeps every layer's input well
  scaled, so all layers learn at a useful rate from the first step.
* conv1 initialised near zero (std 1e-3).  With BN behind it the scale of
  conv1's weights does not change the forward pass, but the gradient w.r.t.
  the weights scales like 1/|w|: tiny weights learn fast and the random
  initial pattern is quickly overwritten.  With the default init conv1 stays
  mostly the initial noise for a long time; this way it shows structure
  (colour blobs, then edges) early.

For export each BatchNorm is FOLDED into its conv (eval-mode running stats):
  w' = w * g / sqrt(v + eps),   b' = beta + (b - m) * g / sqrt(v + eps)
so the saved network is the plain conv+ReLU torchvision layout that the
plugin runs, and it computes exactly what the trained network computed.  The
script checks that numerically and prints the max abs difference.

Output: OUT.pth holds only the `features.*` keys (features.0/3/6/8/10 weight
and bias) in float16, written with plain torch.save(state_dict).  The
rotation head is discarded.  Also writes a picture of the 64 conv1 filters
(--conv1-png).

Reproducibility: seeded; with --epochs the schedule is fixed.  With
--minutes the learning-rate schedule follows the wall clock, so the number
of steps (and the result) depends on the machine.
"""
import argparse
import math
import os
import random
import struct
import sys
import time
import zlib
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = (0.485, 0.456, 0.406)   # ImageNet normalisation, exactly as the plugin
STD = (0.229, 0.224, 0.225)    # applies it: (x/255 - MEAN) / STD
CROP = 128                     # training input size
SLOT = 640                     # photos are stored padded to SLOT x SLOT
CONVS = [  # (name in torchvision's features, in, out, kernel, stride, padding)
    ("0", 3, 64, 11, 4, 2),
    ("3", 64, 192, 5, 1, 2),
    ("6", 192, 384, 3, 1, 1),
    ("8", 384, 256, 3, 1, 1),
    ("10", 256, 256, 3, 1, 1),
]
POOL_AFTER = {"0", "3", "10"}  # MaxPool(3, 2) follows these ReLUs


def log(*a):
    print(*a, flush=True)


# --------------------------------------------------------------------------
# Networks
# --------------------------------------------------------------------------
class TrainNet(nn.Module):
    """AlexNet features with BN after each conv, plus a rotation head."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        for _, cin, cout, k, s, p in CONVS:
            # no conv bias: BN's beta plays that role (the fold creates the bias)
            self.convs.append(nn.Conv2d(cin, cout, k, s, p, bias=False))
            self.bns.append(nn.BatchNorm2d(cout))
        for c in self.convs:
            nn.init.kaiming_normal_(c.weight, mode="fan_out", nonlinearity="relu")
        nn.init.normal_(self.convs[0].weight, std=1e-3)  # see module docstring
        # Small head.  It keeps the 3x3 spatial layout of pool5 (flatten, not
        # global pooling): where things are is what tells the rotation.
        self.head = nn.Sequential(
            nn.Flatten(), nn.Dropout(0.3), nn.Linear(256 * 3 * 3, 256, bias=False),
            nn.BatchNorm1d(256), nn.ReLU(inplace=True), nn.Linear(256, 4))

    def features(self, x):
        for (name, *_), conv, bn in zip(CONVS, self.convs, self.bns):
            x = F.relu(bn(conv(x)), inplace=True)
            if name in POOL_AFTER:
                x = F.max_pool2d(x, 3, 2)
        return x

    def forward(self, x):
        return self.head(self.features(x))


def plain_features():
    """torchvision's alexnet().features layout (same indices, same keys)."""
    layers = []
    for name, cin, cout, k, s, p in CONVS:
        layers += [nn.Conv2d(cin, cout, k, s, p), nn.ReLU(inplace=True)]
        if name in POOL_AFTER:
            layers.append(nn.MaxPool2d(3, 2))
    return nn.Sequential(*layers)


def fold(net):
    """BN-folded float32 state dict with torchvision feature keys."""
    sd = OrderedDict()
    for (name, *_), conv, bn in zip(CONVS, net.convs, net.bns):
        scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
        w = conv.weight.detach() * scale.view(-1, 1, 1, 1)
        b = bn.bias.detach() - bn.running_mean * scale  # conv has no bias
        sd[f"features.{name}.weight"] = w.float().cpu().contiguous()
        sd[f"features.{name}.bias"] = b.float().cpu().contiguous()
    return sd


# --------------------------------------------------------------------------
# Data: all photos live in one tensor on the device; crops are cut there.
# --------------------------------------------------------------------------
def load_photos(folder):
    from PIL import Image
    names = sorted(f for f in os.listdir(folder)
                   if f.lower().endswith((".jpg", ".jpeg", ".png")))
    if not names:
        sys.exit(f"no photos in {folder}")
    imgs = []
    for n in names:
        im = Image.open(os.path.join(folder, n)).convert("RGB")
        if max(im.size) > SLOT:  # the collect script already keeps them <= 640
            s = SLOT / max(im.size)
            im = im.resize((round(im.size[0] * s), round(im.size[1] * s)), Image.LANCZOS)
        imgs.append(np.asarray(im))
    return names, imgs


class CropSampler:
    """Random square crops of many photos, resized to CROP px, on the device.

    Photos are packed as the depth axis of one 5-D volume [1, 3, D, SLOT, SLOT]
    so that a single trilinear grid_sample call cuts a whole batch of crops
    from different photos: z picks the photo (always an exact slice, so no
    blending between photos), x/y pick the crop.  The volume holds each photo
    twice: at full size and box-filtered to half size; big crops are read
    from the half-size copy so that downscaling stays within 2x of the
    source resolution (bilinear resampling aliases beyond that).
    """

    def __init__(self, imgs, device):
        n = len(imgs)
        vol = torch.zeros(1, 3, 2 * n, SLOT, SLOT)

        def put(z, t):
            # replicate the last rows/columns: bilinear taps that reach just
            # past the photo's edge must not see the black padding (a dark
            # right/bottom border would be a free hint about the rotation)
            h, w = t.shape[1:]
            ph, pw = min(2, SLOT - h), min(2, SLOT - w)
            vol[0, :, z, :h + ph, :w + pw] = F.pad(t[None], (0, pw, 0, ph), mode="replicate")[0]

        sizes = []
        for i, a in enumerate(imgs):
            t = torch.from_numpy(a.copy()).permute(2, 0, 1).float()
            h, w = t.shape[1:]
            put(i, t)
            put(n + i, F.avg_pool2d(t[None, :, : h // 2 * 2, : w // 2 * 2], 2)[0])
            sizes.append((w, h))
        self.vol = vol.to(device)
        self.n = n
        self.depth = 2 * n
        self.wh = torch.tensor(sizes, dtype=torch.float32, device=device)
        self.device = device
        self.mean = torch.tensor(MEAN, device=device).view(1, 3, 1, 1)
        self.std = torch.tensor(STD, device=device).view(1, 3, 1, 1)

    def sample(self, idx, gen, jitter=True, min_side=96.0):
        """Crops of photos idx (LongTensor on device) -> normalized [B,3,CROP,CROP]."""
        b = idx.numel()
        dev = self.device
        u = torch.rand(b, 5, generator=gen, device=dev)
        w, h = self.wh[idx, 0], self.wh[idx, 1]
        short = torch.minimum(w, h)
        lo = torch.clamp(torch.full_like(short, min_side), max=short)
        side = torch.exp(torch.log(lo) + u[:, 0] * (torch.log(short) - torch.log(lo)))
        x0 = u[:, 1] * (w - side)
        y0 = u[:, 2] * (h - side)
        # big crops come from the half-size copy (coordinates halved)
        use_half = side > 2 * CROP
        f = torch.where(use_half, torch.full_like(side, 0.5), torch.ones_like(side))
        z = idx.float() + use_half.float() * self.n
        t = (torch.arange(CROP, device=dev, dtype=torch.float32) + 0.5) / CROP
        flip = u[:, 3] < 0.5
        tx = torch.where(flip[:, None], 1 - t[None, :], t[None, :])
        # pixel-centre coordinates in the chosen copy, then grid_sample's [-1, 1]
        px = ((x0[:, None] + tx * side[:, None]) * f[:, None]) / SLOT * 2 - 1
        py = ((y0[:, None] + t[None, :] * side[:, None]) * f[:, None]) / SLOT * 2 - 1
        pz = (2 * z + 1) / self.depth - 1
        grid = torch.stack([
            px[:, None, :].expand(b, CROP, CROP),
            py[:, :, None].expand(b, CROP, CROP),
            pz[:, None, None].expand(b, CROP, CROP)], dim=-1)
        out = F.grid_sample(self.vol, grid[None], mode="bilinear",
                            padding_mode="border", align_corners=False)
        x = out[0].permute(1, 0, 2, 3) / 255.0  # [B, 3, CROP, CROP] in 0..1
        if jitter:
            x = colour_jitter(x, gen)
        return (x - self.mean) / self.std


def colour_jitter(x, gen):
    """Mild per-crop brightness / contrast / saturation jitter, 10% grey."""
    b = x.shape[0]
    r = torch.rand(b, 4, 1, 1, 1, generator=gen, device=x.device)
    x = x * (0.75 + 0.5 * r[:, 0])
    grey = (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])
    x = grey + (x - grey) * torch.where(r[:, 3] < 0.1, torch.zeros_like(r[:, 2]),
                                        0.6 + 0.8 * r[:, 2])
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    x = m + (x - m) * (0.75 + 0.5 * r[:, 1])
    return x.clamp(0, 1)


def rotations(x):
    """All four rotations of each crop, with labels 0..3 (k x 90 deg ccw)."""
    xs = torch.cat([torch.rot90(x, k, (2, 3)) for k in range(4)])
    ys = torch.arange(4, device=x.device).repeat_interleave(x.shape[0])
    return xs, ys


# --------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------
def write_png(path, rgb):
    """Minimal RGB PNG writer (uint8 HxWx3) so the script needs no image library."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def conv1_picture(w, path, zoom=6, gap=2):
    """64 conv1 filters as an 8x8 grid; each filter min/max-normalised on its
    own (all three colour channels together), nearest-neighbour zoom, white gaps."""
    w = w.float().cpu().numpy()  # [64, 3, 11, 11]
    n, _, k, _ = w.shape
    cols = 8
    rows = math.ceil(n / cols)
    cell = k * zoom
    img = np.full((rows * cell + (rows + 1) * gap, cols * cell + (cols + 1) * gap, 3), 255, np.uint8)
    for i in range(n):
        f = w[i].transpose(1, 2, 0)
        f = (f - f.min()) / max(f.max() - f.min(), 1e-12)
        f = np.kron(f, np.ones((zoom, zoom, 1)))
        r, c = divmod(i, cols)
        y, x = gap + r * (cell + gap), gap + c * (cell + gap)
        img[y:y + cell, x:x + cell] = np.round(f * 255).astype(np.uint8)
    write_png(path, img)


# --------------------------------------------------------------------------
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Train the demo AlexNet by rotation prediction.")
    ap.add_argument("photos", help="folder of photos")
    ap.add_argument("output", help="output .pth (features.* only, float16)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--minutes", type=float, help="train for this many minutes (wall clock)")
    g.add_argument("--epochs", type=int, help="train for this many epochs (default 30)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=None,
                    help="crops per step; each is shown in 4 rotations (default 512 GPU, 32 CPU)")
    ap.add_argument("--crops-per-photo", type=int, default=64,
                    help="an epoch = this many crops of every training photo")
    ap.add_argument("--lr", type=float, default=0.1, help="peak SGD learning rate")
    ap.add_argument("--wd", type=float, default=5e-4)
    ap.add_argument("--val-every", type=int, default=12,
                    help="hold out every Nth photo group for validation (0: none)")
    ap.add_argument("--threads", type=int, default=1, help="CPU threads (CPU device)")
    ap.add_argument("--train-state", metavar="PATH",
                    help="also save the trained network (with BN and head, BN statistics "
                         "re-estimated) here")
    ap.add_argument("--conv1-png", default=os.path.join(here, "..", "docs", "demo-network-conv1.png"))
    a = ap.parse_args()
    if a.minutes is None and a.epochs is None:
        a.epochs = 30

    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    cuda = dev.type == "cuda"
    if cuda:
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    else:
        torch.set_num_threads(a.threads)
    batch = a.batch or (512 if cuda else 32)
    log(f"torch {torch.__version__}, device {dev}"
        + (f" ({torch.cuda.get_device_name(dev)})" if cuda else f", {torch.get_num_threads()} threads"))

    # ---- photos and train/validation split ------------------------------
    t0 = time.time()
    names, imgs = load_photos(a.photos)
    # variants of one original (SOURCE__full.jpg, SOURCE__c1.jpg, ...) stay together
    groups = sorted({n.split("__")[0] for n in names})
    val_groups = set(groups[a.val_every - 1::a.val_every]) if a.val_every else set()
    is_val = [n.split("__")[0] in val_groups for n in names]
    sampler = CropSampler(imgs, dev)
    train_idx = torch.tensor([i for i, v in enumerate(is_val) if not v], device=dev)
    val_idx = torch.tensor([i for i, v in enumerate(is_val) if v], device=dev)
    log(f"{len(names)} photos from {len(groups)} originals; {len(train_idx)} for training, "
        f"{len(val_idx)} ({len(val_groups)} originals) held out; loaded in {time.time() - t0:.1f} s")

    gen = torch.Generator(device=dev)
    gen.manual_seed(a.seed)
    val_gen = torch.Generator(device=dev)
    val_gen.manual_seed(12345)
    # fixed validation crops (no colour jitter)
    n_val = 1024 if cuda else 64
    val_x = None
    if len(val_idx):
        pick = val_idx[torch.randint(len(val_idx), (n_val,), generator=val_gen, device=dev)]
        val_x = sampler.sample(pick, val_gen, jitter=False)

    # ---- model and optimiser --------------------------------------------
    net = TrainNet().to(dev)
    if cuda:
        net = net.to(memory_format=torch.channels_last)
    decay = [p for n_, p in net.named_parameters() if p.ndim > 1]
    no_decay = [p for n_, p in net.named_parameters() if p.ndim <= 1]
    opt = torch.optim.SGD([{"params": decay, "weight_decay": a.wd},
                           {"params": no_decay, "weight_decay": 0.0}],
                          lr=a.lr, momentum=0.9, nesterov=True)
    steps_per_epoch = max(1, len(train_idx) * a.crops_per_photo // batch)
    total_steps = a.epochs * steps_per_epoch if a.epochs else None
    budget = a.minutes * 60 if a.minutes else None
    log(f"batch {batch} crops x 4 rotations = {4 * batch} inputs of {CROP} px; "
        f"{steps_per_epoch} steps per epoch; "
        + (f"{a.epochs} epochs" if a.epochs else f"{a.minutes} minutes"))

    def progress(step, t_start):
        if total_steps:
            return step / total_steps
        return (time.time() - t_start) / budget

    def lr_at(p):  # 3% linear warm-up, then cosine to zero
        return a.lr * (p / 0.03 if p < 0.03 else 0.5 * (1 + math.cos(math.pi * min(1.0, (p - 0.03) / 0.97))))

    def evaluate(fn):
        if val_x is None:
            return float("nan")
        correct = 0
        with torch.no_grad():
            for i in range(0, len(val_x), 256):
                xs, ys = rotations(val_x[i:i + 256])
                correct += (fn(xs).argmax(1) == ys).sum().item()
        return correct / (4 * len(val_x))

    amp = dict(device_type="cuda", dtype=torch.bfloat16) if cuda else None
    step, epoch, done = 0, 0, False
    t_start = time.time()
    seen = 0
    while not done:
        epoch += 1
        net.train()
        tot_loss = tot_ok = tot_n = 0.0
        t_ep = time.time()
        for _ in range(steps_per_epoch):
            p = progress(step, t_start)
            if p >= 1.0:
                done = True
                break
            for gr in opt.param_groups:
                gr["lr"] = lr_at(p)
            with torch.no_grad():
                pick = train_idx[torch.randint(len(train_idx), (batch,), generator=gen, device=dev)]
                xs, ys = rotations(sampler.sample(pick, gen))
                if cuda:
                    xs = xs.contiguous(memory_format=torch.channels_last)
            if amp:
                with torch.autocast(**amp):
                    out = net(xs)
            else:
                out = net(xs)
            loss = F.cross_entropy(out.float(), ys)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            seen += xs.shape[0]
            tot_loss += loss.detach() * xs.shape[0]
            tot_ok += (out.detach().argmax(1) == ys).sum()
            tot_n += xs.shape[0]
        if tot_n == 0:
            break
        rate = tot_n / (time.time() - t_ep)
        net.eval()
        va = evaluate(net)
        el = time.time() - t_start
        log(f"epoch {epoch:3d}  step {step:6d}  lr {lr_at(min(progress(step, t_start), 1)):.4f}  "
            f"loss {float(tot_loss) / tot_n:.4f}  train acc {float(tot_ok) / tot_n:.3f}  "
            f"val acc {va:.3f}  {rate:.0f} img/s  [{el / 60:.1f} min]")
        if total_steps and step >= total_steps:
            done = True
    train_time = time.time() - t_start
    log(f"trained {step} steps, {seen} rotated crops in {train_time / 60:.2f} min "
        f"({seen / train_time:.0f} img/s)")

    # ---- BN statistics: recompute on clean crops -------------------------
    # The running averages lag behind the weights and saw colour-jittered
    # crops; the fold bakes them into the exported biases, so re-estimate them
    # (weights frozen, plain average over many un-jittered rotated crops).
    for m in net.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.reset_running_stats()
            m.momentum = None  # cumulative average
    net.train()
    net.head[1].eval()  # no dropout while measuring the head's BN statistics
    with torch.no_grad():
        for _ in range(50 if cuda else 8):
            pick = train_idx[torch.randint(len(train_idx), (batch,), generator=gen, device=dev)]
            xs, _ = rotations(sampler.sample(pick, gen, jitter=False))
            net(xs.float())
    net.eval()
    net = net.float().to(memory_format=torch.contiguous_format)
    if a.train_state:  # folding this state gives exactly the exported weights
        torch.save({k: v.detach().float().cpu() for k, v in net.state_dict().items()}, a.train_state)
    if cuda:  # from here on: true float32 (TF32 rounding would swamp the fold check)
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    acc_bn = evaluate(net)
    log(f"final validation rotation accuracy (BN network, fp32): {acc_bn:.4f}")

    # ---- fold BN into the convs and check --------------------------------
    sd32 = fold(net)
    plain = plain_features().to(dev)
    plain.load_state_dict({k[len("features."):]: v.to(dev) for k, v in sd32.items()})
    plain.eval()
    sd16 = OrderedDict((k, v.half().contiguous()) for k, v in sd32.items())
    plain16 = plain_features().to(dev)
    plain16.load_state_dict({k[len("features."):]: v.float().to(dev) for k, v in sd16.items()})
    plain16.eval()
    with torch.no_grad():
        xb = val_x[:64] if val_x is not None else sampler.sample(train_idx[:64], gen, jitter=False)
        ref = net.features(xb)
        d32 = (plain(xb) - ref).abs().max().item()
        d16 = (plain16(xb) - ref).abs().max().item()
        scale = ref.abs().max().item()
        acc_fold = evaluate(lambda x: net.head(plain16(x)))
    log(f"fold check on {len(xb)} crops, conv5 output (max |activation| {scale:.3f}): "
        f"max abs diff folded fp32 vs BN network {d32:.3e}; "
        f"after float16 export {d16:.3e}")
    log(f"validation rotation accuracy with the exported float16 features: {acc_fold:.4f}")
    try:  # also load into torchvision's own AlexNet when torchvision is there
        import torchvision
        tv = torchvision.models.alexnet().features
        tv.load_state_dict({k[len("features."):]: v.float() for k, v in sd16.items()}, strict=True)
        log("loads into torchvision.models.alexnet().features (strict)")
    except ImportError:
        pass

    # ---- save ------------------------------------------------------------
    for k, v in sd16.items():
        assert torch.isfinite(v.float()).all(), k
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    torch.save(sd16, a.output)
    log(f"wrote {a.output} ({os.path.getsize(a.output) / 1e6:.2f} MB): "
        + ", ".join(f"{k} {list(v.shape)}" for k, v in sd16.items()))
    os.makedirs(os.path.dirname(os.path.abspath(a.conv1_png)), exist_ok=True)
    conv1_picture(sd16["features.0.weight"], a.conv1_png)
    log(f"wrote {a.conv1_png}")


if __name__ == "__main__":
    main()
