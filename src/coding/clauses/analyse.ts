import type { FormKind } from '../../text/morphology.js';
import {
  AUXILIARIES,
  SUBJECT_PRONOUNS,
  inLexicon,
  lexicalTagsOf,
  tagTokens,
  type Tag,
  isVerbTag,
} from '../../text/pos.js';
import { tokenize, type Token } from '../../text/tokens.js';

/**
 * Clauses of one Dutch sentence and who does what in them: rules over the light part-of-speech
 * layer (src/text/pos.ts), written for the regular word order of Dutch (ANS §13; Haeseryn et al.
 * 1997): the finite verb second in a main clause (V2: "We stimuleren werkgevers", "Daarom
 * stimuleren we werkgevers"), last in a subordinate clause ("dat we werkgevers stimuleren"); a
 * separable particle at the end of the main clause ("moedigt … aan"); the passive with "worden"
 * (or "zijn") and a participle, its agent after "door"; "om … te" and "door … te" infinitives
 * whose subject is the main clause's subject (or its object after verbs like "vragen",
 * "stimuleren": "We vragen werkgevers te investeren"); relative clauses after a noun ("werkgevers
 * die investeren"); coordinated main clauses that share their subject ("We maken werken lonender
 * en verkleinen de armoedeval"); existential "er komt …".
 *
 * The analysis is shallow on purpose: it decides only what the coder needs, the relation of an
 * actor mention to a role word (agent, target, partner), and says "unknown" rather than guess
 * where the rules do not reach.
 */
export type ClauseKind = 'main' | 'sub' | 'rel' | 'inf' | 'fragment';

export interface Clause {
  kind: ClauseKind;
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The finite verb (token index), if found. */
  finite?: number;
  /** Lemma of the finite verb when it is an auxiliary or a verb the rules know (krijgen, komen …). */
  finiteLemma?: string;
  passive: boolean;
  /** "er komt/komen/is …": a thing comes about, no actor named. */
  existential: boolean;
  /** Token span [from, to) of the subject, if found. */
  subject?: [number, number];
  /** Token span of the agent of a passive ("door de overheid"). */
  agent?: [number, number];
  /** The clause this one depends on (relative, subordinate, infinitive, coordinated without subject). */
  parent?: number;
  /** For a relative clause: the token of its antecedent noun. */
  antecedent?: number;
  /** A relative clause with a subject of its own: the antecedent is its object. */
  ownSubject?: boolean;
  /** A main clause coordinated to its parent without a subject of its own: it shares the parent's. */
  sharesSubject?: boolean;
  /** A main clause that goes on after a relative clause on its subject: the clause with that subject. */
  resumes?: number;
}

export interface Analysis {
  tokens: Token[];
  tags: Tag[];
  clauses: Clause[];
  /** The clause of each token. */
  clauseOf: number[];
}

/** Verbs whose grammatical subject receives (burgers krijgen een budget): the subject is a target. */
export const RECIPIENT_VERBS = new Set([
  'krijgen',
  'krijg',
  'krijgt',
  'kreeg',
  'kregen',
  'ontvangen',
  'ontvang',
  'ontvangt',
  'ontving',
  'ontvingen',
  'genieten',
  'geniet',
  'profiteren',
  'profiteert',
  'profiteerden',
]);

/**
 * With a role noun (subsidie, eisen, regie, budget) the clause's verb decides who the subject is:
 * the giver or holder ("We stellen strengere eisen", "We zorgen voor lastenverlichting", "Werkgevers
 * hebben een stimulerende rol"), or the one who receives or must comply ("Werkenden krijgen een
 * budget", "Instellingen moeten voldoen aan eisen"). Matched on the verb's matching key.
 */
const GIVING =
  /^(?:stel|stelt|stellen|zorg|zorgt|zorgen|geef|geeft|geven|bied|biedt|bieden|verstrek|verstrekt|verstrekken|neem|neemt|nemen|maak|maakt|maken|voer|voert|voeren|zet|zetten|trek|trekt|trekken|financier|financiert|financieren|investeer|investeert|investeren|heb|hebt|heeft|hebben|draag|draagt|dragen|organiseer|organiseert|organiseren|regel|regelt|regelen|ontwikkel|ontwikkelt|ontwikkelen|houd|houdt|houden|breid|breidt|breiden|verbeter|verbetert|verbeteren|versterk|versterkt|versterken|introduceer|introduceert|introduceren)$/u;
const RECEIVING =
  /^(?:krijg|krijgt|krijgen|ontvang|ontvangt|ontvangen|geniet|genieten|profiteer|profiteert|profiteren|gebruik|gebruikt|gebruiken|benut|benutten|voldoe|voldoet|voldoen|vallen|valt|kom|komt|komen)$/u;
/** Words that make the subject the one who must comply ("moeten", "dienen te", "verplicht"). */
const DEONTIC = /^(?:moet|moeten|moest|moesten|dient|dienen|verplicht|gebonden|gehouden)$/u;

/** Verbs whose object is the subject of the infinitive after them ("vragen werkgevers te investeren"). */
const OBJECT_CONTROL =
  /^(?:vra|vraag|vroeg|stimul|aanspo|spoor|spoort|roep|riep|help|hielp|motiv|verplicht|nodig|moedig|verleid|activ|prikkel|daag|uitda|steun|onderst|ondersteun|bied|stel|stelt|stellen)/u;

/** Participles of verbs that take "zijn" in the perfect without being passive. */
const UNACCUSATIVE = new Set(
  'gegroeid gestegen gedaald gebleven gekomen gegaan ontstaan geworden verdwenen begonnen gestart gebleken geweest toegenomen afgenomen achtergebleven veranderd verschenen overleden gevallen opgelopen teruggelopen uitgekomen aangekomen'.split(
    ' ',
  ),
);

