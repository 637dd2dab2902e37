#!/usr/bin/python3
"""Font-set helper for tools/fetch-fonts.sh (needs Debian's fonttools: run with /usr/bin/python3).

  fontset.py subset SRC DEST MODE RENAME   subset one font (TTF/OTF/TTC) to the CJK charset union
  fontset.py catalog FONTS_DIR TSV PKGVERSIONS   write FONTS_DIR/catalog.json
  fontset.py coverage FONTS_DIR                  print per-font coverage of the shipped charsets

The CJK charset union is common-3500 + gb2312-1 + ascii + zh-punct from corpus/charsets, plus
U+0020 and U+3000 (spaces). Code points whose glyph has no outline (some fonts map characters
they lack to an empty glyph) are left out of the cmap, so "mapped" means "drawn". Subsetting
keeps every member's metrics (hmtx/hhea/OS/2/vhea/vmtx), all name records, all layout features,
glyph names and an outlined .notdef; hinting is dropped. TTC members are subset to one shared
glyph set so that glyf/loca/hmtx stay shared between members in the rebuilt collection.
"""
import hashlib
import json
import os
import sys

from fontTools import subset
from fontTools.pens.boundsPen import ControlBoundsPen
from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
CHARSETS = os.path.join(HERE, "..", "corpus", "charsets")
UNION_FILES = ["common-3500.txt", "gb2312-1.txt", "ascii.txt", "zh-punct.txt"]
SPACES = [0x20, 0x3000]
# The Arphic Public License asks for a notice in each modified file saying how and when.
NOTICE = ("Modified 2026-11-23 for the fontgan project by tools/fetch-fonts.sh: subset to the "
          "characters of common-3500, GB2312 level 1, ASCII and Chinese punctuation; "
          "hinting removed.")
RENAMED_NAME_IDS = {1, 3, 4, 6, 16, 17, 18, 21, 22}


def read_charset(name):
    with open(os.path.join(CHARSETS, name), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.rstrip("\n")]


def union_codepoints():
    cps = set(SPACES)
    for name in UNION_FILES:
        for ch in read_charset(name):
            cps.add(ord(ch))
    return sorted(cps)


def has_outline(font, glyph_name):
    pen = ControlBoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph_name].draw(pen)
    return pen.bounds is not None


def drawn_codepoints(font, codepoints):
    """Code points of `codepoints` the font maps to a glyph with an outline (spaces always)."""
    cmap = font.getBestCmap() or {}
    return [cp for cp in codepoints
            if cp in cmap and (cp in SPACES or has_outline(font, cmap[cp]))]


def subset_options():
    o = subset.Options()
    o.layout_features = ["*"]
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.glyph_names = True
    o.notdef_glyph = True
    o.notdef_outline = True
    o.recalc_bounds = True
    o.hinting = False
    o.legacy_kern = True
    o.drop_tables = [t for t in o.drop_tables if t not in ("vhea", "vmtx")]
    return o


def add_notice_and_rename(font, rename):
    name = font["name"]
    for rec in list(name.names):
        text = rec.toUnicode()
        if rec.nameID in RENAMED_NAME_IDS:
            for old, new in rename:
                text = text.replace(old, new)
            if rec.nameID == 6:  # PostScript name: printable ASCII without spaces
                text = text.replace(" ", "")
            rec.string = text
    desc = name.getDebugName(10)
    text = NOTICE if not desc else desc + " " + NOTICE
    name.setName(text, 10, 3, 1, 0x409)
    if any(r.platformID == 1 for r in name.names):
        name.setName(text, 10, 1, 0, 0)


def outlines_offset(font):
    for tag in ("glyf", "CFF ", "CFF2"):
        if font.reader is not None and tag in font.reader.tables:
            return font.reader.tables[tag].offset
    return None


def subset_members(fonts, codepoints, rename):
    """Subsets TTFonts in place. Members of a collection that share one outline table get one
    shared glyph set (by glyph id: names may differ between members) so that the rebuilt
    collection shares glyf/loca/hmtx again; others are subset on their own."""
    per_member = [drawn_codepoints(f, codepoints) for f in fonts]
    offsets = {outlines_offset(f) for f in fonts}
    shared_gids = None
    if len(fonts) > 1 and len(offsets) == 1 and None not in offsets:
        shared_gids = set()
        for f, cps in zip(fonts, per_member):
            cmap = f.getBestCmap()
            shared_gids.update(f.getGlyphID(cmap[cp]) for cp in cps)
    for f, cps in zip(fonts, per_member):
        s = subset.Subsetter(subset_options())
        if shared_gids is None:
            s.populate(unicodes=cps)
        else:
            s.populate(gids=sorted(shared_gids), unicodes=cps)
        s.subset(f)
        add_notice_and_rename(f, rename)


