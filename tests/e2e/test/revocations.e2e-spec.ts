import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, PASSWORD, signup } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/**
 * What is taken away stops working at the next request, although gateways and services cache
 * it: ended sessions, deleted end-users, lowered quotas. And a throttled org can still be fixed.
 */
describe('revocations take effect at once', () => {
  let platform: TestPlatform;
  let base: string;
  let owner: ApiClient;
  let orgId: string;
  let key: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'runner'] });
    base = `${platform.url}/api`;
    const { user, csrf } = await signup(base, 'owner@revoke.test', 'Owner');
    const org = await user.withHeaders(csrf).post('/orgs', { name: 'Revocations' });
    orgId = org.body.id;
    owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    const created = await owner.post('/api-keys', { name: 'backend', scopes: ['agents:run', 'runs:read', 'end-users:create', 'end-users:delete', 'end-users:impersonate', 'connections:create'] });
    expect(created.status).toBe(201);
    key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
    expect((await owner.post('/agents', { slug: 'sleep', name: 'Sleep', executor: { kind: 'builtin', name: 'sleep' } })).status).toBe(201);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('a session ended from another session answers 401 on its very next request', async () => {
    const other = new ApiClient(base);
    expect((await other.post('/auth/login', { email: 'owner@revoke.test', password: PASSWORD })).status).toBe(200);
    expect((await other.get('/me')).status).toBe(200); // now cached by the gateway
    const sessions = await owner.get('/me/sessions');
    const target = sessions.body.data.find((s: { current: boolean }) => !s.current);
    expect((await owner.delete(`/me/sessions/${target.id}`)).status).toBe(204);
    expectProblem(await other.get('/me'), 401, 'unauthenticated');
  });

  it('a deleted end-user cannot be acted for at the next request', async () => {
    const endUser = await key.post('/end-users', { externalId: 'leaving' });
    const asEndUser = { headers: { 'appstrate-user': endUser.body.id } };
    expect((await key.get('/runs', asEndUser)).status).toBe(200); // the gateway now knows the end-user exists
    expect((await key.delete(`/end-users/${endUser.body.id}`)).status).toBe(200);
    expectProblem(await key.post('/runs', { agentId: 'sleep', input: { ms: 1 } }, asEndUser), 403, 'invalid_end_user');
    expectProblem(await key.post('/connections', { provider: 'github', credentials: { token: 't' } }, asEndUser), 403, 'invalid_end_user');
  });

  it('a lowered concurrency cap applies to the next run, not seconds later', async () => {
    // runs caches the org's (default) quotas while admitting this one
    const primer = await key.post('/runs', { agentId: 'sleep', input: { ms: 1 } });
    await eventually(() => key.get(`/runs/${primer.body.id}`), (r) => r.body?.status === 'succeeded');
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { maxConcurrentRuns: 1, maxQueuedRuns: 1 })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => key.post('/runs', { agentId: 'sleep', input: { ms: 3000, i } })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 429, 429, 429, 429]);
    const refused = results.find((r) => r.status === 429)!;
    expectProblem(refused, 429, 'concurrency_limit_exceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const run of results.filter((r) => r.status === 201)) await owner.post(`/runs/${run.body.id}/cancel`);
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { maxConcurrentRuns: 10, maxQueuedRuns: 100 })).status).toBe(200);
  });

  it('an org throttled to a standstill can still read and fix its quotas and revoke keys', async () => {
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { requestsPerMinute: 1 })).status).toBe(200);
    await key.get('/runs');
    expectProblem(await key.get('/runs'), 429, 'rate_limited');
    expectProblem(await owner.get('/agents'), 429, 'rate_limited');
    expect((await owner.get(`/orgs/${orgId}/quotas`)).status).toBe(200);
    expect((await owner.get('/api-keys')).status).toBe(200);
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { requestsPerMinute: 600 })).status).toBe(200);
    expect((await owner.get('/agents')).status).toBe(200);
  });
});
