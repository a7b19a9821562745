// Payloads and replies of the audit service's subjects.
export * from './audit-subjects.js';
export * from './audit-event.dto.js';
export * from './list-audit-events.js';
