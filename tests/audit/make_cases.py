#!/usr/bin/env python3
"""Writes cases.jsonl (the shared corpus's case format) for the audit files:
neg/* are clean cases (no artifacts); pos/X.in.* are dirty cases whose
artifacts are the word-level differences from pos/X.clean.*, with the kind
taken from the file name. Score from the project root with
python3 ../shared/tools/score.py tests/audit"""
import difflib, glob, json, os

KINDS = [('spam', 'spam'), ('banner', 'banner'), ('bh-', 'banner'), ('punct', 'punctuation'),
         ('moji', 'punctuation'), ('lb', 'linebreak')]
here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rows = []
for f in sorted(glob.glob('neg/*')):
    fmt = 'html' if f.endswith('.html') else 'text'
    rows.append({'id': 'neg-' + os.path.basename(f).replace('.', '-'), 'format': fmt,
                 'input': f, 'clean': f, 'artifacts': []})
for f in sorted(glob.glob('pos/*.in.*')):
    ext = f.rsplit('.', 1)[1]
    clean = f.replace('.in.', '.clean.')
    name = os.path.basename(f).split('.in.')[0]
    kind = next(k for p, k in KINDS if name.startswith(p))
    a, b = open(f).read().split(), open(clean).read().split()
    arts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != 'equal' and ext == 'txt':
            arts.append({'kind': kind, 'bad': ' '.join(a[i1:i2]), 'good': ' '.join(b[j1:j2])})
    if not arts:
        arts.append({'kind': kind, 'bad': '', 'good': ''})
    rows.append({'id': 'pos-' + name, 'format': 'html' if ext == 'html' else 'text',
                 'input': f, 'clean': clean, 'artifacts': arts})
with open('cases.jsonl', 'w') as out:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + '\n')
