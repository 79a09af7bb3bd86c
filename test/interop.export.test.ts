import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCodingsAgreement } from '../src/agreement/run.js';
import { loadCodebook, parseCodebook } from '../src/codebook/load.js';
import type { Codebook } from '../src/codebook/schema.js';
import { CODING_COLUMNS, compareCodings, readAllCodings, type Coding } from '../src/coding/codings.js';
import { readSegments } from '../src/corpus/read-segments.js';
import { SEGMENT_COLUMNS, type Segment } from '../src/corpus/segments.js';
import { csvRows } from '../src/io/csv.js';
import { projectsToCodings } from '../src/interop/agreement.js';
import { codebookYaml, readQdc, runImportQdpx } from '../src/interop/import.js';
import { loadLloProject, qdcText, qdpxBytes, runExportQdpx, type LloProject } from '../src/interop/export.js';
import { guid } from '../src/interop/guid.js';
import { readProject } from '../src/interop/project.js';
import { sliceCodePoints } from '../src/interop/text.js';
import { parseXml } from '../src/interop/xml.js';
import { openZip } from '../src/interop/zip.js';
import { shortHash } from '../src/text/hash.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { xmllint } from './helpers/qdpx.js';
import { inProcess } from './helpers/run.js';
import { codingOn } from './helpers/segment.js';

const SEGMENTS = join(ROOT, 'out/segments.csv');
const CODEBOOK = join(ROOT, 'codebooks/llo.yaml');
const CORPUS = join(ROOT, 'corpus');
const AUTO = join(ROOT, 'out/codings/auto.csv');

/**
 * The bundled project's second coder, made by hand from the first: a third of the coded segments
 * left uncoded, some codes swapped for another role of the same actor, codes with memos on
 * segments "auto" left alone (a memo with a formula-like start, quotes and a newline), a "no code"
 * decision with a memo, and a character-level span inside a segment.
 */
async function secondCoder(segments: Segment[]): Promise<Coding[]> {
  const { codebook } = await loadCodebook(CODEBOOK);
  const auto = await readAllCodings(AUTO);
  const coded = [...new Set(auto.map((r) => r.segment))];
  const rows: Coding[] = [];
  coded.forEach((segment, i) => {
    if (i % 3 === 0) return;
    for (const r of auto.filter((x) => x.segment === segment)) {
      const roles = codebook.codes.filter((c) => c.actor === codebook.codes.find((k) => k.id === r.code)!.actor);
      const code = i % 4 === 1 ? roles[(roles.findIndex((c) => c.id === r.code) + 1) % roles.length]!.id : r.code;
      rows.push({ ...r, coder: 'anna', code, origin: 'manual', evidence: '', memo: '' });
    }
  });
  const uncoded = segments.filter((s) => !coded.includes(s.segment) && s.document === 'kst-30012-139');
  const on = (s: Segment, code: string, memo: string) => codingOn(s, { coder: 'anna', code, memo });
  rows.push(on(uncoded[0]!, 'burgers.klant', '=SUM(A1) "klant"\nof begunstigde?'));
  rows.push(on(uncoded[1]!, 'overheid.regisseren', ''));
  rows.push(on(uncoded[2]!, '', 'geen rol: alleen een aankondiging'));
  const s = segments.find((x) => x.segment === coded[1])!;
  rows.push({ ...on(s, 'overheid.samenwerken', 'alleen deze zin'), start: s.start + 10, end: s.start + 60 });
  const order = new Map([...new Set(segments.map((x) => x.document))].map((d, i) => [d, i]));
  return rows.sort(compareCodings(order));
}

let dir: string;
let segments: Segment[];
let anna: string;
let data: LloProject;
let both: string;

const entries = async (file: string) => {
  const zip = await openZip(file);
  try {
    return await zip.read([...zip.entries.keys()]);
  } finally {
    zip.close();
  }
};

beforeAll(async () => {
  dir = tempDir('llo-interop-');
  segments = [];
  for await (const s of readSegments(SEGMENTS)) segments.push(s);
  anna = join(dir, 'anna.csv');
  writeFileSync(anna, csvRows(await secondCoder(segments), CODING_COLUMNS, true));
  data = await loadLloProject({ codings: [AUTO, anna], corpus: CORPUS, segments: SEGMENTS, codebook: CODEBOOK });
  both = join(dir, 'both.qdpx');
  writeFileSync(both, await qdpxBytes(data));
});

