import { Webhook } from 'standardwebhooks';
import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { eventually, WebhookReceiver } from './support/webhook-receiver.js';

/**
 * The main job, end to end through the gateway over HTTP: a customer's backend holding a scoped
 * API key starts an agent run on behalf of one of its end-users, and everything the platform
 * promises around that run happens.
 */
describe('journey: a backend runs an agent for its end-user', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  let owner: ApiClient;
  let orgId: string;
  let ownerId: string;
  let apiKey: string;
  let apiKeyId: string;
  let backend: ApiClient;
  let endUserId: string;
  let webhookSecret: string;
  let runId: string;
  let runRequestId: string;

  const runBody = { agentId: 'inbox-triage', input: { subject: 'Invoice overdue', body: 'Please pay' } };

  beforeAll(async () => {
    platform = await TestPlatform.start();
    receiver = await new WebhookReceiver().start();
    owner = new ApiClient(`${platform.url}/api`);
  });

  afterAll(async () => {
    await receiver?.close();
    await platform?.close();
  });

  const asOwner = () => owner.withHeaders({ 'x-org-id': orgId, 'x-csrf-token': owner.cookie('agentry_csrf') ?? '' });

  it('signs up and logs in', async () => {
    const signup = await owner.post('/auth/signup', { email: 'Founder@Acme.test', password: 'a long enough password', name: 'Founder' });
    expect(signup.status).toBe(201);
    expect(signup.body.user.email).toBe('founder@acme.test');
    expect(signup.body).not.toHaveProperty('sessionToken');
    expect(owner.cookie('agentry_session')).toBeDefined();
    ownerId = signup.body.user.id;

    const login = await owner.post('/auth/login', { email: 'founder@acme.test', password: 'a long enough password' });
    expect(login.status).toBe(200);
    expect(login.headers.get('request-id')).toMatch(/^req_/);
    expect(owner.cookie('agentry_csrf')).toBe(login.body.csrfToken);
  });

  it('creates an org, which makes the caller owner with a default application', async () => {
    const org = await owner.withHeaders({ 'x-csrf-token': owner.cookie('agentry_csrf')! }).post('/orgs', { name: 'Acme' });
    expect(org.status).toBe(201);
    orgId = org.body.id;
    expect(orgId).toMatch(/^org_/);
    const members = await asOwner().get(`/orgs/${orgId}/members`);
    expect(members.status).toBe(200);
    expect(members.body.data).toEqual([expect.objectContaining({ userId: ownerId, role: 'owner' })]);
  });

  it('creates a scoped API key, shown once', async () => {
    const created = await asOwner().post('/api-keys', {
      name: 'backend', scopes: ['agents:run', 'runs:read', 'end-users:create', 'end-users:read', 'end-users:impersonate', 'webhooks:create'],
    });
    expect(created.status).toBe(201);
    apiKey = created.body.key;
    apiKeyId = created.body.id;
    expect(apiKey).toMatch(/^ask_live_[0-9A-Za-z]{38}$/);
    const listed = await asOwner().get('/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(apiKey);
    backend = new ApiClient(`${platform.url}/api`, { authorization: `Bearer ${apiKey}` });
  });

  it('creates an end-user, an agent with an input schema and a webhook', async () => {
    const endUser = await backend.post('/end-users', { externalId: 'cust-42', email: 'jane@customer.test', metadata: { plan: 'pro' } });
    expect(endUser.status).toBe(201);
    endUserId = endUser.body.id;
    expect(endUserId).toMatch(/^eu_/);

    const agent = await asOwner().post('/agents', {
      slug: 'inbox-triage', name: 'Inbox triage', executor: { kind: 'builtin', name: 'echo' },
      inputSchema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string' }, body: { type: 'string' } }, additionalProperties: false },
    });
    expect(agent.status).toBe(201);

    const webhook = await backend.post('/webhooks', { url: receiver.url, events: ['run.queued', 'run.started', 'run.succeeded'] });
    expect(webhook.status).toBe(201);
    webhookSecret = webhook.body.secret;
    expect(webhookSecret).toMatch(/^whsec_/);
  });

  it('starts a run for the end-user: 201 queued, owned by the end-user', async () => {
    const created = await backend.post('/runs', runBody, { headers: { 'appstrate-user': endUserId, 'idempotency-key': 'run-2026-03-28-abc123' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'run', status: 'queued', endUserId, apiKeyId, createdBy: ownerId, input: runBody.input });
    expect(created.headers.get('appstrate-version')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(created.headers.get('ratelimit-policy')).toContain('"key"');
    expect(created.headers.get('ratelimit')).toMatch(/r=\d+;t=\d+/);
    runId = created.body.id;
    runRequestId = created.headers.get('request-id')!;
  });

  it('the run succeeds with the echoed output', async () => {
    const done = await eventually(
      () => backend.get(`/runs/${runId}`, { headers: { 'appstrate-user': endUserId } }),
      (r) => r.body?.status === 'succeeded' || r.body?.status === 'failed',
    );
    expect(done.body.status).toBe('succeeded');
    expect(done.body.output).toEqual(runBody.input);
    expect(done.body.startedAt).toBeTruthy();
    expect(done.body.finishedAt).toBeTruthy();
  });

  it('replays the same request with the same key, and refuses the key with another body', async () => {
    const again = await backend.post('/runs', runBody, { headers: { 'appstrate-user': endUserId, 'idempotency-key': 'run-2026-03-28-abc123' } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request-id')).toBe(runRequestId);
    expect(again.headers.get('request-id')).not.toBe(runRequestId);
    expect(again.body.id).toBe(runId);

    const other = await backend.post('/runs', { ...runBody, input: { subject: 'other' } }, {
      headers: { 'appstrate-user': endUserId, 'idempotency-key': 'run-2026-03-28-abc123' },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(other.headers.get('content-type')).toContain('application/problem+json');

    const runs = await backend.get('/runs', { headers: { 'appstrate-user': endUserId } });
    expect(runs.body.data.map((r: { id: string }) => r.id)).toEqual([runId]);
  });

  it('delivers run.queued, run.started and run.succeeded, signed per Standard Webhooks', async () => {
    const forRun = () => receiver.received.filter((w) => JSON.parse(w.body).data?.id === runId);
    await receiver.waitFor(() => forRun().length >= 3);
    const verifier = new Webhook(webhookSecret);
    const types = forRun().map((w) => {
      const payload = verifier.verify(w.body, {
        'webhook-id': String(w.headers['webhook-id']),
        'webhook-timestamp': String(w.headers['webhook-timestamp']),
        'webhook-signature': String(w.headers['webhook-signature']),
      }) as { type: string; orgId: string };
      expect(payload.orgId).toBe(orgId);
      return payload.type;
    });
    expect(types.sort()).toEqual(['run.queued', 'run.started', 'run.succeeded']);
  });

  it('audits the run creation with the key, its creator, the end-user, the IP and the request id', async () => {
    const audit = await eventually(
      () => asOwner().get('/audit-events?action=run.create'),
      (r) => r.status === 200 && r.body.data.some((e: { resource: { id: string } }) => e.resource.id === runId),
    );
    const record = audit.body.data.find((e: { resource: { id: string } }) => e.resource.id === runId);
    expect(record).toMatchObject({
      action: 'run.create', outcome: 'success', orgId, endUserId, requestId: runRequestId,
      actor: { type: 'api_key', id: apiKeyId, apiKeyId, userId: ownerId },
      resource: { type: 'run', id: runId },
    });
    expect(record.ip).toMatch(/127\.0\.0\.1/);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('refusals', () => {
    it('Appstrate-User on a cookie session → 400 header_not_allowed', async () => {
      const res = await asOwner().get('/runs', { headers: { 'appstrate-user': endUserId } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'header_not_allowed', status: 400 });
      expect(res.body.requestId).toMatch(/^req_/);
    });

    it('a malformed end-user id → 400 invalid_end_user_id', async () => {
      const res = await backend.get('/runs', { headers: { 'appstrate-user': 'usr_123' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_end_user_id');
    });

    it('an end-user of another application → 403 invalid_end_user', async () => {
      const app = await asOwner().post('/applications', { name: 'Second app' });
      expect(app.status).toBe(201);
      const foreign = await asOwner().withHeaders({ 'x-application-id': app.body.id }).post('/end-users', { externalId: 'cust-42' });
      expect(foreign.status).toBe(201);
      const res = await backend.get('/runs', { headers: { 'appstrate-user': foreign.body.id } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('invalid_end_user');
    });

    it('a key without the scope → 403 insufficient_scope naming it', async () => {
      const res = await backend.post('/agents', { slug: 'nope', name: 'Nope', executor: { kind: 'builtin', name: 'echo' } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'insufficient_scope', permission: 'agents:create' });
      const denied = await eventually(
        () => asOwner().get('/audit-events?outcome=denied'),
        (r) => r.status === 200 && r.body.data.length > 0,
      );
      expect(denied.body.data[0]).toMatchObject({ outcome: 'denied', actor: { type: 'api_key', id: apiKeyId } });
    });

    it('a revoked key → 401 invalid_api_key', async () => {
      const created = await asOwner().post('/api-keys', { name: 'short-lived', scopes: ['runs:read'] });
      const shortLived = new ApiClient(`${platform.url}/api`, { authorization: `Bearer ${created.body.key}` });
      expect((await shortLived.get('/runs')).status).toBe(200);
      expect((await asOwner().delete(`/api-keys/${created.body.id}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      const res = await shortLived.get('/runs');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_api_key');
      const garbage = await new ApiClient(`${platform.url}/api`, { authorization: 'Bearer ask_live_nope' }).get('/runs');
      expect(garbage.status).toBe(401);
      expect(garbage.body.code).toBe('invalid_api_key');
    });

    it("another org's run id → 404", async () => {
      const rival = new ApiClient(`${platform.url}/api`);
      await rival.post('/auth/signup', { email: 'rival@other.test', password: 'another long password', name: 'Rival' });
      const csrf = { 'x-csrf-token': rival.cookie('agentry_csrf')! };
      const org = await rival.withHeaders(csrf).post('/orgs', { name: 'Other' });
      const asRival = rival.withHeaders({ ...csrf, 'x-org-id': org.body.id });
      await asRival.post('/agents', { slug: 'echo', name: 'Echo', executor: { kind: 'builtin', name: 'echo' } });
      const rivalRun = await asRival.post('/runs', { agentId: 'echo', input: {} });
      expect(rivalRun.status).toBe(201);
      const res = await backend.get(`/runs/${rivalRun.body.id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
      const viaSession = await asOwner().get(`/runs/${rivalRun.body.id}`);
      expect(viaSession.status).toBe(404);
      const foreignOrg = await owner.withHeaders({ 'x-org-id': org.body.id }).get('/runs');
      expect(foreignOrg.status).toBe(404);
    });

    it('a body that fails the input schema → 422 invalid_input', async () => {
      const res = await backend.post('/runs', { agentId: 'inbox-triage', input: { body: 'no subject' } }, { headers: { 'appstrate-user': endUserId } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('invalid_input');
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('an unknown field → 400 validation_failed / unknown_field', async () => {
      const res = await backend.post('/runs', { ...runBody, priority: 'high' }, { headers: { 'appstrate-user': endUserId } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'priority', code: 'unknown_field' }));
    });

    it('a missing CSRF token on a cookie POST → 403 csrf_failed; no credentials → 401', async () => {
      const res = await owner.withHeaders({ 'x-org-id': orgId }).post('/applications', { name: 'x' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('csrf_failed');
      const anonymous = await new ApiClient(`${platform.url}/api`).get('/runs');
      expect(anonymous.status).toBe(401);
    });

    it('a body over 1 MiB → 413 payload_too_large, invalid JSON → 400', async () => {
      const big = await backend.post('/end-users', { name: 'x'.repeat(1024 * 1024 + 10) });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('payload_too_large');
      const broken = await backend.request<{ code: string }>('POST', '/end-users', { rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('invalid_json');
    });

    it('an unsupported Appstrate-Version → 400', async () => {
      const res = await backend.get('/runs', { headers: { 'appstrate-version': '1999-01-01' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('unsupported_api_version');
    });
  });
});
