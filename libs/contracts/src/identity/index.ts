// Payloads and replies of the identity service's subjects.
export * from './auth.js';
export * from './users.js';
export * from './sessions.js';
export * from './pagination.js';
export * from './metadata.js';
export * from './api-key-format.js';
export * from './api-keys.js';
export * from './end-users.js';
export * from './connections.js';
export * from './email.js';
export * from './impersonations.js';
