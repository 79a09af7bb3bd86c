import { fixed, markdownTable, textTable } from '../tables/render.js';
import type { Scores } from './evaluate.js';
import type { EvaluateResult } from './evaluate-run.js';
import type { CrossValidation } from './learn/run.js';

/** The text `llo evaluate` prints: tables as plain text or Markdown. */
const HEADERS = ['precision', 'recall', 'F1', 'support', 'TP', 'FP', 'FN'];
const ALIGN = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;

function row(name: string, s: Scores): string[] {
  return [
    name,
    fixed(s.precision, 2),
    fixed(s.recall, 2),
    fixed(s.f1, 2),
    String(s.support),
    String(s.truePositives),
    String(s.falsePositives),
    String(s.falseNegatives),
  ];
}

export function renderEvaluation(result: EvaluateResult, markdown: boolean): string {
  const render = markdown ? markdownTable : textTable;
  return [
    `${result.reference.join(', ')}: ${result.segments} segments; codebook ${result.version}; codings with confidence ≥ ${result.minConfidence.toFixed(2)}\n\n`,
    render(
      ['actor', ...HEADERS],
      [...result.perActor.map((a) => row(a.actor, a.scores)), row('all codes (micro)', result.overall)],
      [...ALIGN],
    ),
    '\n',
    render(
      ['code', ...HEADERS],
      result.perCode.map((c) => row(c.code, c.scores)),
      [...ALIGN],
    ),
    '\nPrecision and recall along the confidence threshold (all codes, micro):\n\n',
    render(
      ['confidence ≥', 'codings', 'precision', 'recall', 'F1'],
      result.curve.map((p) => [
        p.threshold.toFixed(2),
        String(p.predicted),
        fixed(p.precision, 2),
        fixed(p.recall, 2),
        fixed(p.f1, 2),
      ]),
      ['right', 'right', 'right', 'right', 'right'],
    ),
  ].join('');
}

export function renderCrossValidation(
  cv: CrossValidation,
  about: { files: readonly string[]; codebook: string },
  markdown: boolean,
): string {
  const render = markdown ? markdownTable : textTable;
  return [
    `${about.files.join(', ')}: leave-one-document-out over ${cv.documents.length} documents; codebook ${about.codebook}\n\n`,
    render(
      ['', ...HEADERS],
      (['rules', 'model', 'both'] as const).map((k) => row(k, cv[k].overall)),
      [...ALIGN],
    ),
    '\n',
    render(
      ['actor', 'rules F1', 'model F1', 'both F1'],
      cv.rules.perActor.map((a, i) => [
        a.actor,
        fixed(a.scores.f1, 2),
        fixed(cv.model.perActor[i]!.scores.f1, 2),
        fixed(cv.both.perActor[i]!.scores.f1, 2),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
  ].join('');
}
