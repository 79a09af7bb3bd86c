import { InvalidArgumentError, Option } from 'commander';

/**
 * Options shared by several commands, declared once as data: commander checks choices and parses
 * numbers at the boundary, so a wrong value fails before any work with the allowed values named,
 * and no handler casts a string. Paths have no static default: they come from the study (see
 * src/workspace/project.ts) unless given.
 */
export const codebookOption = () =>
  new Option('-b, --codebook <file>', "the codebook (default: the study's, else codebooks/llo.yaml)");

export const segmentsOption = (what = 'the segments file') =>
  new Option('-s, --segments <file>', `${what} (default: <out>/segments.csv of the study, else out/segments.csv)`);

export const unitOption = () =>
  new Option('-u, --unit <unit>', "segment unit when ingesting (default: the study's, else paragraph)").choices([
    'paragraph',
    'sentence',
  ] as const);

export const jobsOption = (what: string) =>
  new Option('-j, --jobs <n>', `${what} on worker threads (same output as 1)`).argParser(wholeNumber(1, 64)).default(1);

export const jsonOption = (what = 'print the result as JSON') => new Option('--json', what);

/** A parser for a whole number in [min, max], for `.argParser()`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isInteger(v) || v < min || v > max)
      throw new InvalidArgumentError(
        `a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`} is needed.`,
      );
    return v;
  };
}

/** A parser for a number in [min, max], for `.argParser()`. */
export function numberIn(min: number, max: number): (text: string) => number {
  return (text) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max)
      throw new InvalidArgumentError(`a number from ${min} to ${max} is needed.`);
    return v;
  };
}

/** A comma-separated list, for `.argParser()`: "a, b,,c" → ["a", "b", "c"]. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A coder name: letters, digits, ".", "_" or "-" (it becomes a file name). */
export function coderName(text: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(text))
    throw new InvalidArgumentError('use letters, digits, ".", "_" or "-" (the name becomes a file name).');
  return text;
}
