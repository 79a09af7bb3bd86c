import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook, parseCodebook } from '../src/codebook/load.js';
import { addCode, bumpVersion } from '../src/codebook/write.js';
import { LloError } from '../src/errors.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

describe('the default codebook', () => {
  it('validates', async () => {
    const { codebook } = await loadCodebook(join(ROOT, 'codebooks/llo.yaml'));
    expect(codebook.actors.map((a) => a.id)).toEqual(['overheid', 'burgers', 'markt', 'maatschappelijke-organisaties']);
    expect(codebook.paradigms.map((p) => p.id)).toEqual(['TPA', 'NPM', 'NG', 'SR']);
  });

  it('holds every deductive code of the framework (§4) with exactly its id, actor and paradigms', async () => {
    const { codebook } = await loadCodebook(join(ROOT, 'codebooks/llo.yaml'));
    const framework = readFileSync(join(ROOT, 'docs/framework.md'), 'utf8');
    const section = framework.slice(framework.indexOf('## 4.'), framework.indexOf('## 5.'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)\.([a-z-]+)` \|[^|]*\|[^|]*\| ([A-Z, ]+) \|$/gmu)].map((m) => ({
      id: `${m[1]}.${m[2]}`,
      actor: m[1],
      paradigms: m[3]!.split(',').map((p) => p.trim()),
    }));
    expect(rows).toHaveLength(27);
    const deductive = codebook.codes
      .filter((c) => c.origin === 'deductive')
      .map((c) => ({ id: c.id, actor: c.actor, paradigms: c.paradigms }));
    expect(deductive).toEqual(rows);
  });
});

describe('malformed codebooks: each problem with file:line:column', () => {
  const dir = join(FIXTURES, 'codebooks');
  it.each([
    ['unknown-key.yaml', '24:5', 'codes.0.indicaters — unknown key "indicaters"'],
    ['duplicate-code.yaml', '25:5', 'codes.1.id — duplicate id "overheid.reguleren"'],
    ['unknown-actor.yaml', '26:5', 'codes.1.actor — unknown actor "burgers" (the actors are overheid, markt)'],
    ['unknown-paradigm.yaml', '28:21', 'codes.1.paradigms.1 — unknown paradigm "XYZ" (the paradigms are TPA, NG)'],
    [
      'id-actor-mismatch.yaml',
      '25:5',
      'codes.1.id — the id "overheid.samenwerkingspartner" does not start with its actor "markt."',
    ],
    [
      'invalid-regex.yaml',
      '31:30',
      'codes.1.indicators.1 — pattern "/samen(met/" is not a valid regular expression: Unterminated group',
    ],
    ['empty-match.yaml', '24:24', 'codes.0.indicators.1 — pattern "/(x)?/" can match the empty string'],
    [
      'nested-quantifier.yaml',
      '31:30',
      'codes.1.indicators.1 — pattern "/(a+)+$/" has a nested quantifier ("(a+)+"), which can take exponential time: repeat a group without a repeated part inside it',
    ],
    [
      'applied-by-missing.yaml',
      '32:68',
      'codes.1.exclude.0.applied-by — applied-by: actor-as needs the code to say actor-as: agent or target',
    ],
    [
      'wildcard-only.yaml',
      '24:24',
      'codes.0.indicators.1 — pattern "*" is empty or only a wildcard, and would match everywhere',
    ],
    [
      'beneficiary-not-government.yaml',
      '32:42',
      'codes.1.beneficiary.with.0 — "markt.samenwerkingspartner" is not a role of an actor with implicit-agent: true',
    ],
    [
      'beneficiary-wildcard.yaml',
      '32:28',
      'codes.1.beneficiary.after.0 — "voor*" is not plain words: write the words before the actor, without * or /…/',
    ],
    ['bad-id.yaml', '11:5', 'actors.0.id — actor ids use lower-case letters, digits, "_" or "-"'],
    ['missing-field.yaml', '25:5', 'codes.1 — missing key "definition"'],
    ['no-codes.yaml', '17:1', 'codes — the codebook defines no codes'],
    ['inductive-without-provenance.yaml', '25:5', 'codes.1 — an inductive code needs its provenance'],
    ['yaml-syntax.yaml', '17:1', 'invalid YAML in the codebook: Flow sequence in block collection'],
    ['duplicate-key.yaml', '21:5', 'invalid YAML in the codebook: Map keys must be unique'],
    ['empty.yaml', '1:1', 'the codebook is empty'],
  ])('%s → %s', async (name, place, message) => {
    const err = (await loadCodebook(join(dir, name)).catch((e: unknown) => e)) as LloError;
    expect(err).toBeInstanceOf(LloError);
    expect(err.format()).toContain(`${join(dir, name)}:${place}: `);
    expect(err.format()).toContain(message);
  });

  it('accepts the base fixture the malformed ones are made from', async () => {
    await expect(loadCodebook(join(dir, 'base.yaml'))).resolves.toBeDefined();
  });
});

describe('writing a codebook', () => {
  const source = readFileSync(join(FIXTURES, 'codebooks/base.yaml'), 'utf8');
  const inductive = {
    id: 'markt.leerplek',
    actor: 'markt',
    role: 'leerplek bieden',
    paradigms: ['NG'],
    origin: 'inductive' as const,
    definition: 'Bedrijven bieden leerwerkplekken aan.',
    indicators: ['leerwerkplek*'],
    provenance: {
      coder: 'anna',
      date: '2026-11-30T10:00:00Z',
      document: 'kst-1',
      segment: 'kst-1:4',
      quote: 'Werkgevers bieden leerwerkplekken.',
    },
  };

  it('adds a code, keeps comments and key order, bumps the version, and the result validates', () => {
    const { text, version } = addCode(parseCodebook(source, 'base.yaml'), inductive);
    expect(version).toBe('2');
    expect(
      text.startsWith(
        '# A small valid codebook; the malformed fixtures are variations of it.\nname: test\nversion: 2\n',
      ),
    ).toBe(true);
    expect(text).toContain('  - id: markt.leerplek\n    actor: markt\n');
    const again = parseCodebook(text, 'base.yaml');
    expect(again.codebook.codes.map((c) => c.id)).toEqual([
      'overheid.reguleren',
      'markt.samenwerkingspartner',
      'markt.leerplek',
    ]);
  });

  it('refuses a duplicate id and an invalid code', () => {
    const loaded = parseCodebook(source, 'base.yaml');
    expect(() => addCode(loaded, { ...inductive, id: 'overheid.reguleren', actor: 'overheid' })).toThrow(
      /already has a code "overheid.reguleren"/u,
    );
    expect(() => addCode(loaded, { ...inductive, paradigms: ['XYZ'] })).toThrow(/unknown paradigm "XYZ"/u);
  });

  it('bumps versions', () => {
    expect([bumpVersion('1.1.0'), bumpVersion('3'), bumpVersion('v2-draft')]).toEqual(['1.1.1', '4', 'v2-draft.1']);
  });
});
