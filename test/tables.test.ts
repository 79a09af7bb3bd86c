import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../src/codebook/load.js';
import type { Coding } from '../src/coding/codings.js';
import { parseMarkup, type Element } from '../src/corpus/formats/markup.js';
import { buildTables } from '../src/tables/build.js';
import { countCodings } from '../src/tables/counts.js';
import { textWidth } from '../src/tables/charts.js';
import { lineDiff } from '../src/tables/diff.js';
import { mixIndex } from '../src/tables/mix-index.js';
import { competitionRanks } from '../src/tables/rank.js';
import { tableCsv } from '../src/tables/table.js';

const codebook = parseCodebook(
  `name: fixture
version: 1
language: nl
paradigms:
  - { id: TPA, label: Traditional Public Administration }
  - { id: NPM, label: New Public Management }
  - { id: NG, label: Network Governance }
  - { id: SR, label: Societal Resilience }
actors:
  - { id: o, label: Overheid, aliases: [overheid] }
  - { id: b, label: Burgers, aliases: [burgers] }
  - { id: m, label: Markt, aliases: [bedrijven] }
  - { id: mo, label: Organisaties, aliases: [organisaties] }
codes:
  - { id: o.a, actor: o, role: reguleren, paradigms: [TPA], origin: deductive, definition: d }
  - { id: o.b, actor: o, role: faciliteren, paradigms: [NPM, NG], origin: deductive, definition: d }
  - { id: o.c, actor: o, role: responsief, paradigms: [SR], origin: deductive, definition: d }
  - { id: b.a, actor: b, role: klant, paradigms: [NPM], origin: deductive, definition: d }
  - { id: b.b, actor: b, role: partner, paradigms: [NG], origin: deductive, definition: d }
  - { id: b.c, actor: b, role: initiatiefnemer, paradigms: [SR], origin: deductive, definition: d }
  - { id: m.a, actor: m, role: gereguleerde, paradigms: [TPA], origin: deductive, definition: d }
  - { id: mo.a, actor: mo, role: partner, paradigms: [NG], origin: deductive, definition: d }
`,
  'fixture.yaml',
).codebook;

const c = (segment: string, code: string, origin: 'auto' | 'manual' = 'auto'): Coding => ({
  coder: 'x',
  document: segment.split(':')[0]!,
  segment,
  start: 0,
  end: 1,
  code,
  origin,
  evidence: '',
  memo: '',
});
// Segments d1:1 d1:2 d1:3 d2:1 d2:2 in documents d1 and d2.
const codings = [
  c('d1:1', 'o.a'),
  c('d1:1', 'o.b'),
  c('d1:2', 'o.c'),
  c('d1:2', 'b.a'),
  c('d1:3', 'm.a'),
  c('d1:3', 'm.a', 'manual'), // the same code twice in a segment counts once
  c('d2:1', 'o.b'),
  c('d2:1', 'b.b'),
  c('d2:2', ''), // read, no code
];
const files = buildTables({
  counts: countCodings(codings, ['d1', 'd2']),
  codebook,
  sources: { codings: ['x.csv'], coders: ['x'], rows: codings.length, codebook: 'fixture.yaml', segments: 's.csv' },
});
// Read back with a real CSV parser: a quoted cell with a comma must come back whole.
const csv = (name: string): string[][] => parse(files.get(`${name}.csv`)!, {});

