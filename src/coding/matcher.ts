import type { Codebook } from '../codebook/schema.js';
import { matchKey } from '../text/normalise.js';
import { patternSource } from '../text/patterns.js';
import { splitSentences } from '../text/sentences.js';

/**
 * The whole codebook compiled into one matcher, so that a sentence is scanned once whatever the
 * number of codes. Word and phrase patterns are indexed by their first word (exact, or its literal
 * prefix when it ends in `*`); at each word of the text the few patterns indexed there are verified
 * with a sticky regular expression. Regex patterns (`/…/`) are run over the sentence one by one.
 * Matching runs on matching keys (lower case, no diacritics).
 *
 * A code applies in a sentence when an alias of its actor and one of its indicators occur there, or
 * one of its standalone indicators does; and none of its vetoes.
 */

type Owner =
  | { kind: 'alias'; actor: string }
  | { kind: 'actor-veto'; actor: string }
  | { kind: 'indicator'; code: string }
  | { kind: 'standalone'; code: string }
  | { kind: 'veto'; code: string };

interface CompiledPattern {
  pattern: string;
  sticky: RegExp;
  owners: Owner[];
  /** A single word (or word prefix + `*`) of letters and digits: the token lookup is the whole test. */
  singleWord: boolean;
}

export interface Hit {
  start: number;
  end: number;
  /** The matched text as it stands in the sentence. */
  text: string;
}

