// Payloads and replies of the identity service's subjects.
export * from './auth.js';
