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
  aliases: z.array(Pattern).min(1, 'an actor needs at least one alias to be recognised'),
  /** Phrases that look like an alias but do not refer to the actor in this sentence. */
  vetoes: z.array(Pattern).optional(),
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
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  indicators: z.array(Pattern).optional(),
  /** Indicators that name the role and its actor at once ("wordt gereguleerd" in a government text): no actor mention needed. */
  standalone: z.array(Pattern).optional(),
  vetoes: z.array(Pattern).optional(),
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
