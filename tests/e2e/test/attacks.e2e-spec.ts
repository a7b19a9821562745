import { API_KEY_GRANTABLE_PERMISSIONS } from '@agentry/contracts';
import pg from 'pg';
import { ApiClient, type ApiResponse } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { eventually } from './support/webhook-receiver.js';

/**
 * A hostile tenant and a careless client against the gateway over HTTP: foreign ids and cursors,
 * bad input, races and permission edges. Every refusal is a 4xx problem+json with a stable code.
 */

interface Tenant {
  user: ApiClient;
  session: ApiClient;
  userId: string;
  orgId: string;
  appId: string;
  app2Id: string;
  key: ApiClient;
  keySecret: string;
  keyId: string;
  key2: ApiClient;
  key2Id: string;
  endUserId: string;
  endUser2Id: string;
  agentId: string;
  agent2Id: string;
  runId: string;
  webhookId: string;
  messageId: string;
  connectionId: string;
  euConnectionId: string;
  sessionId: string;
  cursors: Record<string, string>;
}

const PASSWORD = 'a long enough password';
const SCOPES = [...API_KEY_GRANTABLE_PERMISSIONS];

/** A problem document with a stable code and the request id. */
function expectProblem(res: ApiResponse, status: number, code?: string): void {
  expect(`${res.status} ${JSON.stringify(res.body)}`).toMatch(new RegExp(`^${status} `));
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code: code ?? expect.stringMatching(/^[a-z][a-z0-9_]*$/), requestId: expect.stringMatching(/^req_/) });
}

