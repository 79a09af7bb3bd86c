import { isAscii, isUtf8 } from 'node:buffer';
import { LloError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/**
 * Windows-1252 characters for bytes 0x80-0x9F (the rest is Latin-1). Written out because Node 20's
 * TextDecoder('windows-1252') decodes these bytes as C1 control characters, as ISO-8859-1 does,
 * which would turn curly quotes and the euro sign into invisible controls.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/gu, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}

/** Bytes that Windows-1252 leaves undefined; a file holding them is not Windows-1252 either. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Decodes a text file the way Dutch government texts arrive in practice: UTF-8 (with or without
 * BOM), UTF-16 with BOM, or Windows-1252/Latin-1 from older Windows tools. The choice is made on
 * evidence, never by guessing silently: a file that is valid UTF-8 is UTF-8; a file with no valid
 * multi-byte UTF-8 sequence at all but with high bytes is Windows-1252; a file that mixes both, or
 * holds bytes neither can decode, is refused with the byte offset of the first bad byte.
 */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length === 0) throw new LloError('LLO_EMPTY_FILE', 'the file is empty', { file });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const bad = isUtf8(bytes.subarray(3)) ? -1 : firstInvalidUtf8(bytes, 3);
    if (bad !== -1) throw invalid(file, bad, 'starts with a UTF-8 byte-order mark but is not valid UTF-8');
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, false, file), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, true, file), encoding: 'utf-16be' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw invalid(file, nul, 'contains a NUL byte: a binary file, or UTF-16 without a byte-order mark');

  // The native check first (it is fast); the scan in JavaScript only finds the offset to report.
  // Plain ASCII decodes byte for byte (and makes the compact one-byte strings that scan fastest).
  if (isAscii(bytes))
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      encoding: 'utf-8',
    };
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes, 0);
  if (bad === -1)
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
  if (hasUtf8MultiByte(bytes)) {
    throw invalid(file, bad, 'mixes UTF-8 with another encoding; save it as UTF-8');
  }
  for (let i = 0; i < bytes.length; i++) {
    if (CP1252_UNDEFINED.has(bytes[i]!)) throw invalid(file, i, 'is neither UTF-8 nor Windows-1252');
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/**
 * UTF-16 after its byte-order mark. A decoder would turn a lone surrogate or a dangling last byte
 * into U+FFFD without a word; llo refuses the file with the byte offset instead, as for UTF-8.
 */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean, file: string): string {
  const name = bigEndian ? 'UTF-16BE' : 'UTF-16LE';
  if (bytes.length % 2 !== 0)
    throw invalid(
      file,
      bytes.length - 1,
      `is not valid ${name}: an odd number of bytes (a byte is missing at the end)`,
    );
  try {
    return new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le', { fatal: true }).decode(bytes.subarray(2));
  } catch {
    const unit = (i: number) => (bigEndian ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]! | (bytes[i + 1]! << 8));
    for (let i = 2; i < bytes.length; i += 2) {
      const u = unit(i);
      if (u >= 0xdc00 && u <= 0xdfff)
        throw invalid(file, i, `is not valid ${name}: a low surrogate without a high one`);
      if (u >= 0xd800 && u <= 0xdbff) {
        const next = i + 2 < bytes.length ? unit(i + 2) : -1;
        if (next < 0xdc00 || next > 0xdfff)
          throw invalid(file, i, `is not valid ${name}: a high surrogate without a low one`);
        i += 2;
      }
    }
    throw invalid(file, 2, `is not valid ${name}`);
  }
}

function invalid(file: string, offset: number, what: string): LloError {
  return new LloError('LLO_ENCODING', `cannot decode the text: the file ${what}`, { file, offset });
}

/** Length of the UTF-8 sequence a lead byte announces, or 0 for a byte that cannot lead one. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = sequenceLength(b);
    if (n === 0) return i;
    if (n === 1) {
      i++;
      continue;
    }
    if (i + n > bytes.length) return i;
    const b1 = bytes[i + 1]!;
    // The second byte's range depends on the lead byte; this rules out overlongs and surrogates.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k < n; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

function hasUtf8MultiByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const n = sequenceLength(bytes[i]!);
    if (n > 1 && firstInvalidUtf8(bytes.subarray(i, i + n), 0) === -1) return true;
  }
  return false;
}
