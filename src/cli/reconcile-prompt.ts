import { createInterface } from 'node:readline/promises';
import type { SegmentPair } from '../coding/reconcile.js';
import type { Decision } from '../coding/session.js';
import { LloError } from '../errors.js';

/**
 * The reconciliation meeting at the keyboard: per disagreement, both coders' codes and memos, then
 * a choice and a reason. Line prompts (not single keys): the meeting types reasons anyway. Returns
 * how many decisions were saved; `q` stops, and running the command again resumes.
 */
export async function askReconcile(
  open: readonly SegmentPair[],
  names: [string, string],
  known: readonly string[],
  segmentOf: (p: SegmentPair) => { text: string; page: string },
  save: (p: SegmentPair, d: Decision) => Promise<void>,
): Promise<number> {
  if (!process.stdin.isTTY)
    throw new LloError('LLO_NO_TERMINAL', 'interactive reconciliation needs a terminal; use --strategy for scripts');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let saved = 0;
  try {
    for (const [i, p] of open.entries()) {
      const s = segmentOf(p);
      process.stdout.write(
        `\n── ${i + 1}/${open.length} · ${p.segment}${s.page ? ` (p. ${s.page})` : ''}\n${s.text}\n`,
      );
      process.stdout.write(
        `  A ${names[0]}: ${p.a!.codes.join(', ') || '(no code)'}${p.a!.memo ? `  — ${p.a!.memo}` : ''}\n`,
      );
      process.stdout.write(
        `  B ${names[1]}: ${p.b!.codes.join(', ') || '(no code)'}${p.b!.memo ? `  — ${p.b!.memo}` : ''}\n`,
      );
      let codes: string[] | undefined;
      while (!codes) {
        const answer = (await rl.question('  a = A, b = B, u = both, n = neither, o = other codes, q = stop: '))
          .trim()
          .toLowerCase();
        if (answer === 'q') return saved;
        if (answer === 'a') codes = p.a!.codes;
        else if (answer === 'b') codes = p.b!.codes;
        else if (answer === 'u') codes = [...new Set([...p.a!.codes, ...p.b!.codes])].sort();
        else if (answer === 'n') codes = p.a!.codes.filter((c) => p.b!.codes.includes(c));
        else if (answer === 'o') {
          const typed = (await rl.question('  codes (comma-separated ids): ')).split(/[\s,]+/u).filter(Boolean);
          const unknown = typed.filter((c) => !known.includes(c));
          if (unknown.length > 0) process.stdout.write(`  unknown code(s): ${unknown.join(', ')}\n`);
          else codes = [...new Set(typed)].sort();
        }
      }
      const reason = (await rl.question('  reason: ')).trim();
      await save(p, { codes, memo: reason || 'settled in reconciliation' });
      saved++;
      process.stdout.write(`  saved: ${codes.join(', ') || '(no code)'}\n`);
    }
    return saved;
  } finally {
    rl.close();
  }
}