describe('tables on a hand-computed fixture', () => {
  it('actors: segments with any role, share of the 4 coded segments, roles used', () => {
    expect(csv('actors')).toEqual([
      ['actor', 'label', 'segments', 'share', 'roles used'],
      ['o', 'Overheid', '3', '0.750', '3 of 3'],
      ['b', 'Burgers', '2', '0.500', '2 of 3'],
      ['m', 'Markt', '1', '0.250', '1 of 1'],
      ['mo', 'Organisaties', '0', '0.000', '0 of 1'],
    ]);
  });

  it('dominance: shares, documents k of N, competition ranks, the dominant role', () => {
    expect(csv('dominance-o')).toEqual([
      ['code', 'role', 'segments', 'share', 'documents', 'rank', 'dominant'],
      ['o.a', 'reguleren', '1', '0.250', '1 of 2', '2', ''],
      ['o.b', 'faciliteren', '2', '0.500', '2 of 2', '1', 'yes'],
      ['o.c', 'responsief', '1', '0.250', '1 of 2', '2', ''],
    ]);
  });

  it('dominance: a tie marks both roles; a role with zero codings is listed', () => {
    expect(csv('dominance-b')).toEqual([
      ['code', 'role', 'segments', 'share', 'documents', 'rank', 'dominant'],
      ['b.a', 'klant', '1', '0.500', '1 of 2', '1', 'yes'],
      ['b.b', 'partner', '1', '0.500', '1 of 2', '1', 'yes'],
      ['b.c', 'initiatiefnemer', '0', '0.000', '0 of 2', '3', ''],
    ]);
  });

  it('dominance: an actor with no codings gives n/a, not NaN, and no dominant role', () => {
    expect(csv('dominance-mo')).toEqual([
      ['code', 'role', 'segments', 'share', 'documents', 'rank', 'dominant'],
      ['mo.a', 'partner', '0', 'n/a', '0 of 2', '1', ''],
    ]);
    for (const content of files.values()) expect(content).not.toMatch(/NaN|Infinity/u);
  });

  it('paradigms: equal splitting, dominant paradigms, mix index exactly 1 and exactly 0', () => {
    // Overheid: o.a → TPA 1; o.b (NPM, NG) twice → 0.5 + 0.5 each; o.c → SR 1: an even mix.
    // All actors: TPA 2, NPM 2, NG 2, SR 1 of 7.
    const p = (x: number) => (x / 7) * Math.log(x / 7);
    const overall = (-(3 * p(2) + p(1)) / Math.log(4)).toFixed(3);
    expect(csv('paradigms')).toEqual([
      ['actor', 'codings', 'TPA', 'NPM', 'NG', 'SR', 'dominant', 'mix index'],
      ['o', '4', '0.250', '0.250', '0.250', '0.250', 'TPA, NPM, NG, SR', '1.000'],
      ['b', '2', '0.000', '0.500', '0.500', '0.000', 'NPM, NG', '0.500'],
      ['m', '1', '1.000', '0.000', '0.000', '0.000', 'TPA', '0.000'],
      ['mo', '0', 'n/a', 'n/a', 'n/a', 'n/a', '', 'n/a'],
      ['all actors', '7', '0.286', '0.286', '0.286', '0.143', 'TPA, NPM, NG', overall],
    ]);
    expect(overall).toBe('0.975'); // by hand: (3·(2/7)·ln(7/2) + (1/7)·ln 7) / ln 4 = 1.3518 / 1.3863
  });

  it('code × document and co-occurrence', () => {
    expect(csv('codes-by-document').slice(0, 3)).toEqual([
      ['code', 'd1', 'd2', 'total'],
      ['o.a', '1', '0', '1'],
      ['o.b', '1', '1', '2'],
    ]);
    expect(csv('cooccurrence')).toEqual([
      ['code', 'with code', 'segments'],
      ['o.a', 'o.b', '1'],
      ['o.b', 'b.b', '1'],
      ['o.c', 'b.a', '1'],
    ]);
  });

  it('splits every table by a corpus attribute', () => {
    const split = buildTables({
      counts: countCodings(codings, ['d1', 'd2']),
      codebook,
      sources: { codings: ['x.csv'], coders: ['x'], rows: 9, codebook: 'fixture.yaml', segments: 's.csv' },
      by: {
        attribute: 'type',
        valueOf: new Map([
          ['d1', 'kamerbrief'],
          ['d2', 'coalitieakkoord'],
        ]),
      },
    });
    expect(split.get('by-type/kamerbrief/actors.csv')).toBe(
      'actor,label,segments,share,roles used\no,Overheid,2,0.667,3 of 3\nb,Burgers,1,0.333,1 of 3\nm,Markt,1,0.333,1 of 1\nmo,Organisaties,0,0.000,0 of 1\n',
    );
    expect(split.get('by-type/coalitieakkoord/dominance-o.csv')).toContain('o.b,faciliteren,1,1.000,1 of 1,1,yes');
    expect(split.get('README.md')).toContain('- [coalitieakkoord](by-type/coalitieakkoord/actors.md)');
  });

  it('is deterministic', () => {
    const again = buildTables({
      counts: countCodings([...codings].reverse(), ['d1', 'd2']),
      codebook,
      sources: { codings: ['x.csv'], coders: ['x'], rows: codings.length, codebook: 'fixture.yaml', segments: 's.csv' },
    });
    expect([...again]).toEqual([...files]);
  });
});

