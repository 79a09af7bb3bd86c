import { createHash, type Hash } from 'node:crypto';
import type { Segment } from './segments.js';

/**
 * Per document a SHA-256 digest over its segment ids and text hashes (`<segment>\t<hash>\n` for
 * each segment): what changes.ts compares between two runs of ingest.
 */
export class DigestBuilder {
  private readonly digests = new Map<string, Hash>();
  // Rows come grouped by document: the lines of the current document are gathered and hashed in
  // pieces of about 64 KB (the digest is the same; one update call per row cost more than the rest).
  private current: string | undefined;
  private hash: Hash | undefined;
  private pending = '';

  add(document: string, segment: string, hash: string): void {
    if (document !== this.current) this.switchTo(document);
    this.pending += `${segment}\t${hash}\n`;
    if (this.pending.length >= 1 << 16) this.flush();
  }
  /** Adds a document's segments; a document without segments gets the digest of nothing. */
  addDocument(document: string, segments: readonly Segment[]): void {
    this.switchTo(document);
    for (const s of segments) this.add(document, s.segment, s.hash);
  }
  finish(): Map<string, string> {
    this.flush();
    return new Map([...this.digests].map(([d, h]) => [d, h.digest('hex')]));
  }
  private switchTo(document: string): void {
    this.flush();
    let h = this.digests.get(document);
    if (!h) this.digests.set(document, (h = createHash('sha256')));
    this.current = document;
    this.hash = h;
  }
  private flush(): void {
    if (this.pending !== '') this.hash!.update(this.pending);
    this.pending = '';
  }
}
