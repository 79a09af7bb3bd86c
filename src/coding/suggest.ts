import type { Codebook } from '../codebook/schema.js';
import type { Segment } from '../corpus/segments.js';
import { matchKey } from '../text/normalise.js';
import { splitSentences } from '../text/sentences.js';
import type { Corpus } from '../corpus/manifest.js';
import { LloError } from '../errors.js';
import { Matcher } from './matcher.js';

/**
 * Help for inductive coding: where does policy talk about an actor without any role of the
 * codebook applying? For each actor, the sentences that mention it but get none of its codes are
 * collected, and the word sequences (1 to 3 words) near the mention are ranked by how often they
 * occur there and how much more often than near mentions that did get a code (a smoothed log
 * ratio). Each phrase comes with example quotes and their citations: candidates for a new role.
 */
export interface PhraseGroup {
  actor: string;
  phrase: string;
  /** Uncovered mentions with the phrase nearby. */
  count: number;
  /** Mentions with a code that have the phrase nearby. */
  coveredCount: number;
  score: number;
  examples: { segment: string; document: string; page: string; quote: string }[];
}

const WINDOW = 4;
// Dutch function words: a phrase made of these alone says nothing about a role.
const STOP = new Set(
  'de het een en of van in op te voor met aan dat die dit deze is zijn worden wordt werd was we wij ons onze ook om bij door naar als niet meer hun zich er kan kunnen tot uit over nog al zo maar dan wel hebben heeft heb ze zij hij ik je u wat waar wie hoe geen per tussen onder na zal zullen moet moeten daarbij daarom hierbij waarbij'.split(
    ' ',
  ),
);
const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function suggestPhrases(
  segments: Iterable<Segment>,
  matcher: Matcher,
  codebook: Codebook,
  options: { actor?: string; limit: number; cite: (document: string) => string },
): PhraseGroup[] {
  const actors = options.actor ? [options.actor] : codebook.actors.map((a) => a.id);
  const codesOf = new Map(
    actors.map((a) => [a, new Set(codebook.codes.filter((c) => c.actor === a).map((c) => c.id))]),
  );
  const uncovered = new Map<string, Map<string, { count: number; examples: PhraseGroup['examples'] }>>();
  const covered = new Map<string, Map<string, number>>();
  const totals = new Map<string, { uncovered: number; covered: number }>();
  for (const a of actors) {
    uncovered.set(a, new Map());
    covered.set(a, new Map());
    totals.set(a, { uncovered: 0, covered: 0 });
  }
  for (const segment of segments) {
    for (const sentence of splitSentences(segment.text)) {
      const mentions = matcher.actorMentions(sentence.text);
      if (mentions.length === 0) continue;
      const applied = new Set(matcher.matchSentence(sentence.text).map((m) => m.code));
      const tokens = [...sentence.text.matchAll(TOKEN)].map((m) => ({
        text: m[0],
        key: matchKey(m[0]),
        start: m.index,
        end: m.index + m[0].length,
      }));
      for (const { actor, hit } of mentions) {
        if (!codesOf.has(actor)) continue;
        const isCovered = [...codesOf.get(actor)!].some((c) => applied.has(c));
        const at = tokens.findIndex((t) => t.start >= hit.start);
        const endAt = tokens.findIndex((t) => t.start >= hit.end);
        const from = Math.max(0, at - WINDOW);
        const to = Math.min(tokens.length, (endAt === -1 ? tokens.length : endAt) + WINDOW);
        const window = tokens.slice(from, to).filter((t) => t.end <= hit.start || t.start >= hit.end);
        const phrases = new Set<string>();
        for (let n = 1; n <= 3; n++) {
          for (let i = 0; i + n <= window.length; i++) {
            const words = window.slice(i, i + n);
            if (words.every((w) => STOP.has(w.key)) || STOP.has(words[0]!.key) || STOP.has(words[n - 1]!.key)) continue;
            phrases.add(words.map((w) => w.key).join(' '));
          }
        }
        const t = totals.get(actor)!;
        if (isCovered) {
          t.covered++;
          const map = covered.get(actor)!;
          for (const p of phrases) map.set(p, (map.get(p) ?? 0) + 1);
        } else {
          t.uncovered++;
          const map = uncovered.get(actor)!;
          for (const p of phrases) {
            const entry = map.get(p) ?? { count: 0, examples: [] };
            entry.count++;
            if (entry.examples.length < 3 && !entry.examples.some((e) => e.segment === segment.segment)) {
              entry.examples.push({
                segment: segment.segment,
                document: segment.document,
                page: segment.page,
                quote: sentence.text.trim(),
              });
            }
            map.set(p, entry);
          }
        }
      }
    }
  }
  const groups: PhraseGroup[] = [];
  for (const actor of actors) {
    const t = totals.get(actor)!;
    for (const [phrase, { count, examples }] of uncovered.get(actor)!) {
      if (count < 2) continue;
      const c = covered.get(actor)!.get(phrase) ?? 0;
      // Frequency × smoothed log ratio of the phrase's rate near uncovered vs covered mentions.
      const ratio = Math.log((count + 0.5) / (t.uncovered + 1) / ((c + 0.5) / (t.covered + 1)));
      if (ratio <= 0) continue;
      groups.push({
        actor,
        phrase,
        count,
        coveredCount: c,
        score: count * ratio,
        examples: examples.map((e) => ({
          ...e,
          quote: `${e.quote} (${options.cite(e.document)}${e.page ? `: ${e.page}` : ''})`,
        })),
      });
    }
  }
  groups.sort((a, b) => b.score - a.score || b.count - a.count || (a.phrase < b.phrase ? -1 : 1));
  return groups.slice(0, options.limit);
}

/**
 * `llo suggest`: the phrases for one actor (or all) over a stream of segments, with citations from
 * the corpus manifest when there is one (a segments file alone cites by document id).
 */
export async function runSuggest(
  codebook: Codebook,
  segments: AsyncIterable<Segment>,
  options: { actor?: string; limit: number; corpus?: Corpus },
): Promise<PhraseGroup[]> {
  if (options.actor && !codebook.actors.some((a) => a.id === options.actor))
    throw new LloError(
      'LLO_UNKNOWN_ACTOR',
      `unknown actor "${options.actor}" (actors: ${codebook.actors.map((a) => a.id).join(', ')})`,
    );
  const cites = new Map((options.corpus?.documents ?? []).map((d) => [d.id, d.cite ?? d.id]));
  const list: Segment[] = [];
  for await (const s of segments) list.push(s);
  return suggestPhrases(list, new Matcher(codebook), codebook, {
    ...(options.actor ? { actor: options.actor } : {}),
    limit: options.limit,
    cite: (d) => cites.get(d) ?? d,
  });
}
