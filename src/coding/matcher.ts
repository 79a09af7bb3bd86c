import { codebookOrigin, patternPlace, type CodebookOrigin } from '../codebook/load.js';
import type { Codebook, IndicatorPattern } from '../codebook/schema.js';
import { adjectiveForms, nounForms, verbForms, type FormKind } from '../text/morphology.js';
import { matchKey } from '../text/normalise.js';
import { globMatch, isRegexPattern, patternSource } from '../text/patterns.js';
import { splitSentences } from '../text/sentences.js';
import { isSpace, wordCharAt } from '../text/tokens.js';
import { hashOf, TokenTable } from './token-table.js';
import { decideSentence, type CodeMatch, type SentenceContext } from './decide.js';
import { SafeRegex } from './safe-regex.js';

/**
 * The whole codebook compiled into one matcher, so that a text is scanned once whatever the
 * number of codes. Every word of the text is looked up once (and remembered: a corpus has far
 * fewer distinct words than words):
 * - words and phrases are indexed by their first word (exact, or its literal prefix when it ends
 *   in `*`); a single word with wildcards is checked with a linear glob match, a phrase with a
 *   sticky regular expression at the word where it can start;
 * - lemmas (`verb:`, `noun:`, `adj:`) are expanded into all their forms at compile time
 *   (src/text/morphology.ts) and indexed like words; a separable verb's split forms ("moedigt …
 *   aan", "aan te moedigen") are checked for their particle; a noun also matches as the head of
 *   a compound (scholings|aanbod) and, more weakly, as its first part (overheids|visie);
 * - `/regex/` patterns run over each sentence under a time budget (safe-regex.ts).
 * Matching runs on matching keys (lower case, no diacritics).
 */
export type Owner =
  | { kind: 'alias'; actor: string }
  | { kind: 'actor-veto'; actor: string }
  | { kind: 'indicator'; code: string; weak: boolean; fallback?: boolean }
  | { kind: 'implied'; code: string }
  | { kind: 'standalone'; code: string }
  | { kind: 'veto'; code: string }
  | { kind: 'stop' };

export interface Hit {
  start: number;
  end: number;
  /** The matched text as it stands in the sentence. */
  text: string;
  /** 1 for a word or one of its inflections, less for a compound part. */
  strength: number;
}

export interface PatternHit {
  owner: Owner;
  hit: Hit;
}

export type { CodeMatch } from './decide.js';

interface Compiled {
  pattern: string;
  owners: Owner[];
  /** A phrase or a word with punctuation: verified with this sticky regex at the start word. */
  sticky?: RegExp;
  /**
   * For a phrase whose first word has no `*`: the length of that word and the literal start of the
   * second, which must follow it after white space for the sticky regex to match — a test that
   * spares the regex at nearly every occurrence of a common first word ("de", "het").
   */
  second?: { after: number; prefix: string };
  /** A single word, possibly with `*`: the glob to check the token with (undefined: exact). */
  glob?: string;
  /** For a lemma: the kinds of each of its forms, for the part-of-speech layer. */
  kinds?: Map<string, FormKind[]>;
}

/** Cached result of looking up one token (a word of letters and digits). */
interface TokenEntry {
  compiled: Compiled;
  strength: number;
  /** Verify a phrase from the token's position. */
  phrase: boolean;
  /** For a compound part: its offsets within the token. */
  from?: number;
  to?: number;
}

/** Everything one token can start: its patterns, and the separable and "te" forms it begins. */
interface TokenPatterns {
  entries: TokenEntry[];
  split: { particle: string; find: RegExp; compiled: Compiled }[] | undefined;
  teForms: { infinitive: string; after: RegExp; compiled: Compiled }[] | undefined;
}

const CACHE_LIMIT = 200_000;
const NO_PATTERNS: TokenPatterns = { entries: [], split: undefined, teForms: undefined };
/** Compound parts: the other part has at least this many letters. */
const MIN_COMPOUND_REST = 3;

