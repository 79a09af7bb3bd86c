import { createHash } from 'node:crypto';

/** Short content hash: the first 12 hex digits (48 bits) of SHA-256 over the UTF-8 text. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}
