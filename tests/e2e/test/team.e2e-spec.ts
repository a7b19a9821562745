import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/** A team forms and changes through the gateway: invitations, roles, removal, transfer, deletion. */
describe('team: invitations, roles and the org lifecycle', () => {
  let platform: TestPlatform;
  let base: string;
  let owner: ApiClient;
  let orgId: string;
  let member: ApiClient;
  let memberId: string;
  let viewer: ApiClient;
  let viewerId: string;

  const inOrg = (client: ApiClient, csrf: Record<string, string>) => client.withHeaders({ ...csrf, 'x-org-id': orgId });

  /** Invites `email` with `role`, signs that person up and accepts; returns their org-scoped client. */
  async function join(email: string, role: string): Promise<{ client: ApiClient; userId: string }> {
    const invitation = await owner.post(`/orgs/${orgId}/invitations`, { email, role });
    expect(invitation.status).toBe(201);
    const preview = await new ApiClient(base).get(`/invitations/${invitation.body.token}`);
    expect(preview.body).toMatchObject({ object: 'invitation_preview', orgName: 'Team', role, email: email.toLowerCase() });
    const person = await signup(base, email, email.split('@')[0]!);
    const accepted = await person.user.withHeaders(person.csrf).post(`/invitations/${invitation.body.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: orgId, role });
    return { client: inOrg(person.user, person.csrf), userId: person.userId };
  }

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'runner', 'audit'] });
    base = `${platform.url}/api`;
    const founder = await signup(base, 'founder@team.test', 'Founder');
    orgId = (await founder.user.withHeaders(founder.csrf).post('/orgs', { name: 'Team' })).body.id;
    owner = inOrg(founder.user, founder.csrf);
    expect((await owner.post('/agents', { slug: 'echo', name: 'Echo', executor: { kind: 'builtin', name: 'echo' } })).status).toBe(201);
    ({ client: member, userId: memberId } = await join('Mia@Team.test', 'member'));
    ({ client: viewer, userId: viewerId } = await join('vic@team.test', 'viewer'));
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('built-in roles grant what api.md says', async () => {
    expect((await member.post('/runs', { agentId: 'echo', input: {} })).status).toBe(201);
    expectProblem(await member.post('/agents', { slug: 'm', name: 'm', executor: { kind: 'builtin', name: 'echo' } }), 403, 'insufficient_scope');
    expectProblem(await member.get('/audit-events'), 403, 'insufficient_scope');
    expect((await viewer.get('/runs')).status).toBe(200);
    expectProblem(await viewer.post('/runs', { agentId: 'echo', input: {} }), 403, 'insufficient_scope');
    expectProblem(await viewer.get('/api-keys'), 403, 'insufficient_scope');
    const members = await owner.get(`/orgs/${orgId}/members`);
    expect(members.body.data.map((m: { role: string }) => m.role).sort()).toEqual(['member', 'owner', 'viewer']);
  });

  it('a role change applies on the next request; nobody changes their own or the owner’s', async () => {
    expectProblem(await viewer.post('/runs', { agentId: 'echo', input: {} }), 403, 'insufficient_scope');
    expect((await owner.patch(`/orgs/${orgId}/members/${viewerId}`, { role: 'member' })).body.role).toBe('member');
    expect((await viewer.post('/runs', { agentId: 'echo', input: {} })).status).toBe(201);
    expectProblem(await owner.patch(`/orgs/${orgId}/members/${memberId}`, { role: 'owner' }), 403, 'cannot_assign_owner');
    expectProblem(await member.patch(`/orgs/${orgId}/members/${viewerId}`, { role: 'viewer' }), 403, 'insufficient_scope');
    expect((await owner.patch(`/orgs/${orgId}/members/${viewerId}`, { role: 'viewer' })).status).toBe(200);
  });

  it('custom roles: created, assigned, updated (members see the change at once), deleted when unused', async () => {
    const role = await owner.post(`/orgs/${orgId}/roles`, { name: 'Runner', permissions: ['runs:read'] });
    expect(role.status).toBe(201);
    await owner.patch(`/orgs/${orgId}/members/${viewerId}`, { role: role.body.id });
    expectProblem(await viewer.post('/runs', { agentId: 'echo', input: {} }), 403, 'insufficient_scope');
    expect((await owner.patch(`/orgs/${orgId}/roles/${role.body.id}`, { permissions: ['runs:read', 'agents:run'] })).status).toBe(200);
    expect((await viewer.post('/runs', { agentId: 'echo', input: {} })).status).toBe(201);
    expectProblem(await owner.delete(`/orgs/${orgId}/roles/${role.body.id}`), 409, 'role_in_use');
    await owner.patch(`/orgs/${orgId}/members/${viewerId}`, { role: 'viewer' });
    expect((await owner.delete(`/orgs/${orgId}/roles/${role.body.id}`)).status).toBe(200);
    expect((await owner.get(`/orgs/${orgId}/roles`)).body.data.map((r: { id: string }) => r.id)).toEqual(['owner', 'admin', 'member', 'viewer']);
  });

  it('invitations are for the invited email only, once, and can be revoked', async () => {
    const invitation = await owner.post(`/orgs/${orgId}/invitations`, { email: 'eve@team.test', role: 'member' });
    const intruder = await signup(base, 'mallory@team.test', 'Mallory');
    expectProblem(await intruder.user.withHeaders(intruder.csrf).post(`/invitations/${invitation.body.token}/accept`), 403, 'invitation_email_mismatch');
    expect((await owner.delete(`/orgs/${orgId}/invitations/${invitation.body.id}`)).body.status).toBe('revoked');
    expectProblem(await new ApiClient(base).get(`/invitations/${invitation.body.token}`), 410, 'invitation_used');
    expectProblem(await new ApiClient(base).get('/invitations/not-a-real-token'), 404);
    const listed = await owner.get(`/orgs/${orgId}/invitations`);
    expect(listed.body.data.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['accepted', 'revoked']));
    expectProblem(await member.post(`/orgs/${orgId}/invitations`, { email: 'x@team.test', role: 'member' }), 403, 'insufficient_scope');
  });

  it('a removed member loses the org at once, and so do the API keys they created', async () => {
    const admin = await join('ada@team.test', 'admin');
    const created = await admin.client.post('/api-keys', { name: 'theirs', scopes: ['runs:read'] });
    expect(created.status).toBe(201);
    const key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
    expect((await key.get('/runs')).status).toBe(200);
    expect((await admin.client.get('/runs')).status).toBe(200);
    expect((await owner.delete(`/orgs/${orgId}/members/${admin.userId}`)).status).toBe(200);
    expectProblem(await key.get('/runs'), 401, 'invalid_api_key');
    expectProblem(await admin.client.get('/runs'), 404);
    const audit = await eventually(() => owner.get('/audit-events?action=member.remove'), (r) => r.body?.data?.length === 1);
    expect(audit.body.data[0]).toMatchObject({ resource: { type: 'member', id: admin.userId } });
  });

  it('transfer makes another member the owner; deletion waits for runs to stop and then locks everyone out', async () => {
    expect((await owner.post(`/orgs/${orgId}/transfer`, { userId: memberId })).body).toMatchObject({ role: 'admin' });
    expectProblem(await owner.delete(`/orgs/${orgId}`), 403, 'insufficient_scope');
    expect((await member.patch(`/orgs/${orgId}`, { name: 'Team 2' })).body.name).toBe('Team 2');
    expect((await member.post('/agents', { slug: 'nap', name: 'Nap', executor: { kind: 'builtin', name: 'sleep' } })).status).toBe(201);
    const running = await member.post('/runs', { agentId: 'nap', input: { ms: 60_000 } });
    expectProblem(await member.delete(`/orgs/${orgId}`), 409, 'runs_in_flight');
    await member.post(`/runs/${running.body.id}/cancel`);
    expect((await member.delete(`/orgs/${orgId}`)).body).toEqual({ id: orgId, object: 'organization', deleted: true });
    expectProblem(await member.get('/runs'), 404);
    expectProblem(await owner.get(`/orgs/${orgId}`), 404);
    expect((await member.get('/orgs')).body.data.map((o: { id: string }) => o.id)).not.toContain(orgId);
  });
});
