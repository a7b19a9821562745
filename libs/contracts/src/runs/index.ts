// Payloads and replies of the runs service's subjects.
export * from './validators.js';
export * from './page-query.js';
export * from './executor.js';
export * from './agents.js';
export * from './runs.js';
export * from './runner.js';
export * from './kill-switch.js';
