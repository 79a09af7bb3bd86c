// Per-document scores of the automatic coder on TUNING references only (llo issue 11, point 8).
//
//   npm run build && node scripts/tuning-report.mjs [--errors] [--extra] [--codebook FILE] [--min X]
//
// The rules are not trained, so leaving one document out is scoring each tuning document on its
// own: a change is kept when the mean F1 over the documents rises and no document falls (the
// proxy for how the change generalises to documents not seen). Units: the regulation, kst-30012-139,
// kst-30012-141 and the coalition agreement's "Arbeidsmarkt en inkomen" (reference-tuning.csv);
// with --extra also the documents of the extra sample (another coder's conventions: read its
// figures for precision, not as a recall target). `--errors` lists the misses and false codes with
// their sentence. The held-out reference is refused: its sentences and misses are never read.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadCodebook } from '../dist/codebook/load.js';
import { readAllCodings } from '../dist/coding/codings.js';
import { codeReference } from '../dist/coding/evaluate-run.js';
import { evaluate } from '../dist/coding/evaluate.js';
import { DEFAULT_MIN_CONFIDENCE } from '../dist/coding/auto.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const codebookFile = option('--codebook', 'codebooks/llo.yaml');
const min = Number(option('--min', String(DEFAULT_MIN_CONFIDENCE)));
const samples = [
  { name: 'tuning', reference: 'corpus/reference/reference-tuning.csv', segments: 'corpus/reference/segments.csv' },
];
if (flag('--extra'))
  samples.push({
    name: 'extra',
    reference: 'corpus/reference/extra/reference-extra.csv',
    segments: 'corpus/reference/extra/segments.csv',
  });
for (const s of samples) if (/heldout/u.test(s.reference)) throw new Error('the held-out reference is not for tuning');

const { codebook } = await loadCodebook(codebookFile);
const dir = mkdtempSync(join(tmpdir(), 'llo-tuning-'));
const f = (x) => (x === null ? ' n/a' : x.toFixed(2));
try {
  for (const sample of samples) {
    const reference = await readAllCodings(sample.reference);
    // Only the reference's own segments are coded (context comes from the same section, which holds no other part).
    const ids = new Set(reference.map((r) => r.segment));
    const rows = parse(readFileSync(sample.segments), { columns: true });
    const file = join(dir, `${sample.name}.csv`);
    writeFileSync(
      file,
      stringify(
        rows.filter((r) => ids.has(r.segment)),
        { header: true, columns: Object.keys(rows[0]) },
      ),
    );
    const { segments, predicted } = await codeReference(reference, codebook, file);
    const kept = predicted.filter((p) => (p.confidence ?? 1) >= min - 1e-9);
    const docs = [...new Set(reference.map((r) => r.document))];
    console.log(`\n${sample.name}: codebook ${codebook.version}, confidence ≥ ${min}`);
    console.log('document'.padEnd(32), 'sent  TP  FP  FN     P     R    F1');
    const f1s = [];
    for (const d of docs) {
      const e = evaluate(
        reference.filter((r) => r.document === d),
        kept.filter((p) => p.document === d),
        codebook,
      ).overall;
      f1s.push(e.f1 ?? 0);
      const n = new Set(reference.filter((r) => r.document === d).map((r) => r.segment)).size;
      console.log(
        d.padEnd(32),
        String(n).padStart(4),
        ...[e.truePositives, e.falsePositives, e.falseNegatives].map((x) => String(x).padStart(3)),
        f(e.precision).padStart(5),
        f(e.recall).padStart(5),
        f(e.f1).padStart(5),
      );
    }
    const all = evaluate(reference, kept, codebook);
    const o = all.overall;
    console.log(
      'micro'.padEnd(32),
      String(ids.size).padStart(4),
      ...[o.truePositives, o.falsePositives, o.falseNegatives].map((x) => String(x).padStart(3)),
      f(o.precision).padStart(5),
      f(o.recall).padStart(5),
      f(o.f1).padStart(5),
    );
    console.log('mean F1 over documents'.padEnd(32), (f1s.reduce((a, b) => a + b, 0) / f1s.length).toFixed(3));
    for (const a of all.perActor)
      console.log(
        '  ' + a.actor.padEnd(30),
        `P ${f(a.scores.precision)} R ${f(a.scores.recall)} F1 ${f(a.scores.f1)} (${a.scores.truePositives}/${a.scores.support})`,
      );
    const coded = new Map();
    for (const p of kept) coded.set(p.segment, (coded.get(p.segment) ?? 0) + 1);
    const n = [...coded.values()];
    console.log('  codes per coded sentence', (n.reduce((a, b) => a + b, 0) / Math.max(1, n.length)).toFixed(2));
    if (flag('--rules')) {
      // True and false codings by the kind of rule that decided them.
      const gold = new Set(reference.filter((r) => r.code).map((r) => `${r.segment} ${r.code}`));
      const kinds = new Map();
      for (const p of kept) {
        const kind = p.rule;
        const k = kinds.get(kind) ?? [0, 0];
        k[gold.has(`${p.segment} ${p.code}`) ? 0 : 1]++;
        kinds.set(kind, k);
      }
      for (const [k, [tp, fp]] of [...kinds].sort()) console.log(`  rule ${k.padEnd(50)} TP ${tp} FP ${fp}`);
    }
    if (flag('--errors')) {
      const gold = new Set(reference.filter((r) => r.code).map((r) => `${r.segment} ${r.code}`));
      const guess = new Map(kept.map((p) => [`${p.segment} ${p.code}`, p]));
      const lower = new Map(predicted.map((p) => [`${p.segment} ${p.code}`, p]));
      for (const s of segments) {
        const fn = [...gold].filter((g) => g.startsWith(`${s.segment} `) && !guess.has(g)).map((g) => g.split(' ')[1]);
        const fp = [...guess.keys()]
          .filter((g) => g.startsWith(`${s.segment} `) && !gold.has(g))
          .map((g) => g.split(' ')[1]);
        if (fn.length + fp.length === 0) continue;
        console.log(`\n[${s.segment}] ${s.text}`);
        for (const c of fn) {
          const low = lower.get(`${s.segment} ${c}`);
          console.log(`   MISS ${c}${low ? `  (had ${low.confidence} ${low.rule}: ${low.evidence})` : ''}`);
        }
        for (const c of fp) {
          const p = guess.get(`${s.segment} ${c}`);
          console.log(`   FALSE ${c}  ${p.confidence} ${p.rule}: ${p.evidence}`);
        }
      }
    }
  }
  // The issue's check that precision does not pay for recall: mean codes per coded segment of the
  // bundled corpus (paragraphs; out/segments.csv from `npm start`). Only the counts are printed.
  if (flag('--bundled')) {
    const { AutoCoder } = await import('../dist/coding/auto.js');
    const { Matcher } = await import('../dist/coding/matcher.js');
    const { readSegments } = await import('../dist/corpus/read-segments.js');
    const coder = new AutoCoder(new Matcher(codebook), min);
    let codings = 0;
    let coded = 0;
    const perDocument = new Map();
    for await (const s of readSegments('out/segments.csv')) {
      const n = coder.code(s, 'x').length;
      codings += n;
      if (n > 0) coded++;
      if (n > 0) perDocument.set(s.document, [...(perDocument.get(s.document) ?? []), n]);
    }
    console.log(
      `\nbundled corpus: ${codings} codings in ${coded} segments, mean ${(codings / coded).toFixed(2)} (limit 2.50)`,
    );
    if (flag('--rules'))
      for (const [d, n] of perDocument) console.log(`  ${d}: codes per coded segment ${n.join(' ')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
