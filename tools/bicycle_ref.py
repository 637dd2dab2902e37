#!/usr/bin/env python3
"""PyTorch eager twin of fontgan's BicycleGAN training iteration, for side-by-side speed ratios.

Same networks as dev.fontgan.bicycle at the same arch (U-Net G with z tiled and concatenated
before every encoder level or only the input; residual VAE encoder E; two 2-scale PatchGAN
discriminators D and D2 on (source, glyph) pairs), same batch split (first half encoded z,
second half random z), same losses (LSGAN, L1, KL, latent regression with E frozen, TV, and the
glyph classifier's feature loss) and Adam updates. One iteration = one D + D2 step, then one
G + E step with D and D2 not requiring gradients. Prints one JSON line:
  /usr/bin/python3 tools/bicycle_ref.py [--arch default|tiny] [--batch 16] [--no-feature]
Compare with `fontgan bench train --model bicycle --json` in the same sitting.
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = {
    # generator channels, encoder channels, discriminator channels, strides, nz, size
    "default": ([16, 32, 64, 128, 128, 128], [16, 32, 64, 64], [16, 32, 64], [2, 2, 2], 8, 64),
    "tiny": ([8, 16, 16, 16], [8, 16], [8, 16], [2, 2], 8, 32),
}


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-5, momentum=0.1)  # DJL's momentum 0.9 keeps 0.9 of the old statistics


class Generator(nn.Module):
    """fontgan's UNet with Injection.ALL / INPUT: z concatenated before every (or the first) encoder level."""

    def __init__(self, ch, nz, injection):
        super().__init__()
        depth = len(ch)
        self.injection = injection
        self.enc = nn.ModuleList()
        cin = 1
        for i, c in enumerate(ch):
            cin_z = cin + (nz if injection == "all" or i == 0 else 0)
            normed = 0 < i < depth - 1
            layers = ([] if i == 0 else [nn.LeakyReLU(0.2)]) + [nn.Conv2d(cin_z, c, 4, 2, 1, bias=not normed)]
            if normed:
                layers.append(bn(c))
            self.enc.append(nn.Sequential(*layers))
            cin = c
        self.dec = nn.ModuleList()
        c_in = ch[-1]
        for j in range(depth):
            i = depth - 1 - j
            last = i == 0
            out = 1 if last else ch[i - 1]
            layers = [nn.ReLU(), nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c_in, out, 3, 1, 1, bias=last)]
            layers.append(nn.Tanh() if last else bn(out))
            self.dec.append(nn.Sequential(*layers))
            if not last:
                c_in = out + ch[i - 1]

    def forward(self, x, z):
        skips = []
        for i, e in enumerate(self.enc):
            if self.injection == "all" or i == 0:
                x = torch.cat([x, z[:, :, None, None].expand(-1, -1, x.shape[2], x.shape[3])], 1)
            x = e(x)
            skips.append(x)
        h = skips[-1]
        for j, d in enumerate(self.dec):
            h = d(h)
            k = len(skips) - 2 - j
            if k >= 0:
                h = torch.cat([h, skips[k]], 1)
        return h


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.ReLU(), nn.Conv2d(c, c, 3, 1, 1))

    def forward(self, x):
        return x + self.body(x)


class Encoder(nn.Module):
    def __init__(self, ch, nz):
        super().__init__()
        layers, cin = [], 1
        for c in ch:
            layers += [nn.Conv2d(cin, c, 4, 2, 1), nn.LeakyReLU(0.2), Residual(c)]
            cin = c
        layers.append(nn.LeakyReLU(0.2))
        self.body = nn.Sequential(*layers)
        self.mu = nn.Linear(cin, nz)
        self.logvar = nn.Linear(cin, nz)

    def forward(self, x):
        h = self.body(x).flatten(2).mean(2)
        return self.mu(h), self.logvar(h)


class MultiScaleD(nn.Module):
    def __init__(self, ch, strides, scales=2):
        super().__init__()
        self.scales = nn.ModuleList()
        for _ in range(scales):
            layers, cin = [], 2
            for c, s in zip(ch, strides):
                layers += [nn.Conv2d(cin, c, 4, s, 1), nn.LeakyReLU(0.2)]
                cin = c
            layers.append(nn.Conv2d(cin, 1, 3, 1, 1))
            self.scales.append(nn.Sequential(*layers))

    def forward(self, x):
        out = []
        for k, s in enumerate(self.scales):
            if k > 0:
                x = F.avg_pool2d(x, 2)
            out.append(s(x))
        return out


