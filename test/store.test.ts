import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODING_COLUMNS, readAllCodings } from '../src/coding/codings.js';
import { csvRows } from '../src/io/csv.js';
import { claimLock } from '../src/coding/lock.js';
import { BatchCoder, inputSegments, type BatchResult, type CodeInput, type ManualRows } from '../src/coding/batch.js';
import type { Coding } from '../src/coding/codings.js';
import { codeInputs, codeToFile } from '../src/coding/run.js';
import type { Decision } from '../src/coding/session.js';
import { CodingStore } from '../src/coding/store.js';
import type { Segment } from '../src/corpus/segments.js';
import { LloError } from '../src/errors.js';
import { shortHash } from '../src/text/hash.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { codingOn, testSegment } from './helpers/segment.js';

// The coding store, its journal and lock, and `llo code` on a coder's file — in-process: the files
// are the subject here, not the terminal.

const seg = testSegment;
const ORDER = new Map([
  ['d1', 0],
  ['d2', 1],
]);
const codesOf = async (file: string, segment: string, coder = 'anna') =>
  (await readAllCodings(file)).filter((r) => r.segment === segment && r.coder === coder).map((r) => r.code);
const files = (dir: string) => readdirSync(dir).sort();

/** A coder file, in a folder of its own, with the decisions of one finished session. */
async function closedSession(...decisions: [Segment, Decision][]): Promise<{ dir: string; out: string }> {
  const dir = tempDir();
  const out = join(dir, 'anna.csv');
  const store = await CodingStore.open(out, 'anna', ORDER);
  await store.saveAll(decisions);
  await store.close();
  return { dir, out };
}

/** A process id that is certainly dead: a child that has exited and been reaped. */
const deadPid = (() => {
  let pid: number | undefined;
  return () => (pid ??= spawnSync(process.execPath, ['-e', '0']).pid);
})();
const staleLock = (file: string) => writeFileSync(`${file}.lock`, `${deadPid()} ${hostname()} old\n`);

