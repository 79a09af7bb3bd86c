import { matchKey } from '../text/normalise.js';
import { isVerbTag } from '../text/pos.js';
import {
  agentless,
  analyseSentence,
  attributive,
  relate,
  tokensOf,
  type Agentless,
  type Analysis,
  type Relation,
} from './clauses/analyse.js';
import type { Hit, Matcher, PatternHit } from './matcher.js';

/**
 * Whether a code applies in one sentence, how sure that is, and why (llo issue 11). For each code
 * with an indicator in the sentence, every mention of its actor is related to the indicator by the
 * clause rules (clauses/analyse.ts): agent, target, partner, related or none. The code's
 * `actor-as` says which relation it needs; the relation found sets the confidence:
 *
 * | the code needs | agent | target | partner | related | none (other clause) |
 * |---|---|---|---|---|---|
 * | agent  | 0.90 | — (refused) | 0.45 | 0.50 | 0.35 |
 * | target | — (refused) | 0.90 | 0.30 | 0.50 | 0.45 |
 * | any    | 0.85 | 0.85 | 0.85 | 0.75 | 0.60 |
 *
 * The subject of an earlier clause, taken for a later clause in which the rules find no subject,
 * counts × 0.65. A mention carried over from the sentence before ("Zij …", "Hun rol …") × 0.85, the actor of
 * the section heading × 0.75; a weak indicator counts only with a relation (not "related" or
 * "none") and × 0.8; a compound part counts × its strength (head 0.9, first part 0.6). An actor
 * with `implicit-agent` (the government) is the agent where the indicator's clause names none: a
 * passive without "door …" 0.75, "er komt …" 0.70, a sentence without a finite verb 0.45. A
 * standalone indicator 0.75. The best pair decides; `llo evaluate` shows precision and recall
 * along these confidences, and `llo code` writes the codings at or above its threshold.
 */
export interface SentenceContext {
  /** The actor the sentence before named (for "zij", "hun", "deze …" at the start of this one). */
  previous?: { actor: string; text: string };
  /** The actor the section heading names. */
  heading?: { actor: string; text: string };
}

export interface CodeMatch {
  code: string;
  /** "actor mention … indicator", one per sentence in which the code applies. */
  evidence: string[];
  /** 0–1: how strong the evidence is (see the module comment). */
  confidence: number;
  /** Which rule decided, e.g. "agent: clause, subject". */
  rule: string;
}

type Need = 'agent' | 'target' | 'any';

const TABLE: Record<Need, Record<Relation, number>> = {
  agent: { agent: 0.9, target: 0, partner: 0.45, related: 0.5, none: 0.35 },
  target: { agent: 0, target: 0.9, partner: 0.3, related: 0.5, none: 0.45 },
  any: { agent: 0.85, target: 0.85, partner: 0.85, related: 0.75, none: 0.6 },
};
const CARRIED = 0.85;
const CARRIED_SUBJECT = 0.65;
const HEADING = 0.75;
const WEAK = 0.8;
const IMPLICIT = {
  passive: 0.75,
  existential: 0.7,
  fragment: 0.3,
  recipient: 0.6,
  instrument: 0.6,
  plan: 0.7,
  description: 0.55,
} as const;
const STANDALONE = 0.75;
/** An actor a government measure addresses without naming it ("minimumloon": employers), against the measure. */
const IMPLIED = 0.85;
/** A generic word of acting ("versterken") against a role word. */
const FALLBACK = 0.75;
/** The actor a government measure is for, against the measure. */
const BENEFICIARY = 0.8;

/**
 * Words that refer back to an actor named in the sentence before, at the start of a sentence: a
 * personal or possessive pronoun ("Zij bieden …", "Hun rol …"), or "deze"/"die" with a noun that
 * can only stand for an actor ("Deze partijen …", "Deze adviesraad …"). "Deze middelen", "Dit" and
 * a bare "Deze" mostly refer to a thing, so they are left out.
 */
const BACK =
  /^(?:(?:zij|ze|hij|hun|haar)|(?:deze|die)\s+(?:\p{L}*(?:partijen|organisaties|organisatie|instellingen|instelling|partners|raad|raden|groepen|groep|personen)))$/u;

