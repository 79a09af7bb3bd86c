import type { PublicationRecord } from './sru.js';

/**
 * Citation keys in the study's style: parliamentary papers as `TK 2021/2022b` — the chamber, the
 * parliamentary year (vergaderjaar) and a letter per document of that year in date order, as an
 * author-date style tells apart several works of one author and year — and the official short
 * form for the Staatscourant and Staatsblad (`Stcrt. 2021, 35685`).
 */
const PARLIAMENTARY = /^(kst|blg|kv|ah|h)-/u;
const LETTERED = /^(TK|EK) (\d{4}\/\d{4})([a-z]+)$/u;

/** The key without its letter (`TK 2021/2022`), or the whole key where letters do not apply. */
export function citeStem(record: PublicationRecord): { stem: string; lettered: boolean } {
  const id = record.identifier;
  const official = /^(stcrt|stb|trb|gmb|prb|wsb|bgr)-(\d{4})-(\d+)$/u.exec(id);
  if (official) {
    const name = { stcrt: 'Stcrt.', stb: 'Stb.', trb: 'Trb.', gmb: 'Gmb.', prb: 'Prb.', wsb: 'Wsb.', bgr: 'Bgr.' }[
      official[1] as 'stcrt'
    ];
    return { stem: `${name} ${official[2]}, ${official[3]}`, lettered: false };
  }
  if (!PARLIAMENTARY.test(id)) return { stem: id, lettered: false };
  const chamber = /eerste kamer/iu.test(record.creator) ? 'EK' : 'TK';
  return { stem: `${chamber} ${sessionOf(record)}`, lettered: true };
}

/** "2021-2022" → "2021/2022"; without one, the parliamentary year the date falls in (it starts in September). */
function sessionOf(record: PublicationRecord): string {
  const m = /^(\d{4})\s*[-/–]\s*(\d{4})$/u.exec(record.session);
  if (m) return `${m[1]}/${m[2]}`;
  const d = /^(\d{4})-(\d{2})/u.exec(record.date);
  if (!d) return 'z.j.';
  const year = Number(d[1]);
  return Number(d[2]) >= 9 ? `${year}/${year + 1}` : `${year - 1}/${year}`;
}

/** a, b, …, z, aa, ab, … */
function letter(n: number): string {
  return n < 26 ? String.fromCharCode(97 + n) : letter(Math.floor(n / 26) - 1) + letter(n % 26);
}

function letterIndex(letters: string): number {
  return [...letters].reduce((n, c) => (n + 1) * 26 + c.charCodeAt(0) - 97, -1);
}

/**
 * Keys for new documents, given the keys already in the corpus. Keys already given are never
 * changed (a paper may cite them); within one year the new documents get the next free letters
 * in date order (ties by identifier). A document with a key of its own (`preset`) keeps it.
 */
export function assignCitations(
  records: readonly PublicationRecord[],
  existing: readonly string[],
  preset: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const used = new Map<string, number>();
  const claim = (key: string) => {
    const m = LETTERED.exec(key);
    if (!m) return;
    const stem = `${m[1]} ${m[2]}`;
    used.set(stem, Math.max(used.get(stem) ?? -1, letterIndex(m[3]!)));
  };
  existing.forEach(claim);
  preset.forEach(claim);
  const keys = new Map<string, string>();
  const sorted = [...records].sort(
    (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || (a.identifier < b.identifier ? -1 : 1),
  );
  for (const r of sorted) {
    const given = preset.get(r.identifier);
    if (given) {
      keys.set(r.identifier, given);
      continue;
    }
    const { stem, lettered } = citeStem(r);
    if (!lettered) {
      keys.set(r.identifier, stem);
      continue;
    }
    const next = (used.get(stem) ?? -1) + 1;
    used.set(stem, next);
    keys.set(r.identifier, `${stem}${letter(next)}`);
  }
  return keys;
}
