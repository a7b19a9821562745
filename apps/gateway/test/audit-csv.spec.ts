import type { AuditEventDto } from '@agentry/contracts';
import { AUDIT_CSV_COLUMNS, auditCsvRow, csvCell } from '../src/routes/audit/export/audit-csv.js';
import { exportRequest } from '../src/routes/audit/export/audit-export.js';

describe('audit CSV', () => {
  it('quotes what RFC 4180 needs quoted', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const lead of ['+', '-', '@', '\t']) expect(csvCell(`${lead}1`).replace(/^"/, '')).toMatch(/^'/);
  });

  it('writes one row with every column in order', () => {
    const record: AuditEventDto = {
      id: 'aud_1', object: 'audit_event', occurredAt: '2026-12-04T00:00:00.000Z', orgId: 'org_1', applicationId: null, action: 'run.create',
      outcome: 'success', actor: { type: 'api_key', id: 'key_1', apiKeyId: 'key_1', userId: 'usr_1' }, endUserId: 'eu_1',
      resource: { type: 'run', id: 'run_1' }, requestId: 'req_1', ip: '127.0.0.1', userAgent: 'curl/8', metadata: { a: 1 }, hash: 'h', prevHash: null,
    };
    expect(auditCsvRow(record).trimEnd().split(',')).toHaveLength(AUDIT_CSV_COLUMNS.length); // {"a":1} holds no comma
    expect(auditCsvRow(record)).toBe('aud_1,2026-12-04T00:00:00.000Z,org_1,,run.create,success,api_key,key_1,usr_1,key_1,eu_1,,,run,run_1,req_1,127.0.0.1,curl/8,"{""a"":1}",h,\r\n');
  });

  it('accepts ndjson (default) and csv, and refuses paging parameters', () => {
    expect(exportRequest({}).format).toBe('ndjson');
    expect(exportRequest({ format: 'csv', action: 'run.create' })).toEqual({ format: 'csv', filters: { action: 'run.create' } });
    expect(() => exportRequest({ format: 'toString' })).toThrow('The request is invalid');
    expect(() => exportRequest({ limit: '5' })).toThrow();
  });
});
