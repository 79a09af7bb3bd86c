import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/text/sentences.js';

const split = (t: string) => splitSentences(t).map((s) => s.text.trim());

// Segmentation depends on ICU's sentence rules; these expectations were checked with the ICU
// that Node 20.20 ships (see process.versions.icu). A different ICU may shift them.
describe('Dutch sentence splitting on real corpus text', () => {
  // Sentences of the bundled corpus (coalition agreement as llo rebuilds it from the PDF; the last
  // group ends with two sentences of kst-30012-142), in groups joined into one paragraph each.
  const REAL: string[][] = [
    [
      'Er komt in lijn met het rapport van de Tijdelijke Commissie Uitvoeringsorganisaties (TCU) (Kamerstuk 35387, nr. 3) meer aandacht voor de uitvoeringstoets door instanties zelf, beter inzicht in mogelijkheden van systemen en ICT, het toetsen van voorstellen uit de Kamer op uitvoerbaarheid, een ‘doenvermogenstoets’, en mogelijk een ’generatietoets’.',
      'Grote wetsvoorstellen worden voorafgegaan door een hoofdlijnenbrief.',
      'De effecten van wetgeving op de uitvoering worden na één jaar geëvalueerd (invoeringstoets).',
    ],
    [
      'We versterken de positie van de Tweede Kamer door aanvullend op de Jetten-gelden (Kamerstuk 35300, nr. 19) de structurele financiering van onder meer de Griffie, dienst Analyse en Onderzoek en bureau Wetgeving te versterken.',
      'Grote wetsvoorstellen worden voorafgegaan door een hoofdlijnenbrief.',
    ],
    [
      'Ouders betalen alleen nog een kleine eigen bijdrage.',
      'Ook hervormen en vereenvoudigen we de huurtoeslag.',
      'In de tussentijd gaan we door met verbeteringen in het huidige toeslagenstelsel (Kamerstuk 31066, nr. 898).',
    ],
    [
      'Het is aan het kabinet om te komen tot een integraal pakket dat tot voldoende reductie leidt en oog heeft voor weglekeffecten, uitvoerbaarheid, kosteneffectiviteit en het verdienvermogen van Nederland.',
      'Daarvoor zullen ook o.a. de planbureaus worden ingeschakeld, zodat geactualiseerde doorrekeningen kunnen worden gemaakt.',
    ],
    [
      'De snelle verharding van de georganiseerde en ondermijnende criminaliteit tast in toenemende mate de rechtsstaat aan en vraagt de komende jaren om een stevige en gerichte aanpak.',
      'Voor het versterken van veiligheid wordt oplopend structureel €1 miljard euro gereserveerd voor verschillende doelen, o.a. het tegengaan van ondermijning en het versterken van de politieorganisatie, de preventie-aanpak, de inlichtingendiensten en de gehele justitiële keten.',
    ],
    [
      'Ondermijnende criminaliteit vraagt om harde, realistische en effectieve aanpak.',
      'Dat doen we door versterking van en forse investering in de justitie- en veiligheidsketen, van wijkagent en recherche tot rechtspraak, Openbaar Ministerie (OM), gevangeniswezen en reclassering.',
      'Hiermee voeren we o.a. het Pact voor de Rechtsstaat uit.',
    ],
    [
      'We verbeteren de hulpverlening voor alle sekswerkers.',
      'Uitstapprogramma’s worden uitgebreid en structureel gemaakt.',
      'Deelnemers kunnen desgewenst een urgentieverklaring krijgen op afstand van hun oude omgeving.',
      'We versterken de rechtspositie van sekswerkers o.a. door toegang tot verzekeringen, zakelijke bankrekeningen en andere financiële dienstverlening.',
    ],
    [
      'Hierbij worden de mogelijkheden verruimd om strafrechtelijk op te treden tegen medeplichtigen.',
      'We beschermen slachtoffers van huwelijksdwang, achterlating of genitale verminking, bijv. door een rechter een preventief beschermingsbevel te laten uitvaardigen en het verbieden van het aanprijzen, aanzetten of uitvoeren van maagdenvliesherstel.',
      'Ook komt er een meldplicht voor medewerkers in de zorg en het onderwijs bij eergerelateerd geweld, huwelijksdwang of vrouwelijke genitale verminking.',
    ],
    [
      'Ongewenste buitenlandse beïnvloeding en financiering worden aangepakt.',
      'We nemen maatregelen om ongewenste beïnvloeding zoveel mogelijk tegen te gaan, o.a. door de werkzaamheden van de verder te versterken Taskforce problematisch gedrag en ongewenste buitenlandse financiering (Kamerstuk 35228, nr. 39) en de behandeling van het wetsvoorstel transparantie maatschappelijke organisaties (Kamerstukken 35646) voort te zetten.',
    ],
    [
      'Dit betekent een structurele budgettaire ruimte van ca. € 13 miljard en voor de komende 10-15 jaar een grotere incidentele ruimte.',
      'Met die incidentele ruimte kunnen de grote maatschappelijke opgaven zoals klimaat, stikstof en achterstallig onderhoud opgelost worden.',
      'Ten behoeve van klimaat en stikstof worden er fondsen gevormd ter hoogte van € 60 mld.',
      'Deze fondsen vragen om een robuust mechanisme en governance van besluitvorming cf. bijvoorbeeld het MIRT en Deltafonds.',
    ],
    [
      'Wanneer de hogere inflatie gepaard zou gaan met een hogere reële rente, zal dit leiden tot tegenvallers.',
      'De gemiddelde looptijd op de staatsschuld van ca. 8 jaar vormt hiertegen een bescherming in de tijd.',
      'Ten slotte, hogere inflatie kan wanneer de lonen niet (volledig) mee stijgen, leiden tot koopkrachtverlies.',
    ],
    [
      'Lidstaten die gedeelde waarden, afspraken of de democratische rechtsstaat schenden worden teruggefloten, o.a. via het rechtsstaatmechanisme.',
      'Het grootste deel van scholing voor werkenden wordt betaald door werkgevers.',
      'Het gaat om zo’n € 3,6 miljard aan directe opleidingskosten per jaar.',
    ],
  ];

  it('uses at least 30 real sentences', () => {
    expect(REAL.flat().length).toBeGreaterThanOrEqual(30);
  });

  it.each(REAL.map((sentences, i) => [i + 1, sentences] as const))('paragraph %i', (_, sentences) => {
    expect(split(sentences.join(' '))).toEqual(sentences);
  });
});

