import { describe, expect, it } from 'vitest';
import { Matcher } from '../src/coding/matcher.js';
import { SafeRegex, unboundedQuantifiers } from '../src/coding/safe-regex.js';
import { LloError } from '../src/errors.js';
import { checkPattern, compileAny, globMatch, patternSource, regexHazard } from '../src/text/patterns.js';
import { testCodebook } from './helpers/codebook.js';

// Patterns that cannot hang (llo issue 10, item 7). No wall-clock assertion: a pattern that took
// exponential time would make these tests time out.
describe('wildcards run in linear time', () => {
  it('an indicator of wildcards only, on a line of 45 letters and on one of 100,000', () => {
    const hostile = 'a*a*a*a*a*a*a*a*a*a*a*a*b';
    const book = testCodebook(`actors:
  - { id: a, label: A, aliases: [wij] }
codes:
  - { id: a.x, actor: a, role: x, paradigms: [NG], origin: deductive, definition: d, indicators: ['${hostile}'], standalone: ['${hostile}'] }
`);
    const m = new Matcher(book);
    expect(m.matchSegment('a'.repeat(45))).toEqual([]);
    expect(m.matchSegment(`Wij ${'a'.repeat(100_000)}.`)).toEqual([]);
    // The same pattern in a phrase or in corpus keywords goes through a regular expression: still linear.
    const re = new RegExp(patternSource(`${hostile} x`), 'u');
    expect(re.test(`${'a'.repeat(50_000)} y`)).toBe(false);
    expect(compileAny([hostile], 'test').test('a'.repeat(50_000))).toBe(false);
  });

  it('keeps the meaning of * (any letters, never across a word boundary)', () => {
    const cases: [string, string, boolean][] = [
      ['facilit*', 'faciliteren', true],
      ['facilit*', 'facilit', true],
      ['*regie', 'ketenregie', true],
      ['*regie', 'regiefunctie', false],
      ['a*b', 'ab', true],
      ['a*b', 'abab', true],
      ['a*b', 'aba', false],
      ['a**b*c', 'axxbyyc', true],
      ['a*a*a*b', 'aaab', true],
      ['a*a*a*b', 'aab', false],
    ];
    for (const [glob, word, expected] of cases) {
      expect([glob, word, globMatch(glob, word)]).toEqual([glob, word, expected]);
      expect([glob, word, new RegExp(`^${patternSource(glob)}$`, 'u').test(word)]).toEqual([glob, word, expected]);
    }
    expect(new RegExp(patternSource('leven lang ontwikkel*'), 'u').test('een leven lang ontwikkelen')).toBe(true);
  });
});

describe('regular expressions that can take exponential time are refused', () => {
  it.each([
    [
      '/(a+)+$/',
      'has a nested quantifier ("(a+)+"), which can take exponential time: repeat a group without a repeated part inside it',
    ],
    [
      '/(x*)*y/',
      'has a nested quantifier ("(x*)*"), which can take exponential time: repeat a group without a repeated part inside it',
    ],
    [
      '/(?:ab|a)*c/',
      'repeats a group of alternatives ("(?:ab|a)*"), which can take exponential time: repeat one alternative at a time',
    ],
    ['/(a)\\1/', 'has a back-reference (\\1), which can take exponential time: write it without one'],
  ])('%s', (pattern, message) => {
    expect(checkPattern(pattern)).toBe(message);
  });

  it('accepts the regular expressions coders write', () => {
    for (const p of [
      '/voer(en|t) (het|de|deze|onze) [\\p{L}\\p{N}-]+ uit/',
      '/scholings?(budget|aftrek)/',
      '/(?:de|het)? ?regie/',
      '/samen\\s+met/',
    ])
      expect([p, checkPattern(p)]).toEqual([p, undefined]);
    expect(regexHazard('[(a+)+]x')).toBeUndefined();
  });
});

describe('regular expressions run under a time budget', () => {
  it('counts the unbounded quantifiers that decide how one is run', () => {
    expect(unboundedQuantifiers('voer(en|t) [\\p{L}]+ uit')).toBe(1);
    expect(unboundedQuantifiers('[a-z]*[a-z]*x')).toBe(2);
    expect(unboundedQuantifiers('a{2,}b\\*[*+]')).toBe(1);
  });

  it('stops a polynomial regex with one line naming the pattern', () => {
    const slow = new SafeRegex('[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x', '/[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x/');
    expect(slow.all('abc x')).toEqual([[4, 5]]);
    const err = (() => {
      try {
        slow.all('a'.repeat(3000));
      } catch (e) {
        return e;
      }
      return undefined;
    })() as LloError;
    expect(err).toBeInstanceOf(LloError);
    expect(err.code).toBe('LLO_PATTERN_SLOW');
    expect(err.message).toBe(
      'pattern "/[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x/" took more than 250 ms on one sentence: rewrite it with fewer repeated parts',
    );
  });
});