describe('attacks through the gateway', () => {
  let platform: TestPlatform;
  let db: pg.Client;
  let a: Tenant;
  let b: Tenant;
  let base: string;

  async function signup(email: string, name: string): Promise<{ user: ApiClient; userId: string; csrf: Record<string, string> }> {
    const user = new ApiClient(base);
    const res = await user.post('/auth/signup', { email, password: PASSWORD, name });
    expect(res.status).toBe(201);
    return { user, userId: res.body.user.id, csrf: { 'x-csrf-token': user.cookie('agentry_csrf')! } };
  }

  async function tenant(label: string): Promise<Tenant> {
    const { user, userId, csrf } = await signup(`${label}@${label}.test`, label);
    const org = await user.withHeaders(csrf).post('/orgs', { name: `Org ${label}` });
    expect(org.status).toBe(201);
    const orgId = org.body.id as string;
    const session = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    // this file sends far more than the default 600 requests a minute per org
    expect((await session.patch(`/orgs/${orgId}/quotas`, { requestsPerMinute: 1_000_000 })).status).toBe(200);
    const apps = await session.get('/applications');
    const appId = apps.body.data[0].id as string;
    const app2 = await session.post('/applications', { name: `${label} second` });
    expect(app2.status).toBe(201);
    const created = await session.post('/api-keys', { name: 'all', scopes: SCOPES });
    expect(created.status).toBe(201);
    const created2 = await session.withHeaders({ 'x-application-id': app2.body.id }).post('/api-keys', { name: 'app2', scopes: SCOPES });
    expect(created2.status).toBe(201);
    await session.post('/api-keys', { name: 'spare', scopes: ['runs:read'] });
    const key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
    const key2 = new ApiClient(base, { authorization: `Bearer ${created2.body.key}` });

    const eu = await key.post('/end-users', { externalId: `${label}-1`, email: `jane@${label}.test` });
    await key.post('/end-users', { externalId: `${label}-2` });
    const eu2 = await key2.post('/end-users', { externalId: `${label}-other-app` });
    expect(eu.status).toBe(201);
    expect(eu2.status).toBe(201);
    const agent = await key.post('/agents', { slug: 'echo', name: 'Echo', executor: { kind: 'builtin', name: 'echo' } });
    const agent2 = await key.post('/agents', { slug: 'echo-two', name: 'Echo 2', executor: { kind: 'builtin', name: 'echo' } });
    expect(agent.status).toBe(201);
    await key.post(`/agents/${agent.body.id}/versions`, { executor: { kind: 'builtin', name: 'echo' } });
    const run = await key.post('/runs', { agentId: 'echo', input: { n: 1 } });
    expect(run.status).toBe(201);
    await key.post('/runs', { agentId: 'echo', input: { n: 2 } });
    const hook = await key.post('/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['run.queued'] });
    expect(hook.status).toBe(201);
    await key.post('/webhooks', { url: 'http://127.0.0.1:9/other', events: ['run.queued'] });
    expect((await key.post(`/webhooks/${hook.body.id}/test`)).status).toBe(202);
    await key.post(`/webhooks/${hook.body.id}/test`);
    const messages = await eventually(() => key.get(`/webhooks/${hook.body.id}/messages`), (r) => r.body?.data?.length >= 2);
    const con = await session.post('/connections', { provider: 'github', credentials: { token: 'secret' } });
    await session.post('/connections', { provider: 'slack', credentials: { token: 'secret' } });
    const euCon = await key.post('/connections', { provider: 'github', credentials: { token: 'eu-secret' } }, { headers: { 'appstrate-user': eu.body.id } });
    expect(con.status).toBe(201);
    expect(euCon.status).toBe(201);
    // a second session, so the session list has two pages
    await new ApiClient(base).post('/auth/login', { email: `${label}@${label}.test`, password: PASSWORD });
    const sessions = await user.get('/me/sessions');
    expect(sessions.status).toBe(200);

    const cursorOf = async (client: ApiClient, path: string, headers: Record<string, string> = {}) => {
      const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}limit=1`, { headers });
      expect({ path, status: res.status, hasMore: res.body.hasMore }).toEqual({ path, status: 200, hasMore: true });
      return res.body.nextCursor as string;
    };
    const cursors: Record<string, string> = {
      '/applications': await cursorOf(session, '/applications'),
      '/api-keys': await cursorOf(session, '/api-keys'),
      '/end-users': await cursorOf(key, '/end-users'),
      '/connections': await cursorOf(session, '/connections'),
      '/agents': await cursorOf(key, '/agents'),
      [`/agents/{agent}/versions`]: await cursorOf(key, `/agents/${agent.body.id}/versions`),
      '/runs': await cursorOf(key, '/runs'),
      '/webhooks': await cursorOf(key, '/webhooks'),
      '/webhooks/{hook}/messages': await cursorOf(key, `/webhooks/${hook.body.id}/messages`),
      '/me/sessions': await cursorOf(user, '/me/sessions'),
      '/orgs': await user.withHeaders(csrf).post('/orgs', { name: `Spare ${label}` }).then(() => cursorOf(user, '/orgs')),
      '/audit-events': await eventually(() => session.get('/audit-events?limit=1'), (r) => r.body?.hasMore === true).then((r) => r.body.nextCursor as string),
    };

    return {
      user, session, userId, orgId, appId, app2Id: app2.body.id, key, keySecret: created.body.key, keyId: created.body.id, key2, key2Id: created2.body.id,
      endUserId: eu.body.id, endUser2Id: eu2.body.id, agentId: agent.body.id, agent2Id: agent2.body.id, runId: run.body.id,
      webhookId: hook.body.id, messageId: messages.body.data[0].id, connectionId: con.body.id, euConnectionId: euCon.body.id,
      sessionId: sessions.body.data[0].id, cursors,
    };
  }

  beforeAll(async () => {
    platform = await TestPlatform.start();
    base = `${platform.url}/api`;
    db = new pg.Client({ connectionString: platform.db.url });
    await db.connect();
    a = await tenant('alice');
    b = await tenant('bob');
  });

  afterAll(async () => {
    await db?.end();
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

  describe('bad input is a 4xx problem, never a 5xx or a hang', () => {
    interface Probe {
      label: string;
      method: string;
      path: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      as?: 'key' | 'session' | 'anonymous';
    }

    async function probeAll(probes: Probe[]): Promise<void> {
      const wrong: string[] = [];
      for (const p of probes) {
        const client = p.as === 'session' ? a.session : p.as === 'anonymous' ? new ApiClient(base) : a.key;
        const started = Date.now();
        let res: ApiResponse;
        try {
          res = await client.request(p.method, p.path, { body: p.body, rawBody: p.raw, headers: p.headers });
        } catch (error) {
          wrong.push(`${p.label}: ${(error as Error).message}`);
          continue;
        }
        const took = Date.now() - started;
        const ok = res.status >= 400 && res.status < 500 && String(res.headers.get('content-type')).includes('application/problem+json')
          && /^[a-z][a-z0-9_]*$/.test(String(res.body?.code)) && took < 3000;
        if (!ok) wrong.push(`${p.label}: ${res.status} in ${took} ms ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
    }

    const deep = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
    const json = { 'content-type': 'application/json' };

    it('bodies of the wrong shape', async () => {
      await probeAll([
        { label: 'null body', method: 'POST', path: '/end-users', raw: 'null', headers: json },
        { label: 'null PATCH', method: 'PATCH', path: `/end-users/${a.endUserId}`, raw: 'null', headers: json },
        { label: 'null run', method: 'POST', path: '/runs', raw: 'null', headers: json },
        { label: 'array body', method: 'POST', path: '/end-users', raw: '[{"externalId":"x"}]', headers: json },
        { label: 'string body', method: 'POST', path: '/end-users', raw: '"x"', headers: json },
        { label: 'number body', method: 'POST', path: '/runs', raw: '42', headers: json },
        { label: 'array PATCH', method: 'PATCH', path: `/end-users/${a.endUserId}`, raw: '[1,2]', headers: json },
        { label: 'null PATCH agents', method: 'PATCH', path: `/agents/${a.agentId}`, raw: '"x"', headers: json },
        { label: 'array PATCH webhooks', method: 'PATCH', path: `/webhooks/${a.webhookId}`, raw: '[]', headers: json },
        { label: 'array PATCH app', method: 'PATCH', path: `/applications/${a.appId}`, raw: '[]', headers: json, as: 'session' },
        { label: 'string rotate', method: 'POST', path: `/webhooks/${a.webhookId}/rotate-secret`, raw: '"x"', headers: json },
        { label: 'array recover', method: 'POST', path: `/webhooks/${a.webhookId}/recover`, raw: '[]', headers: json },
        { label: 'array publish', method: 'POST', path: `/agents/${a.agentId}/versions`, raw: '[]', headers: json },
        { label: 'array settings', method: 'PATCH', path: `/orgs/${a.orgId}/settings`, raw: '[]', headers: json, as: 'session' },
        { label: 'array quotas', method: 'PATCH', path: `/orgs/${a.orgId}/quotas`, raw: '[]', headers: json, as: 'session' },
        { label: 'array signup', method: 'POST', path: '/auth/signup', raw: '[]', headers: json, as: 'anonymous' },
        { label: 'null login', method: 'POST', path: '/auth/login', raw: 'null', headers: json, as: 'anonymous' },
        { label: 'array org', method: 'POST', path: '/orgs', raw: '[]', headers: json, as: 'session' },
        { label: 'wrong types run', method: 'POST', path: '/runs', body: { agentId: 42, input: 'x', version: '1' } },
        { label: 'wrong types run 2', method: 'POST', path: '/runs', body: { agentId: ['echo'], input: [] } },
        { label: 'input null', method: 'POST', path: '/runs', body: { agentId: 'echo', input: null } },
        { label: 'version huge', method: 'POST', path: '/runs', body: { agentId: 'echo', version: 1e300, input: {} } },
        { label: 'version 2^53', method: 'POST', path: '/runs', body: { agentId: 'echo', version: 2 ** 53, input: {} } },
        { label: 'version 2^31', method: 'POST', path: '/runs', body: { agentId: 'echo', version: 2 ** 31, input: {} } },
        { label: 'metadata array', method: 'POST', path: '/runs', body: { agentId: 'echo', input: {}, metadata: [1] } },
        { label: 'agentId huge', method: 'POST', path: '/runs', body: { agentId: 'x'.repeat(100_000), input: {} } },
        { label: 'agentId nul', method: 'POST', path: '/runs', body: { agentId: 'echo\u0000', input: {} } },
        { label: 'end-user wrong types', method: 'POST', path: '/end-users', body: { externalId: 1, email: true, metadata: 'x' } },
        { label: 'end-user metadata 51 keys', method: 'POST', path: '/end-users', body: { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) } },
        { label: 'end-user metadata nested', method: 'POST', path: '/end-users', raw: `{"metadata":${deep(40, '1')}}`, headers: json },
        { label: 'end-user huge name', method: 'POST', path: '/end-users', body: { name: 'x'.repeat(500_000) } },
        { label: 'end-user bad email', method: 'POST', path: '/end-users', body: { email: 'not an email' } },
        { label: 'agent wrong executor', method: 'POST', path: '/agents', body: { slug: 'x1', name: 'x', executor: 'builtin' } },
        { label: 'agent unknown kind', method: 'POST', path: '/agents', body: { slug: 'x2', name: 'x', executor: { kind: 'shell' } } },
        { label: 'agent executor array', method: 'POST', path: '/agents', body: { slug: 'x3', name: 'x', executor: [] } },
        { label: 'agent executor null', method: 'POST', path: '/agents', body: { slug: 'x4', name: 'x', executor: null } },
        { label: 'agent bad slug', method: 'POST', path: '/agents', body: { slug: '../../etc', name: 'x', executor: { kind: 'builtin', name: 'echo' } } },
        { label: 'agent schema not schema', method: 'POST', path: '/agents', body: { slug: 'x5', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { type: 'banana' } } },
        { label: 'agent schema array', method: 'POST', path: '/agents', body: { slug: 'x6', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: [] } },
        { label: 'agent remote ref', method: 'POST', path: '/agents', body: { slug: 'x7', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { $ref: 'http://169.254.169.254/latest' } } },
        { label: 'agent bad regex', method: 'POST', path: '/agents', body: { slug: 'x8', name: 'x', executor: { kind: 'builtin', name: 'echo' }, inputSchema: { type: 'string', pattern: '(' } } },
        { label: 'agent timeout', method: 'POST', path: '/agents', body: { slug: 'x9', name: 'x', executor: { kind: 'builtin', name: 'echo' }, timeoutSeconds: -5 } },
        { label: 'agent http bad url', method: 'POST', path: '/agents', body: { slug: 'x10', name: 'x', executor: { kind: 'http', url: 'file:///etc/passwd' } } },
        { label: 'agent command bad', method: 'POST', path: '/agents', body: { slug: 'x11', name: 'x', executor: { kind: 'command', command: 'rm -rf /' } } },
        { label: 'webhook bad url', method: 'POST', path: '/webhooks', body: { url: 'javascript:alert(1)', events: ['run.queued'] } },
        { label: 'webhook ftp', method: 'POST', path: '/webhooks', body: { url: 'ftp://example.com/x', events: ['run.queued'] } },
        { label: 'webhook bad events', method: 'POST', path: '/webhooks', body: { url: 'http://127.0.0.1:9/x', events: 'run.queued' } },
        { label: 'webhook unknown event', method: 'POST', path: '/webhooks', body: { url: 'http://127.0.0.1:9/x', events: ['run.exploded'] } },
        { label: 'webhook enabled string', method: 'PATCH', path: `/webhooks/${a.webhookId}`, body: { enabled: 'yes' } },
        { label: 'webhook url null', method: 'PATCH', path: `/webhooks/${a.webhookId}`, body: { url: null } },
        { label: 'rotate negative', method: 'POST', path: `/webhooks/${a.webhookId}/rotate-secret`, body: { overlapSeconds: -1 } },
        { label: 'rotate huge', method: 'POST', path: `/webhooks/${a.webhookId}/rotate-secret`, body: { overlapSeconds: 1e12 } },
        { label: 'recover bad since', method: 'POST', path: `/webhooks/${a.webhookId}/recover`, body: { since: 'yesterday' } },
        { label: 'recover epoch', method: 'POST', path: `/webhooks/${a.webhookId}/recover`, body: { since: '0001-01-01T00:00:00Z' } },
        { label: 'connection bad provider', method: 'POST', path: '/connections', body: { provider: 'GitHub!', credentials: {} }, as: 'session' },
        { label: 'connection creds string', method: 'POST', path: '/connections', body: { provider: 'github', credentials: 'token' }, as: 'session' },
        { label: 'api key scopes string', method: 'POST', path: '/api-keys', body: { name: 'x', scopes: 'runs:read' }, as: 'session' },
        { label: 'api key expires past', method: 'POST', path: '/api-keys', body: { name: 'x', scopes: ['runs:read'], expiresAt: '2000-01-01T00:00:00Z' }, as: 'session' },
        { label: 'api key expires junk', method: 'POST', path: '/api-keys', body: { name: 'x', scopes: ['runs:read'], expiresAt: '+275760-09-13T00:00:00.000Z' }, as: 'session' },
        { label: 'api key expires far', method: 'POST', path: '/api-keys', body: { name: 'x', scopes: ['runs:read'], expiresAt: '9999-99-99T00:00:00Z' }, as: 'session' },
        { label: 'api key blank name', method: 'POST', path: '/api-keys', body: { name: '   ', scopes: ['runs:read'] }, as: 'session' },
        { label: 'quotas negative', method: 'PATCH', path: `/orgs/${a.orgId}/quotas`, body: { requestsPerMinute: -1 }, as: 'session' },
        { label: 'quotas huge', method: 'PATCH', path: `/orgs/${a.orgId}/quotas`, body: { dailyBudgetMicroUsd: 1e20 }, as: 'session' },
        { label: 'quotas float', method: 'PATCH', path: `/orgs/${a.orgId}/quotas`, body: { maxConcurrentRuns: 1.5 }, as: 'session' },
        { label: 'settings bad version', method: 'PATCH', path: `/orgs/${a.orgId}/settings`, body: { apiVersion: '1999-01-01' }, as: 'session' },
        { label: 'settings retention', method: 'PATCH', path: `/orgs/${a.orgId}/settings`, body: { auditRetentionDays: 1e9 }, as: 'session' },
        { label: 'org huge name', method: 'POST', path: '/orgs', body: { name: 'x'.repeat(10_000) }, as: 'session' },
        { label: 'app nul name', method: 'POST', path: '/applications', body: { name: 'a\u0000b' }, as: 'session' },
        { label: 'proto pollution', method: 'POST', path: '/end-users', raw: '{"__proto__":{"admin":true},"name":"x"}', headers: json },
        { label: 'constructor pollution', method: 'POST', path: '/end-users', raw: '{"constructor":{"prototype":{"admin":true}}}', headers: json },
      ]);
    });

    it('NUL bytes and unicode tricks in strings', async () => {
      await probeAll([
        { label: 'nul end-user name', method: 'POST', path: '/end-users', body: { name: 'a\u0000b' } },
        { label: 'nul externalId', method: 'POST', path: '/end-users', body: { externalId: 'a\u0000b' } },
        { label: 'nul metadata', method: 'POST', path: '/end-users', body: { metadata: { k: 'a\u0000b' } } },
        { label: 'nul metadata key', method: 'POST', path: '/end-users', body: { metadata: { 'a\u0000': 'b' } } },
        { label: 'nul run input', method: 'POST', path: '/runs', body: { agentId: 'echo', input: { s: 'a\u0000b' } } },
        { label: 'nul run metadata', method: 'POST', path: '/runs', body: { agentId: 'echo', input: {}, metadata: { s: 'a\u0000b' } } },
        { label: 'nul agent name', method: 'POST', path: '/agents', body: { slug: 'nul', name: 'a\u0000b', executor: { kind: 'builtin', name: 'echo' } } },
        { label: 'nul webhook description', method: 'POST', path: '/webhooks', body: { url: 'http://127.0.0.1:9/x', events: ['run.queued'], description: 'a\u0000' } },
        { label: 'nul connection label', method: 'POST', path: '/connections', body: { provider: 'x', label: 'a\u0000', credentials: { a: 'b' } }, as: 'session' },
        { label: 'nul api key name', method: 'POST', path: '/api-keys', body: { name: 'a\u0000', scopes: ['runs:read'] }, as: 'session' },
        { label: 'nul signup email', method: 'POST', path: '/auth/signup', body: { email: 'nul\u0000@x.test', password: PASSWORD, name: 'x' }, as: 'anonymous' },
        { label: 'nul signup name', method: 'POST', path: '/auth/signup', body: { email: 'nulname@x.test', password: PASSWORD, name: 'a\u0000' }, as: 'anonymous' },
        { label: 'nul login', method: 'POST', path: '/auth/login', body: { email: 'alice@alice.test\u0000', password: PASSWORD }, as: 'anonymous' },
        { label: 'nul filter', method: 'GET', path: '/end-users?externalId=a%00b' },
        { label: 'nul audit filter', method: 'GET', path: '/audit-events?action=a%00b', as: 'session' },
        { label: 'nul run filter', method: 'GET', path: '/runs?agentId=a%00b' },
        { label: 'lone surrogate', method: 'POST', path: '/end-users', raw: '{"name":"\\ud800","externalId":"\\udfff"}', headers: json },
        { label: 'lone surrogate in input', method: 'POST', path: '/runs', raw: '{"agentId":"echo","input":{"a":["\\udc00x"]}}', headers: json },
        { label: 'nul deep in input', method: 'POST', path: '/runs', raw: `{"agentId":"echo","input":${deep(5000, '"\\u0000"')}}`, headers: json },
        { label: 'nul in query', method: 'GET', path: '/runs?status=queued%00' },
        { label: 'nul in path id', method: 'GET', path: '/runs/run_%00' },
        { label: 'nul in webhook url', method: 'POST', path: '/webhooks', body: { url: 'http://127.0.0.1:9/\u0000', events: ['run.queued'] } },
      ]);
    });

    it('content types other than JSON → 415, empty JSON → 400', async () => {
      const res = await a.key.request('POST', '/end-users', { rawBody: 'externalId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectProblem(res, 415, 'unsupported_media_type');
      const text = await a.key.request('POST', '/end-users', { rawBody: '{"externalId":"x"}', headers: { 'content-type': 'text/plain' } });
      expectProblem(text, 415, 'unsupported_media_type');
      const empty = await a.key.request('POST', '/end-users', { rawBody: '', headers: json });
      expect([201, 400]).toContain(empty.status);
      await probeAll([
        { label: 'multipart', method: 'POST', path: '/runs', raw: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
        { label: 'xml', method: 'POST', path: '/runs', raw: '<run/>', headers: { 'content-type': 'application/xml' } },
        { label: 'json utf-16', method: 'POST', path: '/runs', raw: '{}', headers: { 'content-type': 'application/json; charset=utf-16' } },
        { label: 'broken json', method: 'POST', path: '/runs', raw: '{"agentId":', headers: json },
        { label: 'deep json at the limit is fine', method: 'GET', path: '/runs?status=nope' },
        { label: 'deep json', method: 'POST', path: '/runs', raw: `{"agentId":"echo","input":${deep(20_000, '1')}}`, headers: json },
        { label: 'deep array json', method: 'POST', path: '/runs', raw: `{"agentId":"echo","input":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`, headers: json },
        { label: 'deep json idem', method: 'POST', path: '/runs', raw: `{"agentId":"echo","input":${deep(20_000, '1')}}`, headers: { ...json, 'idempotency-key': 'deep-1' } },
        { label: 'deep end-user idem', method: 'POST', path: '/end-users', raw: `{"metadata":${deep(20_000, '1')}}`, headers: { ...json, 'idempotency-key': 'deep-2' } },
        { label: 'deep webhook', method: 'PATCH', path: `/webhooks/${a.webhookId}`, raw: `{"description":${deep(20_000, '1')}}`, headers: json },
      ]);
    });

    it('query strings: limits, unknown filters, bad filter values', async () => {
      const lists = ['/runs', '/agents', '/end-users', '/webhooks', `/webhooks/${a.webhookId}/messages`, `/agents/${a.agentId}/versions`];
      const sessionLists = ['/applications', '/api-keys', '/connections', '/audit-events', `/orgs/${a.orgId}/members`, '/me/sessions', '/orgs'];
      const bad = ['limit=-1', 'limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=99999999999999999999999', 'limit=', 'limit=1&limit=2', 'limit=0x10', 'limit=1e1',
        'cursor=abc', 'cursor=a.b', `cursor=${'x'.repeat(5000)}`, 'cursor=1&cursor=2', 'bogus=1', 'constructor=1', '__proto__=1', 'hasOwnProperty=1'];
      const probes: Probe[] = [];
      for (const list of [...lists, ...sessionLists]) {
        for (const q of bad) probes.push({ label: `${list}?${q}`, method: 'GET', path: `${list}?${q}`, as: sessionLists.includes(list) ? 'session' : 'key' });
      }
      probes.push(
        { label: 'runs bad status', method: 'GET', path: '/runs?status=exploded' },
        { label: 'runs status array', method: 'GET', path: '/runs?status=queued&status=running' },
        { label: 'runs bad date', method: 'GET', path: '/runs?createdAfter=yesterday' },
        { label: 'runs huge date', method: 'GET', path: '/runs?createdBefore=99999-01-01T00:00:00Z' },
        { label: 'runs bad end-user', method: 'GET', path: `/runs?endUserId=${'x'.repeat(2000)}` },
        { label: 'runs long agentId', method: 'GET', path: `/runs?agentId=${'x'.repeat(5000)}` },
        { label: 'messages bad status', method: 'GET', path: `/webhooks/${a.webhookId}/messages?status=weird` },
        { label: 'audit bad outcome', method: 'GET', path: '/audit-events?outcome=maybe', as: 'session' },
        { label: 'audit bad actorType', method: 'GET', path: '/audit-events?actorType=robot', as: 'session' },
        { label: 'audit bad from', method: 'GET', path: '/audit-events?from=nope', as: 'session' },
        { label: 'audit year 0', method: 'GET', path: '/audit-events?from=0000-01-01T00:00:00Z', as: 'session' },
        { label: 'audit long action', method: 'GET', path: `/audit-events?action=${'x'.repeat(5000)}`, as: 'session' },
        { label: 'audit action array', method: 'GET', path: '/audit-events?action=a&action=b', as: 'session' },
        { label: 'end-users email array', method: 'GET', path: '/end-users?email=a&email=b' },
        { label: 'end-users long filter', method: 'GET', path: `/end-users?externalId=${'x'.repeat(5000)}` },
      );
      await probeAll(probes);
      const ok = await a.key.get('/runs?limit=100');
      expect(ok.status).toBe(200);
    });

    it('malformed ids in paths → 404', async () => {
      const ids = ['..%2F..%2Fx', '%00', 'run_%00', 'x'.repeat(5000), `run_${'0'.repeat(26)}`, 'run_01hzzzzzzzzzzzzzzzzzzzzzzz', '%E2%80%AE', "'%20OR%201=1--", '%25', '%C0%AF', 'null', 'undefined', '__proto__', 'constructor'];
      const probes: Probe[] = [];
      for (const id of ids) {
        for (const [method, path, as] of [
          ['GET', `/runs/${id}`], ['GET', `/runs/${id}/events`], ['POST', `/runs/${id}/cancel`], ['GET', `/agents/${id}`], ['GET', `/agents/${id}/versions`],
          ['PATCH', `/agents/${id}`], ['GET', `/end-users/${id}`], ['PATCH', `/end-users/${id}`], ['DELETE', `/end-users/${id}`], ['GET', `/webhooks/${id}`],
          ['PATCH', `/webhooks/${id}`], ['GET', `/webhooks/${id}/messages`], ['POST', `/webhooks/${id}/test`], ['POST', `/webhooks/${a.webhookId}/messages/${id}/retry`],
          ['DELETE', `/connections/${id}`], ['GET', `/applications/${id}`, 'session'], ['GET', `/api-keys/${id}`, 'session'], ['DELETE', `/api-keys/${id}`, 'session'],
          ['GET', `/orgs/${id}`, 'session'], ['GET', `/orgs/${id}/members`, 'session'], ['DELETE', `/me/sessions/${id}`, 'session'],
        ] as [string, string, Probe['as']?][]) {
          probes.push({ label: `${method} ${path.slice(0, 80)}`, method, path, body: method === 'PATCH' ? {} : undefined, as });
        }
      }
      const wrong: string[] = [];
      for (const p of probes) {
        const client = p.as === 'session' ? a.session : a.key;
        const res = await client.request<{ code?: string }>(p.method, p.path, { body: p.body });
        if (res.status !== 404 || res.body?.code !== 'not_found') wrong.push(`${p.label}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
      expect(wrong).toEqual([]);
    });

    it('traversal in a path does not reach another route', async () => {
      const res = await a.key.get('/runs/..%2F..%2Fapi-keys');
      expectProblem(res, 404, 'not_found');
      const dots = await fetch(`${base}/runs/../api-keys`, { headers: { authorization: `Bearer ${a.keySecret}` } });
      expect([403, 404]).toContain(dots.status);
    });

    it('bad headers: Idempotency-Key, Authorization, versions, context ids', async () => {
      await probeAll([
        { label: 'idem empty', method: 'POST', path: '/end-users', body: {}, headers: { 'idempotency-key': '' } },
        { label: 'idem too long', method: 'POST', path: '/end-users', body: {}, headers: { 'idempotency-key': 'k'.repeat(256) } },
        { label: 'idem tab', method: 'POST', path: '/end-users', body: {}, headers: { 'idempotency-key': 'a\tb' } },
        { label: 'idem latin1', method: 'POST', path: '/end-users', body: {}, headers: { 'idempotency-key': 'caf\u00e9' } },
        { label: 'idem on bad body', method: 'POST', path: '/runs', raw: '{', headers: { ...json, 'idempotency-key': 'bad-body' } },
        { label: 'auth empty bearer', method: 'GET', path: '/runs', headers: { authorization: 'Bearer ' }, as: 'anonymous' },
        { label: 'auth basic', method: 'GET', path: '/runs', headers: { authorization: 'Basic YTpi' }, as: 'anonymous' },
        { label: 'auth huge', method: 'GET', path: '/runs', headers: { authorization: `Bearer ask_live_${'A'.repeat(10_000)}` }, as: 'anonymous' },
        { label: 'auth bad checksum', method: 'GET', path: '/runs', headers: { authorization: `Bearer ask_live_${'A'.repeat(38)}` }, as: 'anonymous' },
        { label: 'auth two tokens', method: 'GET', path: '/runs', headers: { authorization: 'Bearer a b' }, as: 'anonymous' },
        { label: 'version junk', method: 'GET', path: '/runs', headers: { 'appstrate-version': 'latest' } },
        { label: 'version long', method: 'GET', path: '/runs', headers: { 'appstrate-version': '2'.repeat(5000) } },
        { label: 'version impossible date', method: 'GET', path: '/runs', headers: { 'appstrate-version': '2024-02-30' } },
        { label: 'org header junk', method: 'GET', path: '/runs', headers: { 'x-org-id': 'org_' + 'x'.repeat(500) }, as: 'session' },
        { label: 'org header empty', method: 'GET', path: '/runs', headers: { 'x-org-id': '' }, as: 'session' },
        { label: 'app header junk', method: 'GET', path: '/runs', headers: { 'x-application-id': "app_' or 1=1" }, as: 'session' },
        { label: 'app header other org', method: 'GET', path: '/runs', headers: { 'x-application-id': b.appId }, as: 'session' },
        { label: 'key with foreign org header', method: 'GET', path: '/runs', headers: { 'x-org-id': b.orgId } },
        { label: 'key with foreign app header', method: 'GET', path: '/runs', headers: { 'x-application-id': a.app2Id } },
        { label: 'end-user junk', method: 'GET', path: '/runs', headers: { 'appstrate-user': 'eu_' + 'x'.repeat(1000) } },
        { label: 'end-user unknown', method: 'GET', path: '/runs', headers: { 'appstrate-user': `eu_${'0'.repeat(26)}` } },
        { label: 'end-user empty', method: 'GET', path: '/runs', headers: { 'appstrate-user': '' } },
        { label: 'csrf wrong', method: 'POST', path: '/applications', body: { name: 'x' }, headers: { 'x-csrf-token': 'nope' }, as: 'session' },
      ]);
    });

    it('names the refusal precisely', async () => {
      const nul = await a.key.post('/end-users', { name: 'a\u0000b' });
      expectProblem(nul, 400, 'validation_failed');
      expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'invalid_characters' })]);
      const deepInput = await a.key.request('POST', '/runs', { rawBody: `{"agentId":"echo","input":${deep(150, '1')}}`, headers: json });
      expectProblem(deepInput, 400, 'json_too_deep');
      const fine = await a.key.request('POST', '/runs', { rawBody: `{"agentId":"echo","input":${deep(60, '1')}}`, headers: json });
      expect(fine.status).toBe(201);
      const inherited = await a.key.get('/runs?constructor=1');
      expectProblem(inherited, 400, 'validation_failed');
      expect(inherited.body.errors).toEqual([expect.objectContaining({ field: 'constructor', code: 'unknown_field' })]);
      const version = await a.key.post('/runs', { agentId: 'echo', version: 2 ** 31, input: {} });
      expectProblem(version, 400, 'validation_failed');
      const nullBody = await a.key.request('POST', '/end-users', { rawBody: 'null', headers: json });
      expectProblem(nullBody, 400, 'validation_failed');
      const hex = await a.key.get('/runs?limit=0x10');
      expectProblem(hex, 400, 'validation_failed');
      const long = await a.key.get(`/runs/run_${'0'.repeat(500)}`);
      expectProblem(long, 404, 'not_found');
      expect(long.headers.get('request-id')).toBe(long.body.requestId);
      const badUrl = await a.key.get('/runs/%C0%AF');
      expectProblem(badUrl, 404, 'not_found');
    });

    it('lists that used to ignore ?limit and ?cursor honour them', async () => {
      const sessions = await a.user.get('/me/sessions?limit=1');
      expect(sessions.body).toMatchObject({ hasMore: true, data: [expect.anything()] });
      const next = await a.user.get(`/me/sessions?limit=1&cursor=${encodeURIComponent(sessions.body.nextCursor)}`);
      expect(next.status).toBe(200);
      expect(next.body.data[0].id).not.toBe(sessions.body.data[0].id);
      const orgs = await a.user.get('/orgs?limit=1');
      expect(orgs.body).toMatchObject({ hasMore: true, data: [expect.anything()] });
      expectProblem(await a.user.get('/orgs?bogus=1'), 400, 'validation_failed');
      const run = await eventually(() => a.key.get(`/runs/${a.runId}/events`), (r) => r.body?.data?.length >= 2);
      const page = await a.key.get(`/runs/${a.runId}/events?limit=1`);
      expect(page.body).toMatchObject({ hasMore: true, data: [run.body.data[0]] });
      expectProblem(await b.key.get(`/runs/${b.runId}/events?cursor=${encodeURIComponent(page.body.nextCursor)}`), 400, 'invalid_cursor');
    });
  });

  describe('races', () => {
    it('concurrent identical POST /runs with one Idempotency-Key create exactly one run', async () => {
      const body = { agentId: 'echo', input: { race: 1 } };
      const results = await Promise.all(Array.from({ length: 12 }, () => a.key.post('/runs', body, { headers: { 'idempotency-key': 'race-1' } })));
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const created = results.filter((r) => r.status === 201);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409, 'idempotency_in_progress');
      const runs = await a.key.get('/runs?limit=100');
      expect(runs.body.data.filter((r: { input: { race?: number } }) => r.input.race === 1)).toHaveLength(1);
      const replay = await a.key.post('/runs', body, { headers: { 'idempotency-key': 'race-1' } });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(created[0]!.body.id);
    });

    it('the same Idempotency-Key from another tenant or principal is independent', async () => {
      const body = { agentId: 'echo', input: { race: 2 } };
      const mine = await a.key.post('/runs', body, { headers: { 'idempotency-key': 'shared-key' } });
      const theirs = await b.key.post('/runs', body, { headers: { 'idempotency-key': 'shared-key' } });
      const session = await a.session.post('/runs', body, { headers: { 'idempotency-key': 'shared-key' } });
      expect([mine.status, theirs.status, session.status]).toEqual([201, 201, 201]);
      expect(new Set([mine.body.id, theirs.body.id, session.body.id]).size).toBe(3);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    });

    it('concurrent signups with case and Unicode variants of one email create one account', async () => {
      const variants = ['race@acme.test', 'RACE@acme.test', ' Race@Acme.Test ', 'rAcE@ACME.TEST', 'race@acme.test'];
      const results = await Promise.all(variants.map((email) => new ApiClient(base).post('/auth/signup', { email, password: PASSWORD, name: 'Race' })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, 'email_taken');
      const nfd = await new ApiClient(base).post('/auth/signup', { email: 'jose\u0301@acme.test', password: PASSWORD, name: 'J' });
      expect(nfd.status).toBe(201);
      const nfc = await new ApiClient(base).post('/auth/signup', { email: 'JOS\u00c9@acme.test', password: PASSWORD, name: 'J' });
      expectProblem(nfc, 409, 'email_taken');
    });

    it('concurrent creates with one externalId or slug: one wins, the rest 409', async () => {
      const users = await Promise.all(Array.from({ length: 6 }, () => a.key.post('/end-users', { externalId: 'dup-race' })));
      expect(users.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of users.filter((x) => x.status !== 201)) expectProblem(r, 409, 'external_id_taken');
      const agents = await Promise.all(Array.from({ length: 6 }, () => a.key.post('/agents', { slug: 'dup-race', name: 'x', executor: { kind: 'builtin', name: 'echo' } })));
      expect(agents.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of agents.filter((x) => x.status !== 201)) expectProblem(r, 409);
    });

    it('a key revoked while in use stops working at once, and never answers 5xx', async () => {
      const created = await a.session.post('/api-keys', { name: 'doomed', scopes: ['runs:read'] });
      const doomed = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
      expect((await doomed.get('/runs')).status).toBe(200);
      const hammer = Promise.all(Array.from({ length: 40 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 5));
        return (await doomed.get('/runs')).status;
      }));
      const revoke = await a.session.delete(`/api-keys/${created.body.id}`);
      expect(revoke.status).toBe(200);
      const statuses = await hammer;
      expect(statuses.every((s) => s === 200 || s === 401)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expectProblem(await doomed.get('/runs'), 401, 'invalid_api_key');
      const again = await a.session.delete(`/api-keys/${created.body.id}`);
      expect([200, 404, 409]).toContain(again.status);
    });
  });

  describe('permission edges', () => {
    let viewer: ApiClient;
    let member: ApiClient;
    let admin: ApiClient;
    let adminId: string;

    async function joinAs(role: string, label: string): Promise<{ client: ApiClient; userId: string }> {
      const { user, userId, csrf } = await signup(`${label}@alice.test`, label);
      await db.query(`INSERT INTO "tenancy"."memberships" ("org_id", "user_id", "role") VALUES ($1, $2, $3)`, [a.orgId, userId, role]);
      return { client: user.withHeaders({ ...csrf, 'x-org-id': a.orgId }), userId };
    }

    beforeAll(async () => {
      viewer = (await joinAs('viewer', 'viewer')).client;
      member = (await joinAs('member', 'member')).client;
      ({ client: admin, userId: adminId } = await joinAs('admin', 'admin'));
    });

    it('a viewer reads but changes nothing', async () => {
      expect((await viewer.get('/runs')).status).toBe(200);
      const denied: [string, string, unknown?, string?][] = [
        ['POST', '/agents', { slug: 'v', name: 'v', executor: { kind: 'builtin', name: 'echo' } }, 'agents:create'],
        ['POST', '/runs', { agentId: 'echo', input: {} }, 'agents:run'],
        ['POST', `/runs/${a.runId}/cancel`, undefined, 'runs:cancel'],
        ['PATCH', `/orgs/${a.orgId}/settings`, { auditRetentionDays: 30 }, 'settings:update'],
        ['PATCH', `/orgs/${a.orgId}/quotas`, { requestsPerMinute: 5 }, 'quotas:update'],
        ['POST', '/applications', { name: 'x' }, 'applications:create'],
        ['DELETE', `/applications/${a.app2Id}`, undefined, 'applications:delete'],
        ['GET', '/api-keys', undefined, 'api-keys:read'],
        ['POST', '/api-keys', { name: 'x', scopes: ['runs:read'] }, 'api-keys:create'],
        ['GET', '/api-keys/available-scopes', undefined, 'api-keys:create'],
        ['DELETE', `/api-keys/${a.keyId}`, undefined, 'api-keys:revoke'],
        ['GET', '/audit-events', undefined, 'audit:read'],
        ['POST', '/webhooks', { url: 'http://127.0.0.1:9/v', events: ['run.queued'] }, 'webhooks:create'],
        ['DELETE', `/end-users/${a.endUserId}`, undefined, 'end-users:delete'],
        ['POST', '/connections', { provider: 'x', credentials: {} }, 'connections:create'],
      ];
      for (const [method, path, body, permission] of denied) {
        const res = await viewer.request<any>(method, path, body === undefined ? {} : { body });
        expect({ path, status: res.status, code: res.body.code, permission: res.body.permission }).toEqual({ path, status: 403, code: 'insufficient_scope', permission });
      }
    });

    it('a member runs agents but cannot manage keys, webhooks or the org', async () => {
      expect((await member.post('/runs', { agentId: 'echo', input: {} })).status).toBe(201);
      expect((await member.get('/api-keys')).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', '/api-keys', { name: 'x', scopes: ['runs:read'] }], ['DELETE', `/api-keys/${a.keyId}`], ['GET', '/audit-events'],
        ['PATCH', `/webhooks/${a.webhookId}`, { enabled: false }], ['DELETE', `/agents/${a.agentId}`], ['PATCH', `/orgs/${a.orgId}/quotas`, { requestsPerMinute: 1 }],
      ] as [string, string, unknown?][]) {
        expectProblem(await member.request(method, path, body === undefined ? {} : { body }), 403, 'insufficient_scope');
      }
    });

    it('an API key on session-only routes → 403 session_required', async () => {
      for (const [method, path, body] of [
        ['GET', '/api-keys'], ['POST', '/api-keys', { name: 'x', scopes: ['runs:read'] }], ['GET', '/api-keys/available-scopes'],
        ['GET', `/api-keys/${a.keyId}`], ['DELETE', `/api-keys/${a.keyId}`], ['GET', '/me'], ['GET', '/me/sessions'], ['GET', '/orgs'],
        ['POST', '/orgs', { name: 'x' }], ['POST', '/auth/logout'],
      ] as [string, string, unknown?][]) {
        const res = await a.key.request<any>(method, path, body === undefined ? {} : { body });
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'session_required' });
      }
      expect((await a.session.get(`/api-keys/${a.keyId}`)).body.revokedAt).toBeNull();
    });

    it('an API key never reaches org administration, even of its own org', async () => {
      for (const path of [`/orgs/${a.orgId}`, `/orgs/${a.orgId}/members`]) {
        expectProblem(await a.key.get(path), 403, 'insufficient_scope');
      }
      expectProblem(await a.key.get(`/orgs/${b.orgId}/settings`), 404, 'not_found');
    });

    it('scopes beyond what a key may hold → 400 invalid_scopes naming them', async () => {
      for (const scopes of [['org:delete'], ['members:invite'], ['api-keys:create'], ['platform:kill-switch'], ['runs:read', 'bogus:thing'], ['RUNS:READ']]) {
        const res = await a.session.post('/api-keys', { name: 'greedy', scopes });
        expectProblem(res, 400, 'invalid_scopes');
      }
      const byMemberlessAdmin = await admin.post('/api-keys', { name: 'admin key', scopes: ['org:read'] });
      expectProblem(byMemberlessAdmin, 400, 'invalid_scopes');
    });

    it("a key's permissions shrink with its creator's role", async () => {
      const created = await admin.post('/api-keys', { name: 'admin key', scopes: ['webhooks:create', 'runs:read', 'agents:run'] });
      expect(created.status).toBe(201);
      const key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
      await db.query(`UPDATE "tenancy"."memberships" SET "role" = 'viewer' WHERE "org_id" = $1 AND "user_id" = $2`, [a.orgId, adminId]);
      await new Promise((r) => setTimeout(r, 6_000)); // membership cache (5 s); the key was never used, so it is not cached
      expectProblem(await key.post('/webhooks', { url: 'http://127.0.0.1:9/x', events: ['run.queued'] }), 403, 'insufficient_scope');
      expectProblem(await key.post('/runs', { agentId: 'echo', input: {} }), 403, 'insufficient_scope');
      expect((await key.get('/runs')).status).toBe(200);
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

    // With the backtracking engine this input blocked the runs service's event loop for minutes;
    // schema patterns now run on V8's linear-time engine.
    it('a catastrophic regex in a schema does not stall the runs service', async () => {
      const created = await a.key.post('/agents', {
        slug: 'redos', name: 'x', executor: { kind: 'builtin', name: 'echo' },
        inputSchema: { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } },
      });
      expect(created.status).toBe(201);
      const started = Date.now();
      const res = await a.key.post('/runs', { agentId: 'redos', input: { s: `${'a'.repeat(40)}!` } });
      expectProblem(res, 422, 'invalid_input');
      // A generous bound: the backtracking engine needed minutes here.
      expect(Date.now() - started).toBeLessThan(3_000);
      const ok = await a.key.post('/runs', { agentId: 'redos', input: { s: 'aaaa' } });
      expect(ok.status).toBe(201);
      const backreference = await a.key.post('/agents', {
        slug: 'backref', name: 'x', executor: { kind: 'builtin', name: 'echo' },
        inputSchema: { type: 'string', pattern: '(a)\\1' },
      });
      expectProblem(backreference, 400, 'invalid_schema');
    });
  });
});
