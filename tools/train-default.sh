#!/usr/bin/env bash
# Trains the embedded default style pack from scratch, resumably, on this machine's CPU.
#   tools/train-default.sh [STEPS]      (default 7000 iterations; rerun to resume after a stop)
# Then: ./fontgan export runs/default -o src/main/resources/dev/fontgan/style/default.fgstyle
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-7000}"
F=fonts
data=data/default
if [ ! -f "$data/manifest.json" ]; then
  ./fontgan glyphs build --source $F/wqy-microhei/wqy-microhei.ttc \
    --target $F/arphic-ukai/ukai.ttc $F/lxgw-wenkai/LXGWWenKai-Regular.ttf \
      $F/smiley-sans/SmileySans-Oblique.ttf $F/noto-serif-cjk/NotoSerifCJKsc-Regular.otf \
      $F/seto/setofont.ttf $F/cwtex-fs/cwfs.ttf $F/kouzan-mouhitsu/kouzan-mouhitsu.ttf \
      $F/kiloji/kiloji.ttf $F/comic-neue/ComicNeue-Regular.otf $F/dkg-handwriting/dkg.ttf \
      $F/kristi/Kristi.ttf $F/dancingscript/DancingScript-Regular.otf \
      $F/kaushanscript/KaushanScript-Regular.otf $F/breip/Breip.ttf \
    --chars common-3500+ascii --size 64 --out "$data"
fi
resume=()
[ -d runs/default/checkpoints ] && resume=(--resume)
exec ./fontgan train zi2zi --data "$data" --steps "$steps" --out runs/default \
  --sample-every 500 --checkpoint-every 250 --log-every 25 --lr-halve-every 8000 "${resume[@]}"
