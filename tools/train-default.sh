#!/usr/bin/env bash
# Trains the embedded default style pack, resumably, on this machine's CPU.
#   tools/train-default.sh [STEPS] [TRAIN OPTIONS...]   (default 7000 iterations; rerun to resume after a stop)
# TRAIN OPTIONS go to `fontgan train zi2zi` and replace this script's own choices of the same
# options (e.g. --lr-halve-every 800). Environment:
#   DATA  glyph store (default data/default; built when missing)
#   RUN   run folder (default runs/default)
#   INIT  a zi2zi pack to start the generator from, e.g. the shipped default pack when the
#         architecture changes (same styles and encoder; see `fontgan train zi2zi --help`)
# Then: ./fontgan export "$RUN" -o src/main/resources/dev/fontgan/style/default.fgstyle
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-7000}"
shift $(( $# > 0 ? 1 : 0 ))
F=fonts
data="${DATA:-data/default}"
run="${RUN:-runs/default}"
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
opts=()
for pair in "--sample-every 500" "--checkpoint-every 250" "--log-every 25" "--lr-halve-every 8000"; do
  name="${pair%% *}"
  [[ " $* " == *" $name "* ]] || opts+=($pair)
done
if [ -d "$run/checkpoints" ]; then
  opts+=(--resume)
elif [ -n "${INIT:-}" ]; then
  opts+=(--init "$INIT")
fi
exec ./fontgan train zi2zi --data "$data" --steps "$steps" --out "$run" "${opts[@]}" "$@"