describe('the coding store', () => {
  it('saves decisions with their memo and evidence, and empties the journal once the file holds them', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    const store = await CodingStore.open(out, 'anna', ORDER);
    await store.save(seg(1), { codes: ['o.a', 'b.b'], memo: 'twijfel', evidence: { 'o.a': 'we … stimuleren' } });
    await store.save(seg(2), { codes: [], memo: '' });
    expect(existsSync(`${out}.journal`)).toBe(false);
    await store.close();
    expect(files(dir)).toEqual(['anna.csv', 'anna.hashes']);
    const rows = await readAllCodings(out);
    expect(rows.map((r) => [r.segment, r.code, r.origin, r.evidence, r.memo])).toEqual([
      ['d1:1', 'b.b', 'manual', '', 'twijfel'],
      ['d1:1', 'o.a', 'manual', 'we … stimuleren', 'twijfel'],
      ['d1:2', '', 'manual', '', ''],
    ]);
    const again = await CodingStore.open(out, 'anna', ORDER);
    expect(again.decisions().get('d1:1')).toEqual({
      codes: ['b.b', 'o.a'],
      memo: 'twijfel',
      evidence: { 'o.a': 'we … stimuleren' },
    });
    await again.close();
  });

  it('a hand edit of the codings file after a session is what the next session sees (the journal does not undo it)', async () => {
    const { out } = await closedSession([seg(1), { codes: ['o.a'], memo: '' }], [seg(2), { codes: ['b.b'], memo: '' }]);
    // The coder corrects a decision in a spreadsheet.
    writeFileSync(out, readFileSync(out, 'utf8').replace('d1:1,10,15,o.a,', 'd1:1,10,15,m.c,'));
    const edited = readFileSync(out, 'utf8');
    const again = await CodingStore.open(out, 'anna', ORDER);
    await again.close();
    expect(again.decisions().get('d1:1')!.codes).toEqual(['m.c']);
    expect(readFileSync(out, 'utf8')).toBe(edited);
  });

  it('replays a journal entry whose write did not happen (killed between journal and file)', async () => {
    const { out } = await closedSession([seg(1), { codes: ['o.a'], memo: '' }]);
    const text = readFileSync(out, 'utf8');
    const entry = { ...entryFor(seg(2), ['b.b']), before: shortHash(text), after: 'not-written' };
    writeFileSync(`${out}.journal`, JSON.stringify(entry) + '\n{"segment":"d1:3","cut sho');
    const again = await CodingStore.open(out, 'anna', ORDER);
    await again.close();
    expect(await codesOf(out, 'd1:2')).toEqual(['b.b']);
    expect(await codesOf(out, 'd1:3')).toEqual([]);
    expect(existsSync(`${out}.journal`)).toBe(false);
  });

  it('drops a journal entry when the file was edited by hand since (killed after the write, then edited)', async () => {
    const { out } = await closedSession([seg(1), { codes: ['o.a'], memo: '' }]);
    const written = readFileSync(out, 'utf8');
    // The journal still holds the decision the file already has (the kill came before it was emptied) …
    writeFileSync(
      `${out}.journal`,
      JSON.stringify({ ...entryFor(seg(1), ['o.a']), before: 'x', after: shortHash(written) }) + '\n',
    );
    // … and the coder then removed that coding by hand.
    writeFileSync(out, written.split('\n')[0] + '\n');
    const again = await CodingStore.open(out, 'anna', ORDER);
    await again.close();
    expect(await codesOf(out, 'd1:1')).toEqual([]);
    expect(existsSync(`${out}.journal`)).toBe(false);
  });

  it('refuses a folder as the codings file before taking the lock', async () => {
    const dir = tempDir();
    await expect(CodingStore.open(dir, 'anna', ORDER)).rejects.toThrow('codings file: is a folder, not a file');
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe('the lock', () => {
  it('refuses a second writer while the first lives, and takes over a dead one', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    const first = await CodingStore.open(out, 'anna', ORDER);
    const refused = await CodingStore.open(out, 'anna', ORDER).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LloError);
    expect((refused as LloError).format()).toBe(
      `${out}: another llo session (process ${process.pid} on ${hostname()}) is coding into this file; finish it first`,
    );
    await first.close();
    staleLock(out);
    const next = await CodingStore.open(out, 'anna', ORDER);
    expect(next.tookOverLock).toBe(true);
    await next.close();
    expect(files(dir)).toEqual([]);
  });

  it('refuses a lock another session is still creating (empty), naming the file to delete', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    writeFileSync(`${out}.lock`, '');
    const err = await CodingStore.open(out, 'anna', ORDER).catch((e: unknown) => e);
    expect((err as LloError).format()).toBe(
      `${out}: another llo session is starting on this file; try again, or delete ${out}.lock if no session runs`,
    );
    expect(files(dir)).toEqual(['anna.csv.lock']);
  });

  it('two sessions opened together over a dead process lock: exactly one runs (both past the staleness check), 20 times', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const dir = tempDir();
      const out = join(dir, 'anna.csv');
      staleLock(out);
      // Hold both openers until each has read the dead owner: the moment the old takeover let both through.
      let arrived = 0;
      let release!: () => void;
      const bothStale = new Promise<void>((r) => (release = r));
      const onStale = () => (++arrived === 2 && release(), bothStale);
      const results = await Promise.allSettled([
        CodingStore.open(out, 'anna', ORDER, { onStale }),
        CodingStore.open(out, 'anna', ORDER, { onStale }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won, `trial ${trial}`).toHaveLength(1);
      expect((lost[0]!.reason as LloError).code).toBe('LLO_LOCKED');
      await won[0]!.value.close();
      expect(files(dir)).toEqual([]);
    }
  });

  it('two processes started together over a dead process lock: exactly one runs, 6 times', async () => {
    // The built module, as the real program runs it (npm test builds first).
    const modulePath = join(ROOT, 'dist/coding/lock.js');
    const script = `
      const { claimLock } = await import(${JSON.stringify(modulePath)});
      const lines = [];
      let wake = () => {};
      process.stdin.setEncoding('utf8').on('data', (d) => { lines.push(...d.split('\\n').filter(Boolean)); wake(); });
      const line = async (n) => { while (lines.length < n) await new Promise((r) => (wake = r)); };
      process.stdout.write('ready\\n');
      await line(1); // "go" from the test: both claim together
      try {
        const lock = await claimLock(process.argv[1], 'x.csv');
        process.stdout.write('won\\n');
        await line(2); // hold the lock until the test has seen both answers
        await lock.release();
      } catch (e) { process.stdout.write('refused ' + e.code + '\\n'); }
      process.stdin.destroy();`;
    for (let trial = 0; trial < 6; trial++) {
      const lock = join(tempDir(), 'x.csv.lock');
      writeFileSync(lock, `${deadPid()} ${hostname()} old\n`);
      const children = [0, 1].map(() => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, lock], { stdio: 'pipe' });
        // The refused child ends at once; what the test writes to it after that goes nowhere.
        child.stdin.on('error', () => undefined);
        const lines: string[] = [];
        const waiters: (() => void)[] = [];
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          lines.push(...d.trim().split('\n'));
          waiters.splice(0).forEach((w) => w());
        });
        const line = async (n: number) => {
          while (lines.length < n) await new Promise<void>((r) => waiters.push(r));
          return lines[n - 1]!;
        };
        const exited = new Promise((r) => child.on('exit', r));
        return { child, line, exited };
      });
      await Promise.all(children.map((c) => c.line(1)));
      children.forEach((c) => c.child.stdin.write('go\n'));
      const outcomes = await Promise.all(children.map((c) => c.line(2)));
      expect([...outcomes].sort(), `trial ${trial}`).toEqual(['refused LLO_LOCKED', 'won']);
      for (const [i, c] of children.entries()) if (outcomes[i] === 'won') c.child.stdin.end('done\n');
      await Promise.all(children.map((c) => c.exited));
      expect(existsSync(lock)).toBe(false);
    }
  });
});

