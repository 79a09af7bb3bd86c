import vm from 'node:vm';
import { LloError, type Place } from '../errors.js';

/**
 * A codebook's regular expression, run so that it cannot hang the coder (llo issue 10). The
 * codebook check already refuses the constructs that take exponential time (patterns.ts,
 * `regexHazard`). What remains can still be polynomial when several unbounded quantifiers follow
 * each other (`[a-z]*[a-z]*x`): such an expression runs in a separate V8 context with a time limit
 * per sentence, which V8 enforces even inside the regex engine; one with at most one unbounded
 * quantifier cannot be worse than quadratic in the sentence and runs directly, its time checked
 * after each sentence. Over the budget, coding stops with one line naming the pattern and its
 * place in the codebook (file:line:column).
 */
export const REGEX_BUDGET_MS = 250;

export class SafeRegex {
  private readonly regex: RegExp;
  private readonly sandbox?: { context: vm.Context; script: vm.Script };

  constructor(
    source: string,
    private readonly pattern: string,
    /** The codebook file and line:column of the pattern, for the error (looked up only then). */
    private readonly where: () => Place = () => ({}),
  ) {
    this.regex = new RegExp(source, 'gu');
    if (unboundedQuantifiers(source) > 1) {
      const context = vm.createContext({ text: '', out: [] as [number, number][] });
      vm.runInContext(`var re = new RegExp(${JSON.stringify(source)}, 'gu');`, context);
      const script = new vm.Script(
        'out = []; re.lastIndex = 0; for (const m of text.matchAll(re)) if (m[0] !== "") out.push([m.index, m.index + m[0].length]);',
      );
      this.sandbox = { context, script };
    }
  }

  /** Offsets [start, end) of every non-empty match in the text. */
  all(text: string): [number, number][] {
    if (this.sandbox) {
      const { context, script } = this.sandbox;
      context['text'] = text;
      try {
        script.runInContext(context, { timeout: REGEX_BUDGET_MS });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw this.slow();
        throw err;
      }
      return (context['out'] as [number, number][]).map(([a, b]) => [a, b]);
    }
    const started = performance.now();
    const out: [number, number][] = [];
    this.regex.lastIndex = 0;
    for (const m of text.matchAll(this.regex)) if (m[0] !== '') out.push([m.index, m.index + m[0].length]);
    if (performance.now() - started > REGEX_BUDGET_MS) throw this.slow();
    return out;
  }

  private slow(): LloError {
    return new LloError(
      'LLO_PATTERN_SLOW',
      `pattern ${JSON.stringify(this.pattern)} took more than ${REGEX_BUDGET_MS} ms on one sentence: rewrite it with fewer repeated parts`,
      this.where(),
    );
  }
}

/** Quantifiers without an upper bound (*, +, {n,}) outside character classes and escapes. */
export function unboundedQuantifiers(source: string): number {
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '*' || c === '+') n++;
    else if (c === '{' && /^\{\d+,\}/u.test(source.slice(i))) n++;
  }
  return n;
}
