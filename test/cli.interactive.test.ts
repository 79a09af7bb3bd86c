import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllCodings } from '../src/coding/codings.js';
import { mulberry32 } from '../src/agreement/bootstrap.js';
import { CORPUS, ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';
import { Terminal } from './helpers/tmux.js';

// End-to-end: the real program in a real terminal, as a coder uses it.

/** A file of /proc/<pid>, or '' when the process is gone. */
function proc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}
const LLO = `node ${join(ROOT, 'bin/llo.js')}`;
/**
 * The bound for the long terminal runs: generous, because a busy machine is slow, not wrong. It is
 * not a measurement — nothing here asserts on time.
 */
const BUSY = 240_000;

describe('llo code --interactive in a terminal', () => {
  let dir: string;
  let codebook: string;
  // The committed segments of the bundled corpus (what `npm start` writes; CI checks it).
  const segments = join(ROOT, 'out/segments.csv');
  // A small codebook where the subject is the files, not the suggestions: it loads in a fraction of
  // the time of the full one, which keeps 20 restarts light on a busy machine.
  const small = join(ROOT, 'test/fixtures/codebooks/base.yaml');
  const terminals: Terminal[] = [];
  beforeAll(async () => {
    dir = tempDir();
    codebook = join(dir, 'codebook.yaml');
    copyFileSync(join(ROOT, 'codebooks/llo.yaml'), codebook);
  });
  afterAll(async () => {
    terminals.forEach((t) => t.stop());
    Terminal.stopServer();
  });
  const session = (name: string, out: string, book = codebook) => {
    const t = Terminal.start(
      name,
      `${LLO} code ${CORPUS} --interactive --coder anna --segments ${segments} --codebook ${book} --out ${out}`,
    );
    terminals.push(t);
    return t;
  };

  it(
    'codes 20 segments with a suggestion, a searched code and a new inductive code; quits; resumes',
    async () => {
      const out = join(dir, 'anna.csv');
      const t = session('llo-e2e-1', out);
      await t.waitFor(/0\/81 coded/u);
      // Decision 1: a searched code. Decision 2: a new inductive code. Decision 3: every suggestion of
      // the first segment that has suggestions. The rest: saved as they are.
      const segmentOf = (screen: string) => /· ([\w.-]+:\d+)/u.exec(screen)![1]!;
      const first = segmentOf(t.screen());
      t.keys('/');
      t.type('regiss');
      await t.waitFor(/> overheid\.regisseren/u);
      t.keys('Enter');
      await t.waitFor(/Added overheid\.regisseren/u);
      t.keys('Enter');
      await t.waitFor(new RegExp(`Saved ${first}: overheid\\.regisseren`, 'u'));
      const second = segmentOf(t.screen());
      t.keys('n');
      t.type('leerplek bieden');
      t.keys('Enter');
      await t.waitFor(/actor: 1 overheid/u);
      t.type('3');
      t.keys('Enter');
      t.type('NG');
      t.keys('Enter');
      t.type('Werkgevers bieden leerwerkplekken aan.');
      t.keys('Enter');
      await t.waitFor(/Created markt\.leerplek-bieden/u);
      t.keys('Enter');
      await t.waitFor(/2\/81 coded/u);
      let accepted: string | undefined;
      for (let k = 3; k <= 20; k++) {
        if (!accepted && /1 \[ \]/u.test(t.screen())) {
          accepted = segmentOf(t.screen());
          t.keys('a');
          await t.waitFor(/1 \[✓\]/u);
        }
        t.keys('Enter');
        await t.waitFor(new RegExp(`${k}/81 coded`, 'u'));
      }
      t.keys('q');
      await t.waitFor(/Saved 20 decision\(s\) this session; 20 of 81 segments coded/u);

      const rows = await readAllCodings(out);
      expect(new Set(rows.map((r) => r.segment)).size).toBe(20);
      expect(rows.every((r) => r.coder === 'anna' && r.origin === 'manual')).toBe(true);
      expect(rows.filter((r) => r.segment === first).map((r) => r.code)).toEqual(['overheid.regisseren']);
      expect(rows.filter((r) => r.segment === second).map((r) => r.code)).toEqual(['markt.leerplek-bieden']);
      // The accepted segment holds exactly the automatic coder's suggestions; the others "no code".
      const auto = join(dir, 'auto.csv');
      await inProcess(['code', '--segments', segments, '--coder', 'auto', '--out', auto]);
      const suggested = (await readAllCodings(auto)).filter((r) => r.segment === accepted).map((r) => r.code);
      expect(suggested.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.segment === accepted).map((r) => r.code)).toEqual(suggested);
      // Accepted suggestions keep their evidence.
      expect(rows.filter((r) => r.segment === accepted).every((r) => r.evidence !== '')).toBe(true);
      expect(rows.filter((r) => ![first, second, accepted].includes(r.segment)).every((r) => r.code === '')).toBe(true);

      const text = readFileSync(codebook, 'utf8');
      expect(text).toContain('# Boundary decisions (who counts as which actor):');
      expect(text).toMatch(/version: 1\.5\.1\n/u);
      expect(text).toMatch(/- id: markt\.leerplek-bieden\n {4}actor: markt\n {4}role: leerplek bieden\n/u);
      expect((await inProcess(['codebook', 'validate', codebook])).code).toBe(0);
      expect(
        (await inProcess(['codings', 'validate', out, '--codebook', codebook, '--segments', segments])).stdout,
      ).toMatch(/valid — 20 rows|valid — \d+ rows, 20 segments/u);
      expect(existsSync(`${out}.lock`)).toBe(false);

      // Resume: the session opens at the first undecided segment.
      const again = session('llo-e2e-2', out);
      await again.waitFor(/20\/81 coded/u);
      again.keys('Enter');
      await again.waitFor(/21\/81 coded/u);
      again.keys('q');
      await again.waitFor(/21 of 81 segments coded/u);
    },
    BUSY,
  );

  it('refuses a second session, and automatic coding, on the file a session holds', async () => {
    const out = join(dir, 'locked.csv');
    const first = session('llo-e2e-3', out, small);
    await first.waitFor(/0\/81 coded/u);
    first.keys('Enter');
    await first.waitFor(/1\/81 coded/u);
    const before = readFileSync(out, 'utf8');
    const pid = execFileSync('pgrep', ['-f', '--', `--out ${out}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .find((p) => proc(p, 'comm').trim() === 'node')!;
    const refusal = `llo: error: ${out}: another llo session (process ${pid} on ${hostname()}) is coding into this file; finish it first\n`;
    const second = await inProcess([
      'code',
      CORPUS,
      '--interactive',
      '--coder',
      'anna',
      '--segments',
      segments,
      '--codebook',
      small,
      '--out',
      out,
    ]);
    expect(second.code).toBe(1);
    // Automatic coding into the file the session holds.
    const automaticRun = (...extra: string[]) =>
      inProcess(['code', '--segments', segments, '--coder', 'anna', '--codebook', small, '--out', out, ...extra]);
    const automatic = await automaticRun();
    expect(automatic.stderr).toBe(refusal);
    expect(automatic.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(before);
    first.keys('q');
    await first.waitFor(/Saved 1 decision/u);
    // Once the session is closed, automatic coding runs and leaves the hand decision alone.
    const after = await automaticRun('--json');
    expect(JSON.parse(after.stdout)).toMatchObject({ segments: 81, manualSegments: 1, manualKept: 1 });
    const decided = (await readAllCodings(out)).filter((r) => r.origin === 'manual');
    expect(decided.map((r) => r.code)).toEqual(['']);
    expect((await readAllCodings(out)).filter((r) => r.segment === decided[0]!.segment)).toHaveLength(1);
  });

  it('Esc then Enter at once (read as meta+Return) cancels the search: the segment is saved without the code', async () => {
    const out = join(dir, 'esc.csv');
    const t = session('llo-e2e-esc', out, small);
    await t.waitFor(/0\/81 coded/u);
    const segment = /· ([\w.-]+:\d+)/u.exec(t.screen())![1]!;
    t.keys('/');
    t.type('regul');
    await t.waitFor(/> overheid\.reguleren/u);
    t.keys('Escape', 'Enter');
    await t.waitFor(new RegExp(`Saved ${segment}: no code`, 'u'));
    t.keys('q');
    await t.waitFor(/Saved 1 decision/u);
    expect((await readAllCodings(out)).map((r) => [r.segment, r.code])).toEqual([[segment, '']]);
  });

  it(
    'loses no confirmed decision when killed (SIGKILL) at random moments, 20 times',
    async () => {
      const out = join(dir, 'killed.csv');
      const random = mulberry32(2026);
      const confirmed = new Set<string>();
      for (let run = 0; run < 20; run++) {
        const t = session(`llo-e2e-kill-${run}`, out, small);
        await t.waitFor(/\d+\/81 coded/u);
        const presses = 1 + Math.floor(random() * 4);
        for (let k = 0; k < presses; k++) {
          t.keys('Enter');
          if (k < presses - 1 || random() < 0.5) {
            // Wait until the screen confirms the save; then it must survive.
            const screen = await t.waitFor(/Saved [^\s:]+:\d+/u);
            for (const m of screen.matchAll(/Saved ([^\s:]+:\d+)/gu)) confirmed.add(m[1]!);
          }
        }
        // Kill at once, possibly in the middle of a save.
        // Kill the node process itself (the tmux server's and the shell's command lines match too).
        const pids = execFileSync('pgrep', ['-f', '--', `--out ${out}`], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .filter((pid) => proc(pid, 'comm').trim() === 'node');
        execFileSync('kill', ['-9', ...pids]);
        // Wait until the process is gone (or a zombie): a process can vanish between two reads.
        while (pids.some((pid) => /^State:\s+[^Z]/mu.test(proc(pid, 'status'))))
          await new Promise((r) => setTimeout(r, 20));
        t.stop();
        const rows = await readAllCodings(out);
        const saved = new Set(rows.map((r) => r.segment));
        for (const s of confirmed)
          expect(saved.has(s), `run ${run}: ${s} was confirmed on screen but is missing`).toBe(true);
      }
      // The next session takes over the stale lock and every decision is still there.
      const last = session('llo-e2e-kill-end', out, small);
      await last.waitFor(/A previous session ended without closing/u);
      last.keys('q');
      await last.waitFor(/segments coded/u);
      expect((await readAllCodings(out)).length).toBeGreaterThanOrEqual(confirmed.size);
    },
    BUSY,
  );
});
