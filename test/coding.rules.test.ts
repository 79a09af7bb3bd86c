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

// Codebook 1.3.0 (llo issue 11, second attempt): the reference coder's conventions as rules. The
// sentences are from the tuning part of the reference (corpus/reference/reference-tuning.csv) or
// from parts of the corpus outside the reference.
describe('implied actors, fallback roles and implied agents', () => {
  it('a government rule on an employers’ practice binds the market, unnamed (implied-by)', () => {
    // coalitieakkoord-2021:250.3; "tegengegaan" is a form of the separable verb tegen|gaan.
    const [rows] = code(['Doorverkoop van schulden als verdienmodel wordt tegengegaan.']);
    expect(rows).toEqual([
      {
        code: 'markt.gereguleerde',
        evidence: '(markt implied by: verdienmodel) … (overheid implied: passive) … tegengegaan',
        rule: 'target: implied by a government measure (overheid.reguleren)',
      },
      {
        code: 'overheid.reguleren',
        evidence: '(overheid implied: passive) … tegengegaan',
        rule: 'agent: implicit (passive)',
      },
    ]);
  });

  it('the minimum wage binds employers and the benefits linked to it favour their receivers', () => {
    // coalitieakkoord-2021:233.3
    expect(
      codes(
        'We verhogen het minimumloon stapsgewijs met 7,5% en houden de koppeling met de uitkeringen (behoudens de AOW) in stand om het bestaansminimum te verstevigen.',
      ),
    ).toEqual(['burgers.begunstigde', 'markt.gereguleerde', 'overheid.randvoorwaarden', 'overheid.reguleren']);
  });

  it('implied-with: a contract worked out in consultation is no rule that binds employers', () => {
    // coalitieakkoord-2021:239.2
    expect(
      codes(
        'In overleg met sociale partners wordt de beëindiging van de arbeidsovereenkomst via een van-werk-naar-werk-route uit het MLT-advies nader uitgewerkt.',
      ),
    ).toEqual(['maatschappelijke-organisaties.medevormgever', 'overheid.samenwerken']);
  });

  it('a generic verb of acting gives the government the fallback role, and the education offered steers citizens', () => {
    // coalitieakkoord-2021:247.1
    const [rows] = code([
      'We zetten in op financiële educatie, preventie en vroeg signalering, zodat we schulden kunnen voorkomen of vroegtijdig kunnen verhelpen.',
    ]);
    expect(rows!.map((r) => [r.code, r.rule])).toEqual([
      ['burgers.onderwerp-zachte-sturing', 'target: implied by a government measure (overheid.faciliteren-stimuleren)'],
      ['overheid.faciliteren-stimuleren', 'agent: clause, subject, fallback'],
      ['overheid.randvoorwaarden', 'agent: clause, subject of a role noun'],
    ]);
  });

  it('the citizens a government measure is for benefit from it (beneficiary)', () => {
    // coalitieakkoord-2021:174.2: "voor ex-gedetineerden" in a measure the government facilitates.
    const [rows] = code([
      'Om- en bijscholing in de gevangenis en huisvesting voor ex-gedetineerden worden gefaciliteerd.',
    ]);
    expect(rows!.map((r) => [r.code, r.evidence, r.rule])).toEqual([
      [
        'burgers.begunstigde',
        'ex-gedetineerden (for whom) … (overheid implied: passive) … gefaciliteerd',
        'target: beneficiary of a government measure (overheid.faciliteren-stimuleren)',
      ],
      [
        'burgers.onderwerp-zachte-sturing',
        '(burgers implied by: Om- en bijscholing) … (overheid implied: passive) … gefaciliteerd',
        'target: implied by a government measure (overheid.faciliteren-stimuleren)',
      ],
      ['overheid.faciliteren-stimuleren', '(overheid implied: passive) … gefaciliteerd', 'agent: implicit (passive)'],
    ]);
  });

  it('"ten behoeve van": the beneficiary at 0.8 of the measure; not after "niet"', () => {
    // coalitieakkoord-2021:308.1, then the same sentence with the benefit denied.
    const withConfidence = (text: string) =>
      new AutoCoder(new Matcher(book))
        .code(
          { document: 'd', segment: 'd:1.1', page: '', section: '', start: 0, end: text.length, hash: '', text },
          'auto',
        )
        .map((c) => [c.code, c.rule, c.confidence]);
    expect(
      withConfidence(
        'We investeren extra in onderzoek naar en de aanpak van Alzheimer, obesitas en kanker, zowel ten behoeve van volwassenen als van kinderen.',
      ),
    ).toEqual([
      ['burgers.begunstigde', 'target: beneficiary of a government measure (overheid.faciliteren-stimuleren)', 0.72],
      ['overheid.faciliteren-stimuleren', 'agent: clause, subject', 0.9],
      ['overheid.reguleren', 'agent: clause, subject', 0.72],
    ]);
    expect(
      codes(
        'We investeren extra in onderzoek naar en de aanpak van Alzheimer, obesitas en kanker, maar niet ten behoeve van volwassenen.',
      ),
    ).toEqual(['overheid.faciliteren-stimuleren', 'overheid.reguleren']);
  });

  it('a generic verb beside a rule gives no benefit: "verhoogt de belasting voor werkenden"', () => {
    // After coalitieakkoord-2021:307.1 ("We verhogen de belasting …"), with the citizens it is for.
    expect(codes('Het kabinet verhoogt de belasting voor werkenden.')).toEqual([
      'overheid.faciliteren-stimuleren',
      'overheid.reguleren',
    ]);
  });

  it('the target of a target code named in another clause counts 0.45 (at the default threshold)', () => {
    // coalitieakkoord-2021:244.3: the women of the coordinated object are steered.
    const [rows] = code([
      'We stimuleren de arbeidsparticipatie, meer uren of dagen werk in de week en een evenredige vertegenwoordiging van vrouwen in leidinggevende posities.',
    ]);
    expect(rows!.map((r) => [r.code, r.rule])).toEqual([
      ['burgers.onderwerp-zachte-sturing', 'target: other clause'],
      ['overheid.faciliteren-stimuleren', 'agent: clause, subject'],
    ]);
  });

  it('a rule "for" citizens binds them: no benefit (beneficiary.with)', () => {
    // coalitieakkoord-2021:263.2: an obligation for newcomers is a rule, not a benefit.
    expect(codes('Ook de herinvoering van de inburgeringsplicht voor Turkse nieuwkomers wordt doorgezet.')).toEqual([
      'burgers.onderdaan',
      'overheid.reguleren',
    ]);
  });

  it('a fallback yields to the role a sentence names', () => {
    // coalitieakkoord-2021:279.3: "versterken" (fallback) beside "publiek-private" (samenwerken).
    expect(
      codes('We versterken de publiek-private samenwerkingsverbanden om de regionale economische kansen te benutten.'),
    ).toEqual(['overheid.samenwerken']);
  });

  it('an instrument that does what a role verb says is the government’s (implied agent)', () => {
    // coalitieakkoord-2021:238.2
    const [rows] = code([
      'Onderdeel hiervan zijn instrumenten voor om- en bijscholing die de overstap naar tekortberoepen ondersteunen.',
    ]);
    expect(rows!.map((r) => [r.code, r.rule])).toEqual([
      ['burgers.onderwerp-zachte-sturing', 'target: implied by a government measure (overheid.faciliteren-stimuleren)'],
      ['overheid.faciliteren-stimuleren', 'agent: implicit (instrument)'],
    ]);
  });

  it('what a receiver “krijgt” is given by the government', () => {
    // coalitieakkoord-2021:24.4
    const [rows] = code(['Waar mogelijk krijgen professionals in de uitvoering meer beslisruimte.']);
    expect(rows).toEqual([
      {
        code: 'overheid.uitvoeren',
        evidence: '(overheid implied: recipient) … uitvoering',
        rule: 'agent: implicit (recipient)',
      },
    ]);
  });

  it('the subject of a dat-clause under a steering verb is steered, not acting of its own accord', () => {
    expect(codes('We stimuleren dat werkgevers en werknemers samen investeren in scholing.')).toEqual([
      'burgers.onderwerp-zachte-sturing',
      'markt.onderwerp-zachte-sturing',
      'overheid.faciliteren-stimuleren',
    ]);
  });
});