class Trie {
  readonly children = new Map<string, Trie>();
  entries: Compiled[] = [];
  add(word: string, c: Compiled): void {
    if (word === '') {
      if (!this.entries.includes(c)) this.entries.push(c);
      return;
    }
    const ch = word[0]!;
    let next = this.children.get(ch);
    if (!next) this.children.set(ch, (next = new Trie()));
    next.add(word.slice(1), c);
  }
}

export class Matcher {
  private readonly exact = new Map<string, TokenEntry[]>();
  private readonly prefixes = new Map<string, Compiled[]>();
  private readonly prefixLengths: number[];
  private readonly heads = new Trie();
  private readonly modifiers = new Trie();
  private readonly split = new Map<string, { particle: string; find: RegExp; compiled: Compiled }[]>();
  private readonly teForms = new Map<string, { infinitive: string; after: RegExp; compiled: Compiled }[]>();
  private readonly regexes: { compiled: Compiled; regex: SafeRegex }[] = [];
  private readonly kinds = new Map<string, FormKind[]>();
  private readonly cache = new TokenTable<TokenPatterns>(CACHE_LIMIT);
  readonly codebook: Codebook;
  /** The actors with `implicit-agent` (the government). */
  readonly implicitActors: ReadonlySet<string>;
  /** The actor of each code. */
  readonly codeActor: ReadonlyMap<string, string>;
  /** Per code with a `beneficiary` rule: its preceding word sequences as matching keys, and the roles it goes with. */
  readonly beneficiaries: readonly { code: string; actor: string; after: string[][]; with: readonly string[] }[];

  /** Where the codebook came from, to place a failing pattern (by default: where it was parsed). */
  private readonly origin: CodebookOrigin | undefined;

  constructor(codebook: Codebook, origin: CodebookOrigin | undefined = codebookOrigin(codebook)) {
    this.codebook = codebook;
    this.origin = origin;
    this.implicitActors = new Set(codebook.actors.filter((a) => a['implicit-agent']).map((a) => a.id));
    this.codeActor = new Map(codebook.codes.map((c) => [c.id, c.actor]));
    this.beneficiaries = codebook.codes.flatMap((c) =>
      c.beneficiary
        ? [
            {
              code: c.id,
              actor: c.actor,
              after: c.beneficiary.after.map((w) => matchKey(w).split(' ')),
              with: c.beneficiary.with,
            },
          ]
        : [],
    );
    const byPattern = new Map<string, Compiled>();
    const add = (pattern: IndicatorPattern, owner: Owner) => {
      const id = typeof pattern === 'string' ? pattern.trim() : JSON.stringify(pattern);
      let compiled = byPattern.get(id);
      if (!compiled) {
        compiled = { pattern: id, owners: [] };
        byPattern.set(id, compiled);
        if (typeof pattern === 'string') this.indexPattern(pattern.trim(), compiled);
        else this.indexLemma(pattern, compiled);
      }
      compiled.owners.push(owner);
    };
    for (const p of codebook.stop ?? []) add(p, { kind: 'stop' });
    for (const actor of codebook.actors) {
      for (const p of actor.aliases) add(p, { kind: 'alias', actor: actor.id });
      for (const p of actor.vetoes ?? []) add(p, { kind: 'actor-veto', actor: actor.id });
    }
    for (const code of codebook.codes) {
      for (const p of code.indicators ?? []) add(p, { kind: 'indicator', code: code.id, weak: false });
      for (const p of code.weak ?? []) add(p, { kind: 'indicator', code: code.id, weak: true });
      for (const p of code.standalone ?? []) add(p, { kind: 'standalone', code: code.id });
      for (const p of code.fallback ?? []) add(p, { kind: 'indicator', code: code.id, weak: false, fallback: true });
      for (const p of code['implied-by'] ?? []) add(p, { kind: 'implied', code: code.id });
      for (const p of code.vetoes ?? []) add(p, { kind: 'veto', code: code.id });
    }
    this.prefixLengths = [...new Set([...this.prefixes.keys()].map((k) => k.length))].sort((a, b) => a - b);
  }

