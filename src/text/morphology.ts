import { LEXICON, STRONG_VERBS } from './lexicon-data.js';
import { matchKey } from './normalise.js';

/**
 * Dutch word forms from a lemma, so that a coder writes a verb or noun once (`verb: stimuleren`,
 * `verb: aanmoedigen`, `noun: regie`) and every inflection matches (llo issue 11). The rules are
 * the regular ones of Dutch spelling (ANS, "Algemene Nederlandse Spraakkunst", §2.3 and §3.1):
 *
 * - the stem is the infinitive without -en, with a long vowel doubled in a closed syllable
 *   (maken → maak, stimuleren → stimuleer), a double consonant made single (zetten → zet) and a
 *   final v/z devoiced (geven → geef, reizen → reis);
 * - present tense stem, stem + t, infinitive; weak past tense stem + te(n) after a voiceless
 *   consonant of the infinitive's stem ('t kofschip: t k f s ch p) and + de(n) otherwise; the
 *   participle ge- + stem + t/d, without ge- after an unstressed prefix (be-, ver-, ont-, her-,
 *   ge-, er-); strong and mixed verbs take their attested forms from the treebanks (lexicon-data);
 * - separable verbs (aanmoedigen, uitvoeren, vaststellen): the particle stays on the infinitive,
 *   participle (aangemoedigd), present participle and the finite verb of a subordinate clause
 *   (dat … aanmoedigt), and stands apart, after the verb, in a main clause (moedigt … aan) and
 *   before "te" (aan te moedigen); those split forms are returned separately;
 * - nominalisations in -ing (stimulering; -atie forms such as implementatie are listed by the
 *   codebook, since organisatie or informatie mostly name a thing) and present participles used
 *   as adjectives (stimulerende), inflected participles (gestimuleerde);
 * - nouns: plurals in -en, -s, -'s (with the spelling changes of the stem), diminutives in -je,
 *   -tje, -pje, -etje and their plurals.
 *
 * Where the stress of a syllable decides the spelling and cannot be seen (verbeteren → verbeter,
 * but stimuleren → stimuleer), both spellings are produced: the wrong one is not a Dutch word, so
 * it never matches anything.
 */

export type FormKind =
  'finite' | 'infinitive' | 'participle' | 'present-participle' | 'nominalisation' | 'noun' | 'adjective';

export interface WordForm {
  form: string;
  /** What the form can be (a plural present is also the infinitive: stimuleren). */
  kinds: FormKind[];
}

export interface VerbForms {
  /** One-word forms (matching keys) with their kind. */
  words: WordForm[];
  /** For a separable verb: its particle, which stands apart after the finite forms in `split`. */
  particle?: string;
  /** Finite forms of the base verb that need the particle later in the clause (moedigt … aan). */
  split: string[];
  /** Infinitive of the base verb for "aan te moedigen". */
  baseInfinitive?: string;
}

/**
 * Particles that rarely begin a verb of another kind: split off when the rest is a verb
 * (aan|moedigen, uit|voeren, vast|stellen).
 */
const SAFE_PARTICLES = new Set(
  'aan af bij mee toe uit vast weg terug samen tegemoet teweeg neer los vrij voort klaar deel plaats tegen bijeen'.split(
    ' ',
  ),
);

/** Every separable particle, longest first; the others also begin Latinate verbs (in|voeren, investeren). */
const SEPARABLE = [
  ...SAFE_PARTICLES,
  ...'in na op open tot rond bekend stil binnen buiten vooruit achteruit door voor over onder om achter mis vol goed kwijt ter ineen'.split(
    ' ',
  ),
].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/** Particles that can also be unstressed prefixes (onder|steunen is inseparable): both forms are made. */
const AMBIGUOUS = new Set(['door', 'voor', 'over', 'onder', 'om', 'achter', 'mis', 'vol']);

/** Unstressed prefixes: no ge- in the participle. */
const UNSTRESSED = ['be', 'ver', 'ont', 'her', 'ge', 'er'];

