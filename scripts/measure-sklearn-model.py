#!/usr/bin/env python3
"""A yardstick for the learnt model: could a standard text classifier find the roles the rules miss?

For each extra sample part (extra2 A and B, extra3 C and D) in turn: train one scikit-learn
logistic regression per code (word 1-2-grams and character 3-5-grams, tf-idf, class-balanced,
plus every code's rule confidence and whether llo would write it) on all other tuning samples
(never the held-out part), and score on the part: the rules alone, the model alone, and both,
along the model's probability threshold.
Usage: npm run build && /usr/bin/python3 scripts/measure-sklearn-model.py   (needs scikit-learn)
"""
import collections, csv, os, shutil, subprocess, tempfile
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

R = 'corpus/reference'
SAMPLES = {
    'tuning': (f'{R}/reference-tuning.csv', f'{R}/segments.csv'),
    'extra': (f'{R}/extra/reference-extra.csv', f'{R}/extra/segments.csv'),
    'A': (f'{R}/extra2/reference-extra2-a.csv', f'{R}/extra2/segments.csv'),
    'B': (f'{R}/extra2/reference-extra2-b.csv', f'{R}/extra2/segments.csv'),
    'C': (f'{R}/extra3/reference-extra3-c.csv', f'{R}/extra3/segments.csv'),
    'D': (f'{R}/extra3/reference-extra3-d.csv', f'{R}/extra3/segments.csv'),
}
tmp = tempfile.mkdtemp(prefix='llo-sk-')
rules_of = {}
for seg in sorted({s for _, s in SAMPLES.values()}):
    out = os.path.join(tmp, f'{len(rules_of)}.csv')
    subprocess.run(['node', 'bin/llo.js', 'code', '--segments', seg,
                    '--coder', 'auto', '--min-confidence', '0.05', '--out', out], check=True, stdout=subprocess.DEVNULL)
    rules = collections.defaultdict(dict)
    for r in csv.DictReader(open(out, encoding='utf-8')):
        rules[r['segment']][r['code']] = float(r['confidence'])
    rules_of[seg] = rules

def load(ref, seg):
    text = {r['segment']: r['text'] for r in csv.DictReader(open(seg, encoding='utf-8'))}
    codes = collections.OrderedDict()
    for r in csv.DictReader(open(ref, encoding='utf-8')):
        codes.setdefault(r['segment'], set())
        if r['code']:
            codes[r['segment']].add(r['code'])
    return [(s, text[s], c, rules_of[seg][s]) for s, c in codes.items()]

data = {k: load(*v) for k, v in SAMPLES.items()}
shutil.rmtree(tmp)
f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
for test in ['A', 'B', 'C', 'D']:
    train = [x for k, v in data.items() if k != test for x in v]
    te = data[test]
    names = sorted({c for x in train for c in x[2]})
    rule_features = lambda rows: csr_matrix(np.array(
        [[x[3].get(c, 0) for c in names] + [1.0 if x[3].get(c, 0) >= 0.45 else 0.0 for c in names] for x in rows]))
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    xtr = hstack([words.fit_transform([x[1] for x in train]), chars.fit_transform([x[1] for x in train]), rule_features(train) * 2]).tocsr()
    xte = hstack([words.transform([x[1] for x in te]), chars.transform([x[1] for x in te]), rule_features(te) * 2]).tocsr()
    prob = {}
    for c in names:
        y = np.array([c in x[2] for x in train])
        if y.sum() >= 3:
            prob[c] = LogisticRegression(C=4.0, class_weight='balanced', max_iter=2000).fit(xtr, y).predict_proba(xte)[:, 1]
    gold = {(x[0], c) for x in te for c in x[2]}
    rules = {(x[0], c) for x in te for c, v in x[3].items() if v >= 0.45}
    def score(found):
        tp = len(found & gold); p = tp / len(found) if found else 0.0; r = tp / len(gold)
        return '%.2f' % f1(p, r)
    line = [f'{test}: rules {score(rules)}']
    for th in (0.5, 0.6, 0.7, 0.8):
        model = {(x[0], c) for c, pr in prob.items() for x, p in zip(te, pr) if p >= th}
        line.append(f'model@{th} {score(model)} both {score(model | rules)}')
    print(' | '.join(line))
