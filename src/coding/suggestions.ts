import type { Codebook } from '../codebook/schema.js';
import type { Segment, Unit } from '../corpus/segments.js';
import { AutoCoder } from './auto.js';
import { learnedModel } from './learn/run.js';
import { Matcher } from './matcher.js';

/**
 * The suggestions an interactive session shows for each segment (called in document order, so the
 * coder's context from one segment to the next is the same as in `llo code`): the codes the rules
 * apply at the default threshold and, with `--learn-from`, the codes a model learnt from the
 * coder's hand decisions gives; ranked by confidence (the model's probability), most confident
 * first, ties by code.
 */
export async function suggestionSource(options: {
  corpus: string;
  segments?: string;
  unit: Unit;
  codebook: Codebook;
  learnFrom?: { files: string[]; segments?: string[] | undefined };
}): Promise<(segment: Segment) => { code: string; evidence: string }[]> {
  const model = await learnedModel({ ...options, codebook: options.codebook });
  const auto = new AutoCoder(new Matcher(options.codebook), undefined, model);
  return (segment) =>
    auto
      .code(segment, 'suggestion')
      .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((c) => ({ code: c.code, evidence: c.evidence }));
}
