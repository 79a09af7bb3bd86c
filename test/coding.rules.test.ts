import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../src/codebook/load.js';
import type { Codebook } from '../src/codebook/schema.js';
import { AutoCoder } from '../src/coding/auto.js';
import { Matcher } from '../src/coding/matcher.js';
import type { Segment } from '../src/corpus/segments.js';
import { ROOT } from './helpers/cli.js';

// The automatic coder's rules, one kind at a time, on real sentences of the bundled corpus (the
// parts that are not in the held-out reference; segment ids from `llo ingest --unit sentence` of the
// whole document), with the default codebook. Each test asserts the exact codes.
let book: Codebook;
beforeAll(async () => {
  book = (await loadCodebook(join(ROOT, 'codebooks/llo.yaml'))).codebook;
});

/** Codes the sentences as consecutive segments of one paragraph (so context flows as in `llo code`). */
function code(sentences: string[], section = '') {
  const auto = new AutoCoder(new Matcher(book));
  let start = 0;
  return sentences.map((text, i) => {
    const segment: Segment = {
      document: 'd',
      segment: `d:1.${i + 1}`,
      page: '',
      section,
      start,
      end: start + text.length,
      hash: '',
      text,
    };
    start += text.length + 1;
    return auto.code(segment, 'auto').map((c) => ({ code: c.code, evidence: c.evidence, rule: c.rule }));
  });
}
const codes = (text: string, section = '') => code([text], section)[0]!.map((c) => c.code);

describe('agent and target', () => {
  it('active clause: the subject is the agent, the object the target', () => {
    // coalitieakkoord-2021:278.3
    expect(
      codes(
        'We ondersteunen innovatieve ‘startups’ en ‘scale-ups’ en richten het missie gedreven innovatiebeleid op de drie grote transities: klimaat en energie, digitalisering en sleuteltechnologieën, en de circulaire economie.',
      ),
    ).toEqual(['markt.onderwerp-zachte-sturing', 'overheid.faciliteren-stimuleren']);
  });

  it('passive clause: the subject is the target; the government, named nowhere, the agent', () => {
    // coalitieakkoord-2021:264.1
    const [rows] = code(['Nieuwkomers worden gestimuleerd het beste uit zichzelf te halen.']);
    expect(rows).toEqual([
      {
        code: 'burgers.onderwerp-zachte-sturing',
        evidence: 'Nieuwkomers … gestimuleerd',
        rule: 'target: clause, passive subject',
      },
      {
        code: 'overheid.faciliteren-stimuleren',
        evidence: '(overheid implied: passive) … gestimuleerd',
        rule: 'agent: implicit (passive)',
      },
    ]);
  });

  it('a target is not the agent a code needs: compensated self-employed are beneficiaries, not independent actors', () => {
    // coalitieakkoord-2021:236.8
    expect(
      codes('Zelfstandigen worden gedurende de kabinetsperiode gecompenseerd via de verhoging van de arbeidskorting.'),
    ).toEqual(['burgers.begunstigde', 'overheid.faciliteren-stimuleren']);
  });

  it('subordinate clause: the subject after "dat" is the agent of its verb', () => {
    // kst-30012-141:17.1
    const [rows] = code([
      'Om goed inzetbaar te blijven op de arbeidsmarkt, is het belangrijk dat mensen zich blijven ontwikkelen.',
    ]);
    expect(rows).toEqual([
      {
        code: 'burgers.zelfstandige-actor',
        evidence: 'mensen … zich blijven ontwikkelen',
        rule: 'agent: clause, subject',
      },
    ]);
  });

  it('a beneficiary after "voor": the parents are the target of the measure, the government its agent', () => {
    // coalitieakkoord-2021:244.1
    expect(
      codes(
        'We maken het aantrekkelijker voor ouders om werk en zorg te combineren doordat we in stappen de vergoeding van de kinderopvang tot 95% verhogen voor werkende ouders.',
      ),
    ).toEqual(['burgers.begunstigde', 'burgers.onderwerp-zachte-sturing', 'overheid.faciliteren-stimuleren']);
  });
});

