import { loadCodebook } from '../codebook/load.js';
import type { Codebook } from '../codebook/schema.js';
import { readSegments } from '../corpus/read-segments.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { AutoCoder, DEFAULT_MIN_CONFIDENCE, toCoding } from './auto.js';
import { readAllCodings, type Coding } from './codings.js';
import { confidenceCurve, evaluate, type CurvePoint, type Evaluation } from './evaluate.js';
import { Matcher } from './matcher.js';

/**
 * `llo evaluate`: codes the segments file in document order (so that a sentence gets the context
 * of the one before it, as in `llo code`), keeps the segments the reference covers, and scores the
 * codings at the default confidence threshold, with the curve along thresholds.
 */
export interface EvaluateResult extends Evaluation {
  reference: string[];
  codebook: string;
  version: string;
  minConfidence: number;
  curve: CurvePoint[];
}

export async function runEvaluate(options: {
  references: string[];
  codebook: string;
  /** The segments files the references were coded on (a reference segment is looked up in all). */
  segments: string[];
  minConfidence?: number;
}): Promise<EvaluateResult> {
  const { codebook } = await loadCodebook(options.codebook);
  const reference = (await Promise.all(options.references.map((f) => readAllCodings(f)))).flat();
  const { predicted } = await codeReference(reference, codebook, options.segments);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const kept = predicted.filter((p) => (p.confidence ?? 1) >= minConfidence - 1e-9);
  return {
    reference: options.references,
    codebook: options.codebook,
    version: codebook.version,
    minConfidence,
    ...evaluate(reference, kept, codebook),
    curve: confidenceCurve(reference, predicted, codebook),
  };
}

/**
 * Every automatic coding (at any confidence) of the segments a reference covers, coded in the
 * order of the segments file; refuses a reference segment the file does not hold.
 */
export async function codeReference(
  reference: readonly Coding[],
  codebook: Codebook,
  segmentsFiles: string | readonly string[],
): Promise<{ segments: Segment[]; predicted: Coding[] }> {
  const files = typeof segmentsFiles === 'string' ? [segmentsFiles] : segmentsFiles;
  const wanted = new Set(reference.map((r) => r.segment));
  const matcher = new Matcher(codebook);
  const predicted: Coding[] = [];
  const segments: Segment[] = [];
  const found = new Set<string>();
  for (const file of files) {
    const auto = new AutoCoder(matcher, 0);
    for await (const s of readSegments(file)) {
      const matches = auto.matches(s);
      if (!wanted.has(s.segment) || found.has(s.segment)) continue;
      found.add(s.segment);
      segments.push(s);
      for (const m of matches) predicted.push(toCoding(s, m, 'auto'));
    }
  }
  const missing = [...wanted].filter((s) => !found.has(s));
  if (missing.length > 0)
    throw new LloError(
      'LLO_UNKNOWN_SEGMENT',
      `${missing.length} reference segment(s) are not in the segments file, e.g. "${missing[0]}"`,
      { file: files.join(', ') },
    );
  return { segments, predicted };
}
