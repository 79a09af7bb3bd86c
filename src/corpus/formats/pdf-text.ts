import { LloError } from '../../errors.js';
import type { ParsedDocument } from '../document.js';
import { layoutPages, type PageText, type TextItem } from '../layout.js';

/**
 * Reads the text layer of a PDF with unpdf (a packaged pdf.js that runs on Node 20 without
 * downloads) and rebuilds paragraphs from the positions of the text. Runs on the PDF worker
 * (pdf-worker.ts), under its time and memory limits; `onPages` tells the number of pages as soon
 * as it is known, which sets the time budget.
 */
export async function extractPdf(bytes: Uint8Array, file: string, onPages: (pages: number) => void = () => undefined): Promise<ParsedDocument> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given; the worker received its own copy.
    pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new LloError('LLO_PDF_ENCRYPTED', 'the PDF is password-protected; save an unprotected copy', { file });
    }
    throw new LloError('LLO_PDF_INVALID', `the PDF cannot be read: ${(err as Error).message}`, { file });
  }
  try {
    onPages(pdf.numPages);
    const labels = await pdf.getPageLabels().catch(() => null);
    const pages: PageText[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        items.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width, height: it.height });
      }
      const label = labels?.[n - 1];
      pages.push({ items, width: view.width, height: view.height, ...(label && label !== String(n) ? { label } : {}) });
      page.cleanup();
    }
    if (pages.every((p) => p.items.every((it) => it.str.trim() === ''))) {
      throw new LloError(
        'LLO_PDF_NO_TEXT',
        `the PDF has no text layer (${pages.length} page(s) of images?); run OCR first, e.g. ocrmypdf`,
        { file },
      );
    }
    const result = layoutPages(pages);
    const warnings: string[] = [];
    const empty = pages.flatMap((p, i) => (p.items.every((it) => it.str.trim() === '') ? [i + 1] : []));
    if (empty.length > 0) warnings.push(`${empty.length} page(s) without text: ${empty.slice(0, 10).join(', ')}${empty.length > 10 ? ', …' : ''}`);
    return { blocks: result.blocks, pages: pages.length, pageMapping: result.pageMapping, warnings };
  } catch (err) {
    if (err instanceof LloError) throw err;
    throw new LloError('LLO_PDF_INVALID', `the PDF cannot be read: ${(err as Error).message}`, { file });
  } finally {
    await pdf.destroy();
  }
}
