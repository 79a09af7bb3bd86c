import type { Codebook, CriterionDefinition } from './schema.js';

/**
 * Which include/exclude criteria of a codebook the automatic coder applies, and which remain for
 * human coders only (`llo codebook validate`, llo issue 11). A criterion is machine-applied when
 * it is written `{ text, applied-by }`, naming the rule that carries it out.
 */
export interface Criterion {
  code: string;
  kind: 'include' | 'exclude';
  text: string;
  /** The machine rule that applies it, or undefined: for people only. */
  appliedBy?: string;
}

export function criteria(codebook: Codebook): Criterion[] {
  const out: Criterion[] = [];
  for (const code of codebook.codes) {
    for (const kind of ['include', 'exclude'] as const) {
      for (const c of code[kind] ?? []) out.push({ code: code.id, kind, ...describe(c) });
    }
  }
  return out;
}

function describe(c: CriterionDefinition): { text: string; appliedBy?: string } {
  return typeof c === 'string' ? { text: c } : { text: c.text, appliedBy: c['applied-by'] };
}

/** Why a criterion's `applied-by` names a rule the code does not have, or undefined. */
export function missingRule(codebook: Codebook, codeId: string, rule: string): string | undefined {
  const code = codebook.codes.find((c) => c.id === codeId)!;
  const actor = codebook.actors.find((a) => a.id === code.actor);
  switch (rule) {
    case 'actor-as':
      return (code['actor-as'] ?? 'any') === 'any'
        ? 'applied-by: actor-as needs the code to say actor-as: agent or target'
        : undefined;
    case 'vetoes':
      return (code.vetoes ?? []).length === 0 ? 'applied-by: vetoes needs the code to have vetoes' : undefined;
    case 'stop':
      return (codebook.stop ?? []).length === 0
        ? 'applied-by: stop needs the codebook to have stop phrases'
        : undefined;
    case 'actor-vetoes':
      return (actor?.vetoes ?? []).length === 0
        ? `applied-by: actor-vetoes needs the actor "${code.actor}" to have vetoes`
        : undefined;
    case 'indicators':
      return (code.indicators ?? []).length === 0
        ? 'applied-by: indicators needs the code to have indicators'
        : undefined;
    default:
      return undefined;
  }
}
