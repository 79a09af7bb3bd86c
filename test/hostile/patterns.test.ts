import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';

// Issue 10, item 7: a regex indicator that passes `codebook validate` but is polynomial
// ([a-z]* six times) stops coding at its time budget. The one line names the codebook file and
// the line:column of the indicator, so the researcher knows which of many patterns to rewrite.
const SLOW = '/[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x/';

describe('a regex indicator over its time budget', () => {
  it('stops `llo code` with one line naming the codebook file and the indicator’s line:column', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus'));
    // One sentence of 3,000 letters: the six stars try some 10^17 ways before giving up.
    writeFileSync(join(dir, 'corpus', 'a.txt'), `Werkgevers ${'a'.repeat(3000)}.\n`);
    writeFileSync(
      join(dir, 'book.yaml'),
      [
        'name: t',
        'version: 1',
        'language: nl',
        'paradigms: [{ id: NG, label: NG }]',
        'actors:',
        '  - { id: markt, label: Markt, aliases: [werkgevers] }',
        'codes:',
        '  - id: markt.investeerder',
        '    actor: markt',
        '    role: investeerder',
        '    paradigms: [NG]',
        '    origin: deductive',
        '    definition: De markt investeert.',
        '    indicators:',
        '      - investeren',
        `      - '${SLOW}'`,
        '',
      ].join('\n'),
    );
    expect((await inProcess(['codebook', 'validate', 'book.yaml'], dir)).code).toBe(0);
    const run = await inProcess(
      ['code', 'corpus', '--codebook', 'book.yaml', '--coder', 'auto', '--out', 'a.csv'],
      dir,
    );
    expect(run.stderr).toBe(
      `llo: error: book.yaml:16:9: pattern "${SLOW}" took more than 250 ms on one sentence: rewrite it with fewer repeated parts\n`,
    );
    expect(run.code).toBe(1);
  });
});
