#!/usr/bin/env python3
"""PyTorch eager twins of fontgan's DCGAN (32 px) and Pix2Pix (64 px) training iterations.

Same networks as dev.fontgan.gan.variants.Dcgan / Pix2Pix at the same width and batch (nearest
upsampling + 3x3 conv instead of transposed conv, BN placement, LeakyReLU 0.2, the zero condition
channel at the U-Net bottleneck), same losses and Adam updates; one iteration = one D step + one
G step with D's parameters not requiring gradients. Prints one JSON line:
  /usr/bin/python3 tools/bench_gan_ref.py [--variant dcgan|pix2pix|both] [--batch 64] [--width 32]
Compare with `fontgan bench train --variant dcgan|pix2pix --json` in the same sitting.
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F


def up(cin, cout, bias):
    return [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(cin, cout, 3, 1, 1, bias=bias)]


class DcganG(nn.Module):
    def __init__(self, size, width, latent):
        super().__init__()
        levels = (size // 4).bit_length() - 1
        ch = width << (levels - 1)
        self.ch = ch
        self.fc = nn.Linear(latent, ch * 16, bias=False)
        layers = [nn.BatchNorm2d(ch), nn.ReLU()]
        for _ in range(1, levels):
            layers += up(ch, ch // 2, False) + [nn.BatchNorm2d(ch // 2), nn.ReLU()]
            ch //= 2
        layers += up(ch, 1, True) + [nn.Tanh()]
        self.body = nn.Sequential(*layers)

    def forward(self, z):
        return self.body(self.fc(z).view(-1, self.ch, 4, 4))


class DcganD(nn.Module):
    def __init__(self, size, width):
        super().__init__()
        levels = (size // 4).bit_length() - 1
        layers, cin, ch = [], 1, width
        for i in range(levels):
            layers.append(nn.Conv2d(cin, ch, 4, 2, 1, bias=(i == 0)))
            if i > 0:
                layers.append(nn.BatchNorm2d(ch))
            layers.append(nn.LeakyReLU(0.2))
            cin, ch = ch, ch * 2
        self.body = nn.Sequential(*layers)
        self.score = nn.Linear(cin * 16, 1)

    def forward(self, x):
        return self.score(self.body(x).flatten(1))


class UNet(nn.Module):
    """fontgan's UNet: encoder to 1x1, zero condition channel at the bottleneck, dropout on 3 inner levels."""

    def __init__(self, size, width):
        super().__init__()
        depth = size.bit_length() - 1
        ch = [width * min(8, 1 << i) for i in range(depth)]
        self.enc = nn.ModuleList()
        cin = 1
        for i, c in enumerate(ch):
            normed = 0 < i < depth - 1
            layers = ([] if i == 0 else [nn.LeakyReLU(0.2)]) + [nn.Conv2d(cin, c, 4, 2, 1, bias=not normed)]
            if normed:
                layers.append(nn.BatchNorm2d(c))
            self.enc.append(nn.Sequential(*layers))
            cin = c
        self.dec = nn.ModuleList()
        c_in = ch[-1] + 1
        for j in range(depth):
            i = depth - 1 - j
            last = i == 0
            out = 1 if last else ch[i - 1]
            layers = [nn.ReLU()] + up(c_in, out, last)
            if last:
                layers.append(nn.Tanh())
            else:
                layers.append(nn.BatchNorm2d(out))
                if j in (0, 1, 2):
                    layers.append(nn.Dropout(0.5))
            self.dec.append(nn.Sequential(*layers))
            if not last:
                c_in = out + ch[i - 1]

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
        h = torch.cat([skips[-1], torch.zeros(x.shape[0], 1, 1, 1)], 1)
        for j, d in enumerate(self.dec):
            h = d(h)
            k = len(skips) - 2 - j
            if k >= 0:
                h = torch.cat([h, skips[k]], 1)
        return h


