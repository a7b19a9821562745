import { isId, newId, ulid } from './ids.js';

describe('ids', () => {
  it('makes prefixed ULIDs that isId accepts, unique and sortable by time', () => {
    const ids = Array.from({ length: 2000 }, () => newId('run'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isId('run', id)).toBe(true);
    expect(ulid(1_000).slice(0, 10) < ulid(2_000).slice(0, 10)).toBe(true);
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
    expect(ulid(Date.UTC(2026, 0, 1))).toMatch(/^01K[0-9A-HJKMNP-TV-Z]{23}$/);
  });

  it('refuses other prefixes and malformed ids', () => {
    expect(isId('run', newId('org'))).toBe(false);
    expect(isId('run', 'run_123')).toBe(false);
    expect(isId('run', `run_${'I'.repeat(26)}`)).toBe(false);
    expect(isId('run', 42)).toBe(false);
  });
});