  /** The kinds (finite verb, participle, noun …) of a codebook lemma's form, for the part-of-speech layer. */
  readonly formKinds = (key: string): readonly FormKind[] | undefined => this.kinds.get(key);

  private indexPattern(p: string, compiled: Compiled): void {
    if (isRegexPattern(p)) {
      const origin = this.origin;
      const where = () => (origin ? patternPlace(origin, p) : {});
      this.regexes.push({ compiled, regex: new SafeRegex(patternSource(p), p, where) });
      return;
    }
    const key = matchKey(p);
    const words = key.split(/\s+/u).filter(Boolean);
    const firstWord = words[0]!;
    const singleWord = words.length === 1 && /^[\p{L}\p{N}*]+$/u.test(firstWord);
    if (singleWord) {
      if (firstWord.includes('*')) {
        compiled.glob = firstWord;
        push(this.prefixes, firstWord.slice(0, firstWord.indexOf('*')), compiled);
      } else push(this.exact, firstWord, { compiled, strength: 1, phrase: false });
      return;
    }
    // A phrase, or a word with punctuation (o&o-fonds*): a sticky regex from its first token.
    compiled.sticky = new RegExp(patternSource(p), 'uy');
    const prefix = words[1]?.split('*')[0] ?? '';
    if (!firstWord.includes('*') && prefix !== '') compiled.second = { after: firstWord.length, prefix };
    const firstToken = /^[\p{L}\p{N}]*/u.exec(firstWord)![0];
    const star = firstWord.indexOf('*');
    if (star !== -1 && star <= firstToken.length) push(this.prefixes, firstWord.slice(0, star), compiled);
    else push(this.exact, firstToken, { compiled, strength: 1, phrase: true });
  }

  private indexLemma(lemma: Exclude<IndicatorPattern, string>, compiled: Compiled): void {
    const addForm = (form: string, kinds: readonly FormKind[], strength = 1) => {
      // A form with a hyphen or apostrophe (stap-budget) is a phrase of tokens: verify it as one.
      if (!/^[\p{L}\p{N}]+$/u.test(form)) {
        const phrase: Compiled = {
          pattern: compiled.pattern,
          owners: compiled.owners,
          sticky: new RegExp(patternSource(form), 'uy'),
        };
        push(this.exact, /^[\p{L}\p{N}]*/u.exec(form)![0], { compiled: phrase, strength, phrase: true });
        return;
      }
      push(this.exact, form, { compiled, strength, phrase: false });
      const known = this.kinds.get(form) ?? [];
      for (const k of kinds) if (!known.includes(k)) known.push(k);
      this.kinds.set(form, known);
    };
    if ('verb' in lemma) {
      const forms = verbForms(lemma.verb);
      for (const w of forms.words) addForm(w.form, w.kinds);
      if (forms.particle) {
        // The particle as a word, not followed by "te" (that is the "aan te moedigen" form).
        const find = new RegExp(`(?<![\\p{L}\\p{N}])${forms.particle}(?![\\p{L}\\p{N}])(?!\\s+te\\s)`, 'u');
        for (const f of forms.split) push(this.split, f, { particle: forms.particle, find, compiled });
        const after = new RegExp(`\\s+te\\s+${forms.baseInfinitive!}(?![\\p{L}\\p{N}])`, 'uy');
        push(this.teForms, forms.particle, { infinitive: forms.baseInfinitive!, after, compiled });
        for (const f of forms.split) {
          const known = this.kinds.get(f) ?? [];
          if (!known.includes('finite')) known.push('finite');
          this.kinds.set(f, known);
        }
      }
      return;
    }
    const forms = 'noun' in lemma ? nounForms(lemma.noun) : adjectiveForms(lemma.adj);
    for (const w of forms) addForm(w.form, w.kinds);
    if ('noun' in lemma) {
      const base = matchKey(lemma.noun);
      for (const w of forms)
        if (/^[\p{L}\p{N}]+$/u.test(w.form) && w.form.length >= 3)
          this.heads.add([...w.form].reverse().join(''), compiled);
      for (const m of new Set([base, `${base}s`, `${base}e`, `${base}en`, `${base}s-`]))
        if (/^[\p{L}\p{N}]+$/u.test(m)) this.modifiers.add(m, compiled);
    }
  }