class PatchD(nn.Module):
    def __init__(self, width):
        super().__init__()
        layers, cin = [], 2
        for i, (c, s) in enumerate(zip([width, 2 * width, 4 * width, 8 * width], [2, 2, 2, 1])):
            layers.append(nn.Conv2d(cin, c, 4, s, 1, bias=(i == 0)))
            if i > 0:
                layers.append(nn.BatchNorm2d(c))
            layers.append(nn.LeakyReLU(0.2))
            cin = c
        layers.append(nn.Conv2d(cin, 1, 3, 1, 1))
        self.body = nn.Sequential(*layers)

    def forward(self, src, x):
        return self.body(torch.cat([src, x], 1))


def init(m):
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(mod.weight, 0, 0.02)


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def set_requires_grad(m, flag):
    for p in m.parameters():
        p.requires_grad_(flag)


def dcgan_step(g, d, og, od, real, latent):
    n = real.shape[0]
    with torch.no_grad():
        fake = g(torch.randn(n, latent))
    od.zero_grad(set_to_none=True)
    loss_d = bce(d(real), 1.0) + bce(d(fake), 0.0)
    loss_d.backward()
    od.step()
    set_requires_grad(d, False)
    og.zero_grad(set_to_none=True)
    loss_g = bce(d(g(torch.randn(n, latent))), 1.0)
    loss_g.backward()
    og.step()
    set_requires_grad(d, True)


def pix2pix_step(g, d, og, od, src, tgt):
    with torch.no_grad():
        fake = g(src)
    od.zero_grad(set_to_none=True)
    loss_d = bce(d(src, tgt), 1.0) + bce(d(src, fake), 0.0)
    loss_d.backward()
    od.step()
    set_requires_grad(d, False)
    og.zero_grad(set_to_none=True)
    out = g(src)
    loss_g = bce(d(src, out), 1.0) + 100 * (out - tgt).abs().mean()
    loss_g.backward()
    og.step()
    set_requires_grad(d, True)


def bench(name, batch, width, warmup, iterations, profile=None):
    torch.manual_seed(1)
    if name == "dcgan":
        size, latent = 32, 64
        g, d = DcganG(size, width, latent), DcganD(size, width)
        real = torch.rand(batch, 1, size, size) * 2 - 1
        step = lambda: dcgan_step(g, d, og, od, real, latent)
    else:
        size = 64
        g, d = UNet(size, width), PatchD(width)
        src = torch.rand(batch, 1, size, size) * 2 - 1
        tgt = torch.rand(batch, 1, size, size) * 2 - 1
        step = lambda: pix2pix_step(g, d, og, od, src, tgt)
    init(g)
    init(d)
    g.train()
    d.train()
    og = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    for _ in range(warmup):
        step()
    if profile:  # per-op chrome trace of the timed iterations (tools/profile_ops.py)
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for _ in range(iterations):
                step()
        prof.export_chrome_trace(profile)
    ms = []
    process0 = time.process_time()  # every thread of the process: at two threads, the work both did
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    process_ms = (time.process_time() - process0) * 1000 / iterations
    med = statistics.median(ms)
    return {"variant": name, "size": size, "batch": batch, "width": width, "images_per_s": batch * 1000 / med,
            "ms_per_step": med, "min_ms_per_step": min(ms), "iterations": iterations,
            "process_cpu_ms_per_step": process_ms,
            "g_params": sum(p.numel() for p in g.parameters()), "d_params": sum(p.numel() for p in d.parameters()),
            "threads": torch.get_num_threads(), "torch": torch.__version__}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="both", choices=["dcgan", "pix2pix", "both"])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--profile", help="also write a per-op chrome trace of the timed iterations here")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    names = ["dcgan", "pix2pix"] if a.variant == "both" else [a.variant]
    out = {n: bench(n, a.batch, a.width, a.warmup, a.iterations, a.profile) for n in names}
    print(json.dumps(out if len(out) > 1 else out[names[0]]))


if __name__ == "__main__":
    main()