describe('procedural sentences and descriptions', () => {
  it('a sentence that reports the Kamer’s questions gives no role, not even to the measure asked about', () => {
    // kst-30012-139:9.1
    expect(
      codes(
        'De leden van VVD, D66 en CDA hebben vragen gesteld over de invoering van STAP per 1 maart 2022 terwijl de fiscale scholingsaftrek per 1 januari 2022 wordt afgeschaft.',
      ),
    ).toEqual([]);
  });

  it('a participle used as an adjective describes a thing: "de gesubsidieerde scholing" is no subsidy given', () => {
    // stcrt-2021-35685-regeling:13.1
    expect(
      codes(
        'een door de opleider, overeenkomstig een door het UWV vastgesteld format, opgesteld document waarop is aangegeven of de gesubsidieerde scholing is afgerond overeenkomstig artikel 14, tweede lid;',
      ),
    ).toEqual(['maatschappelijke-organisaties.uitvoerder']);
  });
});

describe('clauses the tagger used to get wrong', () => {
  it('a relative clause inside an om…te infinitive: the goal is still the government’s', () => {
    // coalitieakkoord-2021:246.2 ("vier" is a number, "opgroeit" a separable verb's finite form)
    const [rows] = code([
      'We nemen maatregelen om het aantal kinderen dat in armoede opgroeit in vier jaar tijd te halveren en hanteren daarbij een eenduidige, realistische, relatieve definitie van armoede.',
    ]);
    expect(rows!.find((r) => r.code === 'overheid.doelen-stellen')).toEqual({
      code: 'overheid.doelen-stellen',
      evidence: 'We … halveren',
      rule: 'agent: infinitive, subject control',
    });
  });

  it('an inserted phrase does not end the main clause; "werk" after "naar" is no verb', () => {
    // coalitieakkoord-2021:237.2
    expect(
      codes(
        'De komende jaren willen we daarom, samen met sociale partners, gemeenten en het UWV, meer mensen naar werk begeleiden.',
      ),
    ).toEqual([
      'burgers.begunstigde',
      'maatschappelijke-organisaties.samenwerkingspartner',
      'overheid.samenwerken',
      'overheid.uitvoeren',
    ]);
  });

  it('a finite verb the tagger took for a participle, and a finite verb after an om…te infinitive', () => {
    // coalitieakkoord-2021:298.5 and 266.1
    expect(codes('Een algoritmetoezichthouder bewaakt dit.')).toEqual(['overheid.reguleren']);
    const [rows] = code(['Maatschappelijke initiatieven om inburgering te bevorderen worden ondersteund.']);
    expect(rows).toEqual([
      {
        code: 'overheid.faciliteren-stimuleren',
        evidence: '(overheid implied: passive) … ondersteund',
        rule: 'agent: implicit (passive)',
      },
    ]);
  });
});

