import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';

/** The edge itself, with identity and tenancy only: sessions, CSRF, problem+json, versions, OpenAPI. */
describe('gateway edge', () => {
  let platform: TestPlatform;
  let user: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy'] });
    user = new ApiClient(`${platform.url}/api`);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('every response carries a Request-Id; errors are problem+json', async () => {
    const res = await user.get('/no-such-route');
    expect(res.status).toBe(404);
    expect(res.headers.get('request-id')).toMatch(/^req_[0-9A-Z]{26}$/);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', requestId: res.headers.get('request-id') });
  });

  it('signs up, sees /me with memberships after creating an org, logs out', async () => {
    const signup = await user.post('/auth/signup', { email: 'edge@acme.test', password: 'long enough password', name: 'Edge' });
    expect(signup.status).toBe(201);
    const dup = await new ApiClient(`${platform.url}/api`).post('/auth/signup', { email: ' EDGE@acme.test', password: 'long enough password', name: 'E' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');

    const csrf = { 'x-csrf-token': user.cookie('agentry_csrf')! };
    const org = await user.withHeaders(csrf).post('/orgs', { name: 'Edge Org' });
    expect(org.status).toBe(201);
    const me = await user.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'edge@acme.test', memberships: [expect.objectContaining({ orgId: org.body.id, role: 'owner' })] });
    expect(me.headers.get('appstrate-version')).toBeTruthy();

    const pinned = await user.withHeaders({ 'x-org-id': org.body.id }).get(`/orgs/${org.body.id}`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('appstrate-version')).toBe(org.body.apiVersion);

    const logout = await user.withHeaders(csrf).post('/auth/logout');
    expect(logout.status).toBe(204);
    const after = await user.get('/me');
    expect(after.status).toBe(401);
  });

  it('two-factor authentication: set up, enable with a code, then login asks for one', async () => {
    const { totpCode, totpStep } = await import('@agentry/identity');
    const person = new ApiClient(`${platform.url}/api`);
    await person.post('/auth/signup', { email: 'totp@acme.test', password: 'long enough password', name: 'T' });
    const csrf = { 'x-csrf-token': person.cookie('agentry_csrf')! };
    const setup = await person.withHeaders(csrf).post('/me/2fa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Agentry%3Atotp%40acme\.test\?secret=/);
    const step = totpStep();
    expect((await person.withHeaders(csrf).post('/me/2fa/enable', { code: totpCode(setup.body.secret, step) })).body.twoFactorEnabled).toBe(true);
    expect((await person.get('/me')).body.twoFactorEnabled).toBe(true);
    const fresh = new ApiClient(`${platform.url}/api`);
    const asked = await fresh.post('/auth/login', { email: 'totp@acme.test', password: 'long enough password' });
    expect(asked.status).toBe(401);
    expect(asked.body.code).toBe('totp_required');
    const wrong = await fresh.post('/auth/login', { email: 'totp@acme.test', password: 'long enough password', totpCode: '000000' });
    expect(wrong.body.code).toBe('invalid_totp_code');
    const ok = await fresh.post('/auth/login', { email: 'totp@acme.test', password: 'long enough password', totpCode: totpCode(setup.body.secret, step + 1) });
    expect(ok.status).toBe(200);
    expect(fresh.cookie('agentry_session')).toBeDefined();
    const bad = await person.withHeaders(csrf).post('/me/2fa/disable', { code: 'abc' });
    expect(bad.status).toBe(400);
  });

  it('answers a bad login with 401 invalid_credentials', async () => {
    const res = await new ApiClient(`${platform.url}/api`).post('/auth/login', { email: 'edge@acme.test', password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await user.get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/runs', '/api/runs/{id}', '/api/auth/signup']));
    const page = await fetch(`${platform.url}/api/docs`);
    expect(page.status).toBe(200);
  });

  it('documents bodies, query parameters, security and edge headers of every route', async () => {
    const { paths, components } = (await user.get('/openapi.json')).body;
    const createRun = paths['/api/runs'].post;
    const body = createRun.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['agentId', 'version', 'input', 'metadata']));
    expect(body.required).toEqual(expect.arrayContaining(['agentId', 'input']));
    expect(body.additionalProperties).toBe(false);
    expect(createRun.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(createRun.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Appstrate-User', 'Idempotency-Key', 'Appstrate-Version']));
    expect(createRun.responses.default.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const listRuns = paths['/api/runs'].get.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
    expect(listRuns).toEqual(expect.arrayContaining(['status', 'agentId', 'endUserId', 'createdAfter', 'createdBefore', 'limit', 'cursor']));
    // A path id is not a body field.
    expect(Object.keys(paths['/api/agents/{agentId}'].patch.requestBody.content['application/json'].schema.properties)).not.toContain('agentId');
    expect(paths['/api/agents'].post.requestBody.content['application/json'].schema.properties.executor.oneOf).toHaveLength(3);
    expect(components.schemas.HttpExecutorSpec.properties).toHaveProperty('url');
    expect(paths['/api/api-keys'].post.security).toEqual([{ session: [] }]);
    expect(paths['/api/auth/login'].post.security).toEqual([]);
    expect(components.securitySchemes.apiKey.bearerFormat).toContain('ask_live_');
    expect(paths['/healthz'].get.parameters).toEqual([]);
    // Every route that takes a JSON body documents it.
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { requestBody?: unknown }>>(paths)) {
      for (const method of ['post', 'patch', 'put']) {
        const op = item[method];
        const bodyless = /\/(logout|test|retry|cancel|setup|accept)$/.test(path) && path !== '/api/runs/{id}/cancel';
        if (op && !op.requestBody && !bodyless) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('the OpenAPI document validates, declares every path parameter, and marks session-only routes', async () => {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const doc = (await user.get('/openapi.json')).body;
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    const members = doc.paths['/api/orgs/{orgId}/members/{userId}'].patch;
    expect(members.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name).sort()).toEqual(['orgId', 'userId']);
    expect(members.security).toEqual([{ session: [] }]);
    const exportOp = doc.paths['/api/audit-events/export'].get;
    expect(exportOp.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'action', 'from']));
    expect(exportOp.parameters.map((p: { name: string }) => p.name)).not.toContain('cursor');
    expect(Object.keys(doc.paths['/api/runs/{id}/events'].get.responses['200'].content)).toEqual(['application/json', 'text/event-stream']);
  });

  it('exposes health, readiness and metrics', async () => {
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { postgres: 'ok', nats: 'ok' } });
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds');
  });

  it('answers 503 with a request id when a service is down, and recovers', async () => {
    await platform.stopService('identity');
    const res = await new ApiClient(`${platform.url}/api`).post('/auth/login', { email: 'edge@acme.test', password: 'long enough password' });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'service_unavailable', requestId: expect.stringMatching(/^req_/) });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts/);
    await platform.startService('identity');
    const again = await new ApiClient(`${platform.url}/api`).post('/auth/login', { email: 'edge@acme.test', password: 'long enough password' });
    expect(again.status).toBe(200);
  });

  it('limits login attempts per IP with IETF headers and Retry-After', async () => {
    const limited = await TestPlatform.start({ services: ['identity', 'tenancy'], env: {} });
    try {
      await limited.gateway.close();
      const { startGateway } = await import('@agentry/gateway');
      limited.gateway = await startGateway({ ...limited.env, PORT: '0', HOST: '127.0.0.1', PER_IP_AUTH_REQUESTS_PER_MINUTE: '3' });
      const client = new ApiClient(`${limited.url}/api`);
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await client.post('/auth/login', { email: 'nobody@acme.test', password: 'whatever password' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last!.body.code).toBe('rate_limited');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('ratelimit-policy')).toBe('"ip";q=3;w=60');
      expect(last!.headers.get('ratelimit')).toMatch(/^"ip";r=0;t=\d+$/);
    } finally {
      await limited.close();
    }
  });
});
