#!/usr/bin/env bash
# Pictures of a BicycleGAN pack for samples/ (README's BicycleGAN section), with the project's commands.
#   tools/make-bicycle-samples.sh PACK [DATA]
#   PACK: a bicycle pack (fontgan export RUN -o PACK); DATA: its dataset, for the evaluation report
set -euo pipefail
cd "$(dirname "$0")/.."
pack="${1:?usage: tools/make-bicycle-samples.sh PACK [DATA]}"
data="${2:-data/default}"
s=samples
line="春眠不觉晓，处处闻啼鸟。Spring dawn"
./fontgan styles grid --pack "$pack" --chars "永字八法ABCabc" --count 8 --seed 1 -o $s/bicycle-grid.png
./fontgan styles grid --pack "$pack" --chars "永字八法ABCabc" --count 0 --named -o $s/bicycle-named.png
for seed in 7 8 9; do
  ./fontgan render "$line" --pack "$pack" --z random --seed $seed -o $s/bicycle-random-$seed.png
done
# reference pictures: four characters of a hand the pack never saw (Klee One), written by render
mkdir -p $s/reference
for c in 永 字 八 法; do
  ./fontgan render "$c" --font fonts/klee/KleeOne-Regular.ttf --jitter 0 --size 96 -o "$s/reference/klee-$c.png"
done
kline="天地玄黄，宇宙洪荒。"
# rows: the four pictures' averaged code (--refine 0), the code refined (the default --refine), Klee One itself
tmp=$(mktemp -d)
./fontgan render "$kline" --pack "$pack" --reference $s/reference/klee-*.png --refine 0 -o $tmp/encoded.png
./fontgan render "$kline" --pack "$pack" --reference $s/reference/klee-*.png -o $tmp/refined.png
./fontgan render "$kline" --font fonts/klee/KleeOne-Regular.ttf --jitter 0 -o $s/klee-font.png
java tools/StackImages.java $s/bicycle-reference-klee.png $tmp/encoded.png $tmp/refined.png $s/klee-font.png
rm -rf "$tmp"
if [ -f "$data/manifest.json" ]; then
  ./fontgan eval --pack "$pack" --data "$data" --json --report $s/eval-bicycle.html --quiet > $s/eval-bicycle.json
fi
rm -rf /tmp/fontgan-bicycle-grid
./fontgan dataset --corpus corpus/text/zh.txt --min-len 4 --max-len 10 --pack "$pack" \
  --styles bicycle:random --count 24 --seed 7 --out /tmp/fontgan-bicycle-grid --quiet
./fontgan dataset preview /tmp/fontgan-bicycle-grid -o $s/bicycle-dataset-grid.png --lines 24