  /** The patterns one token starts or is, with its separable and "te" forms (cached per token). */
  private lookup(text: string, from: number, to: number): TokenPatterns {
    const hash = hashOf(text, from, to);
    const cached = this.cache.get(text, from, to, hash);
    if (cached) return cached;
    const token = text.slice(from, to);
    const out: TokenEntry[] = [...(this.exact.get(token) ?? [])];
    for (const n of this.prefixLengths) {
      if (n > token.length) break;
      for (const c of this.prefixes.get(token.slice(0, n)) ?? []) {
        if (c.glob !== undefined) {
          if (globMatch(c.glob, token)) out.push({ compiled: c, strength: 1, phrase: false });
        } else out.push({ compiled: c, strength: 1, phrase: true });
      }
    }
    if (token.length >= 3 + MIN_COMPOUND_REST) {
      // Compound heads: walk the token backwards through the reversed forms.
      let node: Trie | undefined = this.heads;
      for (let i = token.length - 1; i >= MIN_COMPOUND_REST && node; i--) {
        node = node.children.get(token[i]!);
        if (node && node.entries.length > 0 && i >= MIN_COMPOUND_REST)
          for (const c of node.entries)
            if (!out.some((e) => e.compiled === c))
              out.push({ compiled: c, strength: 0.9, phrase: false, from: i, to: token.length });
      }
      // Compound modifiers: walk forwards; the rest must be a word of its own length.
      node = this.modifiers;
      for (let i = 0; i < token.length - MIN_COMPOUND_REST - 1 && node; i++) {
        node = node.children.get(token[i]!);
        if (node && node.entries.length > 0)
          for (const c of node.entries)
            if (!out.some((e) => e.compiled === c))
              out.push({ compiled: c, strength: 0.6, phrase: false, from: 0, to: i + 1 });
      }
    }
    const split = this.split.get(token);
    const teForms = this.teForms.get(token);
    const patterns = out.length === 0 && !split && !teForms ? NO_PATTERNS : { entries: out, split, teForms };
    this.cache.set(token, hash, patterns);
    return patterns;
  }

  /** Whether the codebook has `/regex/` patterns (they run per sentence). */
  get hasRegexes(): boolean {
    return this.regexes.length > 0;
  }

  /** All pattern hits in one sentence (stop phrases applied, shorter aliases inside longer ones dropped). */
  scan(sentence: string): PatternHit[] {
    const key = matchKey(sentence);
    // Offsets map back to the sentence when the key kept its length (nearly always); else quote the key.
    const source = key.length === sentence.length ? sentence : key;
    const hits = this.wordHits(key, source);
    for (const { compiled, regex } of this.regexes)
      for (const [start, end] of regex.all(key)) record(hits, compiled, start, end, 1, source.slice(start, end));
    return this.filter(hits);
  }

  /**
   * The sentences of a text with the pattern hits of each, from one scan of the whole text (looked
   * up once, not once to test and again per sentence). A text in which no pattern occurs gives no
   * sentences at all: splitting and clause analysis are spent only where they can find something.
   */
  sentencesWithHits(text: string): { text: string; index: number; hits: PatternHit[] }[] {
    const key = matchKey(text);
    const split = () => {
      const sentences = splitSentences(text);
      return sentences.length > 0 ? sentences : [{ text, index: 0 }];
    };
    // The matching key changed length (rare: some ligatures): scan each sentence on its own.
    if (key.length !== text.length) return split().map((s) => ({ ...s, hits: this.scan(s.text) }));
    const all = this.wordHits(key, text);
    if (all.length === 0 && this.regexes.length === 0) return [];
    return split().map((s) => {
      const from = s.index;
      const to = s.index + s.text.length;
      const hits: PatternHit[] = [];
      for (const h of all)
        if (h.hit.start >= from && h.hit.end <= to)
          hits.push({ owner: h.owner, hit: { ...h.hit, start: h.hit.start - from, end: h.hit.end - from } });
      const sentenceKey = key.slice(from, to);
      for (const { compiled, regex } of this.regexes)
        for (const [start, end] of regex.all(sentenceKey))
          record(hits, compiled, start, end, 1, s.text.slice(start, end));
      return { ...s, hits: this.filter(hits) };
    });
  }

