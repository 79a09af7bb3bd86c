#!/usr/bin/env node
// Does the learnt model (llo code --learn-from) add right codes on a sample it was not trained on?
// Trains on the reference's tuning part and the extra samples 1 and 2, codes the sentences of
// extra3 with rules and model, and scores against each part of extra3 (C, D): the rules' codings,
// the codes only the model adds, and both. Usage: npm run build && node scripts/measure-model-transfer.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const R = 'corpus/reference';
const dir = mkdtempSync(join(tmpdir(), 'llo-model-'));
const out = join(dir, 'codings.csv');
execFileSync(process.execPath, [
  'bin/llo.js',
  'code',
  '--segments',
  `${R}/extra3/segments.csv`,
  '--coder',
  'model',
  '--out',
  out,
  '--learn-from',
  `${R}/reference-tuning.csv`,
  `${R}/extra/reference-extra.csv`,
  `${R}/extra2/reference-extra2-a.csv`,
  `${R}/extra2/reference-extra2-b.csv`,
  '--learn-segments',
  `${R}/segments.csv`,
  `${R}/extra/segments.csv`,
  `${R}/extra2/segments.csv`,
]);
const rows = parse(readFileSync(out), { columns: true });
rmSync(dir, { recursive: true, force: true });
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
for (const part of ['c', 'd']) {
  const reference = parse(readFileSync(`${R}/extra3/reference-extra3-${part}.csv`), { columns: true });
  const segments = new Set(reference.map((r) => r.segment));
  const gold = new Set(reference.filter((r) => r.code).map((r) => `${r.segment} ${r.code}`));
  const pick = (keep) =>
    new Set(rows.filter((r) => segments.has(r.segment) && keep(r)).map((r) => `${r.segment} ${r.code}`));
  const score = (set) => {
    const tp = [...set].filter((k) => gold.has(k)).length;
    const p = set.size ? tp / set.size : 0;
    const r = tp / gold.size;
    return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${f1(p, r).toFixed(2)} (${set.size} codes, ${tp} right)`;
  };
  console.log(`extra3 ${part.toUpperCase()}: rules ${score(pick((r) => r.rule !== 'model'))}`);
  console.log(`           model only ${score(pick((r) => r.rule === 'model'))}`);
  console.log(`           both ${score(pick(() => true))}`);
}
