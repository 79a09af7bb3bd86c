#!/usr/bin/env node
// llo benchmarks: speed and memory from 10 MB to 1 GB, beside the tools that set the floor.
// Usage: npm run bench [-- --full] [-- --runs N] [-- --only agreement,tables,…]. Writes bench/results.md
// (with --only, only the rows of the sections run are replaced). Not part of npm test.
// Data is generated (seeded) into bench/data/, which git ignores.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The benchmark measures the built program: build first.
execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const DATA = join(ROOT, 'bench/data');
const LLO = join(ROOT, 'bin/llo.js');
const args = process.argv.slice(2);
const FULL = args.includes('--full');
const RUNS =
  Number(args[args.indexOf('--runs') + 1]) > 0 && args.includes('--runs')
    ? Number(args[args.indexOf('--runs') + 1])
    : 3;
// Sections of the benchmark; --only runs some of them and keeps the other rows of results.md.
const SECTIONS = ['startup', 'text', 'pdf', 'tables', 'agreement'];
const ONLY = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : SECTIONS;
for (const s of ONLY)
  if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(', ')})`);
const runs = (section) => ONLY.includes(section);
const MB = 1024 * 1024;
const log = (...m) => console.error('[bench]', ...m);

// ---------------------------------------------------------------- tools
function ensureTool(command, debianPackage) {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return true;
  log(`installing ${debianPackage} (for ${command})`);
  spawnSync('sh', [
    '-c',
    `apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq ${debianPackage} >/dev/null 2>&1`,
  ]);
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}
/** A Python module of Debian's python3 (not a pyenv or venv python on the PATH), installed when missing. */
const PYTHON = '/usr/bin/python3';
function ensurePython(module, debianPackage) {
  const has = () => spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
  if (has()) return true;
  log(`installing ${debianPackage} (for Python's ${module})`);
  spawnSync('sh', [
    '-c',
    `apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq ${debianPackage} >/dev/null 2>&1`,
  ]);
  return has();
}
const HAVE = {
  time: ensureTool('/usr/bin/time', 'time'),
  rg: runs('text') && ensureTool('rg', 'ripgrep'),
  pdftotext: runs('pdf') && ensureTool('pdftotext', 'poppler-utils'),
  sklearn: runs('agreement') && ensurePython('sklearn', 'python3-sklearn'),
  nltk: runs('agreement') && ensurePython('nltk', 'python3-nltk'),
};

/** One timed run: wall seconds, CPU seconds (user + system, with child processes) and peak RSS (MB). */
function timed(label, command, argv, stdout = 'ignore') {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...argv], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const lines = (res.stderr ?? '').trim().split('\n');
  const [secs, kb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
  if (res.status !== 0 && res.status !== 2) throw new Error(`${label} failed (exit ${res.status}):\n${res.stderr}`);
  return { secs, rss: kb / 1024, cpu: user + sys };
}

/** The median wall time and the peak RSS (max over runs) of runs already made. */
function summary(label, runs) {
  const times = runs.map((r) => r.secs).sort((a, b) => a - b);
  const cpus = runs.map((r) => r.cpu).sort((a, b) => a - b);
  const rss = Math.max(...runs.map((r) => r.rss));
  const seconds = times[Math.floor(times.length / 2)];
  const cpu = cpus[Math.floor(cpus.length / 2)];
  log(
    `${label}: ${seconds.toFixed(2)} s (runs ${times.map((t) => t.toFixed(2)).join(', ')}), CPU ${cpu.toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB`,
  );
  return { seconds, cpu, rss, runs: times };
}

/** Runs a command RUNS times; the median wall time and the peak RSS (max over runs). */
function measure(label, command, argv, { runs = RUNS, stdout = 'ignore' } = {}) {
  return summary(
    label,
    Array.from({ length: runs }, () => timed(label, command, argv, stdout)),
  );
}

/**
 * Several commands measured in turn (A B C A B C …), so that a machine whose speed drifts (a
 * shared one) slows them alike and their ratios hold. `commands`: [label, command, argv, runs?].
 */
