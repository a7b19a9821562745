import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { eventually } from './support/webhook-receiver.js';

/**
 * Audit consumes a durable JetStream consumer: while it is down, events wait in the stream;
 * when it comes back every record appears, exactly once.
 */
describe('audit survives its own downtime', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'runner', 'audit'] });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('stops audit, creates runs, restarts it, and finds every audit record exactly once', async () => {
    const user = new ApiClient(`${platform.url}/api`);
    await user.post('/auth/signup', { email: 'audit@acme.test', password: 'long enough password', name: 'Audit' });
    const csrf = { 'x-csrf-token': user.cookie('agentry_csrf')! };
    const org = await user.withHeaders(csrf).post('/orgs', { name: 'Audited' });
    const asOwner = user.withHeaders({ ...csrf, 'x-org-id': org.body.id });
    expect((await asOwner.post('/agents', { slug: 'echo', name: 'Echo', executor: { kind: 'builtin', name: 'echo' } })).status).toBe(201);

    await platform.stopService('audit');
    const runIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const run = await asOwner.post('/runs', { agentId: 'echo', input: { i } }, { headers: { 'idempotency-key': `audit-restart-${i}` } });
      expect(run.status).toBe(201);
      runIds.push(run.body.id);
    }
    // A retried request (same Idempotency-Key) must not add a second record.
    const retry = await asOwner.post('/runs', { agentId: 'echo', input: { i: 0 } }, { headers: { 'idempotency-key': 'audit-restart-0' } });
    expect(retry.body.id).toBe(runIds[0]);
    await new Promise((r) => setTimeout(r, 500));
    await platform.startService('audit');

    const listed = await eventually(
      () => asOwner.get('/audit-events?action=run.create&limit=100'),
      (r) => r.status === 200 && r.body.data.length >= runIds.length,
    );
    // Give a duplicate, if any, time to land before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const final = await asOwner.get('/audit-events?action=run.create&limit=100');
    const ids = final.body.data.map((e: { resource: { id: string } }) => e.resource.id).sort();
    expect(ids).toEqual([...runIds].sort());
    expect(listed.body.data.every((e: { outcome: string }) => e.outcome === 'success')).toBe(true);

    const verify = await asOwner.get('/audit-events/verify');
    if (verify.status === 200) expect(verify.body.valid).toBe(true);
  });
});