const KOFSCHIP = /(?:t|k|f|s|ch|p)$/u;
const VOWEL = /[aeiouy]/u;

let strong: Map<string, { past: string[]; participles: string[] }> | undefined;
function strongVerbs() {
  if (strong) return strong;
  strong = new Map();
  for (const line of STRONG_VERBS.split('\n')) {
    const [lemma, past, part] = line.split(' ');
    if (!lemma || !past || !part) continue;
    strong.set(lemma, {
      past: past === '-' ? [] : past.split(',').filter((f) => f !== lemma),
      // The verb's own participle: ge-…, or the prefixed form (ontvangen); not a particle verb's (aangeboden).
      participles:
        part === '-'
          ? []
          : part
              .split(',')
              .filter((f) => f.startsWith('ge') || UNSTRESSED.some((p) => f.startsWith(p) && lemma.startsWith(p))),
    });
  }
  return strong;
}

/** The stems of an infinitive without its particle (more than one where stress is unknown). */
export function verbStems(infinitive: string): { stems: string[]; base: string } {
  const inf = matchKey(infinitive);
  // gaan, staan, doen, zien, slaan: the infinitive is stem + n.
  if (/(?:aan|oen|ien|ijn)$/u.test(inf) && !/(?:[^aeiou]ien|eien)$/u.test(inf) && inf.length <= 5) {
    const stem = inf.slice(0, -1);
    return { stems: [stem === 'zie' ? 'zie' : stem], base: stem };
  }
  const base = inf.endsWith('en') ? inf.slice(0, -2) : inf.endsWith('n') ? inf.slice(0, -1) : inf;
  let stem = base;
  const out = new Set<string>();
  // Double consonant at the end: zetten → zet, stoppen → stop.
  if (/([b-df-hj-np-tv-z])\1$/u.test(stem)) stem = stem.slice(0, -1);
  else {
    // An open syllable before -en with one vowel letter: the vowel is long, doubled in the closed stem.
    // After a consonant, "u" + "e" are two syllables (evalueren → evalueer, continueren), no digraph.
    const m = /^(.*[^aeiou]|.*[^aeiou]u)([aeou])([b-df-hj-np-tv-z])$/u.exec(stem);
    if (m && (!/[aeiou]$/u.test(m[1]!) || (m[1]!.endsWith('u') && m[2] === 'e'))) {
      const doubled = `${m[1]}${m[2]}${m[2]}${m[3]}`;
      // "e" + r/l/n/m may be an unstressed schwa (verbeteren → verbeter): keep both.
      if (m[2] === 'e' && /[rlnm]/u.test(m[3]!) && VOWEL.test(m[1]!)) out.add(stem);
      // An unstressed "o" before r in a longer word keeps its single letter (monitoren → monitor).
      if (m[2] === 'o' && m[3] === 'r' && stem.length >= 6) out.add(stem);
      stem = doubled;
    }
  }
  stem = stem.replace(/v$/u, 'f').replace(/z$/u, 's');
  out.add(stem);
  return { stems: [...out].map((s) => s.replace(/v$/u, 'f').replace(/z$/u, 's')), base };
}

/**
 * Splits a separable verb into particle and base verb, or undefined. A coder can say where with a
 * bar (`aan|moedigen`); otherwise a particle that always separates is split off when the rest is
 * a verb (starts with a consonant and ends in -en: aan|moedigen, not op|ereren), and a particle
 * that also begins Latinate verbs (in, om, over, …: investeren, informeren) only when the rest is
 * a verb the treebank lexicon knows (in|voeren, in|zetten).
 */
