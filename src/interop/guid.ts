import { createHash } from 'node:crypto';

/**
 * Deterministic GUIDs for REFI-QDA: a UUID version 5 (RFC 9562 §5.5, SHA-1 of a namespace and a
 * name) of a stable name such as `user:anna` or `code:overheid.reguleren`. Two exports of the same
 * data therefore carry the same GUIDs, byte for byte, and a re-export keeps the identities a QDA
 * package has already seen. The namespace is llo's own (a fixed random UUID), so llo's GUIDs do not
 * collide with another program's v5 GUIDs of the same names.
 */
const LLO_NAMESPACE = Buffer.from('5b0f6c3e8d2a4c1f9e7b3a6d2c8f4e01', 'hex');

export function guid(name: string): string {
  const hash = createHash('sha1').update(LLO_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A GUID as REFI-QDA allows it (braces, either case) in one form for comparing: lower case, no braces. */
export function normaliseGuid(value: string): string {
  return value
    .trim()
    .replace(/^\{|\}$/gu, '')
    .toLowerCase();
}