/** Nouns of time and measure: a phrase with one of them before the verb is an adverbial, not the subject. */
const TIME_NOUNS =
  /^(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|periode|kabinetsperiode|eeuw|termijn|moment|keer|tijd|kilometer|kilometers|procent|uur|uren|zomer|winter|najaar|voorjaar|begin|einde|slot)$/u;

const BOUNDARY = new Set([';', ':', '(', ')', '–', '—', '•']);

export function analyseSentence(sentence: string, known?: (key: string) => readonly FormKind[] | undefined): Analysis {
  const tokens = tokenize(sentence);
  const lexical = lexicalTagsOf(tokens, known);
  const tags = tagTokens(tokens, known, lexical);
  const lexicon = (key: string) => known?.(key) !== undefined || inLexicon(key);
  const clauses: Clause[] = [];
  const clauseOf = new Array<number>(tokens.length).fill(0);
  const n = tokens.length;
  const isVerb = (i: number) => isVerbTag(tags[i]!);
  /** Whether a verb occurs from i up to the next boundary (punctuation other than a quote). */
  const verbAhead = (i: number): boolean => {
    for (let k = i; k < n; k++) {
      if (tags[k] === 'PUNCT' && (tokens[k]!.key === ',' || BOUNDARY.has(tokens[k]!.key))) return false;
      if (isVerb(k)) return true;
    }
    return false;
  };
  /**
   * Whether a finite verb (a form that can be finite) comes from i before the next boundary, a
   * subordinating word or a relative pronoun: then a new main clause starts at i.
   */
  const finiteAhead = (i: number): boolean => {
    // A modal or auxiliary still waiting for its infinitive or participle takes the next one.
    const waiting = awaitsVerb(i);
    for (let k = i; k < n; k++) {
      const key = tokens[k]!.key;
      if (tags[k] === 'PUNCT' && (key === ',' || BOUNDARY.has(key))) return false;
      if (tags[k] === 'SUB' || (tags[k] === 'PRON' && /^(?:die|dat|wat)$/u.test(key))) return false;
      if (tags[k] === 'TE') return false;
      if (
        waiting &&
        (lexical[k]!.includes('VINF') || lexical[k]!.includes('VPART') || tags[k] === 'VINF' || tags[k] === 'VPART')
      )
        return false;
      if (
        tags[k] === 'VFIN' ||
        (lexical[k]!.includes('VFIN') && tags[k - 1] !== 'DET' && tags[k - 1] !== 'ADJ' && tags[k - 1] !== 'ADP')
      )
        return true;
      if (
        tags[k] === 'N' &&
        /(?:en|t)$/u.test(key) &&
        k > i &&
        !lexicon(key) &&
        (tags[k + 1] === 'DET' || tags[k + 1] === 'ADP')
      )
        return true;
    }
    return false;
  };
  /** Whether the current clause has a modal or auxiliary and no infinitive or participle after it yet. */
  const awaitsVerb = (i: number): boolean => {
    let waiting = false;
    for (let k = current.from; k < i; k++) {
      const lemma = AUXILIARIES.get(tokens[k]!.key);
      if (lemma && lemma !== 'komen') waiting = true;
      else if (waiting && (tags[k] === 'VINF' || tags[k] === 'VPART')) waiting = false;
    }
    return waiting;
  };
  const teAhead = (i: number): boolean => {
    for (let k = i; k < n - 1; k++) {
      if (tags[k] === 'PUNCT' && (tokens[k]!.key === ',' || BOUNDARY.has(tokens[k]!.key))) return false;
      if (tags[k] === 'TE' && (tags[k + 1] === 'VINF' || /en$/u.test(tokens[k + 1]!.key))) return true;
    }
    return false;
  };

  let current: Clause = { kind: 'main', from: 0, to: n, passive: false, existential: false };
  clauses.push(current);
  let mainIndex = 0;
  const open = (kind: ClauseKind, at: number, extra: Partial<Clause> = {}) => {
    current.to = at;
    current = { kind, from: at, to: n, passive: false, existential: false, ...extra };
    clauses.push(current);
    if (kind === 'main') mainIndex = clauses.length - 1;
  };
  const hasFinite = (c: Clause, upTo: number) => {
    for (let k = c.from; k < upTo; k++) if (tags[k] === 'VFIN') return true;
    return false;
  };
  const nounBefore = (i: number): number | undefined => {
    let k = i - 1;
    if (k >= 0 && tokens[k]!.key === ',') k--;
    return k >= 0 && (tags[k] === 'N' || tags[k] === 'NAME') ? k : undefined;
  };

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const tag = tags[i]!;
    if (i === current.from) continue;
    // "Werkgevers die investeren in scholing krijgen subsidie": after the verb of a relative clause
    // on a subject, the next finite verb goes on with the main clause.
    if (
      current.kind === 'rel' &&
      current.parent !== undefined &&
      !hasFinite(clauses[current.parent]!, clauses[current.parent]!.to) &&
      lexical[i]!.includes('VFIN')
    ) {
      const seenVerb = range(current.from + 1, i - 1).some((k) => isVerb(k));
      if (seenVerb && !isVerb(i - 1) && tags[i - 1] !== 'TE') {
        const subject = current.parent;
        open('main', i, { resumes: subject });
        tags[i] = 'VFIN';
        continue;
      }
    }
    // "Maatschappelijke initiatieven om inburgering te bevorderen worden ondersteund": after "te" and
    // its infinitive, a finite verb goes on with the clause the infinitive hangs on, if that has none.
    if (
      current.kind === 'inf' &&
      current.parent !== undefined &&
      tags[i] === 'VFIN' &&
      i > current.from + 1 &&
      range(current.from, i).some((k) => tags[k] === 'TE') &&
      !hasFinite(clauses[current.parent]!, clauses[current.parent]!.to)
    ) {
      open('main', i, { resumes: current.parent });
      continue;
    }
    // "om het aantal kinderen dat in armoede opgroeit in vier jaar tijd te halveren": after the verb
    // of a relative clause inside an "om … te" infinitive, "te" and its verb go on with the infinitive.
    if (
      tag === 'TE' &&
      current.kind === 'rel' &&
      current.parent !== undefined &&
      clauses[current.parent]!.kind === 'inf' &&
      range(current.from + 1, i).some((k) => isVerb(k))
    ) {
      open('inf', i, { parent: clauses[current.parent]!.parent ?? mainIndex });
      continue;
    }
    if (tag === 'PUNCT') {
      if (BOUNDARY.has(t.key)) {
        open(t.key === '(' ? 'fragment' : 'main', i + 1, t.key === '(' ? { parent: mainIndex } : {});
        continue;
      }
      if (t.key === ',' && i + 1 < n) {
        const next = tags[i + 1]!;
        // "…, die …" / "…, waardoor …": the relative or subordinate clause opens at its own word.
        if (next === 'SUB' || next === 'PRON' || (tokens[i + 1]!.key === 'om' && teAhead(i + 2))) continue;
        // After a subordinate clause the main clause goes on ("Als …, stimuleert het kabinet …"); after a
        // main clause with its finite verb a new one starts only if another finite verb follows
        // ("…, werkenden volgen cursussen"), not for an inserted phrase ("…, samen met gemeenten, … begeleiden").
        if (current.kind !== 'main' && current.kind !== 'fragment' && verbAhead(i + 1))
          open('main', i + 1, { parent: mainIndex });
        else if (current.kind === 'main' && hasFinite(current, i) && finiteAhead(i + 1)) open('main', i + 1, {});
        else if (current.kind === 'fragment' && finiteAhead(i + 1)) open('main', i + 1, {});
      }
      continue;
    }
    // "Doorverkoop van schulden als verdienmodel wordt tegengegaan": "als" before a bare noun inside
    // a main clause that has not reached its finite verb is a preposition ("as"), not "if".
    const asPreposition =
      t.key === 'als' &&
      current.kind === 'main' &&
      i > current.from &&
      !hasFinite(current, i) &&
      (tags[i + 1] === 'N' || tags[i + 1] === 'ADJ');
    if (tag === 'SUB' && verbAhead(i + 1) && !asPreposition) {
      const antecedent = t.key === 'dat' ? nounBefore(i) : undefined;
      if (antecedent !== undefined && /^(?:die|dat)$/u.test(t.key))
        open('rel', i, { parent: clauseOf[antecedent], antecedent });
      else open('sub', i, { parent: mainIndex });
      continue;
    }
    if (tag === 'PRON' && (t.key === 'die' || t.key === 'wat' || t.key === 'dat') && verbAhead(i + 1)) {
      // After a noun, or after a comma (an antecedent further back: "… hervormingen … doorvoeren, die …").
      const antecedent = nounBefore(i);
      if (antecedent !== undefined) {
        open('rel', i, { parent: clauseOf[antecedent], antecedent });
        continue;
      }
      if (tokens[i - 1]?.key === ',') {
        open('rel', i, { parent: mainIndex });
        continue;
      }
    }
    if (
      (t.key === 'om' || t.key === 'door' || t.key === 'zonder') &&
      tag === 'ADP' &&
      teAhead(i + 1) &&
      i > current.from
    ) {
      open('inf', i, { parent: mainIndex });
      continue;
    }
    if (
      tag === 'CONJ' &&
      (t.key === 'en' || t.key === 'maar' || t.key === 'of') &&
      current.kind === 'main' &&
      hasFinite(current, i)
    ) {
      const next = i + 1 < n ? tags[i + 1] : undefined;
      if (next === 'VFIN') {
        open('main', i + 1, { parent: mainIndex, sharesSubject: true });
        continue;
      }
      if (next === 'ADV' && i + 2 < n && tags[i + 2] === 'VFIN') {
        open('main', i + 1, { parent: mainIndex, sharesSubject: true });
        continue;
      }
      // "… en ondernemerschap wordt gestimuleerd", "… en we zorgen …": a new subject and a finite verb.
      if (
        i + 2 < n &&
        (SUBJECT_PRONOUNS.has(tokens[i + 1]!.key) ||
          next === 'DET' ||
          next === 'N' ||
          next === 'NAME' ||
          next === 'ADJ') &&
        finiteAhead(i + 2)
      ) {
        open('main', i + 1, {});
        continue;
      }
      // "… en verkleinen de armoedeval": a verb the lexicon does not know, then its object.
      if (
        next === 'N' &&
        i + 2 < n &&
        /en$/u.test(tokens[i + 1]!.key) &&
        !lexicon(tokens[i + 1]!.key) &&
        (tags[i + 2] === 'DET' || tags[i + 2] === 'ADP')
      ) {
        tags[i + 1] = 'VFIN';
        open('main', i + 1, { parent: mainIndex, sharesSubject: true });
        continue;
      }
    }
    clauseOf[i] = clauses.length - 1;
  }
  // Token → clause, now that the ranges are final.
  clauses.forEach((c, ci) => {
    for (let k = c.from; k < c.to; k++) clauseOf[k] = ci;
  });
  for (const c of clauses) describe(c);
  return { tokens, tags, clauses, clauseOf };

  /** Finite verb, voice, subject and agent of one clause. */
  function describe(c: Clause): void {
    let from = c.from;
    if (c.kind === 'sub' || c.kind === 'rel' || c.kind === 'inf') from++;
    // The finite verb: V2 in a main clause, anywhere (usually last) in a subordinate one.
    if (c.kind !== 'inf') {
      for (let k = from; k < c.to; k++) {
        if (tags[k] === 'VFIN') {
          c.finite = k;
          break;
        }
      }
      // "We stimuleren", "Ook bevorderen we": a plural verb the tagger took for an infinitive.
      if (c.finite === undefined || (c.kind === 'main' && c.finite > from + 4)) {
        const first = tokens[from];
        if (first && SUBJECT_PRONOUNS.has(first.key) && from + 1 < c.to && isVerb(from + 1)) c.finite = from + 1;
        else if (from + 2 < c.to && isVerb(from + 1) && SUBJECT_PRONOUNS.has(tokens[from + 2]!.key))
          c.finite = from + 1;
        else if (first?.key === 'er' && from + 1 < c.to && isVerb(from + 1)) c.finite = from + 1;
      }
      if (c.finite === undefined && c.kind === 'main') {
        // "Een algoritmetoezichthouder bewaakt dit", "Waar mogelijk krijgen professionals …": the
        // tagger took the finite verb for a participle or an infinitive of the same form.
        for (let k = from + 1; k < c.to; k++) {
          if (tags[k] === 'SUB' || tags[k] === 'TE') break;
          if (
            (tags[k] === 'VPART' || tags[k] === 'VINF') &&
            lexical[k]!.includes('VFIN') &&
            tags[k - 1] !== 'DET' &&
            tags[k - 1] !== 'ADJ' &&
            tags[k - 1] !== 'ADP' &&
            tags[k - 1] !== 'TE'
          ) {
            c.finite = k;
            break;
          }
        }
      }
      if (c.finite === undefined && c.kind === 'main') {
        // A verb-final stretch after a fronted subject ("Werkgevers investeren …") when the tagger had doubts.
        for (let k = from; k < Math.min(c.to, from + 6); k++) {
          if (
            tags[k] === 'VINF' &&
            k > from &&
            (tags[k - 1] === 'N' || tags[k - 1] === 'NAME' || tags[k - 1] === 'PRON')
          ) {
            c.finite = k;
            break;
          }
        }
      }
      if (c.finite !== undefined) {
        tags[c.finite] = 'VFIN';
        const lemma = AUXILIARIES.get(tokens[c.finite]!.key);
        c.finiteLemma = lemma ?? tokens[c.finite]!.key;
      }
      if (c.finite === undefined && c.kind === 'main') c.kind = 'fragment';
    }
    // Voice: a form of "worden", or "zijn" with a participle that is not of a verb of motion or change.
    const lemmas = [];
    for (let k = from; k < c.to; k++) {
      const l = AUXILIARIES.get(tokens[k]!.key);
      if (l) lemmas.push(l);
    }
    const participle = range(from, c.to).find((k) => tags[k] === 'VPART');
    if (participle !== undefined) {
      if (lemmas.includes('worden')) c.passive = true;
      else if (lemmas.includes('zijn') && !UNACCUSATIVE.has(tokens[participle]!.key) && !lemmas.includes('hebben'))
        c.passive = true;
    }
    if (c.passive) {
      for (let k = from; k < c.to - 1; k++) {
        if (tokens[k]!.key === 'door' && tags[k] === 'ADP') {
          c.agent = [k + 1, nounPhraseEnd(k + 1, c.to)];
          break;
        }
      }
    }
    // Existential "er": "Er komt een verbod", "Daarom komt er …", "er is ruimte voor maatwerk".
    if (c.finite !== undefined) {
      const around = [c.finite - 1, c.finite + 1].map((k) => tokens[k]?.key);
      if (around.includes('er') && /^(?:komen|zijn|komt|kom|kwam|kwamen)$/u.test(c.finiteLemma ?? ''))
        c.existential = true;
    }
    // The subject.
    if (c.kind === 'main' && c.resumes !== undefined) {
      const r = clauses[c.resumes]!;
      c.subject = [r.from, r.to];
      if (r.kind === 'fragment') r.kind = 'main';
    } else if (c.kind === 'main' && c.finite !== undefined) {
      const f = c.finite;
      const afterVerb = f + 1 < c.to ? tokens[f + 1]! : undefined;
      const inverted = afterVerb !== undefined && SUBJECT_PRONOUNS.has(afterVerb.key);
      // A focus particle belongs to the noun phrase after it ("Ook de herinvoering … wordt doorgezet").
      let start = from;
      while (start < f && tags[start] === 'PUNCT') start++;
      if (
        /^(?:ook|alleen|zelfs|juist|vooral|met name)$/u.test(tokens[from]!.key) &&
        from + 1 < f &&
        (tags[from + 1] === 'DET' || tags[from + 1] === 'N')
      )
        start = from + 1;
      const firstTag = tags[start];
      // A fronted time or measure phrase ("Dit jaar krijgen …", "Veertig kilometer voor het einde
      // ontstond …") is no subject when a noun phrase follows the verb.
      const timeLike = range(start, f).some((k) => tags[k] === 'NUM' || TIME_NOUNS.test(tokens[k]!.key));
      const after = f + 1 < c.to && isNominalStart(f + 1) && tokens[f + 1]!.key !== 'er';
      const fronted =
        f > start &&
        !inverted &&
        !(timeLike && after) &&
        firstTag !== 'ADP' &&
        firstTag !== 'ADV' &&
        firstTag !== 'SUB' &&
        firstTag !== 'VPART' &&
        tokens[start]!.key !== 'er';
      if (fronted) c.subject = [start, f];
      else if (c.sharesSubject && f === from) c.subject = undefined;
      else if (f + 1 < c.to) {
        let s = f + 1;
        if (tokens[s]?.key === 'er') s++;
        if (s < c.to && isNominalStart(s)) c.subject = [s, nounPhraseEnd(s, c.to)];
      }
    } else if (c.kind === 'sub' && from < c.to && isNominalStart(from)) {
      let s = from;
      if (tokens[s]?.key === 'er') s++;
      if (s < c.to && isNominalStart(s)) c.subject = [s, nounPhraseEnd(s, c.to)];
    } else if (c.kind === 'rel') {
      // "werkgevers die investeren": no subject of its own; "werkgevers die we stimuleren": one. With
      // a noun after "die" both readings exist ("die de lasten verlagen"); the relative pronoun is
      // the subject unless a singular verb agrees with a singular noun after a plural antecedent.
      if (from < c.to && SUBJECT_PRONOUNS.has(tokens[from]!.key)) {
        c.ownSubject = true;
        c.subject = [from, from + 1];
      } else if (from < c.to && isNominalStart(from) && c.finite !== undefined && c.antecedent !== undefined) {
        const end = nounPhraseEnd(from, c.to);
        const head = tokens[end - 1]!.key;
        const verb = tokens[c.finite]!.key;
        const antecedentPlural = /(?:en|s)$/u.test(tokens[c.antecedent]!.key);
        if (end <= c.finite && antecedentPlural && !/(?:en|s)$/u.test(head) && /t$/u.test(verb)) {
          c.ownSubject = true;
          c.subject = [from, end];
        }
      }
    }
  }

  function isNominalStart(k: number): boolean {
    const tag = tags[k]!;
    if (tag === 'PRON')
      return (
        SUBJECT_PRONOUNS.has(tokens[k]!.key) || /^(?:dit|dat|deze|die|iedereen|niemand|iemand)$/u.test(tokens[k]!.key)
      );
    return tag === 'DET' || tag === 'N' || tag === 'NAME' || tag === 'ADJ' || tag === 'NUM';
  }

  /** The end of a noun phrase starting at k: articles, adjectives, nouns, names, coordinated with "en". */
  function nounPhraseEnd(k: number, limit: number): number {
    if (tags[k] === 'PRON') return k + 1;
    let e = k;
    while (e < limit) {
      const tag = tags[e]!;
      // "stimuleert het kabinet werkgevers", "omvat België vier taalgebieden": a noun ends its phrase
      // before a new article, number or (second) bare noun phrase starts.
      if (e > k && (tags[e - 1] === 'N' || tags[e - 1] === 'NAME') && (tag === 'DET' || tag === 'NUM')) break;
      // "het kabinet werkgevers": after an article and its noun, a second bare noun is the next phrase.
      if (e > k + 1 && tags[k] === 'DET' && tags[e - 1] === 'N' && tag === 'N' && /^\p{Ll}/u.test(tokens[e]!.text))
        break;
      if (tag === 'DET' || tag === 'ADJ' || tag === 'N' || tag === 'NAME' || tag === 'NUM' || tag === 'VPRES') {
        e++;
        continue;
      }
      // "werkgevers en werknemers", "het kabinet en de sociale partners", "sociale partners, gemeenten en het UWV".
      if ((tokens[e]!.key === 'en' || tokens[e]!.key === ',' || tokens[e]!.key === 'of') && e + 1 < limit && e > k) {
        const after = tags[e + 1]!;
        if (after === 'DET' || after === 'N' || after === 'NAME' || after === 'ADJ') {
          e++;
          continue;
        }
      }
      // "de rol van werkgevers": a van-phrase belongs to the noun before it.
      if (tokens[e]!.key === 'van' && e > k && e + 1 < limit && (tags[e - 1] === 'N' || tags[e - 1] === 'NAME')) {
        e++;
        continue;
      }
      break;
    }
    return Math.max(e, k + 1);
  }
}

