import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Three coders made from the committed automatic codings: anna (the same rows), ben (a seventh of
 * the rows left out, some codes changed) and their consensus (anna's rows), so that the report has
 * an agreement section whose numbers `llo agreement` can confirm.
 */
function coders(dir: string): string[] {
  const [header, ...rows] = readFileSync(join(ROOT, 'out/codings/auto.csv'), 'utf8').trimEnd().split('\n');
  const as = (coder: string, list: string[]) => list.map((r) => coder + r.slice(r.indexOf(',')));
  const ben = as('ben', rows)
    .filter((_, i) => i % 7 !== 3)
    .map((r, i) => (i % 11 === 5 ? r.replace('overheid.faciliteren-stimuleren', 'overheid.regisseren') : r));
  // Markup in a coder's evidence must reach the page as text.
  const anna = as('anna', rows).map((r) =>
    r.includes(',overheid.faciliteren-stimuleren,')
      ? r.replace(/,auto,([^,]*),/u, ',auto,<img src=x onerror=alert(1)>,')
      : r,
  );
  const files = { anna, ben, consensus: as('consensus', rows) };
  return Object.entries(files).map(([name, list]) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, [header, ...list].join('\n') + '\n');
    return file;
  });
}

describe('llo report', () => {
  let dir: string;
  let html: string;
  interface Variable {
    variable: string;
    coefficients: { krippendorff_alpha: number | null };
  }
  let agreement: {
    units: number;
    codedUnits: number;
    overall: { alphaMasi: number; alphaMasiCoded: number; meanKappa: number; pooledKappa: number };
    bootstrap: { ci95: [number, number] };
    perActor: Variable[];
  };
  beforeAll(async () => {
    dir = tempDir();
    const files = coders(dir);
    const run = await inProcess([
      'report',
      ...files,
      '--out',
      join(dir, 'report.html'),
      '--bootstrap',
      '300',
      '--seed',
      '3',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^Report .*report\.html: 8 tables, \d+ quotes, agreement of anna, ben and a draft methods paragraph\.\n$/u,
    );
    html = readFileSync(join(dir, 'report.html'), 'utf8');
    const json = await inProcess(['agreement', files[0]!, files[1]!, '--json', '--bootstrap', '300', '--seed', '3']);
    expect(json.code).toBe(0);
    agreement = JSON.parse(json.stdout);
  });

  it('the methods paragraph states the numbers of llo agreement --json', async () => {
    const methods = html.slice(html.indexOf('<section class="methods">'), html.indexOf('</section>'));
    const f = (v: number) => v.toFixed(3);
    const o = agreement.overall;
    const [lo, hi] = agreement.bootstrap.ci95;
    expect(methods).toContain(`α = ${f(o.alphaMasi)} (95% bootstrap interval ${f(lo)}–${f(hi)}, 300 replicates)`);
    expect(methods).toContain(`Over only the segments at least one coder coded, α = ${f(o.alphaMasiCoded)}.`);
    expect(methods).toContain(`Cohen&#39;s κ averaged ${f(o.meanKappa)} (pooled over codes, ${f(o.pooledKappa)})`);
    const actors = agreement.perActor
      .filter((a) => a.coefficients.krippendorff_alpha !== null)
      .sort((a, b) => a.coefficients.krippendorff_alpha! - b.coefficients.krippendorff_alpha!);
    const [low, high] = [actors[0]!, actors[actors.length - 1]!];
    expect(methods).toContain(
      `α ranged from ${f(low.coefficients.krippendorff_alpha!)} (${low.variable.slice(6)}) to ${f(high.coefficients.krippendorff_alpha!)} (${high.variable.slice(6)})`,
    );
    expect(methods).toContain(
      `Two coders (anna and ben) coded independently; agreement was computed on the ${agreement.units} segments of the`,
    );
    expect(methods).toContain(`${agreement.codedUnits} of which at least one coder coded`);
    expect(methods).toMatch(/settled in a consensus coding \(\d+ coded segments\), from which the tables are counted/u);
    expect(html).toContain('counted: coder consensus');
  });

  it('escapes document and coding text; loads nothing from elsewhere', async () => {
    expect(html).toContain('evidence: &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|<link rel="stylesheet"|src="http|href="http/u);
  });

  it('renders in headless Chromium without console errors or requests; the charts have size; it prints', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`).toBe(true);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(dir, 'report.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      const charts = await page.$$eval('figure svg', (svgs) =>
        svgs.map((s) => s.getBoundingClientRect().toJSON() as { width: number; height: number }),
      );
      expect(charts).toHaveLength(5); // one per actor and the paradigms
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(200);
        expect(c.height).toBeGreaterThan(100);
      }
      expect(await page.locator('h2#methods').isVisible()).toBe(true);
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(50_000);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
