#!/usr/bin/env bash
# Regenerates the pictures in samples/ that README shows, with the project's own commands; the
# rest come from tools/make-bicycle-samples.sh (bicycle-*, klee-font), tools/finetune-curve.sh
# (finetune-k) and tools/bench-variants.sh (gan-*).
#   tools/make-samples.sh [DATA]     DATA: the default training set (tools/train-default.sh makes data/default)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-data/default}"
s=samples
./fontgan render "你好，世界。Hello, world!" -o $s/hello.png
for style in ukai wenkai song smiley seto marker; do
  ./fontgan render "春眠不觉晓，处处闻啼鸟。" --style $style --seed 2 -o $s/style-$style.png
done
./fontgan render "$(printf '春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。')" --style brush --background paper --seed 4 -o $s/poem-brush.png
./fontgan render "The quick brown fox jumps over the lazy dog." --font comic --background paper --seed 3 -o $s/render-font.png
if [ -f "$data/manifest.json" ]; then
  ./fontgan glyphs preview "$data" --split test -o $s/glyphs-preview.png
  ./fontgan eval --data "$data" --json --report $s/eval-default.html --quiet > $s/eval-default.json
fi
rm -rf /tmp/fontgan-grid
./fontgan dataset --corpus corpus/text/en.txt --corpus corpus/text/zh.txt --min-len 4 --max-len 10 \
  --styles default:all=0.6,fonts:handwriting=0.4 --count 40 --seed 7 --out /tmp/fontgan-grid --quiet
./fontgan dataset preview /tmp/fontgan-grid -o $s/dataset-grid.png --lines 40