describe('Dutch word forms', () => {
  it('separable verbs: "voeren … uit", "voeren … in" (verb: uitvoeren, verb: invoeren)', () => {
    // coalitieakkoord-2021:161.3 and 233.2
    expect(code(['Hiermee voeren we o.a. het Pact voor de Rechtsstaat uit.'])[0]).toEqual([
      { code: 'overheid.uitvoeren', evidence: 'we … voeren … uit', rule: 'agent: clause, subject' },
    ]);
    expect(codes('We voeren een minimumuurloon in op basis van de 36-urige werkweek.')).toEqual([
      'markt.gereguleerde',
      'overheid.reguleren',
    ]);
  });

  it('participles: gestimuleerd, gecompenseerd match verb: stimuleren, verb: compenseren', () => {
    const [rows] = code([
      'Zelfstandigen worden gedurende de kabinetsperiode gecompenseerd via de verhoging van de arbeidskorting.',
    ]);
    expect(rows!.map((r) => r.evidence)).toEqual([
      'Zelfstandigen … gecompenseerd',
      '(overheid implied: passive) … gecompenseerd',
    ]);
  });

  it('compounds: "inburgeringsplicht" is a plicht (noun: plicht), the newcomers after "voor" its target', () => {
    // coalitieakkoord-2021:263.2
    const [rows] = code(['Ook de herinvoering van de inburgeringsplicht voor Turkse nieuwkomers wordt doorgezet.']);
    expect(rows).toEqual([
      { code: 'burgers.onderdaan', evidence: 'nieuwkomers … plicht', rule: 'target: clause, voor' },
      {
        code: 'overheid.reguleren',
        evidence: '(overheid implied: passive) … herinvoering',
        rule: 'agent: implicit (passive)',
      },
    ]);
  });
});

describe('context beyond one sentence', () => {
  it('carry-over: "Zij" at the start of a sentence is the actor the sentence before named', () => {
    // coalitieakkoord-2021:296.1 and 296.2
    const rows = code([
      'We beschermen onze bedrijven, vitale infrastructuur en economisch kapitaal beter door centraal gecoördineerde structurele samenwerking tussen onder andere het Nationaal Cyber Security Centrum (NCSC), het Digital Trust Center (DTC), overheden, bedrijven en wetenschappers.',
      'Zij kunnen sneller en makkelijker informatie delen over digitale kwetsbaarheden en ‘hacks’.',
    ]);
    expect(rows[1]).toEqual([
      {
        code: 'markt.samenwerkingspartner',
        evidence: 'Zij (← previous sentence: bedrijven) … informatie delen',
        rule: 'agent: clause, subject, ← previous',
      },
    ]);
    // On its own the sentence names no actor and gets no code.
    expect(
      codes('Zij kunnen sneller en makkelijker informatie delen over digitale kwetsbaarheden en ‘hacks’.'),
    ).toEqual([]);
  });

  it('heading context: a heading that names one actor stands for it in the paragraphs under it', () => {
    // coalitieakkoord-2021:296.2 under a heading "Bedrijven" (the corpus has no such heading above it).
    expect(
      code(
        ['Zij kunnen sneller en makkelijker informatie delen over digitale kwetsbaarheden en ‘hacks’.'],
        '5. Welvarend land > Bedrijven',
      )[0],
    ).toEqual([
      {
        code: 'markt.samenwerkingspartner',
        evidence: 'Zij (← heading: Bedrijven) … informatie delen',
        rule: 'agent: clause, subject, ← heading',
      },
    ]);
    // A heading that names two actors ("Relatie burger-overheid") is about a relation: no context.
    expect(
      codes(
        'Zij kunnen sneller en makkelijker informatie delen over digitale kwetsbaarheden en ‘hacks’.',
        '1. Democratische rechtsorde > Relatie burger-overheid',
      ),
    ).toEqual([]);
  });
});

describe('stop phrases and topics', () => {
  // kst-30012-139:4.1: the ministry's and the regulation's names are no evidence of a role.
  const sentence =
    'De vaste commissie voor Sociale Zaken en Werkgelegenheid heeft een aantal vragen en opmerkingen voorgelegd aan de Minister van Sociale Zaken en Werkgelegenheid over de brief van 21 juni 2021 over 2021 inzake de Voortgang subsidieregeling STAP-budget (Kamerstuk 30 012, nr. 138).';
  it('a sentence about a letter on the STAP regulation gives the minister no role', () => {
    expect(codes(sentence)).toEqual([]);
  });

  it('the stop phrase is what keeps the regulation’s name from being a subsidy', () => {
    const withoutStop = { ...book, stop: [] };
    const auto = new AutoCoder(new Matcher(withoutStop));
    const segment: Segment = {
      document: 'd',
      segment: 'd:1',
      page: '',
      section: '',
      start: 0,
      end: 10,
      hash: '',
      text: 'Het kabinet stelt de subsidieregeling STAP-budget vast.',
    };
    expect(auto.code(segment, 'auto').map((c) => c.code)).toContain('overheid.faciliteren-stimuleren');
    expect(new AutoCoder(new Matcher(book)).code(segment, 'auto').map((c) => c.code)).not.toContain(
      'overheid.faciliteren-stimuleren',
    );
  });
});
