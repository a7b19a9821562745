import { Webhook } from 'standardwebhooks';
import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';
import { eventually, WebhookReceiver } from './support/webhook-receiver.js';

/** Stopping runs through the gateway: one run, a filter, an org's kill switch, the platform's. */
describe('kill switches and bulk cancellation', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  let base: string;
  let owner: ApiClient;
  let orgId: string;
  let key: ApiClient;
  let secret: string;
  let admin: ApiClient;
  let viewer: ApiClient;

  const sleepRun = (ms = 60_000) => key.post('/runs', { agentId: 'nap', input: { ms } });
  const statusOf = async (id: string) => (await key.get(`/runs/${id}`)).body.status as string;

  beforeAll(async () => {
    platform = await TestPlatform.start({ env: { PLATFORM_ADMINS: 'sre@agentry.test' } });
    receiver = await new WebhookReceiver().start();
    base = `${platform.url}/api`;
    const { user, csrf } = await signup(base, 'owner@kill.test', 'Owner');
    orgId = (await user.withHeaders(csrf).post('/orgs', { name: 'Kill' })).body.id;
    owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    const created = await owner.post('/api-keys', { name: 'k', scopes: ['agents:run', 'runs:read', 'runs:cancel', 'kill-switch:read', 'kill-switch:engage', 'webhooks:create'] });
    key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
    const readOnly = await owner.post('/api-keys', { name: 'r', scopes: ['runs:read', 'kill-switch:read'] });
    viewer = new ApiClient(base, { authorization: `Bearer ${readOnly.body.key}` });
    expect((await owner.post('/agents', { slug: 'nap', name: 'Nap', executor: { kind: 'builtin', name: 'sleep' } })).status).toBe(201);
    const hook = await key.post('/webhooks', { url: receiver.url, events: ['kill_switch.engaged', 'kill_switch.released', 'run.cancelled'] });
    secret = hook.body.secret;
    const sre = await signup(base, 'sre@agentry.test', 'SRE');
    admin = sre.user.withHeaders(sre.csrf);
  });

  afterAll(async () => {
    await receiver?.close();
    await platform?.close();
  });

  it('POST /runs/cancel stops the matching live runs at once, runner included', async () => {
    const running = await sleepRun();
    await eventually(() => key.get(`/runs/${running.body.id}`), (r) => r.body?.status === 'running');
    const reply = await key.post('/runs/cancel', { agentId: 'nap', reason: 'maintenance' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ object: 'run_cancellation', matched: 1, cancelled: 1 });
    expect(await key.get(`/runs/${running.body.id}`)).toMatchObject({ body: { status: 'cancelled', cancelReason: 'maintenance' } });
    // The runner aborted the executor: no completion overwrote the cancellation.
    await new Promise((r) => setTimeout(r, 300));
    expect(await statusOf(running.body.id)).toBe('cancelled');
    expectProblem(await key.post('/runs/cancel', { status: 'failed' }), 400, 'validation_failed');
    expectProblem(await key.post('/runs/cancel', { bogus: 1 }), 400, 'validation_failed');
    expectProblem(await viewer.post('/runs/cancel', {}), 403, 'insufficient_scope');
  });

  it("the org's kill switch: engage cancels everything live and refuses new runs with 503; release reopens", async () => {
    const running = await sleepRun();
    await eventually(() => key.get(`/runs/${running.body.id}`), (r) => r.body?.status === 'running');
    const engaged = await key.put(`/orgs/${orgId}/kill-switch`, { reason: 'runaway costs' });
    expect(engaged.status).toBe(200);
    expect(engaged.body).toMatchObject({ object: 'kill_switch', scope: 'org', orgId, engaged: true, reason: 'runaway costs', cancelledRuns: 1 });
    expect(await statusOf(running.body.id)).toBe('cancelled');
    const refused = await sleepRun();
    expectProblem(refused, 503, 'kill_switch_engaged');
    expect(refused.body.detail).toContain('runaway costs');
    expect((await viewer.get(`/orgs/${orgId}/kill-switch`)).body).toMatchObject({ engaged: true });
    expectProblem(await viewer.put(`/orgs/${orgId}/kill-switch`, { reason: 'x' }), 403, 'insufficient_scope');
    // The key may engage but not release: releasing needs kill-switch:release.
    expectProblem(await key.delete(`/orgs/${orgId}/kill-switch`), 403, 'insufficient_scope');
    expect((await owner.delete(`/orgs/${orgId}/kill-switch`)).body).toMatchObject({ engaged: false });
    expect((await sleepRun(1)).status).toBe(201);

    const verified = await receiver.waitFor(() => receiver.received.filter((w) => /kill_switch\./.test(w.body)).length >= 2);
    void verified;
    const types = receiver.received.map((w) => new Webhook(secret).verify(w.body, {
      'webhook-id': String(w.headers['webhook-id']), 'webhook-timestamp': String(w.headers['webhook-timestamp']), 'webhook-signature': String(w.headers['webhook-signature']),
    }) as { type: string }).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['run.cancelled', 'kill_switch.engaged', 'kill_switch.released']));
    const audit = await eventually(() => owner.get('/audit-events?resourceType=kill_switch'), (r) => r.body?.data?.length >= 2);
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['kill_switch.engage', 'kill_switch.release']);
  });

  it('another org cannot see or touch this kill switch', async () => {
    const rival = await signup(base, 'rival@kill.test', 'Rival');
    const rivalOrg = (await rival.user.withHeaders(rival.csrf).post('/orgs', { name: 'Rival' })).body.id;
    const asRival = rival.user.withHeaders({ ...rival.csrf, 'x-org-id': rivalOrg });
    expectProblem(await asRival.get(`/orgs/${orgId}/kill-switch`), 404);
    expectProblem(await asRival.put(`/orgs/${orgId}/kill-switch`, { reason: 'sabotage' }), 404);
    expectProblem(await key.get(`/orgs/${rivalOrg}/kill-switch`), 404);
    expect((await key.get(`/orgs/${orgId}/kill-switch`)).body.engaged).toBe(false);
  });

  it('the platform kill switch: platform admins only; it stops every org', async () => {
    expectProblem(await owner.put('/admin/kill-switch', { reason: 'x' }), 403, 'insufficient_scope');
    expectProblem(await key.get('/admin/kill-switch'), 403, 'session_required');
    const running = await sleepRun();
    const engaged = await admin.put('/admin/kill-switch', { reason: 'incident' });
    expect(engaged.status).toBe(200);
    expect(engaged.body).toMatchObject({ scope: 'platform', orgId: null, engaged: true, reason: 'incident' });
    expect(await statusOf(running.body.id)).toBe('cancelled');
    expectProblem(await sleepRun(), 503, 'kill_switch_engaged');
    expect((await admin.get('/admin/kill-switch')).body.engaged).toBe(true);
    expect((await admin.delete('/admin/kill-switch')).body.engaged).toBe(false);
    expect((await sleepRun(1)).status).toBe(201);
  });
});
