/** Dated API versions, oldest first. The last is current. */
export const API_VERSIONS = ['2026-11-01'] as const;
export const CURRENT_API_VERSION: string = API_VERSIONS[API_VERSIONS.length - 1]!;
export function isSupportedApiVersion(v: string): boolean {
  return (API_VERSIONS as readonly string[]).includes(v);
}
