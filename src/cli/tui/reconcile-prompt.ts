import { createInterface } from 'node:readline/promises';
import { codesBy, decision, type Reconciliation, type SegmentPair, type Strategy } from '../../coding/reconcile.js';
import { terminalSafe } from '../../text/safe.js';

/** Text from the codings and segments files as the terminal may show it. */
const safe = (text: string) => terminalSafe(text, { newlines: false });

/** The answers that settle by a rule: A, B, both (union), neither (only the codes both gave). */
const RULES = new Map<string, Strategy>([
  ['a', 'prefer-a'],
  ['b', 'prefer-b'],
  ['u', 'union'],
  ['n', 'intersection'],
]);

/**
 * The reconciliation meeting at the keyboard: per disagreement, both coders' codes and memos, then
 * a choice and a reason. Line prompts (not single keys): the meeting types reasons anyway. The
 * consensus memo keeps the reason and both coders' memos. Returns how many decisions were saved;
 * `q` stops, and running the command again resumes.
 */
export async function askReconcile(r: Reconciliation): Promise<number> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const say = (text: string) => process.stdout.write(text);
  const side = (label: string, name: string, v: SegmentPair['a']) =>
    `  ${label} ${safe(name)}: ${safe(v!.codes.join(', ')) || '(no code)'}${v!.memo ? `  — ${safe(v!.memo)}` : ''}\n`;
  let saved = 0;
  try {
    for (const [i, p] of r.open.entries()) {
      const s = r.segmentOf(p);
      say(
        `\n── ${i + 1}/${r.open.length} · ${safe(p.segment)}${s.page ? ` (p. ${safe(s.page)})` : ''}\n${safe(s.text)}\n`,
      );
      say(side('A', r.names[0], p.a) + side('B', r.names[1], p.b));
      let codes: string[] | undefined;
      while (!codes) {
        const answer = (await rl.question('  a = A, b = B, u = both, n = neither, o = other codes, q = stop: '))
          .trim()
          .toLowerCase();
        if (answer === 'q') return saved;
        const rule = RULES.get(answer);
        if (rule) codes = codesBy(p, rule);
        else if (answer === 'o') {
          const typed = (await rl.question('  codes (comma-separated ids): ')).split(/[\s,]+/u).filter(Boolean);
          const unknown = typed.filter((c) => !r.codes.includes(c));
          if (unknown.length > 0) say(`  unknown code(s): ${safe(unknown.join(', '))}\n`);
          else codes = [...new Set(typed)].sort();
        }
      }
      const reason = (await rl.question('  reason: ')).trim();
      await r.save(p, decision(p, codes, reason || 'settled in reconciliation', r.names));
      saved++;
      say(`  saved: ${safe(codes.join(', ')) || '(no code)'}\n`);
    }
    return saved;
  } finally {
    rl.close();
  }
}