function range(from: number, to: number): number[] {
  const out = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

/** Whether a noun stands in a prepositional phrase (a preposition before it, past articles and adjectives). */
function governedByPreposition(a: Analysis, token: number, from: number): boolean {
  let k = token - 1;
  while (k >= from && (a.tags[k] === 'DET' || a.tags[k] === 'ADJ' || a.tags[k] === 'NUM')) k--;
  return k >= from && a.tags[k] === 'ADP';
}

/** How an actor mention stands to a role word (indicator) in the sentence. */
export type Relation = 'agent' | 'target' | 'partner' | 'related' | 'none';

export interface Related {
  relation: Relation;
  /** Which rule decided: shown in the evidence and used for the confidence. */
  rule: string;
}

/** The token indices a character span [start, end) of the sentence covers. */
export function tokensOf(a: Analysis, start: number, end: number): [number, number] | undefined {
  let from = -1;
  let to = -1;
  // Tokens are in text order: stop at the first token past the span.
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i]!;
    if (t.start >= end) break;
    if (t.end > start) {
      if (from === -1) from = i;
      to = i + 1;
    }
  }
  return from === -1 ? undefined : [from, to];
}

const inside = (k: number, span: [number, number] | undefined) => span !== undefined && k >= span[0] && k < span[1];

