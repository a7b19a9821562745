import { appError, Errors, type AppError } from '@agentry/contracts';
import { isUniqueViolation } from '@agentry/persistence';

export function endUserNotFound(): AppError {
  return Errors.notFound('end-user');
}

/** Maps the unique index on (org, application, externalId) to 409 `external_id_taken`; rethrows anything else. */
export function rethrowExternalIdTaken(error: unknown): never {
  if (isUniqueViolation(error, 'end_users_external_id_unique')) {
    throw appError(409, 'external_id_taken', 'Another end-user of this application has this externalId.');
  }
  throw error;
}
