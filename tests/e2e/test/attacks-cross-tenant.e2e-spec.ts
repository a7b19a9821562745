import { ApiClient, type ApiResponse } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { createTenant, expectProblem, type Tenant } from './support/tenants.js';

/**
 * Cross-tenant access through the gateway: ids, cursors, filters and end-users of another
 * org or application answer 404 (or the refusal api.md names), and change nothing.
 */
describe('attacks: cross-tenant access', () => {
  let platform: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  let base: string;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    base = `${platform.url}/api`;
    a = await createTenant(base, 'alice');
    b = await createTenant(base, 'bob');
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** Every route that takes an id, as [method, path, body]. */
  function idRoutes(t: Tenant, own: Tenant = t): [string, string, unknown?][] {
    return [
      ['GET', `/applications/${t.appId}`],
      ['PATCH', `/applications/${t.appId}`, { name: 'pwned' }],
      ['GET', `/end-users/${t.endUserId}`],
      ['PATCH', `/end-users/${t.endUserId}`, { name: 'pwned' }],
      ['GET', `/agents/${t.agentId}`],
      ['PATCH', `/agents/${t.agentId}`, { name: 'pwned' }],
      ['GET', `/agents/${t.agentId}/versions`],
      ['POST', `/agents/${t.agentId}/versions`, { executor: { kind: 'builtin', name: 'fail' } }],
      ['POST', '/runs', { agentId: t.agentId, input: {} }],
      ['GET', `/runs/${t.runId}`],
      ['GET', `/runs/${t.runId}/events`],
      ['POST', `/runs/${t.runId}/cancel`],
      ['POST', '/runs/cancel', { agentId: t.agentId }],
      ['GET', `/webhooks/${t.webhookId}`],
      ['PATCH', `/webhooks/${t.webhookId}`, { description: 'pwned' }],
      ['GET', `/webhooks/${t.webhookId}/messages`],
      ['POST', `/webhooks/${t.webhookId}/rotate-secret`, {}],
      ['POST', `/webhooks/${t.webhookId}/test`],
      ['POST', `/webhooks/${t.webhookId}/recover`, { since: new Date(Date.now() - 3_600_000).toISOString() }],
      ['POST', `/webhooks/${t.webhookId}/messages/${t.messageId}/retry`],
      ['POST', `/webhooks/${own.webhookId}/messages/${t.messageId}/retry`],
      ['DELETE', `/connections/${t.connectionId}`],
      ['DELETE', `/connections/${t.euConnectionId}`],
      ['DELETE', `/webhooks/${t.webhookId}`],
      ['DELETE', `/agents/${t.agentId}`],
      ['DELETE', `/end-users/${t.endUserId}`],
      ['DELETE', `/applications/${t.app2Id}`],
    ];
  }

  async function send(client: ApiClient, [method, path, body]: [string, string, unknown?]): Promise<ApiResponse> {
    return client.request(method, path, body === undefined ? {} : { body });
  }

  async function expectAllNotFound(client: ApiClient, routes: [string, string, unknown?][]): Promise<void> {
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(client, route);
      if (res.status !== 404 || res.body?.code !== 'not_found' || !String(res.headers.get('content-type')).includes('problem+json')) {
        wrong.push(`${route[0]} ${route[1]} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  }

  describe('cross-tenant ids answer 404', () => {
    it("another org's API key sees none of the org's resources", async () => {
      await expectAllNotFound(b.key, idRoutes(a, b));
    });

    it("another org's owner session sees none of them either", async () => {
      await expectAllNotFound(b.session, idRoutes(a, b));
      await expectAllNotFound(b.session, [
        ['GET', `/api-keys/${a.keyId}`],
        ['DELETE', `/api-keys/${a.keyId}`],
        ['DELETE', `/me/sessions/${a.sessionId}`],
      ]);
    });

    it("a key of another application in the same org sees none of the application's resources", async () => {
      const sameOrgOtherApp = idRoutes(a).filter(([, path]) => !path.includes(a.app2Id));
      await expectAllNotFound(a.key2, sameOrgOtherApp);
      // and the first app's key does not see the second application's end-user
      await expectAllNotFound(a.key, [['GET', `/end-users/${a.endUser2Id}`], ['GET', `/applications/${a.app2Id}`]]);
    });

    it('an org the caller does not belong to: 404 on org routes, with the key or a session', async () => {
      const routes: [string, string, unknown?][] = [
        ['GET', `/orgs/${a.orgId}`],
        ['GET', `/orgs/${a.orgId}/members`],
        ['GET', `/orgs/${a.orgId}/settings`],
        ['PATCH', `/orgs/${a.orgId}/settings`, { auditRetentionDays: 30 }],
        ['GET', `/orgs/${a.orgId}/quotas`],
        ['PATCH', `/orgs/${a.orgId}/quotas`, { requestsPerMinute: 1 }],
        ['GET', `/orgs/${a.orgId}/kill-switch`],
        ['PUT', `/orgs/${a.orgId}/kill-switch`, { reason: 'pwned' }],
        ['DELETE', `/orgs/${a.orgId}/kill-switch`],
        ['PATCH', `/orgs/${a.orgId}`, { name: 'pwned' }],
        ['POST', `/orgs/${a.orgId}/transfer`, { userId: b.userId }],
        ['PATCH', `/orgs/${a.orgId}/members/${a.userId}`, { role: 'viewer' }],
        ['DELETE', `/orgs/${a.orgId}/members/${a.userId}`],
        ['GET', `/orgs/${a.orgId}/invitations`],
        ['POST', `/orgs/${a.orgId}/invitations`, { email: 'pwned@evil.test', role: 'admin' }],
        ['GET', `/orgs/${a.orgId}/roles`],
        ['POST', `/orgs/${a.orgId}/roles`, { name: 'pwned', permissions: ['runs:read'] }],
        ['DELETE', `/orgs/${a.orgId}`],
      ];
      await expectAllNotFound(b.session, routes);
      const viaHeader = await b.user.withHeaders({ 'x-org-id': a.orgId }).get('/runs');
      expectProblem(viaHeader, 404, 'not_found');
      const foreignApp = await b.session.withHeaders({ 'x-application-id': a.appId }).get('/runs');
      expectProblem(foreignApp, 404, 'not_found');
    });

    it('nothing was changed by any of it', async () => {
      const run = await a.key.get(`/runs/${a.runId}`);
      expect(run.status).toBe(200);
      expect(run.body.cancelReason ?? null).toBeNull();
      expect((await a.key.get(`/end-users/${a.endUserId}`)).body.name).toBeNull();
      expect((await a.key.get(`/agents/${a.agentId}`)).body).toMatchObject({ name: 'Echo', latestVersion: 2 });
      expect((await a.key.get(`/webhooks/${a.webhookId}`)).body.description ?? null).toBeNull();
      expect((await a.session.get(`/applications/${a.app2Id}`)).status).toBe(200);
      expect((await a.session.get('/connections')).body.data).toHaveLength(2);
      expect((await a.session.get(`/api-keys/${a.keyId}`)).body.revokedAt).toBeNull();
      expect((await a.session.get(`/orgs/${a.orgId}/quotas`)).body.requestsPerMinute).not.toBe(1);
      expect((await a.session.get(`/orgs/${a.orgId}/kill-switch`)).body.engaged).toBe(false);
      expect((await a.session.get(`/orgs/${a.orgId}`)).body).toMatchObject({ name: 'Org alice', role: 'owner' });
      expect((await a.session.get(`/orgs/${a.orgId}/invitations`)).body.data).toEqual([]);
      expect((await a.session.get(`/orgs/${a.orgId}/roles`)).body.data).toHaveLength(4);
    });

    it('foreign cursors → 400 invalid_cursor', async () => {
      const wrong: string[] = [];
      const pathFor = (t: Tenant, list: string) => list.replace('{agent}', t.agentId).replace('{hook}', t.webhookId);
      const clientFor = (t: Tenant, list: string) =>
        ['/applications', '/api-keys', '/connections', '/audit-events'].includes(list) ? t.session : ['/me/sessions', '/orgs'].includes(list) ? t.user : t.key;
      for (const [list, cursor] of Object.entries(a.cursors)) {
        const res = await clientFor(b, list).get(`${pathFor(b, list)}?cursor=${encodeURIComponent(cursor)}`);
        if (res.status !== 400 || res.body.code !== 'invalid_cursor') wrong.push(`${list} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
      // another list's cursor, same tenant
      const crossList = await a.key.get(`/agents?cursor=${encodeURIComponent(a.cursors['/runs']!)}`);
      if (crossList.status !== 400) wrong.push(`runs cursor on /agents → ${crossList.status}`);
      // a forged one
      const forged = await a.key.get(`/runs?cursor=${encodeURIComponent(a.cursors['/runs']!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))}`);
      if (forged.status !== 400 || forged.body.code !== 'invalid_cursor') wrong.push(`forged → ${forged.status}`);
      expect(wrong).toEqual([]);
    });

    it("a cursor of one application's list does not work in another application", async () => {
      for (const list of ['/runs', '/agents', '/end-users', '/webhooks']) {
        const res = await a.key2.get(`${list}?cursor=${encodeURIComponent(a.cursors[list]!)}`);
        expectProblem(res, 400, 'invalid_cursor');
      }
      const apps = await a.session.withHeaders({ 'x-application-id': a.app2Id }).get(`/api-keys?cursor=${encodeURIComponent(a.cursors['/api-keys']!)}`);
      expect([200, 400]).toContain(apps.status);
    });

    it('Appstrate-User with an end-user of another org or app → 403 invalid_end_user', async () => {
      for (const [client, endUser] of [[b.key, a.endUserId], [a.key2, a.endUserId], [a.key, a.endUser2Id], [a.key, b.endUserId]] as const) {
        const res = await client.get('/runs', { headers: { 'appstrate-user': endUser } });
        expectProblem(res, 403, 'invalid_end_user');
        const post = await client.post('/runs', { agentId: 'echo', input: {} }, { headers: { 'appstrate-user': endUser } });
        expectProblem(post, 403, 'invalid_end_user');
      }
    });

    it('filters naming foreign ids show nothing', async () => {
      const runs = await b.key.get(`/runs?endUserId=${a.endUserId}`);
      expect(runs.status).toBe(200);
      expect(runs.body.data).toEqual([]);
      const byAgent = await b.key.get(`/runs?agentId=${a.agentId}`);
      expect([200, 404]).toContain(byAgent.status);
      if (byAgent.status === 200) expect(byAgent.body.data).toEqual([]);
      const audit = await b.session.get(`/audit-events?resourceId=${a.runId}`);
      expect(audit.status).toBe(200);
      expect(audit.body.data).toEqual([]);
      const euByEmail = await b.key.get(`/end-users?email=${encodeURIComponent(`jane@alice.test`)}`);
      expect(euByEmail.body.data).toEqual([]);
    });

    it('an end-user acting through a key sees only its own runs and connections', async () => {
      const other = (await a.key.get('/end-users')).body.data.find((e: { id: string }) => e.id !== a.endUserId).id as string;
      const own = await a.key.post('/runs', { agentId: 'echo', input: {} }, { headers: { 'appstrate-user': a.endUserId } });
      expect(own.status).toBe(201);
      const seen = await a.key.get(`/runs/${own.body.id}`, { headers: { 'appstrate-user': other } });
      expectProblem(seen, 404, 'not_found');
      const listed = await a.key.get('/runs', { headers: { 'appstrate-user': other } });
      expect(listed.body.data).toEqual([]);
      const cons = await a.key.get('/connections', { headers: { 'appstrate-user': other } });
      expect(cons.body.data).toEqual([]);
      const del = await a.key.delete(`/connections/${a.euConnectionId}`, { headers: { 'appstrate-user': other } });
      expectProblem(del, 404, 'not_found');
      const cancel = await a.key.post(`/runs/${own.body.id}/cancel`, undefined, { headers: { 'appstrate-user': other } });
      expectProblem(cancel, 404, 'not_found');
      const cursor = await a.key.get(`/runs?limit=1&cursor=${encodeURIComponent(a.cursors['/runs']!)}`, { headers: { 'appstrate-user': other } });
      expectProblem(cursor, 400, 'invalid_cursor');
    });
  });

  describe('agent JSON Schemas', () => {
    it("one tenant's schema $id neither blocks nor leaks into another tenant's", async () => {
      const schema = { $id: 'https://schemas.test/input', type: 'object', properties: { secret: { const: 'alice-only' } } };
      const mine = await a.key.post('/agents', { slug: 'with-id', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: schema });
      expect(mine.status).toBe(201);
      const theirs = await b.key.post('/agents', { slug: 'with-id', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { ...schema, properties: {} } });
      expect(theirs.status).toBe(201);
      const ref = await b.key.post('/agents', { slug: 'with-ref', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { $ref: 'https://schemas.test/input' } });
      expect(ref.status).toBe(400);
      const run = await b.key.post('/runs', { agentId: 'with-id', input: { secret: 'anything' } });
      expect(run.status).toBe(201);
      const mineRefused = await a.key.post('/runs', { agentId: 'with-id', input: { secret: 'anything' } });
      expectProblem(mineRefused, 422, 'invalid_input');
    });

    it("a schema claiming the meta-schema's $id breaks nothing for anyone else", async () => {
      const meta = await b.key.post('/agents', {
        slug: 'meta', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { $id: 'http://json-schema.org/draft-07/schema', type: 'object' },
      });
      expect(meta.status).toBeLessThan(500);
      const bad = await a.key.post('/agents', { slug: 'after-meta', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { type: 'banana' } });
      expectProblem(bad, 400, 'invalid_schema');
      const good = await a.key.post('/agents', { slug: 'after-meta', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { type: 'object', required: ['q'] } });
      expect(good.status).toBe(201);
      expectProblem(await a.key.post('/runs', { agentId: 'after-meta', input: {} }), 422, 'invalid_input');
    });
  });
});
