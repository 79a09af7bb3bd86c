import { describe, expect, it } from 'vitest';
import { testCodebook } from './helpers/codebook.js';
import { Matcher } from '../src/coding/matcher.js';

const book = testCodebook(
  `actors:
  - id: overheid
    label: Overheid
    aliases: [overheid, kabinet, we]
  - id: burgers
    label: Burgers
    aliases: [burgers, mensen, werkenden, uitkeringsgerechtigden]
  - id: markt
    label: Markt
    aliases: [werkgevers, opleiders]
    vetoes: [publieke opleiders]
codes:
  - { id: overheid.stimuleren, actor: overheid, role: r, paradigms: [NG], origin: deductive, definition: d, indicators: [facilit*, stimul*, coördinatie], vetoes: [niet stimuleren] }
  - { id: overheid.reguleren, actor: overheid, role: r, paradigms: [NG], origin: deductive, definition: d, indicators: ['/verplicht(ing|e)?/'], standalone: [wordt gereguleerd] }
  - { id: burgers.steun, actor: burgers, role: r, paradigms: [NG], origin: deductive, definition: d, indicators: [uitkering*, leven lang ontwikkel*] }
  - { id: markt.aanbieden, actor: markt, role: r, paradigms: [NG], origin: deductive, definition: d, indicators: [bieden scholing aan] }
`,
);
const m = new Matcher(book);
// The codes of this codebook declare no actor-as: any relation counts (0.85 in a clause).
const codes = (text: string) => m.matchSegment(text).map((c) => c.code);

describe('the compiled matcher', () => {
  it('needs the actor and an indicator in the same sentence', () => {
    expect(codes('Het kabinet faciliteert scholing.')).toEqual(['overheid.stimuleren']);
    expect(codes('Het kabinet is er. Scholing wordt gefaciliteerd.')).toEqual([]);
  });

  it('matches case- and accent-insensitively at Unicode word boundaries', () => {
    expect(codes('De OVERHEID zorgt voor coordinatie.')).toEqual(['overheid.stimuleren']);
    expect(codes('De overheid zorgt voor coördinatie.')).toEqual(['overheid.stimuleren']);
    // "wet" is not in "overheidswetgeving"; a Unicode boundary, not \\b, decides.
    expect(codes('De overheidë stimuleert.')).toEqual([]);
  });

  it('matches word-ending wildcards, phrases with wildcards and regexes', () => {
    expect(codes('We stimuleren werkenden.')).toEqual(['overheid.stimuleren']);
    expect(codes('Werkenden blijven een leven lang ontwikkelen met een uitkering.')).toEqual(['burgers.steun']);
    expect(codes('We leggen een verplichting op.')).toEqual(['overheid.reguleren']);
  });

  it('applies standalone indicators without an actor mention', () => {
    const [hit] = m.matchSegment('De uitzendbranche wordt gereguleerd.');
    expect(hit).toEqual({
      code: 'overheid.reguleren',
      evidence: ['… wordt gereguleerd'],
      confidence: 0.75,
      rule: 'standalone',
    });
  });

  it('cancels a code by its veto and an actor by its veto', () => {
    expect(codes('We willen burgers niet stimuleren.')).toEqual([]);
    expect(codes('Publieke opleiders bieden scholing aan.')).toEqual([]);
    expect(codes('Private opleiders bieden scholing aan.')).toEqual(['markt.aanbieden']);
  });

  it('does not take an actor name for an indicator', () => {
    expect(codes('Uitkeringsgerechtigden worden gezien.')).toEqual([]);
  });

  it('gives the evidence as actor mention … indicator, as written', () => {
    expect(m.matchSegment('Werkgevers zijn er. Het Kabinet Faciliteert.')).toEqual([
      {
        code: 'overheid.stimuleren',
        evidence: ['Kabinet … Faciliteert'],
        confidence: 0.85,
        rule: 'agent: clause, subject',
      },
    ]);
  });

  it('codes a segment when any of its sentences carries the code, with evidence from each', () => {
    expect(m.matchSegment('Het kabinet faciliteert. We stimuleren ook.')).toEqual([
      {
        code: 'overheid.stimuleren',
        evidence: ['kabinet … faciliteert', 'We … stimuleren'],
        confidence: 0.85,
        rule: 'agent: clause, subject',
      },
    ]);
  });
});

describe('lemma patterns', () => {
  const lemmas = testCodebook(
    `actors:
  - id: overheid
    label: Overheid
    aliases: [kabinet, { noun: overheid }]
    implicit-agent: true
  - id: markt
    label: Markt
    aliases: [werkgevers]
codes:
  - { id: overheid.stimuleren, actor: overheid, role: r, paradigms: [NG], origin: deductive, definition: d, actor-as: agent, indicators: [{ verb: aanmoedigen }, { noun: regie }] }
  - { id: markt.sturing, actor: markt, role: r, paradigms: [NG], origin: deductive, definition: d, actor-as: target, indicators: [{ verb: aanmoedigen }] }
`,
  );
  const lm = new Matcher(lemmas);
  const got = (text: string) => lm.matchSegment(text).map((c) => [c.code, c.evidence.join(' | ')]);

  it('matches a separable verb split over the clause and joined', () => {
    expect(got('Het kabinet moedigt werkgevers aan.')).toEqual([
      ['overheid.stimuleren', 'kabinet … moedigt … aan'],
      ['markt.sturing', 'werkgevers … moedigt … aan'],
    ]);
    expect(got('Werkgevers worden aangemoedigd.')).toEqual([
      ['overheid.stimuleren', '(overheid implied: passive) … aangemoedigd'],
      ['markt.sturing', 'Werkgevers … aangemoedigd'],
    ]);
    expect(got('Het kabinet probeert werkgevers aan te moedigen.').map((x) => x[0])).toEqual([
      'overheid.stimuleren',
      'markt.sturing',
    ]);
  });

  it('refuses a code whose actor has the wrong relation: werkgevers are not the agent of aanmoedigen here', () => {
    expect(got('Werkgevers moedigen het kabinet aan.')).toEqual([]);
  });

  it('matches a noun as the head of a compound and an actor noun as its first part', () => {
    expect(got('De overheidsregie wordt versterkt.')).toEqual([['overheid.stimuleren', 'overheid … regie']]);
  });
});
