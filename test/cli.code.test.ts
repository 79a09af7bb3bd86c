import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, leftovers, ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

const HEADER = 'coder,document,segment,start,end,code,origin,evidence,memo,confidence,rule';
/** A hand-made codings file has no confidence and rule columns. */
const HAND_HEADER = 'coder,document,segment,start,end,code,origin,evidence,memo';

describe('llo code', () => {
  it('codes the bundled corpus; two runs give byte-identical files', async () => {
    const dir = tempDir();
    const out = join(dir, 'auto.csv');
    const first = await inProcess(['code', CORPUS, '--coder', 'auto', '--out', out, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.segments).toBe(81);
    expect(summary.autoCodings).toBeGreaterThan(20);
    const bytes = readFileSync(out);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).every((l) => l.startsWith('auto,'))).toBe(true);
    expect((await inProcess(['code', CORPUS, '--coder', 'auto', '--out', out])).code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    // Rows in document (corpus) order: the coalition agreement comes first in corpus.yaml.
    expect(lines[1]).toMatch(/^auto,coalitieakkoord-2021,coalitieakkoord-2021:\d+,/u);
  });

  it('codes a folder of one-quote-per-paragraph policy sentences', async () => {
    const dir = tempDir();
    const quotes = join(dir, 'quotes');
    mkdirSync(quotes);
    writeFileSync(
      join(quotes, 'citaten.txt'),
      [
        'Het kabinet stimuleert werkgevers om te investeren in de ontwikkeling van hun werknemers.',
        'Werkgevers zijn verantwoordelijk voor een goede leercultuur in hun bedrijf.',
        'In overleg met de sociale partners wordt de regeling nader uitgewerkt.',
        'Het weer was mooi.',
      ].join('\n\n'),
    );
    const out = join(dir, 'codings.csv');
    const run = await inProcess(['code', quotes, '--coder', 'x', '--out', out]);
    expect(run.code).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(2, 6).join(','));
    // The roles a coder reads in these quotes are found; the fourth quote gets no code. (Sentence-level
    // matching also suggests more, e.g. burgers.onderwerp-zachte-sturing for "werknemers" in quote 1:
    // the held-out precision in the README measures how often that happens.)
    expect(rows).toEqual(
      expect.arrayContaining([
        'citaten:1,0,89,markt.onderwerp-zachte-sturing',
        'citaten:1,0,89,overheid.faciliteren-stimuleren',
        'citaten:2,91,166,markt.zelfstandige-actor',
        'citaten:3,168,238,maatschappelijke-organisaties.medevormgever',
        'citaten:3,168,238,overheid.samenwerken',
      ]),
    );
    expect(rows.filter((r) => r.startsWith('citaten:4,'))).toEqual([]);
  });

  it('keeps the manual rows already in the coder file and says so', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    expect((await inProcess(['code', CORPUS, '--coder', 'anna', '--out', out])).code).toBe(0);
    const manual =
      'anna,kst-30012-142,kst-30012-142:6,1335,1884,markt.zelfstandige-actor,manual,,werkgevers betalen het meeste,,\n';
    writeFileSync(out, readFileSync(out, 'utf8') + manual);
    const run = await inProcess(['code', CORPUS, '--coder', 'anna', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kept 1 manual row already in');
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').filter((l) => l === manual.trimEnd())).toHaveLength(1);
    // It sits among the rows of its segment, not at the end.
    const lines = text.trimEnd().split('\n');
    expect(lines.indexOf(manual.trimEnd())).toBeLessThan(lines.length - 1);
  });

  it('refuses an unknown codebook problem without writing a codings file', async () => {
    const dir = tempDir();
    const out = join(dir, 'codings', 'auto.csv');
    const run = await inProcess([
      'code',
      CORPUS,
      '--coder',
      'auto',
      '--out',
      out,
      '--codebook',
      join(ROOT, 'test/fixtures/codebooks/unknown-actor.yaml'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown-actor\.yaml:26:5: invalid codebook/u);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(join(dir, 'codings'))).toEqual([]);
  });
});

describe('llo codings validate', () => {
  it('passes on what llo code wrote', async () => {
    const dir = tempDir();
    const segments = join(dir, 'segments.csv');
    const out = join(dir, 'auto.csv');
    expect((await inProcess(['ingest', CORPUS, '--out', segments])).code).toBe(0);
    expect((await inProcess(['code', '--segments', segments, '--coder', 'auto', '--out', out])).code).toBe(0);
    const run = await inProcess(['codings', 'validate', out, '--segments', segments]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/auto\.csv: valid — \d+ rows/u);
  });

  it('reports unknown codes, unknown segments, spans outside the segment and changed text, with CSV lines', async () => {
    const dir = tempDir();
    const segments = join(dir, 'segments.csv');
    expect((await inProcess(['ingest', CORPUS, '--out', segments])).code).toBe(0);
    const out = join(dir, 'b.csv');
    writeFileSync(
      out,
      [
        HAND_HEADER,
        'b,kst-30012-142,kst-30012-142:6,1335,1884,markt.zelfstandige-actorr,manual,,',
        'b,kst-30012-142,kst-30012-142:99,0,10,markt.zelfstandige-actor,manual,,',
        'b,kst-30012-142,kst-30012-142:6,1335,9999,markt.zelfstandige-actor,manual,,',
        'b,kst-30012-141,kst-30012-142:5,221,1333,overheid.reguleren,manual,,"memo, with comma"',
        'b,kst-30012-142,kst-30012-142:7,1886,1990,,manual,,read: no code',
      ].join('\n') + '\n',
    );
    // Hashes recorded at coding time: segment 7 was coded when its text was different.
    writeFileSync(join(dir, 'b.hashes'), 'segment,hash\nkst-30012-142:7,000000000000\n');
    const run = await inProcess(['codings', 'validate', out, '--segments', segments]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `llo: error: ${out}:2: 5 coding rows do not fit the codebook or the segments; the first: unknown code "markt.zelfstandige-actorr" (did you mean "markt.zelfstandige-actor"?)`,
      `  ${out}:3: unknown segment "kst-30012-142:99" (not in the segments file)`,
      `  ${out}:4: span 1335-9999 lies outside segment "kst-30012-142:6" (1335-1884)`,
      `  ${out}:5: segment "kst-30012-142:5" belongs to document "kst-30012-142", not "kst-30012-141"`,
      expect.stringMatching(
        new RegExp(
          `^  ${out.replace(/[.]/gu, '\\.')}:6: the text of segment "kst-30012-142:7" changed since it was coded \\(hash 000000000000 → [0-9a-f]{12}\\); review this coding$`,
          'u',
        ),
      ),
    ]);
  });

  it('reports a malformed codings file with its line', async () => {
    const dir = tempDir();
    const out = join(dir, 'bad.csv');
    writeFileSync(out, `${HAND_HEADER}\nb,d,d:1,5,2,x,manual,,\n`);
    const run = await inProcess(['codings', 'validate', out, '--segments', join(dir, 'none.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `llo: error: ${out}:2: start and end must be whole numbers with start ≤ end, got "5" and "2"\n`,
    );
  });
});

describe('llo evaluate', () => {
  it('prints precision, recall and F1 per actor and per code against the held-out reference', async () => {
    const run = await inProcess(['evaluate', 'corpus/reference/reference-heldout.csv', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.segments).toBe(148);
    expect(result.perCode).toHaveLength(27);
    expect(result.perActor.map((a: { actor: string }) => a.actor)).toEqual([
      'overheid',
      'burgers',
      'markt',
      'maatschappelijke-organisaties',
    ]);
    expect(result.overall.support).toBe(122);
    // The curve along confidence thresholds, and the threshold the figures are for.
    expect(result.minConfidence).toBe(0.45);
    expect(result.curve.map((p: { threshold: number }) => p.threshold)).toEqual([
      0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
    ]);
  });

  it('llo codebook validate lists the include/exclude criteria left for people', async () => {
    const run = await inProcess(['codebook', 'validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Include\/exclude criteria: \d+ applied by the automatic coder, \d+ for people only:$/mu,
    );
    expect(run.stdout).toContain('  overheid.reguleren include: Toezicht, controle, handhaving, sancties.\n');
    expect(run.stdout).not.toContain('Uitvoering door UWV, DUO of een opleider');
  });
});
