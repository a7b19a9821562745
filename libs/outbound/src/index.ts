export * from './forbidden-address.js';
export * from './guarded-lookup.js';
