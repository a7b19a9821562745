export * from './data-source.js';
export * from './pg-errors.js';
export * from './cursor.js';
export * from './tenant-scope.js';
