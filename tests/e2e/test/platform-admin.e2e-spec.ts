import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/** Platform administration: the orgs overview and support impersonation, for configured admins only. */
describe('platform administration', () => {
  let platform: TestPlatform;
  let base: string;
  let admin: ApiClient;
  let adminId: string;
  let customer: ApiClient;
  let customerId: string;
  let orgId: string;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'audit'], env: { PLATFORM_ADMINS: 'support@agentry.test' } });
    base = `${platform.url}/api`;
    const sre = await signup(base, 'support@agentry.test', 'Support');
    admin = sre.user.withHeaders(sre.csrf);
    adminId = sre.userId;
    const c = await signup(base, 'customer@acme.test', 'Customer');
    customerId = c.userId;
    orgId = (await c.user.withHeaders(c.csrf).post('/orgs', { name: 'Acme' })).body.id;
    customer = c.user.withHeaders({ ...c.csrf, 'x-org-id': orgId });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('lists every org for platform admins, and for nobody else', async () => {
    const orgs = await admin.get('/admin/orgs');
    expect(orgs.status).toBe(200);
    expect(orgs.body.data.map((o: { id: string }) => o.id)).toContain(orgId);
    expectProblem(await customer.get('/admin/orgs'), 403, 'insufficient_scope');
  });

  it('a support session acts as the user for a limited time, marked and audited with the admin, and ends on request', async () => {
    expectProblem(await customer.post('/admin/impersonations', { userId: adminId, reason: 'x', minutes: 5 }), 403, 'insufficient_scope');
    expectProblem(await admin.post('/admin/impersonations', { userId: customerId, reason: 'ticket 7', minutes: 31 }), 400, 'validation_failed');
    expectProblem(await admin.post('/admin/impersonations', { userId: adminId, reason: 'me', minutes: 5 }), 400, 'cannot_impersonate_self');

    const supportBrowser = admin.withHeaders({});
    const started = await supportBrowser.post('/admin/impersonations', { userId: customerId, reason: 'ticket 7', minutes: 10 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ object: 'impersonation', userId: customerId, impersonatorUserId: adminId, reason: 'ticket 7', endedAt: null });
    const minutes = (Date.parse(started.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);

    const asCustomer = supportBrowser.withHeaders({ 'x-csrf-token': started.body.csrfToken, 'x-org-id': orgId });
    const me = await asCustomer.get('/me');
    expect(me.body).toMatchObject({ id: customerId, impersonator: { userId: adminId, impersonationId: started.body.id } });
    expect(me.headers.get('agentry-impersonation')).toBe(started.body.id);
    const app = await asCustomer.post('/applications', { name: 'made by support' });
    expect(app.status).toBe(201);
    // No platform powers, no security changes, and nothing that would outlive the session.
    expectProblem(await asCustomer.get('/admin/orgs'), 403, 'insufficient_scope');
    expectProblem(await asCustomer.post('/me/2fa/setup'), 403, 'impersonation_forbidden');
    expectProblem(await asCustomer.post('/api-keys', { name: 'backdoor', scopes: ['runs:read'] }), 403, 'insufficient_scope');
    expectProblem(await asCustomer.post(`/orgs/${orgId}/invitations`, { email: 'support@agentry.test', role: 'member' }), 403, 'insufficient_scope');
    expectProblem(await asCustomer.post(`/orgs/${orgId}/transfer`, { userId: adminId }), 403, 'insufficient_scope');
    expectProblem(await asCustomer.delete(`/orgs/${orgId}`), 403, 'insufficient_scope');
    expectProblem(await asCustomer.post('/webhooks', { url: 'https://93.184.215.14/exfiltrate', events: ['*'] }), 403, 'insufficient_scope');
    expectProblem(await asCustomer.patch(`/orgs/${orgId}/quotas`, { requestsPerMinute: 1 }), 403, 'insufficient_scope');
    expectProblem(await asCustomer.post('/orgs', { name: 'made by support' }), 403, 'impersonation_forbidden');
    const invite = await customer.post(`/orgs/${orgId}/invitations`, { email: 'customer@acme.test', role: 'viewer' });
    expect(invite.status).toBe(201);
    expectProblem(await asCustomer.post(`/invitations/${invite.body.token}/accept`), 403, 'impersonation_forbidden');
    // Reads are audited too, in the org the session acts in.
    expect((await asCustomer.get('/runs')).status).toBe(200);
    expectProblem(await asCustomer.get('/runs/run_01JZZZZZZZZZZZZZZZZZZZZZZZ'), 404);
    const reads = await eventually(() => customer.get('/audit-events?action=support.access&limit=100'), (r) => r.body?.data?.some((e: { resource: { id: string } }) => e.resource.id === 'GET /api/runs/:id'));
    const byRoute = new Map(reads.body.data.map((e: { resource: { id: string }; outcome: string }) => [e.resource.id, e]));
    expect(byRoute.get('GET /api/runs')).toMatchObject({ outcome: 'success', impersonator: { userId: adminId, impersonationId: started.body.id } });
    expect(byRoute.get('GET /api/runs/:id')).toMatchObject({ outcome: 'failure', metadata: { status: 404 } });
    expect(byRoute.get('POST /api/api-keys')).toMatchObject({ outcome: 'denied' });

    const audited = await eventually(() => customer.get('/audit-events?action=application.create'), (r) => r.body?.data?.length === 1);
    expect(audited.body.data[0]).toMatchObject({ actor: { type: 'user', id: customerId }, impersonator: { userId: adminId, impersonationId: started.body.id } });

    const ended = await asCustomer.delete(`/admin/impersonations/${started.body.id}`);
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toBeTruthy();
    expectProblem(await asCustomer.get('/me'), 401);
    // The customer's own session was never touched.
    expect((await customer.get('/me')).body.impersonator).toBeUndefined();
    // The platform trail, for platform admins only, holds the impersonation with its reason.
    const trail = await eventually(() => admin.get('/admin/audit-events?action=impersonation.start'), (r) => r.body?.data?.length >= 1);
    expect(trail.body.data[0]).toMatchObject({ metadata: { reason: 'ticket 7' }, resource: { type: 'user', id: customerId } });
    expectProblem(await customer.get('/admin/audit-events'), 403, 'insufficient_scope');
  });

  it('a platform admin ends a support session from their own session; it cannot be ended twice', async () => {
    const supportBrowser = admin.withHeaders({});
    const started = await supportBrowser.post('/admin/impersonations', { userId: customerId, reason: 'ticket 8', minutes: 1 });
    expect((await admin.delete(`/admin/impersonations/${started.body.id}`)).status).toBe(200);
    expectProblem(await supportBrowser.get('/me'), 401);
    expectProblem(await admin.delete(`/admin/impersonations/${started.body.id}`), 409, 'impersonation_ended');
    expectProblem(await customer.delete(`/admin/impersonations/${started.body.id}`), 403, 'insufficient_scope');
  });
});