describe('llo export qdpx of the bundled project with two coders', () => {
  it('is valid against the REFI-QDA schema (xmllint)', async () => {
    const qde = join(dir, 'project.qde');
    writeFileSync(qde, (await entries(both)).get('project.qde')!);
    const verdict = xmllint(qde);
    expect(verdict.output).toBe(`${qde} validates\n`);
    expect(verdict.ok).toBe(true);
  });

  it('cuts exactly each coded segment (or span) out of its source, counted in code points', async () => {
    const files = await entries(both);
    const project = readProject(parseXml(files.get('project.qde')!.toString('utf8'), 'project.qde'));
    expect(project.users.map((u) => u.name)).toEqual(['anna', 'auto']);
    const bySegment = new Map(segments.map((s) => [s.segment, s]));
    let checked = 0;
    for (const source of project.sources) {
      const text = files.get(source.plainTextPath!.replace('internal://', 'sources/'))!.toString('utf8');
      for (const sel of source.selections) {
        const seg = bySegment.get(sel.name!)!;
        const rows = data.codings.filter(
          (c) =>
            guid(`user:${c.coder}`) === sel.creatingUser &&
            c.segment === seg.segment &&
            c.start === sel.start &&
            c.end === sel.end,
        );
        expect(rows.length).toBeGreaterThan(0);
        const cut = sliceCodePoints(text, sel.start, sel.end);
        if (sel.start === seg.start && sel.end === seg.end) expect(cut).toBe(seg.text);
        else expect(seg.text).toContain(cut);
        expect(sel.codings.map((c) => c.code).sort()).toEqual(
          rows
            .filter((r) => r.code)
            .map((r) => guid(`code:${r.code}`))
            .sort(),
        );
        checked++;
      }
    }
    // Every (coder, span) of both coders is one selection.
    expect(checked).toBe(new Set(data.codings.map((c) => `${c.coder}|${c.segment}|${c.start}|${c.end}`)).size);
  });

  it('counts positions in code points, not UTF-16 units, after a character outside the BMP', async () => {
    const text = 'Werkgevers 📚 investeren.\n\nDe overheid 🏛️ reguleert de markt.';
    const seg = (n: number, start: number, end: number): Segment => {
      const t = [...text].slice(start, end).join('');
      return {
        document: 'emoji',
        segment: `emoji:${n}`,
        page: '',
        section: '',
        start,
        end,
        hash: shortHash(t),
        text: t,
      };
    };
    const s2 = seg(2, 26, [...text].length);
    const small: LloProject = {
      ...data,
      documents: [{ entry: { id: 'emoji' }, text }],
      segments: [seg(1, 0, 24), s2],
      codings: [
        {
          coder: 'b',
          document: 'emoji',
          segment: 'emoji:2',
          start: s2.start,
          end: s2.end,
          code: 'overheid.reguleren',
          origin: 'manual',
          evidence: '',
          memo: '',
        },
      ],
    };
    const file = join(dir, 'emoji.qdpx');
    writeFileSync(file, await qdpxBytes(small));
    const qde = (await entries(file)).get('project.qde')!.toString('utf8');
    expect(qde).toContain('startPosition="26" endPosition="60"'); // UTF-16 would give 27 and 63
    const back = await runImportQdpx({ file, out: join(dir, 'emoji') });
    expect(back.report.countings).toEqual([]);
    expect(readFileSync(join(dir, 'emoji/codings/b.csv'), 'utf8')).toContain('emoji:2,26,60,overheid.reguleren');
  });

  it('gives byte-identical files from two exports (the CLI in another time zone, and in-process here)', () => {
    const a = join(dir, 'a.qdpx');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/llo.js'), 'export', 'qdpx', AUTO, anna, '--out', a], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati', NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /a\.qdpx: 7 documents, 81 segments, 27 codes; anna \d+ codings, auto \d+ codings \(\d[\d,]* bytes\)\n$/u,
    );
    expect(readFileSync(a).equals(readFileSync(both))).toBe(true);
  });

  it('exports the codebook alone as a .qdc that reads back as the same codes', async () => {
    const book = (await loadCodebook(CODEBOOK)).codebook;
    const file = join(dir, 'llo.qdc');
    writeFileSync(file, qdcText(book));
    expect(qdcText(book)).toBe(readFileSync(file, 'utf8'));
    const { themes, ...draft } = await readQdc(file);
    expect(themes).toEqual([]);
    const back = parseCodebook(codebookYaml(draft, file), file).codebook;
    expect(back.codes).toEqual(book.codes);
    expect(back.actors).toEqual(book.actors);
    expect(back.paradigms).toEqual(book.paradigms);
  });
});

describe('round trip', () => {
  it('export → import gives back the segments, the codebook, and per coder the same codings (ids, spans, memos)', async () => {
    const out = join(dir, 'import-1');
    const summary = await runImportQdpx({ file: both, out });
    expect(summary.report.segmentation).toBe('llo');
    expect(readFileSync(join(out, 'segments.csv'), 'utf8')).toBe(readFileSync(SEGMENTS, 'utf8'));
    expect(readFileSync(join(out, 'codings/auto.csv'), 'utf8')).toBe(readFileSync(AUTO, 'utf8'));
    expect(readFileSync(join(out, 'codings/anna.csv'), 'utf8')).toBe(readFileSync(anna, 'utf8'));
    expect((await loadCodebook(join(out, 'codebook.yaml'))).codebook).toEqual((await loadCodebook(CODEBOOK)).codebook);
  });

  it('import → export → import is lossless: every file of the second import equals the first', async () => {
    const first = join(dir, 'import-1');
    const again = join(dir, 'again.qdpx');
    await runExportQdpx({
      codings: readdirSync(join(first, 'codings')).map((f) => join(first, 'codings', f)),
      corpus: join(first, 'corpus'),
      segments: join(first, 'segments.csv'),
      codebook: join(first, 'codebook.yaml'),
      out: again,
    });
    const second = join(dir, 'import-2');
    await runImportQdpx({ file: again, out: second });
    const list = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? list(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
      );
    expect(list(second)).toEqual(list(first));
    for (const f of list(first))
      expect(readFileSync(join(second, f), 'utf8'), f).toBe(readFileSync(join(first, f), 'utf8'));
  });
});

