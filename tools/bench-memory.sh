#!/usr/bin/env bash
# Resident memory over long training runs (native leaks show as RSS growth), one variant after
# another, niced, into OUT/memory-VARIANT.json. Usage: tools/bench-memory.sh [OUT] [STEPS] [VARIANTS...]
#   nohup tools/bench-memory.sh /work/scratch/me/memory 10000 dcgan wgan-gp &
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/runs/bench-memory}"
steps="${2:-10000}"
shift $(( $# < 2 ? $# : 2 ))
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(dcgan wgan-gp)
mkdir -p "$out"
for v in "${variants[@]}"; do
    f="$out/memory-$v.json"
    [ -s "$f" ] && { echo "$v: done already ($f)"; continue; }
    echo "$v: $steps steps, log in $out/memory-$v.log"
    FONTGAN_THREADS=1 nice -n 5 "$here/fontgan" bench memory --variant "$v" --steps "$steps" --every 500 --json \
        > "$f.tmp" 2> "$out/memory-$v.log"
    mv "$f.tmp" "$f"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%s: RSS start %.0f MB, middle %.0f MB, end %.0f MB' % (r['variant'], r['start_rss_mb'], r['middle_rss_mb'], r['end_rss_mb']))" "$f"
done