function measureInTurn(commands) {
  const results = commands.map(() => []);
  for (let r = 0; r < RUNS; r++)
    commands.forEach(([label, command, argv, runs = RUNS], i) => {
      if (r < runs) results[i].push(timed(label, command, argv));
    });
  return commands.map(([label], i) => summary(label, results[i]));
}

// ---------------------------------------------------------------- data
/** Seeded generator (the project's Mulberry32, from the build), so every machine benchmarks the same text. */
const { mulberry32: rng } = await import('../dist/agreement/bootstrap.js');

/** Paragraphs of the bundled real documents (all of them, not only the selected passages). */
function bundledParagraphs() {
  const seg = join(DATA, 'bundled.csv');
  const dir = join(DATA, 'bundled');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(join(ROOT, 'corpus')))
    if (/\.(pdf|txt)$/u.test(f)) copyFileSync(join(ROOT, 'corpus', f), join(dir, f));
  execFileSync(process.execPath, [LLO, 'ingest', dir, '--out', seg], { stdio: 'ignore' });
  const rows = readFileSync(seg, 'utf8').split('\n').slice(1).filter(Boolean);
  // The text is the last column; quoted when it holds commas or quotes.
  return rows
    .map((line) => {
      const m = /,(?:"((?:[^"]|"")*)"|([^,]*))$/u.exec(line);
      return m[1] !== undefined ? m[1].replace(/""/gu, '"') : m[2];
    })
    .filter((p) => p.length > 40);
}

/** A corpus of `size` bytes of text in files of ~4 MB, paragraphs resampled from the bundled ones. */
async function textTier(name, size, paragraphs) {
  const dir = join(DATA, name);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = rng(size);
  let written = 0;
  let file = 0;
  while (written < size) {
    const out = createWriteStream(join(dir, `doc-${String(file++).padStart(4, '0')}.txt`));
    let inFile = 0;
    while (inFile < 4 * MB && written < size) {
      const p = paragraphs[Math.floor(random() * paragraphs.length)] + '\n\n';
      if (!out.write(p)) await new Promise((r) => out.once('drain', r));
      inFile += Buffer.byteLength(p);
      written += Buffer.byteLength(p);
    }
    await new Promise((r) => out.end(r));
  }
  writeFileSync(marker, '');
  return dir;
}

