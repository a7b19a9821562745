// Payloads and replies of the tenancy service's subjects.
export * from './common.js';
export * from './organizations.js';
export * from './memberships.js';
export * from './roles.js';
export * from './applications.js';
export * from './settings.js';
export * from './invitations.js';