class Classifier(nn.Module):
    """The shipped glyph classifier's shape (cnn4s, width 16, embedding 192), eval mode, frozen."""

    def __init__(self, width=16, embed=192, content=3594, styles=32, size=64):
        super().__init__()
        ch = [width, 2 * width, 4 * width, 4 * width]
        layers = [nn.Conv2d(1, ch[0], 4, 2, 1, bias=False), nn.BatchNorm2d(ch[0]), nn.ReLU()]
        for i in range(1, 4):
            layers += [nn.Conv2d(ch[i - 1], ch[i], 3, 1, 1, bias=False), nn.BatchNorm2d(ch[i]), nn.ReLU(), nn.MaxPool2d(2)]
        side = size // 16
        layers += [nn.Flatten(), nn.Linear(ch[3] * side * side, embed, bias=False), nn.BatchNorm1d(embed), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.content = nn.Linear(embed, content)
        self.style = nn.Linear(embed, styles)

    def forward(self, x):
        e = self.body(x)
        return self.content(e), self.style(e), e  # fontgan's forward computes both heads too


def init(m):
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(mod.weight, 0, 0.02)


def set_requires_grad(m, flag):
    for p in m.parameters():
        p.requires_grad_(flag)


def lsgan_d(scores, half):
    return sum(0.5 * ((s[:half] - 1).pow(2).mean() + s[half:].pow(2).mean()) for s in scores)


def lsgan_g(scores):
    return sum(0.5 * (s - 1).pow(2).mean() for s in scores)


def tv(x):
    return (x[:, :, 1:, :] - x[:, :, :-1, :]).abs().mean() + (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().mean()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", choices=list(ARCHS), default="default")
    p.add_argument("--injection", choices=["all", "input"], default="all")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--no-feature", action="store_true", help="leave out the classifier feature loss")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--profile", help="also write a per-op chrome trace of --iters iterations here (tools/profile_ops.py)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    gch, ech, dch, dst, nz, size = ARCHS[a.arch]
    G, E = Generator(gch, nz, a.injection), Encoder(ech, nz)
    D, D2 = MultiScaleD(dch, dst), MultiScaleD(dch, dst)
    for m in (G, E, D, D2):
        init(m)
        m.train()
    C = None
    if not a.no_feature:
        C = Classifier(size=size)
        C.eval()
        set_requires_grad(C, False)
    adam = lambda m: torch.optim.Adam(m.parameters(), 2e-4, betas=(0.5, 0.999))
    og, oe, od, od2 = adam(G), adam(E), adam(D), adam(D2)
    w = dict(gan=1.0, gan2=1.0, l1=10.0, kl=0.01, z=0.5, tv=1e-4, feature=1.0)
    b, h = a.batch, a.batch // 2
    src = (torch.rand(b, 1, size, size) < 0.2).float() * 2 - 1
    tgt = (torch.rand(b, 1, size, size) < 0.2).float() * 2 - 1
    srcE, tgtE, srcR, tgtR = src[:h], tgt[:h], src[h:], tgt[h:]

    def step():
        mu, logvar = E(tgtE)
        zE = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        zR = torch.randn(b - h, nz)
        fakeE, fakeR = G(srcE, zE), G(srcR, zR)
        set_requires_grad(E, False)
        mu2 = E(fakeR)[0]
        set_requires_grad(E, True)
        od.zero_grad(set_to_none=True)
        od2.zero_grad(set_to_none=True)
        d = lsgan_d(D(torch.cat([torch.cat([srcE, tgtE], 1), torch.cat([srcE, fakeE.detach()], 1)], 0)), h)
        d2 = lsgan_d(D2(torch.cat([torch.cat([srcR, tgtR], 1), torch.cat([srcR, fakeR.detach()], 1)], 0)), b - h)
        (d + d2).backward()
        od.step()
        od2.step()
        set_requires_grad(D, False)
        set_requires_grad(D2, False)
        og.zero_grad(set_to_none=True)
        oe.zero_grad(set_to_none=True)
        loss = (w["gan"] * lsgan_g(D(torch.cat([srcE, fakeE], 1))) + w["gan2"] * lsgan_g(D2(torch.cat([srcR, fakeR], 1)))
                + w["l1"] * (fakeE - tgtE).abs().mean()
                + w["kl"] * (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1).mean())
                + w["tv"] * 0.5 * (tv(fakeE) + tv(fakeR)) + w["z"] * (mu2 - zR).abs().mean())
        if C is not None:
            loss = loss + w["feature"] * (C(fakeE)[2] - C(tgtE)[2].detach()).abs().mean()
        loss.backward()
        og.step()
        oe.step()
        set_requires_grad(D, True)
        set_requires_grad(D2, True)

    for _ in range(a.warmup):
        step()
    if a.profile:
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for _ in range(a.iters):
                step()
        prof.export_chrome_trace(a.profile)
    ms, cpu = [], []
    process0 = time.process_time()  # every thread of the process: at two threads, the work both did
    for _ in range(a.iters):
        c0, t0 = time.thread_time(), time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)  # the whole CPU cost with --threads 1
    process_ms = (time.process_time() - process0) * 1000 / a.iters
    med = statistics.median(ms)
    count = lambda m: sum(q.numel() for q in m.parameters())
    print(json.dumps({"model": "bicycle", "arch": a.arch, "injection": a.injection, "size": size, "batch": b,
                      "feature_loss": C is not None, "images_per_s": b * 1000 / med, "ms_per_step": med,
                      "min_ms_per_step": min(ms), "iterations": a.iters, "cpu_ms_per_step": statistics.median(cpu),
                      "process_cpu_ms_per_step": process_ms, "g_params": count(G), "e_params": count(E),
                      "d_params": count(D) + count(D2), "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
