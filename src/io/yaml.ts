import { isMap, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { LloError } from '../errors.js';
import { fileError } from './file-errors.js';

export interface YamlProblem {
  line: number;
  column: number;
  /** The key path, e.g. `codes.3.indicators.0`. */
  path: string;
  message: string;
}

export interface ParsedYaml<T> {
  value: T;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/** The text of a YAML file (a manifest, a codebook); a file that cannot be read is one clear line. */
export async function readYamlSource(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw fileError(err, file, 'reading', what);
  }
}

/**
 * Parses YAML and validates it against a zod schema, reporting every problem with the line and
 * column of the offending key or value (zod paths are mapped back through the YAML document).
 */
export function parseYaml<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
  what: string,
): ParsedYaml<z.infer<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      // yaml reports a stack overflow on absurdly deep nesting as an error of the document.
      const message = /call stack/u.test(e.message) ? 'nested too deeply to read' : e.message.split('\n')[0]!;
      return { line, column: col, path: '', message };
    });
    throw problemsError('LLO_YAML_SYNTAX', file, `invalid YAML in the ${what}`, problems);
  }
  const result = schema.safeParse(toPlain(document, lineCounter, file, what) ?? {});
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => {
      const path = issue.path as (string | number)[];
      // Point at each misspelt key itself, not at the object that holds it.
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => locate(document, lineCounter, [...path, key], `unknown key "${key}"`));
      if (issue.code === 'invalid_type' && issue.input === undefined)
        return [locate(document, lineCounter, path.slice(0, -1), `missing key "${String(path[path.length - 1])}"`)];
      return [locate(document, lineCounter, path, issue.message)];
    });
    throw problemsError('LLO_SCHEMA', file, `invalid ${what}`, problems);
  }
  return { value: result.data, document, lineCounter };
}

/**
 * The plain value of a parsed document. Aliases are expanded here; yaml refuses a document whose
 * aliases expand more than 100 times (a "billion laughs" attack: nested aliases grow the value
 * exponentially), which becomes one line pointing at the first alias that refers to aliases.
 */
function toPlain(document: Document.Parsed, lineCounter: LineCounter, file: string, what: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (!(err instanceof ReferenceError || err instanceof RangeError)) throw err;
    let offset = 0;
    let nested: number | undefined;
    visit(document, {
      Alias(_key, node) {
        const start = node.range?.[0] ?? 0;
        if (offset === 0) offset = start;
        const target = node.resolve(document);
        let refersToAliases = false;
        if (target) visit(target, { Alias: () => ((refersToAliases = true), visit.BREAK) });
        if (refersToAliases) {
          nested = start;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const { line, col } = lineCounter.linePos(nested ?? offset);
    const reason =
      err instanceof ReferenceError
        ? 'its aliases (*name) expand to too large a value (more than 100 expansions, the pattern of a "billion laughs" attack); write the values out instead'
        : 'it is nested too deeply to read';
    throw new LloError('LLO_YAML_ALIASES', `cannot read the ${what}: ${reason}`, { file, line, column: col });
  }
}

/** Line and column of the node at a key path (the key itself for map entries), or of its parent. */
export function locate(
  document: Document.Parsed,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  message: string,
): YamlProblem {
  let offset = 0;
  for (let depth = path.length; depth >= 0; depth--) {
    const parentPath = path.slice(0, Math.max(0, depth - 1));
    const parent = depth === 0 ? document.contents : document.getIn(parentPath, true);
    const last = path[depth - 1];
    if (depth > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
      const range = (pair?.key as { range?: [number, number] } | null)?.range;
      if (range) {
        offset = range[0];
        break;
      }
    } else if (depth > 0 && isSeq(parent) && typeof last === 'number') {
      const range = (parent.items[last] as { range?: [number, number] } | undefined)?.range;
      if (range) {
        offset = range[0];
        break;
      }
    } else if (depth === 0) {
      offset = (document.contents as { range?: [number, number] } | null)?.range?.[0] ?? 0;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, path: path.length > 0 ? path.join('.') : '(root)', message };
}

export function problemsError(code: string, file: string, what: string, problems: readonly YamlProblem[]): LloError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const first = sorted[0]!;
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more problem(s))` : '';
  return new LloError(
    code,
    `${what}: ${first.path ? first.path + ' — ' : ''}${first.message}${more}`,
    { file, line: first.line, column: first.column },
    sorted.map((p) => `${file}:${p.line}:${p.column}: ${p.path ? p.path + ' — ' : ''}${p.message}`),
  );
}