  /** The word and phrase hits of a text (key and source of the same length), in text order. */
  private wordHits(key: string, source: string): PatternHit[] {
    const hits: PatternHit[] = [];
    // The tokens of the key (runs of letters and digits), walked without a regular expression.
    const n = key.length;
    for (let i = 0; i < n;) {
      let w = wordCharAt(key, i);
      if (w === 0) {
        i++;
        continue;
      }
      const at = i;
      do i += w;
      while (i < n && (w = wordCharAt(key, i)) > 0);
      const found = this.lookup(key, at, i);
      if (found === NO_PATTERNS) continue;
      const token = key.slice(at, i);
      for (const e of found.entries) {
        if (!e.phrase) {
          const start = at + (e.from ?? 0);
          const end = at + (e.to ?? token.length);
          record(hits, e.compiled, start, end, e.strength, source.slice(start, end));
          continue;
        }
        const second = e.compiled.second;
        if (second && !secondWordFollows(key, at + second.after, second.prefix)) continue;
        const sticky = e.compiled.sticky!;
        sticky.lastIndex = at;
        if (sticky.test(key))
          record(hits, e.compiled, at, sticky.lastIndex, e.strength, source.slice(at, sticky.lastIndex));
      }
      // "moedigt … aan": the particle later in the same clause (before punctuation or the sentence end).
      for (const s of found.split ?? []) {
        // A clause is short: look at most 300 characters ahead (a paragraph may be long).
        // The clause ends at punctuation or at a sentence end (a dot before a capital: not "o.a. het").
        const rest = key.slice(at + token.length, at + token.length + 300);
        const stop = source.slice(at + token.length, at + token.length + 300).search(/[,;:()!?]|\.\s+\p{Lu}|\.$/u);
        const clause = stop === -1 ? rest : rest.slice(0, stop);
        const p = s.find.exec(clause);
        if (p) {
          const particleAt = at + token.length + p.index;
          const text = `${source.slice(at, at + token.length)} … ${source.slice(particleAt, particleAt + s.particle.length)}`;
          record(hits, s.compiled, at, at + token.length, 1, text);
        }
      }
      // "aan te moedigen".
      for (const s of found.teForms ?? []) {
        s.after.lastIndex = at + token.length;
        if (s.after.test(key)) record(hits, s.compiled, at, s.after.lastIndex, 1, source.slice(at, s.after.lastIndex));
      }
    }
    return hits;
  }

  /** Stop phrases cancel what they contain; an alias inside a longer alias of another actor is no mention. */
  private filter(hits: PatternHit[]): PatternHit[] {
    const stops = hits.filter((h) => h.owner.kind === 'stop').map((h) => h.hit);
    const aliases = hits.filter((h) => h.owner.kind === 'alias');
    const within = (a: Hit, b: Hit) => b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
    return hits.filter((h) => {
      if (h.owner.kind === 'stop') return false;
      if (stops.some((s) => s.start <= h.hit.start && h.hit.end <= s.end)) return false;
      if (h.owner.kind === 'alias') {
        const actor = h.owner.actor;
        return !aliases.some((a) => a.owner.kind === 'alias' && a.owner.actor !== actor && within(h.hit, a.hit));
      }
      return true;
    });
  }

