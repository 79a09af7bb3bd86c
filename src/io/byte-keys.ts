/**
 * Interns byte strings (CSV fields as read, before any decoding) as small integers: the first key
 * gets 0, the next new one 1, and so on, in order of first appearance. A million unit or segment
 * ids then cost one hash-table slot and their bytes in one arena, not a million string objects —
 * which is what lets agreement read a million-row file in a fraction of a second.
 *
 * Keys are compared as bytes, so two spellings are one key only when they are byte-identical (as
 * two JavaScript strings decoded from valid UTF-8 are equal only when their bytes are).
 */
export class ByteKeys {
  /** Open addressing, linear probing; per slot id + 1 (0: empty) and the key's hash, side by side for the cache. */
  private table: Int32Array;
  private hashes: Int32Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private arena: Uint8Array;
  private used = 0;
  /**
   * Keys that are plain whole numbers below 10^7 written without leading zeros ("0", "17", "123456":
   * unit ids often are) skip the hash: their value indexes this array of id + 1 directly.
   */
  private numeric: Int32Array;
  /** The number the last `find` read (-1 when the key was not such a number), and its hash. */
  private lastNumber = -1;
  private lastHash = 0;
  /** Number of keys. */
  size = 0;

  /** `expected`: about how many keys there will be (the arrays then rarely grow). */
  constructor(expected = 256) {
    const n = Math.max(256, Math.ceil(expected));
    // The table keeps at most half its slots in use (two numbers a slot); the key arrays grow by doubling.
    this.table = new Int32Array(4 * 2 ** Math.ceil(Math.log2(n)));
    this.hashes = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.arena = new Uint8Array(12 * n);
    this.numeric = new Int32Array(Math.min(Math.max(1024, n), 1 << 20));
  }

  /** The id of the bytes data[start, end), adding them when new. */
  id(data: Uint8Array, start: number, end: number): number {
    // A handful of keys (coders, values, origins) is quicker to compare than to hash.
    if (this.size <= 8) for (let k = 0; k < this.size; k++) if (this.is(k, data, start, end)) return k;
    const found = this.find(data, start, end);
    return found >= 0 ? found : this.add(data, start, end, this.lastHash);
  }

  /** The id of the bytes, or -1 when they are not a key. */
  find(data: Uint8Array, start: number, end: number): number {
    const v = (this.lastNumber = numberOf(data, start, end));
    if (v >= 0) return v < this.numeric.length ? this.numeric[v]! - 1 : -1;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
    // FNV-1a leaves the low bits of short, similar keys ("1", "2", …) clustered: mix them (MurmurHash3's finaliser).
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    this.lastHash = h;
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot << 1]!;
      if (entry === 0) return -1;
      if (table[(slot << 1) + 1] !== h) continue;
      const id = entry - 1;
      const from = this.starts[id]!;
      if (this.ends[id]! - from !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++)
        if (this.arena[from + k] !== data[start + k]) {
          same = false;
          break;
        }
      if (same) return id;
    }
  }

  /** The key as text (UTF-8). */
  text(id: number): string {
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + this.starts[id]!, this.length(id)).toString('utf8');
  }

  /** A copy of the key's bytes. */
  bytes(id: number): Uint8Array {
    return this.arena.slice(this.starts[id], this.ends[id]);
  }

  length(id: number): number {
    return this.ends[id]! - this.starts[id]!;
  }

  /** Every key as text, by id. */
  texts(): string[] {
    return Array.from({ length: this.size }, (_, id) => this.text(id));
  }

  private add(data: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.size++;
    if (id >= this.hashes.length) {
      this.hashes = grown(this.hashes, this.hashes.length * 2);
      this.starts = grown(this.starts, this.starts.length * 2);
      this.ends = grown(this.ends, this.ends.length * 2);
    }
    const length = end - start;
    if (this.used + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    for (let k = 0; k < length; k++) this.arena[this.used + k] = data[start + k]!;
    this.hashes[id] = hash;
    this.starts[id] = this.used;
    this.ends[id] = this.used + length;
    this.used += length;
    const number = this.lastNumber;
    if (number >= 0) {
      if (number >= this.numeric.length)
        this.numeric = grown(this.numeric, Math.max(number + 1, this.numeric.length * 2));
      this.numeric[number] = id + 1;
    } else if (this.size * 4 > this.table.length) this.rehash();
    else this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    const mask = (this.table.length >> 1) - 1;
    let slot = hash & mask;
    while (this.table[slot << 1] !== 0) slot = (slot + 1) & mask;
    this.table[slot << 1] = id + 1;
    this.table[(slot << 1) + 1] = hash;
  }

  /**
   * `id` (or `find`, without adding, when `add` is false), first trying the key `previous` and the
   * `ahead` keys after it: keys read from a sorted file mostly repeat or come a little later in the
   * same order (codings follow the segments file), and then cost no hash-table lookup.
   */
  near(previous: number, data: Uint8Array, start: number, end: number, add = true, ahead = 1): number {
    if (previous >= 0)
      for (let id = previous, last = Math.min(previous + ahead, this.size - 1); id <= last; id++)
        if (this.is(id, data, start, end)) return id;
    return add ? this.id(data, start, end) : this.find(data, start, end);
  }

  /** True when key `id` is the bytes data[start, end) (a cheap check for a repeated key). */
  is(id: number, data: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[id]!;
    if (this.ends[id]! - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.arena[from + k] !== data[start + k]) return false;
    return true;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let id = 0; id < this.size; id++)
      if (numberOf(this.arena, this.starts[id]!, this.ends[id]!) < 0) this.place(id, this.hashes[id]!);
  }
}

/** The value of a key that is a whole number below 10^7 without leading zeros, else -1. */
function numberOf(data: Uint8Array, start: number, end: number): number {
  const first = data[start]!;
  if (end - start > 7 || end <= start || !((first > 48 && first <= 57) || (first === 48 && end - start === 1)))
    return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = data[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

type Typed = Int32Array | Uint32Array | Uint8Array | Float64Array;

/** A typed array of `size` elements starting with a's (for arrays that grow by doubling). */
export function grown<T extends Typed>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
