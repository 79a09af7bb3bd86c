import { describe, expect, it } from 'vitest';
import { adjectiveForms, nounForms, separableParts, verbForms } from '../src/text/morphology.js';

const forms = (lemma: string) => verbForms(lemma).words.map((w) => w.form);

describe('Dutch verb forms from the infinitive', () => {
  it('a regular verb in -eren: present, past, participle, present participle, nominalisation', () => {
    expect(forms('stimuleren')).toEqual(
      expect.arrayContaining([
        'stimuleer',
        'stimuleert',
        'stimuleren',
        'stimuleerde',
        'stimuleerden',
        'gestimuleerd',
        'gestimuleerde',
        'stimulerend',
        'stimulerende',
        'stimulering',
      ]),
    );
  });

  it('-ueren is u + e (evalueren → evalueert, geëvalueerd); an unstressed o keeps one letter (monitoren → gemonitord)', () => {
    expect(forms('evalueren')).toEqual(expect.arrayContaining(['evalueert', 'geevalueerd', 'evalueerde']));
    expect(forms('monitoren')).toEqual(expect.arrayContaining(['monitort', 'gemonitord']));
    expect(forms('horen')).toEqual(expect.arrayContaining(['hoort', 'gehoord']));
    expect(forms('horen')).not.toContain('gehord');
  });

  it("'t kofschip: werken → werkte, gewerkt; leven → leefde, geleefd", () => {
    expect(forms('werken')).toEqual(expect.arrayContaining(['werkt', 'werkte', 'werkten', 'gewerkt']));
    expect(forms('leven')).toEqual(expect.arrayContaining(['leeft', 'leefde', 'geleefd']));
  });

  it('strong verbs take the forms the treebanks attest: bieden → bood, boden, geboden', () => {
    expect(forms('bieden')).toEqual(expect.arrayContaining(['biedt', 'bood', 'boden', 'geboden']));
    expect(forms('krijgen')).toEqual(expect.arrayContaining(['krijgt', 'kreeg', 'kregen', 'gekregen']));
  });

  it('unstressed prefixes take no ge-: verstrekt, ontvangen; be-/ge- may be either (gebruikt)', () => {
    expect(forms('verstrekken')).toContain('verstrekt');
    expect(forms('verstrekken')).not.toContain('geverstrekt');
    expect(forms('gebruiken')).toContain('gebruikt');
  });

  it('separable verbs: particle on the one-word forms, split forms apart', () => {
    const f = verbForms('aanmoedigen');
    expect(f.particle).toBe('aan');
    expect(f.words.map((w) => w.form)).toEqual(
      expect.arrayContaining(['aanmoedigen', 'aangemoedigd', 'aanmoedigt', 'aanmoediging']),
    );
    expect(f.split).toEqual(expect.arrayContaining(['moedig', 'moedigt', 'moedigen', 'moedigde']));
    expect(f.baseInfinitive).toBe('moedigen');
    expect(verbForms('uitvoeren').split).toEqual(expect.arrayContaining(['voert', 'voeren']));
  });

  it('separable verbs on a short verb whose infinitive is stem + n: tegen|gaan → tegengegaan, gaat … tegen', () => {
    const v = verbForms('tegengaan');
    expect(v.particle).toBe('tegen');
    expect(v.words.map((w) => w.form)).toEqual(expect.arrayContaining(['tegengaan', 'tegengegaan', 'tegengaat']));
    expect(v.split).toEqual(expect.arrayContaining(['gaat', 'gaan', 'ging']));
  });

  it('tells a particle from the start of a Latinate verb: investeren and informeren are not in|…', () => {
    expect(separableParts('investeren')).toBeUndefined();
    expect(separableParts('informeren')).toBeUndefined();
    expect(separableParts('invoeren')).toEqual({ particle: 'in', base: 'voeren', ambiguous: false });
    expect(separableParts('voor|lichten')).toEqual({ particle: 'voor', base: 'lichten', ambiguous: false });
    // onder- is both: ondersteunt (inseparable) and the separable reading are both made.
    expect(forms('ondersteunen')).toEqual(expect.arrayContaining(['ondersteunt', 'ondersteund', 'ondersteuning']));
  });
});

describe('Dutch noun and adjective forms', () => {
  it('plurals and diminutives with the spelling of the stem', () => {
    const n = (l: string) => nounForms(l).map((w) => w.form);
    expect(n('budget')).toEqual(expect.arrayContaining(['budget', 'budgetten', 'budgetje']));
    expect(n('maatregel')).toEqual(expect.arrayContaining(['maatregelen', 'maatregels']));
    expect(n('baan')).toEqual(expect.arrayContaining(['banen', 'baantje']));
    expect(n('overheid')).toEqual(expect.arrayContaining(['overheden']));
    expect(n('gemeente')).toEqual(expect.arrayContaining(['gemeenten', 'gemeentes']));
  });

  it('adjectives: inflected, comparative, superlative', () => {
    expect(adjectiveForms('verantwoordelijk').map((w) => w.form)).toEqual(
      expect.arrayContaining(['verantwoordelijke', 'verantwoordelijker', 'verantwoordelijkst']),
    );
  });
});