/** The grammatical position of a mention (token span) within its own clause. */
function position(a: Analysis, mention: [number, number]): string {
  const c = a.clauses[a.clauseOf[mention[0]]!]!;
  if (inside(mention[0], c.agent)) return 'by';
  // The preposition that governs the mention: the nearest ADP before it within its noun phrase.
  let k = mention[0] - 1;
  while (
    k >= c.from &&
    (a.tags[k] === 'DET' ||
      a.tags[k] === 'ADJ' ||
      a.tags[k] === 'NUM' ||
      a.tokens[k]!.key === 'en' ||
      a.tags[k] === 'N')
  ) {
    if (a.tags[k] === 'N' && a.tokens[k + 1]?.key !== 'en' && a.tokens[k + 1]?.key !== ',') break;
    k--;
  }
  let prep = k >= c.from && a.tags[k] === 'ADP' ? a.tokens[k]!.key : undefined;
  // "om werkenden te stimuleren": "om" opens the infinitive clause, it governs no noun phrase.
  if ((prep === 'om' || prep === 'door') && k === c.from && c.kind === 'inf') prep = undefined;
  if (inside(mention[0], c.subject)) {
    // "De rol van werkgevers …" is the subject's possessor; "Subsidie voor werkgevers …" its beneficiary.
    if (prep === 'voor' || prep === 'aan') return `pp:${prep}`;
    return 'subject';
  }
  if (prep) return `pp:${prep}`;
  if (c.kind === 'rel' && mention[0] === c.from) return 'subject';
  // No subject found: a noun phrase before the finite verb of a main clause is its likeliest subject.
  if (c.subject === undefined && c.kind === 'main' && c.finite !== undefined && mention[0] < c.finite) return 'subject';
  return 'object';
}

