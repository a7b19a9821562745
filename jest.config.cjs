/**
 * One Jest run over every package. Nest 12 is ESM-only, so Jest runs in ESM mode
 * (`--experimental-vm-modules`); workspace imports resolve to sources, so tests need no build.
 */
const path = require('node:path');
const fs = require('node:fs');

const aliases = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const group of ['libs', 'apps']) {
  for (const name of fs.readdirSync(path.join(__dirname, group))) {
    aliases[`^@agentry/${name}$`] = `<rootDir>/${group}/${name}/src/index.ts`;
  }
}

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tests'],
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: aliases,
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.base.json', diagnostics: false }],
  },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  maxWorkers: 2,
  testTimeout: 60000,
};
