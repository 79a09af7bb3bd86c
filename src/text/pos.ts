import { LEXICON } from './lexicon-data.js';
import type { FormKind } from './morphology.js';
import type { Token } from './tokens.js';

/**
 * A light part-of-speech layer for Dutch, enough for the clause rules of the automatic coder
 * (which word is the finite verb, a participle, an infinitive, a preposition, a pronoun). In
 * order of precedence: hand-written closed word classes (pronouns, auxiliaries, conjunctions,
 * which decide the clause structure and must not be left to counts); the lexicon of the UD Dutch
 * treebanks (the most frequent tag of each form, lexicon-data.ts); the forms of the codebook's own
 * verbs (`verb:` patterns, whose kinds the morphology knows); suffix rules for unknown words
 * (-ing, -heid → noun; ge-…-d → participle; -eert → finite verb; -lijk, -ig → adjective); and
 * a few context rules (after "te" an infinitive; after an article no verb; a capital inside the
 * sentence a name).
 */
export type Tag =
  | 'N'
  | 'NAME'
  | 'ADJ'
  | 'ADV'
  | 'ADP'
  | 'DET'
  | 'PRON'
  | 'SUB'
  | 'CONJ'
  | 'NUM'
  | 'PUNCT'
  | 'VFIN'
  | 'VINF'
  | 'VPART'
  | 'VPRES'
  | 'TE';

const words = (s: string) => s.split(/\s+/u).filter(Boolean);

/** Personal pronouns that can be the subject of a clause. */
export const SUBJECT_PRONOUNS = new Set(words('ik jij je hij zij ze wij we u men'));
/** Pronouns that are only objects (or reflexive). */
export const OBJECT_PRONOUNS = new Set(words('mij me hem hen jou ons zich zichzelf elkaar jullie'));
export const POSSESSIVES = new Set(words('mijn jouw zijn haar hun onze ons uw jullie diens wier'));

/** Auxiliaries and modals with their lemma: they carry the finite verb of most policy sentences. */
export const AUXILIARIES = new Map<string, string>();
for (const [lemma, forms] of [
  ['worden', 'word wordt worden werd werden'],
  ['zijn', 'ben bent is zijn was waren'],
  ['hebben', 'heb hebt heeft hebben had hadden'],
  ['kunnen', 'kan kunt kunnen kon konden'],
  ['moeten', 'moet moeten moest moesten'],
  ['mogen', 'mag mogen mocht mochten'],
  ['willen', 'wil wilt willen wilde wilden wou'],
  ['zullen', 'zal zult zullen zou zouden'],
  ['gaan', 'ga gaat gaan ging gingen'],
  ['blijven', 'blijf blijft blijven bleef bleven'],
  ['laten', 'laat laten liet lieten'],
  ['komen', 'kom komt komen kwam kwamen'],
] as const)
  for (const f of words(forms)) AUXILIARIES.set(f, lemma);

const CLOSED = new Map<string, Tag>();
const closed = (tag: Tag, list: string) => {
  for (const w of words(list)) CLOSED.set(w, tag);
};
closed('DET', 'de het een deze dit die dat elke ieder iedere alle geen enkele sommige zulke welke beide');
closed(
  'PRON',
  'ik jij je hij zij ze wij we u men mij me hem hen jou ons zich zichzelf elkaar iedereen niemand iemand alles niets wat wie',
);
closed('DET', 'mijn jouw zijn haar hun onze uw');
closed(
  'ADP',
  'aan bij door in met naar om op over per sinds tegen tot uit van voor zonder onder tussen na via vanuit binnen buiten langs rond tijdens volgens wegens dankzij ondanks namens omtrent inzake richting conform middels overeenkomstig krachtens ingevolge vanaf voorafgaand t.a.v. ten ter naast achter boven',
);
closed('CONJ', 'en of maar want noch zowel alsmede alsook');
// Numbers written as words ("in vier jaar tijd"): never the verb their form can also be (vier, acht).
closed(
  'NUM',
  'twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend miljoen miljard',
);
closed(
  'SUB',
  'omdat zodat als wanneer indien doordat terwijl hoewel mits tenzij voordat nadat totdat zodra opdat aangezien naarmate zoals alsof waardoor waarmee waarbij waarin waarop waarvoor waarna waarover waaraan waaruit waarvan',
);
closed('TE', 'te');
closed(
  'ADV',
  'ook daarom daarnaast verder bovendien tegelijkertijd daarbij hiermee daarmee hierbij hiervoor daarvoor hierin daarin niet nog al wel zo dan nu eerst vervolgens tevens eveneens namelijk bijvoorbeeld er hier daar waar meer minder zeer heel erg vooral ook steeds altijd nooit vaak soms samen daartoe hiertoe echter dus toch immers juist alleen slechts zelfs ongeveer bijna reeds inmiddels straks binnenkort voortaan sindsdien hierdoor daardoor hierop daarop nader verder stapsgewijs primair spoedig zoveel mogelijk vroegtijdig',
);

