import { basename } from 'node:path';
import { LloError } from '../errors.js';
import { decodeText } from '../io/decode.js';
import { SEGMENTS_ENTRY } from './export.js';
import { readProject, type QdaProject } from './project.js';
import { validateProject } from './xsd.js';
import { parseXml } from './xml.js';
import { DEFAULT_ZIP_LIMITS, openZip, type ZipLimits } from './zip.js';

/**
 * Opening a .qdpx: the zip (checked by ./zip.ts), project.qde (well-formed, then valid against the
 * REFI-QDA schema), and the plain texts its sources point to. Nothing is written here; a project
 * that fails any check is refused as a whole with one error naming the file and the place.
 */

export interface LoadedProject {
  file: string;
  project: QdaProject;
  /** Plain text per source or note GUID (as written in the project). */
  texts: Map<string, string>;
  /** Sources not read, with the reason. */
  skipped: { source: string; reason: string }[];
  /** llo's own segmentation, when llo wrote the file. */
  segmentsCsv?: string;
}

const INTERNAL = /^internal:\/\/(.*)$/u;

/** The zip entry of an `internal://` path; refuses paths that leave the archive. */
function entryOf(path: string, file: string, names: ReadonlySet<string>): string | undefined {
  const fail = (why: string) => {
    throw new LloError('LLO_QDPX_PATH', `plainTextPath ${JSON.stringify(path)} ${why}`, { file });
  };
  if (/^absolute:\/\//iu.test(path) || /^(?:[a-zA-Z]:[\\/]|\/|\\\\)/u.test(path))
    fail('is an absolute path; llo reads only texts inside the archive');
  const m = INTERNAL.exec(path);
  if (!m) return undefined;
  const rest = m[1]!;
  if (rest.startsWith('/') || /^[a-zA-Z]:/u.test(rest))
    fail('is an absolute path; llo reads only texts inside the archive');
  if (rest.includes('\\')) fail('has a backslash; paths inside the archive use "/"');
  if (rest.split('/').includes('..')) fail('points outside the archive ("..")');
  // The standard puts the texts in sources/; some packages write Sources/.
  return ['sources/', 'Sources/'].map((d) => d + rest).find((n) => names.has(n)) ?? `sources/${rest}`;
}

export async function readQdpx(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<LoadedProject> {
  const zip = await openZip(file, limits);
  try {
    const names = new Set(zip.entries.keys());
    // Atlas.ti names the XML after the project ("<name>.qde"); accept one such file at the root.
    const qdes = [...names].filter((n) => !n.includes('/') && n.toLowerCase().endsWith('.qde'));
    const qde = names.has('project.qde') ? 'project.qde' : qdes.length === 1 ? qdes[0]! : undefined;
    if (!qde)
      throw new LloError(
        'LLO_QDPX_NO_PROJECT',
        qdes.length > 1
          ? `no project.qde in the archive, and several .qde files (${qdes.join(', ')})`
          : 'no project.qde in the archive: not a REFI-QDA project file',
        { file },
      );
    const xmlFile = `${file}!${qde}`;
    const xmlBytes = (await zip.read([qde])).get(qde)!;
    const root = parseXml(decodeText(xmlBytes, xmlFile).text, xmlFile);
    validateProject(root, xmlFile);
    const project = readProject(root);

    const texts = new Map<string, string>();
    const skipped: LoadedProject['skipped'] = [];
    const wanted = new Map<string, string>();
    const want = (guid: string, path: string | undefined, name: string) => {
      if (path === undefined) return;
      const entry = entryOf(path, xmlFile, names);
      if (entry === undefined)
        skipped.push({ source: name, reason: `its text is linked outside the archive (${path})` });
      else if (!names.has(entry))
        throw new LloError('LLO_QDPX_PATH', `plainTextPath ${JSON.stringify(path)} names no file in the archive`, {
          file: xmlFile,
        });
      else wanted.set(guid, entry);
    };
    for (const s of project.sources) {
      if (s.plainTextContent !== undefined) texts.set(s.guid, s.plainTextContent);
      else if (s.kind === 'TextSource' || s.plainTextPath !== undefined) want(s.guid, s.plainTextPath, s.name);
    }
    for (const n of project.notes)
      if (n.plainTextPath !== undefined && n.text === '') want(n.guid, n.plainTextPath, n.name ?? n.guid);
    const entries = [...new Set(wanted.values())];
    if (names.has(SEGMENTS_ENTRY)) entries.push(SEGMENTS_ENTRY);
    const bytes = await zip.read(entries);
    const decode = (entry: string) => {
      const b = bytes.get(entry)!;
      return b.length === 0 ? '' : decodeText(b, `${file}!${entry}`).text;
    };
    for (const [guid, entry] of wanted) texts.set(guid, decode(entry));
    for (const n of project.notes) if (texts.has(n.guid)) n.text = texts.get(n.guid)!;
    return {
      file,
      project,
      texts,
      skipped,
      ...(names.has(SEGMENTS_ENTRY) ? { segmentsCsv: decode(SEGMENTS_ENTRY) } : {}),
    };
  } finally {
    zip.close();
  }
}

/** A project name usable as a fallback label: the file name without extension. */
export const projectLabel = (file: string): string => basename(file).replace(/\.[^.]+$/u, '');
