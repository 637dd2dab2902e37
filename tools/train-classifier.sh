#!/usr/bin/env bash
# Trains the shipped glyph classifier (src/main/resources/dev/fontgan/eval/glyph-classifier.zip):
# content classes = common-3500 + ascii, one style class per font in fonts/catalog.json (CJK
# sources and targets, Latin hands and print), 64 px INK-normalized renders with light distortions.
# About 15 minutes on 2 CPU cores; then reports held-out accuracy with `classifier eval`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:-src/main/resources/dev/fontgan/eval/glyph-classifier.zip}"
# Passive OpenMP waiting: libtorch's spinning threads collapse when other jobs share the cores.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
./fontgan classifier train --catalog fonts/catalog.json --chars common-3500+ascii \
    --size 64 --width 16 --embed 192 --epochs 3 --batch 64 --lr 0.002 --min-per-style 400 \
    --held-out 0.05 --seed 1 -o "$out"
./fontgan classifier eval --model "$out" --catalog fonts/catalog.json --chars common-3500+ascii --json
