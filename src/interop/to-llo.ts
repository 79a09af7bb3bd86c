import { parse } from 'csv-parse/sync';
import { compareCodings, type Coding } from '../coding/codings.js';
import { SEGMENT_COLUMNS, type Segment } from '../corpus/segments.js';
import { shortHash } from '../text/hash.js';
import { qdaToCodebook, type CodebookDraft } from './codebook-map.js';
import { undescribe } from './describe.js';
import { normaliseGuid } from './guid.js';
import { candidateCountings, describeCounting, nameFits, normaliseText, unitMap, type Counting } from './offsets.js';
import type { QdaSelection, QdaSource } from './project.js';
import { projectLabel, type LoadedProject } from './read.js';
import { sliceCodePoints } from './text.js';

/**
 * A REFI-QDA project as llo data: documents with their normalised texts, segments, a codebook and
 * each coder's codings. How selections become codings (README, "Teams that code in a QDA package"):
 * - a project llo wrote carries its segmentation (llo/segments.csv) and, per selection, the
 *   segment and each row's origin and evidence: they come back exactly;
 * - otherwise a document's paragraphs are its segments, and with `unit: 'segment'` a selection
 *   codes every segment it overlaps by at least half of the shorter of the two (so a short quote
 *   codes its paragraph, and a selection running a few characters into the next paragraph does
 *   not code that one); with `unit: 'character'` it codes every segment it overlaps at all, and
 *   each coding keeps the exact span (clipped to the segment) for character-level agreement.
 * Positions are converted to llo's code points from whatever the package counted (./offsets.ts);
 * a selection that does not fit its text is reported and left out, never shifted.
 */

export type ImportUnit = 'segment' | 'character';

export interface ImportedDocument {
  id: string;
  /** The source's GUID and name in the project, for alignment. */
  guid: string;
  name: string;
  path?: string;
  title?: string;
  cite?: string;
  type?: string;
  date?: string;
  dossier?: string;
  identifier?: string;
  source?: string;
  notes?: string;
  text: string;
}

export interface ImportReport {
  origin?: string;
  segmentation: 'llo' | 'paragraphs';
  unit: ImportUnit;
  /** Sources not imported (pictures, audio, video, PDFs without text, linked files). */
  skipped: { source: string; reason: string }[];
  /** Documents whose positions were counted otherwise than in code points, and how llo knew. */
  countings: { document: string; counting: string; evidence: string }[];
  /** Selections that do not fit their text or refer to unknown codes: left out, each with why. */
  misfits: { document: string; selection: string; line?: number; reason: string }[];
  /** Selections whose name does not read like the text they select (kept; worth a look). */
  doubtful: { document: string; selection: string; line?: number; name: string; text: string }[];
  /** Selections without a code (annotations), not codings. */
  annotations: number;
  themes: string[];
  warnings: string[];
}

export interface ImportedProject {
  name: string;
  codebook: CodebookDraft;
  documents: ImportedDocument[];
  segments: Segment[];
  codings: Coding[];
  coders: string[];
  report: ImportReport;
}

const DOCUMENT_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

function documentId(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/\.(txt|pdf|docx?|rtf)$/iu, '')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^[^\p{L}\p{N}]+|-+$/gu, '') || 'document';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return DOCUMENT_ID.test(id) ? id : `d-${id}`;
}

