import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../src/coding/matcher.js';
import { pairCodings, settle } from '../src/coding/reconcile.js';
import { suggestPhrases } from '../src/coding/suggest.js';
import type { Coding } from '../src/coding/codings.js';
import { CORPUS, llo, ROOT, tempDir } from './helpers/cli.js';
import { testCodebook } from './helpers/codebook.js';
import { Terminal } from './helpers/tmux.js';

const row = (coder: string, segment: string, code: string, memo = ''): Coding => ({
  coder,
  document: 'd',
  segment,
  start: 0,
  end: 1,
  code,
  origin: 'manual',
  evidence: '',
  memo,
});

describe('reconcile strategies', () => {
  const a = [row('a', 's1', 'x'), row('a', 's1', 'y'), row('a', 's2', 'x'), row('a', 's3', '')];
  const b = [row('b', 's1', 'x'), row('b', 's2', 'x'), row('b', 's2', 'z', 'twijfel'), row('b', 's4', 'y')];
  const pairs = pairCodings(a, b, ['s1', 's2', 's3', 's4']);
  const names: [string, string] = ['a', 'b'];
  it.each([
    [
      'union',
      [
        ['x', 'y'],
        ['x', 'z'],
      ],
    ],
    ['intersection', [['x'], ['x']]],
    ['prefer-a', [['x', 'y'], ['x']]],
    ['prefer-b', [['x'], ['x', 'z']]],
  ] as const)('%s', (strategy, expected) => {
    expect(pairs.slice(0, 2).map((p) => settle(p, strategy, names).codes)).toEqual(expected);
  });
  it('takes over a segment only one coder coded, with the reason', () => {
    expect(settle(pairs[2]!, 'intersection', names)).toEqual({ codes: [], memo: 'only a coded this segment' });
    expect(settle(pairs[3]!, 'intersection', names)).toEqual({ codes: ['y'], memo: 'only b coded this segment' });
  });
});

describe('llo reconcile', () => {
  let dir: string;
  let segments: string;
  let a: string;
  let b: string;
  const terminals: Terminal[] = [];
  afterAll(() => {
    terminals.forEach((t) => t.stop());
    Terminal.stopServer();
  });
  beforeAll(() => {
    dir = tempDir();
    segments = join(dir, 'segments.csv');
    a = join(dir, 'a.csv');
    b = join(dir, 'b.csv');
    expect(llo(['ingest', CORPUS, '--out', segments]).code).toBe(0);
    expect(llo(['code', '--segments', segments, '--coder', 'auto', '--out', a]).code).toBe(0);
    // Coder b: the automatic codings with every overheid.faciliteren-stimuleren changed, as manual.
    const lines = readFileSync(a, 'utf8').trimEnd().split('\n');
    writeFileSync(
      b,
      [
        lines[0],
        ...lines
          .slice(1)
          .map((l) =>
            l
              .replace(/^auto,/u, 'bert,')
              .replace(',overheid.faciliteren-stimuleren,auto,', ',overheid.regisseren,manual,'),
          ),
      ].join('\n') + '\n',
    );
  });

  it.each(['union', 'intersection', 'prefer-a', 'prefer-b'])(
    '--strategy %s writes a consensus that tables and agreement accept',
    (strategy) => {
      const out = join(dir, `consensus-${strategy}.csv`);
      const run = llo(['reconcile', a, b, '--out', out, '--strategy', strategy, '--segments', segments]);
      expect(run.code).toBe(0);
      const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(rows.slice(1).every((l) => l.startsWith('consensus,'))).toBe(true);
      expect(llo(['tables', out, '--segments', segments, '--out', join(dir, `t-${strategy}`)]).code).toBe(0);
      expect(llo(['agreement', a, out, '--segments', segments]).code).toBe(0);
      expect(llo(['codings', 'validate', out, '--segments', segments]).code).toBe(0);
    },
  );

  it('--interactive walks the disagreements, saves choices with reasons, and resumes', async () => {
    const out = join(dir, 'consensus-i.csv');
    const t = Terminal.start(
      'llo-reconcile',
      `node ${join(ROOT, 'bin/llo.js')} reconcile ${a} ${b} --out ${out} --interactive --segments ${segments}`,
    );
    terminals.push(t);
    await t.waitFor(/── 1\/\d+ · /u);
    t.type('a');
    t.keys('Enter');
    await t.waitFor(/reason:/u);
    t.type('A volgt de definitie');
    t.keys('Enter');
    await t.waitFor(/── 2\/\d+ · /u);
    t.type('q');
    t.keys('Enter');
    await t.waitFor(/decisions? saved; \d+ of \d+ segments settled/u);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(',manual,,A volgt de definitie');
    expect(text).toContain('agreed: auto and bert');
    // The consensus of the interactive mode is an ordinary codings file, too.
    expect(llo(['tables', out, '--segments', segments, '--out', join(dir, 't-interactive')]).code).toBe(0);
    expect(llo(['agreement', a, out, '--segments', segments]).code).toBe(0);
    // Resume: the first disagreement is settled, the walk starts at the next.
    const again = Terminal.start(
      'llo-reconcile-2',
      `node ${join(ROOT, 'bin/llo.js')} reconcile ${a} ${b} --out ${out} --interactive --segments ${segments}`,
    );
    terminals.push(again);
    const screen = await again.waitFor(/── 1\/\d+ · /u);
    const total = Number(/── 1\/(\d+)/u.exec(screen)![1]);
    const before = Number(/── 1\/(\d+)/u.exec(t.screen())?.[1] ?? total + 1);
    expect(total).toBeLessThan(before);
    again.type('q');
    again.keys('Enter');
    await again.waitFor(/segments settled/u);
  });
});

describe('suggest', () => {
  const book = testCodebook(`actors:
  - { id: b, label: B, aliases: [burgers, mensen] }
codes:
  - { id: b.x, actor: b, role: x, paradigms: [NG], origin: deductive, definition: d, indicators: [subsidie] }
`);
  const seg = (n: number, text: string) => ({
    document: 'd',
    segment: `d:${n}`,
    page: String(n),
    section: '',
    start: 0,
    end: text.length,
    hash: '',
    text,
  });
  it('ranks phrases near mentions no role covers, with quotes and citations', () => {
    const groups = suggestPhrases(
      [
        seg(1, 'Burgers krijgen een subsidie.'),
        seg(2, 'Mensen volgen een leerwerktraject bij de gemeente.'),
        seg(3, 'Burgers volgen een leerwerktraject in de regio.'),
        seg(4, 'Mensen krijgen subsidie voor leerwerktraject.'),
      ],
      new Matcher(book),
      book,
      { limit: 5, cite: () => 'TK 2024' },
    );
    expect(groups[0]).toMatchObject({ actor: 'b', phrase: 'volgen', count: 2, coveredCount: 0 });
    expect(groups[0]!.examples.map((e) => e.quote)).toEqual([
      'Mensen volgen een leerwerktraject bij de gemeente. (TK 2024: 2)',
      'Burgers volgen een leerwerktraject in de regio. (TK 2024: 3)',
    ]);
    expect(groups.find((g) => g.phrase === 'leerwerktraject')).toMatchObject({ count: 2, coveredCount: 1 });
  });
});