interface CodedSegment {
  segment: Segment;
  rows: Coding[];
}

describe('automatic coding of a coder file (llo code --coder a)', () => {
  const auto = (s: Segment, ...codes: string[]): CodedSegment => ({
    segment: s,
    rows: codes.map((code) => codingOn(s, { coder: 'anna', code, origin: 'auto', evidence: 'ev' })),
  });
  /** Inputs of one segment each, and a coder that gives each segment its rows (no codebook needed). */
  function stream(
    ...items: CodedSegment[]
  ): [AsyncIterable<CodeInput>, (all: AsyncIterable<CodeInput>, manual: ManualRows) => AsyncIterable<BatchResult>] {
    const rows = new Map(items.map((i) => [i.segment.segment, i.rows]));
    async function* inputs(): AsyncGenerator<CodeInput> {
      for (const i of items) yield await Promise.resolve({ segments: [i.segment], previous: undefined });
    }
    async function* code(all: AsyncIterable<CodeInput>, manual: ManualRows): AsyncGenerator<BatchResult> {
      const coder = new BatchCoder(
        { code: (s: Segment) => rows.get(s.segment) ?? [], prime: () => undefined },
        'anna',
        new Map(manual.rows),
        manual.decided,
      );
      for await (const input of all) yield coder.code(inputSegments(input, undefined).segments);
    }
    return [inputs(), code];
  }

  it('gives no automatic rows to a segment the coder decided by hand (a code or "no code")', async () => {
    const { dir, out } = await closedSession(
      [seg(1), { codes: [], memo: 'geen rol' }],
      [seg(2), { codes: ['b.b'], memo: '' }],
    );
    // Another coder's manual row in the same file does not stop anna's automatic codes.
    writeFileSync(
      out,
      readFileSync(out, 'utf8') + csvRows([codingOn(seg(3), { coder: 'ben', code: 'o.a' })], CODING_COLUMNS),
    );
    const summary = await codeToFile(
      ...stream(auto(seg(1), 'b.klant'), auto(seg(2), 'o.a'), auto(seg(3), 'o.a')),
      'anna',
      out,
    );
    expect(await codesOf(out, 'd1:1')).toEqual(['']);
    expect(await codesOf(out, 'd1:2')).toEqual(['b.b']);
    expect(await codesOf(out, 'd1:3')).toEqual(['o.a']);
    expect(await codesOf(out, 'd1:3', 'ben')).toEqual(['o.a']);
    expect(summary).toMatchObject({ segments: 3, manualSegments: 2, autoCodings: 1, codedSegments: 1, manualKept: 3 });
    expect(files(dir)).toEqual(['anna.csv', 'anna.hashes']);
  });

  it('brings in the last decision of a killed session before coding', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    writeFileSync(`${out}.journal`, JSON.stringify({ ...entryFor(seg(1), []), before: shortHash('') }) + '\n');
    await codeToFile(...stream(auto(seg(1), 'b.klant')), 'anna', out);
    expect(await codesOf(out, 'd1:1')).toEqual(['']);
  });

  it('refuses while a coding session holds the file, and changes nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    const session = await CodingStore.open(out, 'anna', ORDER);
    await session.save(seg(1), { codes: [], memo: '' });
    const before = readFileSync(out, 'utf8');
    const err = await codeToFile(...stream(auto(seg(1), 'b.klant')), 'anna', out).catch((e: unknown) => e);
    expect((err as LloError).format()).toBe(
      `${out}: another llo session (process ${process.pid} on ${hostname()}) is coding into this file; finish it first`,
    );
    expect(readFileSync(out, 'utf8')).toBe(before);
    await session.close();
    expect(files(dir)).toEqual(['anna.csv', 'anna.hashes']);
  });

  it('opens no output when the input fails at once (a missing corpus): no temp files, no lock', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    const { inputs } = await codeInputs({ corpus: join(dir, 'korpus'), unit: 'paragraph' });
    const code = () => {
      throw new Error('not reached: the input fails first');
    };
    await expect(codeToFile(inputs, code, 'anna', out)).rejects.toThrow('no such corpus folder or manifest');
    expect(files(dir)).toEqual([]);
  });

  it('claims the lock itself: a dead session lock is taken over and released', async () => {
    const dir = tempDir();
    const out = join(dir, 'anna.csv');
    staleLock(out);
    await codeToFile(...stream(auto(seg(1), 'o.a')), 'anna', out);
    expect(files(dir)).toEqual(['anna.csv', 'anna.hashes']);
    await expect(claimLock(`${out}.lock`, out).then((l) => l.release())).resolves.toBeUndefined();
  });
});

function entryFor(s: Segment, codes: string[]) {
  return {
    coder: 'anna',
    segment: s.segment,
    hash: s.hash,
    document: s.document,
    start: s.start,
    end: s.end,
    codes,
    memo: '',
    at: 't',
  };
}
