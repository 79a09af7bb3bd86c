import { parseDocument, visit, type Document, type LineCounter } from 'yaml';
import { LloError, lineColumn, type Place } from '../errors.js';
import { locate, parseYaml, problemsError, readYamlSource, type YamlProblem } from '../io/yaml.js';
import { missingRule } from './criteria.js';
import { CodebookSchema, type Codebook } from './schema.js';

/** Words separated by single spaces (letters, digits, hyphens, apostrophes). Never `\\w`: it breaks at "ë". */
const PLAIN_WORDS = /^[\p{L}\p{N}'’-]+(?: [\p{L}\p{N}'’-]+)*$/u;

export interface LoadedCodebook {
  file: string;
  codebook: Codebook;
  /** The parsed YAML document, kept so that llo can write the codebook back with its comments. */
  document: Document.Parsed;
  /** The YAML text, for worker threads that compile the codebook themselves. */
  source: string;
}

/** Reads and validates a codebook; every problem is reported with its line and column. */
export async function loadCodebook(file: string): Promise<LoadedCodebook> {
  return parseCodebook(await readYamlSource(file, 'codebook'), file);
}

export function parseCodebook(source: string, file: string): LoadedCodebook {
  if (source.trim() === '')
    throw new LloError('LLO_CODEBOOK_EMPTY', 'the codebook is empty', { file, line: 1, column: 1 });
  const { value, document, lineCounter } = parseYaml(source, file, CodebookSchema, 'codebook');
  const problems = crossCheck(value, document, lineCounter);
  if (problems.length > 0) throw problemsError('LLO_CODEBOOK_INVALID', file, 'invalid codebook', problems);
  origins.set(value, { file, source });
  return { file, codebook: value, document, source };
}

/**
 * Where a codebook came from: enough to name the file and line:column of one of its patterns when
 * it fails only while coding (a regex over its time budget). Plain data, so a worker thread gets it.
 */
export interface CodebookOrigin {
  file: string;
  source: string;
}

// The origin of every codebook parsed in this thread, so that a matcher built from one finds it
// without every caller passing it on; a worker thread is handed its origin explicitly.
const origins = new WeakMap<object, CodebookOrigin>();

export function codebookOrigin(codebook: object): CodebookOrigin | undefined {
  return origins.get(codebook);
}

/**
 * The file and line:column of a pattern (an indicator, alias, veto … written as `pattern`) in a
 * codebook: its first occurrence in the YAML. Only for error messages, so the text is parsed again.
 */
export function patternPlace(origin: CodebookOrigin, pattern: string): Place {
  let offset: number | undefined;
  visit(parseDocument(origin.source), {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.trim() === pattern && node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset === undefined ? { file: origin.file } : { file: origin.file, ...lineColumn(origin.source, offset) };
}

/** The rules a schema cannot express: unique ids and references between sections. */
function crossCheck(book: Codebook, document: Document.Parsed, lines: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const at = (path: (string | number)[], message: string) => problems.push(locate(document, lines, path, message));
  const duplicates = (items: { id: string }[], section: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) at([section, i, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
  };
  duplicates(book.paradigms, 'paradigms');
  duplicates(book.actors, 'actors');
  duplicates(book.codes, 'codes');
  const paradigms = new Set(book.paradigms.map((p) => p.id));
  const actors = new Set(book.actors.map((a) => a.id));
  book.codes.forEach((code, i) => {
    if (code.origin === 'theme') return; // a foreign project's theme has no actor or paradigm (issue 13)
    if (!actors.has(code.actor))
      at(['codes', i, 'actor'], `unknown actor "${code.actor}" (the actors are ${[...actors].join(', ')})`);
    else if (!code.id.startsWith(`${code.actor}.`))
      at(['codes', i, 'id'], `the id "${code.id}" does not start with its actor "${code.actor}."`);
    code.paradigms.forEach((p, k) => {
      if (!paradigms.has(p))
        at(['codes', i, 'paradigms', k], `unknown paradigm "${p}" (the paradigms are ${[...paradigms].join(', ')})`);
    });
    if (code.origin === 'inductive' && !code.provenance)
      at(['codes', i], 'an inductive code needs its provenance (coder, date, and the segment that prompted it)');
    // The measures that imply an actor are roles of an actor the coder takes as implied agent.
    const measures = (ids: readonly string[], path: (string | number)[]) =>
      ids.forEach((id, k) => {
        const measure = book.codes.find((c) => c.id === id);
        const implicit = book.actors.find((a) => a.id === measure?.actor)?.['implicit-agent'] === true;
        if (!measure) at([...path, k], `unknown code "${id}"`);
        else if (!implicit) at([...path, k], `"${id}" is not a role of an actor with implicit-agent: true`);
      });
    measures(code['implied-with'] ?? [], ['codes', i, 'implied-with']);
    measures(code.beneficiary?.with ?? [], ['codes', i, 'beneficiary', 'with']);
    // The words before the actor are compared word by word: no wildcard, expression or blank.
    (code.beneficiary?.after ?? []).forEach((w, k) => {
      if (!PLAIN_WORDS.test(w))
        at(
          ['codes', i, 'beneficiary', 'after', k],
          `"${w}" is not plain words: write the words before the actor, without * or /…/`,
        );
    });
    // A criterion the machine is said to apply must name a rule the code has.
    for (const kind of ['include', 'exclude'] as const) {
      (code[kind] ?? []).forEach((c, k) => {
        if (typeof c === 'string' || !actors.has(code.actor)) return;
        const problem = missingRule(book, code.id, c['applied-by']);
        if (problem) at(['codes', i, kind, k, 'applied-by'], problem);
      });
    }
  });
  return problems;
}