function dirBytes(dir) {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** A codebook of n codes, made from the default one: its actors, and indicators from the corpus vocabulary. */
function bigCodebook(n, paragraphs) {
  const file = join(DATA, `codebook-${n}.yaml`);
  const base = readFileSync(join(ROOT, 'codebooks/llo.yaml'), 'utf8');
  const head = base.slice(0, base.indexOf('\ncodes:\n'));
  const words = [
    ...new Set(
      paragraphs
        .join(' ')
        .toLowerCase()
        .match(/[a-zà-ÿ]{6,}/gu),
    ),
  ].sort();
  const random = rng(n);
  const actors = ['overheid', 'burgers', 'markt', 'maatschappelijke-organisaties'];
  const codes = [];
  for (let i = 0; i < n; i++) {
    const indicators = Array.from({ length: 6 }, (_, k) => {
      const w = words[Math.floor(random() * words.length)];
      return k % 3 === 0 ? `${w.slice(0, 6)}*` : k % 3 === 1 ? w : `${w} ${words[Math.floor(random() * words.length)]}`;
    });
    codes.push(
      `  - id: ${actors[i % 4]}.gen-${i}\n    actor: ${actors[i % 4]}\n    role: generated ${i}\n    paradigms: [NG]\n    origin: deductive\n    definition: generated for the benchmark\n    indicators: [${indicators.map((x) => JSON.stringify(x)).join(', ')}]`,
    );
  }
  writeFileSync(file, `${head}\ncodes:\n${codes.join('\n')}\n`);
  return file;
}

/** The indicator phrases of a codebook as fixed strings for ripgrep (wildcards cut, regexes left out). */
function patternsFile(codebook) {
  const text = readFileSync(codebook, 'utf8');
  const list = new Set();
  for (const m of text.matchAll(/^\s+- (.+)$|indicators: \[(.*)\]/gmu)) {
    const items = m[2] !== undefined ? [...m[2].matchAll(/"([^"]+)"/gu)].map((x) => x[1]) : [m[1]];
    for (let p of items) {
      p = p.replace(/^["']|["']$/gu, '');
      if (p.startsWith('/') || p.includes(':')) continue;
      p = p.replace(/\*$/u, '');
      if (p.length >= 2) list.add(p);
    }
  }
  // Generated data stays in bench/data (ignored by git), never beside the codebook in the source tree.
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `${codebook.split('/').pop()}.patterns`);
  writeFileSync(file, [...list].join('\n') + '\n');
  return file;
}

/** Codings of two coders over n segments × 30 codes, and the segments file they refer to. */
async function agreementData(units) {
  const dir = join(DATA, `agreement-${units}`);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return dir;
  mkdirSync(dir, { recursive: true });
  const codes = [
    ...readFileSync(join(ROOT, 'codebooks/llo.yaml'), 'utf8').matchAll(/^ {2}- id: (\w[\w-]*\.[\w-]+)$/gmu),
  ].map((m) => m[1]);
  const thirty = Array.from({ length: 30 }, (_, i) => codes[i % codes.length]);
  const random = rng(units);
  const seg = createWriteStream(join(dir, 'segments.csv'));
  const a = createWriteStream(join(dir, 'a.csv'));
  const b = createWriteStream(join(dir, 'b.csv'));
  const data = createWriteStream(join(dir, 'data.csv'));
  const write = async (s, text) => (s.write(text) ? undefined : new Promise((r) => s.once('drain', r)));
  await write(seg, 'document,segment,page,section,start,end,hash,text\n');
  for (const s of [a, b]) await write(s, 'coder,document,segment,start,end,code,origin,evidence,memo\n');
  await write(data, 'unit,coder,value\n');
  for (let u = 0; u < units; u++) {
    const doc = `d${Math.floor(u / 1000)}`;
    const id = `${doc}:${u % 1000}`;
    await write(seg, `${doc},${id},,,${(u % 1000) * 10},${(u % 1000) * 10 + 9},000000000000,tekst\n`);
    const seen = new Set();
    for (const code of thirty) {
      if (seen.has(code)) continue;
      seen.add(code);
      const pa = random() < 0.03;
      const pb = pa ? random() < 0.8 : random() < 0.01;
      if (pa) await write(a, `a,${doc},${id},${(u % 1000) * 10},${(u % 1000) * 10 + 9},${code},manual,,\n`);
      if (pb) await write(b, `b,${doc},${id},${(u % 1000) * 10},${(u % 1000) * 10 + 9},${code},manual,,\n`);
    }
    const v = 1 + Math.floor(random() * 5);
    await write(data, `${u},a,${v}\n${u},b,${random() < 0.7 ? v : 1 + Math.floor(random() * 5)}\n`);
  }
  await Promise.all([seg, a, b, data].map((s) => new Promise((r) => s.end(r))));
  writeFileSync(marker, '');
  return dir;
}

// ---------------------------------------------------------------- run
const results = [];
const row = (what, size, m, extra = {}) => results.push({ what, size, seconds: m.seconds, rss: m.rss, ...extra });
mkdirSync(DATA, { recursive: true });
log(`preparing data (seeded; cached in bench/data); sections: ${ONLY.join(', ')}`);
const paragraphs = runs('text') || runs('tables') ? bundledParagraphs() : [];
const tiers = [['10 MB', 10 * MB], ['100 MB', 100 * MB], ...(FULL ? [['1 GB', 1024 * MB]] : [])];
const defaultCodebook = join(ROOT, 'codebooks/llo.yaml');

if (runs('startup')) {
  const help = measure('llo --help', process.execPath, [LLO, '--help'], { runs: 5 });
  row('start-up: llo --help', '', help);
}

let coded100;
if (runs('text') || runs('tables')) {
  const big = runs('text') ? bigCodebook(500, paragraphs) : undefined;
  for (const [label, size] of runs('text') ? tiers : [['100 MB', 100 * MB]]) {
    const dir = await textTier(`text-${label.replace(' ', '').toLowerCase()}`, size, paragraphs);
    const bytes = dirBytes(dir);
    const segments = join(DATA, `segments-${label.replace(' ', '')}.csv`);
    const out = join(DATA, `codings-${label.replace(' ', '')}.csv`);
    if (label === '100 MB') coded100 = { segments, out };
    if (!runs('text')) {
      // Tables alone: make the coded tier once, without measuring.
      if (!existsSync(out)) {
        execFileSync(process.execPath, [LLO, 'ingest', dir, '--out', segments], { stdio: 'ignore' });
        execFileSync(process.execPath, [LLO, 'code', '--segments', segments, '--coder', 'bench', '--out', out], {
          stdio: 'ignore',
        });
      }
      continue;
    }
    const runsHere = size > 200 * MB ? 1 : RUNS;
    const ing = measure(`ingest text ${label}`, process.execPath, [LLO, 'ingest', dir, '--out', segments], {
      runs: runsHere,
    });
    row('ingest text', label, ing, { mbps: bytes / MB / ing.seconds });
    // Coding, coding on two workers and ripgrep in turn (A B C A B C …): their ratios hold on a
    // machine whose speed drifts. CPU time (user + system) is reported beside the wall time, since
    // on a shared machine the wall time also measures the other processes.
    const codeArgs = [LLO, 'code', '--segments', segments, '--coder', 'bench'];
    const withJobs = size <= 100 * MB;
    const turns = [
      [`code ${label}`, process.execPath, [...codeArgs, '--out', out], runsHere],
      ...(withJobs
        ? [
            [
              `code --jobs 2 ${label}`,
              process.execPath,
              [...codeArgs, '--out', `${out}.j2.csv`, '--jobs', '2'],
              runsHere,
            ],
          ]
        : []),
      ...(HAVE.rg
        ? [
            [
              `rg ${label}`,
              'sh',
              ['-c', `rg -o -i -F -f ${patternsFile(defaultCodebook)} ${dir} > /dev/null`],
              runsHere,
            ],
          ]
        : []),
    ];
    const measured = measureInTurn(turns);
    const code = measured[0];
    const jobs = withJobs ? measured[1] : undefined;
    const rg = HAVE.rg ? measured[measured.length - 1] : undefined;
    const RG = 'rg -o -i -F -f';
    row('code, default codebook (27 codes)', label, code, {
      mbps: bytes / MB / code.seconds,
      yardstick: rg,
      yardstickName: RG,
    });
    if (rg)
      row(
        'code, default codebook: CPU time (user + system)',
        label,
        { ...code, seconds: code.cpu },
        {
          yardstick: { seconds: rg.cpu },
          yardstickName: `${RG}, CPU time`,
        },
      );
    if (jobs) {
      row('code, default codebook, --jobs 2', label, jobs, {
        mbps: bytes / MB / jobs.seconds,
        yardstick: rg,
        yardstickName: RG,
      });
      row('code, default codebook, --jobs 2', label, jobs, {
        mbps: bytes / MB / jobs.seconds,
        yardstick: code,
        yardstickName: 'the same with --jobs 1 (ratio < 1: faster)',
      });
      row(
        'code, default codebook, --jobs 2: CPU time (user + system)',
        label,
        { ...jobs, seconds: jobs.cpu },
        {
          yardstick: { seconds: code.cpu },
          yardstickName: 'the same with --jobs 1, CPU time',
        },
      );
      log(`coding with --jobs 2 is ${(code.seconds / jobs.seconds).toFixed(2)}× as fast as --jobs 1 (${label}, wall)`);
    }
    if (withJobs) {
      const code500 = measure(
        `code 500 codes ${label}`,
        process.execPath,
        [LLO, 'code', '--segments', segments, '--coder', 'bench', '--codebook', big, '--out', `${out}.500.csv`],
        { runs: runsHere },
      );
      const rg500 = HAVE.rg
        ? measure(`rg 500 ${label}`, 'sh', ['-c', `rg -o -i -F -f ${patternsFile(big)} ${dir} > /dev/null`], {
            runs: runsHere,
          })
        : undefined;
      row('code, generated codebook (500 codes)', label, code500, {
        mbps: bytes / MB / code500.seconds,
        yardstick: rg500,
        yardstickName: 'rg -o -i -F -f',
      });
    }
  }
}

if (runs('pdf')) {
  // PDF: ten copies of the bundled coalition agreement (500 pages).
  const pdfDir = join(DATA, 'pdf');
  mkdirSync(pdfDir, { recursive: true });
  for (let i = 0; i < 10; i++) copyFileSync(join(ROOT, 'corpus/coalitieakkoord-2021.pdf'), join(pdfDir, `ca-${i}.pdf`));
  const pdf = measure('ingest PDF (500 pages)', process.execPath, [
    LLO,
    'ingest',
    pdfDir,
    '--out',
    join(DATA, 'pdf.csv'),
  ]);
  const pdfJobs = measure('ingest PDF --jobs 2', process.execPath, [
    LLO,
    'ingest',
    pdfDir,
    '--out',
    join(DATA, 'pdf2.csv'),
    '--jobs',
    '2',
  ]);
  const poppler = HAVE.pdftotext
    ? measure('pdftotext (500 pages)', 'sh', [
        '-c',
        `for f in ${pdfDir}/*.pdf; do pdftotext -layout "$f" /dev/null; done`,
      ])
    : undefined;
  row('ingest PDF', '500 pages', pdf, { pps: 500 / pdf.seconds, yardstick: poppler, yardstickName: 'pdftotext' });
  row('ingest PDF, --jobs 2', '500 pages', pdfJobs, {
    pps: 500 / pdfJobs.seconds,
    yardstick: poppler,
    yardstickName: 'pdftotext',
  });
}

if (runs('tables') && coded100) {
  const tables = measure('tables on 100 MB', process.execPath, [
    LLO,
    'tables',
    coded100.out,
    '--segments',
    coded100.segments,
    '--out',
    join(DATA, 'tables-100'),
  ]);
  row('tables on the coded 100 MB tier', '100 MB', tables);
}

if (runs('agreement')) {
  // The yardsticks are whole processes on the same CSV, as a Python user would run them: read the
  // file with the standard library's csv module, then scikit-learn's Cohen's κ or NLTK's α.
  const ag = await agreementData(1_000_000);
  const dataCsv = join(ag, 'data.csv');
  const codingsArgs = [LLO, 'agreement', join(ag, 'a.csv'), join(ag, 'b.csv'), '--segments', join(ag, 'segments.csv')];
  const script = (name) => [join(ROOT, 'bench/yardsticks', name), dataCsv];
  // In turn, RUNS times each (NLTK takes some 20 s a run at a million units).
  const turns = [
    ['agreement codings 1M × 30 × 2', process.execPath, [...codingsArgs, '--json']],
    [
      'agreement codings 1M × 30 × 2 --bootstrap 1000',
      process.execPath,
      [...codingsArgs, '--bootstrap', '1000', '--json'],
    ],
    ['agreement data 1M', process.execPath, [LLO, 'agreement', '--data', dataCsv, '--json']],
    ...(HAVE.sklearn ? [['scikit-learn cohen_kappa_score 1M', PYTHON, script('sklearn_kappa.py')]] : []),
    ...(HAVE.nltk ? [['NLTK AnnotationTask.alpha 1M', PYTHON, script('nltk_alpha.py')]] : []),
  ];
  const measured = measureInTurn(turns);
  const find = (label) => measured[turns.findIndex((t) => t[0] === label)];
  const [codings, boot, data] = measured;
  const sklearn = find('scikit-learn cohen_kappa_score 1M');
  const nltk = find('NLTK AnnotationTask.alpha 1M');
  const SK = 'scikit-learn `cohen_kappa_score`, whole process';
  const dataRow = 'agreement, data mode: 1,000,000 units × 2 coders, nominal';
  for (const [what, m, yardstick, yardstickName] of [
    ['agreement, codings mode: 1,000,000 units × 30 codes × 2 coders', codings, sklearn, SK],
    ['agreement, codings mode, `--bootstrap 1000`', boot, codings, 'the same without bootstrap'],
    [dataRow, data, sklearn, SK],
    [dataRow, data, nltk, 'NLTK `AnnotationTask.alpha`, whole process'],
  ])
    row(what, '1M', m, { yardstick, yardstickName });
}

// ---------------------------------------------------------------- report
const v = (x, d = 2) => (x === undefined ? '' : x.toFixed(d));
const ratio = (r) =>
  r.yardstick ? `${v(r.seconds / r.yardstick.seconds, r.seconds < r.yardstick.seconds ? 2 : 1)}×` : '';
const tableRow = (r) =>
  `| ${r.what} | ${r.size} | ${v(r.seconds)} | ${r.mbps ? `${v(r.mbps)} MB/s` : r.pps ? `${v(r.pps, 0)} pages/s` : ''} | ${v(r.rss, 0)} | ${r.yardstick ? r.yardstickName : ''} | ${r.yardstick ? v(r.yardstick.seconds) : ''} | ${ratio(r)} |`;
for (const r of results) if (r.yardstick) log(`ratio ${r.what} (${r.size}) / ${r.yardstickName}: ${ratio(r)}`);

/** The section a row of results.md belongs to, by its first column. */
const sectionOf = (what) =>
  what.startsWith('start-up')
    ? 'startup'
    : what.startsWith('ingest PDF')
      ? 'pdf'
      : what.startsWith('tables')
        ? 'tables'
        : what.startsWith('agreement')
          ? 'agreement'
          : 'text';
const resultsFile = join(ROOT, 'bench/results.md');
const today = new Date().toISOString().slice(0, 10);
let previous = [];
let generated = `Generated by \`npm run bench${FULL ? ' -- --full' : ''}\` on ${today}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; Node ${process.version}; ${RUNS} runs per figure (median; peak RSS is the maximum)${FULL ? ', the 1 GB tier once' : '; the 1 GB tier was not run (it needs `npm run bench -- --full`)'}.`;
const partial = [];
if (ONLY.length < SECTIONS.length && existsSync(resultsFile)) {
  // A partial run keeps the rows (and the line saying when they were made) of the sections not run.
  const old = readFileSync(resultsFile, 'utf8').split('\n');
  generated = old.find((l) => l.startsWith('Generated by')) ?? generated;
  partial.push(
    // An earlier partial run's line goes when every section it names has been run again.
    ...old.filter((l) => {
      const named = /^Re-run in part: the (.+?) rows by/u.exec(l)?.[1]?.split(', ');
      return l.startsWith('Re-run in part:') && !(named && named.every((s) => ONLY.includes(s)));
    }),
    `Re-run in part: the ${ONLY.join(', ')} rows by \`npm run bench -- ${FULL ? '--full ' : ''}--only ${ONLY.join(',')}\` on ${today}, Node ${process.version}, ${RUNS} runs per figure${FULL ? ' (the 1 GB tier once)' : ''}.`,
  );
  previous = old.filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !ONLY.includes(sectionOf(l.slice(2))));
}
const rows = SECTIONS.flatMap((s) =>
  ONLY.includes(s)
    ? results.filter((r) => sectionOf(r.what) === s).map(tableRow)
    : previous.filter((l) => sectionOf(l.slice(2)) === s),
);
const lines = [
  '# llo benchmarks',
  '',
  generated,
  ...(partial.length ? ['', ...partial] : []),
  '',
  "Corpora are generated (seeded) by resampling the paragraphs of the bundled documents into files of about 4 MB. Yardsticks run on the same input in the same run: ripgrep searching the text for the codebook's indicator phrases (`rg -o -i -F -f`, the cost of merely scanning for the patterns), pdftotext on the same PDFs, and for agreement a Python user's whole process on the same `unit,coder,value` CSV (Debian's python3: the standard library's `csv` reads it, then scikit-learn's `cohen_kappa_score` or NLTK's `AnnotationTask(...).alpha()`; `bench/yardsticks/`). A ratio is llo's time divided by the yardstick's: below 1, llo is faster.",
  '',
  '| what | size | time (s) | throughput | peak RSS (MB) | yardstick | yardstick time (s) | ratio |',
  '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
  ...rows,
  '',
  'Targets (issue 15): `llo code` on 100 MB at most 3× ripgrep; `llo agreement --data` on 1M units at least 2× faster than the scikit-learn process (ratio ≤ 0.50) and 10× faster than NLTK (ratio ≤ 0.10); codings mode on 1M segments no slower than the scikit-learn process (ratio ≤ 1) in at most 500 MB, `--bootstrap 1000` adding at most 2×; ingest of text at least 30 MB/s; tables on 100 MB at most 3 s.',
  '',
];
writeFileSync(resultsFile, lines.join('\n'));
log('wrote bench/results.md');