export function projectToLlo(loaded: LoadedProject, unit: ImportUnit = 'segment'): ImportedProject {
  const { project } = loaded;
  const report: ImportReport = {
    ...(project.origin ? { origin: project.origin } : {}),
    segmentation: 'paragraphs',
    unit,
    skipped: [...loaded.skipped],
    countings: [],
    misfits: [],
    doubtful: [],
    annotations: 0,
    themes: [],
    warnings: [],
  };
  const g = normaliseGuid;
  const imported = qdaToCodebook(
    project.codes,
    project.sets,
    project.description,
    project.name || projectLabel(loaded.file),
    g,
  );
  report.themes = imported.themes;
  const actorIds = new Set(imported.draft.actors.map((a) => a.id));
  const users = new Map(project.users.map((u) => [g(u.guid), u.name || u.guid]));
  const variables = new Map(project.variables.map((v) => [g(v.guid), v.name]));
  const notes = new Map(project.notes.map((n) => [g(n.guid), n.text]));
  const coderOf = (...guids: (string | undefined)[]) => {
    const found = guids.find((x) => x !== undefined);
    return found === undefined ? 'unknown' : (users.get(g(found)) ?? `user-${g(found).slice(0, 8)}`);
  };

  // Documents: the text sources (and PDFs with a text representation).
  const taken = new Set<string>();
  const docs: { doc: ImportedDocument; source: QdaSource; raw: string }[] = [];
  for (const s of project.sources) {
    const raw = loaded.texts.get(s.guid);
    if (raw === undefined) {
      if (!loaded.skipped.some((k) => k.source === s.name))
        report.skipped.push({
          source: s.name || s.guid,
          reason:
            s.kind === 'PDFSource'
              ? 'a PDF without a text representation (llo codes text only)'
              : `a ${s.kind.replace('Source', '').toLowerCase()} source (llo codes text only)`,
        });
      continue;
    }
    const meta = undescribe(s.description);
    const values = new Map(s.variables.map((v) => [variables.get(g(v.variable)) ?? v.variable, v.value]));
    const known = ['cite', 'type', 'date'];
    const other = [...values].filter(([k]) => !known.includes(k)).map(([k, v]) => `${k}: ${v}`);
    const notesText = [meta.values.get('Notes'), ...other].filter(Boolean).join('; ');
    const doc: ImportedDocument = {
      id: documentId(meta.kind === 'document' ? meta.id! : s.name || s.guid, taken),
      guid: s.guid,
      name: s.name,
      ...(s.plainTextPath ? { path: s.plainTextPath } : {}),
      ...(meta.text ? { title: meta.text } : {}),
      ...Object.fromEntries(known.flatMap((k) => (values.get(k) ? [[k, values.get(k)!]] : []))),
      ...Object.fromEntries(
        [
          ['dossier', 'Dossier'],
          ['identifier', 'Identifier'],
          ['source', 'Source'],
        ].flatMap(([k, label]) => (meta.values.get(label!) ? [[k!, meta.values.get(label!)!]] : [])),
      ),
      ...(notesText ? { notes: notesText } : {}),
      text: '',
    };
    docs.push({ doc, source: s, raw });
  }

  // Segments: llo's own when present and fitting, else the paragraphs.
  const normalised = new Map(docs.map((d) => [d.doc.id, normaliseText(d.raw)]));
  for (const d of docs) d.doc.text = normalised.get(d.doc.id)!.text;
  let segments =
    loaded.segmentsCsv !== undefined
      ? lloSegments(
          loaded.segmentsCsv,
          docs.map((d) => d.doc),
          report,
        )
      : undefined;
  if (segments) report.segmentation = 'llo';
  else
    segments = docs.flatMap(({ doc }) =>
      normalised.get(doc.id)!.blocks.map(([start, end], i) => {
        const text = sliceCodePoints(doc.text, start, end);
        return {
          document: doc.id,
          segment: `${doc.id}:${i + 1}`,
          page: '',
          section: '',
          start,
          end,
          hash: shortHash(text),
          text,
        };
      }),
    );
  const byDocument = new Map<string, Segment[]>();
  for (const s of segments) byDocument.set(s.document, [...(byDocument.get(s.document) ?? []), s]);

  // Codings.
  const codings: Coding[] = [];
  for (const { doc, source, raw } of docs) {
    const cps = Array.from(raw);
    const counting = chooseCounting(raw, cps, source.selections, project.origin, doc.id, report);
    const map = unitMap(cps, counting);
    const norm = normaliseText(raw);
    const docSegments = byDocument.get(doc.id) ?? [];
    for (const sel of source.selections) {
      const label = sel.name ? `"${sel.name}"` : sel.guid;
      const misfit = (reason: string) =>
        report.misfits.push({ document: doc.id, selection: label, ...(sel.line ? { line: sel.line } : {}), reason });
      if (sel.start < 0 || sel.end < sel.start || sel.end > map.length - 1) {
        misfit(
          `positions ${sel.start}-${sel.end} lie outside the text, which has ${map.length - 1} positions (${describeCounting(counting)})`,
        );
        continue;
      }
      const rawStart = map[sel.start]!;
      const rawEnd = map[sel.end]!;
      const fits = nameFits(sel.name, cps.slice(rawStart, rawEnd).join(''));
      if (fits === false && project.origin !== 'llo')
        report.doubtful.push({
          document: doc.id,
          selection: sel.guid,
          ...(sel.line ? { line: sel.line } : {}),
          name: sel.name!,
          text: cps.slice(rawStart, rawEnd).join('').slice(0, 60),
        });
      const start = norm.start(rawStart);
      const end = Math.max(start, norm.end(rawEnd));
      const marker = undescribe(sel.description);
      const lloRows = marker.kind === 'coding' ? parseRows(marker.lists.get('Codes') ?? []) : undefined;
      // The rows of this selection: one per Coding, and llo's "no code" row.
      const rows: {
        code: string;
        coder: string;
        memo: string;
        origin: Coding['origin'];
        evidence: string;
        confidence?: number;
        rule?: string;
      }[] = [];
      for (const c of sel.codings) {
        const code = imported.idOfGuid.get(g(c.code));
        if (code === undefined) {
          misfit(`a coding refers to code ${c.code}, which is not in the codebook`);
          continue;
        }
        if (actorIds.has(code) && !imported.draft.codes.some((x) => x['id'] === code)) {
          misfit(`coded with the actor "${code}" itself, not with one of its roles`);
          continue;
        }
        const memo = [
          ...(lloRows ? [] : sel.description?.trim() ? [sel.description.trim()] : []),
          ...c.notes.map((n) => notes.get(g(n)) ?? ''),
        ].filter(Boolean);
        const row = lloRows?.find((r) => r.code === code);
        rows.push({
          code,
          coder: coderOf(c.creatingUser, sel.creatingUser, project.creatingUser),
          memo: memo.join('\n\n'),
          origin: row?.origin ?? 'manual',
          evidence: row?.evidence ?? '',
          ...(row?.confidence !== undefined ? { confidence: row.confidence } : {}),
          ...(row?.rule !== undefined ? { rule: row.rule } : {}),
        });
      }
      const noCode = lloRows?.find((r) => r.code === '');
      if (noCode)
        rows.push({
          code: '',
          coder: coderOf(sel.creatingUser, project.creatingUser),
          memo: sel.notes
            .map((n) => notes.get(g(n)) ?? '')
            .filter(Boolean)
            .join('\n\n'),
          origin: noCode.origin,
          evidence: noCode.evidence,
        });
      if (rows.length === 0) {
        if (sel.codings.length === 0) report.annotations++;
        continue;
      }
      // The segments the selection codes, and the span on each.
      const own = marker.kind === 'coding' ? docSegments.find((s) => s.segment === marker.id) : undefined;
      const targets =
        own && own.start <= start && end <= own.end
          ? [{ segment: own, start, end }]
          : docSegments.flatMap((s) => {
              const a = Math.max(s.start, start);
              const b = Math.min(s.end, end);
              if (b <= a) return [];
              const enough = unit === 'character' || 2 * (b - a) >= Math.min(s.end - s.start, end - start);
              return enough ? [{ segment: s, start: a, end: b }] : [];
            });
      if (targets.length === 0) {
        misfit(`positions ${sel.start}-${sel.end} cover no segment (a heading or white space)`);
        continue;
      }
      for (const t of targets)
        for (const r of rows)
          codings.push({
            coder: r.coder,
            document: doc.id,
            segment: t.segment.segment,
            start: t.start,
            end: t.end,
            code: r.code,
            origin: r.origin,
            evidence: r.evidence,
            memo: r.memo,
            ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
            ...(r.rule !== undefined ? { rule: r.rule } : {}),
          });
    }
  }
  const order = new Map(docs.map((d, i) => [d.doc.id, i]));
  const seen = new Set<string>();
  const unique = codings.sort(compareCodings(order)).filter((c) => {
    const key = [c.coder, c.segment, c.start, c.end, c.code].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    name: project.name,
    codebook: imported.draft,
    documents: docs.map((d) => d.doc),
    segments,
    codings: unique,
    coders: [...new Set(unique.map((c) => c.coder))].sort(),
    report,
  };
}

function parseRows(
  lines: readonly string[],
): { code: string; origin: Coding['origin']; evidence: string; confidence?: number; rule?: string }[] {
  return lines.map((line) => {
    const [code, originField, ...rest] = line.split(' | ');
    // "auto [0.9; agent: clause, subject]": the automatic coder's confidence and rule (issue 11).
    const m = /^(\w+)(?: \[([\d.]+); (.*)\])?$/su.exec(originField?.trim() ?? '');
    const origin = m?.[1] ?? originField?.trim();
    return {
      code: code === '(no code)' ? '' : code!.trim(),
      origin: origin === 'auto' ? 'auto' : 'manual',
      evidence: rest.join(' | '),
      ...(m?.[2] !== undefined ? { confidence: Number(m[2]) } : {}),
      ...(m?.[3] ? { rule: m[3] } : {}),
    };
  });
}

/** How this source's positions were counted (see ./offsets.ts); noted in the report when not code points. */
function chooseCounting(
  raw: string,
  cps: readonly string[],
  selections: readonly QdaSelection[],
  origin: string | undefined,
  document: string,
  report: ImportReport,
): Counting {
  const candidates = candidateCountings(raw);
  const standard = candidates[0]!;
  if (candidates.length === 1 || selections.length === 0) return standard;
  const scored = candidates.map((c) => {
    const map = unitMap(cps, c);
    let score = 0;
    for (const s of selections) {
      if (s.start < 0 || s.end < s.start || s.end >= map.length) continue;
      if (nameFits(s.name, cps.slice(map[s.start], map[s.end]).join('')) === true) score++;
    }
    return { c, score };
  });
  const top = Math.max(...scored.map((s) => s.score));
  const best = scored.filter((s) => s.score === top).map((s) => s.c);
  // What the package is known to do decides between countings the names cannot tell apart.
  const known = /atlas\.ti/iu.test(origin ?? '') ? candidates.find((c) => c.crlfAsOne && !c.utf16) : undefined;
  let chosen = standard;
  let evidence = '';
  if (known && best.includes(known) && known !== standard) {
    chosen = known;
    evidence =
      top > 0
        ? `ATLAS.ti counts a CRLF line break as one character, and the names of ${top} of ${selections.length} selections agree`
        : 'ATLAS.ti counts a CRLF line break as one character (no selection names to check against)';
  } else if (!best.includes(standard)) {
    chosen = best[0]!;
    evidence = `the names of ${top} of ${selections.length} selections match only so`;
  }
  if (chosen !== standard) report.countings.push({ document, counting: describeCounting(chosen), evidence });
  return chosen;
}

/** llo's segmentation from the archive, if it fits the texts; otherwise undefined (with a warning). */
function lloSegments(csv: string, documents: readonly ImportedDocument[], report: ImportReport): Segment[] | undefined {
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(csv, { columns: true, bom: true, skip_empty_lines: true });
  } catch {
    report.warnings.push('llo/segments.csv is not valid CSV; the paragraphs are the segments');
    return undefined;
  }
  const segments: Segment[] = [];
  for (const r of rows) {
    const s = Object.fromEntries(SEGMENT_COLUMNS.map((c) => [c, r[c] ?? ''])) as Record<
      (typeof SEGMENT_COLUMNS)[number],
      string
    >;
    const text = texts.get(s.document);
    const start = Number(s.start);
    const end = Number(s.end);
    if (
      text === undefined ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      sliceCodePoints(text, start, end) !== s.text
    ) {
      report.warnings.push(
        `llo/segments.csv does not fit the texts (segment "${s.segment}"); the paragraphs are the segments`,
      );
      return undefined;
    }
    segments.push({ ...s, start, end });
  }
  return segments;
}