/**
 * The relation of an actor mention to an indicator, both token spans of one analysed sentence:
 * agent (it does what the role word says), target (it undergoes it, receives it, is steered by
 * it), partner (it does it together with someone: "met", "samen met"), related (it is linked in
 * another way, e.g. "van"), or none (different clauses, no link the rules know).
 */
export function relate(a: Analysis, mention: [number, number], indicator: [number, number]): Related {
  const cm = a.clauseOf[mention[0]]!;
  const ci = a.clauseOf[indicator[0]]!;
  const clause = a.clauses[ci]!;
  const pos = position(a, mention);
  const voice = (p: string, c: Clause, rule: string): Related => {
    const recipient = c.finite !== undefined && RECIPIENT_VERBS.has(a.tokens[c.finite]!.key);
    if (p === 'subject') {
      if (recipient) return { relation: 'target', rule: `${rule}, recipient` };
      return c.passive
        ? { relation: 'target', rule: `${rule}, passive subject` }
        : { relation: 'agent', rule: `${rule}, subject` };
    }
    if (p === 'by') return { relation: 'agent', rule: `${rule}, door-agent` };
    if (p === 'object') return { relation: 'target', rule: `${rule}, object` };
    if (p === 'pp:voor' || p === 'pp:aan' || p === 'pp:naar' || p === 'pp:bij' || p === 'pp:tot')
      return { relation: 'target', rule: `${rule}, ${p.slice(3)}` };
    if (p === 'pp:met' || p === 'pp:tussen') return { relation: 'partner', rule: `${rule}, ${p.slice(3)}` };
    if (p === 'pp:door') return { relation: 'agent', rule: `${rule}, door` };
    return { relation: 'related', rule: `${rule}, ${p.replace('pp:', '')}` };
  };
  // "We stimuleren dat werkgevers investeren": the subject of a "dat" clause that completes a verb
  // of steering is steered by that verb (its target) and acts because it is steered, which the
  // codebook counts as steering, not as acting of its own accord.
  const steered = (c: Clause) =>
    c.kind === 'sub' &&
    a.tokens[c.from]!.key === 'dat' &&
    c.parent !== undefined &&
    a.clauses[c.parent]!.finite !== undefined &&
    OBJECT_CONTROL.test(a.tokens[a.clauses[c.parent]!.finite!]!.key) &&
    pos === 'subject';
  if (steered(a.clauses[cm]!)) {
    const parent = a.clauses[cm]!.parent!;
    if (ci === parent && indicator[0] === a.clauses[parent]!.finite)
      return { relation: 'target', rule: 'complement clause of a steering verb, subject' };
    if (ci === cm) return { relation: 'none', rule: 'complement clause of a steering verb (steered)' };
  }
  // A role noun with the actor right after it: "subsidie voor werkgevers", "regie van de overheid".
  // A role noun or adjective: no verb in the indicator (a phrase like "informatie delen" has one).
  let nominal = true;
  for (let k = indicator[0]; k < indicator[1]; k++) if (isVerbTag(a.tags[k]!)) nominal = false;
  if (nominal && mention[0] > indicator[1] && mention[0] - indicator[1] <= 3) {
    const between = a.tokens.slice(indicator[1], mention[0]).map((t) => t.key);
    const prep = between.find((w) => /^(?:voor|aan|van|door|bij|met)$/u.test(w));
    if (
      prep &&
      between.every(
        (w, i) => i === between.indexOf(prep) || /^(?:de|het|een|onze|hun|alle|deze)$/u.test(w) || w === prep,
      )
    ) {
      if (prep === 'voor' || prep === 'aan') return { relation: 'target', rule: `noun ${prep}` };
      if (prep === 'door' || prep === 'bij' || prep === 'van')
        return { relation: prep === 'van' ? 'related' : 'agent', rule: `noun ${prep}` };
      if (prep === 'met') return { relation: 'partner', rule: 'noun met' };
    }
  }
  if (cm === ci) {
    if (nominal && pos === 'subject' && !clause.passive) {
      const keys = a.tokens.slice(clause.from, clause.to).map((t) => t.key);
      // The lexical verb: the last verb of the clause that is not an auxiliary, else the finite verb.
      let verb: string | undefined;
      for (let k = clause.to - 1; k >= clause.from; k--)
        if (isVerbTag(a.tags[k]!) && !AUXILIARIES.has(a.tokens[k]!.key)) {
          verb = a.tokens[k]!.key;
          break;
        }
      verb ??= clause.finite !== undefined ? a.tokens[clause.finite]!.key : undefined;
      if (keys.some((w) => DEONTIC.test(w)) || (verb !== undefined && RECEIVING.test(verb)))
        return { relation: 'target', rule: 'clause, subject of a role noun it receives or must meet' };
      if (verb === undefined || !GIVING.test(verb))
        return { relation: 'related', rule: 'clause, subject of a role noun' };
    }
    return voice(pos, clause, 'clause');
  }
  // The infinitive of "om … te", "door … te": its subject is the main clause's subject, or its
  // object after verbs like "vragen" and "stimuleren".
  if (clause.kind === 'inf' && clause.parent === cm) {
    const main = a.clauses[cm]!;
    const control = main.finite !== undefined && OBJECT_CONTROL.test(a.tokens[main.finite]!.key);
    // "We vragen werkgevers te investeren": the object does it because it is asked or stimulated to,
    // which the codebook counts as steering (its target), not as acting of its own accord.
    if (pos === 'object' && control) return { relation: 'none', rule: 'infinitive, object control (steered)' };
    if (pos === 'subject' && !main.passive) return { relation: 'agent', rule: 'infinitive, subject control' };
    if (pos === 'subject' && main.passive) return { relation: 'target', rule: 'infinitive, passive main clause' };
    return { relation: 'none', rule: 'infinitive' };
  }
  // A relative clause on the mention: "werkgevers die investeren" / "werkgevers die we stimuleren".
  if (
    clause.kind === 'rel' &&
    clause.antecedent !== undefined &&
    clause.antecedent >= mention[0] &&
    clause.antecedent < mention[1] + 2
  ) {
    return voice(clause.ownSubject ? 'object' : 'subject', clause, 'relative clause');
  }
  // A coordinated main clause without a subject of its own shares the one before.
  let k = ci;
  while (a.clauses[k]!.sharesSubject && a.clauses[k]!.parent !== undefined) {
    k = a.clauses[k]!.parent!;
    if (k === cm && pos === 'subject') return voice('subject', clause, 'coordinated clause');
  }
  // "We zorgen ervoor dat werkenden worden ondersteund", "Het kabinet wil dat opleiders worden
  // gecontroleerd": a passive "dat" clause without "door …" completes the verb of the clause above;
  // whoever sees to it or wants it is its likeliest agent.
  if (pos === 'subject' && !a.clauses[cm]!.passive && clause.passive && clause.agent === undefined) {
    let k = ci;
    while (a.clauses[k]!.sharesSubject && a.clauses[k]!.parent !== undefined) k = a.clauses[k]!.parent!;
    const c = a.clauses[k]!;
    if (c.kind === 'sub' && a.tokens[c.from]!.key === 'dat' && c.parent === cm && a.clauses[cm]!.kind === 'main')
      return { relation: 'agent', rule: 'passive complement clause, subject of the clause above' };
  }
  // A clause in which the rules found no subject of its own ("…, en zorgen …" after a long insert,
  // an infinitive the rules did not attach): the subject of an earlier clause is its likeliest agent.
  if (
    ci > cm &&
    pos === 'subject' &&
    clause.subject === undefined &&
    !clause.passive &&
    !a.clauses[cm]!.passive &&
    clause.kind !== 'rel'
  )
    return { relation: 'agent', rule: 'subject carried over' };
  return { relation: 'none', rule: 'other clause' };
}

