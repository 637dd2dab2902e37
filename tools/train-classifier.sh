#!/usr/bin/env bash
# Trains the shipped glyph classifier (src/main/resources/dev/fontgan/eval/glyph-classifier.zip):
# content classes = common-3500 + ascii, one style class per font in fonts/catalog.json (CJK
# sources and targets, Latin hands and print), 64 px INK-normalized renders with light distortions.
#
#   tools/train-classifier.sh [OUT] [WORK]     (WORK defaults to runs/classifier)
#
# Stage v1 is the first shipped classifier (3 epochs from scratch, about 15 minutes on 2 idle
# cores). To skip it, put that file at WORK/v1.zip:
#   git show 8d159d1:src/main/resources/dev/fontgan/eval/glyph-classifier.zip > runs/classifier/v1.zip
# Then each warm stage trains one more epoch from the previous stage's weights (a restart of the
# cosine schedule at a lower rate; a quarter of the draws undistorted, as evaluation reads the
# fonts' own glyphs). Finished stages are kept in WORK, so a stopped run resumes at the next one.
# At the end, the held-out accuracy is reported with `classifier eval`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:-src/main/resources/dev/fontgan/eval/glyph-classifier.zip}"
work="${2:-runs/classifier}"
mkdir -p "$work"
# Passive OpenMP waiting: libtorch's spinning threads collapse when other jobs share the cores.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
common=(--catalog fonts/catalog.json --chars common-3500+ascii --size 64 --width 16 --embed 192
    --batch 64)

if [[ ! -f "$work/v1.zip" ]]; then
    ./fontgan classifier train "${common[@]}" --epochs 3 --lr 0.002 --min-per-style 400 --held-out 0.05 --seed 1 \
        -o "$work/v1.zip"
fi

# stage name, learning rate (cosine-decayed to 2% within the epoch), seed of order and distortions,
# least draws per font and epoch (Latin fonts have 95 characters, CJK ones 3,594: from w4 on the
# Latin ones are drawn about 13 times a character, not 4)
stages=(
    "w1 0.001 11 400"
    "w2 0.0005 12 400"
    "w3 0.00025 13 400"
    "w4 0.0005 14 1200"
    "w5 0.00025 15 1200"
    "w6 0.0001 16 1200"
)
previous="$work/v1.zip"
for stage in "${stages[@]}"; do
    read -r name lr seed per <<<"$stage"
    if [[ ! -f "$work/$name.zip" ]]; then
        ./fontgan classifier train "${common[@]}" --epochs 1 --lr "$lr" --min-per-style "$per" --clean 0.25 \
            --seed "$seed" \
            --init "$previous" -o "$work/$name.zip"
    fi
    previous="$work/$name.zip"
done
cp "$previous" "$out.tmp" && mv "$out.tmp" "$out"
./fontgan classifier eval --model "$out" --catalog fonts/catalog.json --chars common-3500+ascii --json
