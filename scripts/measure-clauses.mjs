#!/usr/bin/env node
// How well the clause rules (src/coding/clauses/analyse.ts) tell an agent from a target, measured
// on the UD Dutch treebanks (Alpino, LassySmall): for every noun or pronoun that is the subject
// (nsubj) of an active verb, the subject of a passive (nsubj:pass), the object (obj, iobj) or the
// door-agent (obl:agent) of a verb, the rules relate that word to its verb. Gold: nsubj and
// obl:agent → agent; nsubj:pass, obj and iobj → target.
// Usage: npm run build && node scripts/measure-clauses.mjs [ud-dir]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = process.argv[2] ?? '/work/shared/nlp/ud-dutch';
const { analyseSentence, relate, tokensOf } = await import('../dist/coding/clauses/analyse.js');
const GOLD = { nsubj: 'agent', 'obl:agent': 'agent', 'nsubj:pass': 'target', obj: 'target', iobj: 'target' };
const counts = {};
const bump = (gold, got) => {
  counts[gold] ??= {};
  counts[gold][got] = (counts[gold][got] ?? 0) + 1;
};
for (const f of readdirSync(DIR)
  .filter((x) => x.endsWith('.conllu'))
  .sort()) {
  let text = '';
  let rows = [];
  const flush = () => {
    if (rows.length === 0) return;
    // Character offsets of each token in the sentence text.
    let at = 0;
    for (const r of rows) {
      const i = text.indexOf(r.form, at);
      r.start = i;
      r.end = i + r.form.length;
      if (i >= 0) at = r.end;
    }
    const a = analyseSentence(text);
    for (const r of rows) {
      const gold = GOLD[r.deprel];
      if (!gold || !['NOUN', 'PROPN', 'PRON'].includes(r.upos) || r.start < 0) continue;
      const head = rows.find((h) => h.id === r.head);
      if (!head || head.upos !== 'VERB' || head.start < 0) continue;
      const m = tokensOf(a, r.start, r.end);
      const v = tokensOf(a, head.start, head.end);
      if (!m || !v) continue;
      bump(r.deprel, relate(a, m, v).relation);
    }
    rows = [];
  };
  for (const line of readFileSync(join(DIR, f), 'utf8').split('\n')) {
    if (line.startsWith('# text = ')) text = line.slice(9);
    else if (line === '') flush();
    else if (!line.startsWith('#')) {
      const c = line.split('\t');
      if (!c[0].includes('-') && !c[0].includes('.'))
        rows.push({ id: c[0], form: c[1], upos: c[3], head: c[6], deprel: c[7].replace(/:relsubj$/u, '') });
    }
  }
  flush();
}
let right = 0;
let decided = 0;
let total = 0;
console.log('| relation (gold) | cases | agent | target | partner | related | none |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [deprel, c] of Object.entries(counts).sort()) {
  const gold = GOLD[deprel];
  const n = Object.values(c).reduce((s, x) => s + x, 0);
  total += n;
  right += c[gold] ?? 0;
  decided += (c.agent ?? 0) + (c.target ?? 0);
  console.log(
    `| ${deprel} (${gold}) | ${n} | ${c.agent ?? 0} | ${c.target ?? 0} | ${c.partner ?? 0} | ${c.related ?? 0} | ${c.none ?? 0} |`,
  );
}
console.log(
  `\nright: ${right} of ${total} (${((100 * right) / total).toFixed(1)}%); of the ${decided} decided agent/target: ${((100 * right) / decided).toFixed(1)}% right`,
);