let lexicon: Map<string, Tag[]> | undefined;
function lexiconTags(key: string): Tag[] | undefined {
  if (!lexicon) {
    lexicon = new Map();
    for (const line of LEXICON.split('\n')) {
      const space = line.indexOf(' ');
      lexicon.set(line.slice(0, space), line.slice(space + 1).split(',') as Tag[]);
    }
  }
  return lexicon.get(key);
}

/** Whether the word is in the treebank lexicon or a closed class (so no suffix guess was needed). */
export function inLexicon(key: string): boolean {
  return lexiconTags(key) !== undefined || CLOSED.has(key) || AUXILIARIES.has(key);
}

const KIND_TAG: Record<FormKind, Tag> = {
  finite: 'VFIN',
  infinitive: 'VINF',
  participle: 'VPART',
  'present-participle': 'VPRES',
  nominalisation: 'N',
  noun: 'N',
  adjective: 'ADJ',
};

/** Tags per word, per source of codebook forms (a matcher's `formKinds`): words repeat, tagging them once is enough. */
const tagCache = new WeakMap<object, Map<string, Tag[]>>();
const NO_KNOWN = {};
let lastKnown: ((key: string) => readonly FormKind[] | undefined) | undefined;
let lastCache: Map<string, Tag[]> | undefined;
const PUNCT: Tag[] = ['PUNCT'];

/** The tag of a word by its form alone, with the other tags it can have. */
export function lexicalTags(token: Token, known?: (key: string) => readonly FormKind[] | undefined): Tag[] {
  if (token.punct) return PUNCT;
  // The cache of the last source of forms first (one matcher codes a whole run).
  let cache = known === lastKnown ? lastCache : tagCache.get(known ?? NO_KNOWN);
  if (!cache) tagCache.set(known ?? NO_KNOWN, (cache = new Map<string, Tag[]>()));
  lastKnown = known;
  lastCache = cache;
  const hit = cache.get(token.key);
  if (hit) return hit;
  const tags = computeTags(token, known);
  if (cache.size > 200_000) cache.clear();
  cache.set(token.key, tags);
  return tags;
}

