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

export const CodebookSchema = z.strictObject({
  name: z.string().min(1),
  version: z.union([z.string(), z.number()]).transform(String),
  language: z.string().min(2),
  description: z.string().optional(),
  paradigms: z.array(Paradigm).min(1, 'the codebook defines no paradigms'),
  actors: z.array(Actor).min(1, 'the codebook defines no actors'),
  codes: z.array(Code).min(1, 'the codebook defines no codes'),
});

export type Codebook = z.infer<typeof CodebookSchema>;
export type CodeDefinition = Codebook['codes'][number];
export type ActorDefinition = Codebook['actors'][number];
export type ParadigmDefinition = Codebook['paradigms'][number];
