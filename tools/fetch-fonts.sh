#!/bin/sh
# Rebuilds every file in fonts/ from its Debian package, as listed in tools/fonts.tsv:
# downloads each package (apt-get download), unpacks it (dpkg -x), copies or subsets the font
# (tools/fontset.py, fontTools), copies the package's copyright file as the family's LICENSE,
# then rewrites fonts/catalog.json. Idempotent: run it again and fonts/ comes out the same
# (as long as the packages keep their versions; catalog.json records them).
#
#   tools/fetch-fonts.sh [--keep-downloads DIR]
#
# Needs: apt-get, dpkg, Debian's fonttools for /usr/bin/python3 (apt-get install fonttools),
# and corpus/charsets (tools/make-charsets.py) for the subset charset.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3
TSV="$ROOT/tools/fonts.tsv"
FONTS="$ROOT/fonts"

WORK=""
if [ "${1:-}" = "--keep-downloads" ] && [ -n "${2:-}" ]; then
    WORK=$(mkdir -p "$2" && cd "$2" && pwd)
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi
chmod 755 "$WORK"   # apt's sandbox user writes the downloads here

"$PY" -c 'import fontTools' 2>/dev/null || { echo "error: $PY has no fontTools (apt-get install fonttools)" >&2; exit 1; }
for f in common-3500 gb2312-1 ascii zh-punct latin; do
    [ -f "$ROOT/corpus/charsets/$f.txt" ] || { echo "error: corpus/charsets/$f.txt missing (run tools/make-charsets.py)" >&2; exit 1; }
done

rows() { grep -v '^#' "$TSV" | grep -v '^name	' | grep -v '^$'; }

# 1. download and unpack each package once; remember its version
: > "$WORK/versions.txt"
for pkg in $(rows | cut -f3 | sort -u); do
    if [ ! -d "$WORK/$pkg" ]; then
        (cd "$WORK" && rm -f "${pkg}"_*.deb && apt-get download -q "$pkg" >/dev/null 2>&1) \
            || { echo "error: apt-get download $pkg failed" >&2; exit 1; }
        dpkg -x "$WORK/${pkg}"_*.deb "$WORK/$pkg"
    fi
    echo "$pkg $(dpkg-deb -f "$WORK/${pkg}"_*.deb Version)" >> "$WORK/versions.txt"
done

# 2. fonts and licenses
TAB=$(printf '\t')
rows | while IFS="$TAB" read -r name role pkg src dest license mode rename; do
    family=${dest%%/*}
    mkdir -p "$FONTS/$family"
    cp "$WORK/$pkg/usr/share/doc/$pkg/copyright" "$FONTS/$family/LICENSE"
    case "$mode" in
        copy) cp "$WORK/$pkg/$src" "$FONTS/$dest.tmp" && mv "$FONTS/$dest.tmp" "$FONTS/$dest" ;;
        *)    "$PY" "$ROOT/tools/fontset.py" subset "$WORK/$pkg/$src" "$FONTS/$dest" "$mode" "$rename" 2>"$WORK/subset.log" \
                  || { cat "$WORK/subset.log" >&2; exit 1; } ;;
    esac
    echo "$name: fonts/$dest ($mode, $(du -k "$FONTS/$dest" | cut -f1) KiB)"
done

# 3. catalog
"$PY" "$ROOT/tools/fontset.py" catalog "$FONTS" "$TSV" "$WORK/versions.txt"
du -sh "$FONTS"
