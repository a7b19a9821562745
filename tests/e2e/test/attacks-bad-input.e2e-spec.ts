import { ApiClient, type ApiResponse } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { createTenant, expectProblem, PASSWORD, type Tenant } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/**
 * A careless or hostile client: every malformed body, query, path and header is a 4xx
 * problem+json with a stable code, never a 5xx or a hang.
 */
describe('attacks: bad input', () => {
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

  it('keys named like Object.prototype members are data in free-form JSON, not a 500', async () => {
    const input = { constructor: 'x', toString: { constructor: { valueOf: 1 } }, __defineGetter__: [] };
    const run = await a.key.post('/runs', { agentId: 'echo', input, metadata: { constructor: 'y' } });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ input, metadata: { constructor: 'y' } });
    const done = await eventually(() => a.key.get(`/runs/${run.body.id}`), (r) => r.body?.status === 'succeeded');
    expect(done.body.output).toEqual(input);
    const endUser = await a.key.post('/end-users', { name: 'p', metadata: { constructor: 'y' } });
    expect(endUser.status).toBe(201);
    expect((await a.key.patch(`/end-users/${endUser.body.id}`, { metadata: { constructor: 'z' } })).body.metadata).toEqual({ constructor: 'z' });
    expectProblem(await a.key.post('/agents', { slug: 'x1', name: 'x', executor: { kind: 'builtin', name: 'echo', constructor: 'x' } }), 400, 'validation_failed');
    const proto = await a.key.request<{ detail: string }>('POST', '/runs', { rawBody: '{"agentId":"echo","input":{"__proto__":{"admin":true}}}', headers: json });
    expectProblem(proto, 400, 'invalid_json');
    expect(proto.body.detail).toContain('__proto__');
  });

  it('body-less POSTs refuse unknown fields; a cancel may give its reason', async () => {
    expectProblem(await a.key.post(`/webhooks/${a.webhookId}/test`, { foo: 1 }), 400, 'validation_failed');
    expectProblem(await a.key.post(`/webhooks/${a.webhookId}/messages/${a.messageId}/retry`, { foo: 1 }), 400, 'validation_failed');
    const sleeper = await a.key.post('/agents', { slug: 'nap', name: 'Nap', executor: { kind: 'builtin', name: 'sleep' } });
    expect(sleeper.status).toBe(201);
    const run = await a.key.post('/runs', { agentId: 'nap', input: { ms: 30_000 } });
    expectProblem(await a.key.post(`/runs/${run.body.id}/cancel`, { foo: 1 }), 400, 'validation_failed');
    const cancelled = await a.key.post(`/runs/${run.body.id}/cancel`, { reason: 'customer asked' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'customer asked' });
    // An empty body with Content-Type: application/json is no body.
    const again = await a.key.request('POST', `/webhooks/${a.webhookId}/test`, { rawBody: '', headers: json });
    expect(again.status).toBe(202);
  });

  it('a filter naming a malformed id is 400, not an empty list', async () => {
    expectProblem(await a.key.get('/runs?endUserId=eu_zzz'), 400, 'validation_failed');
    expectProblem(await a.session.get('/audit-events?endUserId=bogus'), 400, 'validation_failed');
    const wrongType = await a.key.get('/runs?limit=abc');
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'limit', code: 'is_int' })]);
  });

  it('requests Node cannot parse still get a problem document with a request id', async () => {
    const { connect } = await import('node:net');
    const { hostname, port } = new URL(platform.url);
    const raw = (request: string) => new Promise<string>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
    });
    const cases: [string, number, string][] = [
      [`GET /api/runs HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      [`GET /api/runs?${'q'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers_too_large'],
      ['POST /api/runs HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\x7fb\r\nContent-Length: 2\r\n\r\n{}', 400, 'invalid_header'],
      ['POST /api/runs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n0\r\n\r\n', 400, 'invalid_framing'],
    ];
    for (const [request, status, code] of cases) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
      expect(head).toMatch(/\r\nRequest-Id: req_[0-9A-Z]{26}/i);
      expect(JSON.parse(body!)).toMatchObject({ status, code, requestId: expect.stringMatching(/^req_/) });
    }
  });

  it('runs stay readable whatever their size: input and metadata are capped, large pages end early', async () => {
    const big = { text: 'y'.repeat(700_000) };
    const refused = await a.key.post('/runs', { agentId: 'echo', input: big });
    expectProblem(refused, 400, 'validation_failed');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'input', code: 'max_json_bytes' })]);
    expectProblem(await a.key.post('/runs', { agentId: 'echo', input: {}, metadata: { m: 'z'.repeat(20_000) } }), 400, 'validation_failed');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await a.key.post('/runs', { agentId: 'echo', input: { text: 'x'.repeat(200_000), i } });
      expect(run.status).toBe(201);
      ids.push(run.body.id);
    }
    for (const id of ids) await eventually(() => a.key.get(`/runs/${id}`), (r) => r.body?.status === 'succeeded');
    const read = await a.key.get(`/runs/${ids[0]}`);
    expect(read.body.output.text).toHaveLength(200_000);
    // Each run is ~400 KB (input and its echo): a page holds what fits and points at the rest.
    const page = await a.key.get('/runs?limit=100');
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeLessThan(4);
    expect(page.body.hasMore).toBe(true);
    let seen = page.body.data.length;
    let cursor = page.body.nextCursor;
    while (cursor) {
      const next = await a.key.get(`/runs?limit=100&cursor=${encodeURIComponent(cursor)}`);
      expect(next.status).toBe(200);
      seen += next.body.data.length;
      cursor = next.body.nextCursor;
    }
    expect(seen).toBeGreaterThanOrEqual(4);
  });
});