export interface CodeMatch {
  code: string;
  /** "actor mention … indicator", one per sentence in which the code applies. */
  evidence: string[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;

export class Matcher {
  private readonly exact = new Map<string, CompiledPattern[]>();
  private readonly prefixes = new Map<string, CompiledPattern[]>();
  private readonly prefixLengths: number[];
  private readonly regexes: CompiledPattern[] = [];
  private readonly codes: { id: string; actor: string }[];

  constructor(codebook: Codebook) {
    const byPattern = new Map<string, CompiledPattern>();
    const add = (pattern: string, owner: Owner) => {
      const source = patternSource(pattern);
      let compiled = byPattern.get(source);
      if (!compiled) {
        // No `i` flag: the text is matched as its lower-cased key, and case-insensitive Unicode
        // classes are slow to compile.
        compiled = {
          pattern,
          sticky: new RegExp(source, 'uy'),
          owners: [],
          singleWord: /^[\p{L}\p{N}]+\*?$/u.test(matchKey(pattern.trim())),
        };
        byPattern.set(source, compiled);
        this.index(pattern, compiled);
      }
      compiled.owners.push(owner);
    };
    for (const actor of codebook.actors) {
      for (const p of actor.aliases) add(p, { kind: 'alias', actor: actor.id });
      for (const p of actor.vetoes ?? []) add(p, { kind: 'actor-veto', actor: actor.id });
    }
    for (const code of codebook.codes) {
      for (const p of code.indicators ?? []) add(p, { kind: 'indicator', code: code.id });
      for (const p of code.standalone ?? []) add(p, { kind: 'standalone', code: code.id });
      for (const p of code.vetoes ?? []) add(p, { kind: 'veto', code: code.id });
    }
    this.prefixLengths = [...new Set([...this.prefixes.keys()].map((k) => k.length))].sort((a, b) => a - b);
    this.codes = codebook.codes
      .filter((c) => (c.indicators ?? []).length + (c.standalone ?? []).length > 0)
      .map((c) => ({ id: c.id, actor: c.actor }));
  }

  private index(pattern: string, compiled: CompiledPattern): void {
    const p = pattern.trim();
    if (p.startsWith('/') && p.endsWith('/') && p.length >= 2) {
      compiled.sticky = new RegExp(patternSource(p), 'gu');
      this.regexes.push(compiled);
      return;
    }
    // The first token of the pattern as the text tokenizer would see it: "o&o-fonds*" → "o".
    const firstWord = matchKey(p).split(/\s+/u)[0]!;
    const star = firstWord.indexOf('*');
    const firstToken = /^[\p{L}\p{N}]*/u.exec(firstWord)![0];
    if (star !== -1 && star <= firstToken.length) {
      const prefix = firstWord.slice(0, star);
      push(this.prefixes, prefix, compiled);
    } else {
      push(this.exact, firstToken, compiled);
    }
  }

  /** All pattern hits in one sentence, grouped by owner. */
  private scan(sentence: string) {
    const key = matchKey(sentence);
    // Offsets map back to the sentence when the key kept its length (nearly always); else quote the key.
    const source = key.length === sentence.length ? sentence : key;
    const hits: { owner: Owner; hit: Hit }[] = [];
    const record = (c: CompiledPattern, start: number, end: number) => {
      const hit = { start, end, text: source.slice(start, end) };
      for (const owner of c.owners) hits.push({ owner, hit });
    };
    for (const m of key.matchAll(TOKEN)) {
      const token = m[0];
      const at = m.index;
      const verify = (bucket: CompiledPattern[] | undefined) => {
        if (!bucket) return;
        for (const c of bucket) {
          if (c.singleWord) {
            record(c, at, at + token.length);
            continue;
          }
          c.sticky.lastIndex = at;
          if (c.sticky.test(key)) record(c, at, c.sticky.lastIndex);
        }
      };
      verify(this.exact.get(token));
      for (const n of this.prefixLengths) {
        if (n > token.length) break;
        verify(this.prefixes.get(token.slice(0, n)));
      }
    }
    for (const c of this.regexes) {
      c.sticky.lastIndex = 0;
      for (const m of key.matchAll(c.sticky)) if (m[0] !== '') record(c, m.index, m.index + m[0].length);
    }
    return hits;
  }

  /** The actor mentions in one sentence (vetoed aliases left out), in text order. */
  actorMentions(sentence: string): { actor: string; hit: Hit }[] {
    const hits = this.scan(sentence);
    const vetoes = hits.filter((h) => h.owner.kind === 'actor-veto');
    return hits
      .filter(
        (h) =>
          h.owner.kind === 'alias' &&
          !vetoes.some(
            (v) =>
              v.owner.kind === 'actor-veto' &&
              v.owner.actor === (h.owner as { actor: string }).actor &&
              v.hit.start < h.hit.end &&
              h.hit.start < v.hit.end,
          ),
      )
      .map((h) => ({ actor: (h.owner as { actor: string }).actor, hit: h.hit }))
      .sort((a, b) => a.hit.start - b.hit.start);
  }

  /** The codes that apply in one sentence, each with its evidence. */
  matchSentence(sentence: string): CodeMatch[] {
    const hits = this.scan(sentence);
    if (hits.length === 0) return [];
    const vetoedSpans = hits.filter((h) => h.owner.kind === 'actor-veto');
    // A word that names an actor ("uitkeringsgerechtigden") is not also an indicator ("uitkering*").
    const aliasSpans = hits.filter((h) => h.owner.kind === 'alias').map((h) => h.hit);
    const insideAlias = (hit: Hit) => aliasSpans.some((a) => a.start <= hit.start && hit.end <= a.end);
    const mentions = new Map<string, Hit>();
    const indicators = new Map<string, Hit>();
    const standalone = new Map<string, Hit>();
    const vetoed = new Set<string>();
    for (const { owner, hit } of hits.sort((a, b) => a.hit.start - b.hit.start || b.hit.end - a.hit.end)) {
      if (owner.kind === 'alias') {
        const cancelled = vetoedSpans.some(
          (v) =>
            v.owner.kind === 'actor-veto' &&
            v.owner.actor === owner.actor &&
            v.hit.start < hit.end &&
            hit.start < v.hit.end,
        );
        if (!cancelled && !mentions.has(owner.actor)) mentions.set(owner.actor, hit);
      } else if (owner.kind === 'indicator') {
        if (!indicators.has(owner.code) && !insideAlias(hit)) indicators.set(owner.code, hit);
      } else if (owner.kind === 'standalone') {
        if (!standalone.has(owner.code) && !insideAlias(hit)) standalone.set(owner.code, hit);
      } else if (owner.kind === 'veto') {
        vetoed.add(owner.code);
      }
    }
    const out: CodeMatch[] = [];
    for (const code of this.codes) {
      if (vetoed.has(code.id)) continue;
      const mention = mentions.get(code.actor);
      const indicator = indicators.get(code.id);
      const alone = standalone.get(code.id);
      if (mention && indicator) out.push({ code: code.id, evidence: [`${mention.text} … ${indicator.text}`] });
      else if (alone) out.push({ code: code.id, evidence: [`… ${alone.text}`] });
    }
    return out;
  }

  /** The codes that apply in a segment: in any of its sentences (the window is the sentence). */
  matchSegment(text: string): CodeMatch[] {
    const byCode = new Map<string, CodeMatch>();
    const sentences = splitSentences(text);
    for (const s of sentences.length > 0 ? sentences : [{ text, index: 0 }]) {
      for (const m of this.matchSentence(s.text)) {
        const seen = byCode.get(m.code);
        if (seen) seen.evidence.push(...m.evidence);
        else byCode.set(m.code, m);
      }
    }
    return [...byCode.values()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
