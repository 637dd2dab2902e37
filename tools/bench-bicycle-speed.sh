#!/usr/bin/env bash
# BicycleGAN training speed against its PyTorch eager twin (tools/bicycle_ref.py, Debian
# python3-torch): Java and Python alternated, PAIRS pairs (default 3), in one sitting; prints
# images/s, process CPU per step and the load, then the median of the pairs' ratios.
#   tools/bench-bicycle-speed.sh [THREADS]      (2 by default; PAIRS=6 for more pairs;
#   ITERS / WARMUP: timed and warm-up iterations per run, 20 / 3 by default, the same on both sides)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
threads="${1:-2}"
pairs="${PAIRS:-3}"
iters="${ITERS:-20}"
warmup="${WARMUP:-3}"
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print('%.2f %.0f' % (d['images_per_s'], d['process_cpu_ms_per_step']))"; }
ratios=()
for i in $(seq "$pairs"); do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    read -r jr jc < <(FONTGAN_THREADS="$threads" ./fontgan bench train --model bicycle --warmup "$warmup" --iters "$iters" --json 2>/dev/null | field)
    read -r pr pc < <(/usr/bin/python3 tools/bicycle_ref.py --threads "$threads" --warmup "$warmup" --iters "$iters" 2>/dev/null | field)
    ratio="$(python3 -c "print('%.2f' % ($jr / $pr))")"
    ratios+=("$ratio")
    echo "bicycle pair $i, $threads threads, $iters iterations (load $load): java $jr images/s ($jc ms CPU/step), torch $pr images/s ($pc ms CPU/step): ${ratio}x"
done
echo "bicycle median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')x"
