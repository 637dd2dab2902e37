#!/usr/bin/env bash
# GAN training speed against the PyTorch eager twins (tools/bench_gan_ref.py, Debian python3-torch):
# Java and Python alternated, 3 pairs per net, in one sitting; prints images/s and the load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
rate() { python3 -c "import json,sys; print('%s %.2f images/s' % (sys.argv[1], json.loads(sys.stdin.read().strip().splitlines()[-1])['images_per_s']))" "$1"; }
for net in "dcgan 64 3 10" "pix2pix 16 2 8"; do
    read -r v batch warmup iters <<< "$net"
    for i in 1 2 3; do
        echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
        ./fontgan bench train --variant "$v" --batch "$batch" --warmup "$warmup" --iters "$iters" --json 2>/dev/null | rate "java $v"
        /usr/bin/python3 tools/bench_gan_ref.py --variant "$v" --batch "$batch" --warmup "$warmup" --iterations "$iters" 2>/dev/null | rate "torch $v"
    done
done
