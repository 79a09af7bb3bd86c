/**
 * Writes small PDFs for tests: text lines at given positions in the standard Helvetica font
 * (WinAnsiEncoding, so Dutch letters such as ë and é are single bytes). Generating them in the test
 * keeps the layout under the test's control: running headers, page numbers, hyphenated line ends.
 */
export interface PdfLine {
  x: number;
  y: number;
  size: number;
  text: string;
}

export function makePdf(pages: readonly PdfLine[][], options: { drawOnly?: boolean } = {}): Buffer {
  const objects: string[] = [];
  // push returns the new length, which is the new object's number (objects count from 1).
  const add = (body: string) => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const content = options.drawOnly
      ? '0.5 g 100 100 300 400 re f'
      : lines.map((l) => `BT /F1 ${l.size} Tf ${l.x} ${l.y} Td (${escape(l.text)}) Tj ET`).join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function escape(text: string): string {
  return text.replace(/[\\()]/gu, '\\$&');
}

/** Lines of body text from the top of a page down, with the usual line spacing. */
export function column(lines: readonly string[], top = 760, size = 11, spacing = 15): PdfLine[] {
  const out: PdfLine[] = [];
  let y = top;
  for (const text of lines) {
    if (text === '') {
      y -= spacing;
      continue;
    }
    out.push({ x: 72, y, size, text });
    y -= spacing;
  }
  return out;
}
