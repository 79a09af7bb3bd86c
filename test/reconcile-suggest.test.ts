import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../src/coding/matcher.js';
import { pairCodings, runReconcile, settle, STRATEGIES } from '../src/coding/reconcile.js';
import { suggestPhrases } from '../src/coding/suggest.js';
import { CODING_COLUMNS, readAllCodings, type Coding } from '../src/coding/codings.js';
import { csvRows } from '../src/io/csv.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';
import { openSegments } from '../src/workspace/index.js';
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
  it('takes over a segment only one coder coded, with the reason', async () => {
    expect(settle(pairs[2]!, 'intersection', names)).toMatchObject({ codes: [], memo: 'only a coded this segment' });
    expect(settle(pairs[3]!, 'intersection', names)).toMatchObject({ codes: ['y'], memo: 'only b coded this segment' });
  });
  it("keeps both coders' memos after the reason, and the evidence of the codes kept", async () => {
    const withMemos = pairCodings(
      [{ ...row('a', 's1', 'x', 'zie p. 3'), evidence: 'we … stimuleren' }],
      [row('b', 's1', 'y', 'twijfel')],
      ['s1'],
    );
    expect(settle(withMemos[0]!, 'union', names)).toEqual({
      codes: ['x', 'y'],
      memo: 'union of a and b | a: zie p. 3 | b: twijfel',
      evidence: { x: 'we … stimuleren' },
    });
  });
});

describe('llo reconcile', () => {
  // The committed outputs of `npm start`: the segments and the automatic coder ("auto") as coder A.
  const segments = join(ROOT, 'out/segments.csv');
  const a = join(ROOT, 'out/codings/auto.csv');
  let dir: string;
  let b: string;
  let autoRows: Coding[];
  let bertRows: Coding[];
  const terminals: Terminal[] = [];
  afterAll(async () => {
    terminals.forEach((t) => t.stop());
    Terminal.stopServer();
  });
  beforeAll(async () => {
    dir = tempDir();
    b = join(dir, 'bert.csv');
    autoRows = await readAllCodings(a);
    // Coder B ("bert"): the automatic codings with every overheid.faciliteren-stimuleren changed to
    // overheid.regisseren, by hand, with a memo on those rows.
    bertRows = autoRows.map((r) =>
      r.code === 'overheid.faciliteren-stimuleren'
        ? { ...r, coder: 'bert', code: 'overheid.regisseren', origin: 'manual' as const, evidence: '', memo: 'regie' }
        : { ...r, coder: 'bert' },
    );
    writeFileSync(b, csvRows(bertRows, CODING_COLUMNS, true));
  });

  /** Each segment's codes, from a codings file's rows. */
  const bySegment = (rows: readonly Coding[]) => {
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.segment, [...(out.get(r.segment) ?? []), ...(r.code ? [r.code] : [])].sort());
    return out;
  };

  it.each(STRATEGIES)('strategy %s settles every segment by its rule (the codes per segment)', async (strategy) => {
    const out = join(dir, `consensus-${strategy}.csv`);
    const done = await runReconcile({
      a: { file: a, rows: autoRows },
      b: { file: b, rows: bertRows },
      segments: await openSegments(segments, { text: false }),
      codes: [],
      out,
      strategy,
    });
    const A = bySegment(autoRows);
    const B = bySegment(bertRows);
    const consensus = await readAllCodings(out);
    const got = bySegment(consensus);
    expect(done.segments).toBe(A.size);
    expect(done.settled).toBe(A.size);
    expect([...got.keys()].sort()).toEqual([...A.keys()].sort());
    const FAC = 'overheid.faciliteren-stimuleren';
    let disagreements = 0;
    for (const [segment, codes] of got) {
      const ca = A.get(segment)!;
      const cb = B.get(segment)!;
      const rule = {
        union: [...new Set([...ca, ...cb])].sort(),
        intersection: ca.filter((c) => cb.includes(c)),
        'prefer-a': ca,
        'prefer-b': cb,
      }[strategy];
      if (ca.includes(FAC)) disagreements++;
      expect(codes, segment).toEqual(ca.includes(FAC) ? rule : ca);
      const memo = consensus.find((r) => r.segment === segment)!.memo;
      if (ca.includes(FAC)) expect(memo).toMatch(/^[^|]+ \| bert: regie$/u);
      else expect(memo).toBe('agreed: auto and bert');
    }
    expect(disagreements).toBeGreaterThan(5);
    expect(consensus.every((r) => r.coder === 'consensus' && r.origin === 'manual')).toBe(true);
    // Evidence of the automatic coder is kept on the codes taken from it.
    expect(consensus.filter((r) => r.code === FAC).every((r) => r.evidence !== '')).toBe(true);
  });

  it('the command writes a consensus that codings validate, tables and agreement accept', async () => {
    const out = join(dir, 'consensus-cli.csv');
    const run = await inProcess([
      'reconcile',
      a,
      b,
      '--out',
      out,
      '--strategy',
      'intersection',
      '--segments',
      segments,
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^\d+ decisions saved; (\d+) of \1 segments settled in .*consensus-cli\.csv \(coder "consensus"\)\.\n$/u,
    );
    expect((await inProcess(['codings', 'validate', out, '--segments', segments])).code).toBe(0);
    expect((await inProcess(['tables', out, '--segments', segments, '--out', join(dir, 't-cli')])).code).toBe(0);
    expect((await inProcess(['agreement', a, out, '--segments', segments])).code).toBe(0);
    const wrong = await inProcess(['reconcile', a, b, '--out', out, '--strategy', 'majority']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      "option '--strategy <rule>' argument 'majority' is invalid. Allowed choices are union, intersection, prefer-a, prefer-b.",
    );
  });

  it('--interactive walks the disagreements, saves choices with reasons and both memos, and resumes', async () => {
    const out = join(dir, 'consensus-i.csv');
    const command = `node ${join(ROOT, 'bin/llo.js')} reconcile ${a} ${b} --out ${out} --interactive --segments ${segments}`;
    const t = Terminal.start('llo-reconcile', command);
    terminals.push(t);
    const first = await t.waitFor(/── 1\/\d+ · /u);
    const open = Number(/── 1\/(\d+)/u.exec(first)![1]);
    t.type('a');
    t.keys('Enter');
    await t.waitFor(/reason:/u);
    t.type('A volgt de definitie');
    t.keys('Enter');
    await t.waitFor(/── 2\/\d+ · /u);
    t.type('q');
    t.keys('Enter');
    await t.waitFor(/decisions? saved; \d+ of \d+ segments settled/u);
    const rows = await readAllCodings(out);
    expect(rows.filter((r) => r.memo === 'A volgt de definitie | bert: regie').length).toBeGreaterThan(0);
    expect(rows.some((r) => r.memo === 'agreed: auto and bert')).toBe(true);
    // Resume: the first disagreement is settled, the walk starts at the next.
    const again = Terminal.start('llo-reconcile-2', command);
    terminals.push(again);
    await again.waitFor(new RegExp(`── 1/${open - 1} · `, 'u'));
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
  it('ranks phrases near mentions no role covers, with quotes and citations', async () => {
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
