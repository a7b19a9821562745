import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/** `GET /audit-events/export`: the whole trail (or a filtered part), streamed as NDJSON or CSV. */
describe('audit export', () => {
  let platform: TestPlatform;
  let base: string;
  let owner: ApiClient;
  let orgId: string;
  let member: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'audit'] });
    base = `${platform.url}/api`;
    const { user, csrf } = await signup(base, 'owner@export.test', 'Owner');
    orgId = (await user.withHeaders(csrf).post('/orgs', { name: 'Export' })).body.id;
    owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    // 130 end-users: more than one page of the audit list.
    for (let i = 0; i < 130; i++) expect((await owner.post('/end-users', { externalId: `c-${i}` })).status).toBe(201);
    const key = await owner.post('/api-keys', { name: 'reader', scopes: ['end-users:read'] });
    member = new ApiClient(base, { authorization: `Bearer ${key.body.key}` });
  });

  afterAll(async () => {
    await platform?.close();
  });

  const raw = (path: string) => fetch(`${base}${path}`, { headers: { cookie: `agentry_session=${owner.cookie('agentry_session')}`, 'x-org-id': orgId } });

  it('streams every matching record as NDJSON, newest first, across pages', async () => {
    // Audit records arrive through JetStream: wait until all 130 are in.
    await eventually(async () => (await (await raw('/audit-events/export?action=end_user.create')).text()).trim().split('\n'), (lines) => lines.length === 130);
    const res = await raw('/audit-events/export?format=ndjson&action=end_user.create');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-org_.*\.ndjson"$/);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const records = (await res.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(records).toHaveLength(130);
    expect(new Set(records.map((r) => r.id)).size).toBe(130);
    expect(records.every((r) => r.action === 'end_user.create' && r.orgId === orgId && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    const times = records.map((r) => r.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('CSV has a header and one row per record', async () => {
    const res = await raw('/audit-events/export?format=csv&action=end_user.create');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,occurredAt,orgId,applicationId,action,outcome,actorType,actorId,actorUserId,actorApiKeyId,endUserId,impersonatorUserId,impersonationId,resourceType,resourceId,requestId,ip,userAgent,metadata,hash,prevHash');
    expect(lines).toHaveLength(131);
    expect(lines[1]).toMatch(/^aud_[0-9A-Z]{26},\d{4}-/);
  });

  it('the export is audited, bad parameters are 400 before streaming, and it needs audit:export', async () => {
    await eventually(() => owner.get('/audit-events?action=audit.export'), (r) => r.body?.data?.length >= 2);
    for (const query of ['format=xml', 'format=ndjson&limit=5', 'format=csv&cursor=x', 'outcome=maybe', 'bogus=1']) {
      expectProblem(await owner.get(`/audit-events/export?${query}`), 400, 'validation_failed');
    }
    expectProblem(await member.get('/audit-events/export'), 403, 'insufficient_scope');
  });
});
