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
# With PICTURE=FILE.png it also draws CHARS (default: twelve characters of the TEST split at split
# seed 1, which no K ever includes) written by the font itself, by the nearest style before
# fine-tuning, then by each K's pack, one row each (`fontgan render --jitter 0`, stacked by
# tools/StackImages.java); samples/finetune-k.png is made this way.
#
# SEED=N picks other K characters, data order and dropout (default 1).
# FT_ARGS="..." adds options to every `fontgan finetune` (e.g. "--decoder-levels 0 --dropout 0.1",
# or "--val-chars 20 --patience 4" for early stopping on 20 of the K glyphs).
#
# Cost: STEPS iterations of batch 16 per K; with the default arch at 64 px that is ~0.1-0.2 s per
# iteration on 2 cores, so the default 300 steps x 4 values of K is ~3-4 minutes plus start-up.
set -euo pipefail
# the held-out rows must be characters no K can contain: TEST split (split seed 1) members of
# common-3500 that Klee One covers; change CHARS with the font or the split seed
chars="${CHARS:-生河火笑英音写夏深望土皮}"
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
if [[ -n "${PICTURE:-}" ]]; then
    pic="$out/picture"
    mkdir -p "$pic"
    first="$(set -- $ks; echo "$1")"
    read -r nearest newstyle < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["init_from"], r["styles"][0])' "$out/k$first/finetune.json")
    basepack="$base"
    if [[ -d "$base" ]]; then
        basepack="$out/base.fgstyle"
        "$here/fontgan" export "$base" -o "$basepack" > /dev/null
    fi
    "$here/fontgan" render "$chars" --font "$font" --jitter 0 -o "$pic/0-font.png"
    "$here/fontgan" render "$chars" --pack "$basepack" --style "$nearest" --jitter 0 -o "$pic/1-nearest.png"
    rows=("$pic/0-font.png" "$pic/1-nearest.png")
    for k in $ks; do
        "$here/fontgan" render "$chars" --pack "$out/k$k.fgstyle" --style "$newstyle" --jitter 0 -o "$pic/k$k.png"
        rows+=("$pic/k$k.png")
    done
    java "$here/tools/StackImages.java" "$PICTURE" "${rows[@]}"
fi
