/**
 * A cache of what each distinct token of a text leads to, looked up by a hash of the token's
 * characters in the text itself: no substring is made and hashed per word, only per new word
 * (llo issue 15: a Map keyed by a fresh substring of every word cost more than the matching).
 * Open addressing with linear probing; when `limit` tokens are held it starts afresh, as the Map
 * it replaces did, so memory stays bounded on any corpus.
 */
export class TokenTable<V> {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private tokens: string[] = [];
  private hashes: number[] = [];
  private values: V[] = [];

  constructor(private readonly limit = 200_000) {
    // At most about 40% full.
    let size = 1024;
    while (size < limit * 2.5) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The value of the token `text[from, to)` (whose `hashOf` is `hash`), if cached. */
  get(text: string, from: number, to: number, hash: number): V | undefined {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === 0) return undefined;
      const t = this.tokens[s - 1]!;
      if (this.hashes[s - 1] === hash && t.length === to - from && text.startsWith(t, from)) return this.values[s - 1];
    }
  }

  set(token: string, hash: number, value: V): void {
    if (this.tokens.length >= this.limit) {
      this.slots.fill(0);
      this.tokens = [];
      this.hashes = [];
      this.values = [];
    }
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.tokens.push(token);
    this.hashes.push(hash);
    this.values.push(value);
    this.slots[i] = this.tokens.length;
  }
}

/** A hash of `text[from, to)` for TokenTable (FNV-1a over UTF-16 units). */
export function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