  /** The actor mentions in one sentence (vetoed aliases left out), in text order. */
  actorMentions(sentence: string, hits = this.scan(sentence)): { actor: string; hit: Hit }[] {
    const vetoes = hits.filter((h) => h.owner.kind === 'actor-veto');
    const out: { actor: string; hit: Hit }[] = [];
    for (const h of hits) {
      if (h.owner.kind !== 'alias') continue;
      const actor = h.owner.actor;
      const vetoed = vetoes.some(
        (v) =>
          v.owner.kind === 'actor-veto' &&
          v.owner.actor === actor &&
          v.hit.start < h.hit.end &&
          h.hit.start < v.hit.end,
      );
      // One mention per span and actor (a lemma alias and a plain alias may both match "werkgevers").
      if (!vetoed && !out.some((o) => o.actor === actor && o.hit.start < h.hit.end && h.hit.start < o.hit.end))
        out.push({ actor, hit: h.hit });
    }
    return out.sort((a, b) => a.hit.start - b.hit.start || b.hit.end - a.hit.end);
  }

  /** The codes that apply in one sentence, each with its evidence and confidence (no context beyond it). */
  matchSentence(sentence: string, context: SentenceContext = {}, hits = this.scan(sentence)): CodeMatch[] {
    return decideSentence(this, sentence, hits, context);
  }

  /**
   * The codes that apply in a segment on its own (the sentence is the window, no previous segment
   * or heading): in any of its sentences, with the evidence of each and the highest confidence.
   */
  matchSegment(text: string): CodeMatch[] {
    const byCode = new Map<string, CodeMatch>();
    let previous: SentenceContext['previous'];
    for (const { text: sentence, hits } of this.sentencesWithHits(text)) {
      const s = { text: sentence };
      for (const m of decideSentence(this, s.text, hits, { previous })) mergeMatch(byCode, m);
      previous = salientActor(this, s.text, hits);
    }
    return [...byCode.values()];
  }
}

/** Adds a sentence's match to a segment's: evidence appended, the highest confidence and its rule kept. */
export function mergeMatch(byCode: Map<string, CodeMatch>, m: CodeMatch): void {
  const seen = byCode.get(m.code);
  if (!seen) {
    byCode.set(m.code, { ...m, evidence: [...m.evidence] });
    return;
  }
  seen.evidence.push(...m.evidence);
  if (m.confidence > seen.confidence) {
    seen.confidence = m.confidence;
    seen.rule = m.rule;
  }
}

/**
 * The actor a following sentence can refer back to with "zij", "hun", "deze …": the first actor
 * named in the sentence that does not stand after a preposition (usually its subject), else the
 * last one named. Only actors named in the sentence itself count, so the context of a sentence
 * never depends on more than the one before it (and coding in batches stays byte-identical).
 */
export function salientActor(matcher: Matcher, sentence: string, hits: PatternHit[]): SentenceContext['previous'] {
  const mentions = matcher
    .actorMentions(sentence, hits)
    .filter((m) => !/^(?:we|wij|ik|ons|onze)$/u.test(matchKey(m.hit.text)));
  if (mentions.length === 0) return undefined;
  const before = (m: { hit: Hit }) =>
    matchKey(sentence.slice(Math.max(0, m.hit.start - 12), m.hit.start))
      .trim()
      .split(/\s+/u);
  const free = mentions.find((m) => {
    const words = before(m);
    const last = words[words.length - 1] ?? '';
    const second = words[words.length - 2] ?? '';
    const preps = /^(?:voor|aan|met|van|door|bij|tot|naar|over|tussen|onder|op|in|uit)$/u;
    return !preps.test(last) && !(/^(?:de|het|een|alle|hun|onze)$/u.test(last) && preps.test(second));
  });
  const m = free ?? mentions[mentions.length - 1]!;
  return { actor: m.actor, text: m.hit.text };
}

function record(hits: PatternHit[], c: Compiled, start: number, end: number, strength: number, text: string): void {
  const hit = { start, end, text, strength };
  for (const owner of c.owners) hits.push({ owner, hit });
}

/**
 * Whether white space starts at `at` and the first character after it starts `prefix`: what `\s+`
 * followed by a literal requires (a word of a pattern holds no white space, so `\s+` must end
 * where the next word starts).
 */
function secondWordFollows(key: string, at: number, prefix: string): boolean {
  if (at >= key.length || !isSpace(key.charCodeAt(at))) return false;
  let i = at + 1;
  while (i < key.length && isSpace(key.charCodeAt(i))) i++;
  return key.startsWith(prefix, i);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
