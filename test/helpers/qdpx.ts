import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipBytes } from '../../src/interop/zip.js';
import { FIXTURES } from './cli.js';

/** xmllint's verdict on a project.qde against the REFI-QDA XSD (Debian libxml2-utils; .ci/run installs it). */
export function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', join(FIXTURES, 'interop/REFI-QDA-Project-1.0.xsd'), file], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: r.stderr };
}

/** The files of a folder, recursively, as zip entries named by their path inside it (sorted). */
function filesOf(dir: string, root = dir): { name: string; data: Buffer }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory()
        ? filesOf(path, root)
        : [{ name: relative(root, path), data: readFileSync(path) }];
    });
}

/** Zips a fixture folder (project.qde and sources/) into a .qdpx file; `edit` may change entries first. */
export async function qdpxOf(
  dir: string,
  out: string,
  edit: (entries: { name: string; data: Buffer }[]) => { name: string; data: Buffer | string }[] = (e) => e,
): Promise<string> {
  writeFileSync(out, await zipBytes(edit(filesOf(dir))));
  return out;
}

/** Rewrites an entry name in a zip (local header and central directory), keeping its length. */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must have the same length');
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  for (let i = out.indexOf(a); i !== -1; i = out.indexOf(a, i + 1)) Buffer.from(to).copy(out, i);
  return out;
}

/** Sets the declared uncompressed size of every entry (local headers and central directory). */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.toString('utf8', i + 30, i + 30 + out.readUInt16LE(i + 26)) === name)
      out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.toString('utf8', i + 46, i + 46 + out.readUInt16LE(i + 28)) === name)
      out.writeUInt32LE(size, i + 24);
  }
  return out;
}
