import { isGrantableToApiKey, isPermission, type FieldError } from '@agentry/contracts';
import { invalidScopes } from './api-key.errors.js';

/**
 * A key's scopes must be known permissions, grantable to keys, and held by its creator now.
 * Returns them de-duplicated; throws 400 `invalid_scopes` naming every bad one.
 */
export function assertGrantableScopes(requested: string[], creatorPermissions: readonly string[]): string[] {
  const held = new Set(creatorPermissions);
  const scopes = [...new Set(requested)];
  const bad: string[] = [];
  const errors: FieldError[] = [];
  for (const scope of scopes) {
    const problem = !isPermission(scope)
      ? 'is not a known permission'
      : !isGrantableToApiKey(scope)
        ? 'cannot be granted to an API key'
        : !held.has(scope)
          ? 'is not among your permissions'
          : null;
    if (!problem) continue;
    bad.push(scope);
    errors.push({ field: 'scopes', code: 'invalid_scope', message: `${scope} ${problem}.` });
  }
  if (errors.length > 0) throw invalidScopes(bad, errors);
  return scopes;
}
