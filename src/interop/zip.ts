import yauzl from 'yauzl';
import yazl from 'yazl';
import { LloError } from '../errors.js';
import { fileError } from '../io/file-errors.js';

/**
 * The zip container of .qdpx files. Writing is deterministic: entries in the order given, one
 * fixed DOS timestamp (1980-01-01 00:00 in local components, which is what the DOS format stores
 * whatever the time zone), no extended-timestamp field, fixed file modes; so two exports of the
 * same data are byte-identical. Reading is defensive, because a project file comes from elsewhere:
 * every entry name is checked (no absolute paths, no `..`, no backslashes), symbolic links are
 * refused, and what is read is capped twice — the sizes the archive declares must stay under a
 * total before anything is inflated, and each entry must inflate to exactly its declared size
 * (a zip bomb lies about it), counted while it streams.
 */

export interface ZipLimits {
  /** Cap on the declared uncompressed bytes of the entries read, in total. */
  maxTotalBytes: number;
  /** Cap on the number of entries in the archive. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 512 * 1024 * 1024, maxEntries: 100_000 };

const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The bytes of a zip archive holding the entries, in order. */
export async function zipBytes(entries: readonly { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries)
    zip.addBuffer(typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data, e.name, {
      mtime: FIXED_TIME,
      forceDosTimestamp: true,
      mode: 0o100644,
      compress: true,
      compressionLevel: 9,
    });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ZipEntryInfo {
  name: string;
  declaredSize: number;
}

/** An opened archive: its entry names (checked) and a reader for the entries one needs. */
export interface ZipArchive {
  entries: Map<string, ZipEntryInfo>;
  /** Reads entries whole; the declared sizes of all of them together must stay under the cap. */
  read(names: readonly string[]): Promise<Map<string, Buffer>>;
  close(): void;
}

export async function openZip(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
  const bad = (message: string, at?: string): LloError =>
    new LloError('LLO_QDPX_ZIP', message, { file, ...(at !== undefined ? { at } : {}) });
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { decodeStrings: false, validateEntrySizes: false, autoClose: false });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code) throw fileError(err, file, 'reading', 'project file');
    throw bad(
      /central directory record signature/iu.test(e.message)
        ? 'not a zip archive (no end-of-central-directory record: not a zip file, or a truncated one)'
        : `not a zip archive (${e.message})`,
    );
  }
  const entries = new Map<string, ZipEntryInfo>();
  const raw = new Map<string, yauzl.Entry>();
  try {
    if (zip.entryCount > limits.maxEntries)
      throw bad(`the archive holds ${zip.entryCount} entries; llo reads at most ${limits.maxEntries}`);
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      if (name.includes('\\')) throw bad(`entry "${name}" has a backslash in its path`);
      if (/^[a-zA-Z]:/u.test(name) || name.startsWith('/')) throw bad(`entry "${name}" has an absolute path`);
      if (name.split('/').includes('..')) throw bad(`entry "${name}" points outside the archive ("..")`);
      // Unix file type in the high bits of the external attributes (made by a Unix zip: host 3).
      const unixMode = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
      if ((unixMode & 0o170000) === 0o120000) throw bad(`entry "${name}" is a symbolic link; links are refused`);
      if (name.endsWith('/')) continue;
      if (entries.has(name)) throw bad(`entry "${name}" occurs twice`);
      entries.set(name, { name, declaredSize: entry.uncompressedSize });
      raw.set(name, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof LloError) throw err;
    throw bad(`damaged zip archive (${(err as Error).message})`);
  }

  const read = async (names: readonly string[]): Promise<Map<string, Buffer>> => {
    const declared = names.reduce((n, name) => n + (entries.get(name)?.declaredSize ?? 0), 0);
    if (declared > limits.maxTotalBytes)
      throw bad(
        `the entries to read declare ${declared} bytes uncompressed, more than the cap of ${limits.maxTotalBytes}`,
      );
    const out = new Map<string, Buffer>();
    for (const name of names) {
      const entry = raw.get(name);
      if (!entry) throw bad(`no entry "${name}" in the archive`);
      const size = entry.uncompressedSize;
      const chunks: Buffer[] = [];
      let actual = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream) {
          actual += (chunk as Buffer).length;
          // A zip bomb declares a small size and inflates to a huge one: stop at the first byte too many.
          if (actual > size) {
            stream.destroy();
            throw bad(`entry "${name}" declares ${size} bytes but inflates to more (a zip bomb?)`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (err) {
        if (err instanceof LloError) throw err;
        throw bad(`entry "${name}" cannot be read (${(err as Error).message})`);
      }
      if (actual !== size) throw bad(`entry "${name}" declares ${size} bytes but holds ${actual}`);
      out.set(name, Buffer.concat(chunks));
    }
    return out;
  };
  return { entries, read, close: () => zip.close() };
}
