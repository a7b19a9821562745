/**
 * PostgreSQL text and jsonb refuse U+0000; a record carrying one would be redelivered forever.
 * Replaces it (in strings and keys, at any depth) with U+FFFD before the record is hashed and stored.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item) => withoutNul(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}