/**
 * Whether a one-word indicator is a participle used as an adjective ("de gesubsidieerde scholing",
 * "de daaraan verbonden risico's", "een betrokken bedrijfsleven"): it describes a thing, it is not
 * what the clause does.
 */
export function attributive(a: Analysis, indicator: [number, number]): boolean {
  const [i, end] = indicator;
  const key = a.tokens[i]!.key;
  return (
    end - i === 1 &&
    a.tags[i] !== 'VPART' &&
    /(?:d|t|de|te|en)$/u.test(key) &&
    /^(?:ge|be|ver|ont|her)|(?:eerd|eerde)$/u.test(key) &&
    a.tags[end] === 'N' &&
    (i === 0 || ['DET', 'ADJ', 'ADP', 'PUNCT', 'ADV'].includes(a.tags[i - 1]!))
  );
}

/**
 * How a clause leaves its agent unnamed: a passive without "door", "er komt …", no finite verb; a
 * receiver that "krijgt" a role noun (someone gives it); or a thing as subject of a role verb
 * ("instrumenten die de overstap ondersteunen": someone acts through it).
 */
export type Agentless = 'passive' | 'existential' | 'fragment' | 'recipient' | 'instrument' | 'plan' | 'description';

/**
 * Head nouns of a statement of intent whose content is an om…te infinitive ("Inzet is om de
 * regeling te vereenvoudigen", "Het doel van de regeling is om werkenden te stimuleren"): the
 * infinitive's unnamed agent is whoever holds the intent, in a government text the government.
 */
