"""Yardstick for `llo agreement --data`: NLTK's Krippendorff's alpha, whole process, same CSV.

Reads `unit,coder,value` with the standard library's csv module and computes nominal alpha with
NLTK's AnnotationTask (triples of coder, item, label). Run by bench/bench.mjs with Debian's
python3 and python3-nltk.
"""
import csv
import sys

from nltk.metrics.agreement import AnnotationTask

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    data = [(coder, unit, value) for unit, coder, value in rows]
print(AnnotationTask(data=data).alpha())
