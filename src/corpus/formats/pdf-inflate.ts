import { createInflate, inflateSync, constants } from 'node:zlib';

/**
 * How many bytes the compressed streams of a PDF expand to, counted before pdf.js reads it: a
 * "decompression bomb" (a few MB of Flate data that inflate to gigabytes) would otherwise take the
 * process down, and pdf.js has no limit of its own. Counted are the streams pdf.js decodes to get
 * text — content streams, fonts, object streams, forms — with the filters that can expand data
 * greatly: FlateDecode, LZWDecode and RunLengthDecode, after ASCIIHex/ASCII85 where they come
 * first. Image streams are not counted (pdf.js does not decode images for text), nor streams that
 * cannot be decoded here (encrypted, or a filter such as DCT); the worker's memory and time
 * limits stand behind this count for those.
 *
 * Returns the total, or stops as soon as it passes `cap` and returns a number above it.
 */
export async function inflatedSize(bytes: Uint8Array, cap: number): Promise<number> {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = pdf.toString('latin1');
  let total = 0;
  const keyword = /\bstream(?:\r\n|\n|\r)/gu;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const dictStart = text.lastIndexOf('obj', m.index);
    const dict = dictStart === -1 ? '' : text.slice(dictStart, m.index);
    const dataStart = m.index + m[0].length;
    const declared = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/u.exec(dict);
    let dataEnd = declared ? dataStart + Number(declared[1]) : -1;
    if (dataEnd < dataStart || dataEnd > text.length || !/^\s*endstream/u.test(text.slice(dataEnd, dataEnd + 20))) {
      dataEnd = text.indexOf('endstream', dataStart);
      if (dataEnd === -1) break;
    }
    keyword.lastIndex = dataEnd;
    if (/\/Subtype\s*\/Image\b/u.test(dict)) continue;
    const filters = filterChain(dict);
    if (filters.length === 0) continue;
    total += await decodedSize(pdf.subarray(dataStart, dataEnd), filters, cap - total + 1);
    if (total > cap) return total;
  }
  return total;
}

/** The names of a stream's filters in order, abbreviations expanded. */
function filterChain(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict);
  if (!m) return [];
  const short: Record<string, string> = { Fl: 'FlateDecode', LZW: 'LZWDecode', RL: 'RunLengthDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode' };
  return [...m[1]!.matchAll(/\/([A-Za-z0-9]+)/gu)].map((f) => short[f[1]!] ?? f[1]!);
}

/** The largest size the data reaches through the filters it can decode here (at most `limit`). */
async function decodedSize(data: Buffer, filters: readonly string[], limit: number): Promise<number> {
  let current: Buffer = data;
  let largest = 0;
  for (const [i, filter] of filters.entries()) {
    let next: Buffer | undefined;
    try {
      // The last filter's output is only counted, not kept, when it is large.
      if (filter === 'FlateDecode' && i === filters.length - 1 && limit > IN_MEMORY) {
        return Math.max(largest, await inflatedLength(current, limit));
      }
      if (filter === 'FlateDecode') next = inflateCapped(current, limit);
      else if (filter === 'LZWDecode') next = lzwDecode(current, limit);
      else if (filter === 'RunLengthDecode') next = runLengthDecode(current, limit);
      else if (filter === 'ASCIIHexDecode') next = asciiHexDecode(current);
      else if (filter === 'ASCII85Decode') next = ascii85Decode(current);
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
      return largest; // corrupt or encrypted data: what pdf.js makes of it is its own affair
    }
    if (!next) return largest;
    largest = Math.max(largest, next.length);
    if (largest > limit) return largest;
    current = next;
  }
  return largest;
}

function inflateCapped(data: Buffer, limit: number): Buffer {
  // Z_SYNC_FLUSH: a stream cut short still yields what it holds, as pdf.js reads it.
  return inflateSync(data, { maxOutputLength: Math.max(1, Math.min(limit, 2 ** 31 - 1)), finishFlush: constants.Z_SYNC_FLUSH });
}

/** Streams up to this size are inflated in one call; larger ones are counted chunk by chunk. */
const IN_MEMORY = 32 * 1024 * 1024;

/** The inflated length of Flate data, counted without keeping it; stops past `limit`. */
async function inflatedLength(data: Buffer, limit: number): Promise<number> {
  try {
    return inflateCapped(data, IN_MEMORY).length;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw err;
  }
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let length = 0;
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        inflate.destroy();
        resolve(length);
      }
    });
    inflate.on('end', () => resolve(length));
    inflate.on('error', () => resolve(length));
    inflate.end(data);
  });
}

class TooLarge extends Error {
  readonly code = 'ERR_BUFFER_TOO_LARGE';
}

/** LZW as PDF uses it (early change 1, 9–12 bit codes), stopping past `limit` bytes. */
function lzwDecode(data: Buffer, limit: number): Buffer {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) length[i] = 1;
  const out: Buffer[] = [];
  let outLength = 0;
  let next = 258;
  let width = 9;
  let previous = -1;
  let bits = 0;
  let buffer = 0;
  const scratch = Buffer.alloc(4096);
  const emit = (code: number): number => {
    let n = length[code]!;
    const first = n;
    for (let c = code; n > 0; c = prefix[c]!) scratch[--n] = c < 256 ? c : suffix[c]!;
    out.push(Buffer.from(scratch.subarray(0, first)));
    outLength += first;
    if (outLength > limit) throw new TooLarge();
    return scratch[0]!;
  };
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= width) {
      const code = (buffer >> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return Buffer.concat(out, outLength);
      if (previous === -1) {
        if (code > 255) return Buffer.concat(out, outLength);
        emit(code);
        previous = code;
        continue;
      }
      let first: number;
      if (code < next) first = emit(code);
      else if (code === next) {
        // The code being defined: the previous string plus its own first character.
        const head = emit(previous);
        out.push(Buffer.from([head]));
        outLength++;
        first = head;
      } else return Buffer.concat(out, outLength);
      if (next < 4096) {
        prefix[next] = previous;
        suffix[next] = first;
        length[next] = length[previous]! + 1;
        next++;
      }
      previous = code;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  return Buffer.concat(out, outLength);
}

function runLengthDecode(data: Buffer, limit: number): Buffer {
  const out: Buffer[] = [];
  let outLength = 0;
  for (let i = 0; i < data.length; ) {
    const n = data[i]!;
    if (n === 128) break;
    const chunk = n < 128 ? data.subarray(i + 1, i + 2 + n) : Buffer.alloc(257 - n, data[i + 1] ?? 0);
    i += n < 128 ? n + 2 : 2;
    out.push(chunk);
    outLength += chunk.length;
    if (outLength > limit) throw new TooLarge();
  }
  return Buffer.concat(out, outLength);
}

function asciiHexDecode(data: Buffer): Buffer {
  const hex = data.toString('latin1').replace(/>[\s\S]*$/u, '').replace(/[^0-9a-fA-F]/gu, '');
  return Buffer.from(hex.length % 2 === 0 ? hex : hex + '0', 'hex');
}

function ascii85Decode(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/~>[\s\S]*$/u, '').replace(/\s/gu, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number) => {
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const g of group) value = value * 85 + g;
    for (let k = 0; k < count; k++) out.push((value >>> (24 - 8 * k)) & 0xff);
    group = [];
  };
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) continue;
    group.push(c);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}
