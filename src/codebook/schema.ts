import { z } from 'zod';
import { checkPattern } from '../text/patterns.js';

/**
 * The codebook format. Every object is strict, so a misspelt key (`indicaters`) is an error with
 * its line and column rather than a silently ignored setting.
 */
const ID = /^[a-z0-9][a-z0-9_-]*$/u;
const id = (what: string) => z.string().regex(ID, `${what} ids use lower-case letters, digits, "_" or "-"`);

export const Pattern = z.string().superRefine((p, ctx) => {
  const problem = checkPattern(p);
  if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(p)} ${problem}` });
});

/**
 * A pattern or a lemma: `verb: stimuleren` matches every form of the verb (stimuleert,
 * gestimuleerd, stimulerende, stimulering; "moedigt … aan" for `verb: aanmoedigen`), `noun: regie`
 * its plurals, diminutives and compounds (ketenregie; overheidsvisie for an actor's `noun:
 * overheid`), `adj: verantwoordelijk` its inflections (src/text/morphology.ts).
 */
const lemma = (what: string) =>
  z
    .string()
    .min(2, `a ${what} lemma has at least two letters`)
    .regex(/^[\p{L}][\p{L}'’|-]*$/u, `a ${what} lemma is one word (a bar may mark a separable particle: aan|moedigen)`);
export const Lemma = z.union([
  z.strictObject({ verb: lemma('verb') }),
  z.strictObject({ noun: lemma('noun') }),
  z.strictObject({ adj: lemma('adjective') }),
]);
export const Indicator = z.union([Pattern, Lemma], {
  error: 'a pattern is a word, phrase, *-wildcard or /regex/, or one of verb:, noun:, adj: with a lemma',
});
export type IndicatorPattern = z.infer<typeof Indicator>;

/**
 * A criterion for human coders, or one the automatic coder applies too: `{ text, applied-by }`
 * names the machine rule that carries it out (`actor-as` for "not when the actor is the target",
 * `vetoes`, `stop` for the codebook's stop phrases, `actor-vetoes`, `indicators`), and `llo codebook
 * validate` lists the criteria that remain for people only.
 */
export const MACHINE_RULES = ['actor-as', 'vetoes', 'stop', 'actor-vetoes', 'indicators'] as const;
const Criterion = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1), 'applied-by': z.enum(MACHINE_RULES) }),
]);
export type CriterionDefinition = z.infer<typeof Criterion>;

const Paradigm = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/u, 'paradigm ids use letters, digits, "_" or "-"'),
  label: z.string().min(1),
  description: z.string().optional(),
});

const Actor = z.strictObject({
  id: id('actor'),
  label: z.string().min(1),
  description: z.string().optional(),
  /** Words and phrases that refer to the actor. */
  aliases: z.array(Indicator).min(1, 'an actor needs at least one alias to be recognised'),
  /** Phrases that look like an alias but do not refer to the actor in this sentence. */
  vetoes: z.array(Pattern).optional(),
  /**
   * The actor is the agent of a role that names no agent (a passive without "door …", "er komt
   * …", a verbless heading-like sentence): in a government text, the government.
   */
  'implicit-agent': z.boolean().optional(),
});

const Provenance = z.strictObject({
  coder: z.string().min(1),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString() : d)),
  document: z.string().optional(),
  segment: z.string().optional(),
  quote: z.string().optional(),
});

const Code = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*$/u,
      'code ids are <actor>.<role>, in lower-case letters, digits, "_" or "-"',
    ),
  actor: id('actor'),
  role: z.string().min(1),
  paradigms: z.array(z.string()).min(1, 'a code points to at least one paradigm'),
  origin: z.enum(['deductive', 'inductive']),
  definition: z.string().min(1),
  include: z.array(Criterion).optional(),
  exclude: z.array(Criterion).optional(),
  /**
   * What the actor must be for the code to apply: `agent` (it does what the indicator says:
   * "werkgevers investeren"), `target` (it undergoes it, receives it, is steered by it: "het
   * kabinet stimuleert werkgevers"), or `any` (default: a mention in the sentence is enough).
   */
  'actor-as': z.enum(['agent', 'target', 'any']).optional(),
  indicators: z.array(Indicator).optional(),
  /** Indicators too weak alone ("kans", "gebruik"): they count only with a clause relation, at a lower confidence. */
  weak: z.array(Indicator).optional(),
  /** Indicators that name the role and its actor at once ("wordt gereguleerd" in a government text): no actor mention needed. */
  standalone: z.array(Indicator).optional(),
  /**
   * Generic words of acting ("versterken", "werken aan"): they apply the code, with the clause
   * relation `actor-as` asks, only where no other code of the actor applies in the sentence.
   */
  fallback: z.array(Indicator).optional(),
  /**
   * Words that imply the code's actor as the one a government measure addresses without naming
   * it: its contracts, wages or benefits ("We verhogen het minimumloon": employers are bound). The
   * code applies where such a word occurs and the sentence gives an `implicit-agent` actor (the
   * government) one of the roles `implied-with` lists (any of its roles when absent).
   */
  'implied-by': z.array(Indicator).optional(),
  'implied-with': z.array(z.string()).optional(),
  /**
   * The actor a government measure is for, named after one of the words `after` ("woningen voor
   * starters", "ten behoeve van patiënten"): the code applies where the sentence gives the
   * government one of the roles `with` lists.
   */
  beneficiary: z
    .object({ after: z.array(z.string().min(1)).min(1), with: z.array(z.string()).min(1) })
    .strict()
    .optional(),
  vetoes: z.array(Indicator).optional(),
  examples: z.array(z.string()).optional(),
  provenance: Provenance.optional(),
});

// ——— REFI-QDA interop (issue 13): themes. Kept apart from the rest of the schema on purpose. ———

/**
 * A theme: a code of a foreign QDA project (Atlas.ti, MAXQDA, NVivo, QualCoder) that names no actor
 * role, kept by `llo import qdpx` so that its codings survive and agreement can be measured on it.
 * Marked `origin: theme`. It has no actor and no paradigm, so automatic coding never applies it and
 * the tables by actor leave it out (and say so).
 */
const Theme = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/u, 'theme ids use lower-case letters, digits, "_" or "-"'),
  origin: z.literal('theme'),
  /** The code's name in the QDA project. */
  label: z.string().min(1),
  definition: z.string().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/u, 'a colour is #rrggbb')
    .optional(),
  /** The id of the code, theme or actor it sits under in the project's code tree. */
  parent: z.string().optional(),
});

type LloCode = z.output<typeof Code>;
type ThemeEntry = z.output<typeof Theme>;

/**
 * Every entry of `codes` in one shape, so that code which reads codes needs no change: a theme has
 * the empty actor "" (it matches no actor), no paradigms, its label as role, and its own fields
 * under `theme`.
 */
function themeAsCode(
  entry: LloCode | ThemeEntry,
): Omit<LloCode, 'origin'> & { origin: LloCode['origin'] | 'theme'; theme?: Omit<ThemeEntry, 'id' | 'origin'> } {
  if (entry.origin !== 'theme') return entry;
  const { id, origin, ...theme } = entry;
  return { id, actor: '', role: theme.label, paradigms: [], origin, definition: theme.definition ?? '', theme };
}

/** Actors and paradigms may be absent only from a codebook of themes alone (a foreign project). */
function requireActorsUnlessThemes(
  book: { actors: unknown[]; paradigms: unknown[]; codes: { origin: string }[] },
  ctx: z.RefinementCtx,
): void {
  if (book.codes.every((c) => c.origin === 'theme')) return;
  if (book.paradigms.length === 0)
    ctx.addIssue({ code: 'custom', path: ['paradigms'], message: 'the codebook defines no paradigms' });
  if (book.actors.length === 0)
    ctx.addIssue({ code: 'custom', path: ['actors'], message: 'the codebook defines no actors' });
}

export const CodebookSchema = z
  .strictObject({
    name: z.string().min(1),
    version: z.union([z.string(), z.number()]).transform(String),
    language: z.string().min(2),
    description: z.string().optional(),
    /**
     * Stop phrases: no word inside them is evidence of an actor or a role (the policy's own name
     * "leven lang ontwikkelen" is no evidence that a citizen develops).
     */
    stop: z.array(Pattern).optional(),
    paradigms: z.array(Paradigm),
    actors: z.array(Actor),
    codes: z
      .array(z.discriminatedUnion('origin', [Code, Theme]))
      .min(1, 'the codebook defines no codes')
      .transform((codes) => codes.map(themeAsCode)),
  })
  .superRefine(requireActorsUnlessThemes);

export type Codebook = z.infer<typeof CodebookSchema>;
export type CodeDefinition = Codebook['codes'][number];
export type ActorDefinition = Codebook['actors'][number];
export type ParadigmDefinition = Codebook['paradigms'][number];
