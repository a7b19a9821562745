import { Errors } from '../errors.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are canonical: trimmed, NFC, lower-case; a variant of an existing one is the same email. */
export function canonicalEmail(raw: string): string {
  const email = raw.trim().normalize('NFC').toLowerCase();
  if (!EMAIL.test(email)) throw Errors.validation([{ field: 'email', code: 'is_email', message: 'email must be a valid email address' }]);
  return email;
}
