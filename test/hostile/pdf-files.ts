import { deflateSync } from 'node:zlib';

/**
 * Hostile PDFs, made small: one page whose content stream is given, stored raw or Flate-compressed.
 * (The helpers in test/helpers/pdf.ts write well-behaved PDFs; these are built to hurt readers.)
 */
export function onePagePdf(content: Buffer, filter?: 'FlateDecode'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
  ].map((body, i) => Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
  objects.push(
    Buffer.concat([
      Buffer.from(`5 0 obj\n<< /Length ${content.length}${filter ? ` /Filter /${filter}` : ''} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]),
  );
  const header = Buffer.from('%PDF-1.4\n', 'latin1');
  const offsets: number[] = [];
  let at = header.length;
  for (const o of objects) {
    offsets.push(at);
    at += o.length;
  }
  const xref = `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const trailer = `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.concat([header, ...objects, Buffer.from(xref + trailer, 'latin1')]);
}

const TEXT = 'BT /F1 12 Tf 72 700 Td (Werkgevers investeren in scholing.) Tj ET';

/** 100,000 nested graphics states (q … Q) around one line of text: 400 KB that pdf.js needs minutes for. */
export function nestedStatesPdf(depth = 100_000): Buffer {
  return onePagePdf(Buffer.from('q '.repeat(depth) + TEXT + ' Q'.repeat(depth), 'latin1'));
}

/** A content stream of `megabytes` MB of spaces, Flate-compressed to about a thousandth of that. */
export function flateBombPdf(megabytes: number): Buffer {
  return onePagePdf(
    deflateSync(Buffer.concat([Buffer.from(TEXT + ' '), Buffer.alloc(megabytes * 1024 * 1024, 0x20)]), { level: 9 }),
    'FlateDecode',
  );
}

/** A well-behaved one-page PDF with the same line of text. */
export function plainPdf(): Buffer {
  return onePagePdf(Buffer.from(TEXT, 'latin1'));
}