const PLAN_NOUNS = new Set([
  'inzet',
  'doel',
  'doelstelling',
  'streven',
  'ambitie',
  'bedoeling',
  'voornemen',
  'plan',
  'opzet',
  'insteek',
  'uitgangspunt',
  'intentie',
  'opgave',
]);
const COPULAS = new Set(['zijn', 'blijven']);

/** An om…te infinitive that is the content of a statement of intent with no actor in its subject. */
function statesIntent(a: Analysis, c: Clause, isActorWord: (token: number) => boolean): boolean {
  if (c.kind !== 'inf' || c.parent === undefined || a.tokens[c.from]?.key !== 'om') return false;
  const p = a.clauses[c.parent]!;
  if (p.kind !== 'main' || p.subject === undefined || !COPULAS.has(p.finiteLemma ?? '')) return false;
  const subject = range(p.subject[0], p.subject[1]);
  const head = subject.find((k) => a.tags[k] === 'N' || PLAN_NOUNS.has(a.tokens[k]!.key));
  return head !== undefined && PLAN_NOUNS.has(a.tokens[head]!.key) && !subject.some(isActorWord);
}

export function agentless(
  a: Analysis,
  clauseIndex: number,
  indicator?: [number, number],
  isRoleWord: (token: number) => boolean = () => false,
  isActorWord: (token: number) => boolean = () => false,
): Agentless | undefined {
  const c = a.clauses[clauseIndex]!;
  if (c.kind === 'inf' && c.parent !== undefined) {
    if (statesIntent(a, c, isActorWord) && (indicator === undefined || !attributive(a, indicator))) return 'plan';
    // "Onderwijsinstellingen worden gestimuleerd om … aan te bieden": the named subject of the
    // passive does the infinitive, not the government behind the passive.
    const p = a.clauses[c.parent]!;
    if (p.passive && p.subject !== undefined && range(p.subject[0], p.subject[1]).some(isActorWord)) return undefined;
    return agentless(a, c.parent, undefined, isRoleWord, isActorWord);
  }
  // A role noun that is the passive's subject undergoes the act when the passive verb is itself a
  // role word ("financiering wordt aangepakt"); with a verb of carrying on it is the act
  // ("de herinvoering van de inburgeringsplicht wordt doorgezet").
  const participle = range(c.from, c.to).find((k) => a.tags[k] === 'VPART');
  // A phrase with a verb in it ("beschikbaar gesteld") is the act, like a verb.
  const nominal = indicator !== undefined && !range(indicator[0], indicator[1]).some((k) => isVerbTag(a.tags[k]!));
  const patient = nominal && inside(indicator[0], c.subject) && participle !== undefined && isRoleWord(participle);
  // A role noun inside a prepositional phrase ("aanvragen voor subsidie kunnen worden ingediend",
  // "als bedoeld in artikel 9") belongs to another noun, not to the passive verb's act.
  // Not in an impersonal passive ("Er wordt gewerkt aan een nieuwe subsidieregeling"): with no
  // subject, the prepositional object is what is being done.
  const impersonal =
    c.passive &&
    range(c.from, c.to).some(
      (k) =>
        a.tokens[k]!.key === 'er' && a.tags[k] === 'ADV' && (k === c.from || k - 1 === c.finite || k + 1 === c.finite),
    );
  const attached = nominal && !impersonal && governedByPreposition(a, indicator[0], c.from);
  if (indicator !== undefined && attributive(a, indicator)) return undefined;
  if (indicator !== undefined && !c.passive) {
    const verbal = isVerbTag(a.tags[indicator[0]]!);
    // "Werkenden krijgen een budget": the role noun is given by someone the clause does not name.
    if (!verbal && c.finite !== undefined && RECIPIENT_VERBS.has(a.tokens[c.finite]!.key) && indicator[0] > c.finite)
      return 'recipient';
    // "Instrumenten … die de overstap ondersteunen", "Het budget stimuleert werkenden": a thing
    // that does what a role verb says is someone's instrument.
    const subject =
      c.kind === 'rel' && !c.ownSubject && c.antecedent !== undefined
        ? ([c.antecedent, c.antecedent + 1] as [number, number])
        : c.subject;
    // The role verb must be the clause's own verb (finite, or its last verb), not a verb form inside a phrase.
    let last: number | undefined;
    for (let k = c.to - 1; k >= c.from && last === undefined; k--) if (isVerbTag(a.tags[k]!)) last = k;
    const ownVerb = indicator[0] === c.finite || indicator[0] === last;
    if (
      verbal &&
      ownVerb &&
      subject !== undefined &&
      (c.kind === 'main' || c.kind === 'sub' || c.kind === 'rel') &&
      (a.tags[subject[0]] === 'N' || a.tags[subject[0]] === 'DET' || a.tags[subject[0]] === 'ADJ') &&
      subject[1] - subject[0] > (/^(?:dit|dat|die|deze|het)$/u.test(a.tokens[subject[0]]!.key) ? 1 : 0) &&
      !range(subject[0], subject[1]).some(isActorWord)
    )
      return 'instrument';
  }
  if (c.kind === 'rel') return c.passive && !c.agent && !patient && !attached ? 'passive' : undefined;
  if (c.passive && !c.agent) return patient || attached ? undefined : 'passive';
  if (c.existential) return 'existential';
  // "Het doel is dat …", "Ons streven is om …": the statement of intent itself, nobody named.
  if (
    indicator !== undefined &&
    c.kind === 'main' &&
    COPULAS.has(c.finiteLemma ?? '') &&
    c.subject !== undefined &&
    inside(indicator[0], c.subject) &&
    range(indicator[0], indicator[1]).some((k) => PLAN_NOUNS.has(a.tokens[k]!.key)) &&
    // Not the purpose of a thing ("Het doel van de regeling is …"): that says what it is for.
    !range(c.subject[0], c.subject[1]).some((k) => isActorWord(k) || a.tokens[k]!.key === 'van')
  )
    return 'plan';
  // "Het STAP-budget is een subsidieregeling voor …": a role noun said of a thing (not of an actor)
  // describes an instrument; in a government text the government holds it.
  if (
    nominal &&
    !attached &&
    c.kind === 'main' &&
    c.finite !== undefined &&
    c.finiteLemma === 'zijn' &&
    indicator[0] > c.finite &&
    c.subject !== undefined &&
    c.subject[1] <= c.finite &&
    a.tags[c.subject[0]] !== 'PRON' &&
    !range(c.subject[0], c.subject[1]).some(isActorWord)
  )
    return 'description';
  // A verbless sentence of a few words is a heading or a label ("Artikel 1.", "Besluit:"), not a measure.
  const words = a.tokens.filter((t) => !t.punct).length;
  if (c.kind === 'fragment' && words >= 4 && !a.clauses.some((x) => x.finite !== undefined)) return 'fragment';
  return undefined;
}
