import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import type { Coding } from './codings.js';
import type { SentenceContext } from './decide.js';
import type { LearnedModel } from './learn/model.js';
import { mergeMatch, salientActor, type CodeMatch, type Matcher } from './matcher.js';

/** At most this many evidence quotes per coding: enough to check the decision, short enough to read. */
const MAX_EVIDENCE = 3;

/**
 * The confidence at or above which `llo code` writes a coding. Chosen on the tuning part of the
 * reference (corpus/reference/README.md), never on the held-out part: the best F1 there.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/**
 * The automatic coder of a stream of segments in document order. Beyond one sentence it uses two
 * kinds of context (llo issue 11): the actor named in the sentence before (also when that sentence
 * is the previous segment, if it stands right before this one in the same document and section),
 * for a sentence that opens with "Zij", "Hun", "Deze …"; and the actor a section heading names,
 * for the paragraphs under it. Both are marked in the evidence ("← previous sentence", "← heading").
 */
export class AutoCoder {
  private last?: { document: string; section: string; end: number; previous: SentenceContext['previous'] };
  private readonly headings = new Map<string, SentenceContext['heading']>();

  constructor(
    readonly matcher: Matcher,
    readonly minConfidence = DEFAULT_MIN_CONFIDENCE,
    /** A model learnt from a coder's decisions (`--learn-from`): its codes are added as suggestions. */
    readonly model?: LearnedModel,
  ) {}

  /** Primes the context with the segment before the next one (a worker's first segment of a batch). */
  prime(segment: Segment | undefined): void {
    if (!segment) {
      this.last = undefined;
      return;
    }
    this.matches(segment);
  }

  /** Every code that applies to the segment, at any confidence. */
  matches(segment: Segment): CodeMatch[] {
    const adjacent =
      this.last !== undefined &&
      this.last.document === segment.document &&
      this.last.section === segment.section &&
      segment.start >= this.last.end &&
      segment.start - this.last.end <= 2;
    let previous = adjacent ? this.last!.previous : undefined;
    const heading = this.heading(segment.section);
    const byCode = new Map<string, CodeMatch>();
    // Sentence work (splitting, clause analysis) only for a segment in which some pattern occurs.
    const sentences = this.matcher.sentencesWithHits(segment.text);
    if (sentences.length === 0) previous = undefined;
    for (const s of sentences) {
      for (const m of this.matcher.matchSentence(s.text, { previous, heading }, s.hits)) mergeMatch(byCode, m);
      previous = salientActor(this.matcher, s.text, s.hits);
    }
    this.last = { document: segment.document, section: segment.section, end: segment.end, previous };
    const rules = [...byCode.values()];
    if (!this.model) return rules;
    // The model's codes, next to the rules': a code the rules already give keeps the rules' evidence.
    const actors = [...new Set(this.matcher.actorMentions(segment.text).map((m) => m.actor))];
    for (const p of this.model.predict(segment.text, rules, actors)) {
      const probability = Math.round(p.probability * 100) / 100;
      const rule = byCode.get(p.code);
      if (rule && rule.confidence >= this.minConfidence) continue;
      if (rule) byCode.delete(p.code);
      byCode.set(p.code, {
        code: p.code,
        evidence: [`model p=${probability.toFixed(2)}${p.reasons.length > 0 ? `: ${p.reasons.join('; ')}` : ''}`],
        confidence: probability,
        rule: 'model',
      });
    }
    return [...byCode.values()];
  }

  /** The automatic codings of one segment at or above the threshold, with evidence, confidence and rule. */
  code(segment: Segment, coder: string): Coding[] {
    return this.matches(segment)
      .filter((m) => m.confidence >= this.minConfidence)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((m) => toCoding(segment, m, coder));
  }

  /**
   * The actor the deepest heading of a section path names ("… > Werkgevers"), if any. A heading
   * that names two actors ("Relatie burger-overheid") is about their relation, not one actor's
   * section: it gives no context.
   */
  private heading(section: string): SentenceContext['heading'] {
    if (section === '') return undefined;
    if (this.headings.has(section)) return this.headings.get(section);
    let found: SentenceContext['heading'];
    for (const part of section.split(' > ').reverse()) {
      const mentions = this.matcher.actorMentions(part);
      if (mentions.length === 0) continue;
      if (new Set(mentions.map((m) => m.actor)).size === 1)
        found = { actor: mentions[0]!.actor, text: mentions[0]!.hit.text };
      break;
    }
    if (this.headings.size > 10_000) this.headings.clear();
    this.headings.set(section, found);
    return found;
  }
}

export function toCoding(segment: Segment, m: CodeMatch, coder: string): Coding {
  return {
    coder,
    document: segment.document,
    segment: segment.segment,
    start: segment.start,
    end: segment.end,
    code: m.code,
    origin: 'auto',
    evidence:
      m.evidence.slice(0, MAX_EVIDENCE).join(' | ') +
      (m.evidence.length > MAX_EVIDENCE ? ` | (+${m.evidence.length - MAX_EVIDENCE})` : ''),
    memo: '',
    confidence: m.confidence,
    rule: m.rule,
  };
}

/** The automatic codings of one segment on its own (no context from other segments). */
export function autoCode(segment: Segment, matcher: Matcher, coder: string): Coding[] {
  return new AutoCoder(matcher).code(segment, coder);
}

/** A confidence threshold given on the command line: a number from 0 to 1, or one clear error. */
export function parseConfidence(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new LloError('LLO_OPTION', `${option} must be a number from 0 to 1, got "${text}"`);
  return v;
}
