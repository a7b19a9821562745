import { END_USER_METADATA_MAX_KEYS, Errors, type EndUserMetadata, type EndUserMetadataPatch } from '@agentry/contracts';

/** PATCH semantics: keys are merged, a key set to null is removed, `null` clears all. The result keeps the key limit. */
export function mergeMetadata(current: EndUserMetadata, patch: EndUserMetadataPatch | null): EndUserMetadata {
  if (patch === null) return {};
  const merged = new Map(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  if (merged.size > END_USER_METADATA_MAX_KEYS) {
    throw Errors.validation([{ field: 'metadata', code: 'metadata_max_keys', message: `metadata would have more than ${END_USER_METADATA_MAX_KEYS} keys` }]);
  }
  return Object.fromEntries(merged);
}
