#!/usr/bin/env bash
# Quality of "train on a new font" against K, the number of its glyphs learned from.
#
#   tools/finetune-curve.sh BASE FONT [STEPS] [OUT]
#
# BASE is a zi2zi run folder or style pack, FONT the new font (not one of BASE's styles).
# For each K in $KS (default "25 50 100 400") it runs
#   fontgan finetune --from BASE --font FONT --max-chars K --steps STEPS --out OUT/kK --json
# (encoder frozen, new style slot initialised from the nearest existing style), exports
# OUT/kK.fgstyle, and prints one row per K: the held-out (TEST split, never trained on)
# characters' L1 and SSIM before and after fine-tuning, from OUT/kK/finetune.json.
# The K characters are nested (the 25 are among the 50, ...), chosen by --seed from the TRAIN
# split of BASE's charset, so the rows differ only in K.
#
# With EVAL_DATA=DIR (a glyph dataset of BASE's source font -> FONT, built with BASE's split seed,
# e.g. `fontgan glyphs build --source SRC --target FONT --chars CHARSET --size PX --seed 1 --out DIR`)
# each pack is also scored by `fontgan eval` (adds content/style accuracy from the shipped glyph
# classifier; style accuracy stays null for a font the classifier was not trained on).
#
# SEED=N picks other K characters, data order and dropout (default 1).
# FT_ARGS="..." adds options to every `fontgan finetune` (e.g. "--decoder-levels 0 --dropout 0.1",
# or "--val-chars 20 --patience 4" for early stopping on 20 of the K glyphs).
#
# Cost: STEPS iterations of batch 16 per K; with the default arch at 64 px that is ~0.1-0.2 s per
# iteration on 2 cores, so the default 300 steps x 4 values of K is ~3-4 minutes plus start-up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 2 ]]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
base="$1"
font="$2"
steps="${3:-300}"
out="${4:-runs/finetune-curve}"
ks="${KS:-25 50 100 400}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mkdir -p "$out"
for k in $ks; do
    if [[ -f "$out/k$k/finetune.json" ]]; then
        echo "k=$k: already done ($out/k$k)" >&2
    else
        rm -rf "$out/k$k"
        "$here/fontgan" finetune --from "$base" --font "$font" --max-chars "$k" --steps "$steps" \
            --out "$out/k$k" --seed "${SEED:-1}" --quiet --json ${FT_ARGS:-} > "$out/k$k.json"
    fi
    "$here/fontgan" export "$out/k$k" -o "$out/k$k.fgstyle" > /dev/null
    if [[ -n "${EVAL_DATA:-}" ]]; then
        "$here/fontgan" eval --pack "$out/k$k.fgstyle" --data "$EVAL_DATA" --json > "$out/k$k.eval.json"
    fi
done
python3 - "$out" $ks <<'EOF'
import json, os, sys
out, ks = sys.argv[1], sys.argv[2:]
print("K\ttrain\theld-out\tL1 before\tL1 after\tSSIM before\tSSIM after\tcontent acc\tstyle acc")
for k in ks:
    r = json.load(open(os.path.join(out, f"k{k}", "finetune.json")))
    b = (r.get("before") or {}).get("held_out") or {}
    a = (r.get("after") or {}).get("held_out") or {}
    acc = ["-", "-"]
    ev = os.path.join(out, f"k{k}.eval.json")
    if os.path.exists(ev):
        e = json.load(open(ev))
        row = next((s for s in e.get("styles", []) if s.get("name") == r["styles"][0]), {})
        acc = [str(row.get("content_acc")), str(row.get("style_acc"))]
    f = lambda v: "-" if v is None else f"{v:.4f}"
    print("\t".join([k, str(r["train_chars"]), str(r["held_out_chars"]), f(b.get("l1")), f(a.get("l1")),
                     f(b.get("ssim")), f(a.get("ssim"))] + acc))
EOF