def cmd_subset(src, dest, mode, rename_spec):
    rename = []
    if rename_spec not in ("", "-"):
        rename = [tuple(pair.split("=>", 1)) for pair in rename_spec.split(";")]
    codepoints = union_codepoints()
    tmp = dest + ".tmp"
    if src.lower().endswith(".ttc"):
        collection = TTCollection(src, recalcTimestamp=False)
        if mode.startswith("extract:"):
            font = collection.fonts[int(mode.split(":", 1)[1])]
            subset_members([font], codepoints, rename)
            font.save(tmp)
        else:
            members = list(range(len(collection.fonts)))
            if mode.startswith("subset:"):
                members = [int(i) for i in mode.split(":", 1)[1].split(",")]
            fonts = [collection.fonts[i] for i in members]
            subset_members(fonts, codepoints, rename)
            out = TTCollection()
            out.fonts = fonts
            out.save(tmp, shareTables=True)
    else:
        font = TTFont(src, recalcTimestamp=False)
        subset_members([font], codepoints, rename)
        font.save(tmp)
    os.replace(tmp, dest)


def open_members(path):
    if path.lower().endswith(".ttc"):
        return TTCollection(path).fonts
    return [TTFont(path)]


def best_name(font, *ids):
    for i in ids:
        n = font["name"].getDebugName(i)
        if n:
            return n
    return ""


def coverage(font, chars):
    cps = drawn_codepoints(font, [ord(c) for c in chars])
    return len(cps)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_table(tsv):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            rows.append(dict(zip(header, cols)))
    return rows


def cmd_catalog(fonts_dir, tsv, versions_file):
    versions = {}
    with open(versions_file, encoding="utf-8") as f:
        for line in f:
            pkg, ver = line.split()
            versions[pkg] = ver
    latin = read_charset("latin.txt")
    common = read_charset("common-3500.txt")
    entries = []
    for row in read_table(tsv):
        path = os.path.join(fonts_dir, row["dest"])
        font = open_members(path)[0]
        scripts = []
        if coverage(font, common) >= 1000:
            scripts.append("hani")
        if coverage(font, latin) == len(latin):
            scripts.append("latn")
        family_dir = row["dest"].split("/")[0]
        entries.append({
            "file": row["dest"],
            "name": row["name"],
            "family": best_name(font, 16, 1),
            "style": best_name(font, 17, 2),
            "role": row["role"],
            "scripts": scripts,
            "format": os.path.splitext(path)[1].lower().lstrip("."),
            "license": row["license"],
            "license_file": family_dir + "/LICENSE",
            "package": row["package"],
            "version": versions[row["package"]],
            "sha256": sha256(path),
        })
    names = [e["name"] for e in entries]
    assert len(set(names)) == len(names), "duplicate names"
    out = os.path.join(fonts_dir, "catalog.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"fonts": entries}, f, ensure_ascii=False, indent=2)
        f.write("\n")
    os.replace(out + ".tmp", out)
    print(f"{out}: {len(entries)} fonts")


def cmd_coverage(fonts_dir):
    with open(os.path.join(fonts_dir, "catalog.json"), encoding="utf-8") as f:
        catalog = json.load(f)
    sets = {n: read_charset(n + ".txt") for n in ("common-3500", "gb2312-1", "ascii")}
    print("| name | role | file | glyphs | common-3500 | gb2312-1 | ascii | size |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for e in catalog["fonts"]:
        path = os.path.join(fonts_dir, e["file"])
        font = open_members(path)[0]
        cov = {n: coverage(font, chars) for n, chars in sets.items()}
        print(f"| {e['name']} | {e['role']} | {e['file']} | {len(font.getGlyphOrder())} | "
              f"{cov['common-3500']} ({100 * cov['common-3500'] / 3500:.1f}%) | "
              f"{cov['gb2312-1']} | {cov['ascii']}/94 | {os.path.getsize(path) / 1e6:.2f} MB |")


def main(argv):
    if len(argv) >= 2 and argv[1] == "subset" and len(argv) == 6:
        cmd_subset(*argv[2:])
    elif len(argv) >= 2 and argv[1] == "catalog" and len(argv) == 5:
        cmd_catalog(*argv[2:])
    elif len(argv) >= 2 and argv[1] == "coverage" and len(argv) == 3:
        cmd_coverage(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
