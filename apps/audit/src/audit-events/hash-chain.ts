import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level (arrays keep their order, undefined members are
 * dropped as JSON.stringify drops them), so the same record always serializes to the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/** The link of a record in its org's chain: SHA-256 (hex) of the previous hash ('' for the first) and the record. */
export function chainHash(prevHash: string | null, fields: object): string {
  return createHash('sha256').update(prevHash ?? '').update(canonicalJson(fields)).digest('hex');
}