describe('agreement straight on projects', () => {
  const coefficients = (run: Awaited<ReturnType<typeof runCodingsAgreement>>) => run.report;

  it.each(['segment', 'character'] as const)(
    'gives the same coefficients on two .qdpx files (one per coder) as on the codings files (%s units)',
    async (unit) => {
      const a = join(dir, `auto-${unit}.qdpx`);
      const b = join(dir, `anna-${unit}.qdpx`);
      writeFileSync(a, await qdpxBytes({ ...data, codings: data.codings.filter((c) => c.coder === 'auto') }));
      writeFileSync(b, await qdpxBytes({ ...data, codings: data.codings.filter((c) => c.coder === 'anna') }));
      const fromProjects = await projectsToCodings([a, b], { unit });
      expect(fromProjects.alignment).toBe('guid');
      // Exactly the inputs codings mode takes, handed to today's file-based run.
      const tmp = tempDir();
      writeFileSync(join(tmp, 'codebook.yaml'), codebookYaml(codebookDraftOf(fromProjects.codebook), 'codebook.yaml'));
      writeFileSync(join(tmp, 'segments.csv'), csvRows(fromProjects.segments, SEGMENT_COLUMNS, true));
      const files = [...fromProjects.codings].map(([coder, rows]) => {
        const f = join(tmp, `${coder}.csv`);
        writeFileSync(f, csvRows(rows, CODING_COLUMNS, true));
        return f;
      });
      const viaProjects = await runCodingsAgreement({
        files,
        segments: join(tmp, 'segments.csv'),
        codebook: join(tmp, 'codebook.yaml'),
        unit,
      });
      const viaFiles = await runCodingsAgreement({ files: [AUTO, anna], segments: SEGMENTS, codebook: CODEBOOK, unit });
      expect(coefficients(viaProjects)).toEqual(coefficients(viaFiles));
      expect(viaFiles.report.overall.alphaMasi).not.toBeNull();
    },
  );

  it('llo agreement A.qdpx B.qdpx prints what llo agreement prints on the codings files, and how the sources were paired', async () => {
    const a = join(dir, 'cli-auto.qdpx');
    const b = join(dir, 'cli-anna.qdpx');
    writeFileSync(a, await qdpxBytes({ ...data, codings: data.codings.filter((c) => c.coder === 'auto') }));
    writeFileSync(b, await qdpxBytes({ ...data, codings: data.codings.filter((c) => c.coder === 'anna') }));
    const projects = await inProcess(['agreement', a, b, '--json']);
    const files = await inProcess(['agreement', AUTO, anna, '--segments', SEGMENTS, '--codebook', CODEBOOK, '--json']);
    expect(projects.code).toBe(0);
    const { projects: paired, ...rest } = JSON.parse(projects.stdout);
    expect(paired).toEqual({ files: [a, b], alignment: 'guid' });
    expect(rest).toEqual(JSON.parse(files.stdout));
    const text = await inProcess(['agreement', a, b]);
    expect(text.stdout).toMatch(
      /^Projects: .*cli-auto\.qdpx, .*cli-anna\.qdpx \(sources paired by guid\)\.\nAgreement between auto, anna/u,
    );
    expect((await inProcess(['agreement', a, AUTO])).stderr).toBe(
      'llo: error: give either REFI-QDA projects (.qdpx) or codings files, not both\n',
    );
  });

  it('is documented in llo agreement --help: the argument and an example', async () => {
    const help = (await inProcess(['agreement', '--help'])).stdout.replace(/\s+/gu, ' ');
    expect(help).toContain(
      'codings files, one per coder (or one file with --coders); or REFI-QDA projects (.qdpx): one per coder, or one with several users',
    );
    expect(help).toContain(' llo agreement anna.qdpx ben.qdpx --json ');
  });

  it('gives the same on one project with both coders as users', async () => {
    const one = await projectsToCodings([both]);
    expect([...one.codings.keys()].sort()).toEqual(['anna', 'auto']);
    expect(one.segments).toEqual(segments);
    expect(one.codings.get('anna')!.map(({ coder: _c, ...r }) => r)).toEqual(
      (await readAllCodings(anna)).map(({ coder: _c, line: _l, ...r }) => r),
    );
  });
});

/** The codebook object back in its YAML form (themes have none here: the bundled codebook has only roles). */
function codebookDraftOf(book: Codebook) {
  return JSON.parse(JSON.stringify(book)) as Parameters<typeof codebookYaml>[0];
}
