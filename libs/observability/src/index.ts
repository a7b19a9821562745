export * from './config.js';
export * from './logger.js';
export * from './health-server.js';
export * from './tracing.js';