describe('abbreviations that can end a sentence (llo issue 11)', () => {
  // mbo., hbo., wo., etc. before a capitalised word that starts a clause: a sentence boundary.
  it.each([
    [
      'We bevorderen de gelijke behandeling van studenten uit het mbo, hbo en wo.',
      'Het kabinet investeert daarnaast in de kwaliteit.',
    ],
    ['Dit geldt ook voor volwassenen in het mbo.', 'Zij krijgen een leerrecht.'],
    ['De regeling staat open voor opleidingen in het hbo.', 'Werkgevers dragen bij.'],
    ['Scholing, begeleiding, loopbaanadvies etc.', 'De minister stelt de regels vast.'],
  ])('%s | %s', (a, b) => {
    expect(split(`${a} ${b}`)).toEqual([a, b]);
  });

  it('but a lower-case word or a number goes on with the sentence', () => {
    expect(split('Een opleiding in het mbo. of hbo is mogelijk.')).toEqual([
      'Een opleiding in het mbo. of hbo is mogelijk.',
    ]);
    expect(split('Studenten in het wo. 2 jaar lang.')).toEqual(['Studenten in het wo. 2 jaar lang.']);
  });
});

describe('abbreviations the bundled excerpts do not contain', () => {
  // Written for this test (the corpus lacks these abbreviations); each pair is two sentences.
  it.each([
    ['Het kabinet stimuleert bv. de leercultuur in het mkb.', 'Werkgevers doen mee.'],
    ['Sociale partners, d.w.z. werkgevers- en werknemersorganisaties, zijn betrokken.', 'Dat blijft zo.'],
    ['De afspraken m.b.t. het STAP-budget lopen door.', 'UWV voert uit.'],
    ['Zie art. 3 van de regeling en blz. 12 van de bijlage.', 'Daar staat het.'],
    ['Opleidingen, trainingen e.d. komen in aanmerking.', 'Cursussen ook.'],
    ['De overheid financiert i.p.v. de werkgever de scholing.', 'Dat is nieuw.'],
    ['De minister besluit t.a.v. de uitvoering na overleg.', 'De Kamer wordt geïnformeerd.'],
    ['Volgens mr. Jansen, dr. De Vries en prof. Bakker is dit nodig.', 'Wij delen die mening.'],
    ['Zie Kamerstukken II 2020/21, 35 570, nr. 12.', 'Daarna volgt meer.'],
    ['De heer J. de Vries en mw. A.B. Jansen spraken in.', 'Zij waren kritisch.'],
    ['Het budget is € 1,5 mln. per jaar.', 'Dat is t.o.v. 2020 meer.'],
    ['Zoals eerder gemeld (TK 2020/2021a: 21) is dit niet nodig.', 'De provincie volgt.'],
    ['1. Inleiding van de brief.', '2. Doel van de regeling.'],
    ['Dit geldt voor scholing, begeleiding enz.', 'Het Rijk kijkt toe.'],
  ])('%s | %s', (a, b) => {
    expect(split(`${a} ${b}`)).toEqual([a, b]);
  });

  it('keeps offsets that cover the paragraph without gaps', () => {
    const text = 'Eerste zin, o.a. met een afkorting. Tweede zin.';
    const parts = splitSentences(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts[1]!.index).toBe(text.indexOf('Tweede'));
  });
});
