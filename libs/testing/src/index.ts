export * from './test-database.js';
export * from './test-nats.js';
export * from './test-env.js';
export * from './rpc-harness.js';
