#!/usr/bin/env python3
"""Reads a fontgan set's LMDB databases with py-lmdb, as LMDB trainers do, and checks them.

For lmdb/train and lmdb/val: num-samples equals the manifest's rows of that split; for every i
from 1, image-%09d holds exactly the bytes of that row's image file and label-%09d its text;
nothing else is stored (2 n + 1 entries). Needs `--format lmdb,jsonl` and the `lmdb` module
(pip install lmdb, or Debian's python3-lmdb):
  python3 tools/check_lmdb_set.py SET_DIR
"""
import json, os, sys
import lmdb


def check(root):
    rows = [json.loads(line) for line in open(os.path.join(root, 'manifest.jsonl'), encoding='utf-8')]
    for split in ('train', 'val'):
        want = [r for r in rows if r['split'] == split]
        env = lmdb.open(os.path.join(root, 'lmdb', split), readonly=True, lock=False, readahead=False, meminit=False)
        with env.begin(write=False) as txn:
            n = int(txn.get(b'num-samples'))
            assert n == len(want), f'{split}: num-samples {n}, manifest {len(want)}'
            for i, row in enumerate(want, 1):
                with open(os.path.join(root, row['path']), 'rb') as f:
                    assert txn.get(b'image-%09d' % i) == f.read(), f'{split}: image {i} differs from {row["path"]}'
                assert txn.get(b'label-%09d' % i).decode('utf-8') == row['text'], f'{split}: label {i}'
            entries = txn.stat()['entries']
            assert entries == 2 * n + 1, f'{split}: {entries} entries for {n} samples'
        env.close()
        print(f'{split}: {n} samples ok')


if __name__ == '__main__':
    check(sys.argv[1])