describe('the SVG charts', () => {
  const texts = (el: Element): { x: number; y: number; anchor: string; size: number; text: string }[] =>
    el.children.flatMap((ch) => {
      if (typeof ch === 'string') return [];
      if (ch.name === 'text') {
        const text = ch.children.filter((t) => typeof t === 'string').join('');
        return [
          {
            x: Number(ch.attributes['x']),
            y: Number(ch.attributes['y']),
            anchor: ch.attributes['text-anchor'] ?? 'start',
            size: Number(ch.attributes['font-size'] ?? 12),
            text,
          },
        ];
      }
      return texts(ch);
    });
  const boxes = (svg: string) =>
    texts(parseMarkup(svg, 'chart.svg', true)).map((t) => {
      const w = textWidth(t.text, t.size);
      const left = t.anchor === 'end' ? t.x - w : t.anchor === 'middle' ? t.x - w / 2 : t.x;
      return { ...t, left, right: left + w, top: t.y - t.size, bottom: t.y + t.size * 0.3 };
    });

  it.each(['paradigms.svg', 'dominance-o.svg', 'dominance-b.svg', 'dominance-mo.svg'])(
    '%s is well-formed SVG with no overlapping text',
    (name) => {
      const svg = files.get(name)!;
      const root = parseMarkup(svg, name, true).children.find((c) => typeof c !== 'string') as Element;
      expect(root.name).toBe('svg');
      expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
      const b = boxes(svg);
      const width = Number(root.attributes['width']);
      for (const box of b) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      for (let i = 0; i < b.length; i++)
        for (let j = i + 1; j < b.length; j++) {
          const [p, q] = [b[i]!, b[j]!];
          const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
          expect(overlap, `"${p.text}" overlaps "${q.text}"`).toBe(false);
        }
    },
  );

  it('draws one bar per role, as wide as its share', () => {
    const svg = files.get('dominance-o.svg')!;
    const widths = [...svg.matchAll(/<rect x="\d+" y="[\d.]+" width="([\d.]+)" height="18"/gu)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBeCloseTo(2 * widths[0]!, 0);
    expect(svg).toContain(
      '<text x="8" y="24" font-size="15" font-weight="bold">Roles of Overheid: share of its codings (n = 4)</text>',
    );
  });
});

describe('helpers', () => {
  it('mixIndex: 0 for one category, 1 for an even mix, null when undefined', () => {
    expect(mixIndex([5, 0, 0, 0])).toBe(0);
    expect(mixIndex([2, 2, 2, 2])).toBe(1);
    expect(mixIndex([0, 0, 0, 0])).toBeNull();
    expect(mixIndex([3])).toBeNull();
    // Two of four categories evenly: ln 2 / ln 4 = 0.5.
    expect(mixIndex([1, 1, 0, 0])).toBeCloseTo(0.5, 15);
  });
  it('competition ranks', () => {
    expect(competitionRanks([2, 5, 5, 0, 2])).toEqual([3, 1, 1, 5, 3]);
  });
  it('line diff', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\n', 't.csv')).toBe(
      '--- t.csv (on disk)\n+++ t.csv (regenerated)\n a\n-b\n+B\n c\n \n',
    );
  });
});

describe('tables for spreadsheets', () => {
  it('neutralises a codebook label that a spreadsheet would evaluate; numbers stay numbers', () => {
    const csv = tableCsv({
      name: 't',
      title: 'T',
      columns: ['role', '=share'],
      align: ['left', 'right'],
      rows: [
        ['=HYPERLINK("http://x")', '0.500'],
        ['-1 gewone rol', '-2'],
      ],
      notes: [],
    });
    expect(csv).toBe('role,\'=share\n"\'=HYPERLINK(""http://x"")",0.500\n\'-1 gewone rol,-2\n');
  });
});
