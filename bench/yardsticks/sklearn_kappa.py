"""Yardstick for `llo agreement --data`: a Python user's whole process on the same CSV.

Reads `unit,coder,value` with the standard library's csv module (two coders, "a" and "b"), then
computes Cohen's kappa with scikit-learn over the units both coded. Run by bench/bench.mjs with
Debian's python3 and python3-sklearn.
"""
import csv
import sys

from sklearn.metrics import cohen_kappa_score

first, second = {}, {}
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    for unit, coder, value in rows:
        (first if coder == "a" else second)[unit] = value
units = [u for u in first if u in second]
print(cohen_kappa_score([first[u] for u in units], [second[u] for u in units]))
