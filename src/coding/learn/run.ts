import type { Codebook } from '../../codebook/schema.js';
import { readSegments } from '../../corpus/read-segments.js';
import type { Segment, Unit } from '../../corpus/segments.js';
import { segmentSource } from '../../corpus/source.js';
import { LloError } from '../../errors.js';
import { AutoCoder, DEFAULT_MIN_CONFIDENCE, toCoding } from '../auto.js';
import { readAllCodings, type Coding } from '../codings.js';
import { evaluate, type Scores } from '../evaluate.js';
import { Matcher } from '../matcher.js';
import { LearnedModel, type TrainingExample } from './model.js';

/** The probability at or above which a learnt code becomes a suggestion. */
export const DEFAULT_MODEL_THRESHOLD = 0.5;

/** Hand decisions (manual rows) per segment: the set of codes, empty for "no code". */
export async function readDecisions(
  files: readonly string[],
): Promise<{ decisions: Map<string, Set<string>>; rows: Coding[] }> {
  const decisions = new Map<string, Set<string>>();
  const rows: Coding[] = [];
  for (const file of files) {
    for (const row of await readAllCodings(file)) {
      if (row.origin !== 'manual') continue;
      const { line: _, ...coding } = row;
      rows.push(coding);
      const set = decisions.get(row.segment) ?? new Set<string>();
      if (row.code !== '') set.add(row.code);
      decisions.set(row.segment, set);
    }
  }
  return { decisions, rows };
}

/**
 * Training examples from hand decisions: each decided segment with its text (from the segments
 * files, each read in order so the rules see the context they see in `llo code`), the rules'
 * codings and the actors named. A decided segment missing from every segments file is an error.
 */
export async function trainingExamples(
  decisions: ReadonlyMap<string, ReadonlySet<string>>,
  segmentsFiles: readonly (string | (() => AsyncIterable<Segment>))[],
  codebook: Codebook,
  where: string,
): Promise<TrainingExample[]> {
  const matcher = new Matcher(codebook);
  const out: TrainingExample[] = [];
  const seen = new Set<string>();
  for (const source of segmentsFiles) {
    const auto = new AutoCoder(matcher, 0);
    for await (const segment of typeof source === 'string' ? readSegments(source) : source()) {
      const rules = auto.matches(segment);
      const codes = decisions.get(segment.segment);
      if (!codes || seen.has(segment.segment)) continue;
      seen.add(segment.segment);
      out.push({
        segment,
        rules,
        actors: [...new Set(matcher.actorMentions(segment.text).map((m) => m.actor))],
        codes,
      });
    }
  }
  const found = new Set(out.map((e) => e.segment.segment));
  const missing = [...decisions.keys()].filter((s) => !found.has(s));
  if (missing.length > 0)
    throw new LloError(
      'LLO_UNKNOWN_SEGMENT',
      `${missing.length} hand-coded segment(s) are not in the segments (${segmentsFiles.map((f) => (typeof f === 'string' ? f : 'the corpus')).join(', ')}), e.g. "${missing[0]}"`,
      { file: where },
    );
  return out;
}

/** Trains the model of `llo code --learn-from FILE…` on hand codings and the segments they refer to. */
export async function learnFromFiles(
  files: readonly string[],
  segments: readonly (string | (() => AsyncIterable<Segment>))[],
  codebook: Codebook,
): Promise<LearnedModel> {
  const { decisions } = await readDecisions(files);
  if (decisions.size === 0)
    throw new LloError('LLO_NO_DECISIONS', 'no hand decisions (manual rows) to learn from', { file: files[0] });
  return LearnedModel.train(await trainingExamples(decisions, segments, codebook, files[0]!), codebook);
}

/**
 * `--learn-from FILE… [--learn-segments FILE…]`: the model trained on the hand codings (none without
 * --learn-from); their segments are read from the given segments files, or else from the segments
 * being coded.
 */
export async function learnedModel(options: {
  learnFrom?: { files: readonly string[]; segments?: readonly string[] | undefined } | undefined;
  corpus: string;
  unit: Unit;
  segments?: string | undefined;
  codebook: Codebook;
}): Promise<LearnedModel | undefined> {
  const { learnFrom, codebook, corpus, unit, segments } = options;
  if (!learnFrom) return undefined;
  const source = { corpus, unit, ...(segments ? { segments } : {}) };
  return learnFromFiles(
    learnFrom.files,
    learnFrom.segments && learnFrom.segments.length > 0 ? learnFrom.segments : [() => segmentSource(source)],
    codebook,
  );
}

export interface CrossValidation {
  documents: string[];
  rules: { overall: Scores; perActor: { actor: string; scores: Scores }[] };
  model: { overall: Scores; perActor: { actor: string; scores: Scores }[] };
  both: { overall: Scores; perActor: { actor: string; scores: Scores }[] };
}

/**
 * Leave-one-document-out cross-validation (`llo evaluate --cross-validate`): for each document of
 * the reference, the model is trained on the hand decisions of all other documents and predicts
 * this one; the rules (which learn nothing) code it as always. Precision, recall and F1 of the
 * rules, of the model, and of both (a code either gives), pooled over all documents.
 */
export async function crossValidate(
  referenceFiles: readonly string[],
  segmentsFiles: readonly string[],
  codebook: Codebook,
  options: { minConfidence?: number; threshold?: number } = {},
): Promise<CrossValidation> {
  const { decisions, rows } = await readDecisions(referenceFiles);
  const examples = await trainingExamples(decisions, segmentsFiles, codebook, referenceFiles[0]!);
  const documents = [...new Set(examples.map((e) => e.segment.document))];
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const threshold = options.threshold ?? DEFAULT_MODEL_THRESHOLD;
  const rules: Coding[] = [];
  const model: Coding[] = [];
  for (const document of documents) {
    const train = examples.filter((e) => e.segment.document !== document);
    const learnt = LearnedModel.train(train, codebook);
    for (const e of examples.filter((x) => x.segment.document === document)) {
      for (const m of e.rules) if (m.confidence >= minConfidence - 1e-9) rules.push(toCoding(e.segment, m, 'rules'));
      for (const p of learnt.predict(e.segment.text, e.rules, e.actors))
        if (p.probability >= threshold)
          model.push(
            toCoding(e.segment, { code: p.code, evidence: [], confidence: p.probability, rule: 'model' }, 'model'),
          );
    }
  }
  const both = [...rules, ...model];
  const score = (predicted: Coding[]) => {
    const r = evaluate(rows, predicted, codebook);
    return { overall: r.overall, perActor: r.perActor };
  };
  return { documents, rules: score(rules), model: score(model), both: score(both) };
}
