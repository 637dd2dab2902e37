#!/usr/bin/env bash
# GAN training speed against the PyTorch eager twins (tools/bench_gan_ref.py, Debian python3-torch):
# Java and Python alternated, PAIRS pairs per net (default 3), in one sitting; prints images/s,
# process CPU per step and the load, then the median of the pairs' ratios.
#   tools/bench-gan-speed.sh [dcgan] [pix2pix]      (both by default; PAIRS=6 for more pairs)
# Pix2Pix runs 30 timed iterations after 5 of warm-up (~12 s a side at 40 images/s): runs of 8
# scattered 32-50 images/s for Java, too short to decide a few percent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
pairs="${PAIRS:-3}"
nets=("$@")
[ ${#nets[@]} -eq 0 ] && nets=(dcgan pix2pix)
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print('%.2f %.0f' % (d['images_per_s'], d['process_cpu_ms_per_step']))"; }
for v in "${nets[@]}"; do
    case "$v" in
        dcgan) batch=64 warmup=3 iters=20 ;;
        pix2pix) batch=16 warmup=5 iters=30 ;;
        *) echo "unknown net: $v (dcgan | pix2pix)" >&2; exit 2 ;;
    esac
    ratios=()
    for i in $(seq "$pairs"); do
        load="$(cut -d' ' -f1-3 /proc/loadavg)"
        read -r jr jc < <(./fontgan bench train --variant "$v" --batch "$batch" --warmup "$warmup" --iters "$iters" --json 2>/dev/null | field)
        read -r pr pc < <(/usr/bin/python3 tools/bench_gan_ref.py --variant "$v" --batch "$batch" --warmup "$warmup" --iterations "$iters" 2>/dev/null | field)
        ratio="$(python3 -c "print('%.2f' % ($jr / $pr))")"
        ratios+=("$ratio")
        echo "$v pair $i (load $load): java $jr images/s ($jc ms CPU/step), torch $pr images/s ($pc ms CPU/step): ${ratio}x"
    done
    echo "$v median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')x"
done