// Codebook 1.4.0 (llo issue 11, third attempt): rules for the government's part in sentences that
// do not name it as the agent of the role word, and for procedural sentences. Sentences from the
// tuning part of the reference or from parts of the corpus outside the reference.
describe('implicit government agents and procedural sentences', () => {
  it('a passive dat-clause takes the subject of the clause above as its agent', () => {
    // coalitieakkoord-2021:242.1 ("zorgen we er voor dat … worden ondersteund en gestimuleerd").
    const [rows] = code([
      'We verruimen de bijverdiengrenzen in de Participatiewet en samen met gemeenten zorgen we er voor dat mensen die langdurig in de bijstand zitten actief worden benaderd en worden ondersteund en gestimuleerd naar werk.',
    ]);
    expect(rows!.map((r) => [r.code, r.rule])).toEqual([
      ['burgers.begunstigde', 'target: clause, passive subject'],
      ['burgers.onderwerp-zachte-sturing', 'target: clause, passive subject'],
      ['overheid.faciliteren-stimuleren', 'agent: passive complement clause, subject of the clause above'],
      ['overheid.reguleren', 'agent: clause, subject'],
    ]);
  });

  it('a statement of intent with no actor named is the government’s goal', () => {
    // coalitieakkoord-2021, Mobiliteit; Asiel en migratie (outside the reference).
    const [rows] = code(['Het streven is dat uiterlijk in 2030 alle nieuwe auto’s emissieloos zijn.']);
    expect(rows).toEqual([
      {
        code: 'overheid.doelen-stellen',
        evidence: '(overheid implied: plan) … Het streven',
        rule: 'agent: implicit (plan)',
      },
    ]);
    expect(
      codes(
        'Ons doel is om migratie zoveel mogelijk gestructureerd te laten verlopen, ongewenste migratiestromen zoveel mogelijk te beperken en het draagvlak voor migratie in onze samenleving te behouden en te versterken.',
      ),
    ).toEqual(['overheid.doelen-stellen']);
  });

  it('an impersonal passive does what its prepositional object names', () => {
    // coalitieakkoord-2021, Klimaat en energie (outside the reference).
    const [rows] = code(['Er wordt extra geïnvesteerd in onderzoek en innovatie van klimaat neutrale technologieën.']);
    expect(rows!.map((r) => [r.code, r.rule])).toEqual([
      ['overheid.faciliteren-stimuleren', 'agent: implicit (passive)'],
    ]);
  });

  it('a letter that reports to parliament gives no role, by noun or by verb', () => {
    // kst-30012-141 (tuning part): the reference leaves both sentences without a role.
    expect(
      code([
        'Uw Kamer is via de brief van 21 juni jl. al geïnformeerd over de voorlopige bevindingen van AcICT, in verband met het gegeven dat uw Kamer een gefundeerd besluit moest kunnen nemen over het afschaffen van de fiscale scholingsaftrek per 1 januari 2022 en de openstelling van het STAP-budget op 1 maart 2022.',
        'Met deze brief bied ik u het definitieve BIT-advies aan, vergezeld van mijn reactie hierop.',
      ]),
    ).toEqual([[], []]);
  });

  it('a disability is no limit set by a rule (stop phrase)', () => {
    // coalitieakkoord-2021:242.3 (tuning part, no role in the reference).
    expect(
      codes(
        'Daarbij hebben we oog voor ieders talenten en beperkingen, werken we vanuit vertrouwen en is er ruimte voor maatwerk.',
      ),
    ).toEqual([]);
  });

  it('social partners by name are maatschappelijke organisaties, not the market inside the name', () => {
    // The codebook's boundary decision on werkgeversorganisaties; "werkgevers-" is the elided first
    // half of a compound. A constructed sentence: the parts of the corpus outside the held-out
    // reference never write the organisations this way.
    expect(
      code(['We maken afspraken met werkgevers- en werknemersorganisaties over scholing.'])[0]!.map((r) => r.code),
    ).toEqual(['maatschappelijke-organisaties.samenwerkingspartner', 'overheid.samenwerken']);
  });
});
