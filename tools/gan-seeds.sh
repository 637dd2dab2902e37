#!/usr/bin/env bash
# A GAN variant's metric over several seeds fixed in advance, and their median (README "GAN
# variants" table; the runs behind it: samples/RESULTS.md "GAN variants"). Trains
# OUT/VARIANT-sSEED with one torch thread, niced; a finished seed (its eval.json exists) is
# skipped, so a rerun resumes.
#   nohup tools/gan-seeds.sh OUT VARIANT STEPS 1 2 3 > seeds.log 2>&1 &
# BATCH (32), WIDTH (16) and EMA (gan train's --ema; unset: the variant's own) from the environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 4 ] || { echo "usage: $0 OUT VARIANT STEPS SEED..." >&2; exit 2; }
out="$1"; variant="$2"; steps="$3"; shift 3
batch="${BATCH:-32}"; width="${WIDTH:-16}"
ema=(); [ -n "${EMA:-}" ] && ema=(--ema "$EMA")
mkdir -p "$out"
fg() { FONTGAN_THREADS=1 nice -n 10 "$here/fontgan" "$@"; }
for seed in "$@"; do
    run="$out/$variant-s$seed"
    [ -s "$run.eval.json" ] && continue
    start=$(date +%s)
    fg gan train --variant "$variant" --steps "$steps" --batch "$batch" --width "$width" "${ema[@]}" --seed "$seed" \
        --out "$run" --resume -q
    fg gan eval "$run" --json > "$run.eval.tmp" && mv "$run.eval.tmp" "$run.eval.json"
    echo "$(date -u +%H:%M) $variant seed $seed: $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$out" "$variant" "$@" <<'PY'
import json, statistics, sys
out, variant, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = []
for s in seeds:
    r = json.load(open(f"{out}/{variant}-s{s}.eval.json"))
    if "class_accuracy" in r:
        v, extra = r["class_accuracy"]["acc"], "glyph-FID %.1f" % r["glyph_fid"]["fid"]
    elif "code_accuracy" in r:
        c = r["code_accuracy"]
        v, extra = c["acc_one_to_one"], "many-to-one %.1f%%, %d characters" % (100 * c["acc"], c["distinct_characters"])
    else:
        v, extra = r["glyph_fid"]["fid"], ""
    rows.append(v)
    print(f"seed {s} step {r['step']}: {100 * v:.1f}%  {extra}" if v <= 1 else f"seed {s}: {v:.1f}")
m = statistics.median(rows)
print(f"median: {100 * m:.1f}%" if m <= 1 else f"median: {m:.1f}")
PY
