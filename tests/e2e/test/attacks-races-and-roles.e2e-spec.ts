import pg from 'pg';
import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { createTenant, expectProblem, PASSWORD, signup, type Tenant } from './support/tenants.js';

/**
 * Races and permission edges: one winner under concurrency, roles and key scopes exactly
 * as api.md grants them.
 */
describe('attacks: races and permissions', () => {
  let platform: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  let base: string;
  let db: pg.Client;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    base = `${platform.url}/api`;
    db = new pg.Client({ connectionString: platform.db.url });
    await db.connect();
    a = await createTenant(base, 'alice');
    b = await createTenant(base, 'bob');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.close();
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
      const { user, userId, csrf } = await signup(base, `${label}@alice.test`, label);
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
});
