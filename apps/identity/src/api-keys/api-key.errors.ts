import { AppError, appError, titleFor, type FieldError } from '@agentry/contracts';

/** One answer for malformed, unknown, expired and revoked keys: nothing to learn by probing. */
export function invalidApiKey(): AppError {
  return appError(401, 'invalid_api_key', 'The API key is invalid, expired or revoked.');
}

export function invalidScopes(scopes: string[], errors: FieldError[]): AppError {
  return new AppError({
    status: 400, code: 'invalid_scopes', title: titleFor(400), errors,
    detail: `These scopes cannot be granted to this key: ${scopes.join(', ')}.`,
  });
}