export function separableParts(infinitive: string): { particle: string; base: string; ambiguous: boolean } | undefined {
  const written = matchKey(infinitive.trim());
  const bar = written.indexOf('|');
  if (bar > 0) {
    const particle = written.slice(0, bar);
    return { particle, base: written.slice(bar + 1), ambiguous: false };
  }
  const inf = written;
  for (const particle of SEPARABLE) {
    if (!inf.startsWith(particle)) continue;
    const base = inf.slice(particle.length);
    // The short verbs whose infinitive is stem + n (gaan, staan, slaan, doen, zien: tegen|gaan, op|staan).
    const short = /^(?:gaan|staan|slaan|doen|zien)$/u.test(base);
    if (!short && (base.length < 4 || !/^[b-df-hj-np-tv-z]/u.test(base) || !VOWEL.test(base) || !/en$/u.test(base)))
      continue;
    if (!SAFE_PARTICLES.has(particle) && !isKnownVerb(base)) continue;
    return { particle, base, ambiguous: AMBIGUOUS.has(particle) };
  }
  return undefined;
}

let knownVerbs: Set<string> | undefined;
/** Whether the treebank lexicon has the word as an infinitive or finite verb, or as a strong verb. */
export function isKnownVerb(infinitive: string): boolean {
  if (!knownVerbs) {
    knownVerbs = new Set(strongVerbs().keys());
    for (const line of LEXICON.split('\n')) {
      const [form, tags] = line.split(' ');
      if (form && tags && /VINF/u.test(tags)) knownVerbs.add(form);
    }
  }
  return knownVerbs.has(infinitive);
}

/** Every form of a verb given by its infinitive (see the module comment). */
export function verbForms(infinitive: string, options: { strong?: boolean } = {}): VerbForms {
  const table = options.strong === false ? new Map<string, { past: string[]; participles: string[] }>() : strongVerbs();
  const inf = matchKey(infinitive.trim()).replace('|', '');
  const words = new Map<string, FormKind[]>();
  const add = (form: string, kind: FormKind) => {
    if (form.length === 0) return;
    const kinds = words.get(form);
    if (!kinds) words.set(form, [kind]);
    else if (!kinds.includes(kind)) kinds.push(kind);
  };
  const parts = separableParts(inf);
  const split: string[] = [];
  const simple = (verb: string, prefix: string, separable: boolean, inseparablePrefix = false) => {
    const { stems, base } = verbStems(verb);
    const irregular = table.get(verb) ?? table.get(verb.replace(/^(?:be|ver|ont|her|ge|er)/u, ''));
    const prefixed = UNSTRESSED.find((p) => verb.startsWith(p) && verb.length > p.length + 3);
    const unstressed = !separable && (inseparablePrefix || prefixed !== undefined);
    // be-, ge-, er- may also be the verb's own first letters (bellen → gebeld): then both participles.
    const unsure = unstressed && !inseparablePrefix && (prefixed === 'be' || prefixed === 'ge' || prefixed === 'er');
    const finite: string[] = [];
    for (const stem of stems) {
      finite.push(stem, stem.endsWith('t') ? stem : `${stem}t`);
      if (!irregular || irregular.past.length === 0) {
        const suffix = KOFSCHIP.test(base) ? 't' : 'd';
        const pastStem = stem.endsWith(suffix) ? stem : stem;
        finite.push(`${pastStem}${suffix}e`, `${pastStem}${suffix}en`);
      }
      if (!irregular || irregular.participles.length === 0) {
        const ending = stem.endsWith('t') || stem.endsWith('d') ? '' : KOFSCHIP.test(base) ? 't' : 'd';
        for (const ge of unsure ? ['', 'ge'] : [unstressed ? '' : 'ge']) {
          add(`${prefix}${ge}${stem}${ending}`, 'participle');
          add(`${prefix}${ge}${stem}${ending}e`, 'participle');
        }
      }
    }
    finite.push(verb);
    if (irregular) {
      // A prefixed verb found through its simple verb (ontbieden → bieden) puts its prefix on the forms.
      const borrowed = !table.has(verb) && prefixed !== undefined;
      finite.push(...irregular.past.map((f) => (borrowed ? `${prefixed}${f}` : f)));
      for (const participle of irregular.participles) {
        const stripped = participle.replace(/^ge/u, '');
        const form = !unstressed
          ? participle
          : borrowed
            ? `${prefixed}${stripped}`
            : table.has(verb)
              ? participle
              : stripped;
        add(`${prefix}${form}`, 'participle');
        if (!form.endsWith('n')) add(`${prefix}${form}e`, 'participle');
      }
    }
    add(`${prefix}${verb}`, 'infinitive');
    for (const f of finite) {
      add(`${prefix}${f}`, 'finite');
      if (separable) split.push(f);
    }
    add(`${prefix}${verb}d`, 'present-participle');
    add(`${prefix}${verb}de`, 'present-participle');
    // Nominalisations in -ing (stimulering, uitvoering). Those in -atie are left to the codebook:
    // organisatie and informatie mostly name a thing, not the act of organising or informing.
    add(`${prefix}${base}ing`, 'nominalisation');
    add(`${prefix}${base}ingen`, 'nominalisation');
  };
  if (parts) {
    simple(parts.base, parts.particle, true);
    if (parts.ambiguous) simple(inf, '', false, true);
    // The infinitive with the particle written together is also what "aan te moedigen" joins to.
    return {
      words: [...words].map(([form, kinds]) => ({ form, kinds })),
      particle: parts.particle,
      split: [...new Set(split)],
      baseInfinitive: parts.base,
    };
  }
  simple(inf, '', false);
  return { words: [...words].map(([form, kinds]) => ({ form, kinds })), split: [] };
}

