import type { Codebook } from '../codebook/schema.js';
import { fixed } from './render.js';
import type { CodedSegments } from './counts.js';
import { mixIndex } from './mix-index.js';
import type { Table } from './table.js';

/**
 * Paradigm weights of a set of codes: each coding (a segment with a code) counts toward its code's
 * paradigms, split equally when the code lists several (a code pointing to NPM and NG adds ½ to each).
 */
export function paradigmWeights(counts: CodedSegments, codebook: Codebook, actor?: string): number[] {
  const weights = codebook.paradigms.map(() => 0);
  for (const code of codebook.codes) {
    if (actor !== undefined && code.actor !== actor) continue;
    const n = counts.byCode.get(code.id)?.size ?? 0;
    if (n === 0) continue;
    for (const p of code.paradigms)
      weights[codebook.paradigms.findIndex((q) => q.id === p)]! += n / code.paradigms.length;
  }
  return weights;
}

/** Per actor and overall: the share of each paradigm, the dominant paradigm(s) and the mix index. */
export function paradigmsTable(counts: CodedSegments, codebook: Codebook): Table {
  const ids = codebook.paradigms.map((p) => p.id);
  const row = (name: string, weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const max = Math.max(...weights);
    const dominant = total === 0 ? '' : ids.filter((_, i) => weights[i] === max).join(', ');
    return [
      name,
      String(Math.round(total)),
      ...weights.map((w) => fixed(total === 0 ? null : w / total)),
      dominant,
      fixed(mixIndex(weights)),
    ];
  };
  return {
    name: 'paradigms',
    title: 'Governance paradigms',
    columns: ['actor', 'codings', ...ids, 'dominant', 'mix index'],
    align: ['left', 'right', ...ids.map(() => 'right' as const), 'left', 'right'],
    rows: [
      ...codebook.actors.map((a) => row(a.id, paradigmWeights(counts, codebook, a.id))),
      row('all actors', paradigmWeights(counts, codebook)),
    ],
    notes: [
      `codings: coded (segment, code) pairs. Each counts toward the paradigms of its code, split equally when the code lists several (a code for ${ids.slice(1, 3).join(' and ')} adds 0.5 to each).`,
      `${ids.join(', ')}: ${codebook.paradigms.map((p) => p.label).join(', ')}; shares of the actor's codings.`,
      `mix index: Shannon entropy of the ${ids.length} paradigm shares divided by ln ${ids.length}: 0 = one paradigm only, 1 = an even mix.`,
    ],
  };
}
