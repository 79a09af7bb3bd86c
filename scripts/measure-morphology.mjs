#!/usr/bin/env node
// Which way of matching Dutch word forms to a codebook lemma is more accurate: llo's own lemma
// expansion (src/text/morphology.ts) or the Snowball Dutch stemmer (@orama/stemmers, with the two
// verb rules of the team's notes)? Measured on the UD Dutch treebanks (Alpino, LassySmall):
// every verb and noun token with its gold lemma; a method "matches" a token to each lemma of the
// treebank's vocabulary (same part of speech) it would accept. Recall: tokens matched to their own
// lemma. Precision: of all (token, lemma) matches, those to the token's own lemma.
// Usage (the stemmer is not a dependency of llo; install it without saving to compare):
//   npm run build && npm i --no-save @orama/stemmers@3.1.18 && node scripts/measure-morphology.mjs [ud-dir]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = process.argv[2] ?? '/work/shared/nlp/ud-dutch';
const { verbForms, nounForms } = await import('../dist/text/morphology.js');
const { matchKey } = await import('../dist/text/normalise.js');
let stemmer;
try {
  ({ stemmer } = await import(process.env.STEMMER ?? '@orama/stemmers/dutch'));
} catch {
  console.error('(@orama/stemmers not installed: only llo’s own expansion is measured)');
}

const tokens = { VERB: [], NOUN: [] };
for (const f of readdirSync(DIR)
  .filter((x) => x.endsWith('.conllu'))
  .sort()) {
  let sentence = [];
  const flush = () => {
    for (const t of sentence) {
      if (t.upos !== 'VERB' && t.upos !== 'NOUN') continue;
      // A separable verb's particle (compound:prt) elsewhere in the sentence: the split form.
      const particle = sentence.find((p) => p.head === t.id && p.deprel === 'compound:prt');
      tokens[t.upos].push({
        form: matchKey(t.form),
        lemma: matchKey(t.lemma.replace(/_/gu, '')),
        particle: particle ? matchKey(particle.form) : undefined,
      });
    }
    sentence = [];
  };
  for (const line of readFileSync(join(DIR, f), 'utf8').split('\n')) {
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) continue;
    const c = line.split('\t');
    if (c[0].includes('-') || c[0].includes('.')) continue;
    sentence.push({ id: c[0], form: c[1], lemma: c[2], upos: c[3], head: c[6], deprel: c[7] });
  }
  flush();
}

const verbKeys = (w) => {
  // The notes' two verb rules: 3rd person -t, and the ge-…-d/t participle, stemmed as infinitives.
  const keys = new Set([stemmer(w)]);
  if (/(?:[^aeiou]t|eert|iert)$/u.test(w)) keys.add(stemmer(`${w.slice(0, -1)}en`));
  const ge = /^ge(.{4,})[dt]$/u.exec(w);
  if (ge) keys.add(stemmer(`${ge[1]}en`));
  return keys;
};

function measure(category, accept) {
  const list = tokens[category];
  const vocabulary = [...new Set(list.map((t) => t.lemma))].filter((l) => /^\p{L}+$/u.test(l));
  const index = accept(vocabulary);
  let own = 0;
  let matches = 0;
  for (const t of list) {
    const lemmas = index(t);
    matches += lemmas.size;
    if (lemmas.has(t.lemma)) own++;
  }
  return {
    tokens: list.length,
    lemmas: vocabulary.length,
    recall: own / list.length,
    precision: own / Math.max(1, matches),
  };
}

const ownVerbs = (strong) => (vocabulary) => {
  const byForm = new Map();
  const bySplit = new Map();
  for (const l of vocabulary) {
    const f = verbForms(l, { strong });
    for (const w of f.words) (byForm.get(w.form) ?? byForm.set(w.form, new Set()).get(w.form)).add(l);
    for (const w of f.split) {
      const k = `${f.particle} ${w}`;
      (bySplit.get(k) ?? bySplit.set(k, new Set()).get(k)).add(l);
    }
  }
  return (t) =>
    t.particle ? (bySplit.get(`${t.particle} ${t.form}`) ?? new Set()) : (byForm.get(t.form) ?? new Set());
};
const ownNouns = (vocabulary) => {
  const byForm = new Map();
  for (const l of vocabulary)
    for (const w of nounForms(l)) (byForm.get(w.form) ?? byForm.set(w.form, new Set()).get(w.form)).add(l);
  return (t) => byForm.get(t.form) ?? new Set();
};
const stemmed = (rules) => (vocabulary) => {
  const byStem = new Map();
  for (const l of vocabulary)
    for (const k of rules ? verbKeys(l) : [stemmer(l)]) (byStem.get(k) ?? byStem.set(k, new Set()).get(k)).add(l);
  return (t) => {
    const out = new Set();
    // A split verb is joined with its particle first (the stemmer cannot see it otherwise).
    const form = t.particle ? `${t.particle}${t.form}` : t.form;
    for (const k of rules ? verbKeys(form) : [stemmer(form)]) for (const l of byStem.get(k) ?? []) out.add(l);
    return out;
  };
};

const rows = [
  ['verbs', 'llo lemma expansion', measure('VERB', ownVerbs(true))],
  // The strong-verb table comes from these very treebanks: without it, the rules alone.
  ['verbs', 'llo lemma expansion, weak rules only', measure('VERB', ownVerbs(false))],
  ['nouns', 'llo lemma expansion', measure('NOUN', ownNouns)],
];
if (stemmer) {
  rows.push(['verbs', 'Snowball stemmer + 2 verb rules', measure('VERB', stemmed(true))]);
  rows.push(['verbs', 'Snowball stemmer alone', measure('VERB', stemmed(false))]);
  rows.push(['nouns', 'Snowball stemmer', measure('NOUN', stemmed(false))]);
}
console.log('| words | method | tokens | lemmas | precision | recall | F1 |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const [what, method, r] of rows) {
  const f1 = (2 * r.precision * r.recall) / (r.precision + r.recall);
  console.log(
    `| ${what} | ${method} | ${r.tokens} | ${r.lemmas} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${f1.toFixed(3)} |`,
  );
}
