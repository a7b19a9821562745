import { API_KEY_GRANTABLE_PERMISSIONS } from '@agentry/contracts';
import { ApiClient, type ApiResponse } from './http.js';
import { eventually } from './webhook-receiver.js';

/** Tenants for the attack suites: two of these per platform, each with one of everything. */

export interface Tenant {
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

export const PASSWORD = 'a long enough password';
const SCOPES = [...API_KEY_GRANTABLE_PERMISSIONS];

/** A problem document with a stable code and the request id. */
export function expectProblem(res: ApiResponse, status: number, code?: string): void {
  expect(`${res.status} ${JSON.stringify(res.body)}`).toMatch(new RegExp(`^${status} `));
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code: code ?? expect.stringMatching(/^[a-z][a-z0-9_]*$/), requestId: expect.stringMatching(/^req_/) });
}

/** A new dashboard user with a session, and the CSRF header its unsafe requests need. */
export async function signup(base: string, email: string, name: string): Promise<{ user: ApiClient; userId: string; csrf: Record<string, string> }> {
  const user = new ApiClient(base);
  const res = await user.post('/auth/signup', { email, password: PASSWORD, name });
  expect(res.status).toBe(201);
  return { user, userId: res.body.user.id, csrf: { 'x-csrf-token': user.cookie('agentry_csrf')! } };
}

/** An org with two applications, keys, end-users, agents, runs, webhooks, connections and a cursor per list. */
export async function createTenant(base: string, label: string): Promise<Tenant> {
  const { user, userId, csrf } = await signup(base, `${label}@${label}.test`, label);
  const org = await user.withHeaders(csrf).post('/orgs', { name: `Org ${label}` });
  expect(org.status).toBe(201);
  const orgId = org.body.id as string;
  const session = user.withHeaders({ ...csrf, 'x-org-id': orgId });
  // this file sends far more than the default 600 requests a minute per org
  expect((await session.patch(`/orgs/${orgId}/quotas`, { requestsPerMinute: 100_000 })).status).toBe(200);
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
