#!/usr/bin/env bash
# The GAN variants benchmark (README "GAN variants"): for each variant its metric untrained
# (step 0) and after a fixed budget, and its end grid in samples/gan-VARIANT.png. One variant
# after another, niced; rerun to resume (finished variants are skipped, training resumes from
# its newest checkpoint). Prints the README table at the end (also OUT/table.md).
#   nohup tools/bench-variants.sh [OUT] > bench.log 2>&1 &
# Settings from the environment: STEPS (1500), BATCH (32), WIDTH (16), SIZE (32), VARIANTS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/runs/bench-variants}"
steps="${STEPS:-1500}"; batch="${BATCH:-32}"; width="${WIDTH:-16}"; size="${SIZE:-32}"
read -r -a variants <<< "${VARIANTS:-cgan acgan infogan infogan-font gan dcgan lsgan wgan wgan-gp dragan pix2pix}"
mkdir -p "$out" "$here/samples"
fg() { nice -n 5 "$here/fontgan" "$@"; }
json() { fg gan eval "$1" --json > "$2.tmp" && mv "$2.tmp" "$2"; }

for v in "${variants[@]}"; do
    run="$out/$v"
    if [ ! -s "$out/$v.eval-0.json" ]; then
        rm -rf "$run"
        fg gan train --variant "$v" --steps 0 --size "$size" --batch "$batch" --width "$width" --out "$run" -q
        json "$run" "$out/$v.eval-0.json"
    fi
    if [ ! -s "$out/$v.eval-end.json" ]; then
        echo "$(date -u +%H:%M) $v: training to step $steps (load $(cut -d' ' -f1-3 /proc/loadavg))"
        fg gan train --variant "$v" --steps "$steps" --out "$run" --resume -q
        json "$run" "$out/$v.eval-end.json"
        fg gan sample "$run" -o "$here/samples/gan-$v.png"
        echo "$(date -u +%H:%M) $v: done"
    fi
done

python3 - "$out" "$steps" "${variants[@]}" <<'PY' | tee "$out/table.md"
import json, sys
out, steps, variants = sys.argv[1], sys.argv[2], sys.argv[3:]

def metric(r):
    if "glyph_fid" in r and "class_accuracy" not in r:
        f = r["glyph_fid"]
        return "glyph-FID", "%.1f" % f["fid"], "floor %.1f" % f["real_floor"]
    floor = "real glyphs %.1f%%" % (100 * r["real_floor"]["acc"]) if "real_floor" in r else ""
    if "class_accuracy" in r:
        return ("class accuracy (glyph-FID)", "%.1f%% (%.1f)" % (100 * r["class_accuracy"]["acc"], r["glyph_fid"]["fid"]),
                floor + ", FID floor %.1f" % r["glyph_fid"]["real_floor"])
    if "code_accuracy" in r:
        c = r["code_accuracy"]
        one = "%.1f%% one-to-one, " % (100 * c["acc_one_to_one"]) if "acc_one_to_one" in c else ""
        return ("code-to-class accuracy", "%s%.1f%% many-to-one" % (one, 100 * c["acc"]),
                "%s; %d codes -> %d characters" % (floor, c["codes"], c["distinct_characters"]))
    u, b = r["unseen"], r["copy_source_baseline"]
    return "L1 / SSIM, unseen characters", "%.3f / %.3f" % (u["l1"], u["ssim"]), "copy source %.3f / %.3f" % (b["l1"], b["ssim"])

print("| variant | metric | step 0 | step %s | reference | train time |" % steps)
print("|---|---|---|---|---|---|")
for v in variants:
    try:
        r0 = json.load(open("%s/%s.eval-0.json" % (out, v)))
        r1 = json.load(open("%s/%s.eval-end.json" % (out, v)))
    except FileNotFoundError:
        continue
    name, m0, _ = metric(r0)
    _, m1, ref = metric(r1)
    elapsed = ""
    try:
        last = [l for l in open("%s/%s/metrics.jsonl" % (out, v)) if l.strip()][-1]
        elapsed = "%.0f min" % (json.loads(last)["elapsed_s"] / 60)
    except (OSError, IndexError, KeyError):
        pass
    print("| %s | %s | %s | %s | %s | %s |" % (v, name, m0, m1, ref, elapsed))
PY
