import type { Codebook } from '../codebook/schema.js';
import { paradigmWeights } from './paradigms.js';
import type { CodedSegments } from './counts.js';

/**
 * SVG charts, written without a charting library: two chart types with fixed layouts are easier
 * to keep deterministic (byte-identical on every run) and readable than a generic library's output.
 * Colours are the Okabe–Ito palette, which stays distinguishable for the common colour-vision
 * deficiencies (Okabe & Ito 2008, "Color Universal Design").
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const FONT = 12;
/** Width of a text in px: 0.6 em per character is a safe upper bound for common sans-serif fonts at this size. */
export function textWidth(text: string, size = FONT): number {
  return Math.ceil([...text].length * size * 0.6);
}

const esc = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
const num = (n: number) => (Math.round(n * 10) / 10).toString();

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    `<title id="title">${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Horizontal bars: the share of each role of one actor, labelled with share and segment count. */
export function roleChart(counts: CodedSegments, codebook: Codebook, actorId: string, colour: string): string {
  const actor = codebook.actors.find((a) => a.id === actorId)!;
  const codes = codebook.codes.filter((c) => c.actor === actorId);
  const n = codes.map((c) => counts.byCode.get(c.id)?.size ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...n);
  const labels = codes.map((c) => c.role);
  const values = n.map((k) => (total === 0 ? '0' : `${(k / total).toFixed(3)} (${k})`));
  const left = 16 + Math.max(...labels.map((l) => textWidth(l)));
  const barArea = 360;
  const valueArea = 16 + Math.max(...values.map((v) => textWidth(v)));
  const rowHeight = 26;
  const top = 56;
  const title = `Roles of ${actor.label}: share of its codings${total === 0 ? ' (none)' : ` (n = ${total})`}`;
  const width = Math.max(left + barArea + valueArea, 16 + textWidth(title, 15));
  const height = top + codes.length * rowHeight + 40;
  // Axis: up to the largest share rounded up to a tick; ticks every 0.1 (or 0.2 above 0.5).
  const top1 = max === 0 ? 1 : max / total;
  const step = top1 > 0.5 ? 0.2 : 0.1;
  const scaleMax = Math.min(1, Math.ceil(top1 / step - 1e-9) * step);
  const body: string[] = [`<text x="8" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`];
  for (let k = 0; k * step <= scaleMax + 1e-9; k++) {
    const t = k * step;
    const x = left + (t / scaleMax) * barArea;
    body.push(
      `<line x1="${num(x)}" y1="${top - 8}" x2="${num(x)}" y2="${top + codes.length * rowHeight}" stroke="#d0d0d0"/>`,
    );
    body.push(
      `<text x="${num(x)}" y="${top + codes.length * rowHeight + 18}" text-anchor="middle" fill="#444444">${t.toFixed(1)}</text>`,
    );
  }
  codes.forEach((c, i) => {
    const y = top + i * rowHeight;
    const share = total === 0 ? 0 : n[i]! / total;
    const w = (share / scaleMax) * barArea;
    const dominant = max > 0 && n[i] === max;
    body.push(
      `<text x="${left - 8}" y="${y + 13}" text-anchor="end" dominant-baseline="middle">${esc(labels[i]!)}</text>`,
    );
    body.push(
      `<rect x="${left}" y="${y + 4}" width="${num(w)}" height="18" fill="${colour}"${dominant ? '' : ' fill-opacity="0.65"'}><title>${esc(`${c.id}: ${values[i]}`)}</title></rect>`,
    );
    body.push(
      `<text x="${num(left + w + 6)}" y="${y + 13}" dominant-baseline="middle"${dominant ? ' font-weight="bold"' : ''}>${esc(values[i]!)}</text>`,
    );
  });
  return svg(width, height, title, body);
}

/** One stacked bar per actor (and all actors): the shares of the paradigms, with a legend. */
export function paradigmChart(counts: CodedSegments, codebook: Codebook): string {
  const rows = [
    ...codebook.actors.map((a) => ({ label: a.label, weights: paradigmWeights(counts, codebook, a.id) })),
    { label: 'All actors', weights: paradigmWeights(counts, codebook) },
  ];
  const left = 16 + Math.max(...rows.map((r) => textWidth(r.label)));
  const barArea = 480;
  const rowHeight = 34;
  const legendRows = codebook.paradigms.length;
  const top = 48 + legendRows * 20 + 12;
  const title = 'Governance paradigms: share of each actor’s codings';
  const legendWidth = left + 20 + Math.max(...codebook.paradigms.map((p) => textWidth(`${p.id}: ${p.label}`)));
  const width = Math.max(left + barArea + 24, 16 + textWidth(title, 15), legendWidth + 16);
  const height = top + rows.length * rowHeight + 16;
  const body: string[] = [`<text x="8" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`];
  codebook.paradigms.forEach((p, i) => {
    const y = 44 + i * 20;
    body.push(`<rect x="${left}" y="${y}" width="14" height="14" fill="${PALETTE[i % PALETTE.length]}"/>`);
    body.push(`<text x="${left + 20}" y="${y + 7}" dominant-baseline="middle">${esc(`${p.id}: ${p.label}`)}</text>`);
  });
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const total = r.weights.reduce((a, b) => a + b, 0);
    body.push(
      `<text x="${left - 8}" y="${y + 13}" text-anchor="end" dominant-baseline="middle">${esc(r.label)}</text>`,
    );
    if (total === 0) {
      body.push(`<text x="${left}" y="${y + 13}" dominant-baseline="middle" fill="#666666">no codings</text>`);
      return;
    }
    let x = left;
    r.weights.forEach((w, k) => {
      const share = w / total;
      const bw = share * barArea;
      if (bw <= 0) return;
      const label = `${Math.round(share * 100)}%`;
      body.push(
        `<rect x="${num(x)}" y="${y + 2}" width="${num(bw)}" height="22" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${r.label}, ${codebook.paradigms[k]!.id}: ${share.toFixed(3)}`)}</title></rect>`,
      );
      // A share label only where it fits inside its segment, so labels never overlap.
      if (textWidth(label) + 6 <= bw) {
        const dark = k % PALETTE.length === 0 || k % PALETTE.length === 7 || k % PALETTE.length === 5;
        body.push(
          `<text x="${num(x + bw / 2)}" y="${y + 13}" text-anchor="middle" dominant-baseline="middle" fill="${dark ? '#ffffff' : '#000000'}">${label}</text>`,
        );
      }
      x += bw;
    });
  });
  return svg(width, height, title, body);
}