/** Every form of a noun: singular, plurals, diminutives (see the module comment). */
export function nounForms(lemma: string): WordForm[] {
  const n = matchKey(lemma.trim());
  const out = new Set<string>([n]);
  const stems = new Set<string>([n]);
  // Plural -en with the spelling of an open syllable: maatregel → maatregelen, baan → banen,
  // budget → budgetten (short vowel: the consonant doubles).
  const long = /^(.*[^aeiou])(aa|ee|oo|uu)([b-df-hj-np-tv-z])$/u.exec(n);
  if (long) stems.add(`${long[1]}${long[2]![0]}${long[3]}`);
  const short = /^(.*[^aeiou])([aeiou])([b-df-hj-np-tv-z])$/u.exec(n);
  if (short) stems.add(`${n}${short[3]}`);
  for (const s of stems) {
    const voiced = s.replace(/f$/u, 'v').replace(/s$/u, 'z');
    for (const st of new Set([s, voiced])) out.add(`${st}en`);
  }
  if (n.endsWith('heid')) out.add(`${n.slice(0, -4)}heden`);
  if (/e$/u.test(n)) out.add(`${n}n`);
  out.add(`${n}s`);
  if (/[aiouy]$/u.test(n)) out.add(`${n}'s`);
  // Diminutives.
  for (const d of [`${n}je`, `${n}tje`, `${n}pje`, `${n}etje`, `${n}${n.slice(-1)}etje`]) {
    out.add(d);
    out.add(`${d}s`);
  }
  return [...out].map((form) => ({ form, kinds: ['noun' as const] }));
}

/** Every form of an adjective: inflected, comparative, superlative. */
export function adjectiveForms(lemma: string): WordForm[] {
  const a = matchKey(lemma.trim());
  const out = new Set<string>([a, `${a}e`, `${a}er`, `${a}ere`, `${a}st`, `${a}ste`]);
  const long = /^(.*[^aeiou])(aa|ee|oo|uu)([b-df-hj-np-tv-z])$/u.exec(a);
  if (long) {
    const open = `${long[1]}${long[2]![0]}${long[3]!.replace(/f$/u, 'v').replace(/s$/u, 'z')}`;
    out.add(`${open}e`);
    out.add(`${open}er`);
    out.add(`${open}ere`);
  }
  const short = /^(.*[^aeiou])([aeiou])([b-df-hj-np-tv-z])$/u.exec(a);
  if (short && !a.endsWith('ig') && !a.endsWith('lijk') && !a.endsWith('isch')) {
    out.add(`${a}${short[3]}e`);
    out.add(`${a}${short[3]}er`);
  }
  return [...out].map((form) => ({ form, kinds: ['adjective' as const] }));
}