interface Mention {
  actor: string;
  hit: Hit;
  /** Where the actor came from when the sentence does not name it. */
  via?: 'previous' | 'heading';
  /** The name it stands for ("werkgevers" for "Zij"). */
  refersTo?: string;
}

export function decideSentence(
  matcher: Matcher,
  sentence: string,
  hits: PatternHit[],
  context: SentenceContext,
): CodeMatch[] {
  const indicators = new Map<string, { hit: Hit; weak: boolean; fallback: boolean }[]>();
  const standalone = new Map<string, Hit>();
  const implied = new Map<string, Hit[]>();
  const vetoed = new Set<string>();
  const aliasSpans = hits.filter((h) => h.owner.kind === 'alias').map((h) => h.hit);
  // A word that names an actor ("uitkeringsgerechtigden") is not also an indicator ("uitkering*").
  const insideAlias = (hit: Hit) => aliasSpans.some((a) => a.start <= hit.start && hit.end <= a.end);
  for (const { owner, hit } of hits) {
    if (owner.kind === 'indicator' && !insideAlias(hit)) {
      const list = indicators.get(owner.code) ?? [];
      const fallback = owner.fallback === true;
      if (
        !list.some(
          (x) => x.hit.start === hit.start && x.hit.end === hit.end && x.weak === owner.weak && x.fallback === fallback,
        )
      )
        list.push({ hit, weak: owner.weak, fallback });
      indicators.set(owner.code, list);
    } else if (owner.kind === 'implied' && !insideAlias(hit)) {
      const list = implied.get(owner.code) ?? [];
      if (!list.some((h) => h.start === hit.start && h.end === hit.end)) list.push(hit);
      implied.set(owner.code, list);
    } else if (owner.kind === 'standalone' && !insideAlias(hit)) {
      if (!standalone.has(owner.code)) standalone.set(owner.code, hit);
    } else if (owner.kind === 'veto') vetoed.add(owner.code);
  }
  const candidates = matcher.codebook.codes.filter(
    (c) => !vetoed.has(c.id) && (indicators.has(c.id) || standalone.has(c.id)),
  );
  if (candidates.length === 0) return [];

  const mentions: Mention[] = matcher.actorMentions(sentence, hits);
  let analysis: Analysis | undefined;
  const analyse = () => (analysis ??= analyseSentence(sentence, matcher.formKinds));
  // A role word that is the topic of a question, letter or study ("vragen over de invoering",
  // "onderzoek naar het programma STAP-budget") names what is talked about, not a role given.
  // A sentence that reports questions ("De leden … hebben vragen gesteld over …", "Zij stellen
  // vragen over …") gives no role: all it says of a measure is that it was asked about.
  let asks: boolean | undefined;
  // Whether a role word is no evidence here (a topic, a description), once per span: codes share words.
  const judged = new Map<string, boolean>();
  const topic = (hit: Hit) => {
    const a = analyse();
    asks ??= reportsQuestions(a);
    if (asks) return true;
    const span = tokensOf(a, hit.start, hit.end);
    return span !== undefined && isTopic(a, span[0]);
  };
  const noEvidence = (hit: Hit) => {
    const key = spanKey(hit);
    let no = judged.get(key);
    if (no === undefined) {
      const a = analyse();
      const span = tokensOf(a, hit.start, hit.end);
      no = topic(hit) || (span !== undefined && (attributive(a, span) || reportedToParliament(a, span)));
      judged.set(key, no);
    }
    return no;
  };
  // "Zij bieden …", "Hun rol …", "Deze adviesraad …": the actor of the sentence before (or of the heading).
  const referent = context.previous ?? context.heading;
  if (referent) {
    const first = /^[\s"“‘'(]*((?:deze|die|Deze|Die)\s+\p{L}+|\p{L}+)/u.exec(sentence);
    if (first && BACK.test(matchKey(first[1]!))) {
      const start = first.index + first[0].length - first[1]!.length;
      const at = { start, end: start + first[1]!.length, text: first[1]!, strength: 1 };
      if (!mentions.some((m) => m.hit.start <= at.start && at.end <= m.hit.end))
        mentions.push({
          actor: referent.actor,
          hit: at,
          via: context.previous ? 'previous' : 'heading',
          refersTo: referent.text,
        });
    }
  }
  // Whether a token of the sentence is some indicator (of any code).
  let indicatorSpans: Hit[] | undefined;
  const roleWord = (token: number) => {
    const t = analyse().tokens[token]!;
    indicatorSpans ??= [...indicators.values()].flat().map((x) => x.hit);
    return indicatorSpans.some((h) => h.start < t.end && t.start < h.end);
  };
  const implicitActors = matcher.implicitActors;
  // Whether a token of the sentence names some actor (for "a thing as subject": not an actor).
  const actorWord = (token: number) => {
    const t = analyse().tokens[token]!;
    return mentions.some((m) => m.hit.start < t.end && t.start < m.hit.end);
  };
  // Nothing can come of the sentence when no candidate's actor is named, implied or referred to,
  // and none has a standalone indicator: skip the clause analysis.
  if (
    !candidates.some(
      (c) =>
        standalone.has(c.id) ||
        mentions.some((m) => m.actor === c.actor) ||
        (implicitActors.has(c.actor) && c['actor-as'] !== 'target') ||
        context.heading?.actor === c.actor,
    )
  )
    return [];

  const out: CodeMatch[] = [];
  /** Codes applied by a fallback indicator only: dropped where another code of the actor applies. */
  const byFallback = new Set<string>();
  // Relations and implied agents depend on the words only, not on the code: once per pair (codes share words).
  const relations = new Map<string, { relation: Relation; rule: string }>();
  const related = (m: Hit, hit: Hit) => {
    const key = `${m.start},${m.end},${hit.start},${hit.end}`;
    let r = relations.get(key);
    if (!r) relations.set(key, (r = relationOf(analyse, m, hit)));
    return r;
  };
  const unnamed = new Map<string, Agentless | undefined>();
  const agentlessAt = (hit: Hit) => {
    const key = spanKey(hit);
    if (!unnamed.has(key)) {
      const a = analyse();
      const span = tokensOf(a, hit.start, hit.end);
      unnamed.set(key, span ? agentless(a, a.clauseOf[span[0]]!, span, roleWord, actorWord) : undefined);
    }
    return unnamed.get(key);
  };
  for (const code of candidates) {
    const need: Need = code['actor-as'] ?? 'any';
    let best: CodeMatch | undefined;
    let bestFallback = false;
    // The rule and evidence texts are made only for a pair that beats the best so far.
    const consider = (confidence: number, rule: () => string, evidence: () => string, fallback = false) => {
      if (confidence <= 0) return;
      if (!best || confidence > best.confidence + 1e-9) {
        best = { code: code.id, evidence: [evidence()], confidence: round(confidence), rule: rule() };
        bestFallback = fallback;
      }
    };
    const own = mentions.filter((m) => m.actor === code.actor);
    for (const { hit, weak, fallback } of indicators.get(code.id) ?? []) {
      // Not a topic ("vragen over …") nor a participle that describes a thing ("de gesubsidieerde scholing").
      if (noEvidence(hit)) continue;
      const note = fallback ? ', fallback' : '';
      for (const m of own) {
        const { relation, rule } = related(m.hit, hit);
        let c = TABLE[need][relation];
        // A subject carried over to a clause without one is a weaker link than a clause's own subject.
        if (rule === 'subject carried over') c *= CARRIED_SUBJECT;
        if (weak) c = relation === 'related' || relation === 'none' ? 0 : c * WEAK;
        c *= Math.min(hit.strength, m.hit.strength);
        if (m.via === 'previous') c *= CARRIED;
        if (m.via === 'heading') c *= HEADING;
        if (fallback) c *= FALLBACK;
        const mark = m.via ? ` (← ${m.via === 'previous' ? 'previous sentence' : 'heading'}: ${m.refersTo})` : '';
        consider(
          c,
          () => `${need === 'any' ? relation : need}: ${rule}${m.via ? `, ← ${m.via}` : ''}${note}`,
          () => `${m.hit.text}${mark} … ${hit.text}`,
          fallback,
        );
      }
      // The agent no one names: the government in a passive, "er komt", a verbless line; the
      // section's actor where the heading names one.
      // Not for a weak indicator, which needs a named actor in a clause relation.
      if (need !== 'target' && !weak) {
        const implicit = implicitActors.has(code.actor)
          ? 'implicit'
          : context.heading?.actor === code.actor
            ? 'heading'
            : undefined;
        if (implicit && !own.some((m) => !m.via)) {
          const kind = agentlessAt(hit);
          if (kind) {
            let c = IMPLICIT[kind] * hit.strength * (weak ? WEAK : 1) * (fallback ? FALLBACK : 1);
            if (implicit === 'heading') c *= HEADING;
            const who =
              implicit === 'heading' ? `← heading: ${context.heading!.text}` : `${code.actor} implied: ${kind}`;
            consider(
              c,
              () => `agent: implicit (${kind})${implicit === 'heading' ? ', ← heading' : ''}${note}`,
              () => `(${who}) … ${hit.text}`,
              fallback,
            );
          }
        }
      }
    }
    // A standalone indicator in a sentence with a finite verb: a verbless line is a label or a list item.
    const alone = standalone.get(code.id);
    if (alone && !topic(alone) && analyse().clauses.some((c) => c.finite !== undefined))
      consider(
        STANDALONE * alone.strength,
        () => 'standalone',
        () => `… ${alone.text}`,
      );
    if (best) {
      out.push(best);
      if (bestFallback) byFallback.add(code.id);
    }
  }
  const actorOf = (id: string) => matcher.codeActor.get(id);
  // A fallback word gives an actor a role only where the sentence gives it no other, and only one:
  // the surest (the first in the codebook on a tie).
  const kept =
    byFallback.size === 0
      ? out
      : out.filter(
          (m) =>
            !byFallback.has(m.code) ||
            !out.some(
              (o) =>
                o !== m &&
                actorOf(o.code) === actorOf(m.code) &&
                (!byFallback.has(o.code) ? o.confidence >= m.confidence : o.confidence > m.confidence),
            ),
        );
  // Only codes whose actor the sentence names: most sentences then skip the measures below.
  const beneficiaries = matcher.beneficiaries.filter(
    (b) => !vetoed.has(b.code) && mentions.some((m) => m.actor === b.actor && !m.via),
  );
  if (implied.size === 0 && beneficiaries.length === 0) return kept;
  // The actor a government measure addresses without naming it ("We verhogen het minimumloon":
  // employers are bound; "uitkeringen": their receivers benefit): the code applies where the
  // sentence gives the government a role, as strongly as that role, a little weaker.
  const measures = kept
    .filter((m) => implicitActors.has(actorOf(m.code) ?? ''))
    .sort((x, y) => y.confidence - x.confidence || (x.code < y.code ? -1 : 1));
  if (measures.length === 0) return kept;
  for (const [id, hits] of implied) {
    const allowed = matcher.codebook.codes.find((c) => c.id === id)?.['implied-with'];
    const measure = measures.find((m) => !allowed || allowed.includes(m.code));
    if (!measure || vetoed.has(id) || kept.some((m) => m.code === id && m.confidence >= measure.confidence * IMPLIED))
      continue;
    // Not a word that is the first part of a hyphenated compound ("uitkering-naar-werk" is a route).
    const hit = hits.find((h) => !topic(h) && sentence[h.end] !== '-');
    if (!hit) continue;
    replace(kept, {
      code: id,
      evidence: [`(${actorOf(id)} implied by: ${hit.text}) … ${measure.evidence[0]}`],
      confidence: round(measure.confidence * IMPLIED),
      rule: `target: implied by a government measure (${measure.code})`,
    });
  }
  // The actor a government measure is for ("woningen voor starters", "ondersteuning voor dakloze
  // mensen"): named after one of the code's words, in a sentence that gives the government a role.
  // Not where the sentence's surest government role is one the code does not go with ("een plicht
  // voor nieuwkomers" is a rule), nor where a generic word ("verhogen") stands beside such a role
  // ("Het kabinet verhoogt de belasting voor werkenden"). A measure applied by a generic word alone
  // counts ("We verlagen de huur voor mensen met een lager inkomen").
  for (const { code, actor, after: preceding, with: allowed } of beneficiaries) {
    const measure = measures.find((m) => allowed.includes(m.code));
    if (!measure) continue;
    const generic = byFallback.has(measure.code);
    if (measures.some((m) => !allowed.includes(m.code) && (generic || m.confidence >= measure.confidence))) continue;
    if (kept.some((m) => m.code === code && m.confidence >= measure.confidence * BENEFICIARY)) continue;
    const m = mentions.find((x) => x.actor === actor && !x.via && follows(analyse(), x.hit, preceding));
    if (!m) continue;
    replace(kept, {
      code,
      evidence: [`${m.hit.text} (for whom) … ${measure.evidence[0]}`],
      confidence: round(measure.confidence * BENEFICIARY),
      rule: `target: beneficiary of a government measure (${measure.code})`,
    });
  }
  return kept;
}

/** Puts a coding in the list in place of the code's weaker one, if any. */
function replace(kept: CodeMatch[], coding: CodeMatch): void {
  const at = kept.findIndex((x) => x.code === coding.code);
  if (at !== -1) kept.splice(at, 1);
  kept.push(coding);
}

/**
 * What may stand between the preposition and the actor: articles, adjectives, numbers and
 * participles ("voor alle werkenden", "voor (dreigend) dakloze mensen"), and brackets or quotes,
 * which are not counted.
 */
const MODIFIER_TAGS = new Set(['DET', 'ADJ', 'NUM', 'VPRES', 'VPART']);
const BRACKETS = new Set(['(', ')', '[', ']', '"', '“', '”', '‘', '’', "'"]);
const NEGATIONS = new Set(['niet', 'geen']);

/**
 * Whether the mention follows one of the word sequences over at most three modifiers, the nearest
 * first (so "voor alle" can be a sequence of its own); not after "niet"/"geen" ("maar niet voor
 * starters").
 */
function follows(a: Analysis, mention: Hit, sequences: readonly string[][]): boolean {
  const span = tokensOf(a, mention.start, mention.end);
  if (!span) return false;
  const endsAt = (k: number) =>
    sequences.some(
      (w) =>
        w.every((word, j) => a.tokens[k - (w.length - 1) + j]?.key === word) &&
        !NEGATIONS.has(a.tokens[k - w.length]?.key ?? ''),
    );
  for (let k = span[0] - 1, skipped = 0; k >= 0; k--) {
    if (endsAt(k)) return true;
    if (a.tags[k] === 'PUNCT' ? !BRACKETS.has(a.tokens[k]!.key) : !MODIFIER_TAGS.has(a.tags[k]!) || ++skipped > 3)
      return false;
  }
  return false;
}

/** The relation of a mention to an indicator, both character spans of the sentence. */
function relationOf(analyse: () => Analysis, mention: Hit, indicator: Hit): { relation: Relation; rule: string } {
  const a = analyse();
  const m = tokensOf(a, mention.start, mention.end);
  const i = tokensOf(a, indicator.start, indicator.end);
  if (!m || !i) return { relation: 'none', rule: 'no tokens' };
  // Two parts of one compound ("overheidsregie", "werkgeversbijdrage"): the first part has the second.
  if (m[0] === i[0] && m[1] === i[1]) return { relation: 'related', rule: 'compound' };
  return relate(a, m, i);
}

/** Prepositions and nouns that make what follows a topic ("over …", "onderzoek naar …"). */
const TOPIC_PREPOSITIONS = new Set(['over', 'inzake', 'omtrent', 'betreffende']);
const TOPIC_NOUNS = /^(?:onderzoek|vragen|vraag|brief|debat|evaluatie|rapport|advies)$/u;

function isTopic(a: Analysis, token: number): boolean {
  // Walk back over the noun phrase (articles, adjectives, nouns, "van", and a coordination of
  // noun phrases: "vragen over de implementatie en de financiering") to its preposition.
  let k = token - 1;
  while (
    k >= 0 &&
    (a.tags[k] === 'DET' ||
      a.tags[k] === 'ADJ' ||
      a.tags[k] === 'N' ||
      a.tags[k] === 'NAME' ||
      a.tokens[k]!.key === 'van' ||
      (COORDINATORS.has(a.tokens[k]!.key) && k > 0 && NOUN_PHRASE_END.has(a.tags[k - 1]!)))
  )
    k--;
  if (k < 0 || a.tags[k] !== 'ADP') return false;
  const prep = a.tokens[k]!.key;
  if (TOPIC_PREPOSITIONS.has(prep)) return true;
  // "onderzoek naar …", "onderzoek gedaan naar …".
  return prep === 'naar' && [k - 1, k - 2].some((j) => j >= 0 && TOPIC_NOUNS.test(a.tokens[j]!.key));
}

const COORDINATORS = new Set(['en', 'of', ',']);
const NOUN_PHRASE_END = new Set(['N', 'NAME']);

/** Words of a minister's letter reporting to parliament ("In deze brief informeer ik uw Kamer over …"). */
const PARLIAMENT = /^(?:kamer|brief|bijlage|hieronder|hierna|u)$/u;
const REPORTING =
  /^(?:informeer|informeren|informeert|geinformeerd|stuur|sturen|stuurt|zend|zenden|bericht|berichten|toegezegd|aangekondigd|schets|schetsen|beschrijf|beschrijven)$/u;

/**
 * A role word in a main clause that reports to parliament: a role noun where the clause informs or
 * sends ("In deze brief informeer ik uw Kamer over de uitvoering …", "Hieronder ga ik in op de
 * financiering", "Zoals toegezegd stuur ik u de evaluatie"), a role verb whose act is handing the
 * letter itself to parliament ("Met deze brief bied ik u het advies aan"). The sentence says what
 * the letter is about, a procedural sentence the reference leaves without a role. Other clauses
 * ("… over de maatregelen die ik neem om scholing te stimuleren") keep their evidence.
 */
function reportedToParliament(a: Analysis, span: [number, number]): boolean {
  const c = a.clauses[a.clauseOf[span[0]]!]!;
  if (c.kind !== 'main' && c.kind !== 'fragment') return false;
  let verbal = false;
  for (let k = span[0]; k < span[1]; k++) if (isVerbTag(a.tags[k]!)) verbal = true;
  let parliament = false;
  let addressee = false;
  let letter = false;
  let reporting = false;
  for (let k = c.from; k < c.to; k++) {
    const key = a.tokens[k]!.key;
    if (PARLIAMENT.test(key)) parliament = true;
    if (key === 'u' || key === 'kamer') addressee = true;
    if (key === 'brief' || key === 'bijlage' || key === 'hierbij') letter = true;
    if (REPORTING.test(key) && isVerbTag(a.tags[k]!)) reporting = true;
    // "ga ik in op", "gaat in op".
    if (
      key === 'in' &&
      a.tokens[k + 1]?.key === 'op' &&
      k > c.from &&
      /^(?:ga|gaat|gaan)$/u.test(a.tokens[c.finite ?? c.from]!.key)
    )
      reporting = true;
  }
  return verbal ? addressee && letter : parliament && reporting;
}

/** Whether the sentence's first clause reports questions asked: "vragen" with a form of "stellen". */
function reportsQuestions(a: Analysis): boolean {
  const first = a.clauses[0]!;
  let question = false;
  let ask = false;
  for (let k = first.from; k < first.to; k++) {
    const key = a.tokens[k]!.key;
    if (key === 'vragen' || key === 'vraag') question = true;
    if (/^(?:stel|stelt|stellen|stelde|stelden|gesteld)$/u.test(key)) ask = true;
  }
  return question && ask;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A key for a span of a sentence (two numbers packed into one would collide in a very long sentence). */
function spanKey(hit: Hit): string {
  return `${hit.start},${hit.end}`;
}
