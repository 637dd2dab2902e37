#!/usr/bin/python3
"""Regenerate corpus/charsets/*.txt (one character per line, UTF-8, trailing newline).

  digits.txt      0-9
  latin.txt       A-Z a-z
  ascii.txt       printable ASCII 0x21-0x7E (space excluded)
  zh-punct.txt    Chinese punctuation in common use (full-width forms, quotes, brackets, dashes)
  gb2312-1.txt    the 3,755 GB2312 level-1 hanzi, rows 0xB0-0xD7 in code order
  common-3500.txt the 3,500 most frequent hanzi by a ranking derived from the word
                  frequencies of jieba's dict.txt (Debian package python3-jieba, MIT/Expat):
                  each word's frequency is added to every character it contains (once per
                  occurrence); only characters encodable in GB2312 (levels 1 and 2) count;
                  ties are broken by GB2312 code order. Frequency order, most frequent first.

Usage: /usr/bin/python3 tools/make-charsets.py [--dict PATH/TO/dict.txt] [--out corpus/charsets]
Without --dict it runs `apt-get download python3-jieba` into a temporary folder and unpacks it.
"""
import argparse
import collections
import glob
import os
import subprocess
import sys
import tempfile

COMMON_SIZE = 3500
ZH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·～"


def gb2312_level1():
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:  # row 55 ends at 0xD7F9 (5 empty cells)
                break
            chars.append(bytes([hi, lo]).decode("gb2312"))
    return chars


def gb2312_hanzi_order():
    """Both levels (rows 0xB0-0xF7) -> {char: code} for every hanzi GB2312 encodes."""
    order = {}
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            order[ch] = (hi << 8) | lo
    return order


def fetch_jieba_dict(workdir):
    subprocess.run(["apt-get", "download", "python3-jieba"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    deb = glob.glob(os.path.join(workdir, "python3-jieba_*.deb"))[0]
    root = os.path.join(workdir, "root")
    subprocess.run(["dpkg", "-x", deb, root], check=True)
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True,
                             capture_output=True, text=True).stdout.strip()
    return glob.glob(os.path.join(root, "usr/lib/python3/dist-packages/jieba/dict.txt"))[0], version


def common_chars(dict_path, gb_order):
    freq = collections.Counter()
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, count = parts[0], int(parts[1])
            for ch in word:
                if ch in gb_order:
                    freq[ch] += count
    ranked = sorted(freq, key=lambda ch: (-freq[ch], gb_order[ch]))
    if len(ranked) < COMMON_SIZE:
        sys.exit(f"only {len(ranked)} GB2312 hanzi found in {dict_path}")
    return ranked[:COMMON_SIZE]


def write(out_dir, name, chars):
    assert len(set(chars)) == len(chars), name
    path = os.path.join(out_dir, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(ch + "\n" for ch in chars))
    os.replace(tmp, path)
    print(f"{path}: {len(chars)} characters")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("--dict", help="jieba dict.txt (default: fetch python3-jieba with apt-get)")
    p.add_argument("--out", default=os.path.join(here, "..", "corpus", "charsets"))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)

    write(a.out, "digits.txt", [chr(c) for c in range(ord("0"), ord("9") + 1)])
    write(a.out, "latin.txt", [chr(c) for c in range(ord("A"), ord("Z") + 1)]
          + [chr(c) for c in range(ord("a"), ord("z") + 1)])
    write(a.out, "ascii.txt", [chr(c) for c in range(0x21, 0x7F)])
    write(a.out, "zh-punct.txt", list(ZH_PUNCT))
    level1 = gb2312_level1()
    assert len(level1) == 3755
    write(a.out, "gb2312-1.txt", level1)

    gb_order = gb2312_hanzi_order()
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # let apt's sandbox user write the download
        if a.dict:
            dict_path, version = a.dict, "(given path)"
        else:
            dict_path, version = fetch_jieba_dict(tmp)
        print(f"ranking from {dict_path} (python3-jieba {version})")
        write(a.out, "common-3500.txt", common_chars(dict_path, gb_order))


if __name__ == "__main__":
    main()
