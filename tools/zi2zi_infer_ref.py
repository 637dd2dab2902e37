#!/usr/bin/env python3
"""The zi2zi generator's inference in PyTorch eager, to time against `fontgan bench infer`.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/zi2zi_infer_ref.py [--arch default|reference]
        [--mode generic|folded] [--batch 64] [--batches 8] [--runs 5] [--warmup 2] [--threads 2]

Same shapes as dev.fontgan.zi2zi.Zi2ziArch (U-Net of 4x4 stride-2 convs down to 1x1, style
embedding concatenated at the bottleneck, nearest 2x upsample + 3x3 conv per decoder level, batch
norm on inner levels, tanh out), random weights and running statistics, eval mode. --mode generic
is the network as trained (upsample, conv, batch norm); --mode folded is what fontgan's
UNetInference runs (batch norm folded, each upsample + 3x3 conv as one 2x2 phase conv at low
resolution, phases written into the concatenated map). Prints one JSON line like bench infer's
forward_glyphs_per_s (forward pass only; source glyphs are random).
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

ARCHS = {
    "default": dict(channels=[16, 32, 64, 128, 128, 128], embedding=64),
    "reference": dict(channels=[64, 128, 256, 512, 512, 512], embedding=128),
    # Not an arch of fontgan: a candidate half-width inner network, for timing only.
    "light": dict(channels=[16, 32, 48, 64, 64, 64], embedding=32),
}


def bn(c):
    """Eval batch norm with non-trivial statistics."""
    m = torch.nn.BatchNorm2d(c, eps=1e-5)
    with torch.no_grad():
        m.weight.uniform_(0.5, 1.5)
        m.bias.normal_(0, 0.1)
        m.running_mean.normal_(0, 0.1)
        m.running_var.uniform_(0.5, 2)
    return m.eval()


class Generator(torch.nn.Module):
    def __init__(self, channels, embedding, styles=14):
        super().__init__()
        self.embedding = torch.nn.Parameter(torch.randn(styles, embedding) * 0.1)
        depth = len(channels)
        self.enc, self.enc_norm = torch.nn.ModuleList(), torch.nn.ModuleList()
        cin = 1
        for i, c in enumerate(channels):
            normed = 0 < i < depth - 1
            self.enc.append(torch.nn.Conv2d(cin, c, 4, 2, 1, bias=not normed))
            self.enc_norm.append(bn(c) if normed else torch.nn.Identity())
            cin = c
        self.dec, self.dec_norm = torch.nn.ModuleList(), torch.nn.ModuleList()
        cin = channels[-1] + embedding
        for j in range(depth):
            i = depth - 1 - j
            out = 1 if i == 0 else channels[i - 1]
            self.dec.append(torch.nn.Conv2d(cin, out, 3, 1, 1, bias=i == 0))
            self.dec_norm.append(torch.nn.Identity() if i == 0 else bn(out))
            if i > 0:
                cin = out + channels[i - 1]
        for p in self.parameters():
            if p.dim() == 4:
                torch.nn.init.normal_(p, 0, 0.02)

    def forward(self, x, style):
        skips, h = [], x
        for i, (conv, norm) in enumerate(zip(self.enc, self.enc_norm)):
            if i > 0:
                h = F.leaky_relu(h, 0.2)
            h = norm(conv(h))
            skips.append(h)
        v = style @ self.embedding
        h = torch.cat([h, v.reshape(v.shape[0], -1, 1, 1)], 1)
        depth = len(skips)
        for j, (conv, norm) in enumerate(zip(self.dec, self.dec_norm)):
            h = conv(F.interpolate(F.relu(h), scale_factor=2, mode="nearest"))
            if j == depth - 1:
                return torch.tanh(h)
            h = torch.cat([norm(h), skips[depth - 2 - j]], 1)


def fold(conv, norm):
    w, b = conv.weight.detach(), conv.bias.detach() if conv.bias is not None else torch.zeros(conv.out_channels)
    if isinstance(norm, torch.nn.BatchNorm2d):
        s = norm.weight / torch.sqrt(norm.running_var + norm.eps)
        w, b = w * s.reshape(-1, 1, 1, 1), (b - norm.running_mean) * s + norm.bias
    return w.detach(), b.detach()


def phases(w, b):
    """3x3 kernels over a nearest-upsampled map as four 2x2 kernels over the original."""
    taps = [[[0], [1, 2]], [[0, 1], [2]]]
    out = []
    for a in range(2):
        for c in range(2):
            k = torch.stack([torch.stack([sum(w[:, :, ty, tx] for ty in taps[a][u] for tx in taps[c][v])
                                          for v in range(2)], -1) for u in range(2)], -2)
            out.append(k)
    return torch.cat(out, 0), b.repeat(4)


class Folded(torch.nn.Module):
    def __init__(self, g):
        super().__init__()
        self.embedding = g.embedding.detach()
        self.enc = [fold(c, n) for c, n in zip(g.enc, g.enc_norm)]
        self.dec = [phases(*fold(c, n)) for c, n in zip(g.dec, g.dec_norm)]
        self.out = [c.out_channels for c in g.dec]

    def forward(self, x, style):
        skips, h = [], x
        for i, (w, b) in enumerate(self.enc):
            if i > 0:
                h = F.leaky_relu(h, 0.2)
            h = F.conv2d(h, w, b, 2, 1)
            skips.append(h)
        v = style @ self.embedding
        h = F.relu(torch.cat([h, v.reshape(v.shape[0], -1, 1, 1)], 1))
        depth = len(skips)
        for j, ((w, b), out) in enumerate(zip(self.dec, self.out)):
            z = F.conv2d(h, w, b, 1, 1)
            last = j == depth - 1
            z = torch.tanh(z) if last else F.relu(z)
            n, _, hh, ww = z.shape
            skip = None if last else F.relu(skips[depth - 2 - j])
            y = torch.empty(n, out + (0 if last else skip.shape[1]), 2 * (hh - 1), 2 * (ww - 1))
            for a in range(2):
                for c in range(2):
                    p = 2 * a + c
                    y[:, :out, a::2, c::2] = z[:, p * out:(p + 1) * out, a:a + hh - 1, c:c + ww - 1]
            if not last:
                y[:, out:] = skip
            h = y
        return h


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="default", choices=sorted(ARCHS))
    ap.add_argument("--mode", default="generic", choices=["generic", "folded"])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--check", action="store_true", help="also report the largest generic-vs-folded difference")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    g = Generator(**ARCHS[a.arch]).eval()
    net = Folded(g) if a.mode == "folded" else g
    x = torch.rand(a.batch, 1, a.size, a.size) * 2 - 1
    style = F.one_hot(torch.zeros(a.batch, dtype=torch.long), 14).float()
    result = {}
    with torch.inference_mode():
        if a.check:
            result["max_difference_folded"] = (g(x, style) - Folded(g)(x, style)).abs().max().item()
        times, cpus = [], []
        for r in range(-a.warmup, a.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(a.batches):
                net(x, style)
            if r >= 0:
                times.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
    med = lambda v: sorted(v)[len(v) // 2]
    glyphs = a.batch * a.batches
    result.update(forward_glyphs_per_s=glyphs / med(times), forward_glyphs_per_cpu_s=glyphs / med(cpus),
                  forward_ms_per_batch=1000 * med(times) / a.batches, batch=a.batch, arch=a.arch, mode=a.mode,
                  threads=a.threads, torch=torch.__version__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