/** The lexical tags of every token of a sentence. */
export function lexicalTagsOf(
  tokens: readonly Token[],
  known?: (key: string) => readonly FormKind[] | undefined,
): Tag[][] {
  const out = new Array<Tag[]>(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = lexicalTags(tokens[i]!, known);
  return out;
}

function computeTags(token: Token, known?: (key: string) => readonly FormKind[] | undefined): Tag[] {
  const k = token.key;
  if (/^\p{N}/u.test(k)) return ['NUM'];
  const aux = AUXILIARIES.get(k);
  const fixed = CLOSED.get(k);
  // "die", "dat", "deze", "dit": article-like before a noun, pronoun or conjunction otherwise.
  if (k === 'dat') return ['SUB', 'PRON', 'DET'];
  if (k === 'die' || k === 'deze' || k === 'dit') return ['DET', 'PRON'];
  if (k === 'haar' || k === 'zijn' || k === 'hun' || k === 'ons')
    return aux ? ['VFIN', 'VINF', 'DET'] : ['DET', 'PRON'];
  if (k === 'of') return ['CONJ', 'SUB'];
  if (aux) return k === AUXILIARIES.get(k) ? ['VFIN', 'VINF'] : ['VFIN'];
  if (fixed) return [fixed];
  const own = known?.(k);
  if (own && own.length > 0) return [...new Set(own.map((x) => KIND_TAG[x]))];
  return lexiconOrGuess(k);
}

/** The lexicon's tags of a word, or the suffix rules' guess, remembered per word. */
const guessed = new Map<string, Tag[]>();
function lexiconOrGuess(k: string): Tag[] {
  const lex = lexiconTags(k);
  if (lex) return lex;
  let g = guessed.get(k);
  if (!g) {
    if (guessed.size > 100_000) guessed.clear();
    g = [guess(k)];
    guessed.set(k, g);
  }
  return g;
}

/** Particles of separable verbs, for finite forms written together in a subordinate clause ("dat … opgroeit"). */
const PARTICLE =
  /^(?:aan|af|bij|door|in|mee|na|om|op|over|toe|uit|vast|voor|weg|terug|samen|tegen|neer|los|vrij|open)/u;

/** Suffix rules for a word the lexicon does not know. */
function guess(k: string): Tag {
  // "opgroeit", "vastlopen", "uitvoert": a particle and a verb form the lexicon knows.
  const particle = PARTICLE.exec(k)?.[0];
  if (particle && k.length - particle.length >= 4) {
    const rest = lexiconTags(k.slice(particle.length))?.[0];
    if ((rest === 'VFIN' && k.endsWith('t')) || (rest === 'VINF' && k.endsWith('en'))) return rest;
  }
  // "verankerde", "beperkte": an inflected participle of a prefixed verb, mostly used as an adjective.
  if (/^(?:ver|be|ont|her)\p{L}{3,}(?:de|te)$/u.test(k)) return 'ADJ';
  if (
    /(?:ing|ingen|heid|heden|schap|teit|iteit|isme|atie|aties|ment|menten|nis|dom|ij|ie|ies|eur|ist|aar|er|ers|je|jes|tje|tjes)$/u.test(
      k,
    )
  )
    return 'N';
  if (/^ge\p{L}{3,}(?:d|t|en)$/u.test(k) && !/(?:heid|ing)$/u.test(k)) return 'VPART';
  // A separable verb's participle: uitgevoerd, vastgesteld, vormgegeven, aangepast.
  if (
    /^(?:aan|af|bij|door|in|mee|na|om|op|over|toe|uit|vast|voor|weg|terug|samen|vorm|tegemoet|neer|los|vrij|open)ge\p{L}{2,}(?:d|t|en)$/u.test(
      k,
    )
  )
    return 'VPART';
  if (/(?:eert|iert|eerde|eerden)$/u.test(k)) return 'VFIN';
  if (/(?:eren)$/u.test(k)) return 'VINF';
  if (/(?:ende|end)$/u.test(k)) return 'VPRES';
  if (/(?:lijk|lijke|ig|ige|isch|ische|baar|bare|zaam|zame|loos|loze|ief|ieve|eel|ele|aal|ale)$/u.test(k)) return 'ADJ';
  return 'N';
}

/** Tags every token of a sentence: the lexical tag, then context rules. */
export function tagTokens(
  tokens: readonly Token[],
  known?: (key: string) => readonly FormKind[] | undefined,
  options: readonly Tag[][] = lexicalTagsOf(tokens, known),
): Tag[] {
  const tags = options.map((o) => o[0]!);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tags[i - 1] : undefined;
    const next = tokens[i + 1];
    const o = options[i]!;
    // A capital inside the sentence on a word the lexicon does not know: a name.
    if (i > 0 && startsUpper(t.text) && !lexiconTags(t.key) && !known?.(t.key) && tags[i] === 'N' && !CLOSED.has(t.key))
      tags[i] = /^\p{Lu}+$/u.test(t.text) ? 'NAME' : tags[i]!;
    // A capitalised "Van", "De", "Ter" … before a capitalised word inside the sentence is part of a name.
    if (
      i > 0 &&
      t.text.length <= 3 &&
      /^(?:Van|De|Der|Den|Ter|Ten|Het|Op|In)$/u.test(t.text) &&
      next &&
      startsUpper(next.text) &&
      tokens[i - 1]!.text !== '.'
    )
      tags[i] = 'NAME';
    // After "te": an infinitive.
    if (prev === 'TE' && o.includes('VINF')) tags[i] = 'VINF';
    else if (prev === 'TE' && /en$/u.test(t.key) && !t.punct) tags[i] = 'VINF';
    // After a preposition: not a finite verb ("naar werk", "met steun").
    if (prev === 'ADP' && tags[i] === 'VFIN' && !AUXILIARIES.has(t.key))
      tags[i] = o.find((x) => x === 'N' || x === 'ADJ' || x === 'VINF') ?? 'N';
    // After an article or a possessive: not a verb (a noun or adjective).
    // An auxiliary after an adjective stays a verb ("beter worden ondersteund").
    if (
      (prev === 'DET' || (prev === 'ADJ' && !AUXILIARIES.has(t.key))) &&
      isVerbTag(tags[i]!) &&
      tags[i] !== 'VPART' &&
      tags[i] !== 'VPRES'
    ) {
      const nominal = o.find((x) => x === 'N' || x === 'ADJ');
      if (nominal) tags[i] = nominal;
      else if (tags[i] === 'VINF' || tags[i] === 'VFIN') tags[i] = 'N';
    }
    // A participle before a noun or adjective is used as an adjective ("ongewenste beïnvloeding",
    // "de daaraan verbonden risico's"), unless an auxiliary before it makes it the verb.
    if ((tags[i] === 'VPART' || tags[i] === 'VPRES') && next && !(i > 0 && AUXILIARIES.has(tokens[i - 1]!.key))) {
      const n = options[i + 1]![0];
      if (
        n === 'N' ||
        (n === 'ADJ' && (prev === undefined || prev === 'DET' || prev === 'ADP' || prev === 'PUNCT' || prev === 'ADJ'))
      )
        tags[i] = 'ADJ';
    }
    // "die", "dat", "deze", "dit" stand before a noun as an article, else as a pronoun.
    if ((t.key === 'die' || t.key === 'deze' || t.key === 'dit') && next) {
      const n = options[i + 1]![0];
      // "…, die vier mensen aanhield": after a noun or a comma, "die" before a number is the relative pronoun.
      const relative =
        t.key === 'die' && n === 'NUM' && (prev === 'N' || prev === 'NAME' || tokens[i - 1]?.key === ',');
      tags[i] = !relative && (n === 'N' || n === 'ADJ' || n === 'NAME' || n === 'NUM') ? 'DET' : 'PRON';
    }
    if (t.key === 'dat' && next) {
      // An article after a preposition or before a noun with no verb to follow ("met dat doel");
      // a pronoun before a verb ("dat is"); else the conjunction ("dat oneerlijke concurrentie wordt voorkomen").
      const n = options[i + 1]![0];
      const verbLater = options.slice(i + 2).some((o, k) => o.some(isVerbTag) && !tokens[i + 2 + k]!.punct);
      // "er voor dat", "er op dat": a split pronominal adverb, the conjunction follows.
      if (prev === 'ADP' && tokens[i - 2]?.key !== 'er') tags[i] = 'DET';
      else if (n === 'VFIN') tags[i] = 'PRON';
      else if ((n === 'N' || n === 'ADJ') && !verbLater) tags[i] = 'DET';
      else tags[i] = 'SUB';
    }
    if ((t.key === 'hun' || t.key === 'haar' || t.key === 'ons' || t.key === 'zijn') && next) {
      const n = options[i + 1]![0];
      const nominal = n === 'N' || n === 'ADJ' || n === 'NAME';
      tags[i] = nominal ? 'DET' : t.key === 'zijn' ? 'VFIN' : 'PRON';
    }
  }
  // A modal waits for its infinitive at the end of the clause: "Zij kunnen … informatie delen over …".
  let modal = false;
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!.key;
    const lemma = AUXILIARIES.get(key);
    if (lemma && /^(?:kunnen|moeten|willen|mogen|zullen|gaan)$/u.test(lemma)) modal = true;
    else if (tags[i] === 'VINF' || tags[i] === 'VPART' || key === ',' || tags[i] === 'SUB') modal = false;
    else if (
      modal &&
      tags[i] === 'N' &&
      /en$/u.test(key) &&
      i > 0 &&
      tags[i - 1] !== 'DET' &&
      tags[i - 1] !== 'ADJ' &&
      tags[i - 1] !== 'ADP'
    ) {
      const next = tags[i + 1];
      if (next === undefined || next === 'ADP' || next === 'PUNCT' || next === 'CONJ') {
        tags[i] = 'VINF';
        modal = false;
      }
    }
  }
  // Verb second: the verb right after a clause-initial subject pronoun is finite ("We stimuleren"),
  // and so is a verb right before one ("Ook bevorderen we", "Daarom zorgen we").
  for (let i = 0; i < tokens.length; i++) {
    if (!SUBJECT_PRONOUNS.has(tokens[i]!.key) || tags[i] !== 'PRON') continue;
    const prev = i > 0 ? tags[i - 1] : undefined;
    const clauseStart = i === 0 || prev === 'PUNCT' || prev === 'CONJ';
    const next = options[i + 1];
    if (
      clauseStart &&
      next &&
      (next.includes('VFIN') || next.includes('VINF') || /(?:en|t)$/u.test(tokens[i + 1]!.key)) &&
      !tokens[i + 1]!.punct &&
      tags[i + 1] !== 'ADP' &&
      tags[i + 1] !== 'ADV'
    )
      tags[i + 1] = 'VFIN';
    else if (
      i > 1 &&
      (options[i - 1]!.includes('VFIN') || options[i - 1]!.includes('VINF')) &&
      tags[i - 2] !== 'TE' &&
      prev !== 'SUB'
    )
      tags[i - 1] = 'VFIN';
  }
  return tags;
}

/** `/^\p{Lu}/u.test(text)`, with ASCII decided without the expression. */
function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 0x80 ? c >= 65 && c <= 90 : UPPER_START.test(text);
}
const UPPER_START = /^\p{Lu}/u;

export function isVerbTag(tag: Tag): boolean {
  return tag === 'VFIN' || tag === 'VINF' || tag === 'VPART' || tag === 'VPRES';
}
