import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from '../../src/corpus/ingest.js';
import { openCorpus } from '../../src/corpus/manifest.js';
import { hasControlCharacters } from '../../src/text/safe.js';
import { tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';

// Issue 10, item 12 (ingest): escape and OSC sequences in a document reached the segments file and,
// from there, every terminal that showed a segment. Ingest drops C0/C1 control characters from the
// normalised text and says how many, per document; tab and line breaks are white space as before.
describe('control characters in documents', () => {
  it('are removed from the normalised text, with a warning that counts them', async () => {
    const dir = tempDir();
    const hostile =
      'Werkgevers\u001b[2J\u001b]0;pwned\u0007 investeren\u009b31m in\tscholing.\r\n\r\nDe \u001b]52;c;aGk=\u0007overheid\u007f faciliteert.\n';
    writeFileSync(join(dir, 'a.txt'), hostile);
    const [entry] = (await openCorpus(dir)).documents;
    const doc = await ingestDocument(entry!, 'paragraph');
    expect(doc.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 48, 'Werkgevers[2J]0;pwned investeren31m in scholing.'],
      [50, 84, 'De ]52;c;aGk=overheid faciliteert.'],
    ]);
    expect(doc.warnings).toEqual(['removed 7 control character(s) (C0/C1, such as ESC) from the text']);
  });

  it('a clean document gets no warning', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Werkgevers investeren\tin scholing.\n');
    const [entry] = (await openCorpus(dir)).documents;
    expect((await ingestDocument(entry!, 'paragraph')).warnings).toEqual([]);
  });
});

// Issue 10, item 12 (file names): `llo export xlsx` printed its --out raw, so a file name holding an
// OSC sequence retitled the terminal. Every command prints paths through say/warn (terminal-safe).
describe('control characters in a file name that llo prints', () => {
  it('export xlsx shows the --out it wrote with visible escapes', async () => {
    const out = join(tempDir(), 'llo\u001b]0;pwned\u0007.xlsx');
    const run = await inProcess(['export', 'xlsx', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Workbook .*\/llo\\x1b\]0;pwned\\x07\.xlsx: \d+ sheets\.\n$/u);
    expect(hasControlCharacters(run.stdout)).toBe(false);
  });
});
